import Foundation

/// A `Decimal`'s mantissa, exponent and sign read from its storage. `Decimal` offers its significand only as
/// another `Decimal` (an integer only through NSDecimalNumber, an object per value) or as text, and the hot
/// paths read half a million figures a batch: the rules' fixed point, the workbook's doubles and sums, the
/// JSON's and CSV's digits. The layout is swift-foundation's (byte 0 the exponent; byte 1 the length in 16-bit
/// words in its high nibble and the negative flag 0x08; eight little-endian words from byte 4). It is checked
/// once against known values; where it differs, `parts` is nil and callers take their exact slow path.
public enum DecimalStorage {
    /// Whether known values read back as themselves, and a mantissa past 64 bits is refused.
    public static let layoutKnown: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let probes = ["-123456.789", "0", "1e20", "0.5", "65536", "-2.2", "1563000", "98765.4321", "-7e5",
                      "12345678901234567", "-9876543210987654321", "0.000001"]
        for text in probes {
            guard let d = Decimal(string: text), let p = read(d),
                  Decimal(sign: p.negative ? .minus : .plus, exponent: p.exponent, significand: Decimal(p.mantissa)) == d
            else { return false }
        }
        guard let long = Decimal(string: "123456789012345678901234567890"), read(long) == nil else { return false }
        return true
    }()

    /// Mantissa, exponent and sign; nil for NaN, for a mantissa over 64 bits, or where the layout is unknown.
    public static func parts(_ d: Decimal) -> (mantissa: UInt64, exponent: Int, negative: Bool)? {
        guard layoutKnown, !d.isNaN else { return nil }
        return read(d)
    }

    private static func read(_ d: Decimal) -> (mantissa: UInt64, exponent: Int, negative: Bool)? {
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
}
