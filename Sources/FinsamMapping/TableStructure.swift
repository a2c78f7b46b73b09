import Foundation
import FinsamModel

/// Where rows stand in a table: section headers, totals, the rows a total closes. Layout only; no concepts.
struct TableStructure {
    let table: Table
    /// Per row, worked out once: every row's context walks up the rows above it.
    let labels: [String]
    let totals: [Bool]
    let opens: [Bool]
    /// The normalised title the label rules see.
    let title: String

    init(table: Table) {
        self.table = table
        let labels = table.rows.map { LabelMapper.normalise($0.label) }
        self.labels = labels
        totals = table.rows.map(TableStructure.isTotal)
        opens = table.rows.indices.map { table.rows[$0].isHeader || labels[$0].hasPrefix("ingående") }
        title = LabelMapper.normalise(table.kind == .not ? TableStructure.noteTitle(table.title) : table.title)
    }

    static func isTotal(_ row: Row) -> Bool {
        let lower = row.label.lowercased()
        // Every match starts with `s` or `t`.
        guard let first = lower.utf8.first, first == UInt8(ascii: "s") || first == UInt8(ascii: "t") else { return false }
        return lower.firstMatch(of: Patterns.totalWord) != nil
    }

    /// `Summa`, `Totalt 2024-06-30`: a total that says nothing of what it sums.
    static func isBareTotal(_ row: Row) -> Bool {
        let words = LabelMapper.normalise(row.label).split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }
        return words.count == 1 && ["summa", "totalt", "total", "s", "sa"].contains(String(words[0]))
            || words == ["s", "a"]
    }

    /// A row that opens a part of the table: a header without figures, or the opening balance of a roll-forward
    /// (`Ingående avskrivningar`).
    static func opensPart(_ row: Row) -> Bool {
        row.isHeader || LabelMapper.normalise(row.label).hasPrefix("ingående")
    }

    /// Index of the nearest row above `r` that opens a part, not looking past a total.
    func header(above r: Int) -> Int? {
        var k = r - 1
        while k >= 0 {
            if opens[k] { return k }
            if totals[k] { return nil }
            k -= 1
        }
        return nil
    }

    /// The section (`intakter`, `kostnader`, …) of row `r`: from the nearest header above that names one, not
    /// looking past a total; for a note without section headers, from its title.
    func section(of r: Int) -> String? {
        var k = r - 1
        while k >= 0 {
            let row = table.rows[k]
            if row.isHeader, let s = RowContext.section(of: labels[k]) { return s }
            if totals[k] && !row.isHeader { return nil }
            k -= 1
        }
        if table.kind == .not { return RowContext.section(of: LabelMapper.normalise(noteTitle)) }
        return nil
    }

    /// The first total below `r` before a header: the total that closes `r`'s part.
    func closingTotal(below r: Int) -> Int? {
        var k = r + 1
        while k < table.rows.count {
            let row = table.rows[k]
            if row.isHeader { return nil }
            if totals[k] { return k }
            k += 1
        }
        return nil
    }

    /// The title of a note without its number: `Not 2. Verksamhetens intäkter` → `Verksamhetens intäkter`.
    var noteTitle: String { TableStructure.noteTitle(table.title) }

    static func noteTitle(_ t: String) -> String {
        if let m = t.firstMatch(of: Patterns.notePrefix) { return String(t[m.range.upperBound...]) }
        return t
    }

    func context(of r: Int) -> RowContext {
        let row = table.rows[r]
        return RowContext(
            table: table.kind, title: title, section: section(of: r),
            header: header(above: r).map { labels[$0] }, qualified: row.qualifier != nil)
    }

    /// Per column, the sum of `rows`' figures (nil where none of them has one).
    func sums(_ rows: [Int]) -> [Decimal?] {
        table.columns.indices.map { c in
            let values = rows.compactMap { table.rows[$0].cells[c]?.value }
            return values.isEmpty ? nil : values.reduce(0, +)
        }
    }

    /// Whether `values` equal `row`'s figures in every column where the row has one (and in at least one).
    func equals(_ values: [Decimal?], row r: Int) -> Bool {
        var compared = 0
        for (c, cell) in table.rows[r].cells.enumerated() {
            guard let cell else { continue }
            guard let v = values[c], v == cell.value else { return false }
            compared += 1
        }
        return compared > 0
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let totalWord = /^(summa|totalt|total|s:a|s\.a\.?)\b/
    nonisolated(unsafe) static let notePrefix = /^(?i:not)\s+\d+[.:]?\s*/
}
