import Foundation
import FinsamModel

/// A table's amount figures as integers, for the structure search, which tries many candidate sums per
/// table. Each figure is held doubled in the table's finest printed unit, together with the doubled half-unit
/// it may have been rounded by, so round-to-nearest intervals stay integral and exact.
public struct FigureGrid: Sendable {
    /// Table column indexes that hold amounts (utfall, budget, prognos; not differences, ratios or percent).
    public let columns: [Int]
    public let rowCount: Int
    /// The figures, row-major (`rowCount × columns.count`), in raw memory: the search reads them in its inner
    /// loop, and filling them here directly spares three arrays per table.
    let storage: GridStorage

    public init(_ table: Table) {
        columns = table.columns.indices.filter { FigureGrid.isAmountColumn(table.columns[$0]) }
        rowCount = table.rows.count
        // Rows are reached by index and only their cells read: a `for row in` loop copied each row whole.
        let rows = table.rows
        var exponent = 0
        for r in rows.indices {
            let cells = rows[r].cells
            for c in columns {
                if let cell = cells[c], FigureGrid.isAmountCell(cell) { exponent = max(exponent, cell.decimals) }
            }
        }
        exponent = min(exponent, 4)
        let n = rowCount * columns.count
        let storage = GridStorage(count: n)
        let doubled = storage.doubled, halfWidth = storage.halfWidth, present = storage.present
        for r in rows.indices {
            let cells = rows[r].cells
            for (k, c) in columns.enumerated() {
                guard c < cells.count, let cell = cells[c], FigureGrid.isAmountCell(cell), cell.decimals <= exponent,
                      let v = FigureGrid.integer(cell.value, exponent: exponent)
                else { continue }
                let i = r * columns.count + k
                doubled[i] = 2 * v
                // A count of people is exact; money was rounded to its last printed digit.
                halfWidth[i] = table.columns[c].unit == .personer ? 0 : FigureGrid.power10(exponent - cell.decimals)
                present[i] = true
            }
        }
        self.storage = storage
    }

    public static func isAmountColumn(_ column: Column) -> Bool {
        column.unit != .pure && (column.scenario == .utfall || column.scenario == .budget || column.scenario == .prognos)
    }

    /// Percentages printed in an amount column (a `Soliditet` row in a five-year overview) are not amounts.
    public static func isAmountCell(_ cell: Cell) -> Bool {
        !isPercent(cell.text) && cell.decimals <= 4
    }

    /// `text.hasSuffix("%")`, which compares characters, asked only where the last byte is `%`: a text whose
    /// last scalar is something else cannot end in the character `%`.
    /// Public for the rules and the workbook, which ask the same of printed figures.
    @inlinable public static func isPercent(_ text: String) -> Bool {
        lastByte(text) == UInt8(ascii: "%") && text.hasSuffix("%")
    }

    /// The last UTF-8 byte, read from the text's storage: `utf8.last` steps an index back through the string's
    /// guts, and every figure of a batch is asked this several times.
    @inlinable @inline(__always) static func lastByte(_ text: String) -> UInt8? {
        text.utf8.withContiguousStorageIfAvailable { $0.last } ?? text.utf8.last
    }

    @inline(__always) public func has(_ row: Int, _ k: Int) -> Bool {
        precondition(row >= 0 && row < rowCount && k >= 0 && k < columns.count)
        return storage.present[row * columns.count + k]
    }

    @inline(__always) func value(_ row: Int, _ k: Int) -> Int64 {
        precondition(row >= 0 && row < rowCount && k >= 0 && k < columns.count)
        return storage.doubled[row * columns.count + k]
    }

    @inline(__always) func width(_ row: Int, _ k: Int) -> Int64 {
        precondition(row >= 0 && row < rowCount && k >= 0 && k < columns.count)
        return storage.halfWidth[row * columns.count + k]
    }

    public func hasAny(_ row: Int) -> Bool {
        (0..<columns.count).contains { has(row, $0) }
    }

    public func isAllZero(_ row: Int) -> Bool {
        (0..<columns.count).allSatisfy { !has(row, $0) || value(row, $0) == 0 }
    }

    /// Most columns' sign: -1 when the row is printed negative in most columns where it is not zero.
    public func printedSign(_ row: Int) -> Int {
        var neg = 0, pos = 0
        for k in 0..<columns.count where has(row, k) {
            let v = value(row, k)
            if v < 0 { neg += 1 } else if v > 0 { pos += 1 }
        }
        return neg > pos ? -1 : 1
    }


    static func integer(_ value: Decimal, exponent: Int) -> Int64? {
        if let parts = DecimalStorage.parts(value) { return integer(parts, exponent: exponent) }
        return integerByNSDecimal(value, exponent: exponent)
    }

    /// `integer` from the figure's mantissa and exponent (see `DecimalStorage`), without an NSDecimalNumber per
    /// figure: `mantissa × 10^(e + exponent)` when that is an integer of magnitude below 2^52, else nil.
    static func integer(_ parts: (mantissa: UInt64, exponent: Int, negative: Bool), exponent: Int) -> Int64? {
        let limit: UInt64 = 1 << 52
        var m = parts.mantissa
        var e = parts.exponent + exponent
        while e < 0 {
            // A fraction left after the shift is no integer (the exact path's rounding test).
            guard m % 10 == 0 else { return nil }
            m /= 10
            e += 1
        }
        while e > 0 {
            guard m < limit else { return nil }
            m *= 10
            e -= 1
        }
        guard m < limit else { return nil }
        return parts.negative ? -Int64(m) : Int64(m)
    }

    /// `integer` through Foundation's decimal arithmetic: for a layout `DecimalStorage` does not know.
    static func integerByNSDecimal(_ value: Decimal, exponent: Int) -> Int64? {
        let shifted = value.shifted(by: exponent)
        // The usual figure is an integer well inside the range: read it through Double and confirm it exactly,
        // which costs half the rounding and range comparisons below (the answer is the same either way).
        if shifted.exponent >= 0, let n = integerViaDouble(shifted) {
            return n.magnitude < UInt64(1) << 52 ? n : nil
        }
        var rounded = Decimal()
        var copy = shifted
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == shifted else { return nil }
        let n = NSDecimalNumber(decimal: rounded)
        // Amounts beyond a trillion SEK are not a samordningsförbund's; refuse rather than overflow.
        guard n.compare(NSDecimalNumber(value: Int64(1) << 52)) == .orderedAscending,
              n.compare(NSDecimalNumber(value: -(Int64(1) << 52))) == .orderedDescending
        else { return nil }
        return n.int64Value
    }

    /// `integral` as an Int64 when Double holds it and converting back gives exactly `integral`; else nil.
    static func integerViaDouble(_ integral: Decimal) -> Int64? {
        let d = NSDecimalNumber(decimal: integral).doubleValue
        guard d.magnitude < 9_007_199_254_740_992 else { return nil }
        let n = Int64(d)
        return Decimal(n) == integral ? n : nil
    }

    static func power10(_ e: Int) -> Int64 {
        var p: Int64 = 1
        for _ in 0..<max(0, e) { p *= 10 }
        return p
    }
}

/// A grid's figures in raw memory, zeroed, filled by `FigureGrid.init` and only read afterwards.
final class GridStorage: @unchecked Sendable {
    let doubled: UnsafeMutablePointer<Int64>
    let halfWidth: UnsafeMutablePointer<Int64>
    let present: UnsafeMutablePointer<Bool>

    init(count: Int) {
        let n = max(1, count)
        doubled = .allocate(capacity: n)
        halfWidth = .allocate(capacity: n)
        present = .allocate(capacity: n)
        doubled.initialize(repeating: 0, count: n)
        halfWidth.initialize(repeating: 0, count: n)
        present.initialize(repeating: false, count: n)
    }

    deinit {
        doubled.deallocate()
        halfWidth.deallocate()
        present.deallocate()
    }
}

/// How a candidate sum fares in the amount columns of a table.
public struct SumFit: Hashable, Sendable {
    /// Columns where the total and the signed items agree within rounding (and say something: not all zero).
    public var matched = 0
    /// Columns where they disagree.
    public var failed = 0
    /// Some column where the total and at least `informativeItems` items are not zero.
    public var informative = false
    /// How far off the failing columns are, together (doubled units): of two runs failing alike, the
    /// nearer one is the one meant.
    public var deviation: Int64 = 0
    /// Some matching column where the total is at least 100 printed units: small counts (survey answers,
    /// 0, 1, 3) add up by chance too often to prove a total without a total word.
    public var large = false

    public var isFull: Bool { failed == 0 && matched > 0 }
}

extension FigureGrid {
    /// `fit(total:items:signs:)` for the nearest `length` rows of `near`, those with their bit in
    /// `minusMask` subtracted, without building arrays.
    func fit(total: Int, near: [Int], length: Int, minusMask: UInt64) -> SumFit {
        var fit = SumFit()
        for k in 0..<columns.count where has(total, k) {
            var sum: Int64 = 0
            var tolerance = width(total, k)
            var nonzero = 0
            var any = false
            for i in 0..<length {
                let item = near[i]
                guard has(item, k) else { continue }
                let v = value(item, k)
                sum += minusMask & (1 << UInt64(i)) != 0 ? -v : v
                tolerance += width(item, k)
                if v != 0 { nonzero += 1 }
                any = true
            }
            let t = value(total, k)
            if !any && t == 0 { continue }
            if abs(t - sum) <= tolerance {
                if t != 0 || nonzero > 0 { fit.matched += 1 }
                if t != 0 && nonzero >= 1 { fit.informative = true }
                if abs(t) >= 200 * max(1, width(total, k)) { fit.large = true }
            } else {
                fit.failed += 1
                fit.deviation += abs(t - sum)
            }
        }
        return fit
    }

    /// Compares `total` with the signed `items` in every amount column where the total has a figure.
    public func fit(total: Int, items: [Int], signs: [Int], informativeItems: Int = 2) -> SumFit {
        var fit = SumFit()
        let width = columns.count
        for k in 0..<width where has(total, k) {
            var sum: Int64 = 0
            var tolerance = self.width(total, k)
            var nonzero = 0
            var any = false
            for (i, item) in items.enumerated() where has(item, k) {
                let v = value(item, k)
                sum += signs[i] < 0 ? -v : v
                tolerance += self.width(item, k)
                if v != 0 { nonzero += 1 }
                any = true
            }
            let t = value(total, k)
            if !any && t == 0 { continue }
            if abs(t - sum) <= tolerance {
                if t != 0 || nonzero > 0 { fit.matched += 1 }
                if t != 0 && nonzero >= informativeItems { fit.informative = true }
                if abs(t) >= 200 * max(1, self.width(total, k)) { fit.large = true }
            } else {
                fit.failed += 1
                fit.deviation += abs(t - sum)
            }
        }
        return fit
    }
}
