import Foundation
import FinsamMapping
import FinsamModel

/// One table with what the rules need beyond its cells: the kind of each row, which total each row belongs
/// to, what each column holds.
struct TableContext {
    let document: Document
    let tableIndex: Int
    let table: Table
    let kinds: [RowKind]
    let links: [Int: TotalLink]
    /// Item row → the total that lists it (the innermost, as the structure search commits inner totals first).
    let parents: [Int: Int]
    let amountColumns: [Int]
    let differenceColumns: [Int]
    let ratioColumns: [Int]

    init(document: Document, tableIndex: Int, concepts: [String: ConceptDefinition]) {
        self.document = document
        self.tableIndex = tableIndex
        let table = document.tables[tableIndex]
        self.table = table
        kinds = RowKinds.infer(table, concepts: concepts)
        links = Dictionary(table.totals.map { ($0.total, $0) }, uniquingKeysWith: { a, _ in a })
        var parents: [Int: Int] = [:]
        for link in table.totals.sorted(by: { $0.total < $1.total }) {
            for item in link.items where parents[item.row] == nil { parents[item.row] = link.total }
        }
        self.parents = parents
        var amount: [Int] = [], difference: [Int] = [], ratio: [Int] = []
        for (c, column) in table.columns.enumerated() {
            let cells = table.rows.compactMap { $0.cells.indices.contains(c) ? $0.cells[c] : nil }
            let percent = cells.filter { $0.text.hasSuffix("%") }.count
            if column.scenario == .kvot || column.unit == .pure || (!cells.isEmpty && percent * 2 > cells.count) {
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

    var file: String { table.source.file }
    var rows: [Row] { table.rows }

    func cell(_ r: Int, _ c: Int) -> Cell? {
        guard rows.indices.contains(r), rows[r].cells.indices.contains(c) else { return nil }
        return rows[r].cells[c]
    }

    /// An amount: present and not a percentage.
    func amount(_ r: Int, _ c: Int) -> Cell? {
        guard let cell = cell(r, c), !cell.text.hasSuffix("%") else { return nil }
        return cell
    }

    /// The figure with its precision; a count of people is exact, whatever its printed decimals.
    func figure(_ r: Int, _ c: Int) -> Figure? {
        guard let cell = amount(r, c) else { return nil }
        return table.columns[c].unit == .personer ? Figure(value: cell.value, decimals: 12) : Figure(cell)
    }

    func percent(_ r: Int, _ c: Int) -> Cell? {
        guard let cell = cell(r, c), cell.text.hasSuffix("%") || ratioColumns.contains(c) else { return nil }
        return cell
    }

    func line(_ r: Int) -> Int { rows[r].source.line }

    func location(_ r: Int, _ c: Int? = nil) -> SourceLocation {
        let column = c.flatMap { cell(r, $0)?.column } ?? rows[r].source.column
        return SourceLocation(file: rows[r].source.file, line: rows[r].source.line, column: column)
    }

    func scale(_ c: Int) -> PrintedScale { table.columns[c].scale }

    /// The row's label, or its qualifier when the label is empty (an owner row carrying the figures).
    func label(_ r: Int) -> String {
        let l = rows[r].label.trimmingCharacters(in: .whitespaces)
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
}
