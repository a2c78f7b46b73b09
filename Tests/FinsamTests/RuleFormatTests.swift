import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamRules

/// The rules print whole figures from their digits rather than through the Decimal's description: the same
/// text as the general routine, `Decimal.swedishGrouped` of the value in the printed scale.
@Suite("Rule messages' figures")
struct RuleFormatTests {
    static let values: [Decimal] = {
        var out: [Decimal] = [0, 1, -1, 7, 12, 999, 1000, -1000, 1563, 10_014_000, -10_014_000, 123_456_789_012]
        for text in ["12094.5", "-0.5", "1563000", "-745", "0.001", "999999.999", "100000000000000", "-123456789012.34",
                     "5000000", "-2500", "2500.25", "1e15", "3e16"] {
            out.append(Decimal(string: text)!)
        }
        // A spread of magnitudes and signs, whole and not.
        var x = Decimal(1)
        for k in 0..<18 {
            x = x * 10 + Decimal(k % 10)
            out.append(x)
            out.append(-x)
            out.append(x / 1000)
        }
        return out
    }()

    @Test func wholeFiguresAsTheGeneralRoutinePrintsThem() {
        for v in RuleFormatTests.values {
            #expect(Format.grouped(v) == v.swedishGrouped, "\(v)")
            for scale in PrintedScale.allCases {
                let suffix = scale == .kr ? "" : " \(scale.rawValue)"
                #expect(Format.amount(v, scale: scale) == v.shifted(by: -scale.exponent).swedishGrouped + suffix, "\(v) \(scale)")
            }
        }
    }

    @Test func examples() {
        #expect(Format.amount(-10_014_000) == "-10 014 000")
        #expect(Format.amount(1_563_000, scale: .tkr) == "1 563 tkr")
        #expect(Format.amount(1_563_500, scale: .tkr) == "1 563,5 tkr")
        #expect(Format.amount(Decimal(string: "12094.5")!) == "12 094,5")
        #expect(Format.amount(0, scale: .mkr) == "0 mkr")
        #expect(Format.grouped(-745) == "-745")
    }
}

/// A figure's rounding interval is worked out in fixed point where the figure fits it: the bounds are the
/// Decimal ones exactly.
@Suite("Rounding intervals in fixed point")
struct FixedIntervalBoundsTests {
    @Test func boundsEqualTheDecimalOnes() {
        for v in RuleFormatTests.values {
            for decimals in [-6, -3, -1, 0, 1, 2, 3, 12, 13, -15, -16] {
                let half = Decimal(5).shifted(by: -decimals - 1)
                let i = Interval(value: v, decimals: decimals)
                #expect(i.low == v - half && i.high == v + half, "\(v) \(decimals)")
                #expect(i.low.description == (v - half).description && i.high.description == (v + half).description)
            }
        }
    }

    @Test func unitsBackToDecimal() {
        #expect(FixedInterval.decimal(0) == 0)
        #expect(FixedInterval.decimal(15_000_000_000_000) == Decimal(string: "1.5")!)
        #expect(FixedInterval.decimal(-5_000_000_000_000) == Decimal(string: "-0.5")!)
        #expect(FixedInterval.decimal(Int128(10_014_000) * 10_000_000_000_000) == 10_014_000)
        #expect(FixedInterval.decimal(1) == Decimal(string: "0.0000000000001")!)
    }
}

/// The repeat rule orders its groups by the keys' descriptions; a label's literal is spelled without going
/// through every scalar where it is plain text.
@Suite("Group order literals")
struct GroupOrderLiteralTests {
    @Test func literalIsTheDebugDescription() {
        var texts = ["", "Årets resultat", "it's", "a\"b", "back\\slash", "tab\there", "rad:över|kommun|", "x|y:z%",
                     "Östhammars kommun", "e\u{301}", "\u{00A0}nbsp", "ÿÀ×÷", "line\nbreak", "€ 5", "\u{7F}"]
        for b in 0x20..<0x7F { texts.append("a\(Character(UnicodeScalar(UInt8(b))))b") }
        for v in 0xA0...0xFF { texts.append("x\(Character(UnicodeScalar(UInt8(v))))") }
        for t in texts { #expect(GroupOrder.literal(t) == t.debugDescription, "\(t)") }
    }
}
