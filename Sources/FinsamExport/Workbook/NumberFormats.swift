import FinsamModel

/// Excel number format codes for figures as they were printed. Values are stored in whole SEK; a table printed
/// in tkr shows them in thousands through the format's trailing commas (`#,##0,`), so the cell keeps the exact
/// amount while it reads like the report. The codes are locale-neutral: Swedish Excel shows `#,##0` as `1 234`.
enum NumberFormats {
    /// Whole kronor, negatives red with a minus.
    static let kronor = money(scaleExponent: 0, decimals: 0)
    static let count = signed("#,##0")
    static let percent = signed("0%")
    static let percentOneDecimal = signed("0.0%")
    static let date = "yyyy-mm-dd"

    static func signed(_ body: String) -> String { "\(body);[Red]-\(body)" }

    /// `decimals` is XBRL precision of the value in SEK: 0 for kr, -3 for tkr, 2 for öre.
    static func money(scaleExponent: Int, decimals: Int) -> String {
        let fraction = max(0, min(6, decimals + scaleExponent))
        var body = "#,##0"
        if fraction > 0 { body += "." + String(repeating: "0", count: fraction) }
        body += String(repeating: ",", count: max(0, scaleExponent / 3))
        return signed(body)
    }

    /// A ratio printed as `32%` has decimals 2; `32,5%` has 3.
    static func percent(decimals: Int) -> String {
        let fraction = max(0, min(4, decimals - 2))
        return signed(fraction == 0 ? "0%" : "0." + String(repeating: "0", count: fraction) + "%")
    }

    static func plain(decimals: Int) -> String {
        let fraction = max(0, min(6, decimals))
        return signed(fraction == 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: fraction))
    }

    /// How one printed figure in its column is formatted, as small numbers (see `FigureLook`).
    static func figure(_ cell: Cell, column: Column, unscaled: Bool) -> (kind: FigureLook.Kind, scale: Int, decimals: Int) {
        if unscaled { return (.plain, 0, max(0, cell.decimals + column.scale.exponent)) }
        if cell.text.utf8.last == UInt8(ascii: "%") { return (.percent, 0, cell.decimals) }
        switch column.unit {
        case .sek: return (.money, column.scale.exponent, cell.decimals)
        case .pure: return (.plain, 0, cell.decimals)
        case .personer: return (.plain, 0, max(0, cell.decimals))
        }
    }

    /// A fact's value in a summary sheet: kronor whole, ratios as percent, counts plain.
    static func fact(unit: MeasureUnit) -> String {
        switch unit {
        case .sek: kronor
        case .pure: percent
        case .personer: count
        }
    }
}
