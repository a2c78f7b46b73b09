import FinsamModel

/// `Omappade`: every number-bearing row no mapping covers, with its file and line and a link to where it
/// stands on its document's sheet.
struct UnmappedSheetWriter {
    let documents: [Document]
    let index: CellIndex
    let styles: WorkbookStyles

    static let headerRow = 3
    static let headers = ["Organisation", "Dokument", "Fil", "Rad", "Tabell", "Etikett", "Värden"]

    func write(to sheet: XlsxSheet) {
        var widths = ColumnWidths(count: UnmappedSheetWriter.headers.count)
        for (c, h) in UnmappedSheetWriter.headers.enumerated() { widths.fit(c, length: h.count + 3) }
        let total = documents.reduce(0) { $0 + $1.unmapped.count }
        sheet.string(0, 0, "Omappade rader", styles.title)
        sheet.string(1, 0, "\(total) rader med siffror som ingen mappning täcker. Etiketten länkar till raden på dokumentets blad; lägg till en etikettregel i mappings/labels/ för att mappa den.", styles.subtitle)
        var row = UnmappedSheetWriter.headerRow + 1
        for doc in documents {
            let docName = doc.title ?? SwedishText.kind(doc.kind)
            for u in doc.unmapped {
                sheet.string(row, 0, doc.organisation.name)
                sheet.string(row, 1, docName)
                sheet.string(row, 2, u.source.file)
                sheet.number(row, 3, u.source.line, styles.count)
                sheet.string(row, 4, u.table ?? "")
                let label = u.label.isEmpty ? "(utan etikett)" : u.label
                if let cell = index.cell(for: SourceLocation(file: u.source.file, line: u.source.line)) {
                    sheet.link(row, 5, to: cell, text: label, styles.link)
                } else {
                    sheet.string(row, 5, label)
                }
                let values = u.values.joined(separator: " | ")
                sheet.string(row, 6, values)
                widths.fit(0, doc.organisation.name)
                widths.fit(1, docName)
                widths.fit(2, u.source.file)
                widths.fit(4, u.table ?? "")
                widths.fit(5, label)
                widths.fit(6, values)
                row += 1
            }
        }
        sheet.table(name: "Omappade", firstRow: UnmappedSheetWriter.headerRow, firstCol: 0,
                    lastRow: UnmappedSheetWriter.headerRow + max(total, 1), headers: UnmappedSheetWriter.headers,
                    headerFormats: styles.tableHeaders(UnmappedSheetWriter.headers, numeric: Set([3])))
        for c in UnmappedSheetWriter.headers.indices { widths.apply(c, to: sheet, min: 7, max: 60) }
        sheet.freeze(rows: UnmappedSheetWriter.headerRow + 1, cols: 0)
        sheet.printSetup(landscape: true, fitToWidth: true, repeatRows: UnmappedSheetWriter.headerRow...UnmappedSheetWriter.headerRow)
    }
}
