import Foundation
import FinsamModel

extension Decimal {
    /// The nearest `Double`, as a JSON or XML reader parsing the decimal text would get it. Only the XLSX
    /// boundary converts: cells hold IEEE doubles.
    ///
    /// Foundation's `NSDecimalNumber.doubleValue` is not correctly rounded on Linux (about a third of two-decimal
    /// values come out one ulp off), and going through `description` costs microseconds per value. So the
    /// common case, a mantissa under 2^53 with a small exponent, is converted directly: one exact integer and
    /// one multiplication or division by an exact power of ten give a correctly rounded result. Where the
    /// storage cannot be read (`DecimalStorage`), the text path.
    public var xlsxDouble: Double {
        if let fast = DecimalLayout.fastDouble(self) { return fast }
        return Double(description) ?? .nan
    }
}

enum DecimalLayout {
    /// Powers of ten that are exact in a Double.
    static let powers: [Double] = (0...22).map { pow(10, Double($0)) }
    /// Powers of ten that fit a UInt64: 10^0 … 10^19.
    static let powersOfTen: [UInt64] = (0...19).map { (0..<$0).reduce(UInt64(1)) { p, _ in p * 10 } }

    /// The double from the mantissa and exponent (`DecimalStorage`), when both are small enough to be exact.
    static func fastDouble(_ d: Decimal) -> Double? {
        guard let (mantissa, exponent, negative) = DecimalStorage.parts(d) else { return nil }
        guard mantissa < 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        var v = Double(mantissa)
        if exponent > 0 { v *= powers[exponent] } else if exponent < 0 { v /= powers[-exponent] }
        return negative ? -v : v
    }
}
