import FinsamModel

/// The workbook's looks, each created once.
struct WorkbookStyles {
    let wb: XlsxWorkbook

    static let headerFill: UInt32 = 0xDDEBF7
    static let grey: UInt32 = 0x808080

    /// Fill and font colours of discrepant cells, as Excel's Bad / Neutral / Note styles.
    static func fill(_ s: Severity) -> (fill: UInt32, font: UInt32?) {
        switch s {
        case .error: (0xFFC7CE, 0x9C0006)
        case .warning: (0xFFEB9C, 0x9C5700)
        case .info: (0xDDEBF7, nil)
        }
    }

    var title: XlsxFormat { wb.format(CellStyle(bold: true, fontSize: 14)) }
    var subtitle: XlsxFormat { wb.format(CellStyle(italic: true, fontColor: WorkbookStyles.grey)) }
    var tableTitle: XlsxFormat { wb.format(CellStyle(bold: true, fontSize: 12)) }
    var bold: XlsxFormat { wb.format(CellStyle(bold: true)) }
    var text: XlsxFormat { .none }
    var wrapped: XlsxFormat { wb.format(CellStyle(wrap: true, verticalTop: true)) }
    var link: XlsxFormat { wb.format(CellStyle(hyperlink: true)) }
    var lineNumber: XlsxFormat { wb.format(CellStyle(numberFormat: "0", fontColor: WorkbookStyles.grey, align: .right)) }
    var kronor: XlsxFormat { wb.format(CellStyle(numberFormat: NumberFormats.kronor)) }
    var count: XlsxFormat { wb.format(CellStyle(numberFormat: NumberFormats.count)) }
    var percent: XlsxFormat { wb.format(CellStyle(numberFormat: NumberFormats.percent)) }
    var percentOneDecimal: XlsxFormat { wb.format(CellStyle(numberFormat: NumberFormats.percentOneDecimal)) }
    var date: XlsxFormat { wb.format(CellStyle(numberFormat: NumberFormats.date, align: .left)) }
    var hash: XlsxFormat { wb.format(CellStyle(fontColor: 0x404040)) }

    /// Column heads over figures: bold, wrapped, right-aligned, a rule below.
    var columnHeader: XlsxFormat {
        wb.format(CellStyle(bold: true, fill: WorkbookStyles.headerFill, bottomBorder: true, wrap: true, align: .right))
    }
    var columnHeaderLeft: XlsxFormat {
        wb.format(CellStyle(bold: true, fill: WorkbookStyles.headerFill, bottomBorder: true, wrap: true, align: .left))
    }

    /// Header cells of an Excel table: left for text columns, right over figures.
    func tableHeaders(_ headers: [String], numeric: Set<Int>) -> [XlsxFormat] {
        headers.indices.map { numeric.contains($0) ? columnHeader : columnHeaderLeft }
    }

    /// Column heads that do not wrap (the comparison's organisation and period rows).
    var columnHeaderSingleLine: XlsxFormat {
        wb.format(CellStyle(bold: true, fill: WorkbookStyles.headerFill, bottomBorder: true, align: .right))
    }

    func severity(_ s: Severity) -> XlsxFormat {
        let c = WorkbookStyles.fill(s)
        return wb.format(CellStyle(fontColor: c.font, fill: c.fill))
    }

    /// A figure's look: its printed format, bold for totals, a rule above totals, coloured when a finding
    /// points at it.
    func figure(_ numberFormat: String, bold: Bool, total: Bool, severity: Severity?) -> XlsxFormat {
        let c = severity.map(WorkbookStyles.fill)
        return wb.format(CellStyle(numberFormat: numberFormat, bold: bold, fontColor: c?.font, fill: c?.fill, topBorder: total))
    }

    func label(bold: Bool, italic: Bool, severity: Severity?) -> XlsxFormat {
        let c = severity.map(WorkbookStyles.fill)
        return wb.format(CellStyle(bold: bold, italic: italic, fontColor: c?.font, fill: c?.fill))
    }

    func value(_ numberFormat: String, bold: Bool = false) -> XlsxFormat {
        wb.format(CellStyle(numberFormat: numberFormat, bold: bold))
    }
}
