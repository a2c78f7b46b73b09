import Foundation
import FinsamModel

/// `SwedishNumber.parse` over the bytes of a cell that is printable ASCII (space to `~`), where every byte is a
/// character of its own: the same grammar without building strings or going through `Decimal(string:)`.
/// Anything else (no-break spaces, Unicode minus signs, tabs, more than 18 digits) is left to the general code.
enum ASCIINumber {
    enum Outcome {
        /// The answer: a number (its parts, the text still to be trimmed), or nil for not a number.
        case decided(Parts?)
        case dash
        /// Not for the byte parser.
        case general
    }

    /// What the parse found; `printed(text:)` turns it into the public value.
    struct Parts {
        var digits: UInt64
        var fractionDigits: Int
        var negative: Bool
        var isPercent: Bool
        var ambiguous: Bool
        var unitSuffix: PrintedScale?
        var spaceGrouped: Bool
        /// Byte range of the trimmed text within the cell.
        var textStart: Int
        var textEnd: Int

        func printed(text cell: String) -> PrintedNumber {
            let text = textStart == 0 && textEnd == cell.utf8.count
                ? cell : String(Substring(cell.utf8.dropFirst(textStart).prefix(textEnd - textStart)))
            return PrintedNumber(
                magnitude: magnitude, negative: negative, fractionDigits: fractionDigits, isPercent: isPercent,
                commaIsAmbiguous: ambiguous, text: text, unitSuffix: unitSuffix, spaceGrouped: spaceGrouped)
        }

        /// The same value, and the same representation, as `Decimal(string: int) + Decimal(string: "0." + fraction)`
        /// (checked in the tests); a zero with decimals keeps its exponent only through that route.
        var magnitude: Decimal {
            if fractionDigits == 0 { return Decimal(digits) }
            if digits == 0 { return Decimal(string: "0." + String(repeating: "0", count: fractionDigits))! }
            return Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(digits))
        }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func parse(_ cell: UnsafeBufferPointer<UInt8>) -> Outcome {
        for b in cell where b < 0x20 || b > 0x7E { return .general }
        var start = 0, end = cell.count
        while start < end && cell[start] == 0x20 { start += 1 }
        while end > start && cell[end - 1] == 0x20 { end -= 1 }
        let textStart = start, textEnd = end
        let length = end - start
        if length == 0 { return .decided(nil) }
        if length == 1 && cell[start] == UInt8(ascii: "-") { return .dash }
        if length == 2 && cell[start] == UInt8(ascii: "-") && cell[start + 1] == UInt8(ascii: "-") { return .dash }

        var negative = false
        if cell[start] == UInt8(ascii: "(") && cell[end - 1] == UInt8(ascii: ")") {
            negative = true
            start += 1
            end -= 1
        }
        if start < end && cell[start] == UInt8(ascii: "-") {
            negative = true
            start += 1
        } else if start < end && cell[start] == UInt8(ascii: "+") {
            start += 1
        }
        while start < end && cell[start] == 0x20 { start += 1 }
        var unitSuffix: PrintedScale?
        if start < end, let (rest, unit) = stripUnit(cell, start, end) {
            end = rest
            unitSuffix = unit
        }
        var isPercent = false
        if end > start && cell[end - 1] == UInt8(ascii: "%") {
            isPercent = true
            end -= 1
            while end > start && cell[end - 1] == 0x20 { end -= 1 }
        }
        guard start < end, isDigit(cell[start]) else { return .decided(nil) }

        var value: UInt64 = 0
        var intCount = 0, fracCount = 0
        var firstIntDigit: UInt8 = 0
        var sawComma = false, sawSpace = false
        var groupLength = 0
        var firstGroup = true
        var i = start
        while i < end {
            let b = cell[i]
            if isDigit(b) {
                if intCount + fracCount >= 18 { return .general }
                value = value * 10 + UInt64(b - 0x30)
                if sawComma {
                    fracCount += 1
                } else {
                    if intCount == 0 { firstIntDigit = b }
                    intCount += 1
                    groupLength += 1
                }
            } else if b == 0x20 {
                if sawComma { return .decided(nil) }
                if !firstGroup && groupLength != 3 { return .decided(nil) }
                if firstGroup && (groupLength == 0 || groupLength > 3) { return .decided(nil) }
                firstGroup = false
                groupLength = 0
                sawSpace = true
            } else if b == UInt8(ascii: ",") || b == UInt8(ascii: ".") {
                if sawComma { return .decided(nil) }
                if !firstGroup && groupLength != 3 { return .decided(nil) }
                sawComma = true
            } else {
                return .decided(nil)
            }
            i += 1
        }
        if !firstGroup && !sawComma && groupLength != 3 { return .decided(nil) }
        if sawComma && fracCount == 0 { return .decided(nil) }
        let intIsZero = intCount == 1 && firstIntDigit == UInt8(ascii: "0")
        let ambiguous = sawComma && !sawSpace && fracCount == 3 && !isPercent && !intIsZero && intCount <= 3
        return .decided(
            Parts(
                digits: value, fractionDigits: fracCount, negative: negative, isPercent: isPercent, ambiguous: ambiguous,
                unitSuffix: unitSuffix, spaceGrouped: sawSpace, textStart: textStart, textEnd: textEnd))
    }

    /// `SwedishNumber.stripUnit` by bytes: the end of the figure before a unit word, and the unit.
    private static func stripUnit(_ cell: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, PrintedScale)? {
        let last = cell[end - 1] | 0x20
        guard last == UInt8(ascii: "r") || last == UInt8(ascii: "k") else { return nil }
        for (word, unit) in units {
            let n = word.count
            guard end - start >= n else { continue }
            var matches = true
            for k in 0..<n where lowered(cell[end - n + k]) != word[k] { matches = false; break }
            guard matches else { continue }
            var rest = end - n
            guard rest > start, cell[rest - 1] == 0x20 || isDigit(cell[rest - 1]) else { continue }
            while rest > start && cell[rest - 1] == 0x20 { rest -= 1 }
            if rest > start && cell[rest - 1] == UInt8(ascii: ".") { continue }
            return (rest, unit)
        }
        return nil
    }

    private static func lowered(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// In `SwedishNumber.stripUnit`'s order: the first suffix that fits wins.
    private static let units: [([UInt8], PrintedScale)] = [
        (Array("kronor".utf8), .kr), (Array("tkr".utf8), .tkr), (Array("tsek".utf8), .tkr), (Array("mkr".utf8), .mkr),
        (Array("msek".utf8), .mkr), (Array("sek".utf8), .kr), (Array("kr".utf8), .kr),
    ]
}
