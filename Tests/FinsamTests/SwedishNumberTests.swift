import Foundation
import Testing
@testable import FinsamReaders

@Suite("Swedish printed numbers")
struct SwedishNumberTests {
    func number(_ s: String) -> PrintedNumber? {
        if case .number(let n)? = SwedishNumber.parse(s) { return n }
        return nil
    }

    @Test func thousandsSeparatedBySpaces() {
        #expect(number("10 014 000")?.value == 10_014_000)
        #expect(number("10\u{00A0}014\u{00A0}000")?.value == 10_014_000)
        #expect(number("1 563")?.value == 1563)
    }

    @Test func minusSigns() {
        #expect(number("-745")?.value == -745)
        #expect(number("\u{2212}1 300")?.value == -1300)
        #expect(number("\u{2013}25 275 195")?.value == -25_275_195)
        #expect(number("(1 234)")?.value == -1234)
    }

    @Test func decimalCommaAndAmbiguity() {
        let mkr = number("9,639")
        #expect(mkr?.value == Decimal(string: "9.639"))
        #expect(mkr?.commaIsAmbiguous == true)
        #expect(mkr?.thousandsReading == 9639)
        #expect(number("0,291")?.commaIsAmbiguous == false)
        #expect(number("-620,0")?.value == -620)
        #expect(number("-620,0")?.fractionDigits == 1)
    }

    @Test func percent() {
        let p = number("32%")
        #expect(p?.isPercent == true)
        #expect(p?.value == 32)
    }

    @Test func dashesAndText() {
        #expect(SwedishNumber.parse("-") == .dash)
        #expect(SwedishNumber.parse("–") == .dash)
        #expect(SwedishNumber.parse("Not 2") == nil)
        #expect(SwedishNumber.parse("2023-12-31") == nil)
        #expect(SwedishNumber.parse("12 34") == nil)
        #expect(SwedishNumber.parse("6 år") == nil)
    }
}

@Suite("Figures printed back Swedish-style")
struct SwedishGroupingTests {
    @Test(arguments: [
        ("10014000", "10 014 000"), ("-745", "-745"), ("12094.5", "12 094,5"), ("0", "0"), ("-1234567.89", "-1 234 567,89"),
        ("100", "100"), ("1000", "1 000"),
    ])
    func grouped(_ text: String, _ printed: String) throws {
        let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(value.swedishGrouped == printed)
    }

    @Test func truncatedKeepsTheWholePartTowardsZero() {
        #expect(Decimal(string: "12.7")!.truncated == 12)
        #expect(Decimal(string: "-12.7")!.truncated == -12)
        #expect(Decimal(string: "1234.5")!.truncated.swedishGrouped == "1 234")
        #expect(Decimal(9_639_000).truncated == 9_639_000)
    }
}
