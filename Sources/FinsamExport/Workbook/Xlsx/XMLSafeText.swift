/// Text as an XLSX cell may hold: XML 1.0 forbids most C0 control characters (pdftotext leaves form feeds at
/// page breaks), and a cell holds at most 32 767 characters. Anything else makes Excel offer to repair the file.
enum XMLSafeText {
    static let maxCellLength = 32_767

    static func clean(_ s: String) -> String {
        let needsWork = s.utf8.withContiguousStorageIfAvailable(hasControl) ?? hasControl(Array(s.utf8))
        if !needsWork && s.utf8.count <= maxCellLength { return s }
        var out = String(String.UnicodeScalarView(s.unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D ? " " : scalar
        }))
        if out.count > maxCellLength { out = String(out.prefix(maxCellLength - 1)) + "…" }
        return out
    }

    private static func hasControl<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }
}
