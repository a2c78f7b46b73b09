import Foundation
import Testing
@testable import FinsamModel
import FinsamMapping
@testable import FinsamRules

/// The rules decide sums and comparisons in fixed point where the figures fit it; every decision must be the
/// one the Decimal intervals make, and a figure that does not fit must be refused, never approximated.
@Suite("Fixed-point intervals")
struct RuleFixedPointTests {
    @Test func unitsAreTheExactValue() {
        let e13: Int128 = 10_000_000_000_000
        #expect(FixedInterval.units(Decimal(string: "-1234.5")!) == -12_345 * e13 / 10)
        #expect(FixedInterval.units(Decimal(string: "0.32")!) == 32 * e13 / 100)
        #expect(FixedInterval.units(Decimal(1_563_000)) == 1_563_000 * e13)
        #expect(FixedInterval.units(Decimal(string: "0.0000000000001")!) == 1)
        #expect(FixedInterval.units(0) == 0)
        // Finer than 10⁻¹³, 10¹⁵ and beyond, or a significand longer than 64 bits: refused.
        #expect(FixedInterval.units(Decimal(string: "0.00000000000001")!) == nil)
        #expect(FixedInterval.units(Decimal(string: "1000000000000000")!) == nil)
        #expect(FixedInterval.units(Decimal(string: "999999999999999")!) != nil)
        #expect(FixedInterval.units(Decimal(string: "123456789012345678901234567890")!) == nil)
        #expect(FixedInterval.units(Decimal(string: "0.123456789012345678901")!) == nil)
        #expect(FixedInterval.units(Decimal.nan) == nil)
        #expect(FixedInterval.half(0) == 5 * e13 / 10)
        #expect(FixedInterval.half(12) == 5)
        #expect(FixedInterval.half(-6) == 5 * e13 * 100_000)
        #expect(FixedInterval.half(13) == nil)
    }

    /// Signed sums of printed figures of mixed precision, some of them touching: the fixed-point interval
    /// of the sum overlaps the total's exactly when the Decimal one does, and equality agrees too.
    @Test func sumsDecideAsDecimalIntervals() throws {
        var g = FastPathEquivalenceTests.Generator(state: 8)
        let precisions = [-6, -3, -3, 0, 0, 0, 1, 2, 3, 12]
        var decided = (overlap: 0, apart: 0, equal: 0)
        for _ in 0..<4000 {
            func figure() -> Figure {
                let decimals = precisions[Int(g.next() % UInt64(precisions.count))]
                // Exact to 12 decimals is a count of people: small.
                let range: UInt64 = decimals == 12 ? 2_000 : 2_000_000
                let digits = Int64(g.next() % range) - Int64(range / 2)
                // Values printed at their precision, sometimes one digit finer (a total computed from kronor).
                let exponent = -min(decimals, 4) - Int(g.next() % 2)
                return Figure(value: Decimal(digits).shifted(by: exponent), decimals: decimals)
            }
            let items = (0..<Int(1 + g.next() % 6)).map { _ in (figure(), g.next() % 3 == 0 ? -1 : 1) }
            var total = figure()
            if g.next() % 3 == 0 {
                // Near the items' sum: on, just inside or just outside the rounding band.
                let sum = items.reduce(Decimal(0)) { $0 + ($1.1 < 0 ? -$1.0.value : $1.0.value) }
                total.decimals = min(total.decimals, 3)
                let nudge = Decimal(Int(g.next() % 7) - 3).shifted(by: -total.decimals - 1) * 5
                total.value = sum + nudge
            }
            var decimalSum = Interval.exactly(0), fixedSum = FixedInterval.zero, units: Int128 = 0
            for (f, sign) in items {
                decimalSum = decimalSum + (sign < 0 ? -f.interval : f.interval)
                let fixed = try #require(FixedInterval(value: f.value, decimals: f.decimals), "\(f)")
                fixedSum = fixedSum + (sign < 0 ? -fixed : fixed)
                units += Int128(sign) * (try #require(FixedInterval.units(f.value)))
            }
            let fixedTotal = try #require(FixedInterval(value: total.value, decimals: total.decimals), "\(total)")
            let overlaps = decimalSum.overlaps(total.interval)
            #expect(fixedSum.overlaps(fixedTotal) == overlaps, "\(items) \(total)")
            let value = items.reduce(Decimal(0)) { $0 + ($1.1 < 0 ? -$1.0.value : $1.0.value) }
            #expect((units == FixedInterval.units(total.value)) == (value == total.value))
            if value == total.value { decided.equal += 1 } else if overlaps { decided.overlap += 1 } else { decided.apart += 1 }
        }
        // Each outcome must have been met many times, or the comparison above proves little.
        #expect(decided.overlap > 300 && decided.apart > 300 && decided.equal > 100, "\(decided)")
    }

    /// A Decimal's parts read from its storage (`DecimalStorage`, shared by the rules and the exporters): the
    /// significand is the one NSDecimalNumber gives, and with the exponent and sign they make the value. Over
    /// values of one to twenty digits, either sign and any exponent, and results built by arithmetic.
    @Test func significandsReadFromStorageAreNSDecimalNumbers() {
        #if os(Linux)
        #expect(DecimalStorage.layoutKnown, "swift-foundation's layout: the fast path must be taken here")
        #endif
        guard DecimalStorage.layoutKnown else { return }
        var g = FastPathEquivalenceTests.Generator(state: 77)
        var read = 0
        for _ in 0..<2000 {
            let digits = 1 + Int(g.next() % 20)
            let text = (0..<digits).map { _ in String(g.next() % 10) }.joined()
            let exponent = Int(g.next() % 30) - 15
            var d = Decimal(string: (g.next() % 2 == 0 ? "-" : "") + text + "e\(exponent)")!
            if g.next() % 3 == 0 { d = d * Decimal(Int(g.next() % 1000)) - Decimal(Int(g.next() % 100)) }
            let expected = NSDecimalNumber(decimal: d.significand)
            if let parts = DecimalStorage.parts(d) {
                read += 1
                #expect(Decimal(parts.mantissa) == d.significand, "\(d)")
                #expect(parts.mantissa == expected.uint64Value, "\(d)")
                // Exponent and sign as well: the three give the value back.
                #expect(Decimal(sign: parts.negative ? .minus : .plus, exponent: parts.exponent, significand: Decimal(parts.mantissa)) == d, "\(d)")
            } else {
                // Only a significand beyond 64 bits is left to NSDecimalNumber.
                #expect(expected.compare(NSDecimalNumber(value: UInt64.max)) == .orderedDescending, "\(d)")
            }
        }
        #expect(read > 1200, "\(read)")
    }

    /// A printed ratio against the quotient of two printed figures: the fixed-point decision (cross
    /// multiplication of the corners) is the Decimal intervals' (four divisions), also where the printed
    /// ratio's interval only touches the quotient's and where the divisor's interval contains zero.
    @Test func quotientsDecideAsDecimalIntervals() throws {
        var g = FastPathEquivalenceTests.Generator(state: 31)
        // Amounts under 10¹¹ and ratios under 10, which fixed point decides.
        let precisions = [-3, -3, 0, 0, 0, 2]
        var decided = (overlap: 0, apart: 0, undefined: 0)
        for _ in 0..<4000 {
            func amount(_ digitsRange: UInt64) -> Figure {
                let decimals = precisions[Int(g.next() % UInt64(precisions.count))]
                let digits = Int64(g.next() % digitsRange) - Int64(digitsRange / 4)
                return Figure(value: Decimal(digits).shifted(by: -decimals), decimals: decimals)
            }
            let denominator = amount(g.next() % 4 == 0 ? 8 : 5_000_000)
            let ratioDecimals = [2, 3, 4][Int(g.next() % 3)]
            let ratio = Decimal(Int(g.next() % 1_000)).shifted(by: -ratioDecimals)
            var numerator = amount(5_000_000)
            if g.next() % 2 == 0 {
                // Near the ratio times the denominator, at the numerator's precision: on or near the bounds.
                let exact = ratio * denominator.value
                let nudge = Decimal(Int(g.next() % 5) - 2).shifted(by: -numerator.decimals - 1) * 5
                numerator.value = exact.rounded(numerator.decimals) + nudge
            }
            let printed = Figure(value: ratio, decimals: ratioDecimals)
            let n = try #require(FixedInterval(value: numerator.value, decimals: numerator.decimals))
            let d = try #require(FixedInterval(value: denominator.value, decimals: denominator.decimals))
            let p = try #require(FixedInterval(value: printed.value, decimals: printed.decimals))
            let fixed = try #require(n.quotient(over: d, overlaps: p), "\(numerator) / \(denominator) against \(printed)")
            let decimal = (numerator.interval / denominator.interval)?.overlaps(printed.interval)
            #expect(fixed == decimal, "\(numerator) / \(denominator) against \(printed)")
            switch decimal {
            case true?: decided.overlap += 1
            case false?: decided.apart += 1
            case nil: decided.undefined += 1
            }
        }
        #expect(decided.overlap > 300 && decided.apart > 300 && decided.undefined > 100, "\(decided)")
        // Beyond the bounds the products could overflow: the Decimal way is taken.
        let big = FixedInterval(value: 10_000_000_000_000_000_000_000_000, half: 0)
        #expect(big.quotient(over: FixedInterval(value: 1, half: 0), overlaps: .zero) == nil)
    }

    /// Values of every exponent the fixed point can hold and a little beyond, with and without trailing
    /// zeros: `units` is the value times 10¹³ exactly (rebuilt as a Decimal), or nil exactly where that is
    /// not a whole number under 10²⁸.
    @Test func unitsMatchTheDecimalProductOverExponents() throws {
        var g = FastPathEquivalenceTests.Generator(state: 77)
        var (fitted, refused) = (0, 0)
        for _ in 0..<6000 {
            let significand = [g.next() % 10, g.next() % 1_000, g.next() % 10_000_000, g.next() % 1_000_000_000_000_000_000][Int(g.next() % 4)]
            let exponent = Int(g.next() % 48) - 30
            let negative = g.next() % 2 == 0
            let value = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
            let product = value.shifted(by: FixedInterval.fractionDigits)
            let whole = product.rounded(0, .down) == product && product.magnitude < Decimal(string: "1e28")!
            if let units = FixedInterval.units(value) {
                fitted += 1
                #expect(whole, "\(value)")
                #expect(Decimal(string: String(units)) == product, "\(value): \(units)")
            } else {
                refused += 1
                #expect(!whole || significand >= 9_000_000_000_000_000_000, "\(value)")
            }
        }
        #expect(fitted > 1500 && refused > 1500, "\(fitted) \(refused)")
    }

    /// The repeat rule's count of a printed figure's significant digits, in integers, against the Decimal
    /// text it replaces: halves rounded up, trailing zeros and zero itself.
    @Test func significantDigitsMatchTheDecimalText() {
        var g = FastPathEquivalenceTests.Generator(state: 5)
        func text(_ value: Decimal, _ decimals: Int) -> Int {
            var digits = "\(value.magnitude.shifted(by: decimals).rounded(0))"
            while digits.hasSuffix("0") { digits.removeLast() }
            return digits.count
        }
        var checked = 0
        for _ in 0..<5000 {
            let decimals = [-6, -3, 0, 0, 1, 2, 4, 12][Int(g.next() % 8)]
            let digits = [g.next() % 10, g.next() % 100_000, g.next() % 10_000_000_000][Int(g.next() % 3)]
            let value = Decimal(sign: g.next() % 2 == 0 ? .minus : .plus, exponent: -Int(g.next() % 9), significand: Decimal(digits))
            if let fixed = RepeatedFigureRule.fixedSignificantDigits(value, decimals: decimals) {
                checked += 1
                #expect(fixed == text(value, decimals), "\(value) at \(decimals)")
            }
            #expect(RepeatedFigureRule.significantDigits(value, decimals: decimals) == text(value, decimals))
        }
        for (value, decimals, expected) in [("0.5", 0, 1), ("0.49", 0, 0), ("140413", 0, 6), ("50000", 0, 1), ("1500", -3, 1), ("2500", -3, 1), ("2499", -3, 1)] {
            #expect(RepeatedFigureRule.fixedSignificantDigits(Decimal(string: value)!, decimals: decimals) == expected, "\(value)")
        }
        #expect(checked > 4000, "\(checked)")
    }

    /// The rules' table of concept names answers as a Dictionary would: for every concept of the mappings
    /// (a third of them in the table), for names one byte off, and for names that share a bucket.
    @Test func nameTableAnswersAsADictionary() throws {
        let all = try FinsamMapping.MappingSet.load(from: Repo.mappings).concepts.keys.sorted()
        var values: [String: Int] = [:]
        for (i, name) in all.enumerated() where i % 3 == 0 { values[name] = i }
        let table = NameTable(values)
        var probes = all + all.map { $0 + "x" } + all.map { String($0.dropLast()) } + ["", "a", "Ö", "ÅretsResultat"]
        var byBucket: [Int: [String]] = [:]
        for name in probes { byBucket[NameTable<Int>.bucket(name), default: []].append(name) }
        #expect(byBucket.values.contains { $0.count > 1 }, "some names share a bucket")
        probes += byBucket.values.flatMap { $0 }
        for name in probes { #expect(table[name] == values[name], "\(name)") }
        #expect(values.count > 20)
    }

    @Test func wordyLabelsMatchCharacterByCharacter() {
        for s in FastPathEquivalenceTests.samples() + ["ab", "abc", "a\r\nb", "12 3", "1 a", "é1", "\u{301}ab"] {
            #expect(RepeatedFigureRule.isWordy(s) == (s.count >= 3 && s.contains(where: \.isLetter)), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func labelTrimMatchesFoundation() {
        for s in FastPathEquivalenceTests.samples() + [" a", "a ", "\ta\t", "\u{00A0}a", "a\u{2003}", "", " "] {
            #expect(TableContext.trimmed(s) == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
