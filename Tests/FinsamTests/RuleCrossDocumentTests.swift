import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel
@testable import FinsamRules

/// The same figure printed twice, within a document and across the documents of one organisation.
@Suite("The same figure in two places")
struct RuleCrossDocumentTests {
    let samsund = Organisation(name: "Samordningsförbundet Samsund")

    /// An interim report's budget in kronor, and the next plan repeating it in tkr with one line different.
    var interim: Document {
        let t = TableText.table("Intäkter", columns: [TableText.column("Budget 2023", .budget, "2023"), TableText.column("Utfall per 2023-06-30", .utfall, "2023-06-30")], file: "delar.txt", firstLine: 89, """
            Region Stockholm | 1 562 500 | 781 250
            Upplands Bro | 281 250 | 140 625
            Kansli | 2 000 000 | 1 086 335
            Information | 50 000 | 0
            """)
        let prognos = TableText.table("Prognos", columns: [TableText.column("Prognos 2023", .prognos, "2023")], file: "delar.txt", firstLine: 120, """
            Kansli | 2 000 000
            Information | 50 000
            """)
        return TableText.document([t, prognos], source: "delar.txt", organisation: samsund, kind: .delarsrapport, period: "2023-01-01..2023-06-30")
    }

    var plan: Document {
        let cols = [TableText.column("Budget 2023", .budget, "2023", scale: .tkr), TableText.column("Prognos 2023", .prognos, "2023", scale: .tkr),
                    TableText.column("Budget 2024", .budget, "2024", scale: .tkr), TableText.column("Budget 2025", .budget, "2025", scale: .tkr)]
        let t = TableText.table("Budget 2024 - 2026", columns: cols, file: "plan.txt", firstLine: 164, """
            Region Stockholm | 1 563 | 1 563 | 1 520 | 1 563
            Upplands Bro | 281 | 281 | 273 | 281
            Kansli | 2 000 | 2 000 | 2 250 | 2 250
            Information | 60 | 50 | 50 | 50
            """)
        return TableText.document([t], source: "plan.txt", organisation: samsund, kind: .verksamhetsplan, period: "2024")
    }

    @Test func aBudgetRepeatedInALaterPlanMustAgree() {
        let findings = Stages.check([interim, plan])
        let errors = findings.errors
        #expect(errors.count == 1, "\(findings.summary)")
        let e = errors.first
        #expect(e?.rule == "repeat.document")
        #expect(Set(e?.locations.map(\.line) ?? []) == [92, 167])
        #expect(e?.documentSource == nil)
        #expect(e?.message.contains("Information") == true)
        // Rounded to thousands, the other lines agree; a forecast from another paper is not compared.
        #expect(findings.serious.count == 1, "\(findings.summary)")
    }

    @Test func plansForLaterYearsAndOtherOrganisationsAreNotCompared() {
        var next = plan
        next.source = "plan2025.txt"
        next.period = TableText.period("2025")
        next.tables[0] = TableText.table("Budget 2025 - 2027", columns: [TableText.column("Budget 2025", .budget, "2025", scale: .tkr)], file: "plan2025.txt", firstLine: 50, """
            Kansli | 2 400
            """)
        // The 2024 plan's budget for 2025 was a plan; the 2025 plan decides it.
        #expect(Stages.check([plan, next]).serious.isEmpty)
        var other = interim
        other.organisation = Organisation(name: "Samordningsförbundet Norrvik", orgnr: "222000-1234")
        #expect(Stages.check([other, plan]).serious.isEmpty)
    }

    var paper: Document {
        let drift = TableText.table("Driftsredovisning", kind: .driftsredovisning, columns: [
            TableText.column("Budget 2024-06-30", .budget, "2024-01-01..2024-06-30", scale: .tkr),
            TableText.column("Utfall 2024-06-30", .utfall, "2024-01-01..2024-06-30", scale: .tkr),
        ], file: "kallelse.txt", firstLine: 1147, """
            Jobbcentrum {Enköpings kommun} | -1 326 | -955
            Plattform för individstöd {Heby kommun} | -1 173 | -1 138
            RegExPro {Region Uppsala} | -623 | -648
            Lokussamordnare {Uppsala kommun} | -180 | -199
            Lokussamordnare {Älvkarleby kommun} | -80 | -81
            """)
        let follow = TableText.table("Tabell 4. Utfall och Budget", columns: [
            TableText.column("Utfall TSEK", .utfall, "2024-01-01..2024-06-30", scale: .tkr),
            TableText.column("Budget TSEK", .budget, "2024-01-01..2024-06-30", scale: .tkr),
        ], file: "kallelse.txt", firstLine: 1330, """
            Jobbcentrum {Enköping} | 955 | 1 326
            Plattform för individstöd {Heby} | 1 138 | 1 173
            Lokussamordnare {Uppsala} | 199 | 180
            Lokussamordnare {Älvkarleby} | 81 | 80
            RegExPro {Region Uppsala} | 648 | 673
            """)
        return TableText.document([drift, follow], source: "kallelse.txt", organisation: Organisation(name: "Samordningsförbundet Uppsala län", orgnr: "222000-2576"), kind: .kallelse, period: "2024-01-01..2024-06-30")
    }

    @Test func theSameLineInTwoTablesOfABoardPaper() {
        let findings = Stages.check(paper)
        #expect(findings.serious.count == 1, "\(findings.summary)")
        let e = findings.errors.first
        #expect(e?.rule == "repeat.table")
        #expect(Set(e?.locations.map(\.line) ?? []) == [1149, 1334])
        #expect(e?.documentSource == "kallelse.txt")
        #expect(e?.message.contains("RegExPro") == true && e?.message.contains("623") == true && e?.message.contains("673") == true)
    }

    @Test func aLineTheOtherTableDrawsWider() {
        let detail = TableText.table("Samverkansinsatser", columns: [TableText.column("Utfall 2024-06-30", .utfall, "2024-01-01..2024-06-30", scale: .tkr)], firstLine: 944, """
            Samverkansinsatser | 9 628
            Övriga samverkansinsatser | 307
            **Summa | 9 935
            """)
        let overview = TableText.table("Ekonomisk översikt", columns: [TableText.column("Utfall 2024-06-30", .utfall, "2024-01-01..2024-06-30", scale: .tkr)], firstLine: 875, """
            Medlemsavgifter | 11 661
            Samverkansinsatser | -9 935
            Förvaltning | -2 202
            """)
        let findings = Stages.check(TableText.document([overview, detail], period: "2024-01-01..2024-06-30"))
        #expect(findings.serious.isEmpty, "\(findings.summary)")
        #expect(findings.contains { $0.severity == .info && $0.message.contains("avgränsar posten olika") }, "\(findings.summary)")
    }

    @Test func aFactorOfAThousandIsAUnitNotADiscrepancy() {
        let a = TableText.table("Resultaträkning", kind: .resultatrakning, columns: [TableText.column("2024", .utfall, "2024")], """
            Verksamhetens intäkter | 12 093 929
            """)
        let b = TableText.table("Översikt", kind: .flerarsoversikt, columns: [TableText.column("2024", .utfall, "2024", scale: .tkr)], firstLine: 40, """
            Verksamhetens intäkter | 12,094
            """)
        let findings = Stages.check(TableText.document([a, b]))
        #expect(findings.map(\.severity) == [.warning], "\(findings.summary)")
        #expect(findings.first?.message.contains("faktor 1 000") == true)
    }

    @Test func aLedgerAgainstThePrintedReport() {
        let report = TableText.table("Resultaträkning", kind: .resultatrakning, columns: [TableText.column("2024", .utfall, "2024")], file: "ar.txt", """
            Verksamhetens intäkter | 12 450 000
            Verksamhetens kostnader | -12 105 300
            """)
        var ledger = TableText.table("Resultaträkning enligt bokföringen", kind: .ledger, columns: [TableText.column("2024", .utfall, "2024")], file: "bok.se", firstLine: 200, """
            Verksamhetens intäkter | 12 450 000
            Verksamhetens kostnader | -12 150 300
            """)
        ledger.rows[0].account = "3000"
        let org = Organisation(name: "Samordningsförbundet Norrvik", orgnr: "222000-1234")
        let a = TableText.document([report], source: "ar.txt", organisation: org)
        var b = TableText.document([ledger], source: "bok.se", organisation: Organisation(name: "Norrvik", orgnr: "222000-1234"))
        b.format = .sie4
        let findings = Stages.check([a, b])
        #expect(findings.errors.count == 1, "\(findings.summary)")
        #expect(Set(findings.errors.first?.locations.map(\.file) ?? []) == ["ar.txt", "bok.se"])
        #expect(findings.errors.first?.difference.map(\.magnitude) == 45_000)
    }

    /// Norrvik's annual reports for 2023 and 2024; the later one restates 2023 with costs 36 000 higher.
    var norrvikReports: (earlier: Document, later: Document) {
        let org = Organisation(name: "Samordningsförbundet Norrvik", orgnr: "222000-1234")
        func report(_ year: Int, _ source: String, _ text: String) -> Document {
            let t = TableText.table("Resultaträkning", kind: .resultatrakning, columns: [
                TableText.column("\(year)", .utfall, "\(year)"), TableText.column("\(year - 1)", .utfall, "\(year - 1)"),
            ], file: source, text)
            return TableText.document([t], source: source, organisation: org, period: "\(year)")
        }
        let earlier = report(2023, "ar2023.txt", """
            Verksamhetens intäkter | 11 980 500 | 10 870 000
            Verksamhetens kostnader | -11 426 750 | -10 930 000
            Årets resultat | 553 750 | -60 000
            """)
        let later = report(2024, "ar2024.txt", """
            Verksamhetens intäkter | 12 450 000 | 11 980 500
            Verksamhetens kostnader | -12 129 300 | -11 462 750
            Årets resultat | 320 700 | 517 750
            """)
        return (earlier, later)
    }

    @Test func priorYearColumnsAgainstTheEarlierReport() {
        let (earlier, later) = norrvikReports
        let findings = Stages.check([earlier, later])
        // 2023 as restated in the 2024 report: costs 36 000 higher, so the result 36 000 lower.
        #expect(findings.errors.count == 2, "\(findings.summary)")
        #expect(findings.errors.allSatisfy { $0.rule == "repeat.document" && Set($0.locations.map(\.file)) == ["ar2023.txt", "ar2024.txt"] })
        #expect(Set(findings.errors.compactMap { $0.difference.map(\.magnitude) }) == [36_000])
    }

    /// The batch is checked organisation by organisation: another organisation's documents between two of
    /// Norrvik's (as in a folder sorted by file name) change neither what is found nor its place.
    @Test func anotherOrganisationBetweenTwoReportsChangesNothing() {
        let (earlier, later) = norrvikReports
        let together = Stages.check([earlier, later, interim, plan])
        let between = Stages.check([earlier, interim, later, plan])
        let norrvik = { (f: Finding) in f.locations.contains { $0.file.hasPrefix("ar20") } }
        #expect(together.filter(norrvik).map(\.message) == between.filter(norrvik).map(\.message))
        #expect(between.errors.filter { $0.rule == "repeat.document" }.count == 3, "\(between.summary)")
        #expect(between.errors.contains { Set($0.locations.map(\.file)) == ["ar2023.txt", "ar2024.txt"] })
        #expect(between.errors.contains { Set($0.locations.map(\.file)) == ["delar.txt", "plan.txt"] })
        #expect(RuleEngine.organisations([earlier, interim, later, plan]) == [[0, 2], [1, 3]])
    }

    @Test func oneNumberTwoUnrelatedNamesAreTwoOrganisations() {
        #expect(RepeatedFigureRule.sameOrganisation(Organisation(name: "Samordningsförbundet Norrvik", orgnr: "222000-1234"), Organisation(name: "Norrvik", orgnr: "222000-1234")))
        #expect(!RepeatedFigureRule.sameOrganisation(Organisation(name: "Mamut_SIE", orgnr: "555555-5555"), Organisation(name: "Övningsbolaget AB (Ekonomi 60)", orgnr: "555555-5555")))
        var other = interim
        other.organisation = Organisation(name: "Övningsbolaget AB", orgnr: "222000-9999")
        var plan2 = plan
        plan2.organisation = Organisation(name: "Samordningsförbundet Samsund", orgnr: "222000-9999")
        #expect(Stages.check([other, plan2]).serious.isEmpty)
    }

    /// The groups are checked in the order of their keys' descriptions (the order the findings come in before
    /// duplicates are dropped); the description spelled out must be the reflected one, character for character.
    @Test func groupOrderKeyIsTheKeysDescription() {
        let year = TableText.period("2023"), instant = TableText.period("2023-06-30")
        var keys: [RepeatedFigureRule.Key] = []
        for scenario in Scenario.allCases {
            for unit in MeasureUnit.allCases {
                keys.append(.init(organisation: "nr:222000-1234", subject: "begrepp:AretsResultat", member: nil, scenario: scenario, period: year, unit: unit))
            }
        }
        keys.append(.init(organisation: "fil:a \"b\"\\c\u{01}.txt", subject: "rad:övriga kostnader|östhammar|K|inskrivna", member: "kvinnor",
                          scenario: .budget, period: instant, unit: .personer))
        keys.append(.init(organisation: "namn:norrvik", subject: "rad:e\u{301}|", member: "", scenario: .prognos, period: instant, unit: .sek))
        for k in keys { #expect(k.sortName == "\(k)") }
    }

    /// `SortName` compares the description part by part without building it: over keys whose parts are
    /// prefixes of one another, hold quotes, backslashes, spaces (which sort before the closing quote) and
    /// combining marks, and whose periods are an instant and a period ending the same day, it must order
    /// every pair as the whole descriptions do.
    @Test func groupOrderPartByPartIsTheDescriptionsOrder() {
        let strings = ["nr:1", "nr:12", "nr:1 2", "nr:1\"", "nr:1\\", "", "a b", "a", "ab", "e\u{301}", "é", "\u{301}e", "ö", "o\u{308}x", "z"]
        let periods = [TableText.period("2023"), TableText.period("2023-12-31"), TableText.period("2023-01-01"),
                       Period(start: Day(year: 2023, month: 12, day: 31), end: Day(year: 2023, month: 12, day: 31)!)]
        var g = FastPathEquivalenceTests.Generator(state: 11)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let keys = (0..<300).map { _ in
            RepeatedFigureRule.Key(
                organisation: pick(strings), subject: pick(strings), member: g.next() % 3 == 0 ? nil : pick(strings),
                scenario: pick(Scenario.allCases), period: pick(periods), unit: pick(MeasureUnit.allCases))
        }
        var literals = RepeatedFigureRule.SortName.Literals()
        let names = keys.map { RepeatedFigureRule.SortName($0, &literals) }
        var differing = 0
        for i in keys.indices {
            for j in keys.indices {
                let expected = keys[i].sortName < keys[j].sortName
                #expect((names[i] < names[j]) == expected, "\(keys[i].sortName) / \(keys[j].sortName)")
                if keys[i].organisation != keys[j].organisation, expected != (keys[i].organisation < keys[j].organisation) { differing += 1 }
            }
        }
        // Quoted, `a b` sorts before `a` (a space before the closing quote): the test meets such pairs.
        #expect(differing > 0)
    }

    /// `GroupOrder` sorts the groups by ranks of interned parts: over the same awkward keys as above, the
    /// order it gives must be the order `SortName` gives (which the test above ties to the descriptions).
    @Test func groupOrderByRanksIsTheSortNameOrder() {
        let strings = ["nr:1", "nr:12", "nr:1 2", "nr:1\"", "nr:1\\", "", "a b", "a", "ab", "e\u{301}", "é", "\u{301}e", "ö", "o\u{308}x", "z"]
        let periods = [TableText.period("2023"), TableText.period("2023-12-31"), TableText.period("2023-01-01"),
                       Period(start: Day(year: 2023, month: 12, day: 31), end: Day(year: 2023, month: 12, day: 31)!)]
        var g = FastPathEquivalenceTests.Generator(state: 23)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        var seen = Set<RepeatedFigureRule.Key>()
        var keys: [RepeatedFigureRule.Key] = []
        for _ in 0..<400 {
            let k = RepeatedFigureRule.Key(
                organisation: pick(strings), subject: pick(strings), member: g.next() % 3 == 0 ? nil : pick(strings),
                scenario: pick(Scenario.allCases), period: pick(periods), unit: pick(MeasureUnit.allCases))
            if seen.insert(k).inserted { keys.append(k) }
        }
        var names = GroupOrder.Names()
        let groups = keys.enumerated().map { i, k in
            (key: GroupOrder.Key(organisation: names.organisations.id(k.organisation), subject: names.subjects.id(k.subject),
                                 member: k.member.map { names.members.id($0) } ?? -1, scenario: k.scenario, period: k.period, unit: k.unit),
             indices: [i])
        }
        let byRanks = GroupOrder(names, periods: keys.map(\.period)).sorted(groups).map { $0[0] }
        var literals = RepeatedFigureRule.SortName.Literals()
        let sortNames = keys.map { RepeatedFigureRule.SortName($0, &literals) }
        // Keys equal as strings (`é` and `e\u{301}`) share a group; between distinct groups the order must agree.
        #expect(byRanks.count == keys.count)
        for (a, b) in zip(byRanks, byRanks.dropFirst()) {
            #expect(!(sortNames[b] < sortNames[a]), "\(keys[a].sortName) / \(keys[b].sortName)")
        }
    }
}
