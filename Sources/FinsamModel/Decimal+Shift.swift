import Foundation

extension Decimal {
    /// `self × 10^exponent`, exact.
    public func shifted(by exponent: Int) -> Decimal {
        var result = self
        if exponent == 0 { return result }
        var copy = self
        _ = NSDecimalMultiplyByPowerOf10(&result, &copy, Int16(exponent), .plain)
        return result
    }

    /// Digits in groups of three with a space, a decimal comma, a leading minus: `-10 014 000`, `12 094,5`. The
    /// one routine for messages, comments and the workbook (readers, rules and export all print figures).
    public var swedishGrouped: String {
        let s = "\(self)"
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1)
        let int = Array(parts.first ?? "0")
        var out = ""
        for (i, ch) in int.enumerated() {
            if i > 0 && (int.count - i) % 3 == 0 { out.append(" ") }
            out.append(ch)
        }
        if parts.count == 2 { out += "," + parts[1] }
        return (negative ? "-" : "") + out
    }

    /// The whole part, towards zero: `12.7` → `12`, `-12.7` → `-12`.
    public var truncated: Decimal {
        var magnitude = self < 0 ? -self : self
        var whole = Decimal()
        NSDecimalRound(&whole, &magnitude, 0, .down)
        return self < 0 ? -whole : whole
    }
}
