import Foundation

/// Every call the workbook makes into libxlsxwriter, one tab-separated line per call, so that
/// `scripts/xlsx-replay.c` can write the same workbook from C: the floor the benchmark measures the Swift
/// writer against. Only built when asked for (`FINSAM_XLSX_TRACE`); the normal path pays one nil check per call.
final class XlsxTrace {
    let path: String
    private var text = ""

    init(path: String) {
        self.path = path
        text.reserveCapacity(1 << 20)
    }

    /// Tabs, newlines and backslashes escaped, so a field is one token.
    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return s }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    func record(_ fields: Any...) {
        recordFields(fields)
    }

    func recordFields(_ fields: [Any]) {
        var first = true
        for f in fields {
            if !first { text += "\t" }
            first = false
            switch f {
            case let s as String: text += XlsxTrace.escape(s)
            case let b as Bool: text += b ? "1" : "0"
            case let d as Double: text += d.description
            default: text += "\(f)"
            }
        }
        text += "\n"
    }

    func write() throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
