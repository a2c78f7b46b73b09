import Foundation

extension Decimal {
    /// The nearest `Double`, as a JSON or XML reader parsing the decimal text would get it. Only the XLSX
    /// boundary converts: cells hold IEEE doubles.
    ///
    /// Foundation's `NSDecimalNumber.doubleValue` is not correctly rounded on Linux (about a third of two-decimal
    /// values come out one ulp off), and going through `description` costs microseconds per value. So the
    /// common case, a mantissa under 2^53 with a small exponent, is converted directly: one exact integer and
    /// one multiplication or division by an exact power of ten give a correctly rounded result. The storage
    /// layout this reads is checked once at start-up against known values; anything else takes the text path.
    public var xlsxDouble: Double {
        if DecimalLayout.isKnown, let fast = DecimalLayout.fastDouble(self) { return fast }
        return Double(description) ?? .nan
    }
}

enum DecimalLayout {
    /// Powers of ten that are exact in a Double.
    static let powers: [Double] = (0...22).map { pow(10, Double($0)) }
    /// Powers of ten that fit a UInt64: 10^0 … 10^19.
    static let powersOfTen: [UInt64] = (0...19).map { (0..<$0).reduce(UInt64(1)) { p, _ in p * 10 } }

    /// Reads swift-foundation's `Decimal` storage: byte 0 the exponent, byte 1 length (high nibble),
    /// negative (0x08) and compact (0x04) flags, then eight little-endian UInt16 mantissa words from byte 4.
    static func fastDouble(_ d: Decimal) -> Double? {
        guard let (mantissa, exponent, negative) = parts(d) else { return nil }
        guard mantissa < 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        var v = Double(mantissa)
        if exponent > 0 { v *= powers[exponent] } else if exponent < 0 { v /= powers[-exponent] }
        return negative ? -v : v
    }

    /// Mantissa, exponent and sign of a value whose mantissa fits 64 bits; nil otherwise. Only valid when
    /// `isKnown`, and not for NaN (length 0 with the sign set), which callers rule out first.
    static func parts(_ d: Decimal) -> (mantissa: UInt64, exponent: Int, negative: Bool)? {
        withUnsafeBytes(of: d) { raw -> (UInt64, Int, Bool)? in
            guard raw.count == 20 else { return nil }
            let exponent = Int(raw.load(fromByteOffset: 0, as: Int8.self))
            let flags = raw.load(fromByteOffset: 1, as: UInt8.self)
            let length = Int(flags >> 4)
            guard length <= 4 else { return nil }
            var mantissa: UInt64 = 0
            var i = length - 1
            while i >= 0 {
                mantissa = mantissa << 16 | UInt64(raw.loadUnaligned(fromByteOffset: 4 + 2 * i, as: UInt16.self))
                i -= 1
            }
            return (mantissa, exponent, flags & 0x08 != 0)
        }
    }

    /// True when the layout above matches this Foundation: checked on values whose bytes differ in every field.
    static let isKnown: Bool = {
        let probes: [(String, Double)] = [
            ("-2.2", -2.2), ("1563000", 1_563_000), ("-0.51", -0.51), ("123456789012345", 123_456_789_012_345),
            ("0", 0), ("98765.4321", 98765.4321), ("-7e5", -700_000),
        ]
        return probes.allSatisfy { text, expected in
            guard let d = Decimal(string: text) else { return false }
            return fastDouble(d) == expected
        }
    }()
}
