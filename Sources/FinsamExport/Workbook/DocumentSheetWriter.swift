import Foundation
import FinsamModel

/// One document's sheet: its tables laid out as the report prints them, figures in the printed scale, totals
/// as formulas over their items where the printed total equals their sum, the source line beside every row,
/// and discrepant cells coloured with the finding in a comment.
struct DocumentSheetWriter {
    let document: Document
    let layout: DocumentLayout
    let styles: WorkbookStyles
    let marks: [CellMarks.CellKey: [CellMarks.Mark]]
    /// Where the back link goes.
    let overview: CellRef

    /// Per table, per row × column: the index of the fact read from that figure, or -1. Arrays, not a
    /// dictionary: the sheet asks for every figure.
    let factIndex: [[Int32]]
    /// Per sheet row: whether a finding marks any cell of it (most rows have none).
    let markedRows: [Bool]

    init(document: Document, layout: DocumentLayout, styles: WorkbookStyles, marks: [CellMarks.CellKey: [CellMarks.Mark]], overview: CellRef) {
        self.document = document
        self.layout = layout
        self.styles = styles
        self.marks = marks
        self.overview = overview
        var index = document.tables.map { Array(repeating: Int32(-1), count: $0.rows.count * $0.columns.count) }
        for (i, f) in document.facts.enumerated() {
            guard let t = f.tableIndex, let r = f.rowIndex, let c = f.columnIndex, t < index.count else { continue }
            let width = document.tables[t].columns.count
            guard c < width, r * width + c < index[t].count else { continue }
            index[t][r * width + c] = Int32(i)
        }
        factIndex = index
        var rows = Array(repeating: false, count: layout.lastRow + 1)
        for key in marks.keys where key.row < rows.count { rows[key.row] = true }
        markedRows = rows
    }

    func factIndex(table t: Int, row r: Int, column c: Int) -> Int {
        Int(factIndex[t][r * document.tables[t].columns.count + c])
    }

    /// What the cell of a figure holds (`StoredFigure`), reading only the unit and value of its fact.
    func stored(_ cell: Cell, table t: Int, row r: Int, column c: Int, _ column: Column) -> (value: Decimal, unscaled: Bool) {
        let i = factIndex(table: t, row: r, column: c)
        return StoredFigure.value(cell, column: column, unit: i < 0 ? nil : document.facts[i].unit, factValue: { document.facts[i].value })
    }

    func write(to sheet: XlsxSheet) {
        var widths = ColumnWidths(count: layout.firstValueColumn + layout.valueColumns)
        writeHeading(sheet)
        let noteTitles = noteTitleCells()
        for (t, table) in document.tables.enumerated() {
            writeTable(t, table, sheet, noteTitles: noteTitles, widths: &widths)
        }
        sheet.column(DocumentLayout.lineColumn, width: 6)
        widths.apply(DocumentLayout.labelColumn, to: sheet, min: 28, max: 70)
        widths.apply(DocumentLayout.noteColumn, to: sheet, min: 5, max: 12)
        if let q = layout.qualifierColumn { widths.apply(q, to: sheet, min: 10, max: 32) }
        for c in 0..<layout.valueColumns {
            sheet.column(layout.firstValueColumn + c, width: DocumentSheetWriter.valueWidth)
        }
        sheet.freeze(rows: 3, cols: 2)
        sheet.printSetup(landscape: layout.valueColumns > 4, fitToWidth: true)
    }

    /// Figure columns share one width, so a wrapped header's height is known when it is written.
    static let valueWidth = 15.0

    private func writeHeading(_ sheet: XlsxSheet) {
        let org = document.organisation
        sheet.string(0, DocumentLayout.labelColumn, "\(org.name) – \(document.title ?? SwedishText.kind(document.kind))", styles.title)
        var facts = [SwedishText.kind(document.kind), SwedishText.period(document.period)]
        if let nr = org.orgnr { facts.append("org.nr \(nr)") }
        var source = "källa \(document.source)"
        if let lines = document.lines { source += " (rad \(lines.lowerBound)–\(lines.upperBound))" }
        facts.append(source)
        if let sha = document.sha256 { facts.append("SHA-256 \(sha.prefix(16))…") }
        sheet.string(1, DocumentLayout.labelColumn, facts.joined(separator: " · "), styles.subtitle)
        sheet.link(2, DocumentLayout.labelColumn, to: overview, text: "← Översikt", styles.link)
    }

    /// Note number → the title cell of that note's table, for the `Not` links.
    private func noteTitleCells() -> [String: CellRef] {
        var out: [String: CellRef] = [:]
        for (t, table) in document.tables.enumerated() {
            if let n = table.noteNumber, out[n] == nil { out[n] = layout.titleCell(table: t) }
        }
        return out
    }

    private func unitText(_ table: Table) -> String {
        if let money = table.columns.first(where: { $0.unit == .sek }) {
            switch money.scale {
            case .kr: return "Belopp i kr"
            case .tkr: return "Belopp i tkr (lagrat i kr)"
            case .mkr: return "Belopp i mkr (lagrat i kr)"
            }
        }
        if table.columns.contains(where: { $0.unit == .personer }) { return "Antal personer" }
        return ""
    }

    private func writeTable(_ t: Int, _ table: Table, _ sheet: XlsxSheet, noteTitles: [String: CellRef], widths: inout ColumnWidths) {
        let titleRow = layout.titleRow[t]
        sheet.number(titleRow, DocumentLayout.lineColumn, table.source.line, styles.lineNumber)
        sheet.string(titleRow, DocumentLayout.labelColumn, table.title, styles.tableTitle)
        // How the table was read (units assumed, periods inferred) is shown, not hidden in a comment: it is what
        // an auditor has to know before trusting the figures, and it prints. One line that runs on to the right.
        if let readingRow = layout.readingRow[t] {
            sheet.string(readingRow, DocumentLayout.labelColumn, "Läsning: " + table.readingNotes.joined(separator: " · "), styles.readingNote)
        }

        let headerRow = layout.headerRow[t]
        sheet.string(headerRow, DocumentLayout.lineColumn, "Rad", styles.columnHeaderLeft)
        sheet.string(headerRow, DocumentLayout.labelColumn, unitText(table), styles.columnHeaderLeft)
        sheet.string(headerRow, DocumentLayout.noteColumn, "Not", styles.columnHeaderLeft)
        if let q = layout.qualifierColumn { sheet.string(headerRow, q, "Avser", styles.columnHeaderLeft) }
        var headerLines = 1
        for (c, column) in table.columns.enumerated() {
            let header = column.header.isEmpty
                ? SwedishText.scenario(column.scenario) + (column.period.map { " " + SwedishText.period($0) } ?? "")
                : column.header
            sheet.string(headerRow, layout.firstValueColumn + c, header, styles.columnHeader)
            headerLines = max(headerLines, TextWrap.lines(header, width: DocumentSheetWriter.valueWidth * 0.85))
        }
        // Readers do not all grow a row for wrapped text: the header row is given its height.
        if headerLines > 1 { sheet.row(headerRow, height: 15 * Double(min(headerLines, 4))) }

        var linkByTotal: [Int: TotalLink] = [:]
        for link in table.totals where linkByTotal[link.total] == nil { linkByTotal[link.total] = link }
        let circular = TotalFormula.circular(linkByTotal)
        // Per row: the link it totals, unless that would be circular.
        var totalOf = [TotalLink?](repeating: nil, count: table.rows.count)
        var isTotalRow = [Bool](repeating: false, count: table.rows.count)
        for (r, link) in linkByTotal where r >= 0 && r < table.rows.count {
            isTotalRow[r] = true
            if !circular.contains(r) { totalOf[r] = link }
        }
        // Per column: the pair a `Differens` column is the difference of.
        let differencePairs: [Int: DifferenceFormula.Pair] = Dictionary(uniqueKeysWithValues: table.columns.indices.compactMap { c in
            table.columns[c].scenario == .differens ? DifferenceFormula.pair(for: c, in: table).map { (c, $0) } : nil
        })
        // Per total row: its items' sheet rows in order, the same in every column (nil: no formula).
        let itemsOf = totalOf.map { link in link.flatMap { sortedItems($0, t: t) } }
        // Each formula is built in this buffer, not as strings per reference.
        var formulaBytes: [UInt8] = []
        formulaBytes.reserveCapacity(256)
        let lineNumber = styles.lineNumber
        var lastLook: FigureLook?
        var lastFormat = XlsxFormat.none

        let rowOf = layout.rowOf[t]
        // Rows are read in place, field by field: a copy of each `Row` would retain and release its dozen
        // strings and arrays, once per row of every sheet. (So `isHeader` is spelled out below: calling the
        // getter copied the row.)
        for r in table.rows.indices {
            let sheetRow = rowOf[r]
            let isTotal = isTotalRow[r]
            let style = table.rows[r].style
            let bold = style.contains(.bold) || isTotal
            let marked = markedRows[sheetRow]
            sheet.number(sheetRow, DocumentLayout.lineColumn, table.rows[r].source.line, lineNumber)

            let label = table.rows[r].label
            let labelMarks = marked ? marks[CellMarks.CellKey(row: sheetRow, col: DocumentLayout.labelColumn)] : nil
            sheet.string(sheetRow, DocumentLayout.labelColumn, label,
                         styles.label(bold: bold || (!label.isEmpty && table.rows[r].cells.allSatisfy { $0 == nil }), italic: style.contains(.italic), severity: labelMarks?.map(\.severity).max()))
            if let labelMarks { sheet.comment(sheetRow, DocumentLayout.labelColumn, labelMarks.map(\.text).joined(separator: "\n\n")) }
            widths.fit(DocumentLayout.labelColumn, label)

            if !table.rows[r].noteRefs.isEmpty {
                let noteRefs = table.rows[r].noteRefs
                let text = noteRefs.joined(separator: ", ")
                if let target = noteTitles[noteRefs[0]] {
                    sheet.link(sheetRow, DocumentLayout.noteColumn, to: target, text: text, styles.link)
                } else {
                    sheet.string(sheetRow, DocumentLayout.noteColumn, text)
                }
                widths.fit(DocumentLayout.noteColumn, text)
            }
            if let q = layout.qualifierColumn, let qualifier = table.rows[r].qualifier, !qualifier.isEmpty {
                sheet.string(sheetRow, q, qualifier)
                widths.fit(q, qualifier)
            }

            let cellCount = table.rows[r].cells.count
            for c in table.columns.indices {
                let col = layout.firstValueColumn + c
                let cellMarks = marked ? marks[CellMarks.CellKey(row: sheetRow, col: col)] : nil
                let severity = cellMarks?.map(\.severity).max()
                guard c < cellCount, let cell = table.rows[r].cells[c] else {
                    if isTotal || severity != nil {
                        sheet.blank(sheetRow, col, styles.figure(FigureLook(kind: .money, scale: 0, decimals: 0, bold: bold, total: isTotal, severity: severity)))
                    }
                    if let cellMarks { sheet.comment(sheetRow, col, cellMarks.map(\.text).joined(separator: "\n\n")) }
                    continue
                }
                let stored = self.stored(cell, table: t, row: r, column: c, table.columns[c])
                let figure = NumberFormats.figure(cell, column: table.columns[c], unscaled: stored.unscaled)
                let look = FigureLook(kind: figure.kind, scale: figure.scale, decimals: figure.decimals, bold: bold, total: isTotal, severity: severity)
                // Neighbouring figures mostly look alike: remember the last one.
                if look != lastLook {
                    lastFormat = styles.figure(look)
                    lastLook = look
                }
                let format = lastFormat
                var comment = cellMarks.map { $0.map(\.text).joined(separator: "\n\n") }
                if stored.unscaled {
                    sheet.number(sheetRow, col, stored.value, format)
                } else if liveFormula(t, r, c, table: table, totalOf: totalOf, sortedItems: itemsOf, differencePairs: differencePairs,
                                      comment: &comment, into: &formulaBytes) {
                    let value = cell.value.xlsxDouble
                    formulaBytes.append(0)
                    let length = formulaBytes.count - 1
                    formulaBytes.withUnsafeBufferPointer { buf in
                        buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: length + 1) {
                            sheet.formula(sheetRow, col, utf8: $0, count: length, value: value, format)
                        }
                    }
                } else {
                    sheet.number(sheetRow, col, cell.value, format)
                }
                if let comment { sheet.comment(sheetRow, col, comment) }
            }
        }
    }

    /// The formula that computes a printed figure from others of its table, when one does exactly: the sum of a
    /// total's items, else a difference of two columns. A total whose items do not add up to it keeps its
    /// printed figure, with a comment saying what the items give (unless a finding already speaks for the cell).
    /// The formula, with its `=`, is put in `out` (emptied first); false when there is none.
    private func liveFormula(
        _ t: Int, _ r: Int, _ c: Int, table: Table, totalOf: [TotalLink?], sortedItems: [[TotalFormula.Item]?],
        differencePairs: [Int: DifferenceFormula.Pair], comment: inout String?, into out: inout [UInt8]
    ) -> Bool {
        out.removeAll(keepingCapacity: true)
        let cell = table.rows[r].cells[c]!
        let sheetRow = layout.rowOf[t][r]
        if let link = totalOf[r], let items = sortedItems[r], let match = TotalFormula.compare(link, column: c, in: table, with: cell.value) {
            out.append(UInt8(ascii: "="))
            if appendFormula(items, t: t, column: c, table: table, to: &out) {
                if match.equal { return true }
                if comment == nil {
                    let formula = String(decoding: out, as: UTF8.self)
                    comment = "Tryckt värde \(cell.text). Posterna (\(formula)) summerar till \(SwedishText.amount(match.sum, scale: table.columns[c].scale)); skillnaden ryms i avrundningen eller redovisas under Avvikelser."
                }
            }
            out.removeAll(keepingCapacity: true)
        }
        if let pair = differencePairs[c], let firstMinusSecond = DifferenceFormula.order(pair, row: r, difference: c, in: table),
           !heldUnscaled(t, r, pair.first, table), !heldUnscaled(t, r, pair.second, table) {
            let a = layout.firstValueColumn + pair.first
            let b = layout.firstValueColumn + pair.second
            out.append(UInt8(ascii: "="))
            out.appendA1(row: sheetRow, col: firstMinusSecond ? a : b)
            out.append(UInt8(ascii: "-"))
            out.appendA1(row: sheetRow, col: firstMinusSecond ? b : a)
            return true
        }
        return false
    }

    /// Whether a figure's cell holds it unscaled (a count in a table of thousands): no amount formula over it.
    private func heldUnscaled(_ t: Int, _ r: Int, _ c: Int, _ table: Table) -> Bool {
        guard c < table.rows[r].cells.count, let cell = table.rows[r].cells[c] else { return false }
        return stored(cell, table: t, row: r, column: c, table.columns[c]).unscaled
    }

    /// A total's items as sheet rows in order, when every item is a row of the table.
    private func sortedItems(_ link: TotalLink, t: Int) -> [TotalFormula.Item]? {
        let rows = layout.rowOf[t]
        let items = link.items.compactMap { item -> TotalFormula.Item? in
            guard item.row >= 0, item.row < rows.count else { return nil }
            return TotalFormula.Item(sheetRow: rows[item.row], sign: item.sign)
        }
        guard items.count == link.items.count, rows.first != nil else { return nil }
        return items.sorted { $0.sheetRow < $1.sheetRow }
    }

    /// The sum formula over a total's items in one column (`TotalFormula`), appended to `out`; false when none.
    private func appendFormula(_ items: [TotalFormula.Item], t: Int, column c: Int, table: Table, to out: inout [UInt8]) -> Bool {
        let first = layout.rowOf[t].start
        let isEmpty = { (sheetRow: Int) -> Bool in
            let r = sheetRow - first
            guard r >= 0, r < table.rows.count else { return false }
            return c >= table.rows[r].cells.count || table.rows[r].cells[c] == nil
        }
        let column = layout.firstValueColumn + c
        if TotalFormula.appendFormula(sortedItems: items, column: column, isEmpty: isEmpty, to: &out) { return true }
        // Nested sums (more references than one `SUM` takes) or none at all: the general builder decides.
        guard let formula = TotalFormula.formula(items: items, column: column, isEmpty: isEmpty) else { return false }
        out.append(contentsOf: formula.utf8)
        return true
    }
}
