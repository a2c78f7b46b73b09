/// Column widths that fit their contents, measured while writing (libxlsxwriter 1.1.4 has no autofit).
/// Widths are in characters of the default font.
struct ColumnWidths {
    private(set) var chars: [Int]

    init(count: Int) {
        chars = Array(repeating: 0, count: max(0, count))
    }

    /// UTF-8 length: constant time for native strings, and å, ä, ö counting double only widens a little.
    mutating func fit(_ col: Int, _ text: String) {
        fit(col, length: text.utf8.count)
    }

    mutating func fit(_ col: Int, length: Int) {
        if col >= chars.count { chars += Array(repeating: 0, count: col - chars.count + 1) }
        if length > chars[col] { chars[col] = length }
    }

    func width(_ col: Int, min: Double, max: Double) -> Double {
        let measured = col < chars.count ? Double(chars[col]) + 1.5 : 0
        return Swift.min(max, Swift.max(min, measured))
    }

    func apply(_ col: Int, to sheet: XlsxSheet, min: Double, max: Double, _ format: XlsxFormat = .none) {
        sheet.column(col, width: width(col, min: min, max: max), format)
    }
}
