import Foundation
import FinsamModel

/// Reports as text extracted from PDF: headings, prose and tab-separated tables.
public struct TextReportReader: FormatReader {
    public init() {}

    public var format: DocumentFormat { .textReport }

    public func recognises(_ file: InputFile) -> Bool {
        let head = file.prefix(4096)
        if TextDecoding.looksBinary(Array(head)) && TextDecoding.utf16WithoutBOM(Array(head)) == nil { return false }
        // SIE 4 starts with #FLAGGA, SIE 5 is XML: leave those to their readers.
        let start = String(decoding: head.prefix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if start.hasPrefix("#") && start.uppercased().hasPrefix("#FLAGGA") { return false }
        if start.hasPrefix("<") || start.hasPrefix("\u{FEFF}<") { return false }
        return true
    }

    public func read(_ file: InputFile) throws(InputError) -> [Document] {
        let decoded = try TextDecoding.decodeReporting(file.bytes, path: file.path)
        let text = decoded.text
        let lines = TextLines.reportLines(in: text, shared: SharedLineArrays())
        guard !lines.isEmpty else { throw InputError(file: file.path, line: 1, message: "filen innehåller ingen text") }
        let organisation = OrganisationFinder.find(in: lines)
        var documents: [Document] = []
        let (parts, whole) = DocumentParts.split(lines)
        for part in parts {
            // A document that is one part has the header already read for the whole.
            let header = part == 0..<lines.count ? whole : DocumentHeader(lines: lines[part])
            var diagnostics = (documents.isEmpty ? decoded.warnings : []).map {
                Diagnostic(severity: .warning, code: "text.encoding", message: $0.message, location: SourceLocation(file: file.path, line: $0.line))
            }
            let asOf: Day? = header.kind == .verksamhetsplan || header.kind == .kallelse
                ? (header.decisionDate ?? header.period?.start) : header.period?.end
            let context = DocumentContext(period: header.period, kind: header.kind, asOf: asOf)
            let tables = TableScanner(file: file.path, lines: lines, range: part, document: context).tables(diagnostics: &diagnostics)
            var period = header.period
            if let p = period, let reason = header.periodReason {
                diagnostics.append(
                    Diagnostic(severity: .info, code: "text.period", message: "\(header.kind.rawValue) för \(p) enligt \(reason)",
                               location: SourceLocation(file: file.path, line: lines[part.lowerBound].number)))
            }
            if period == nil {
                // The statements say it when the cover does not: the first column of a resultaträkning.
                period = tables.first { $0.kind == .resultatrakning }?.columns.first?.period.flatMap { $0.start == nil ? nil : $0 }
                let message = period.map { "dokumentets period saknas på försättsbladet; \($0) enligt resultaträkningen" }
                    ?? "dokumentets period hittades inte"
                diagnostics.append(
                    Diagnostic(severity: .warning, code: "text.no-period", message: message,
                               location: SourceLocation(file: file.path, line: lines[part.lowerBound].number)))
            }
            documents.append(
                Document(
                    source: file.path, format: .textReport, organisation: organisation, kind: header.kind,
                    period: period ?? Period(start: nil, end: Day(year: 1970, month: 1, day: 1)!), title: header.title,
                    lines: lines[part.lowerBound].number...lines[part.upperBound - 1].number, decisionDate: header.decisionDate,
                    tables: tables, diagnostics: diagnostics))
        }
        return documents
    }
}

/// The lines of a text as `enumerateLines` gives them. When `\n` is the only line break in it, split by bytes
/// rather than through NSString; any other break (`\r`, NEL, LS, PS, and VT or FF to be safe) goes to
/// `enumerateLines` itself.
enum TextLines {
    /// The text's lines, numbered from 1, as `forEach` splits them. Where `\n` is the only break, each line is
    /// read from its bytes in the text without a String of its own.
    static func reportLines(in text: String, shared: SharedLineArrays) -> [ReportLine] {
        var lines: [ReportLine] = []
        var t = text
        let plain = t.withUTF8 { onlyNewlines($0) }
        guard plain else {
            forEach(in: text) { lines.append(ReportLine(number: lines.count + 1, raw: $0, shared: shared)) }
            return lines
        }
        t.withUTF8 { bytes in
            var start = 0
            let n = bytes.count
            while start < n {
                var end = start
                while end < n && bytes[end] != 0x0A { end += 1 }
                lines.append(ReportLine(number: lines.count + 1, bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]), shared: shared))
                // A final line break ends the last line rather than starting an empty one.
                start = end + 1
            }
        }
        return lines
    }

    /// No line break but `\n`: no `\r`, NEL, LS, PS, and no VT or FF to be safe.
    static func onlyNewlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The breaks are rare bytes: `memchr` for each (VT, FF, CR) and for the lead bytes of NEL, LS and PS.
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        for b: Int32 in [0x0B, 0x0C, 0x0D] where memchr(base, b, n) != nil { return false }
        var i = 0
        while i < n, let hit = memchr(base + i, 0xC2, n - i) {
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if i + 1 < n, bytes[i + 1] == 0x85 { return false }
            i += 1
        }
        i = 0
        while i < n, let hit = memchr(base + i, 0xE2, n - i) {
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return false }
            i += 1
        }
        return true
    }

    /// `onlyNewlines` byte by byte: the definition.
    static func onlyNewlinesByBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            // Most bytes are none of VT, FF, CR and no lead byte of NEL, LS or PS: one test for those.
            if b > 0x0D && b < 0xC2 {
                i += 1
                continue
            }
            if b == 0x0B || b == 0x0C || b == 0x0D { return false }
            if b == 0xC2, i + 1 < n, bytes[i + 1] == 0x85 { return false }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return false }
            i += 1
        }
        return true
    }

    static func forEach(in text: String, _ body: (String) -> Void) {
        var t = text
        let plain = t.withUTF8 { onlyNewlines($0) }
        guard plain else {
            withoutActuallyEscaping(body) { body in text.enumerateLines { line, _ in body(line) } }
            return
        }
        t.withUTF8 { bytes in
            var start = 0
            let n = bytes.count
            for i in 0..<n where bytes[i] == 0x0A {
                body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            // A final line break ends the last line rather than starting an empty one.
            if start < n { body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<n]), as: UTF8.self)) }
        }
    }
}

/// A board paper (kallelse) carries its enclosures: an interim report, a follow-up. Each is read as a document
/// of its own. A part begins at a cover: a title naming a kind of document that is followed by its period,
/// not by prose.
enum DocumentParts {
    static func split(_ lines: [ReportLine]) -> (parts: [Range<Int>], whole: DocumentHeader) {
        let all = 0..<lines.count
        let first = DocumentHeader(lines: lines[all])
        guard first.kind == .kallelse else { return ([all], first) }
        var starts: [(index: Int, kind: DocumentKind)] = [(0, .kallelse)]
        for (i, line) in lines.enumerated() where i > 0 && !line.isBlank && !line.isTabular {
            guard let kind = DocumentHeader.kind(of: line.text), kind != .kallelse, isCover(at: i, in: lines) else { continue }
            if kind == starts.last!.kind && i - starts.last!.index < 40 { continue }
            if kind == starts.last!.kind && starts.count > 1 { continue }
            starts.append((i, kind))
        }
        return (starts.indices.map { k in starts[k].index..<(k + 1 < starts.count ? starts[k + 1].index : lines.count) }, first)
    }

    /// A title line (a heading, or short and standing alone) with a year or date in it or in the few short lines
    /// after it, and no prose right after.
    static func isCover(at i: Int, in lines: [ReportLine]) -> Bool {
        let line = lines[i]
        guard !line.isTabular, !Furniture.isContents(line), Latin1Text.countIsAtMost(line.text, 120) else { return false }
        guard line.headingLevel > 0 || line.isEmphasised || (i > 0 && lines[i - 1].isBlank && Latin1Text.countIsAtMost(line.text, 60)) else { return false }
        let following = lines[(i + 1)...].prefix(12).filter { !$0.isBlank }.prefix(4)
        if let next = following.first, !Latin1Text.countIsAtMost(next.text, 150) { return false }
        if !PeriodText.years(in: line.text).isEmpty || !PeriodText.dates(in: line.text).isEmpty { return true }
        return following.contains { Latin1Text.countIsAtMost($0.text, 40) && (!PeriodText.years(in: $0.text).isEmpty || !PeriodText.dates(in: $0.text).isEmpty) }
    }
}
