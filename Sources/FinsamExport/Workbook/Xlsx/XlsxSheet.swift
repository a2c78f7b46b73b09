import CXlsxWriter
import Foundation

/// One worksheet. Rows and columns are 0-based. Writes that libxlsxwriter refuses (outside the sheet) are
/// counted in `rejected` rather than thrown: one bad cell must not cost the whole workbook.
public final class XlsxSheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    unowned let workbook: XlsxWorkbook
    public let name: String
    /// Position in the workbook, for the trace.
    let index: Int
    let trace: XlsxTrace?
    /// Excel opens at most 65 530 hyperlinks per sheet; beyond that links are written as plain text.
    public static let maxLinks = 65_530
    public private(set) var links = 0
    public private(set) var rejected = 0

    init(handle: UnsafeMutablePointer<lxw_worksheet>, workbook: XlsxWorkbook, name: String, index: Int) {
        self.handle = handle
        self.workbook = workbook
        self.name = name
        self.index = index
        self.trace = workbook.trace
    }

    @inline(__always) private func check(_ err: lxw_error) {
        if err != LXW_NO_ERROR { rejected += 1 }
    }

    public func string(_ row: Int, _ col: Int, _ text: String, _ format: XlsxFormat = .none) {
        if text.isEmpty {
            if format.pointer != nil { blank(row, col, format) }
            return
        }
        let clean = XMLSafeText.clean(text)
        trace?.record("str", index, row, col, format.id, clean)
        // `withCString`, not the implicit conversion of a String argument, which copies it into a new array.
        clean.withCString { check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(col), $0, format.pointer)) }
    }

    /// A string given as NUL-terminated UTF-8 bytes (`count` without the NUL), for text built per cell in a
    /// reused buffer. The bytes must be XML-safe text (no C0 controls but tab, LF, CR): callers build them so.
    func string(_ row: Int, _ col: Int, utf8 text: UnsafePointer<CChar>, count: Int, _ format: XlsxFormat = .none) {
        if count == 0 {
            if format.pointer != nil { blank(row, col, format) }
            return
        }
        if let trace {
            let s = String(decoding: UnsafeRawBufferPointer(start: text, count: count), as: UTF8.self)
            trace.record("str", index, row, col, format.id, s)
        }
        check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(col), text, format.pointer))
    }

    public func number(_ row: Int, _ col: Int, _ value: Double, _ format: XlsxFormat = .none) {
        trace?.record("num", index, row, col, format.id, value)
        check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(col), value, format.pointer))
    }

    public func number(_ row: Int, _ col: Int, _ value: Decimal, _ format: XlsxFormat = .none) {
        number(row, col, value.xlsxDouble, format)
    }

    public func number(_ row: Int, _ col: Int, _ value: Int, _ format: XlsxFormat = .none) {
        number(row, col, Double(value), format)
    }

    /// A formula with the value it computes, so readers that do not recalculate see the right figure.
    public func formula(_ row: Int, _ col: Int, _ formula: String, value: Double, _ format: XlsxFormat = .none) {
        trace?.record("formula", index, row, col, format.id, value, formula)
        formula.withCString { check(worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(col), $0, format.pointer, value)) }
    }

    /// `formula` given as NUL-terminated UTF-8 bytes (`count` without the NUL), built per cell in a reused buffer.
    func formula(_ row: Int, _ col: Int, utf8 formula: UnsafePointer<CChar>, count: Int, value: Double, _ format: XlsxFormat = .none) {
        if let trace {
            let s = String(decoding: UnsafeRawBufferPointer(start: formula, count: count), as: UTF8.self)
            trace.record("formula", index, row, col, format.id, value, s)
        }
        check(worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(col), formula, format.pointer, value))
    }

    public func blank(_ row: Int, _ col: Int, _ format: XlsxFormat) {
        trace?.record("blank", index, row, col, format.id)
        check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(col), format.pointer))
    }

    /// A link to a cell in this workbook, shown as `text`. Falls back to plain text past Excel's link limit.
    public func link(_ row: Int, _ col: Int, to target: CellRef, text: String, _ format: XlsxFormat, plain: XlsxFormat = .none) {
        guard links < XlsxSheet.maxLinks else {
            string(row, col, text, plain)
            return
        }
        links += 1
        let clean = XMLSafeText.clean(text)
        trace?.record("url", index, row, col, format.id, target.link, clean)
        target.link.withCString { url in
            clean.withCString { check(worksheet_write_url_opt(handle, lxw_row_t(row), lxw_col_t(col), url, format.pointer, $0, nil)) }
        }
    }

    /// A cell comment (a note in newer Excel), sized to its text.
    public func comment(_ row: Int, _ col: Int, _ text: String) {
        var options = lxw_comment_options()
        let clean = XMLSafeText.clean(text)
        let lines = TextWrap.paragraphLengths(clean).reduce(0) { $0 + max(1, ($1 + 44) / 45) }
        options.width = 320
        options.height = UInt16(min(600, max(60, 16 * lines + 12)))
        trace?.record("comment", index, row, col, Int(options.width), Int(options.height), clean)
        clean.withCString { check(worksheet_write_comment_opt(handle, lxw_row_t(row), lxw_col_t(col), $0, &options)) }
    }

    public func column(_ col: Int, width: Double, _ format: XlsxFormat = .none, hidden: Bool = false) {
        trace?.record("column", index, col, width, format.id, hidden)
        if hidden {
            var options = lxw_row_col_options()
            options.hidden = 1
            check(worksheet_set_column_opt(handle, lxw_col_t(col), lxw_col_t(col), width, format.pointer, &options))
        } else {
            check(worksheet_set_column(handle, lxw_col_t(col), lxw_col_t(col), width, format.pointer))
        }
    }

    public func row(_ row: Int, height: Double) {
        trace?.record("row", index, row, height)
        check(worksheet_set_row(handle, lxw_row_t(row), height, nil))
    }

    public func freeze(rows: Int, cols: Int = 0) {
        trace?.record("freeze", index, rows, cols)
        worksheet_freeze_panes(handle, lxw_row_t(rows), lxw_col_t(cols))
    }

    /// An Excel table (ListObject) over a range whose first row is the header. The headers must be unique;
    /// the data cells are written separately. Tables come with an autofilter.
    /// `headerFormats` styles the header cells for readers that do not draw table styles (LibreOffice).
    public func table(name: String, firstRow: Int, firstCol: Int, lastRow: Int, headers: [String], headerFormats: [XlsxFormat] = [], styleNumber: UInt8 = 2) {
        var options = lxw_table_options()
        options.name = workbook.cString(name)
        options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_MEDIUM.rawValue)
        options.style_type_number = styleNumber
        let columns = workbook.allocate(UnsafeMutablePointer<lxw_table_column>?.self, count: headers.count + 1)
        for (i, header) in headers.enumerated() {
            let column = workbook.allocate(lxw_table_column.self, count: 1)
            column.initialize(to: lxw_table_column())
            column.pointee.header = workbook.cString(header)
            if i < headerFormats.count { column.pointee.header_format = headerFormats[i].pointer }
            columns[i] = column
        }
        columns[headers.count] = nil
        options.columns = columns
        // A table needs at least one data row.
        let last = max(lastRow, firstRow + 1)
        if let trace {
            var fields: [Any] = ["table", index, firstRow, firstCol, last, name, Int(styleNumber), headers.count]
            for (i, h) in headers.enumerated() { fields += [h, i < headerFormats.count ? headerFormats[i].id : 0] }
            trace.recordFields(fields)
        }
        check(worksheet_add_table(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(last), lxw_col_t(firstCol + headers.count - 1), &options))
    }

    /// Cells above `threshold` in the range get `format`.
    public func highlightAbove(_ threshold: Double, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int, _ format: XlsxFormat) {
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
        cf.value = threshold
        cf.format = format.pointer
        trace?.record("highlight", index, firstRow, firstCol, lastRow, lastCol, threshold, format.id)
        check(worksheet_conditional_format_range(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol), &cf))
    }

    /// Landscape A4, scaled to one page wide, the header rows repeated on each printed page.
    public func printSetup(landscape: Bool, fitToWidth: Bool, repeatRows: ClosedRange<Int>? = nil) {
        trace?.record("print", index, landscape, fitToWidth, repeatRows?.lowerBound ?? -1, repeatRows?.upperBound ?? -1)
        if landscape { worksheet_set_landscape(handle) }
        worksheet_set_paper(handle, 9)
        if fitToWidth { worksheet_fit_to_pages(handle, 1, 0) }
        if let repeatRows { check(worksheet_repeat_rows(handle, lxw_row_t(repeatRows.lowerBound), lxw_row_t(repeatRows.upperBound))) }
    }

    public func printArea(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        trace?.record("printarea", index, firstRow, firstCol, lastRow, lastCol)
        check(worksheet_print_area(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol)))
    }

    public func insert(_ chart: XlsxChart, row: Int, col: Int, xScale: Double = 1, yScale: Double = 1, offset: (x: Int, y: Int) = (0, 0)) {
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        options.x_offset = Int32(offset.x)
        options.y_offset = Int32(offset.y)
        trace?.record("insert_chart", index, row, col, chart.id, xScale, yScale, offset.x, offset.y)
        check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(col), chart.handle, &options))
    }

    public func tabColor(_ rgb: UInt32) {
        trace?.record("tab", index, Int(rgb))
        worksheet_set_tab_color(handle, lxw_color_t(rgb))
    }

    public func activate() {
        trace?.record("activate", index)
        worksheet_activate(handle)
    }
}
