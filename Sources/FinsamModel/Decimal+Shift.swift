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
}
