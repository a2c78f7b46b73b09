import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamRules

/// Column arithmetic: differences, ratios, column totals, percentage rows.
@Suite("Columns: differences, ratios, totals")
struct RuleColumnTests {
    /// A forecast whose difference column is budget − forecast for costs and forecast − budget for income and
    /// the result: the favourable difference positive.
    let forecast = """
        Intäkter
        Medlemsbidrag | 8 000 000 | 4 000 000 | 8 000 000 | 0
        Sjuklöneersättning | 0 | 4 541 | 4 541 | 4 541
        Summa intäkter | 8 000 000 | 4 004 541 | 8 004 541 | 4 541
        Kostnader
        Insatser | 6 242 463 | 3 065 390 | 6 172 249 | 70 214
        Kansli | 2 575 247 | 1 205 841 | 2 285 818 | 289 429
        Summa kostnader | 8 817 710 | 4 271 231 | 8 458 067 | 359 643
        Resultat | -817 710 | -266 690 | -453 526 | 364 184
        """
    var forecastColumns: [Column] {
        [TableText.column("Budget helår 2023", .budget, "2023"), TableText.column("Utfall halvår 2023", .utfall, "2023-01-01..2023-06-30"),
         TableText.column("Prognos helår 2023", .prognos, "2023"), TableText.column("Differens budget-prognos", .differens, "2023")]
    }

    @Test func differenceConventionPerKindOfRow() {
        let doc = TableText.document([TableText.table("Prognos", kind: .prognos, columns: forecastColumns, forecast)], period: "2023-01-01..2023-06-30")
        let findings = Stages.check(doc)
        #expect(findings.serious.isEmpty, "\(findings.summary)")
    }

    @Test func aWrongDifferenceIsAnError() {
        let wrong = forecast.replacingOccurrences(of: "2 285 818 | 289 429", with: "2 285 818 | 298 429")
        let doc = TableText.document([TableText.table("Prognos", kind: .prognos, columns: forecastColumns, wrong)], period: "2023-01-01..2023-06-30")
        let findings = Stages.check(doc)
        let row = findings.at(16)
        #expect(row.contains { $0.rule == "column.difference" && $0.severity == .error && $0.difference == 9000 }, "\(findings.summary)")
    }

    @Test func aSignErrorIsNamed() {
        // Financial items budgeted at 8 000 printed without their minus: both the result and the difference
        // then disagree, and flipping that one figure explains both.
        let t = TableText.table("Budget och utfall", columns: [TableText.column("Budget 2023", .budget, "2023"), TableText.column("Utfall 2023", .utfall, "2023"), TableText.column("Differens", .differens, "2023")], """
            Insatser | 19 733 922 | 17 617 789 | 2 116 133
            Kansli | 7 129 733 | 7 724 521 | -594 788
            Totalt inkl. avskrivningar | 26 863 655 | 25 342 310 | 1 521 345
            Intäkter/medlemsavgifter | 16 278 000 | 16 278 000 | 0
            EU-medel och andra bidrag | 8 341 424 | 9 741 221 | -1 399 797
            Finansiella intäkter/kostnader | 8 000 | 219 763 | 227 763
            Resultat | -2 252 231 | 896 674 | 3 148 905
            """)
        let findings = Stages.check(TableText.document([t], period: "2023"))
        let result = findings.at(16).filter { $0.rule.hasPrefix("sum") }
        #expect(result.count == 1 && result[0].severity == .error && result[0].difference == -16_000, "\(findings.summary)")
        #expect(result.first?.message.contains("dubbla beloppet på rad 15") == true)
        let difference = findings.at(15).filter { $0.rule == "column.difference" }
        #expect(difference.count == 1 && difference[0].severity == .error)
        #expect(difference.first?.message.contains("omvänt tecken på Budget 2023") == true, "\(findings.summary)")
        #expect(findings.serious.count == 2, "\(findings.summary)")
    }

    @Test func aMissingDifferenceShowsInTheTotal() {
        let t = TableText.table("Driftsredovisning", columns: [TableText.column("Budget", .budget, "2024-06-30", scale: .tkr), TableText.column("Utfall", .utfall, "2024-06-30", scale: .tkr), TableText.column("Diff mot budget", .differens, "2024-06-30", scale: .tkr)], """
            Medlemsavgifter | 11 661 | 11 661 | 0
            Övriga rörelseintäkter | | 12 |
            ESF medel | 389 | 421 | 32
            **Summa intäkter | 12 050 | 12 094 | 32
            Styrelse | -400 | -177 | 223
            Kansli | -2 311 | -2 602 | -291
            **Summa kansli och styrelse | -2 711 | -2 779 | -68
            **Totalt | 9 339 | 9 315 | -36
            """)
        let findings = Stages.check(TableText.document([t], period: "2024-01-01..2024-06-30"))
        let total = findings.at(13).filter { $0.rule == "column.difference" }
        #expect(total.count == 1 && total[0].severity == .error && total[0].message.contains("rad 11 saknar differens"), "\(findings.summary)")
        #expect(findings.at(17).contains { $0.rule == "column.difference" && $0.severity == .error })
        #expect(findings.serious.count == 2, "\(findings.summary)")
    }

    let consumption = [TableText.column("Utfall TSEK", .utfall, "2024-01-01..2024-06-30", scale: .tkr),
                       TableText.column("Budget TSEK", .budget, "2024-01-01..2024-06-30", scale: .tkr),
                       TableText.column("Förbr kvot", .kvot, "2024-01-01..2024-06-30", unit: .pure)]

    @Test func aConsumptionRatioIsOutcomeOverBudget() {
        let t = TableText.table("Tabell 4. Utfall och Budget", columns: consumption, """
            Jobbcentrum {Enköping} | 955 | 1 326 | 72%
            Plattform för individstöd {Heby} | 1 138 | 1 173 | 97%
            RegExPro {Region Uppsala} | 648 | 673 | 96%
            Lokussamordnare {Uppsala} | 199 | 180 | 110%
            Förstudie {Uppsala} | 115 | 0 |
            Lokussamordnare {Älvkarleby} | 81 | 80 | 100%
            """)
        let findings = Stages.check(TableText.document([t]))
        #expect(findings.serious.isEmpty, "\(findings.summary)")
        let nearly = t.replacing(line: 12, "RegExPro {Region Uppsala} | 648 | 673 | 97%")
        let near = Stages.check(TableText.document([nearly]))
        #expect(near.at(12).map(\.severity) == [.warning], "\(near.summary)")
        let wrong = Stages.check(TableText.document([t.replacing(line: 12, "RegExPro {Region Uppsala} | 648 | 673 | 104%")]))
        #expect(wrong.at(12).map(\.severity) == [.error], "\(wrong.summary)")
    }

    @Test func participantGroupsAndShares() {
        let columns = ["Inregistrerade K", "M", "S:a", "Avslutade K", "M", "S:a"].map { TableText.column($0, .utfall, "2024-01-01..2024-06-30", unit: .personer) }
        let text = """
            Jobbcentrum {Enköping} | 27 | 18 | 45 | 7 | 9 | 16
            Plattform {Heby} | 5 | 6 | 11 | 4 | 6 | 10
            Framsteget {Håbo} | 8 | 12 | 20 | 8 | 17 | 25
            **Totalt | 40 | 36 | 76 | 19 | 32 | 51
            Fördelning kvinnor/män | 53% | 47% | | 37% | 63% |
            """
        let t = TableText.table("Tabell 6. Deltagare", kind: .deltagare, columns: columns, text)
        let ok = Stages.check(TableText.document([t], period: "2024-01-01..2024-06-30"))
        #expect(ok.serious.isEmpty, "\(ok.summary)")
        let badRow = Stages.check(TableText.document([t.replacing(line: 11, "Plattform {Heby} | 5 | 6 | 12 | 4 | 6 | 10")], period: "2024-01-01..2024-06-30"))
        #expect(badRow.at(11).contains { $0.rule == "column.total" && $0.severity == .error }, "\(badRow.summary)")
        let badShare = Stages.check(TableText.document([t.replacing(line: 14, "Fördelning kvinnor/män | 53% | 47% | | 47% | 63% |")], period: "2024-01-01..2024-06-30"))
        #expect(badShare.at(14).contains { $0.rule == "row.ratio" && $0.severity == .error }, "\(badShare.summary)")
    }

    @Test func outcomeAgainstBudgetRowsOnlyWithinTheSameYear() {
        let t = TableText.table("Kostnad förtroendevalda och förvaltning", columns: [
            TableText.column("Utfall 2024-06-30", .utfall, "2024-01-01..2024-06-30", scale: .tkr),
            TableText.column("Utfall 2023-06-30", .utfall, "2023-01-01..2023-06-30", scale: .tkr),
            TableText.column("Budget 2024-12-31", .budget, "2024", scale: .tkr),
        ], """
            Förtroendevalda | 177 | 261 | 800
            Utfall mot budget | 22% | 33% |
            Förvaltning | 2 202 | 1 976 | 3 822
            Utfall mot budget | 58% | 44% |
            """)
        let findings = Stages.check(TableText.document([t], period: "2024-01-01..2024-06-30"))
        #expect(findings.serious.isEmpty, "\(findings.summary)")
        let wrong = Stages.check(TableText.document([t.replacing(line: 13, "Utfall mot budget | 68% | 44% |")], period: "2024-01-01..2024-06-30"))
        #expect(wrong.at(13).contains { $0.rule == "row.ratio" && $0.severity == .error }, "\(wrong.summary)")
    }
}

extension Table {
    /// The same table with one line's row rewritten in `TableText` notation.
    func replacing(line: Int, _ text: String) -> Table {
        var t = self
        guard let r = rows.firstIndex(where: { $0.source.line == line }) else { return t }
        let row = TableText.table(title, columns: columns, file: rows[r].source.file, firstLine: line, text).rows[0]
        t.rows[r] = row
        return t
    }
}
