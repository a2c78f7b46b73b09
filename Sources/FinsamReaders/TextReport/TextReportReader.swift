import Foundation
import FinsamModel

/// Reports as text extracted from PDF: headings, prose and tab-separated tables.
public struct TextReportReader: FormatReader {
    public init() {}

    public var format: DocumentFormat { .textReport }

    public func recognises(_ file: InputFile) -> Bool {
        let head = file.prefix(4096)
        if TextDecoding.looksBinary(Array(head)) { return false }
        // SIE 4 starts with #FLAGGA, SIE 5 is XML: leave those to their readers.
        let start = String(decoding: head.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if start.hasPrefix("#") && start.uppercased().hasPrefix("#FLAGGA") { return false }
        if start.hasPrefix("<") || start.hasPrefix("\u{FEFF}<") { return false }
        return true
    }

    public func read(_ file: InputFile) throws(InputError) -> [Document] {
        let (text, _) = try TextDecoding.decode(file.bytes, path: file.path)
        var lines: [ReportLine] = []
        var n = 0
        text.enumerateLines { line, _ in
            n += 1
            lines.append(ReportLine(number: n, raw: line))
        }
        let header = DocumentHeader(lines: lines)
        let period = header.period ?? Period(start: nil, end: Day(year: 1970, month: 1, day: 1)!)
        let tables = TableScanner(file: file.path, lines: lines, documentPeriod: header.period).tables()
        var diagnostics: [Diagnostic] = []
        if header.period == nil {
            diagnostics.append(
                Diagnostic(severity: .warning, code: "text.no-period", message: "dokumentets period hittades inte",
                           location: SourceLocation(file: file.path, line: 1)))
        }
        return [
            Document(
                source: file.path, format: .textReport, organisation: header.organisation, kind: header.kind,
                period: period, title: header.title, lines: 1...max(1, n), decisionDate: header.decisionDate,
                tables: tables, diagnostics: diagnostics)
        ]
    }
}
