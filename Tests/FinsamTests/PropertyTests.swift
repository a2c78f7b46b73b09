import Foundation
import PropertyBased
import Testing
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamReaders

/// How a report may print a number. Test-side formatting, so parsing is checked against an independent writer.
struct PrintStyle: CustomStringConvertible {
    var separator: String  // "" (none), " ", NBSP
    var minus: String  // "-", "−", "–", "()"
    var fractionDigits: Int
    var percent: Bool

    static let separators = ["", " ", "\u{00A0}"]
    static let minuses = ["-", "\u{2212}", "\u{2013}", "()"]

    /// `units` is the value × 10^fractionDigits.
    func format(units: Int64) -> String {
        let magnitude = units.magnitude
        let scale = UInt64(pow(10.0, Double(fractionDigits)))
        let intPart = String(magnitude / scale)
        var grouped = ""
        for (i, ch) in intPart.enumerated() {
            if i > 0 && (intPart.count - i) % 3 == 0 { grouped += separator }
            grouped.append(ch)
        }
        if fractionDigits > 0 {
            let frac = String(magnitude % scale)
            grouped += "," + String(repeating: "0", count: fractionDigits - frac.count) + frac
        }
        if percent { grouped += "%" }
        guard units < 0 else { return grouped }
        return minus == "()" ? "(\(grouped))" : minus + grouped
    }

    var description: String { "sep=\(separator.unicodeScalars.map { $0.value }) minus=\(minus) frac=\(fractionDigits) %=\(percent)" }
}

@Suite("Properties")
struct PropertyTests {
    static let styles = zip(Gen.int(in: 0...2), Gen.int(in: 0...3), Gen.int(in: 0...3), Gen.bool).map { s, m, f, p in
        PrintStyle(separator: PrintStyle.separators[s], minus: PrintStyle.minuses[m], fractionDigits: f, percent: p)
    }

    @Test func numbersRoundTripThroughEveryPrintStyle() async {
        await propertyCheck(count: 2000, input: Gen.int64(in: -999_999_999_999...999_999_999_999), PropertyTests.styles) { units, style in
            let text = style.format(units: units)
            guard case .number(let n)? = SwedishNumber.parse(text) else {
                Issue.record("”\(text)” (\(style)) did not parse")
                return
            }
            #expect(n.value == Decimal(units).shifted(by: -style.fractionDigits), "”\(text)”")
            #expect(n.fractionDigits == style.fractionDigits, "”\(text)”")
            #expect(n.isPercent == style.percent, "”\(text)”")
            #expect(n.text == text)
        }
    }

    /// A table of items and their total, as a report prints it, in kr or rounded to tkr.
    struct GeneratedTable: CustomStringConvertible {
        var items: [Int64]  // exact kr
        var thousands: Bool

        func printed(_ kr: Int64) -> Int64 { thousands ? Int64((Double(kr) / 1000).rounded()) : kr }

        func text(changing index: Int? = nil, by delta: Int64 = 0) -> String {
            var lines = ["# Årsredovisning 2024", "", "Samordningsförbundet Provby", "", "## Not 3. Kostnader", ""]
            lines.append(thousands ? "Belopp i tkr\t2024" : "Belopp i kr\t2024")
            let style = PrintStyle(separator: " ", minus: "-", fractionDigits: 0, percent: false)
            for (i, kr) in items.enumerated() {
                let value = printed(kr) + (i == index ? delta : 0)
                lines.append("Post \(i + 1)\t\(style.format(units: value))")
            }
            lines.append("Summa\t\(style.format(units: printed(items.reduce(0, +))))")
            return lines.joined(separator: "\n") + "\n"
        }

        var description: String { "\(items) \(thousands ? "tkr" : "kr")" }
    }

    static let tables = zip(Gen.int64(in: 1...50_000_000).array(of: 2...12), Gen.bool).map { items, thousands in
        GeneratedTable(items: items, thousands: thousands)
    }

    func findings(_ text: String) throws -> [Finding] {
        let pipeline = try Repo.pipeline()
        let docs = try pipeline.process(InputFile(path: "generated.txt", bytes: Array(text.utf8))).get()
        return pipeline.check(docs)
    }

    @Test func aTableThatAddsUpNeverYieldsAnError() async throws {
        await propertyCheck(count: 150, input: PropertyTests.tables) { table in
            let errors = try findings(table.text()).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(table): \(errors.map(\.message))")
        }
    }

    @Test func aChangedFigureAlwaysYieldsAnErrorAtTheTable() async throws {
        await propertyCheck(count: 150, input: PropertyTests.tables, Gen.int(in: 0...11), Gen.int64(in: 1...5_000)) { table, pick, size in
            let index = pick % table.items.count
            // Beyond any rounding: more than half a unit per printed figure.
            let delta = Int64(table.items.count + 1) * (size % 2 == 0 ? size : -size)
            let errors = try findings(table.text(changing: index, by: delta)).filter { $0.severity == .error }
            #expect(!errors.isEmpty, "\(table) changed row \(index + 1) by \(delta)")
        }
    }
}
