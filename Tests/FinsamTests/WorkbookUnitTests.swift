import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamModel

@Suite("Workbook building blocks")
struct WorkbookUnitTests {
    @Test func columnLetters() {
        #expect(CellAddress.column(0) == "A")
        #expect(CellAddress.column(25) == "Z")
        #expect(CellAddress.column(26) == "AA")
        #expect(CellAddress.column(701) == "ZZ")
        #expect(CellAddress.column(702) == "AAA")
        #expect(CellAddress.column(16383) == "XFD")
        #expect(CellRef(sheet: "Östra Södertörn", row: 11, col: 4).qualified == "'Östra Södertörn'!E12")
        #expect(CellAddress.quoted("Ann's") == "'Ann''s'")
        #expect(CellAddress.range(sheet: "Jämförelse", firstRow: 4, firstCol: 2, lastRow: 4, lastCol: 5) == "='Jämförelse'!$C$5:$F$5")
    }

    @Test func totalFormulaRangesAndSigns() {
        let items = [5, 6, 7, 9].map { TotalFormula.Item(sheetRow: $0, sign: 1) } + [TotalFormula.Item(sheetRow: 11, sign: -1)]
        // Row 8 is empty in the column and joins the range; row 10 holds a figure and breaks it.
        let f = TotalFormula.formula(items: items, column: 4) { $0 == 8 }
        #expect(f == "SUM(E6:E10)-SUM(E12)")
        let g = TotalFormula.formula(items: items, column: 4) { _ in false }
        #expect(g == "SUM(E6:E8,E10)-SUM(E12)")
        #expect(TotalFormula.formula(items: [TotalFormula.Item(sheetRow: 3, sign: -1)], column: 0) { _ in true } == "-SUM(A4)")
        #expect(TotalFormula.formula(items: [], column: 0) { _ in true } == nil)
    }

    @Test func differenceColumnPairAndRowOrder() throws {
        let y = Period(start: Day(year: 2024, month: 1, day: 1), end: Day(year: 2024, month: 12, day: 31)!)
        let columns = [Column(header: "Budget", scenario: .budget, period: y), Column(header: "Utfall", scenario: .utfall, period: y),
                       Column(header: "Differens", scenario: .differens, period: y)]
        func row(_ texts: [String?]) -> Row {
            Row(label: "x", cells: texts.enumerated().map { c, t in
                t.map { Cell(value: $0.hasSuffix("%") ? Decimal(string: String($0.dropLast()))! / 100 : Decimal(string: $0)!, text: $0, decimals: 0, column: c + 1) }
            }, source: SourceLocation(file: "f", line: 1, column: 0))
        }
        let table = Table(title: "t", columns: columns, rows: [
            row(["300", "250", "50"]),   // budget − utfall
            row(["100", "120", "20"]),   // utfall − budget
            row(["500", "550", "30"]),   // neither
            row([nil, "40", "-40"]),     // empty budget counts as 0
            row(["5%", "40", "-40"]),    // a percentage is no amount to subtract (nor 0)
            row(["1", "2", nil]),        // nothing printed
        ], source: SourceLocation(file: "f", line: 1, column: 0))
        let pair = try #require(DifferenceFormula.pair(for: 2, in: table))
        #expect(pair == DifferenceFormula.Pair(first: 0, second: 1))
        #expect((0..<6).map { DifferenceFormula.order(pair, row: $0, difference: 2, in: table) } == [true, false, nil, true, nil, nil])
        // A column no pair explains on half its rows gets no formulas.
        let unexplained = Table(title: "t", columns: columns, rows: [row(["1", "2", "7"]), row(["3", "4", "9"])],
                                source: SourceLocation(file: "f", line: 1, column: 0))
        #expect(DifferenceFormula.pair(for: 2, in: unexplained) == nil)
    }

    /// The catalog sorts its keys as packed integers: that order must be `<`'s, over every field and the
    /// extremes (instants before periods that end the same day, years 1000 and 9999, large numbers).
    @Test func factCatalogPackedKeysSortAsKeysCompare() {
        let days = [Day(year: 1000, month: 1, day: 1)!, Day(year: 2023, month: 12, day: 31)!, Day(year: 2024, month: 1, day: 1)!,
                    Day(year: 2024, month: 6, day: 30)!, Day(year: 2024, month: 12, day: 31)!, Day(year: 9999, month: 12, day: 31)!]
        var periods: [Period] = days.map { .instant($0) }
        for (i, start) in days.enumerated() { for end in days[i...] { periods.append(Period(start: start, end: end)) } }
        var keys: [FactCatalog.Key] = []
        for org: Int32 in [0, 1, 299, Int32.max] {
            for concept: Int32 in [0, 7, Int32.max] {
                for scenario in [Scenario.allCases.first!, Scenario.allCases.last!] {
                    for period in periods { keys.append(FactCatalog.Key(organisation: org, concept: concept, scenario: scenario, period: period)) }
                }
            }
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let a = keys[Int(state >> 33) % keys.count], b = keys[Int(state >> 7) % keys.count]
            #expect((a < b) == (a.packed < b.packed) && (a == b) == (a.packed == b.packed), "\(a) \(b)")
        }
    }

    /// The pair search's integer shortcut answers `a − b == d` as `Decimal` does: on differences that hold and
    /// ones off by a unit of the last digit, over mixed exponents, and on values past the shortcut (over 64 bits).
    @Test func differenceShortcutAgreesWithDecimal() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        func value() -> Decimal {
            let mantissa = Decimal(Int64(next() % 20_000_000_000) - 10_000_000_000)
            return mantissa * Decimal(sign: .plus, exponent: Int(next() % 9) - 4, significand: 1)
        }
        var cases: [(Decimal, Decimal, Decimal)] = []
        for _ in 0..<4_000 {
            let a = value(), b = value()
            let ulp = Decimal(sign: .plus, exponent: Int(next() % 9) - 4, significand: 1)
            cases.append((a, b, a - b))
            cases.append((a, b, a - b + ulp))
            cases.append((a, b, b - a))
            cases.append((a, b, value()))
        }
        let huge = Decimal(string: "123456789012345678901234567")!
        cases += [(huge, 1, huge - 1), (huge, 1, huge), (0, 0, 0), (Decimal(string: "1.50")!, Decimal(string: "0.5")!, 1),
                  (Decimal(string: "9223372036854775807")!, -1, Decimal(string: "9223372036854775808")!)]
        for (a, b, d) in cases {
            #expect(DifferenceFormula.isDifference(a, b, d) == (a - b == d), "\(a) − \(b) = \(d)?")
        }
    }

    @Test func longTotalsNestTheirSums() throws {
        // 600 separate cells: more than one SUM may take, so they are grouped.
        let items = (0..<600).map { TotalFormula.Item(sheetRow: 2 * $0, sign: 1) }
        let f = try #require(TotalFormula.formula(items: items, column: 1) { _ in false })
        #expect(f.hasPrefix("SUM(SUM(B1,B3,"))
        #expect(f.components(separatedBy: "SUM(").count - 1 == 4)
        #expect(f.utf8.count <= TotalFormula.maxLength)
        // Too long for Excel at all: no formula.
        let many = (0..<3000).map { TotalFormula.Item(sheetRow: 2 * $0, sign: 1) }
        #expect(TotalFormula.formula(items: many, column: 1) { _ in false } == nil)
    }

    @Test func circularTotalsAreFound() {
        func link(_ total: Int, _ items: [Int]) -> TotalLink { TotalLink(total: total, items: items.map { SignedRow(row: $0) }) }
        // 5 sums 3 and 4; 4 sums 1 and 2: fine. 8 sums 7 and itself; 10 and 11 name each other.
        let links = [5: link(5, [3, 4]), 4: link(4, [1, 2]), 8: link(8, [7, 8]), 10: link(10, [9, 11]), 11: link(11, [10])]
        #expect(TotalFormula.circular(links) == [8, 10, 11])
    }

    @Test func circularShortcutAgreesWithTheSearch() {
        // Random tables of totals, some only upwards, some only downwards, some mixed: the shortcut for one-way
        // totals must give what following every chain gives.
        var rng = FastPathEquivalenceTests.Generator(state: 8)
        for round in 0..<2_000 {
            var links: [Int: TotalLink] = [:]
            for _ in 0..<(1 + Int(rng.next() % 6)) {
                let total = Int(rng.next() % 12)
                let items = (0..<(1 + Int(rng.next() % 4))).map { _ -> SignedRow in
                    let offset = 1 + Int(rng.next() % 4)
                    switch round % 3 {
                    case 0: return SignedRow(row: total - offset)
                    case 1: return SignedRow(row: total + offset)
                    default: return SignedRow(row: Int(rng.next() % 12))
                    }
                }
                links[total] = TotalLink(total: total, items: items)
            }
            #expect(TotalFormula.circular(links) == TotalFormula.searchCircular(links), "\(links)")
        }
        #expect(TotalFormula.searchCircular([3: TotalLink(total: 3, items: [SignedRow(row: 1)]), 1: TotalLink(total: 1, items: [SignedRow(row: 3)])]) == [1, 3])
    }

    @Test func totalSumSkipsEmptyCellsAndRefusesPercent() {
        func cell(_ v: Decimal, _ t: String) -> Cell { Cell(value: v, text: t, decimals: 0, column: 1) }
        let src = SourceLocation(file: "f", line: 1)
        var table = Table(title: "T", columns: [Column(header: "2024", scenario: .utfall, period: nil)], rows: [
            Row(label: "a", cells: [cell(100, "100")], source: src),
            Row(label: "b", cells: [nil], source: src),
            Row(label: "c", cells: [cell(-30, "-30")], source: src),
            Row(label: "S", cells: [cell(70, "70")], source: src),
        ], source: src)
        let link = TotalLink(total: 3, items: [SignedRow(row: 0), SignedRow(row: 1), SignedRow(row: 2)])
        #expect(TotalFormula.sum(link, column: 0, in: table) == 70)
        let minus = TotalLink(total: 3, items: [SignedRow(row: 0), SignedRow(row: 2, sign: -1)])
        #expect(TotalFormula.sum(minus, column: 0, in: table) == 130)
        table.rows[0].cells[0] = cell(Decimal(string: "0.5")!, "50%")
        #expect(TotalFormula.sum(link, column: 0, in: table) == nil)
    }

    @Test func factCatalogOrderAsTheKeysSort() throws {
        // Keys with few and many organisations and concepts, repeated keys (kept in listed order), periods with
        // and without a start: the packed-word sort must give the order of the general one.
        var rng = FastPathEquivalenceTests.Generator(state: 77)
        let days = try [(2023, 1, 1), (2023, 12, 31), (2024, 6, 30), (2024, 12, 31), (9999, 12, 31)].map { try #require(Day(year: $0.0, month: $0.1, day: $0.2)) }
        for round in 0..<300 {
            // Every fourth round draws from four keys, so most keys repeat.
            let organisations: UInt64 = round % 4 == 1 ? 2 : round % 3 == 0 ? UInt64(Int32.max) : 40
            let concepts: UInt64 = round % 4 == 1 ? 2 : round % 5 == 0 ? UInt64(Int32.max) : 300
            let listed = (0..<Int(rng.next() % 400)).map { i -> (key: FactCatalog.Key, document: Int32, fact: Int32) in
                let end = days[Int(rng.next() % UInt64(days.count))]
                let start = rng.next() % 3 == 0 ? nil : days[Int(rng.next() % UInt64(days.count))]
                let key = FactCatalog.Key(organisation: Int32(rng.next() % organisations), concept: Int32(rng.next() % concepts),
                                          scenario: Scenario.allCases[Int(rng.next() % UInt64(Scenario.allCases.count))],
                                          period: Period(start: start, end: end))
                return (key, Int32(i), Int32(i))
            }
            #expect(FactCatalog.sortOrder(listed) == listed.indicesSorted { $0.key.packed }, "round \(round)")
        }
    }

    @Test func cleanSheetNamesKeptAsTheRuleKeepsThem() {
        // Names from pieces that the rule changes (forbidden characters, breaks, apostrophes and spaces at the
        // ends, length) and pieces it keeps: the shortcut for names needing nothing must agree with the rule.
        let pieces = ["Östra", " ", "'", "Södertörn", "ÅR 2023", "[", "]", ":", "*", "?", "/", "\\", "\n", "\t", "\r\n",
                      "\u{2028}", "\u{85}", "é", "a\u{30A}", "–", "🇸🇪", "x", "Delår 2024-06-30", "\u{7F}", "\u{1}"]
        var rng = FastPathEquivalenceTests.Generator(state: 31)
        var kept = 0
        for _ in 0..<5_000 {
            let name = (0..<Int(rng.next() % 9)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(SheetNames.clean(name) == SheetNames.cleanedByRule(name), "\(name.debugDescription)")
            if SheetNames.isClean(name) { kept += 1 }
        }
        #expect(kept > 100, "the shortcut is taken: \(kept)")
    }

    @Test func sheetNames() {
        var names = SheetNames()
        #expect(names.unique("Översikt") == "Översikt")
        #expect(names.unique("översikt") == "översikt (2)")
        #expect(names.unique("a/b:c[d]*e?f\\g") == "a-b-c-d--e-f-g")
        #expect(names.unique("History") == "History (2)")
        let long = names.unique(String(repeating: "x", count: 40))
        #expect(long.count == 31)
        #expect(names.unique(String(repeating: "x", count: 40)) == String(repeating: "x", count: 27) + " (2)")
        #expect(names.unique("'citat'") == "citat")
        #expect(SheetNames.compose("Samordningsförbundet Mycket Långt Namn", "Delår 2024-06-30").count <= 31)
        #expect(SheetNames.compose("Östra Södertörn", "ÅR 2023") == "Östra Södertörn ÅR 2023")
    }

    @Test func decimalToDoubleIsCorrectlyRounded() {
        #expect(DecimalStorage.layoutKnown)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let units = Int64.random(in: -99_999_999_999...99_999_999_999, using: &rng)
            let places = Int.random(in: 0...6, using: &rng)
            let text = places == 0 ? "\(units)" : {
                let digits = String(abs(units))
                let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
                return (units < 0 ? "-" : "") + padded.dropLast(places) + "." + padded.suffix(places)
            }()
            let d = Decimal(string: text)!
            #expect(d.xlsxDouble == Double(text)!, "\(text)")
        }
        // Beyond the fast path (more than 53 bits, large exponents) the text path answers.
        for text in ["123456789012345678901234", "1e40", "-1.5e-30", "0.1"] {
            #expect(Decimal(string: text)!.xlsxDouble == Double(text)!)
        }
    }

    @Test func xmlSafeText() {
        #expect(XMLSafeText.clean("Sida\u{0C}20") == "Sida 20")
        #expect(XMLSafeText.clean("rad\tett\nrad två") == "rad\tett\nrad två")
        #expect(XMLSafeText.clean(String(repeating: "a", count: 40_000)).count == XMLSafeText.maxCellLength)
    }

    @Test func numberFormats() {
        #expect(NumberFormats.money(scaleExponent: 0, decimals: 0) == "#,##0;[Red]-#,##0")
        #expect(NumberFormats.money(scaleExponent: 3, decimals: -3) == "#,##0,;[Red]-#,##0,")
        #expect(NumberFormats.money(scaleExponent: 6, decimals: -3) == "#,##0.000,,;[Red]-#,##0.000,,")
        #expect(NumberFormats.money(scaleExponent: 0, decimals: 2) == "#,##0.00;[Red]-#,##0.00")
        #expect(NumberFormats.percent(decimals: 2) == "0%;[Red]-0%")
        #expect(NumberFormats.percent(decimals: 3) == "0.0%;[Red]-0.0%")
    }

    @Test func swedishText() {
        func p(_ a: String, _ b: String) -> Period { Period(start: Day(iso: a), end: Day(iso: b)!) }
        #expect(SwedishText.period(p("2023-01-01", "2023-12-31")) == "2023")
        #expect(SwedishText.period(p("2023-01-01", "2023-06-30")) == "jan–jun 2023")
        #expect(SwedishText.period(p("2023-07-01", "2024-06-30")) == "2023-07-01–2024-06-30")
        #expect(SwedishText.period(.instant(Day(iso: "2023-12-31")!)) == "2023-12-31")
        #expect(SwedishText.shortName("Samordningsförbundet ÖSTRA SÖDERTÖRN") == "Östra Södertörn")
        #expect(SwedishText.shortName("Samordningsförbundet Uppsala län") == "Uppsala län")
        #expect(SwedishText.shortName("Finsam") == "Finsam")
        #expect(SwedishText.amount(10_759_000) == "10 759 000")
        #expect(SwedishText.amount(-1_563_000, scale: .tkr) == "-1 563")
        #expect(SwedishText.amount(Decimal(string: "9639000")!, scale: .mkr) == "9,639")
        #expect(["Östra", "Alfa", "Åsele", "Ängel", "Zeta"].sorted { SwedishText.sortKey($0) < SwedishText.sortKey($1) }
                == ["Alfa", "Zeta", "Åsele", "Ängel", "Östra"])
    }

    @Test func fullYearsAndExcelDates() {
        #expect(Period(start: Day(iso: "2024-01-01"), end: Day(iso: "2024-12-31")!).isFullYear)
        #expect(Period(start: Day(iso: "2023-07-01"), end: Day(iso: "2024-06-30")!).isFullYear)
        #expect(!Period(start: Day(iso: "2024-01-01"), end: Day(iso: "2024-06-30")!).isFullYear)
        #expect(!Period.instant(Day(iso: "2024-12-31")!).isFullYear)
        #expect(Day(iso: "1900-03-01")!.excelSerial == 61)
        #expect(Day(iso: "2024-01-01")!.excelSerial == 45292)
    }

    @Test func creationTimeFromSourceDateEpoch() {
        #expect(WorkbookExporter.creationTime(environment: ["SOURCE_DATE_EPOCH": "1735689600"]) == Date(timeIntervalSince1970: 1_735_689_600))
        #expect(WorkbookExporter.creationTime(environment: [:]) == nil)
        #expect(WorkbookExporter.creationTime(environment: ["SOURCE_DATE_EPOCH": "igår"]) == nil)
    }
}
