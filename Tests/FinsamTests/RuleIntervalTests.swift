import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamRules

/// XBRL Calculations 1.1: each printed figure stands for ± half a unit of its last digit; a sum is consistent
/// when its items' interval overlaps the total's.
@Suite("Tolerance from printed precision")
struct RuleIntervalTests {
    func items(_ values: [(Decimal, Int)]) -> [(value: Decimal, decimals: Int, sign: Int)] {
        values.map { ($0.0, $0.1, 1) }
    }

    @Test func kronor() {
        // Three items of ±0,5 kr and a total of ±0,5 kr: one krona apart is rounding, three are not.
        #expect(Consistency.check(total: 6_290_501, totalDecimals: 0, items: items([(2_093_247, 0), (140_413, 0), (4_056_840, 0)])) == .rounding)
        #expect(Consistency.check(total: 6_290_500, totalDecimals: 0, items: items([(2_093_247, 0), (140_413, 0), (4_056_840, 0)])) == .exact)
        #expect(Consistency.check(total: 6_290_503, totalDecimals: 0, items: items([(2_093_247, 0), (140_413, 0), (4_056_840, 0)])) == .inconsistent)
        // The interim report's cost total: 10 000 kr off is no rounding.
        #expect(Consistency.check(total: 10_759_000, totalDecimals: 0, items: items([(10_749_000, 0)])) == .inconsistent)
    }

    @Test func thousands() {
        // 1 520 + 3 040 + 486 + 273 + 760 + 2 937 = 9 016 tkr printed as 9 017: within six half-units.
        let budget = [1520, 3040, 486, 273, 760, 2937].map { (Decimal($0 * 1000), -3) }
        #expect(Consistency.check(total: 9_017_000, totalDecimals: -3, items: items(budget)) == .rounding)
        #expect(Consistency.check(total: 9_019_000, totalDecimals: -3, items: items(budget)) == .rounding)
        #expect(Consistency.check(total: 9_020_000, totalDecimals: -3, items: items(budget)) == .inconsistent)
    }

    @Test func millions() {
        // 9,639 Mkr less a reserve of 1 Mkr is 8,639 Mkr: the reserve's whole-million precision dominates.
        let reserve: (value: Decimal, decimals: Int, sign: Int) = (-1_000_000, -6, 1)
        #expect(Consistency.check(total: 8_639_000, totalDecimals: -3, items: [(9_639_000, -3, 1), reserve]) == .exact)
        #expect(Consistency.check(total: 9_100_000, totalDecimals: -3, items: [(9_639_000, -3, 1), reserve]) == .rounding)
        #expect(Consistency.check(total: 10_200_000, totalDecimals: -3, items: [(9_639_000, -3, 1), reserve]) == .inconsistent)
    }

    @Test func mixedPrecisions() {
        // A budget of 1 562 500 kr printed as 1 563 tkr in a later plan is the same figure.
        let kr = Interval(value: 1_562_500, decimals: 0), tkr = Interval(value: 1_563_000, decimals: -3)
        #expect(kr.overlaps(tkr))
        // 954 712 kr printed as 954 tkr was cut off, not rounded: outside the interval.
        #expect(!Interval(value: 954_712, decimals: 0).overlaps(Interval(value: 954_000, decimals: -3)))
        // Öre against kronor.
        #expect(Interval(value: Decimal(string: "100.49")!, decimals: 2).overlaps(Interval(value: 100, decimals: 0)))
        #expect(!Interval(value: Decimal(string: "100.51")!, decimals: 2).overlaps(Interval(value: 100, decimals: 0)))
    }

    @Test func intervalsAreClosed() {
        // 4 898 905 and 4 898 904 kr may both be 4 898 904,5 rounded: they touch, so they agree.
        #expect(Interval(value: 4_898_905, decimals: 0).overlaps(Interval(value: 4_898_904, decimals: 0)))
        #expect(!Interval(value: 4_898_906, decimals: 0).overlaps(Interval(value: 4_898_904, decimals: 0)))
    }

    @Test func signedItems() {
        // Result = income − costs with costs printed positive.
        let result = Consistency.check(total: -745_000, totalDecimals: 0, items: [(10_014_000, 0, 1), (10_759_000, 0, -1)])
        #expect(result == .exact)
        #expect(-Interval(value: 10, decimals: 0) == Interval(low: Decimal(string: "-10.5")!, high: Decimal(string: "-9.5")!))
    }

    @Test func ratiosOfRoundedFigures() throws {
        // 199 / 180 tkr printed as 110 %: 198,5/180,5 = 1,0997 … 199,5/179,5 = 1,1114 covers 109,5–110,5 %.
        let quotient = Interval(value: 199_000, decimals: -3) / Interval(value: 180_000, decimals: -3)
        let r = try #require(quotient)
        #expect(r.overlaps(Interval(value: Decimal(string: "1.10")!, decimals: 2)))
        #expect(!r.overlaps(Interval(value: Decimal(string: "1.12")!, decimals: 2)))
        let undefined = Interval(value: 5, decimals: 0) / Interval(value: 0, decimals: 0)
        #expect(undefined == nil)
    }

    @Test func percentCellsFromTheTableBuilder() throws {
        let c = try #require(TableText.cell("32%", column: TableText.column("2023"), index: 1))
        #expect(c.value == Decimal(string: "0.32"))
        #expect(Figure(c).interval == Interval(low: Decimal(string: "0.315")!, high: Decimal(string: "0.325")!))
        let tkr = try #require(TableText.cell("12,094", column: TableText.column("2024", scale: .tkr), index: 1, thousandsComma: true))
        #expect(tkr.value == 12_094_000 && tkr.decimals == -3)
        let mkr = try #require(TableText.cell("9,639", column: TableText.column("2008", scale: .mkr), index: 1))
        #expect(mkr.value == 9_639_000 && mkr.decimals == -3)
    }
}
