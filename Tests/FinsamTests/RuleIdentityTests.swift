import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel
@testable import FinsamRules

/// A small annual report, consistent throughout, and each identity of `mappings/identities.yaml` broken in
/// turn.
struct Report {
    var rr = """
        Verksamhetens intäkter [2] | 12 450 000 | 11 980 500
        Verksamhetens kostnader [3,4] | -12 105 300 | -11 402 750
        Avskrivningar [5] | -24 000 | -24 000
        Verksamhetens nettokostnad | 320 700 | 553 750
        Finansiella intäkter | 41 250 | 18 400
        Finansiella kostnader | -1 950 | -2 150
        Resultat efter finansiella poster | 360 000 | 570 000
        Årets resultat | 360 000 | 570 000
        """
    var br = """
        Anläggningstillgångar
        Inventarier [5] | 48 000 | 72 000
        Summa anläggningstillgångar | 48 000 | 72 000
        Omsättningstillgångar
        Fordringar [6] | 1 215 400 | 980 300
        Kassa och bank | 4 610 900 | 4 125 600
        Summa omsättningstillgångar | 5 826 300 | 5 105 900
        Summa tillgångar | 5 874 300 | 5 177 900
        Eget kapital
        Årets resultat | 360 000 | 570 000
        Övrigt eget kapital | 2 640 000 | 2 070 000
        Summa eget kapital | 3 000 000 | 2 640 000
        Avsättningar för pensioner | 0 | 0
        Kortfristiga skulder [7] | 2 874 300 | 2 537 900
        Summa eget kapital, avsättningar och skulder | 5 874 300 | 5 177 900
        """
    var kf = """
        Årets resultat | 360 000 | 570 000
        Justering för avskrivningar | 24 000 | 24 000
        Medel från verksamheten före förändring av rörelsekapital | 384 000 | 594 000
        Ökning/minskning kortfristiga fordringar | -235 100 | 112 000
        Ökning/minskning kortfristiga skulder | 336 400 | -150 000
        Kassaflöde från den löpande verksamheten | 485 300 | 556 000
        Kassaflöde från investeringsverksamheten | 0 | -96 000
        Kassaflöde från finansieringsverksamheten | 0 | 0
        Årets kassaflöde | 485 300 | 460 000
        Likvida medel vid årets början | 4 125 600 | 3 665 600
        Likvida medel vid årets slut | 4 610 900 | 4 125 600
        """
    var overview = """
        Verksamhetens intäkter | 12 450 000 | 11 980 500 | 10 870 000
        Verksamhetens kostnader | 12 129 300 | 11 426 750 | 10 930 000
        Årets resultat | 360 000 | 570 000 | -60 000
        Eget kapital | 3 000 000 | 2 640 000 | 2 070 000
        Soliditet | 51% | 51% | 48%
        """
    var not2 = """
        Driftbidrag från staten | 6 000 000 | 5 800 000
        EU-medel och andra bidrag | 6 450 000 | 6 180 500
        Summa | 12 450 000 | 11 980 500
        """
    var not3 = """
        Insatser | 8 960 300 | 8 402 750
        Personalkostnader | 3 145 000 | 3 000 000
        Summa | 12 105 300 | 11 402 750
        """
    var not4 = """
        Räkenskapsrevision | 40 000 | 40 000
        Summa | 40 000 | 40 000
        """
    var not5 = """
        Ingående anskaffningsvärde | 96 000 | 0
        Inköp | 0 | 96 000
        Utgående anskaffningsvärde | 96 000 | 96 000
        Ingående avskrivningar | -24 000 | 0
        Årets avskrivningar | -24 000 | -24 000
        Utgående ackumulerade avskrivningar | -48 000 | -24 000
        Utgående redovisat värde | 48 000 | 72 000
        """
    var not6 = """
        Kundfordringar | 215 400 | 180 300
        Upplupna intäkter | 1 000 000 | 800 000
        Summa | 1 215 400 | 980 300
        """
    var not7 = """
        Leverantörsskulder | 1 874 300 | 1 637 900
        Upplupna kostnader | 1 000 000 | 900 000
        Summa | 2 874 300 | 2 537 900
        """

    static let flows = [TableText.column("2024-01-01 -2024-12-31", .utfall, "2024"), TableText.column("2023-01-01 -2023-12-31", .utfall, "2023")]
    static let balances = [TableText.column("2024-12-31", .utfall, "2024-12-31"), TableText.column("2023-12-31", .utfall, "2023-12-31")]

    var document: Document {
        let years = ["2024", "2023", "2022"].map { TableText.column($0, .utfall, $0) }
        var tables = [
            TableText.table("Ekonomisk översikt", kind: .flerarsoversikt, columns: years, firstLine: 10, overview),
            TableText.table("Resultaträkning", kind: .resultatrakning, columns: Report.flows, firstLine: 20, rr),
            TableText.table("Balansräkning", kind: .balansrakning, columns: Report.balances, firstLine: 30, br),
            TableText.table("Kassaflödesanalys", kind: .kassaflodesanalys, columns: Report.flows, firstLine: 50, kf),
        ]
        let notes = [("2", not2, Report.flows), ("3", not3, Report.flows), ("4", not4, Report.flows), ("5", not5, Report.balances),
                     ("6", not6, Report.balances), ("7", not7, Report.balances)]
        for (i, (n, text, columns)) in notes.enumerated() {
            tables.append(TableText.table("Not \(n)", kind: .not, note: n, columns: columns, firstLine: 70 + i * 10, text))
        }
        return TableText.document(tables, period: "2024")
    }

    func findings() -> [Finding] { Stages.check(document) }
}

@Suite("Identities between statements and notes")
struct RuleIdentityTests {
    @Test func aConsistentReportHasNoFindingsBeyondItsOverview() {
        let findings = Report().findings()
        // The overview prints the result after financial items under income and costs that include
        // depreciation: differences the engine names, so warnings, not errors.
        #expect(findings.errors.isEmpty, "\(findings.summary)")
        #expect(findings.warnings.filter { $0.locations.first?.line == 12 && $0.message.contains("finansnettot") }.count == 2, "\(findings.summary)")
        #expect(findings.warnings.filter { $0.locations.first?.line == 11 && $0.message.contains("avskrivningarna") }.count == 2, "\(findings.summary)")
        #expect(findings.warnings.count == 4, "\(findings.summary)")
    }

    func identity(_ id: String, _ findings: [Finding]) -> [Finding] {
        findings.filter { $0.rule == "identity.\(id)" }
    }

    @Test func resultInIncomeStatementEqualsBalanceSheetAndCashFlow() {
        var r = Report()
        r.br = r.br.replacingOccurrences(of: "Årets resultat | 360 000", with: "Årets resultat | 361 000")
        #expect(identity("resultat-rr-br", r.findings()).map(\.severity) == [.error])
        r = Report()
        r.kf = r.kf.replacingOccurrences(of: "Årets resultat | 360 000", with: "Årets resultat | 306 000")
        let f = identity("resultat-rr-kf", r.findings())
        #expect(f.map(\.severity) == [.error])
        #expect(f.first?.message.contains("omkastade siffror") == true)
    }

    @Test func assetsEqualEquityProvisionsAndLiabilities() {
        var r = Report()
        r.br = r.br.replacingOccurrences(of: "Summa eget kapital, avsättningar och skulder | 5 874 300", with: "Summa eget kapital, avsättningar och skulder | 5 875 300")
        let f = identity("balansomslutning", r.findings())
        #expect(f.map(\.severity) == [.error] && f.first?.difference == -1000, "\(f.summary)")
        // Without a total for the equity side, its parts stand in.
        r = Report()
        r.br = r.br.replacingOccurrences(of: "Summa eget kapital, avsättningar och skulder | 5 874 300 | 5 177 900", with: "")
            .replacingOccurrences(of: "Kortfristiga skulder [7] | 2 874 300", with: "Kortfristiga skulder [7] | 2 884 300")
        let g = identity("balansomslutning", r.findings())
        #expect(g.map(\.severity) == [.error] && g.first?.difference == -10_000, "\(r.findings().summary)")
    }

    @Test func cashAtTheEndAndAtTheStart() {
        var r = Report()
        r.kf = r.kf.replacingOccurrences(of: "Likvida medel vid årets slut | 4 610 900", with: "Likvida medel vid årets slut | 4 601 900")
            .replacingOccurrences(of: "Likvida medel vid årets början | 4 125 600", with: "Likvida medel vid årets början | 4 116 600")
        let findings = r.findings()
        #expect(identity("likvida-medel-slut", findings).map(\.severity) == [.error], "\(findings.summary)")
        #expect(identity("likvida-medel-borjan", findings).map(\.severity) == [.error], "\(findings.summary)")
        // Cash at the start of 2024 is the balance sheet's cash at 2023-12-31.
        #expect(identity("likvida-medel-borjan", findings).first?.locations.contains { $0.line == 35 && $0.column == 2 } == true)
    }

    @Test func cashMayIncludeShortTermInvestments() {
        var r = Report()
        r.br = r.br.replacingOccurrences(of: "Kassa och bank | 4 610 900 | 4 125 600", with: "Kortfristiga placeringar | 610 900 | 125 600\nKassa och bank | 4 000 000 | 4 000 000")
        let findings = r.findings()
        #expect(identity("likvida-medel-slut", findings).isEmpty, "\(findings.summary)")
        #expect(identity("likvida-medel-borjan", findings).isEmpty, "\(findings.summary)")
    }

    @Test func equityAtTheEndIsEquityAtTheStartPlusTheResult() {
        var r = Report()
        r.overview = r.overview.replacingOccurrences(of: "Eget kapital | 3 000 000 | 2 640 000 | 2 070 000", with: "Eget kapital | 3 000 000 | 2 640 000 | 2 007 000")
        let f = identity("eget-kapital-forandring", r.findings())
        // 2 640 000 at the end of 2023 is 2 007 000 + 570 000 = 2 577 000 by the overview.
        #expect(f.map(\.severity) == [.error] && f.first?.difference == 63_000, "\(f.summary)")
    }

    @Test func depreciationInTheIncomeStatementEqualsTheNoteAndTheCashFlow() {
        var r = Report()
        r.not5 = r.not5.replacingOccurrences(of: "Årets avskrivningar | -24 000 | -24 000", with: "Årets avskrivningar | -25 000 | -24 000")
        #expect(identity("avskrivningar-not", r.findings()).map(\.severity) == [.error])
        r = Report()
        r.kf = r.kf.replacingOccurrences(of: "Justering för avskrivningar | 24 000", with: "Justering för avskrivningar | 42 000")
        #expect(identity("avskrivningar-kf", r.findings()).map(\.severity) == [.error])
    }

    @Test func soliditetIsEquityOverTotalAssets() {
        var r = Report()
        r.overview = r.overview.replacingOccurrences(of: "Soliditet | 51%", with: "Soliditet | 50,5%")
        #expect(identity("soliditet", r.findings()).map(\.severity) == [.warning])
        r.overview = r.overview.replacingOccurrences(of: "Soliditet | 50,5%", with: "Soliditet | 55%")
        let f = identity("soliditet", r.findings())
        #expect(f.map(\.severity) == [.error])
        #expect(f.first?.message.contains("51,1 %") == true, "\(f.summary)")
    }

    @Test func noteItemsAddUpToTheLineThatRefersToTheNote() {
        var r = Report()
        r.not3 = r.not3.replacingOccurrences(of: "Summa | 12 105 300", with: "Summa | 12 150 300")
            .replacingOccurrences(of: "Personalkostnader | 3 145 000", with: "Personalkostnader | 3 190 000")
        let findings = r.findings()
        let f = findings.filter { $0.rule == "note.reference" }
        #expect(f.map(\.severity) == [.error], "\(findings.summary)")
        #expect(f.first?.locations.first?.line == 21)
        #expect(f.first?.difference == -45_000)
    }

    @Test func aNoteOnTheFirstLineOfASectionThatTotalsTheSection() {
        var r = Report()
        // The line's own figure is in the note: a part of what the note specifies.
        r.br = r.br.replacingOccurrences(of: "Kortfristiga skulder [7] | 2 874 300 | 2 537 900", with: "Leverantörsskulder [7] | 1 874 300 | 1 637 900\nUpplupna kostnader | 1 000 000 | 900 000\nSumma kortfristiga skulder | 2 874 300 | 2 537 900")
        var findings = r.findings()
        #expect(findings.filter { $0.rule == "note.reference" }.isEmpty, "\(findings.summary)")
        // Not in the note, but the note adds up to the section the line opens: named, as information.
        r = Report()
        r.br = r.br.replacingOccurrences(of: "Kortfristiga skulder [7] | 2 874 300 | 2 537 900", with: "Rörelseskulder [7] | 1 500 000 | 1 300 000\nÖvriga kortfristiga skulder | 1 374 300 | 1 237 900\nSumma kortfristiga skulder | 2 874 300 | 2 537 900")
        findings = r.findings()
        #expect(findings.filter { $0.rule == "note.reference" }.map(\.severity) == [.info, .info], "\(findings.summary)")
        #expect(findings.errors.isEmpty, "\(findings.summary)")
    }

    @Test func theIdentitiesFileLintsCleanAndLintCatchesMistakes() throws {
        let set = try IdentitySet.load(from: Repo.mappings)
        #expect(set.identities.count >= 8 && set.ratios.count >= 1)
        #expect(set.lint(concepts: Stages.mappings.concepts).isEmpty)
        var broken = set
        broken.identities.append(Identity(id: "resultat-rr-br", name: "dubblett", left: [IdentityTerm(concept: "Arets")], right: [IdentityTerm(concept: "AretsResultat", sign: 2)]))
        let problems = broken.lint(concepts: Stages.mappings.concepts).map(\.message)
        #expect(problems.contains { $0.contains("finns två gånger") })
        #expect(problems.contains { $0.contains("okänt begrepp Arets") })
        #expect(problems.contains { $0.contains("sign ska vara 1 eller -1") })
    }

    @Test func identitiesAreDataAUserCanExtend() throws {
        let yaml = """
            identities:
              - id: intakter-not
                name: Intäkter = medlemsavgifter + EU-bidrag
                left: [VerksamhetensIntakter]
                right: [Medlemsavgifter, {concept: EUBidrag, optional: true}]
            """
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-identities-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try yaml.write(to: dir.appendingPathComponent("identities.yaml"), atomically: true, encoding: .utf8)
        let set = try IdentitySet.load(from: dir.path)
        #expect(set.identities.first?.right?.last?.optional == true)
        let t = TableText.table("Resultaträkning", kind: .resultatrakning, columns: Report.flows, """
            Medlemsavgifter => Medlemsavgifter | 6 000 000 | 5 800 000
            EU-medel => EUBidrag | 6 450 000 | 6 180 500
            Verksamhetens intäkter | 12 460 000 | 11 980 500
            """)
        let doc = Stages.map(TableText.document([t]))
        let findings = RuleEngine(mappings: Stages.mappings, identities: set).check([doc])
        #expect(findings.filter { $0.rule == "identity.intakter-not" }.map(\.severity) == [.error], "\(findings.summary)")
    }
}
