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
    /// Per table: its title row, the row under it that says how the table was read (when the reader noted
    /// something), and its header row.
    let titleRow: [Int]
    let readingRow: [Int?]
    let headerRow: [Int]
    /// Per table, per row: the sheet row.
    let rowOf: [SheetRows]
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
        var readings: [Int?] = []
        var headers: [Int] = []
        var rows: [SheetRows] = []
        for table in document.tables {
            titles.append(row)
            row += 1
            if table.readingNotes.isEmpty {
                readings.append(nil)
            } else {
                readings.append(row)
                row += 1
            }
            headers.append(row)
            row += 1
            rows.append(SheetRows(start: row, count: table.rows.count))
            row += table.rows.count + 1
        }
        titleRow = titles
        readingRow = readings
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

/// A table's rows on its sheet: consecutive, so a start and a count rather than an array of row numbers.
struct SheetRows {
    let start: Int
    let count: Int

    /// The sheet row of the table's row `r`.
    subscript(r: Int) -> Int {
        precondition(r >= 0 && r < count, "row \(r) outside a table of \(count) rows")
        return start + r
    }

    var first: Int? { count > 0 ? start : nil }
}

/// Source locations → the cells that show them: a figure's `file:line:column` → its value cell, a row's
/// `file:line` → its label cell. Indexed by row; a figure is found among its row's cells when asked for.
/// One sorted array of packed keys and one of small entries, not a dictionary: a national batch shows some
/// 300 000 rows, and the index lives through the whole workbook stage.
struct CellIndex {
    /// A cell and the table it belongs to (numbered across the batch).
    struct Place: Hashable {
        var cell: CellRef
        var table: Int
    }

    /// Where a line is shown: a table's title (`row` −1), or a row of a table.
    private struct Entry {
        var document: Int32
        var table: Int32
        var row: Int32
        var tableID: Int32
    }

    /// Files are numbered once, so a key is two integers rather than a path.
    private var fileNumbers: [String: UInt32] = [:]
    /// `file << 32 | line`, ascending; `entries[i]` is where `keys[i]` is shown.
    private var keys: [UInt64] = []
    private var entries: [Entry] = []
    private let documents: [Document]
    private let layouts: [DocumentLayout]

    private mutating func number(_ file: String) -> UInt32 {
        if let n = fileNumbers[file] { return n }
        let n = UInt32(fileNumbers.count)
        fileNumbers[file] = n
        return n
    }

    private static func key(file: UInt32, line: Int) -> UInt64 {
        UInt64(file) << 32 | UInt64(UInt32(truncatingIfNeeded: line))
    }

    init(documents: [Document], layouts: [DocumentLayout]) {
        self.documents = documents
        self.layouts = layouts
        // In batch order; where two rows share a line, the first one listed is the one shown.
        var listed: [(key: UInt64, entry: Entry)] = []
        var tableID: Int32 = 0
        for (d, doc) in documents.enumerated() {
            var lastFile = ""
            var lastNumber: UInt32?
            for (t, table) in doc.tables.enumerated() {
                for (r, row) in table.rows.enumerated() {
                    if lastNumber == nil || row.source.file != lastFile {
                        lastFile = row.source.file
                        lastNumber = number(lastFile)
                    }
                    listed.append((CellIndex.key(file: lastNumber!, line: row.source.line),
                                   Entry(document: Int32(d), table: Int32(t), row: Int32(r), tableID: tableID)))
                }
                listed.append((CellIndex.key(file: number(table.source.file), line: table.source.line),
                               Entry(document: Int32(d), table: Int32(t), row: -1, tableID: tableID)))
                tableID += 1
            }
        }
        let order = listed.indicesSorted(by: \.key)
        keys.reserveCapacity(order.count)
        entries.reserveCapacity(order.count)
        for i in order where keys.last != listed[i].key {
            keys.append(listed[i].key)
            entries.append(listed[i].entry)
        }
    }

    /// The figure's cell, else its row's label, else nil (a line outside every table).
    func place(for location: SourceLocation) -> Place? {
        guard let file = fileNumbers[location.file] else { return nil }
        let key = CellIndex.key(file: file, line: location.line)
        let low = keys.lowerBound(of: key)
        guard low < keys.count, keys[low] == key else { return nil }
        let entry = entries[low]
        let d = Int(entry.document), t = Int(entry.table), r = Int(entry.row)
        let layout = layouts[d]
        if r < 0 { return Place(cell: layout.titleCell(table: t), table: Int(entry.tableID)) }
        if let column = location.column,
           let c = documents[d].tables[t].rows[r].cells.firstIndex(where: { $0?.column == column }) {
            return Place(cell: layout.valueCell(table: t, row: r, column: c), table: Int(entry.tableID))
        }
        return Place(cell: layout.labelCell(table: t, row: r), table: Int(entry.tableID))
    }

    func cell(for location: SourceLocation) -> CellRef? { place(for: location)?.cell }
}
