import Foundation
import FinsamModel

/// A printed `Differens` as a formula over the two figures it is the difference of: `=D12-E12`. The pair of
/// columns is read from the table: the two amount columns whose difference, in either order, equals the printed
/// one on most rows. Each row keeps its own order (tables often print a favourable difference as positive); a row
/// whose printed difference is neither is left as printed, for the rules to report.
enum DifferenceFormula {
    struct Pair: Equatable {
        var first: Int
        var second: Int
    }

    /// The pair for difference column `d`, when it explains at least half of the rows that print a difference.
    static func pair(for d: Int, in table: Table) -> Pair? {
        let candidates = table.columns.indices.filter { c in
            c != d && table.columns[c].unit == .sek && table.columns[c].scenario != .differens && table.columns[c].scenario != .kvot
        }
        let printed = table.rows.indices.filter { difference(table, $0, d) != nil }
        guard !printed.isEmpty else { return nil }
        var best: (pair: Pair, hits: Int, distance: Int)?
        for (i, a) in candidates.enumerated() {
            for b in candidates[(i + 1)...] {
                let pair = Pair(first: a, second: b)
                var hits = 0
                for r in printed where order(pair, row: r, difference: d, in: table) != nil { hits += 1 }
                let distance = abs(d - a) + abs(d - b)
                if best == nil || hits > best!.hits || (hits == best!.hits && distance < best!.distance) {
                    best = (pair, hits, distance)
                }
            }
        }
        guard let best, best.hits * 2 >= printed.count, best.hits > 0 else { return nil }
        return best.pair
    }

    /// True when the row's difference is first − second, false when second − first, nil when neither.
    static func order(_ pair: Pair, row r: Int, difference d: Int, in table: Table) -> Bool? {
        guard let diff = difference(table, r, d) else { return nil }
        // An empty cell counts as 0 (as it does in the formula); a percentage or a text there does not.
        guard let a = amountOrEmpty(table, r, pair.first), let b = amountOrEmpty(table, r, pair.second),
              isFilled(table, r, pair.first) || isFilled(table, r, pair.second) else { return nil }
        if isDifference(a, b, diff) { return true }
        if isDifference(b, a, diff) { return false }
        return nil
    }

    /// `a − b == d`. The pair search asks this of every pair of columns on every row, so it is answered in
    /// integers at the three figures' smallest exponent when they fit (printed figures always do), else in
    /// `Decimal`; both are exact, so they agree.
    static func isDifference(_ a: Decimal, _ b: Decimal, _ d: Decimal) -> Bool {
        if let result = integerIsDifference(a, b, d) { return result }
        return a - b == d
    }

    private static func integerIsDifference(_ a: Decimal, _ b: Decimal, _ d: Decimal) -> Bool? {
        guard DecimalStorage.layoutKnown, !a.isNaN, !b.isNaN, !d.isNaN,
              let pa = DecimalStorage.parts(a), let pb = DecimalStorage.parts(b), let pd = DecimalStorage.parts(d) else { return nil }
        let exponent = min(pa.exponent, pb.exponent, pd.exponent)
        func scaled(_ p: (mantissa: UInt64, exponent: Int, negative: Bool)) -> Int64? {
            let shift = p.exponent - exponent
            guard shift <= 18, p.mantissa <= UInt64(Int64.max) else { return nil }
            let (v, over) = Int64(p.mantissa).multipliedReportingOverflow(by: Int64(DecimalLayout.powersOfTen[shift]))
            guard !over else { return nil }
            return p.negative ? -v : v
        }
        guard let x = scaled(pa), let y = scaled(pb), let z = scaled(pd) else { return nil }
        let (difference, over) = x.subtractingReportingOverflow(y)
        guard !over else { return nil }
        return difference == z
    }

    private static func difference(_ table: Table, _ r: Int, _ c: Int) -> Decimal? {
        amount(table, r, c)
    }

    private static func isFilled(_ table: Table, _ r: Int, _ c: Int) -> Bool {
        c < table.rows[r].cells.count && table.rows[r].cells[c] != nil
    }

    private static func amountOrEmpty(_ table: Table, _ r: Int, _ c: Int) -> Decimal? {
        isFilled(table, r, c) ? amount(table, r, c) : 0
    }

    private static func amount(_ table: Table, _ r: Int, _ c: Int) -> Decimal? {
        guard c < table.rows[r].cells.count, let cell = table.rows[r].cells[c], cell.text.utf8.last != UInt8(ascii: "%") else { return nil }
        return cell.value
    }
}
