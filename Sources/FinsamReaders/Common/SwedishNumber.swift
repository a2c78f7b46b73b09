import Foundation
import FinsamModel

/// A number as printed in a Swedish report: `10 014 000`, `-745`, `(1 234)`, `−1 300`, `12,094`, `0,291`, `32%`.
public struct PrintedNumber: Hashable, Sendable {
    /// The magnitude with the comma read as a decimal comma.
    public var magnitude: Decimal
    public var negative: Bool
    /// Digits after the decimal comma as printed (0 when there is none).
    public var fractionDigits: Int
    public var isPercent: Bool
    /// `12,094`: one comma followed by exactly three digits and no spaces, which TSEK tables use as a
    /// thousands separator. The table decides; see `thousandsReading`.
    public var commaIsAmbiguous: Bool
    public var text: String
    /// The money unit printed after the figure, `17 157 195 kr`: it overrides the table's.
    public var unitSuffix: PrintedScale? = nil
    /// Digits were grouped with spaces: `1 563` (tells a table's typography).
    public var spaceGrouped: Bool = false

    /// The value with the comma read as a decimal comma.
    public var value: Decimal { negative ? -magnitude : magnitude }

    /// The value with the comma read as a thousands separator (only meaningful when `commaIsAmbiguous`).
    public var thousandsReading: Decimal {
        let v = magnitude * 1000
        return negative ? -v : v
    }
}

public enum PrintedToken: Hashable, Sendable {
    case number(PrintedNumber)
    /// `-`, `–`, `—`: printed as a dash, meaning nothing or zero.
    case dash
}

public enum SwedishNumber {
    static let minusSigns: Set<Character> = ["-", "\u{2212}", "\u{2013}", "\u{2014}"]
    static let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

    /// Parses one cell. Returns nil for anything that is not wholly a number or a dash.
    public static func parse(_ raw: some StringProtocol) -> PrintedToken? {
        var s = String(raw)
        switch s.withUTF8({ ASCIINumber.parse($0) }) {
        case .decided(let parts): return parts.map { .number($0.printed(text: s)) }
        case .dash: return .dash
        case .general: return parseByCharacters(s)
        }
    }

    /// The number `parse` reads (nil for a dash or no number), with its digits as one integer where the byte
    /// parser read them (`ASCIINumber.Parts.digits`).
    static func parseFigure(_ raw: String) -> (PrintedNumber, UInt64?)? {
        var s = raw
        switch s.withUTF8({ ASCIINumber.parse($0) }) {
        case .decided(let parts?): return (parts.printed(text: s), parts.digits)
        case .decided(nil), .dash: return nil
        case .general:
            if case .number(let n)? = parseByCharacters(s) { return (n, nil) }
            return nil
        }
    }

    /// `parse` character by character: the general code, for any text the byte parser leaves to it.
    static func parseByCharacters(_ raw: some StringProtocol) -> PrintedToken? {
        let text = Trim.spaces(String(raw))
        if text.isEmpty { return nil }
        if text.count == 1, let c = text.first, minusSigns.contains(c) { return .dash }
        if text == "--" { return .dash }

        var chars = Substring(text)
        var negative = false
        var isPercent = false
        if chars.first == "(" && chars.last == ")" {
            negative = true
            chars = chars.dropFirst().dropLast()
        }
        if let first = chars.first, minusSigns.contains(first) {
            negative = true
            chars = chars.dropFirst()
        } else if chars.first == "+" {
            chars = chars.dropFirst()
        }
        // Minus after a space: `- 1 300`.
        chars = chars.drop { spaces.contains($0) }
        var unitSuffix: PrintedScale?
        if let (rest, unit) = stripUnit(chars) {
            chars = rest
            unitSuffix = unit
        }
        if chars.last == "%" {
            isPercent = true
            chars = chars.dropLast()
            while let l = chars.last, spaces.contains(l) { chars = chars.dropLast() }
        }
        guard let first = chars.first, first.isASCII, first.isNumber else { return nil }

        var intDigits = ""
        var fracDigits = ""
        var sawComma = false
        var sawSpace = false
        var groupLength = 0
        var firstGroup = true
        for c in chars {
            if c.isASCII && c.isNumber {
                if sawComma { fracDigits.append(c) } else { intDigits.append(c); groupLength += 1 }
            } else if spaces.contains(c) {
                // Thousands separator: the groups after the first must have exactly three digits.
                if sawComma { return nil }
                if !firstGroup && groupLength != 3 { return nil }
                if firstGroup && (groupLength == 0 || groupLength > 3) { return nil }
                firstGroup = false
                groupLength = 0
                sawSpace = true
            } else if c == "," || c == "." {
                if sawComma { return nil }
                if !firstGroup && groupLength != 3 { return nil }
                sawComma = true
            } else {
                return nil
            }
        }
        if !firstGroup && !sawComma && groupLength != 3 { return nil }
        if sawComma && fracDigits.isEmpty { return nil }
        guard let intPart = Decimal(string: intDigits.isEmpty ? "0" : intDigits) else { return nil }
        var magnitude = intPart
        if !fracDigits.isEmpty {
            guard let frac = Decimal(string: "0." + fracDigits) else { return nil }
            magnitude += frac
        }
        let ambiguous = sawComma && !sawSpace && fracDigits.count == 3 && !isPercent && intDigits != "0"
            && intDigits.count <= 3
        return .number(
            PrintedNumber(
                magnitude: magnitude, negative: negative, fractionDigits: fracDigits.count, isPercent: isPercent,
                commaIsAmbiguous: ambiguous, text: text, unitSuffix: unitSuffix, spaceGrouped: sawSpace))
    }

    /// `17 157 195 kr`, `1 563 tkr`: a money unit after the figure.
    static func stripUnit(_ chars: Substring) -> (Substring, PrintedScale)? {
        // Every unit word ends in `r` or `k`: an ASCII last character that is neither ends no unit.
        if let last = chars.utf8.last, last < 0x80, !"rRkK".utf8.contains(last) { return nil }
        let lower = chars.lowercased()
        let units: [(String, PrintedScale)] = [
            ("kronor", .kr), ("tkr", .tkr), ("tsek", .tkr), ("mkr", .mkr), ("msek", .mkr), ("sek", .kr), ("kr", .kr),
        ]
        for (word, unit) in units where lower.hasSuffix(word) {
            var rest = chars.dropLast(word.count)
            guard let last = rest.last, spaces.contains(last) || last.isNumber else { continue }
            while let l = rest.last, spaces.contains(l) { rest = rest.dropLast() }
            if rest.last == "." { continue }
            return (rest, unit)
        }
        return nil
    }

    /// A cell with a figure and a second one in parentheses, `66% (55%)` or `5 (4)`: the parenthesised figure
    /// is a part of the first (positive, of which clearly positive). Nil unless the cell is exactly that.
    public static func parsePair(_ raw: some StringProtocol) -> (PrintedNumber, PrintedNumber)? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "("), open > text.startIndex else { return nil }
        let head = text[..<open].trimmingCharacters(in: .whitespaces)
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        guard !head.isEmpty, case .number(let a)? = parse(head), case .number(let b)? = parse(inner),
              !a.negative, !b.negative
        else { return nil }
        return (a, b)
    }
}

