import FinsamModel

/// Where each table, row and figure of a document lands on its sheet. Computed before anything is written,
/// so the overview, the comparison and the findings can refer to cells of sheets not yet written.
struct DocumentLayout {
    let sheet: String
    /// Columns: source line, label, note, [qualifier], then the table's figures.
    static let lineColumn = 0
    static let labelColumn = 1
    static let noteColumn = 2
    let qualifierColumn: Int?
    let firstValueColumn: Int
    /// Widest table, in figure columns.
    let valueColumns: Int
    /// Rows 0–2 are the document's heading.
    static let firstTableRow = 4
    /// Per table: its title row and header row.
    let titleRow: [Int]
    let headerRow: [Int]
    /// Per table, per row: the sheet row.
    let rowOf: [[Int]]
    let lastRow: Int

    init(document: Document, sheet: String) {
        self.sheet = sheet
        let hasQualifier = document.tables.contains { $0.rows.contains { ($0.qualifier ?? "").isEmpty == false } }
        qualifierColumn = hasQualifier ? 3 : nil
        firstValueColumn = hasQualifier ? 4 : 3
        valueColumns = document.tables.map(\.columns.count).max() ?? 0
        var row = DocumentLayout.firstTableRow
        var titles: [Int] = []
        var headers: [Int] = []
        var rows: [[Int]] = []
        for table in document.tables {
            titles.append(row)
            headers.append(row + 1)
            row += 2
            rows.append(Array(row..<(row + table.rows.count)))
            row += table.rows.count + 1
        }
        titleRow = titles
        headerRow = headers
        rowOf = rows
        lastRow = row
    }

    func valueCell(table t: Int, row r: Int, column c: Int) -> CellRef {
        CellRef(sheet: sheet, row: rowOf[t][r], col: firstValueColumn + c)
    }

    func labelCell(table t: Int, row r: Int) -> CellRef {
        CellRef(sheet: sheet, row: rowOf[t][r], col: DocumentLayout.labelColumn)
    }

    func titleCell(table t: Int) -> CellRef {
        CellRef(sheet: sheet, row: titleRow[t], col: DocumentLayout.labelColumn)
    }
}

/// Source locations → the cells that show them: a figure's `file:line:column` → its value cell, a row's
/// `file:line` → its label cell.
struct CellIndex {
    struct Key: Hashable {
        var file: String
        var line: Int
        /// -1 for the row itself.
        var column: Int
    }

    /// A cell and the table it belongs to (numbered across the batch).
    struct Place: Hashable {
        var cell: CellRef
        var table: Int
    }

    private(set) var places: [Key: Place] = [:]

    init(documents: [Document], layouts: [DocumentLayout]) {
        var tableID = 0
        for (d, doc) in documents.enumerated() {
            let layout = layouts[d]
            for (t, table) in doc.tables.enumerated() {
                for (r, row) in table.rows.enumerated() {
                    let rowKey = Key(file: row.source.file, line: row.source.line, column: -1)
                    if places[rowKey] == nil { places[rowKey] = Place(cell: layout.labelCell(table: t, row: r), table: tableID) }
                    for (c, cell) in row.cells.enumerated() {
                        guard let cell else { continue }
                        let key = Key(file: row.source.file, line: row.source.line, column: cell.column)
                        if places[key] == nil { places[key] = Place(cell: layout.valueCell(table: t, row: r, column: c), table: tableID) }
                    }
                }
                let titleKey = Key(file: table.source.file, line: table.source.line, column: -1)
                if places[titleKey] == nil { places[titleKey] = Place(cell: layout.titleCell(table: t), table: tableID) }
                tableID += 1
            }
        }
    }

    /// The figure's cell, else its row's label, else nil (a line outside every table).
    func place(for location: SourceLocation) -> Place? {
        if let column = location.column, let hit = places[Key(file: location.file, line: location.line, column: column)] {
            return hit
        }
        return places[Key(file: location.file, line: location.line, column: -1)]
    }

    func cell(for location: SourceLocation) -> CellRef? { place(for: location)?.cell }
}
