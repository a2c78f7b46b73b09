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

    /// `'Östra Södertörn'`, as formulas name the sheet.
    let quotedSheet: String

    init(document: Document, sheet: String) {
        self.sheet = sheet
        quotedSheet = CellAddress.quoted(sheet)
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
/// `file:line` → its label cell. Indexed by row; a figure is found among its row's cells when asked for.
struct CellIndex {
    /// Files are numbered once, so a key hashes two integers rather than a path.
    struct Key: Hashable {
        var file: Int
        var line: Int
    }

    /// A cell and the table it belongs to (numbered across the batch).
    struct Place: Hashable {
        var cell: CellRef
        var table: Int
    }

    /// Where a line is shown: a table's title, or a row (document, table, row).
    enum Entry {
        case title(Place)
        case row(document: Int, table: Int, row: Int, tableID: Int)
    }

    private(set) var fileNumbers: [String: Int] = [:]
    private var entries: [Key: Entry] = [:]
    private let documents: [Document]
    private let layouts: [DocumentLayout]

    private mutating func number(_ file: String) -> Int {
        if let n = fileNumbers[file] { return n }
        fileNumbers[file] = fileNumbers.count
        return fileNumbers.count - 1
    }

    init(documents: [Document], layouts: [DocumentLayout]) {
        self.documents = documents
        self.layouts = layouts
        var tableID = 0
        for (d, doc) in documents.enumerated() {
            var lastFile = ""
            var lastNumber = -1
            for (t, table) in doc.tables.enumerated() {
                for (r, row) in table.rows.enumerated() {
                    if lastNumber < 0 || row.source.file != lastFile {
                        lastFile = row.source.file
                        lastNumber = number(lastFile)
                    }
                    let key = Key(file: lastNumber, line: row.source.line)
                    if entries[key] == nil { entries[key] = .row(document: d, table: t, row: r, tableID: tableID) }
                }
                let titleKey = Key(file: number(table.source.file), line: table.source.line)
                if entries[titleKey] == nil { entries[titleKey] = .title(Place(cell: layouts[d].titleCell(table: t), table: tableID)) }
                tableID += 1
            }
        }
    }

    /// The figure's cell, else its row's label, else nil (a line outside every table).
    func place(for location: SourceLocation) -> Place? {
        guard let file = fileNumbers[location.file], let entry = entries[Key(file: file, line: location.line)] else { return nil }
        switch entry {
        case .title(let place):
            return place
        case .row(let d, let t, let r, let tableID):
            let layout = layouts[d]
            if let column = location.column,
               let c = documents[d].tables[t].rows[r].cells.firstIndex(where: { $0?.column == column }) {
                return Place(cell: layout.valueCell(table: t, row: r, column: c), table: tableID)
            }
            return Place(cell: layout.labelCell(table: t, row: r), table: tableID)
        }
    }

    func cell(for location: SourceLocation) -> CellRef? { place(for: location)?.cell }
}
