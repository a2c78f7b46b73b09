import Foundation
import FinsamMapping
import FinsamModel

/// One table with what the rules need beyond its cells: the kind of each row, which total each row belongs
/// to, what each column holds. A class: built once per table, shared by every rule, never changed.
final class TableContext {
    let document: Document
    let tableIndex: Int
    let table: Table
    let concepts: [String: ConceptDefinition]
    let links: [Int: TotalLink]
    /// Item row → the total that lists it (the innermost, as the structure search commits inner totals first).
    let parents: [Int: Int]
    let amountColumns: [Int]
    let differenceColumns: [Int]
    let ratioColumns: [Int]
    /// Row-major, `width` cells a row: what the hot loops ask of each cell, worked out once.
    private let slots: [Slot]
    private let width: Int

    struct Slot {
        enum State { case empty, amount, percent }
        var state = State.empty
        /// An amount's value in `FixedInterval` units; nil where it does not fit them.
        var units: Int128?
        var decimals = 0
    }

    /// By column: a count of people, exact whatever its printed decimals (`figure`).
    private let countColumns: [Bool]

    /// Whether any cell is printed with a `%` (`isPercentText`): most tables have none.
    let hasPercentCells: Bool

    /// Whether the rules gather the figures they found consistent (`RuleOutcome.covered`): the batch needs
    /// their findings only.
    let tracksCovered: Bool

    /// Where the labels' words and roles are read once for the batch (a table checked on its own has its own).
    let memo: LabelMemo

    init(
        document: Document, tableIndex: Int, concepts: [String: ConceptDefinition], tracksCovered: Bool = true,
        memo: LabelMemo? = nil
    ) {
        self.tracksCovered = tracksCovered
        self.memo = memo ?? LabelMemo()
        self.document = document
        self.tableIndex = tableIndex
        let table = document.tables[tableIndex]
        self.table = table
        self.concepts = concepts
        // The first link of each total, sized once.
        var links: [Int: TotalLink] = [:]
        links.reserveCapacity(table.totals.count)
        for link in table.totals where links[link.total] == nil { links[link.total] = link }
        self.links = links
        var parents: [Int: Int] = [:]
        parents.reserveCapacity(table.totals.reduce(0) { $0 + $1.items.count })
        for link in table.totals.sorted(by: { $0.total < $1.total }) {
            for item in link.items where parents[item.row] == nil { parents[item.row] = link.total }
        }
        self.parents = parents
        let width = table.rows.reduce(table.columns.count) { max($0, $1.cells.count) }
        var slots = [Slot](repeating: Slot(), count: table.rows.count * width)
        var cellCount = [Int](repeating: 0, count: width), percentCount = [Int](repeating: 0, count: width)
        // By index: binding each row and cell would copy (retain) its arrays and text.
        for r in table.rows.indices {
            for c in table.rows[r].cells.indices where table.rows[r].cells[c] != nil {
                cellCount[c] += 1
                if FigureGrid.isPercent(table.rows[r].cells[c]!.text) {
                    percentCount[c] += 1
                    slots[r * width + c].state = .percent
                } else {
                    slots[r * width + c] = Slot(
                        state: .amount, units: FixedInterval.units(table.rows[r].cells[c]!.value), decimals: table.rows[r].cells[c]!.decimals)
                }
            }
        }
        countColumns = table.columns.map { $0.unit == .personer }
        self.width = width
        self.slots = slots
        hasPercentCells = percentCount.contains { $0 > 0 }
        var amount: [Int] = [], difference: [Int] = [], ratio: [Int] = []
        for (c, column) in table.columns.enumerated() {
            if column.scenario == .kvot || column.unit == .pure || (cellCount[c] > 0 && percentCount[c] * 2 > cellCount[c]) {
                ratio.append(c)
            } else if column.scenario == .differens {
                difference.append(c)
            } else if FigureGrid.isAmountColumn(column) {
                amount.append(c)
            }
        }
        amountColumns = amount
        differenceColumns = difference
        ratioColumns = ratio
    }

    /// The kind of each row: only a table with a difference column needs them, and they take a structure search.
    func rowKinds() -> [RowKind] {
        RowKinds.infer(table, labels: labels, roles: rows.indices.map(role), concepts: concepts)
    }

    /// Each row's label as `LabelWords.normalised` gives it, and (`role`) its `LabelRole`: the row kinds read
    /// them all.
    var labels: [String] { rows.indices.map { memo.text(labelID($0).id) } }

    func role(_ r: Int) -> LabelRole { memo.role(labelID(r).id) }

    /// The number of the row's normalised label in the memo, and whether it is wordy. Read on first use, which is
    /// in the document's own task (`checkTable`, `RepeatedFigureRule.candidates`), before the contexts are
    /// shared with the repeat rule's groups; a ledger's thousands of account rows need them in neither.
    func labelID(_ r: Int) -> (id: Int32, wordy: Bool) {
        if lines.isEmpty { lines = Array(repeating: (-1, false), count: rows.count) }
        if lines[r].id >= 0 { return lines[r] }
        let line = memo.line(rows[r].label)
        lines[r] = line
        return line
    }

    private var lines: [(id: Int32, wordy: Bool)] = []

    var file: String { table.source.file }
    var rows: [Row] { table.rows }

    func cell(_ r: Int, _ c: Int) -> Cell? {
        guard rows.indices.contains(r), rows[r].cells.indices.contains(c) else { return nil }
        return rows[r].cells[c]
    }

    private func slot(_ r: Int, _ c: Int) -> Slot? {
        guard r >= 0, r < rows.count, c >= 0, c < width else { return nil }
        return slots[r * width + c]
    }

    /// An amount: present and not a percentage.
    func amount(_ r: Int, _ c: Int) -> Cell? {
        guard slot(r, c)?.state == .amount else { return nil }
        return rows[r].cells[c]
    }

    func isAmount(_ r: Int, _ c: Int) -> Bool { slot(r, c)?.state == .amount }

    /// Whether the cell is printed with a `%`.
    func isPercentText(_ r: Int, _ c: Int) -> Bool { slot(r, c)?.state == .percent }

    /// The figure with its precision; a count of people is exact, whatever its printed decimals.
    func figure(_ r: Int, _ c: Int) -> Figure? {
        guard let cell = amount(r, c) else { return nil }
        return countColumns[c] ? Figure(value: cell.value, decimals: 12) : Figure(cell)
    }

    /// `figure(r, c)` in fixed point: `.absent` where there is no amount, `.unfit` where the amount does not fit
    /// `FixedInterval` units (the caller then takes the Decimal way).
    func fixedFigure(_ r: Int, _ c: Int) -> FixedFigure {
        guard let s = slot(r, c), s.state == .amount else { return .absent }
        let decimals = countColumns[c] ? 12 : s.decimals
        guard let units = s.units, let half = FixedInterval.half(decimals) else { return .unfit }
        return .figure(value: units, half: half)
    }

    /// The amount's value and its own printed precision (as `Figure(cell)`), in fixed point.
    func fixedCell(_ r: Int, _ c: Int) -> FixedFigure {
        guard let s = slot(r, c), s.state == .amount else { return .absent }
        guard let units = s.units, let half = FixedInterval.half(s.decimals) else { return .unfit }
        return .figure(value: units, half: half)
    }

    func percent(_ r: Int, _ c: Int) -> Cell? {
        guard let s = slot(r, c), s.state == .percent || (s.state == .amount && ratioColumns.contains(c)) else { return nil }
        return rows[r].cells[c]
    }

    func line(_ r: Int) -> Int { rows[r].source.line }

    func location(_ r: Int, _ c: Int? = nil) -> SourceLocation {
        let column = c.flatMap { cell(r, $0)?.column } ?? rows[r].source.column
        return SourceLocation(file: rows[r].source.file, line: rows[r].source.line, column: column)
    }

    func scale(_ c: Int) -> PrintedScale { table.columns[c].scale }

    /// `ColumnTotalRule.isTotalHeader` of the column's header, read once per batch.
    func isTotalColumn(_ c: Int) -> Bool {
        memo.isTotalHeader(table.columns[c].header)
    }

    /// The row's label, or its qualifier when the label is empty (an owner row carrying the figures).
    func label(_ r: Int) -> String {
        let l = TableContext.trimmed(rows[r].label)
        if !l.isEmpty { return l }
        return rows[r].qualifier ?? "rad \(line(r))"
    }

    /// The column's period with a flow's start filled in as the mapping does (a column headed `2023-06-30`
    /// in an interim report runs from the report's start).
    func flowPeriod(_ c: Int) -> Period {
        let printed = table.columns[c].period ?? document.period
        if let start = printed.start { return Period(start: start, end: printed.end) }
        if let docStart = document.period.start, document.period.end == printed.end {
            return Period(start: docStart, end: printed.end)
        }
        return Period(start: Day(year: printed.end.year, month: 1, day: 1), end: printed.end)
    }

    /// Every row under `total`, at any depth.
    func descendants(of total: Int) -> Set<Int> {
        var out = Set<Int>()
        var stack = [total]
        while let t = stack.popLast() {
            for item in links[t]?.items ?? [] where out.insert(item.row).inserted { stack.append(item.row) }
        }
        return out
    }

    /// Lines of the items, as a run (`rad 98–109`) when nothing but their own sub-rows and headings lies
    /// between them.
    func itemLines(_ link: TotalLink, english: Bool = false) -> String {
        let items = link.items.map(\.row)
        guard let lo = items.min(), let hi = items.max() else { return "" }
        var covered = Set(items)
        for i in items { covered.formUnion(descendants(of: i)) }
        let run = (lo...hi).allSatisfy { r in covered.contains(r) || rows[r].isHeader || !rows[r].cells.contains { $0 != nil } }
        return Format.lines(items.map(line), run: run, english: english)
    }

    /// Whether the amounts of this table read as `Utfall`, `Budget 2023`: more than one amount column means
    /// a message has to say which one it is about.
    var hasSeveralAmountColumns: Bool { amountColumns.count + differenceColumns.count > 1 }

    func columnPhrase(_ c: Int, english: Bool = false) -> String {
        guard hasSeveralAmountColumns else { return "" }
        let name = Format.column(table.columns[c], english: english)
        if name.isEmpty { return "" }
        return english ? " in column “\(name)”" : " i kolumnen ”\(name)”"
    }

    /// `trimmingCharacters(in: .whitespaces)` without Foundation for the usual label, which starts and ends
    /// with an ASCII character other than a space or tab (none of those is whitespace).
    static func trimmed(_ s: String) -> String {
        let u = s.utf8
        if let first = u.first, let last = u.last, first < 0x80, last < 0x80, first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return s
        }
        return s.trimmingCharacters(in: .whitespaces)
    }
}

/// A figure in fixed point, or why there is none.
enum FixedFigure {
    case absent
    case unfit
    case figure(value: Int128, half: Int128)

    /// Absent, or a figure in fixed point.
    var fits: Bool {
        if case .unfit = self { return false }
        return true
    }

    var interval: FixedInterval? {
        if case let .figure(v, h) = self { return FixedInterval(value: v, half: h) }
        return nil
    }

    var value: Int128? {
        if case let .figure(v, _) = self { return v }
        return nil
    }
}
