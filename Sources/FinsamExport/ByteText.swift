import Foundation
import FinsamModel

/// Numbers and days written straight into a byte buffer, for the writers of large files (the `--json` contract,
/// the facts CSV): building a `String` per value cost more than the rest of a row.
extension Array where Element == UInt8 {
    /// `n` in decimal, zero-padded on the left to at least `minimum` digits.
    mutating func appendDigits(_ n: UInt64, minimum: Int = 1) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for UInt64.max's 20 digits
        Swift.withUnsafeMutableBytes(of: &scratch) { buf in
            var i = buf.count
            var n = n
            repeat {
                i -= 1
                buf[i] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            while buf.count - i < minimum {
                i -= 1
                buf[i] = UInt8(ascii: "0")
            }
            append(contentsOf: buf[i...])
        }
    }

    /// `2024-12-31`, as `Day.description` writes it.
    mutating func appendDay(_ d: Day) {
        appendDigits(UInt64(Swift.max(0, d.year)), minimum: 4)
        append(UInt8(ascii: "-"))
        appendDigits(UInt64(d.month), minimum: 2)
        append(UInt8(ascii: "-"))
        appendDigits(UInt64(d.day), minimum: 2)
    }

    /// The exact decimal as `Decimal.description` writes it, with `point` for its decimal point.
    mutating func appendDecimal(_ value: Decimal, point: UInt8) {
        if DecimalStorage.layoutKnown, !value.isNaN, let (mantissa, exponent, negative) = DecimalStorage.parts(value),
           exponent >= -19, exponent <= 19 {
            // Trailing zeros of the fraction are not printed (`description` does not print them either).
            var m = mantissa, e = exponent
            while e < 0 && m != 0 && m % 10 == 0 {
                m /= 10
                e += 1
            }
            if m == 0 {
                append(UInt8(ascii: "0"))
                return
            }
            if negative { append(UInt8(ascii: "-")) }
            if e >= 0 {
                appendDigits(m)
                for _ in 0..<e { append(UInt8(ascii: "0")) }
            } else {
                let scale = DecimalLayout.powersOfTen[-e]
                appendDigits(m / scale)
                append(point)
                appendDigits(m % scale, minimum: -e)
            }
            return
        }
        for b in value.description.utf8 { append(b == UInt8(ascii: ".") ? point : b) }
    }
}
