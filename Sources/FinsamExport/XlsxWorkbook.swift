import CXlsxWriter
import Foundation

/// A thin, safe wrapper over libxlsxwriter: one workbook written to a temporary file and renamed into place
/// when closed, so an interrupted run never leaves half a workbook.
public final class XlsxWorkbook {
    let handle: UnsafeMutablePointer<lxw_workbook>
    let finalPath: String
    let temporaryPath: String
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames = Set<String>()
    private var closed = false
    /// C strings handed to libxlsxwriter must outlive the workbook.
    private var retained: [UnsafeMutablePointer<CChar>] = []

    public init(path: String, properties: Properties) throws {
        finalPath = path
        temporaryPath = AtomicFile.temporaryPath(besides: path)
        var options = lxw_workbook_options()
        options.constant_memory = 0
        guard let wb = workbook_new_opt(temporaryPath, &options) else {
            throw XlsxError(message: "kan inte skapa \(path)")
        }
        handle = wb
        var props = lxw_doc_properties()
        props.title = retain(properties.title)
        props.subject = retain(properties.subject)
        props.author = retain(properties.author)
        props.company = retain(properties.company)
        if let created = properties.created { props.created = time_t(created.timeIntervalSince1970) }
        workbook_set_properties(wb, &props)
    }

    public struct Properties {
        public var title: String
        public var subject: String
        public var author: String
        public var company: String
        /// Fixed for reproducible output; nil means now.
        public var created: Date?

        public init(title: String, subject: String, author: String = "finsam", company: String = "", created: Date? = nil) {
            self.title = title
            self.subject = subject
            self.author = author
            self.company = company
            self.created = created
        }
    }

    deinit {
        if !closed {
            workbook_close(handle)
            unlink(temporaryPath)
        }
        retained.forEach { free($0) }
    }

    private func retain(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(s)!
        retained.append(p)
        return p
    }

    /// Adds a sheet with a name Excel accepts: at most 31 characters, no `[]:*?/\`, unique.
    public func addSheet(_ wanted: String) -> XlsxSheet {
        let cleaned = String(wanted.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        var base = String(cleaned.prefix(31))
        if base.isEmpty { base = "Blad" }
        var name = base
        var n = 2
        while sheetNames.contains(name.lowercased()) {
            let suffix = " (\(n))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        sheetNames.insert(name.lowercased())
        let ws = workbook_add_worksheet(handle, name)!
        return XlsxSheet(handle: ws, workbook: self, name: name)
    }

    /// A named cell format, created once.
    public func format(_ key: String, configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
        if let f = formats[key] { return f }
        let f = workbook_add_format(handle)!
        configure(f)
        formats[key] = f
        return f
    }

    public func close() throws {
        closed = true
        let err = workbook_close(handle)
        guard err == LXW_NO_ERROR else {
            unlink(temporaryPath)
            throw XlsxError(message: "kan inte skriva \(finalPath): \(String(cString: lxw_strerror(err)))")
        }
        try AtomicFile.commit(temporary: temporaryPath, to: finalPath)
    }
}

public struct XlsxSheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    unowned let workbook: XlsxWorkbook
    public let name: String

    public func write(_ row: Int, _ col: Int, _ text: String, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(col), text, format)
    }

    public func write(_ row: Int, _ col: Int, _ number: Double, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(col), number, format)
    }

    public func write(_ row: Int, _ col: Int, _ number: Decimal, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        write(row, col, NSDecimalNumber(decimal: number).doubleValue, format)
    }

    public func formula(_ row: Int, _ col: Int, _ formula: String, value: Double, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(col), formula, format, value)
    }

    public func columnWidth(_ col: Int, _ width: Double, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        worksheet_set_column(handle, lxw_col_t(col), lxw_col_t(col), width, format)
    }

    public func freeze(rows: Int, cols: Int = 0) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), lxw_col_t(cols))
    }

    public func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol))
    }

    public var raw: UnsafeMutablePointer<lxw_worksheet> { handle }
}

public struct XlsxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
