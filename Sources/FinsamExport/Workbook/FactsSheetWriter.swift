import FinsamModel

/// `Fakta`: every fact as a row of an Excel table (for pivot tables and filters), in natural sign, with the
/// cell that shows it as printed.
struct FactsSheetWriter {
    let documents: [Document]
    let catalog: FactCatalog
    let styles: WorkbookStyles

    static let headerRow = 3
    static let headers = [
        "Dok.nr", "Organisation", "Begrepp", "Medlem", "Scenario", "Från", "Till", "Värde", "Enhet", "Decimaler",
        "Etikett", "Tabell", "Fil", "Rad", "Kolumn", "Cell",
    ]

    /// Facts per sheet: Excel's last row is 1 048 576, and a national batch over several years has more facts
    /// than that. The rest continue on `Fakta 2`, `Fakta 3`, … with the same columns.
    static let excelRows = 1_048_576
    static var rowsPerSheet: Int { excelRows - headerRow - 1 }

    static func sheetCount(facts: Int, rowsPerSheet: Int = rowsPerSheet) -> Int {
        max(1, (facts + rowsPerSheet - 1) / rowsPerSheet)
    }

    /// The sheets' names: `Fakta`, then `Fakta 2`, `Fakta 3`, ….
    static func sheetName(_ part: Int) -> String { part == 0 ? "Fakta" : "Fakta \(part + 1)" }

    func write(to sheets: [XlsxSheet], rowsPerSheet: Int = FactsSheetWriter.rowsPerSheet) {
        let total = documents.reduce(0) { $0 + $1.facts.count }
        var part = 0
        var widths = ColumnWidths(count: FactsSheetWriter.headers.count)
        var sheet = sheets[0]
        var row = FactsSheetWriter.headerRow + 1
        func begin() {
            widths = ColumnWidths(count: FactsSheetWriter.headers.count)
            for (c, h) in FactsSheetWriter.headers.enumerated() { widths.fit(c, length: h.count + 3) }
            let first = part * rowsPerSheet
            let count = min(rowsPerSheet, total - first)
            sheet.string(0, 0, FactsSheetWriter.sheetName(part), styles.title)
            let which = sheets.count == 1 ? "\(total) fakta" : "Fakta \(first + 1)–\(first + count) av \(total)"
            sheet.string(1, 0, "\(which) i naturligt tecken (intäkter, kostnader, tillgångar och skulder positiva). Cell anger var värdet står som det trycktes.", styles.subtitle)
        }
        func finish() {
            let first = part * rowsPerSheet
            let count = min(rowsPerSheet, total - first)
            finishSheet(sheet, tableName: part == 0 ? "Fakta" : "Fakta\(part + 1)", rows: count, widths: widths)
        }
        begin()
        let kronor = styles.kronor, ratio = styles.value(NumberFormats.plain(decimals: 4)), count = styles.count
        let date = styles.date
        let plain = XlsxFormat.none
        // The `Cell` text, `-'Alfa'!E12`, is built in one reused buffer: half a million facts, one string each.
        var cellText = CellText()
        for (d, doc) in documents.enumerated() {
            let org = doc.organisation.name
            widths.fit(1, org)
            cellText.sheet(XMLSafeText.clean(catalog.layouts[d].quotedSheet))
            for f in doc.facts {
                if row - FactsSheetWriter.headerRow > rowsPerSheet {
                    finish()
                    part += 1
                    sheet = sheets[part]
                    row = FactsSheetWriter.headerRow + 1
                    begin()
                    widths.fit(1, org)
                }
                sheet.number(row, 0, d + 1)
                sheet.string(row, 1, org)
                sheet.string(row, 2, f.concept)
                if let m = f.member { sheet.string(row, 3, m) }
                sheet.string(row, 4, f.scenario.rawValue)
                if let start = f.period.start { sheet.number(row, 5, start.excelSerial, date) }
                sheet.number(row, 6, f.period.end.excelSerial, date)
                let format: XlsxFormat
                switch f.unit {
                case .sek: format = kronor
                case .pure: format = ratio
                case .personer: format = count
                }
                sheet.number(row, 7, f.value, format)
                sheet.string(row, 8, f.unit.rawValue)
                sheet.number(row, 9, f.decimals)
                sheet.string(row, 10, f.label)
                sheet.string(row, 11, f.table)
                sheet.string(row, 12, f.source.file)
                sheet.number(row, 13, f.source.line)
                if let c = f.source.column { sheet.number(row, 14, c) }
                if let at = catalog.position(of: f, document: d) {
                    cellText.write(to: sheet, row: row, col: 15, cellRow: at.row, cellCol: at.col, negated: at.negated, plain)
                }
                widths.fit(2, length: f.concept.utf8.count)
                widths.fit(10, length: f.label.utf8.count)
                widths.fit(11, length: f.table.utf8.count)
                widths.fit(12, length: f.source.file.utf8.count)
                row += 1
            }
        }
        finish()
    }

    private func finishSheet(_ sheet: XlsxSheet, tableName: String, rows: Int, widths: ColumnWidths) {
        sheet.table(name: tableName, firstRow: FactsSheetWriter.headerRow, firstCol: 0,
                    lastRow: FactsSheetWriter.headerRow + max(rows, 1), headers: FactsSheetWriter.headers,
                    headerFormats: styles.tableHeaders(FactsSheetWriter.headers, numeric: Set([0, 7, 9, 13, 14])))
        for c in FactsSheetWriter.headers.indices {
            switch c {
            case 5, 6: sheet.column(c, width: 11.5)
            case 7: sheet.column(c, width: 15)
            default: widths.apply(c, to: sheet, min: 7, max: 48)
            }
        }
        sheet.freeze(rows: FactsSheetWriter.headerRow + 1, cols: 0)
        sheet.printSetup(landscape: true, fitToWidth: true, repeatRows: FactsSheetWriter.headerRow...FactsSheetWriter.headerRow)
    }
}

/// `-'Sheet'!E12` as NUL-terminated bytes in one buffer: the sheet part set once per document, the address
/// written per fact.
struct CellText {
    private var bytes: [UInt8] = [UInt8(ascii: "-")]
    /// Where the address begins (after `-'Sheet'!`).
    private var addressStart = 1

    mutating func sheet(_ quoted: String) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(UInt8(ascii: "-"))
        bytes.append(contentsOf: quoted.utf8)
        bytes.append(UInt8(ascii: "!"))
        addressStart = bytes.count
    }

    mutating func write(to sheet: XlsxSheet, row: Int, col: Int, cellRow: Int, cellCol: Int, negated: Bool, _ format: XlsxFormat) {
        bytes.removeSubrange(addressStart...)
        // Column letters, most significant first (0 → A, 26 → AA).
        var letters: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var n = cellCol + 1, count = 0
        withUnsafeMutableBytes(of: &letters) { l in
            while n > 0 && count < 4 {
                l[3 - count] = UInt8(65 + (n - 1) % 26)
                n = (n - 1) / 26
                count += 1
            }
            bytes.append(contentsOf: l[(4 - count)...])
        }
        var digits: (UInt64, UInt64) = (0, 0)
        var r = cellRow + 1, width = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat {
                width += 1
                buf[16 - width] = UInt8(ascii: "0") + UInt8(r % 10)
                r /= 10
            } while r > 0
            bytes.append(contentsOf: buf[(16 - width)...])
        }
        bytes.append(0)
        let skip = negated ? 0 : 1
        let length = bytes.count - 1 - skip
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.advanced(by: skip).withMemoryRebound(to: CChar.self, capacity: length + 1) {
                sheet.string(row, col, utf8: $0, count: length, format)
            }
        }
    }
}
