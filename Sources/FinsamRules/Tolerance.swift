import Foundation
import FinsamModel

/// XBRL Calculations 1.1 style consistency: a printed figure stands for an interval of ± half a unit of its
/// last printed digit (round-to-nearest); a sum is consistent if the interval of the items' sum overlaps the
/// total's interval.
public struct Interval: Hashable, Sendable {
    public var low: Decimal
    public var high: Decimal

    public init(low: Decimal, high: Decimal) {
        self.low = low
        self.high = high
    }

    /// The values a figure printed with `decimals` may have been rounded from.
    public init(value: Decimal, decimals: Int) {
        let half = Decimal(5).shifted(by: -decimals - 1)
        self.init(low: value - half, high: value + half)
    }

    public static func + (a: Interval, b: Interval) -> Interval { Interval(low: a.low + b.low, high: a.high + b.high) }
    public static prefix func - (a: Interval) -> Interval { Interval(low: -a.high, high: -a.low) }

    public func overlaps(_ other: Interval) -> Bool { low <= other.high && other.low <= high }
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
}
