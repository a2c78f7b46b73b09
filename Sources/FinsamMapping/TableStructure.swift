import Foundation
import FinsamModel

/// Where rows stand in a table: section headers, totals, the rows a total closes. Layout only; no concepts.
struct TableStructure {
    /// What the structure reads of the table. Mapping changes concepts, never labels, figures, qualifiers or
    /// the rows' order, so one structure serves a table through the mapping. It keeps the cells rather than the
    /// rows: rows held here too would be copied whole by the first concept the mapping sets.
    let kind: TableKind
    let tableTitle: String
    let columnCount: Int
    let cells: [[Cell?]]
    let qualified: [Bool]
    /// Per row, worked out once: every row's context walks up the rows above it.
    let labels: [String]
    let totals: [Bool]
    let opens: [Bool]
    let bareTotals: [Bool]
    /// `isHeader` per row: it looks at every cell, and the mapping asks it of every row many times.
    let headers: [Bool]
    /// Per header row, the section it opens (every row below it asks).
    let headerSections: [String?]
    /// For a note, the section its title names: the section of rows under no header that names one.
    let noteSection: String?
    /// The normalised title the label rules see.
    let title: String

    init(table: Table) {
        kind = table.kind
        tableTitle = table.title
        columnCount = table.columns.count
        cells = table.rows.map(\.cells)
        qualified = table.rows.map { $0.qualifier != nil }
        let facts = table.rows.map { LabelFacts.of($0.label) }
        let labels = facts.map(\.key)
        self.labels = labels
        totals = facts.map(\.isTotal)
        bareTotals = facts.map(\.isBareTotal)
        let headers = table.rows.map(\.isHeader)
        self.headers = headers
        opens = table.rows.indices.map { headers[$0] || labels[$0].hasPrefix("ingående") }
        headerSections = table.rows.indices.map { headers[$0] ? facts[$0].section : nil }
        noteSection = table.kind == .not ? RowContext.section(of: LabelMapper.normalise(TableStructure.noteTitle(table.title))) : nil
        title = LabelMapper.normalise(table.kind == .not ? TableStructure.noteTitle(table.title) : table.title)
    }

    /// The same layout over `table`, a later state of the table it was worked out for (concepts set): the
    /// structure reads nothing the mapping changes, so it is the same structure.
    func with(_ table: Table) -> TableStructure {
        assert(table.rows.count == cells.count && table.title == tableTitle)
        return self
    }

    static func isTotal(_ row: Row) -> Bool {
        isTotal(label: row.label)
    }

    static func isTotal(label: String) -> Bool {
        // Every match starts with `summa`, `total`, `s:a` or `s.a`, and only ASCII letters lower-case to those:
        // other labels need neither `lowercased()` nor the regex.
        guard mayStartTotalWord(label) else { return false }
        return label.lowercased().firstMatch(of: Patterns.totalWord) != nil
    }

    /// Whether `label` (in any case) starts with `summa`, `total`, `s:a` or `s.a`; true for a label that does
    /// not start with ASCII, which is left to the regex.
    static func mayStartTotalWord(_ label: String) -> Bool {
        mayStart(label, with: ["summa", "total", "s:a", "s.a"])
    }

    /// Whether `text` starts with one of `words` (lower-case ASCII) with ASCII letters in either case; true
    /// when `text` does not start with ASCII, as no ASCII word can then be ruled out this cheaply.
    static func mayStart(_ text: String, with words: [StaticString]) -> Bool {
        var text = text
        return text.withUTF8 { b in
            guard let first = b.first else { return false }
            if first >= 0x80 { return true }
            return words.contains { word in
                word.withUTF8Buffer { w in
                    guard w.count <= b.count else { return false }
                    for i in 0..<w.count {
                        let c = b[i]
                        if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != w[i] { return false }
                    }
                    return true
                }
            }
        }
    }

    /// `Summa`, `Totalt 2024-06-30`: a total that says nothing of what it sums.
    static func isBareTotal(_ row: Row) -> Bool {
        isBareTotal(normalised: LabelMapper.normalise(row.label))
    }

    /// `isBareTotal` of row `r`, from its label normalised once.
    func isBareTotal(_ r: Int) -> Bool {
        bareTotals[r]
    }

    static func isBareTotal(normalised: String) -> Bool {
        let words = normalised.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }
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
            let isHeader = headers[k]
            if isHeader, let s = headerSections[k] { return s }
            if totals[k] && !isHeader { return nil }
            k -= 1
        }
        return noteSection
    }

    /// The first total below `r` before a header: the total that closes `r`'s part.
    func closingTotal(below r: Int) -> Int? {
        var k = r + 1
        while k < headers.count {
            if headers[k] { return nil }
            if totals[k] { return k }
            k += 1
        }
        return nil
    }

    /// The title of a note without its number: `Not 2. Verksamhetens intäkter` → `Verksamhetens intäkter`.
    var noteTitle: String { TableStructure.noteTitle(tableTitle) }

    static func noteTitle(_ t: String) -> String {
        // Every match starts with `not` in some case, and only ASCII letters fold to those.
        guard mayStart(t, with: ["not"]) else { return t }
        if let m = t.firstMatch(of: Patterns.notePrefix) { return String(t[m.range.upperBound...]) }
        return t
    }

    func context(of r: Int) -> RowContext {
        RowContext(
            table: kind, title: title, section: section(of: r),
            header: header(above: r).map { labels[$0] }, qualified: qualified[r])
    }

    /// Per column, the sum of `rows`' figures (nil where none of them has one).
    func sums(_ rows: [Int]) -> [Decimal?] {
        (0..<columnCount).map { c in
            let values = rows.compactMap { cells[$0][c]?.value }
            return values.isEmpty ? nil : values.reduce(0, +)
        }
    }

    /// Whether `values` equal `row`'s figures in every column where the row has one (and in at least one).
    func equals(_ values: [Decimal?], row r: Int) -> Bool {
        var compared = 0
        for (c, cell) in cells[r].enumerated() {
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
