/// A1-style cell references, as formulas and hyperlinks spell them. Rows and columns are 0-based here, as
/// libxlsxwriter counts them.
public struct CellRef: Hashable, Sendable {
    public var sheet: String
    public var row: Int
    public var col: Int

    public init(sheet: String, row: Int, col: Int) {
        self.sheet = sheet
        self.row = row
        self.col = col
    }

    /// `E12`
    public var a1: String { CellAddress.a1(row: row, col: col) }
    /// `'Östra Södertörn'!E12`
    public var qualified: String { CellAddress.quoted(sheet) + "!" + a1 }
    /// `internal:'Östra Södertörn'!E12`, the target of an in-workbook hyperlink.
    public var link: String { "internal:" + qualified }
}

public enum CellAddress {
    /// `0 → A`, `25 → Z`, `26 → AA`.
    public static func column(_ col: Int) -> String {
        col >= 0 && col < columnNames.count ? columnNames[col] : letters(col)
    }

    /// A … ZZ, named once: every formula and address asks for its column's letters.
    private static let columnNames: [String] = (0..<702).map(letters)

    private static func letters(_ col: Int) -> String {
        var n = col + 1
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    public static func a1(row: Int, col: Int) -> String { column(col) + String(row + 1) }

    /// `$E$12`, for chart ranges.
    public static func absolute(row: Int, col: Int) -> String { "$" + column(col) + "$" + String(row + 1) }

    /// A sheet name as formulas write it: always quoted, inner quotes doubled.
    public static func quoted(_ sheet: String) -> String {
        // Most names have no apostrophe: skip Foundation's replacing, which is slow per call.
        guard sheet.utf8.contains(UInt8(ascii: "'")) else { return "'" + sheet + "'" }
        return "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `='Jämförelse'!$E$3:$H$3`, a chart's data range.
    public static func range(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) -> String {
        "=" + quoted(sheet) + "!" + absolute(row: firstRow, col: firstCol) + ":" + absolute(row: lastRow, col: lastCol)
    }
}

extension Array where Element == UInt8 {
    /// `E12`, as `CellAddress.a1` spells it, appended as bytes.
    mutating func appendA1(row: Int, col: Int) {
        append(contentsOf: CellAddress.column(col).utf8)
        appendDigits(UInt64(row + 1))
    }
}
