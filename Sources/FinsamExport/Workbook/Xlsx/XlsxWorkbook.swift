import CXlsxWriter
import CZipLevel
import Foundation

/// A thin, safe wrapper over libxlsxwriter: one workbook written to a temporary file and renamed into place
/// when closed, so an interrupted run never leaves half a workbook.
public final class XlsxWorkbook {
    let handle: UnsafeMutablePointer<lxw_workbook>
    let finalPath: String
    let temporaryPath: String
    private var formats: [CellStyle: XlsxFormat] = [:]
    private var closed = false
    private var sheetCount = 0
    private var chartCount = 0
    /// Set to record every call for the C replay (see `XlsxTrace`).
    let trace: XlsxTrace?
    /// C memory handed to libxlsxwriter that it does not copy: freed after the workbook is closed.
    private var retained: [UnsafeMutableRawPointer] = []
    /// CPU seconds the threads deflating beside `close` spent (the closing thread's own CPU is not in it).
    public private(set) var zipWorkerCPU = 0.0

    /// Whether sheets added with `streamed: true` write their rows to a temporary file as they go (see `addSheet`).
    let streamsRows: Bool
    /// Sheets that do so: each holds its temporary file open until the workbook is closed.
    private var streamedSheets = 0
    /// zlib's level for the zip entries (see `zipLevel` in the initialiser).
    let zipLevel: Int

    /// Deflate at zlib's fastest level instead of libxlsxwriter's fixed default (6): at the benchmark's 1×,
    /// closing the workbook deflates 80 MB of XML on one core after everything else is done, and level 1 takes
    /// 0.9 s where level 6 takes 2.1 s, for a file 19 % larger (15.7 MB instead of 13.2 MB).
    public static let defaultZipLevel = 1

    /// Threads that deflate the zip entries while the closing thread writes the next part's XML (see
    /// `CZipLevel`'s zip_pool.c); the file is the same bytes with any number, 0 included. One: closing is the
    /// last thing an import does, and by then the other core has nothing else to do.
    public static let defaultZipWorkers = 1
    /// Threads that deflate beside the closing one (see `defaultZipWorkers`).
    let zipWorkers: Int

    /// `streamsRows` opens the workbook in libxlsxwriter's constant_memory mode, in which only the sheets added
    /// with `streamed: true` stay; the rest are kept in memory as usual.
    /// `zipLevel` is zlib's compression level, 0–9, for every entry of the file, and `zipWorkers` the threads
    /// that deflate them beside the closing one (see `CZipLevel`).
    public init(
        path: String, properties: Properties, tracePath: String? = nil, streamsRows: Bool = false,
        zipLevel: Int = XlsxWorkbook.defaultZipLevel, zipWorkers: Int = XlsxWorkbook.defaultZipWorkers
    ) throws {
        finalPath = path
        trace = tracePath.map(XlsxTrace.init)
        temporaryPath = AtomicFile.temporaryPath(besides: path)
        self.streamsRows = streamsRows
        self.zipLevel = min(9, max(0, zipLevel))
        self.zipWorkers = min(8, max(0, zipWorkers))
        var options = lxw_workbook_options()
        options.constant_memory = streamsRows ? 1 : 0
        guard let wb = workbook_new_opt(temporaryPath, &options) else {
            throw XlsxError(message: "kan inte skapa \(path)")
        }
        handle = wb
        var props = lxw_doc_properties()
        props.title = cString(properties.title)
        props.subject = cString(properties.subject)
        props.author = cString(properties.author)
        props.company = cString(properties.company)
        props.keywords = cString(properties.keywords)
        props.comments = cString(properties.comments)
        if let created = properties.created { props.created = time_t(created.timeIntervalSince1970.rounded(.down)) }
        workbook_set_properties(wb, &props)
        trace?.record("workbook", Int(props.created), properties.title, properties.subject, properties.author,
                      properties.company, properties.keywords, properties.comments, streamsRows, self.zipLevel,
                      self.zipWorkers)
    }

    public struct Properties {
        public var title: String
        public var subject: String
        public var author: String
        public var company: String
        public var keywords: String
        public var comments: String
        /// Fixed for reproducible output (the zip entries' times follow it too); nil means now.
        public var created: Date?

        public init(
            title: String, subject: String, author: String = "finsam", company: String = "", keywords: String = "",
            comments: String = "", created: Date? = nil
        ) {
            self.title = title
            self.subject = subject
            self.author = author
            self.company = company
            self.keywords = keywords
            self.comments = comments
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

    /// A C string that lives as long as the workbook.
    func cString(_ s: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(XMLSafeText.clean(s))!
        retained.append(UnsafeMutableRawPointer(p))
        return p
    }

    /// Memory that lives as long as the workbook.
    func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: count)
        retained.append(UnsafeMutableRawPointer(p))
        return p
    }

    /// Adds a sheet. The name must already be valid and unique (see `SheetNames`).
    ///
    /// A `streamed` sheet of a workbook that `streamsRows` has each row's XML written to a temporary file as
    /// soon as the next row is begun, and its cells freed: the work is done while the sheet is written instead
    /// of all at once in `close`, and the cells do not pile up in memory. Such a sheet must be written in row
    /// order (a cell above the current row is refused and counted in `rejected`) and can have no table. Past
    /// the number of files the process may keep open, a sheet is kept in memory instead.
    public func addSheet(_ name: String, streamed: Bool = false) throws -> XlsxSheet {
        guard let ws = workbook_add_worksheet(handle, name) else {
            throw XlsxError(message: "ogiltigt bladnamn ”\(name)”")
        }
        var streams = false
        if streamsRows {
            if streamed && OpenFileLimit.allows(streamedSheets + 1) {
                streamedSheets += 1
                streams = true
            } else {
                finsam_worksheet_keep_in_memory(ws)
            }
        }
        trace?.record("sheet", name, streams)
        sheetCount += 1
        return XlsxSheet(handle: ws, workbook: self, name: name, index: sheetCount - 1)
    }

    /// The format for a look, created once.
    public func format(_ style: CellStyle) -> XlsxFormat {
        if let f = formats[style] { return f }
        let f = workbook_add_format(handle)!
        style.apply(to: f)
        let format = XlsxFormat(pointer: f, id: formats.count + 1)
        formats[style] = format
        if let trace { style.record(id: format.id, in: trace) }
        return format
    }

    public func addChart(_ type: lxw_chart_type) -> XlsxChart {
        trace?.record("chart", Int(type.rawValue))
        chartCount += 1
        return XlsxChart(handle: workbook_add_chart(handle, UInt8(type.rawValue)), workbook: self, id: chartCount - 1)
    }

    /// Writes the file and puts it in place; `beforeCommit` runs once it is written, and if it throws the file
    /// is not put in place (a workbook naming a facts CSV that failed).
    public func close(beforeCommit: () throws -> Void = {}) throws {
        closed = true
        if let trace {
            trace.record("close")
            try trace.write()
        }
        finsam_set_zip_level(Int32(zipLevel))
        finsam_set_zip_workers(Int32(zipWorkers))
        let workersBefore = finsam_zip_worker_cpu_seconds()
        let err = workbook_close(handle)
        zipWorkerCPU = finsam_zip_worker_cpu_seconds() - workersBefore
        guard err == LXW_NO_ERROR else {
            unlink(temporaryPath)
            throw XlsxError(message: "kan inte skriva \(finalPath): \(String(cString: lxw_strerror(err)))")
        }
        do {
            try beforeCommit()
        } catch {
            unlink(temporaryPath)
            throw error
        }
        try AtomicFile.commit(temporary: temporaryPath, to: finalPath)
    }
}

/// A cell format owned by its workbook.
public struct XlsxFormat {
    let pointer: UnsafeMutablePointer<lxw_format>?
    /// 1, 2, … in order of creation; 0 for none (the trace names formats by it).
    let id: Int
    public static var none: XlsxFormat { XlsxFormat(pointer: nil, id: 0) }
}

public struct XlsxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
