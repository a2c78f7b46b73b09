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

    func write(to sheet: XlsxSheet) {
        var widths = ColumnWidths(count: FactsSheetWriter.headers.count)
        for (c, h) in FactsSheetWriter.headers.enumerated() { widths.fit(c, length: h.count + 3) }
        let total = documents.reduce(0) { $0 + $1.facts.count }
        sheet.string(0, 0, "Fakta", styles.title)
        sheet.string(1, 0, "\(total) fakta i naturligt tecken (intäkter, kostnader, tillgångar och skulder positiva). Cell anger var värdet står som det trycktes.", styles.subtitle)
        let kronor = styles.kronor, ratio = styles.value(NumberFormats.plain(decimals: 4)), count = styles.count
        let date = styles.date
        let plain = XlsxFormat.none
        var row = FactsSheetWriter.headerRow + 1
        for (d, doc) in documents.enumerated() {
            let org = doc.organisation.name
            widths.fit(1, org)
            let sheetPrefix = catalog.layouts[d].quotedSheet + "!"
            for (i, f) in doc.facts.enumerated() {
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
                if let cell = catalog.cell(FactCatalog.Pick(document: d, fact: i)) {
                    sheet.string(row, 15, (cell.negated ? "-" : "") + sheetPrefix + cell.cell.a1, plain)
                }
                widths.fit(2, length: f.concept.utf8.count)
                widths.fit(10, length: f.label.utf8.count)
                widths.fit(11, length: f.table.utf8.count)
                widths.fit(12, length: f.source.file.utf8.count)
                row += 1
            }
        }
        sheet.table(name: "Fakta", firstRow: FactsSheetWriter.headerRow, firstCol: 0,
                    lastRow: FactsSheetWriter.headerRow + max(total, 1), headers: FactsSheetWriter.headers,
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
