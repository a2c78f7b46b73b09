import Foundation
import FinsamMapping
import FinsamModel

/// A printed total as an Excel formula over its items, from `Table.totals`: `SUM(E5:E9,E12)-SUM(E11)`.
enum TotalFormula {
    struct Item {
        var sheetRow: Int
        var sign: Int
    }

    /// The formula (without `=`) over the items in one sheet column. Consecutive items of the same sign
    /// become one range; rows between items may join a range when they are empty in this column.
    static func formula(items: [Item], column: Int, isEmpty: (Int) -> Bool) -> String? {
        guard !items.isEmpty else { return nil }
        let sorted = items.sorted { $0.sheetRow < $1.sheetRow }
        var plus: [String] = []
        var minus: [String] = []
        forEachRun(sortedItems: sorted, isEmpty: isEmpty) { first, last in
            let ref = first.sheetRow == last.sheetRow
                ? CellAddress.a1(row: first.sheetRow, col: column)
                : CellAddress.a1(row: first.sheetRow, col: column) + ":" + CellAddress.a1(row: last.sheetRow, col: column)
            if first.sign < 0 { minus.append(ref) } else { plus.append(ref) }
        }
        let positive = plus.isEmpty ? "" : sum(plus)
        let negative = minus.isEmpty ? "" : "-" + sum(minus)
        let formula = positive + negative
        // Excel reads formulas up to 8 192 characters: a longer one is left to the printed figure.
        return formula.utf8.count <= maxLength ? formula : nil
    }

    /// The items, sorted by row, as runs: items of the same sign whose rows follow each other, or have only
    /// rows that are empty in this column between them. Each run is passed as its first and last item.
    static func forEachRun(sortedItems items: [Item], isEmpty: (Int) -> Bool, _ body: (_ first: Item, _ last: Item) -> Void) {
        var runStart = items[0]
        var runEnd = items[0]
        for item in items.dropFirst() {
            let sameSign = (item.sign < 0) == (runStart.sign < 0)
            let adjacent = item.sheetRow > runEnd.sheetRow && ((runEnd.sheetRow + 1)..<item.sheetRow).allSatisfy(isEmpty)
            if sameSign && adjacent {
                runEnd = item
            } else {
                body(runStart, runEnd)
                runStart = item
                runEnd = item
            }
        }
        body(runStart, runEnd)
    }

    /// `formula(items:column:isEmpty:)` appended to `out` as UTF-8, for items already sorted by row: a document
    /// sheet writes one per figure of every total, and strings per reference cost more than the rest of the cell.
    /// Returns false, with `out` as it was, where that returns nil or where a sign has more references than one
    /// `SUM` takes (then the nested sums of `formula` are needed).
    static func appendFormula(sortedItems items: [Item], column: Int, isEmpty: (Int) -> Bool, to out: inout [UInt8]) -> Bool {
        guard !items.isEmpty else { return false }
        let start = out.count
        let letters = CellAddress.column(column).utf8
        func ref(_ row: Int) {
            out.append(contentsOf: letters)
            out.appendDigits(UInt64(row + 1))
        }
        // The runs as `formula` makes them, visited once per sign: the positive sum is written first.
        for pass in 0..<2 {
            let negative = pass == 1
            var refs = 0
            if negative { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: "SUM".utf8)
            let sumStart = out.count - (negative ? 4 : 3)
            forEachRun(sortedItems: items, isEmpty: isEmpty) { first, last in
                guard (first.sign < 0) == negative else { return }
                out.append(refs == 0 ? UInt8(ascii: "(") : UInt8(ascii: ","))
                refs += 1
                ref(first.sheetRow)
                if first.sheetRow != last.sheetRow {
                    out.append(UInt8(ascii: ":"))
                    ref(last.sheetRow)
                }
            }
            if refs == 0 {
                out.removeSubrange(sumStart...)
            } else {
                out.append(UInt8(ascii: ")"))
            }
            if refs > maxArguments {
                out.removeSubrange(start...)
                return false
            }
        }
        guard out.count - start <= maxLength else {
            out.removeSubrange(start...)
            return false
        }
        return true
    }

    static let maxLength = 8_000
    /// Excel functions take at most 255 arguments.
    static let maxArguments = 255

    /// `SUM(a,b,…)`, nested in groups when there are more references than one call may take.
    static func sum(_ refs: [String]) -> String {
        if refs.count <= maxArguments { return "SUM(" + refs.joined(separator: ",") + ")" }
        let groups = stride(from: 0, to: refs.count, by: maxArguments).map { sum(Array(refs[$0..<min($0 + maxArguments, refs.count)])) }
        return sum(groups)
    }

    /// The items' signed sum in one table column, when every figure involved is an amount (not a percent)
    /// and at least one item has a figure.
    static func sum(_ link: TotalLink, column c: Int, in table: Table) -> Decimal? {
        switch integerSum(link, column: c, in: table) {
        case .none: return nil
        case .sum(let value): return value
        case .notIntegral: break
        }
        var sum = Decimal(0)
        var any = false
        for item in link.items {
            guard item.row < table.rows.count, c < table.rows[item.row].cells.count else { return nil }
            guard let cell = table.rows[item.row].cells[c] else { continue }
            if FigureGrid.isPercent(cell.text) { return nil }
            sum += item.sign < 0 ? -cell.value : cell.value
            any = true
        }
        return any ? sum : nil
    }

    /// Whether the items' signed sum in one column equals `value`, and the sum when it does not (nil when
    /// `sum` is nil). The same answer as comparing `sum` with `value`, but where the figures fit 64-bit
    /// integers at their smallest exponent it is decided there, without building the sum as a `Decimal`:
    /// every figure of every total row asks, and nearly all of them agree.
    static func compare(_ link: TotalLink, column c: Int, in table: Table, with value: Decimal) -> (equal: Bool, sum: Decimal)? {
        if case .sum(let total, let exponent) = integerTotal(link, column: c, in: table), !value.isNaN,
           let (m, e, negative) = DecimalStorage.parts(value), m <= UInt64(Int64.max) {
            let common = min(exponent, e)
            if let a = scaled(total, by: exponent - common), let b = scaled(negative ? -Int64(m) : Int64(m), by: e - common) {
                if a == b { return (true, value) }
            }
        }
        guard let sum = sum(link, column: c, in: table) else { return nil }
        return (sum == value, sum)
    }

    /// `v · 10^shift`, nil when it does not fit.
    private static func scaled(_ v: Int64, by shift: Int) -> Int64? {
        guard shift >= 0, shift <= 18 else { return nil }
        let (r, over) = v.multipliedReportingOverflow(by: Int64(DecimalLayout.powersOfTen[shift]))
        return over ? nil : r
    }

    enum IntegerSum {
        /// Not a sum of amounts (as `sum` returns nil).
        case none
        case sum(Decimal)
        /// Figures of different exponents or too large: `Decimal` arithmetic decides.
        case notIntegral
    }

    /// `sum` in 64-bit integers when every figure's mantissa, brought to the smallest exponent among them,
    /// fits: the same value exactly, without `Decimal` addition, which allocates. (`Decimal` keeps 1 000 000
    /// as 1e6 and 1 234 567 as 1234567e0, so the exponents differ even between whole kronor.) Every total of
    /// every document sheet is checked this way.
    static func integerSum(_ link: TotalLink, column c: Int, in table: Table) -> IntegerSum {
        switch integerTotal(link, column: c, in: table) {
        case .none: return .none
        case .notIntegral: return .notIntegral
        case .sum(let total, let smallest):
            return .sum(Decimal(sign: total < 0 ? .minus : .plus, exponent: smallest, significand: Decimal(total.magnitude)))
        }
    }

    enum IntegerTotal {
        case none
        /// The sum is `total · 10^exponent`.
        case sum(total: Int64, exponent: Int)
        case notIntegral
    }

    /// `integerSum` before it is made a `Decimal`.
    static func integerTotal(_ link: TotalLink, column c: Int, in table: Table) -> IntegerTotal {
        guard DecimalStorage.layoutKnown else { return .notIntegral }
        var any = false
        var integral = true
        var smallest = Int.max
        for item in link.items {
            guard item.row < table.rows.count, c < table.rows[item.row].cells.count else { return .none }
            guard let cell = table.rows[item.row].cells[c] else { continue }
            if FigureGrid.isPercent(cell.text) { return .none }
            any = true
            guard integral else { continue }
            if !cell.value.isNaN, let (m, e, _) = DecimalStorage.parts(cell.value), m <= UInt64(Int64.max) {
                smallest = min(smallest, e)
            } else {
                integral = false
            }
        }
        guard any else { return .none }
        guard integral, smallest != Int.max else { return .notIntegral }
        var total: Int64 = 0
        for item in link.items {
            guard let cell = table.rows[item.row].cells[c], let (m, e, negative) = DecimalStorage.parts(cell.value) else { continue }
            let shift = e - smallest
            guard shift <= 18 else { return .notIntegral }  // 10^18 is the largest power of ten an Int64 holds
            let (scaled, over) = Int64(m).multipliedReportingOverflow(by: Int64(DecimalLayout.powersOfTen[shift]))
            guard !over else { return .notIntegral }
            let (t, overflow) = total.addingReportingOverflow(negative != (item.sign < 0) ? -scaled : scaled)
            guard !overflow else { return .notIntegral }
            total = t
        }
        return .sum(total: total, exponent: smallest)
    }

    /// Totals that would depend on themselves (a link naming its own row, or totals naming each other):
    /// written as printed figures, since a formula there would be a circular reference.
    static func circular(_ links: [Int: TotalLink]) -> Set<Int> {
        // Most tables total only rows above each total (or only rows below): every step then moves the same
        // way and no chain can come back, so the search is skipped.
        if links.values.allSatisfy({ link in link.items.allSatisfy { $0.row < link.total } })
            || links.values.allSatisfy({ link in link.items.allSatisfy { $0.row > link.total } }) {
            return []
        }
        return searchCircular(links)
    }

    /// `circular` without its shortcut: every chain of links followed from each total.
    static func searchCircular(_ links: [Int: TotalLink]) -> Set<Int> {
        var out = Set<Int>()
        for start in links.keys {
            var stack = links[start]!.items.map(\.row)
            var seen = Set<Int>()
            while let row = stack.popLast() {
                if row == start {
                    out.insert(start)
                    break
                }
                guard seen.insert(row).inserted, let next = links[row] else { continue }
                stack += next.items.map(\.row)
            }
        }
        return out
    }
}
