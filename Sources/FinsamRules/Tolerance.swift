import Foundation
import FinsamModel

/// XBRL Calculations 1.1 style consistency: a printed figure stands for an interval of ± half a unit of its
/// last printed digit (round-to-nearest); a sum is consistent if the interval of the items' sum overlaps the
/// total's interval. Intervals are closed, so two figures that each round to their printed value agree.
public struct Interval: Hashable, Sendable, CustomStringConvertible {
    public var low: Decimal
    public var high: Decimal

    public init(low: Decimal, high: Decimal) {
        self.low = low
        self.high = high
    }

    /// The values a figure printed with `decimals` may have been rounded from.
    public init(value: Decimal, decimals: Int) {
        // In fixed point where the figure fits it: the same bounds, exactly, for a fraction of the cost of two
        // Decimal additions.
        if let v = FixedInterval.units(value), let h = FixedInterval.half(decimals),
           let low = FixedInterval.decimal(v - h), let high = FixedInterval.decimal(v + h)
        {
            self.init(low: low, high: high)
            return
        }
        let half = Decimal(5).shifted(by: -decimals - 1)
        self.init(low: value - half, high: value + half)
    }

    public static func exactly(_ value: Decimal) -> Interval { Interval(low: value, high: value) }

    public static func + (a: Interval, b: Interval) -> Interval { Interval(low: a.low + b.low, high: a.high + b.high) }
    public static prefix func - (a: Interval) -> Interval { Interval(low: -a.high, high: -a.low) }
    public static func - (a: Interval, b: Interval) -> Interval { a + (-b) }

    /// `a / b` for a denominator interval that does not contain zero; nil when it does.
    public static func / (a: Interval, b: Interval) -> Interval? {
        guard b.low > 0 || b.high < 0 else { return nil }
        let corners = [a.low / b.low, a.low / b.high, a.high / b.low, a.high / b.high]
        return Interval(low: corners.min()!, high: corners.max()!)
    }

    public func overlaps(_ other: Interval) -> Bool { low <= other.high && other.low <= high }
    public func contains(_ v: Decimal) -> Bool { low <= v && v <= high }
    public var width: Decimal { high - low }
    /// Distance between the intervals, zero when they overlap.
    public func gap(to other: Interval) -> Decimal {
        if overlaps(other) { return 0 }
        return high < other.low ? other.low - high : low - other.high
    }

    public var description: String { "[\(low), \(high)]" }
}

/// One printed figure: its value (whole SEK, a ratio or a count) and its precision.
public struct Figure: Hashable, Sendable {
    public var value: Decimal
    public var decimals: Int

    public init(value: Decimal, decimals: Int) {
        self.value = value
        self.decimals = decimals
    }

    public init(_ cell: Cell) {
        self.init(value: cell.value, decimals: cell.decimals)
    }

    public var interval: Interval { Interval(value: value, decimals: decimals) }
    public static prefix func - (f: Figure) -> Figure { Figure(value: -f.value, decimals: f.decimals) }
}

public enum Consistency: Equatable, Sendable {
    /// The computed and printed figures are equal.
    case exact
    /// Different, but within rounding.
    case rounding
    /// A real discrepancy.
    case inconsistent

    /// Compares a printed total with items (value, decimals, sign).
    public static func check(total: Decimal, totalDecimals: Int, items: [(value: Decimal, decimals: Int, sign: Int)]) -> Consistency {
        let sum = items.reduce(Decimal(0)) { $0 + (($1.sign < 0) ? -$1.value : $1.value) }
        if sum == total { return .exact }
        let itemInterval = items.reduce(Interval(low: 0, high: 0)) { acc, item in
            let i = Interval(value: item.value, decimals: item.decimals)
            return acc + (item.sign < 0 ? -i : i)
        }
        return itemInterval.overlaps(Interval(value: total, decimals: totalDecimals)) ? .rounding : .inconsistent
    }

    /// Compares two figures that should be the same, each standing for its interval.
    public static func compare(_ a: Interval, exact av: Decimal, _ b: Interval, exact bv: Decimal) -> Consistency {
        if av == bv { return .exact }
        return a.overlaps(b) ? .rounding : .inconsistent
    }
}

extension Decimal {
    /// Rounded to `scale` decimal places (negative for tens, hundreds, thousands), half away from zero.
    func rounded(_ scale: Int, _ mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
        var r = Decimal()
        var copy = self
        NSDecimalRound(&r, &copy, scale, mode)
        return r
    }
}

/// A rounding interval in exact fixed point for the rules' hot loops: whole multiples of 10⁻¹³, finer than the
/// half unit of any printed precision (a count of people is exact to 12 decimals), so intervals add and
/// compare in integer arithmetic and decide exactly as their `Interval` counterparts. Figures beyond ±10¹⁵
/// or finer than 10⁻¹³ have none and take the Decimal way; within those bounds no sum a table can hold
/// overflows.
struct FixedInterval: Equatable {
    var low: Int128
    var high: Int128

    static let fractionDigits = 13
    static let zero = FixedInterval(low: 0, high: 0)

    init(low: Int128, high: Int128) {
        self.low = low
        self.high = high
    }

    init?(value: Decimal, decimals: Int) {
        guard let v = FixedInterval.units(value), let h = FixedInterval.half(decimals) else { return nil }
        self.init(value: v, half: h)
    }

    init(value: Int128, half: Int128) {
        self.init(low: value - half, high: value + half)
    }

    static func exactly(_ units: Int128) -> FixedInterval { FixedInterval(low: units, high: units) }

    /// Half a unit of the last printed digit, in 10⁻¹³: `5 × 10^(12 − decimals)`.
    static func half(_ decimals: Int) -> Int128? {
        guard (-15...12).contains(decimals) else { return nil }
        return halves[decimals + 15]
    }

    private static let halves: [Int128] = (-15...12).map { d in
        (0..<(12 - d)).reduce(Int128(5)) { p, _ in p * 10 }
    }

    /// `value × 10¹³` when that is a whole number under 10²⁸ in magnitude (the value under 10¹⁵): read from
    /// the value's significand and exponent, exact (a significand too long for 63 bits is refused first).
    static func units(_ value: Decimal) -> Int128? {
        guard !value.isNaN else { return nil }
        var units: Int128
        let exponent: Int, negative: Bool
        if let parts = DecimalStorage.parts(value) {
            guard Double(parts.mantissa) < 9e18 else { return nil }
            units = Int128(parts.mantissa)
            (exponent, negative) = (parts.exponent, parts.negative)
        } else {
            let significand = NSDecimalNumber(decimal: value.significand)
            // Only a magnitude check: the double is within a hair of the exact significand, so under 2⁶³.
            guard significand.doubleValue < 9e18 else { return nil }
            units = Int128(significand.int64Value)
            (exponent, negative) = (value.exponent, value.sign == .minus)
        }
        let shift = exponent + fractionDigits
        if shift >= 0 {
            guard shift < powers.count, units < limits[shift] else { return units == 0 ? 0 : nil }
            units *= powers[shift]
        } else if -shift < powers64.count {
            // The significand is under 2⁶³: divided in 64 bits (a 128-bit division is a library call).
            let (q, r) = UInt64(units).quotientAndRemainder(dividingBy: powers64[-shift])
            guard r == 0 else { return units == 0 ? 0 : nil }
            units = Int128(q)
        } else {
            guard -shift < powers.count, units % powers[-shift] == 0 else { return units == 0 ? 0 : nil }
            units /= powers[-shift]
        }
        guard units < limit else { return nil }
        return negative ? -units : units
    }

    /// `limit / powers[n]`, worked out once.
    private static let limits: [Int128] = powers.map { limit / $0 }
    /// `powers` that fit 64 bits.
    private static let powers64: [UInt64] = powers.prefix { $0 <= Int128(UInt64.max) }.map { UInt64($0) }

    /// The Decimal of `units × 10⁻¹³`, exact; nil where its significand without trailing zeros needs more
    /// than 64 bits.
    static func decimal(_ units: Int128) -> Decimal? {
        var m = units.magnitude
        if m == 0 { return Decimal(0) }
        var exponent = -fractionDigits
        for (p, k) in strides where exponent + k <= 0 {
            while exponent + k <= 0 && m % p == 0 {
                m /= p
                exponent += k
            }
        }
        guard m <= UInt128(UInt64.max) else { return nil }
        let d = Decimal(UInt64(m)).shifted(by: exponent)
        return units < 0 ? -d : d
    }

    private static let strides: [(UInt128, Int)] = [(100_000_000, 8), (10_000, 4), (100, 2), (10, 1)]

    /// `value × 10^shift` (shift ≤ 0) when that is a whole number and the value fits fixed point; nil otherwise.
    static func whole(_ value: Decimal, shiftedBy shift: Int) -> Int128? {
        guard shift <= 0, fractionDigits - shift < powers.count, let units = units(value) else { return nil }
        let unit = powers[fractionDigits - shift]
        guard units % unit == 0 else { return nil }
        return units / unit
    }

    private static let limit: Int128 = powers[28]
    private static let powers: [Int128] = (0...28).map { n in (0..<n).reduce(Int128(1)) { p, _ in p * 10 } }

    static func + (a: FixedInterval, b: FixedInterval) -> FixedInterval { FixedInterval(low: a.low + b.low, high: a.high + b.high) }
    static prefix func - (a: FixedInterval) -> FixedInterval { FixedInterval(low: -a.high, high: -a.low) }
    static func - (a: FixedInterval, b: FixedInterval) -> FixedInterval { a + (-b) }

    func overlaps(_ other: FixedInterval) -> Bool { low <= other.high && other.low <= high }

    /// Whether `self / divisor` overlaps `p` (a ratio in the same units), exactly as `Interval`'s quotient
    /// overlaps it: some corner quotient is at most `p.high` and some at least `p.low`, each compared by cross
    /// multiplication. `.some(nil)` where the divisor contains zero (no quotient); nil where the products
    /// could overflow (figures of 10¹¹ or more, ratios of 10 or more), for the Decimal way.
    func quotient(over divisor: FixedInterval, overlaps p: FixedInterval) -> Bool?? {
        guard divisor.low > 0 || divisor.high < 0 else { return .some(nil) }
        let amountLimit: Int128 = 100_000_000_000 * FixedInterval.unit, ratioLimit: Int128 = 10 * FixedInterval.unit
        guard low.magnitude < amountLimit.magnitude, high.magnitude < amountLimit.magnitude,
              divisor.low.magnitude < amountLimit.magnitude, divisor.high.magnitude < amountLimit.magnitude,
              p.low.magnitude < ratioLimit.magnitude, p.high.magnitude < ratioLimit.magnitude
        else { return nil }
        // x / y ≤ q / unit ⟺ x · unit ≤ q · y for y > 0, the other way round for y < 0 (both ys have one sign).
        let positive = divisor.low > 0
        func atMost(_ x: Int128, _ y: Int128, _ q: Int128) -> Bool {
            positive ? x * FixedInterval.unit <= q * y : x * FixedInterval.unit >= q * y
        }
        func atLeast(_ x: Int128, _ y: Int128, _ q: Int128) -> Bool {
            positive ? x * FixedInterval.unit >= q * y : x * FixedInterval.unit <= q * y
        }
        let (a, b, c, d) = (low, high, divisor.low, divisor.high)
        let someAtMost = atMost(a, c, p.high) || atMost(a, d, p.high) || atMost(b, c, p.high) || atMost(b, d, p.high)
        return someAtMost && (atLeast(a, c, p.low) || atLeast(a, d, p.low) || atLeast(b, c, p.low) || atLeast(b, d, p.low))
    }

    /// One in these units: 10¹³.
    static let unit: Int128 = powers[fractionDigits]
}
