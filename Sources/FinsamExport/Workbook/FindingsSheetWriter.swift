import Foundation
import FinsamModel

/// `Avvikelser`: every finding as a row of an Excel table, errors first, each with a link to the cell it is
/// about.
struct FindingsSheetWriter {
    let findings: [Finding]
    let documents: [Document]
    let placement: BatchPlacement
    let marks: CellMarks
    let styles: WorkbookStyles

    static let headerRow = 3
    /// The message column wraps at this width; rows are made as tall as their message.
    static let messageWidth = 80.0
    static let severityColumn = 0
    static let documentNumberColumn = 9
    static let headers = ["Allvarlighet", "Organisation", "Dokument", "Regel", "Meddelande", "Förväntat", "Faktiskt", "Differens", "Plats", "Dok.nr"]

    /// Findings in the order the sheet lists them: by severity, then document, then place.
    static func order(_ findings: [Finding], placement: BatchPlacement) -> [Int] {
        findings.indices.sorted { a, b in
            let fa = findings[a], fb = findings[b]
            if fa.severity != fb.severity { return fa.severity > fb.severity }
            let da = placement.findingDocument[a] ?? Int.max, db = placement.findingDocument[b] ?? Int.max
            if da != db { return da < db }
            let la = fa.locations.first ?? SourceLocation(file: "", line: 0), lb = fb.locations.first ?? SourceLocation(file: "", line: 0)
            if la != lb { return la < lb }
            return a < b
        }
    }

    /// The rows the table covers, for `COUNTIFS` in the overview: at least one.
    static func dataRows(count: Int) -> ClosedRange<Int> {
        (headerRow + 1)...(headerRow + max(count, 1))
    }

    func write(to sheet: XlsxSheet) {
        var widths = ColumnWidths(count: FindingsSheetWriter.headers.count)
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        sheet.string(0, 0, "Avvikelser", styles.title)
        sheet.string(1, 0, "\(counts[.error] ?? 0) fel, \(counts[.warning] ?? 0) varningar, \(counts[.info] ?? 0) upplysningar. Plats länkar till cellen; cellen är färgad och har avvikelsen som kommentar.", styles.subtitle)
        for (c, h) in FindingsSheetWriter.headers.enumerated() { widths.fit(c, length: h.count + 3) }

        var row = FindingsSheetWriter.headerRow + 1
        for i in FindingsSheetWriter.order(findings, placement: placement) {
            let f = findings[i]
            sheet.string(row, 0, SwedishText.severity(f.severity), styles.severity(f.severity))
            if let d = placement.findingDocument[i] {
                let doc = documents[d]
                sheet.string(row, 1, doc.organisation.name)
                sheet.string(row, 2, doc.title ?? SwedishText.kind(doc.kind))
                sheet.number(row, FindingsSheetWriter.documentNumberColumn, d + 1)
                widths.fit(1, doc.organisation.name)
                widths.fit(2, doc.title ?? SwedishText.kind(doc.kind))
            } else {
                sheet.string(row, 1, "Mellan dokument")
            }
            sheet.string(row, 3, f.rule)
            sheet.string(row, 4, f.message, styles.wrapped)
            let lines = TextWrap.lines(f.message, width: FindingsSheetWriter.messageWidth * 0.85)
            if lines > 1 { sheet.row(row, height: TextWrap.height(lines: min(lines, 10))) }
            for (c, v) in [(5, f.expected), (6, f.actual), (7, f.difference)] {
                guard let v else { continue }
                sheet.number(row, c, v, styles.value(v == v.rounded0 ? NumberFormats.kronor : "0.0###"))
                widths.fit(c, length: SwedishText.amountWidth(v) + 2)
            }
            let place = f.locations.first?.description ?? ""
            if let cell = marks.primaryCell[i] {
                sheet.link(row, 8, to: cell, text: place, styles.link)
            } else {
                sheet.string(row, 8, place)
            }
            widths.fit(3, f.rule)
            widths.fit(8, place)
            row += 1
        }
        let rows = FindingsSheetWriter.dataRows(count: findings.count)
        sheet.table(name: "Avvikelser", firstRow: FindingsSheetWriter.headerRow, firstCol: 0, lastRow: rows.upperBound, headers: FindingsSheetWriter.headers,
                    headerFormats: styles.tableHeaders(FindingsSheetWriter.headers, numeric: Set([5, 6, 7, 9])))
        for c in FindingsSheetWriter.headers.indices where c != 4 {
            widths.apply(c, to: sheet, min: 8, max: 48)
        }
        sheet.column(4, width: FindingsSheetWriter.messageWidth, styles.wrapped)
        sheet.freeze(rows: FindingsSheetWriter.headerRow + 1, cols: 1)
        sheet.printSetup(landscape: true, fitToWidth: true, repeatRows: FindingsSheetWriter.headerRow...FindingsSheetWriter.headerRow)
    }
}

extension Decimal {
    /// Rounded to a whole number (half away from zero): tells whole kronor from ratios.
    var rounded0: Decimal {
        var copy = self
        var out = Decimal()
        NSDecimalRound(&out, &copy, 0, .plain)
        return out
    }
}
