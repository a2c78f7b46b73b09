import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamReaders

@Suite("Ledgers mapped to statements")
struct SIEMappingTests {
    static let statementTables = ["Resultaträkning", "Balansräkning"]

    struct Key: Hashable, CustomStringConvertible {
        var concept: String
        var member: String?
        var scenario: Scenario
        var period: Period
        var description: String { "\(concept)[\(member ?? "")] \(scenario) \(period)" }
    }

    static func key(_ f: Fact) -> Key { Key(concept: f.concept, member: f.member, scenario: f.scenario, period: f.period) }

    /// Every figure of the sample report's resultaträkning and balansräkning equals the ledger's, concept by
    /// concept, from the SIE 4 and from the SIE 5 file alike.
    @Test(arguments: ["norrvik-2024.se", "norrvik-2024.sie"])
    func sampleLedgerGivesTheReportsStatements(file: String) throws {
        let result = try SIEFixture.pipeline().run(paths: [Repo.sample(file), Repo.sample("norrvik-arsredovisning-2024.txt")])
        #expect(result.errors.isEmpty)
        let ledger = try #require(result.documents.first { $0.format != .textReport })
        let report = try #require(result.documents.first { $0.format == .textReport })
        #expect(ledger.organisation.orgnr == report.organisation.orgnr)
        #expect(ledger.period == report.period)
        let printed = report.facts.filter { SIEMappingTests.statementTables.contains($0.table) }
        #expect(printed.count == 40)
        var fromLedger: [Key: Fact] = [:]
        for f in ledger.facts { fromLedger[SIEMappingTests.key(f)] = f }
        for f in printed {
            let l = fromLedger[SIEMappingTests.key(f)]
            #expect(l?.value == f.value, "\(SIEMappingTests.key(f)): rapporten \(f.value), bokföringen \(String(describing: l?.value))")
            #expect(l?.decimals == 2)
            #expect(l?.unit == .sek)
        }
        // The note figures follow from the accounts too (members, cost kinds).
        #expect(fromLedger[Key(concept: "Medlemsavgift", member: "Region Norrvik", scenario: .utfall, period: year(2024))]?.value == 1_500_000)
        #expect(fromLedger[Key(concept: "Personalkostnader", member: nil, scenario: .utfall, period: year(2023))]?.value == 2_310_000)
        #expect(ledger.unmapped.isEmpty)
        #expect(!result.findings.contains { $0.documentSource == ledger.source }, "\(result.findings)")
    }

    @Test func statementRowsAreAccountsTotalledByTheirLine() throws {
        let doc = try #require(try SIEFixture.read(Repo.sample("norrvik-2024.se")).documents?.first)
        let br = try #require(doc.tables.first { $0.kind == .balansrakning })
        #expect(br.title == "Balansräkning (SIE)")
        let kassa = try #require(br.rows.firstIndex { $0.concept == "KassaBank" && $0.account == nil })
        let link = try #require(br.totals.first { $0.total == kassa })
        let items = link.items.map { br.rows[$0.row] }
        #expect(items.map(\.account) == ["1930"])
        // The account row points at its #UB record.
        let lines = try String(contentsOfFile: Repo.sample("norrvik-2024.se"), encoding: .isoLatin1).components(separatedBy: "\r\n")
        let cell = try #require(items[0].cells[0])
        #expect(lines[cell.line! - 1].hasPrefix("#UB 0 1930 "))
        // And the fact of the line too.
        let fact = try #require(doc.fact("KassaBank", period: .instant(day("2024-12-31"))))
        #expect(fact.source.line == cell.line)
        #expect(fact.value == 4_610_900)
    }

    @Test func aChangedBalanceShowsAtItsLine() throws {
        let dir = try TempDir()
        var text = try String(contentsOfFile: Repo.sample("norrvik-2024.se"), encoding: .isoLatin1)
        // Without its checksum (which would refuse the changed file), with one closing balance changed.
        text = text.components(separatedBy: "\r\n").filter { !$0.hasPrefix("#KSUMMA") }.joined(separator: "\r\n")
        text = text.replacingOccurrences(of: "#UB 0 1930 4610900.00", with: "#UB 0 1930 4601900.00")
        let path = dir.write("andrad.se", bytes: Array(text.unicodeScalars.map { UInt8($0.value) }))
        let line = try #require(text.components(separatedBy: "\r\n").firstIndex { $0.hasPrefix("#UB 0 1930") }) + 1
        let result = try SIEFixture.pipeline().run(paths: [path, Repo.sample("norrvik-arsredovisning-2024.txt")])
        let ledger = try #require(result.documents.first { $0.format == .sie4 })
        let report = try #require(result.documents.first { $0.format == .textReport })
        let changed = try #require(ledger.fact("KassaBank", period: .instant(day("2024-12-31"))))
        let printed = try #require(report.fact("KassaBank", period: .instant(day("2024-12-31")), table: "Balansräkning"))
        #expect(changed.value == 4_601_900)
        #expect(printed.value == 4_610_900)
        #expect(changed.source == SourceLocation(file: path, line: line, column: 3))
        // Totals built on it move with it; the ledger's own check points at the same line.
        #expect(ledger.fact("SummaTillgangar", period: .instant(day("2024-12-31")))?.value == 5_865_300)
        let finding = try #require(result.findings.first { $0.rule == "sie.ub" })
        #expect(finding.locations.first?.line == line)
    }

    @Test func accountsNoRuleCoversAreUnmappedWithTheirLine() throws {
        let dir = try TempDir()
        let text = SIEFixture.sie4(extra: "#KONTO 9100 \"Internränta\"") + "\n#RES 0 9100 12.50\n#RES 0 8999 -3.00"
        let path = try dir.write("omappad.se", text)
        let doc = try #require(try SIEFixture.read(path).documents?.first)
        let lines = text.components(separatedBy: "\n")
        #expect(doc.unmapped.count == 1)
        let row = try #require(doc.unmapped.first)
        #expect(row.label == "9100 Internränta")
        #expect(row.values == ["12.50"])
        let resLine = try #require(lines.firstIndex { $0.hasPrefix("#RES 0 9100") }) + 1
        #expect(row.source.line == resLine)
        // 8999 is known and deliberately outside the statements: not unmapped, and the ledger row says why.
        #expect(doc.tables[0].rows.first { $0.account == "8999" }?.mappingNote?.contains("utanför räkningarna") == true)
    }

    @Test func chartIsChosenByOrganisation() throws {
        let mappings = try SIEFixture.pipeline().mappings.accounts
        #expect(mappings.selection(orgnr: "222000-9999")?.chart.chart == "kommun-bas")
        #expect(mappings.selection(orgnr: "556000-0001")?.chart.chart == "bas")
        #expect(mappings.selection(orgnr: nil)?.chart.chart == "bas")
        let norrvik = try #require(mappings.selection(orgnr: "222000-1234"))
        #expect(norrvik.own?.name == "Samordningsförbundet Norrvik")
        // The organisation's rule wins over the chart's range; a longer account falls under its first digits.
        let compiled = norrvik.compiled
        #expect(norrvik.rule(for: "3511", in: compiled)?.rule.member == "staten")
        #expect(norrvik.rule(for: "3590", in: compiled)?.rule.concept == "OvrigaIntakter")
        #expect(norrvik.rule(for: "846010", in: compiled)?.rule.concept == "FinansiellaIntakter")
        #expect(try SIEFixture.pipeline().mappings.lint().isEmpty)
    }

    @Test func statementsBalanceOnRealExports() throws {
        guard Repo.sharedSIE != nil else { print(Repo.sharedMissing); return }
        for file in SIE4Tests.sharedFiles {
            let doc = try #require(try SIEFixture.read(file).documents?.first)
            let assets = doc.facts.filter { $0.concept == "SummaTillgangar" }
            for a in assets {
                let other = doc.fact("SummaEgetKapitalAvsattningarSkulder", period: a.period)
                #expect(other?.value == a.value, "\(file) \(a.period)")
            }
        }
    }
}

@Suite("Ledger budgets and fallbacks")
struct SIELedgerColumnsTests {
    /// #PBUDGET rows without object sum to the year's budget; rows per object are breakdowns and not added.
    /// Without #RES the resultaträkning is read from the year's vouchers.
    @Test func budgetAndResultFromVouchers() throws {
        let dir = try TempDir()
        let text = """
            #FLAGGA 0
            #SIETYP 2
            #FNAMN "Budgetförbundet"
            #ORGNR 222000-7777
            #RAR 0 20240101 20241231
            #IB 0 1930 0.00
            #UB 0 1930 1000.00
            #PBUDGET 0 202401 3010 {} -300.00
            #PBUDGET 0 202402 3010 {} -450.50
            #PBUDGET 0 202402 3010 {1 "7"} -99.00
            #VER A 1 20240301 "Bidrag"
            {
            #TRANS 1930 {} 1000.00
            #TRANS 3010 {} -1000.00
            }
            """
        let path = try dir.write("budget.se", text)
        let doc = try #require(try SIEFixture.read(path).documents?.first)
        let income = try #require(doc.fact("VerksamhetensIntakter", period: year(2024), table: "Resultaträkning (SIE)"))
        #expect(income.value == 1000)
        let budget = try #require(doc.fact("VerksamhetensIntakter", scenario: .budget, period: year(2024)))
        #expect(budget.value == Decimal(string: "750.5"))
        #expect(doc.fact("AretsResultat", scenario: .budget, period: year(2024))?.value == Decimal(string: "750.5"))
        let rr = try #require(doc.tables.first { $0.kind == .resultatrakning })
        #expect(rr.readingNotes.contains { $0.contains("TRANS 0") && $0.contains("saknar #RES") })
        // Kommun-BAS by organisation number: 3010 is other income of a förbund.
        #expect(doc.fact("OvrigaIntakter", period: year(2024))?.value == 1000)
    }
}
