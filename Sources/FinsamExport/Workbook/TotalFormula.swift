import Foundation
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
        var runStart = sorted[0]
        var runEnd = sorted[0]
        func close() {
            let ref = runStart.sheetRow == runEnd.sheetRow
                ? CellAddress.a1(row: runStart.sheetRow, col: column)
                : CellAddress.a1(row: runStart.sheetRow, col: column) + ":" + CellAddress.a1(row: runEnd.sheetRow, col: column)
            if runStart.sign < 0 { minus.append(ref) } else { plus.append(ref) }
        }
        for item in sorted.dropFirst() {
            let sameSign = (item.sign < 0) == (runStart.sign < 0)
            let adjacent = item.sheetRow > runEnd.sheetRow && ((runEnd.sheetRow + 1)..<item.sheetRow).allSatisfy(isEmpty)
            if sameSign && adjacent {
                runEnd = item
            } else {
                close()
                runStart = item
                runEnd = item
            }
        }
        close()
        let positive = plus.isEmpty ? "" : sum(plus)
        let negative = minus.isEmpty ? "" : "-" + sum(minus)
        let formula = positive + negative
        // Excel reads formulas up to 8 192 characters: a longer one is left to the printed figure.
        return formula.utf8.count <= maxLength ? formula : nil
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
        var sum = Decimal(0)
        var any = false
        for item in link.items {
            guard item.row < table.rows.count, c < table.rows[item.row].cells.count else { return nil }
            guard let cell = table.rows[item.row].cells[c] else { continue }
            if cell.text.hasSuffix("%") { return nil }
            sum += item.sign < 0 ? -cell.value : cell.value
            any = true
        }
        return any ? sum : nil
    }

    /// Totals that would depend on themselves (a link naming its own row, or totals naming each other):
    /// written as printed figures, since a formula there would be a circular reference.
    static func circular(_ links: [Int: TotalLink]) -> Set<Int> {
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
