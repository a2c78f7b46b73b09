/// Text as an XLSX cell may hold: XML 1.0 forbids most C0 control characters (pdftotext leaves form feeds at
/// page breaks), and a cell holds at most 32 767 characters. Anything else makes Excel offer to repair the file.
enum XMLSafeText {
    static let maxCellLength = 32_767

    static func clean(_ s: String) -> String {
        var needsWork = false
        for b in s.utf8 where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
            needsWork = true
            break
        }
        if !needsWork && s.utf8.count <= maxCellLength { return s }
        var out = String(String.UnicodeScalarView(s.unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D ? " " : scalar
        }))
        if out.count > maxCellLength { out = String(out.prefix(maxCellLength - 1)) + "…" }
        return out
    }
}
