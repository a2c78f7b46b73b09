import Foundation
import FinsamModel

/// Where rows stand in a table: section headers, totals, the rows a total closes. Layout only; no concepts.
///
/// A class of constants: a document's structures are then an array of references, a small allocation,
/// where an array of the structures themselves was a large one, and large requests are where the allocator
/// stops to consolidate every small block freed since (the reader's, mostly).
final class TableStructure {
    /// What the structure reads of the table. Mapping changes concepts, never labels, figures, qualifiers or
    /// the rows' order, so one structure serves a table through the mapping. It keeps the cells rather than the
    /// rows: rows held here too would be copied whole by the first concept the mapping sets.
    let kind: TableKind
    let tableTitle: String
    let columnCount: Int
    let cells: [[Cell?]]
    let qualified: [Bool]
    /// Per row, what its label says (see `LabelFacts`), worked out once per distinct label.
    let facts: [LabelFacts]
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
    /// The title of a note without its number (see `noteTitle(_:)`); the title itself for other tables.
    let noteTitle: String

    convenience init(table: Table) {
        self.init(table: table, facts: table.rows.indices.map { LabelFacts.of(table.rows[$0].label) })
    }

    /// `facts`: `LabelFacts.of` each row's label, in row order, looked up by a caller that needs them too.
    init(table: Table, facts labelFacts: [LabelFacts]) {
        precondition(labelFacts.count == table.rows.count)
        kind = table.kind
        tableTitle = table.title
        columnCount = table.columns.count
        let n = table.rows.count
        var cells: [[Cell?]] = [], qualified: [Bool] = [], facts: [LabelFacts] = [], labels: [String] = []
        var totals: [Bool] = [], opens: [Bool] = [], bareTotals: [Bool] = [], headers: [Bool] = [], headerSections: [String?] = []
        cells.reserveCapacity(n)
        qualified.reserveCapacity(n)
        facts.reserveCapacity(n)
        labels.reserveCapacity(n)
        totals.reserveCapacity(n)
        opens.reserveCapacity(n)
        bareTotals.reserveCapacity(n)
        headers.reserveCapacity(n)
        headerSections.reserveCapacity(n)
        // One pass by index: a row is read field by field, never copied whole.
        for r in table.rows.indices {
            let rowCells = table.rows[r].cells
            let f = labelFacts[r]
            let isHeader = rowCells.allSatisfy { $0 == nil }
            cells.append(rowCells)
            qualified.append(table.rows[r].qualifier != nil)
            facts.append(f)
            labels.append(f.key)
            totals.append(f.isTotal)
            bareTotals.append(f.isBareTotal)
            headers.append(isHeader)
            opens.append(isHeader || f.opensBalance)
            headerSections.append(isHeader ? f.section : nil)
        }
        self.cells = cells
        self.qualified = qualified
        self.facts = facts
        self.labels = labels
        self.totals = totals
        self.opens = opens
        self.bareTotals = bareTotals
        self.headers = headers
        self.headerSections = headerSections
        let titleFacts = TitleFacts.of(table.title)
        noteTitle = titleFacts.noteTitle
        noteSection = table.kind == .not ? titleFacts.noteSection : nil
        title = table.kind == .not ? titleFacts.noteTitleKey : titleFacts.key
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
    static func noteTitle(_ t: String) -> String {
        TitleFacts.of(t).noteTitle
    }

    /// `noteTitle` worked out (see `TitleFacts`).
    static func readNoteTitle(_ t: String) -> String {
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

/// What the mapping and the structure search read from a table's title alone, once per distinct title: a
/// batch titles its tables alike (`Resultaträkning`, `Not 3 Övriga kostnader`) report after report.
struct TitleFacts: Sendable {
    /// `LabelMapper.normalise(title)`.
    let key: String
    /// `TableStructure.noteTitle(title)`, and that normalised.
    let noteTitle: String
    let noteTitleKey: String
    /// `RowContext.section(of:)` of the normalised note title.
    let noteSection: String?
    /// `LabelWords.normalised(title)`.
    let words: String
    /// `LabelWords.isCostLike(words)`, and whether `words` name a cash flow (`kassaflöde`).
    let costLike: Bool
    let namesCashFlow: Bool

    init(title: String) {
        key = LabelMapper.normalise(title)
        noteTitle = TableStructure.readNoteTitle(title)
        noteTitleKey = LabelMapper.normalise(noteTitle)
        noteSection = RowContext.section(of: noteTitleKey)
        words = LabelWords.normalised(title)
        costLike = LabelWords.isCostLike(words)
        namesCashFlow = TextSearch.contains(words, "kassaflöde")
    }

    private static let memo = MatchMemo<ExactText, TitleFacts>(capacity: 1 << 14)

    static func of(_ title: String) -> TitleFacts {
        memo.value(for: ExactText(title)) { TitleFacts(title: title) }
    }
}
