import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamRules

/// The five real reports: every discrepancy found by reading them by hand is reported, at its line and with
/// its severity, and nothing else is (a correct table gives no error or warning).
@Suite("Real reports")
struct RuleRealDocumentTests {
    struct Expected: Hashable, CustomStringConvertible {
        var file: String
        var line: Int
        var severity: Severity
        var rule: String
        var description: String { "\(file):\(line) \(severity) \(rule)" }
    }

    static let samsundInterim = "samsund-delarsrapport-2023-06-30.txt"
    static let samsundPlan = "samsund-verksamhetsplan-2024.txt"
    static let lekeberg = "lekeberg-orebro-delarsredovisning-2023-06-30.txt"
    static let ostra = "ostra-sodertorn-arsredovisning-2023.txt"
    static let uppsala = "uppsala-lan-styrelsekallelse-2024-10-24.txt"

    /// Found by reading the documents; the engine must find exactly these (errors and warnings).
    static let expected: [Expected] = [
        // The budget's cost total 10 759 000; its items add up to 10 749 000.
        Expected(file: samsundInterim, line: 110, severity: .error, rule: "sum.total"),
        // The budget for 2023's Information: 50 000 kr in the interim report, 60 tkr in the next plan.
        Expected(file: samsundPlan, line: 183, severity: .error, rule: "repeat.document"),
        // The forecast's outcome income and costs net the financial items the income statement shows apart
        // (income 3 kr lower, costs 313 kr higher); the result is the same.
        Expected(file: lekeberg, line: 317, severity: .warning, rule: "repeat.table"),
        Expected(file: lekeberg, line: 338, severity: .warning, rule: "repeat.table"),
        // The five-year overview: 2022's costs include depreciation less financial items; 2023's result is
        // after financial items and depreciation; 2021's result 264 479 should be 264 497/8 (transposed
        // digits), which the equity of 2020 and 2021 confirms.
        Expected(file: ostra, line: 248, severity: .warning, rule: "repeat.table"),
        Expected(file: ostra, line: 249, severity: .warning, rule: "sum.result"),
        Expected(file: ostra, line: 249, severity: .error, rule: "sum.result"),
        Expected(file: ostra, line: 250, severity: .error, rule: "identity.eget-kapital-forandring"),
        // Soliditet 32 % against 4 898 905 / 15 691 256 = 31,2 %.
        Expected(file: ostra, line: 251, severity: .warning, rule: "identity.soliditet"),
        // Budget 2023: financial items printed 8 000 where the result and the difference need −8 000.
        Expected(file: ostra, line: 504, severity: .error, rule: "column.difference"),
        Expected(file: ostra, line: 505, severity: .error, rule: "sum.result"),
        // Soliditet 40 % at 2024-06-30 against 6 739 931 / 18 692 021 = 36,1 %.
        Expected(file: uppsala, line: 537, severity: .error, rule: "identity.soliditet"),
        // The overview's budget result −2 959 tkr; its lines give −3 059 tkr.
        Expected(file: uppsala, line: 884, severity: .error, rule: "sum.total"),
        // The operating statement leaves out the difference of other income (12 tkr) from its totals.
        Expected(file: uppsala, line: 1139, severity: .error, rule: "column.difference"),
        Expected(file: uppsala, line: 1166, severity: .error, rule: "column.difference"),
        // RegExPro's half-year budget: 623 tkr in the operating statement, 673 tkr in the follow-up.
        Expected(file: uppsala, line: 1335, severity: .error, rule: "repeat.table"),
    ]

    /// What the reader itself warns about, through the reader only: the balance-requirement table prints its
    /// years in Mkr (`9,639`) but the half-year column in tkr (`-620,0`, the income statement's −619 833).
    static let readerWarnings: [Expected] = [
        Expected(file: uppsala, line: 886, severity: .warning, rule: "text.mixed-units"),
    ]

    @Test func findsExactlyTheDiscrepanciesFoundByHand() throws {
        guard let docs = try FixtureReports.documents() else {
            print(Repo.sharedMissing)
            return
        }
        let findings = RuleEngine(mappings: Stages.mappings).check(docs)
        let found = findings.serious.map {
            Expected(file: (($0.locations.first?.file ?? "") as NSString).lastPathComponent, line: $0.locations.first?.line ?? 0,
                     severity: $0.severity, rule: $0.rule)
        }
        #expect(found.sorted(by: { $0.description < $1.description }) == RuleRealDocumentTests.expected.sorted(by: { $0.description < $1.description }),
                "\(findings.serious.summary)")
    }

    @Test func theMustShowFindingsSayWhatAndWhere() throws {
        guard let docs = try FixtureReports.documents() else {
            print(Repo.sharedMissing)
            return
        }
        let findings = RuleEngine(mappings: Stages.mappings).check(docs)
        let samsund = try #require(findings.first { $0.rule == "sum.total" && $0.locations.first?.line == 110 })
        #expect(samsund.message.hasPrefix("Totalt (rad 110) är 10 759 000 men posterna rad 98–109 summerar till 10 749 000 (differens 10 000)"))
        #expect(samsund.actual == 10_759_000 && samsund.expected == 10_749_000 && samsund.difference == 10_000)
        #expect(samsund.locations.count == 11)
        let regexpro = try #require(findings.first { $0.rule == "repeat.table" && $0.message.contains("RegExPro") })
        #expect(Set(regexpro.locations.map(\.line)) == [1157, 1335])
        #expect(regexpro.message.contains("623 tkr") && regexpro.message.contains("673 tkr"))
        #expect(Set([regexpro.actual, regexpro.expected]) == Set([Decimal(623_000), Decimal(673_000)]))
        let information = try #require(findings.first { $0.rule == "repeat.document" })
        #expect(Set(information.locations.map { ($0.file as NSString).lastPathComponent + ":\($0.line)" })
                == ["\(RuleRealDocumentTests.samsundInterim):108", "\(RuleRealDocumentTests.samsundPlan):183"])
        #expect(information.documentSource == nil)
    }

    @Test func roundingIsNotedOnlyWhereThePrintedFiguresDiffer() throws {
        guard let docs = try FixtureReports.documents() else {
            print(Repo.sharedMissing)
            return
        }
        let infos = RuleEngine(mappings: Stages.mappings).check(docs).filter { $0.severity == .info }
        // Östra Södertörn's assets add up to 15 691 257 against 15 691 256 printed.
        #expect(infos.contains { $0.rule == "sum.total" && $0.locations.first?.line == 559 && $0.difference == -1 })
        // 1 562 500 kr and 1 563 tkr are the same budget: nothing to note.
        #expect(!infos.contains { $0.message.contains("Region Stockholm") })
        #expect(infos.allSatisfy { ($0.difference ?? 1).magnitude >= 1 })
    }

    /// Through the text-report reader as it stands: what the reader gets right, the engine finds.
    @Test func endToEndThroughTheReader() throws {
        guard let dir = Repo.sharedReports else {
            print(Repo.sharedMissing)
            return
        }
        let result = try Repo.pipeline().run(paths: [dir])
        #expect(result.findings.contains {
            $0.severity == .error && $0.locations.first?.line == 110 && $0.locations.first?.file.hasSuffix(RuleRealDocumentTests.samsundInterim) == true
        })
        #expect(result.findings.contains { $0.severity == .error && Set($0.locations.map(\.line)).isSuperset(of: [1157, 1335]) })
        // Through the reader, exactly the discrepancies found by hand (the board paper's enclosures are
        // documents of their own, so RegExPro's two budgets are found between documents).
        let found = result.findings.serious.map {
            "\((($0.locations.first?.file ?? "") as NSString).lastPathComponent):\($0.locations.first?.line ?? 0) \($0.severity)"
        }.sorted()
        let expected = (RuleRealDocumentTests.expected + RuleRealDocumentTests.readerWarnings)
            .map { "\($0.file):\($0.line) \($0.severity)" }.sorted()
        #expect(found == expected, "\(result.findings.serious.summary)")
    }
}
