import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline

/// `samples/sjovik-delarsrapport-2024-06-30.txt`: our own interim report in tkr with the real reports'
/// messes and one deliberate error (`Summa samverkansinsatser` -4 420 where its items sum to -4 410).
@Suite("The Sjövik sample")
struct TextReportSampleTests {
    static let result: BatchResult? = try? Repo.pipeline().run(paths: [Repo.sample("sjovik-delarsrapport-2024-06-30.txt")])
    var doc: Document { get throws { try #require(Self.result?.documents.first) } }
    let h1 = period("2024-01-01", "2024-06-30")

    @Test func document() throws {
        let d = try doc
        #expect(Self.result?.errors.isEmpty == true)
        #expect(d.kind == .delarsrapport)
        #expect(d.period == h1)
        #expect(d.decisionDate == day("2024-09-12"))
        #expect(d.organisation == Organisation(name: "Samordningsförbundet Sjövik", orgnr: "222000-5555"))
        #expect(d.unmapped.isEmpty, "\(d.unmapped)")
    }

    @Test func figures() throws {
        let d = try doc
        #expect(d.value("AretsResultat", h1, kind: .resultatrakning) == 280_000)
        #expect(d.value("AretsResultat", .budget, year(2024), kind: .resultatrakning) == 376_000)
        #expect(d.value("FinansiellaKostnader", h1) == 3_000)  // printed `(3)`
        #expect(d.value("EgetKapital", .instant(day("2024-06-30"))) == 4_500_000)  // the mislabelled subtotal
        #expect(d.value("SummaEgetKapitalAvsattningarSkulder", .instant(day("2023-12-31"))) == 4_980_000)
        #expect(d.value("LikvidaMedelVidAretsBorjan", .instant(day("2023-12-31"))) == 4_582_000)
        #expect(d.value("VerksamhetensIntakter", h1, kind: .flerarsoversikt) == 6_120_000)  // `6,120` in TSEK
        #expect(d.value("KostnaderInsatser", h1, kind: .driftsredovisning) == 4_420_000)  // printed wrong, kept as printed
        #expect(d.value("KostnadInsats", .prognos, year(2024), member: "Arbetsbryggan", dimensions: ["ägare": "Bergby kommun"]) == 2_300_000)
        // The driftsredovisning's result carries the 10 tkr error: 270 where the resultaträkning has 280.
        #expect(d.value("AretsResultat", h1, kind: .driftsredovisning) == 270_000)
        #expect(d.value("AdministrationKostnader", .kvot, h1) == Decimal(string: "0.5"))
        #expect(d.value("DeltagarePagaende", .instant(day("2024-06-30"))) == 94)
        #expect(d.value("DeltagareInskrivnaAndel", h1, dimensions: ["kön": "kvinnor"]) == Decimal(string: "0.48"))
        #expect(d.value("Medlemsavgift", .budget, year(2024), member: "Bergby kommun") == 1_020_000)
    }

    @Test func deliberateErrorIsFound() throws {
        let findings = try #require(Self.result?.findings)
        #expect(findings.contains { $0.severity == .error && $0.locations.first?.line == 70 && $0.difference.map { abs($0) } == 10_000 })
    }
}
