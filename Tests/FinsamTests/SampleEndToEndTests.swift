import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamModel
@testable import FinsamPipeline

@Suite("The bundled sample, end to end")
struct SampleEndToEndTests {
    let result: BatchResult

    init() throws {
        result = try Repo.pipeline().run(paths: [Repo.sample("norrvik-arsredovisning-2024.txt")])
    }

    var doc: Document { result.documents[0] }

    @Test func recognisesTheDocument() {
        #expect(result.errors.isEmpty)
        #expect(result.documents.count == 1)
        #expect(doc.organisation == Organisation(name: "Samordningsförbundet Norrvik", orgnr: "222000-1234"))
        #expect(doc.kind == .arsredovisning)
        #expect(doc.period == year(2024))
    }

    @Test func statementFiguresInNaturalSign() {
        let rr = "Resultaträkning"
        #expect(doc.fact("AretsResultat", period: year(2024), table: rr)?.value == 360_000)
        #expect(doc.fact("VerksamhetensKostnader", period: year(2024), table: rr)?.value == 12_105_300)
        #expect(doc.fact("VerksamhetensIntakter", period: year(2023), table: rr)?.value == 11_980_500)
        #expect(doc.fact("SummaTillgangar", period: .instant(day("2024-12-31")))?.value == 5_874_300)
        #expect(doc.fact("KassaBank", period: .instant(day("2023-12-31")))?.value == 4_125_600)
        let soliditet = doc.fact("Soliditet", period: .instant(day("2024-12-31")))
        #expect(soliditet?.value == Decimal(string: "0.51"))
        #expect(soliditet?.unit == .pure)
    }

    @Test func factsPointAtTheirLine() throws {
        let f = try #require(doc.fact("AretsResultat", period: year(2024), table: "Resultaträkning"))
        let lines = try String(contentsOfFile: Repo.sample("norrvik-arsredovisning-2024.txt"), encoding: .utf8)
            .components(separatedBy: "\n")
        let line = lines[f.source.line - 1]
        #expect(line.hasPrefix("Årets resultat"))
        #expect(line.components(separatedBy: "\t")[f.source.column!] == "360 000")
    }

    @Test func jsonContractShape() throws {
        let data = try JSONContract.encode(documents: result.documents, findings: result.findings)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let docs = try #require(json["documents"] as? [[String: Any]])
        #expect(docs.count == 1)
        let first = docs[0]
        #expect(first["format"] as? String == "text-report")
        #expect((first["organisation"] as? [String: Any])?["orgnr"] as? String == "222000-1234")
        let facts = try #require(first["facts"] as? [[String: Any]])
        #expect(!facts.isEmpty)
        for key in ["concept", "member", "label", "table", "scenario", "period", "value", "unit", "decimals", "source"] {
            #expect(facts[0].keys.contains(key), "fact lacks \(key)")
        }
        #expect(json["findings"] is [Any])
        // Stable across runs.
        #expect(try JSONContract.encode(documents: result.documents, findings: result.findings) == data)
    }

    @Test func workbookIsAZipWrittenAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.xlsx").path
        try WorkbookExporter(mappings: try Repo.pipeline().mappings).write(documents: result.documents, findings: result.findings, to: path)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(bytes.prefix(2) == Data("PK".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.xlsx"])
    }
}
