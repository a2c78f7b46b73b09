import Testing
@testable import FinsamExport

/// `TextWrap`'s fast paths (ASCII, scalars that stand alone) count exactly what the general one (splitting into substrings and counting
/// characters) counts: row heights and comment sizes, and so the workbook's bytes, must not change with them.
@Suite("Text wrapping counts")
struct TextWrapTests {
    /// The general rule, as `TextWrap.lines` had it before its fast path.
    static func referenceLines(_ text: String, width: Double) -> Int {
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += 1
            var used = 0
            for word in paragraph.split(separator: " ") {
                let n = word.count
                if used == 0 {
                    used = n
                } else if Double(used + 1 + n) <= width {
                    used += 1 + n
                } else {
                    lines += 1
                    used = n
                }
                while Double(used) > width {
                    lines += 1
                    used -= Int(width)
                }
            }
        }
        return max(1, lines)
    }

    static func samples() -> [String] {
        var out = ["", " ", "\n", "\n\n", "a", "Verksamhetens intäkter", "Summa  kostnader \n\nnot 3", "a\r\nb", "x\ty",
                   String(repeating: "ord ", count: 40), String(repeating: "x", count: 130), "Läsning:\nrad 1\nrad två é"]
        // Beside Swedish letters: quotes, dashes, a minus and currency (characters of their own), and
        // scalars that join a neighbour into one character (a combining ring, a joiner, a variation selector,
        // regional indicators), which the fast paths must leave to the general rule.
        let alphabet: [Character] = Array("ab c\n  de\tfghå-é\r”–−€…\u{00A0}\u{00AD}") + ["a\u{030A}", "\u{200D}", "\u{FE0F}", "🇸🇪", "👩\u{200D}💻"]
        var state: UInt64 = 12345
        for _ in 0..<3_000 {
            var s = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 58)
            for _ in 0..<length * 3 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let ascii = state & 0x100 != 0
                let i = Int(state >> 33) % (ascii ? 11 : alphabet.count)
                s.append(alphabet[i])
            }
            out.append(s)
        }
        return out
    }

    @Test func linesAsTheGeneralRule() {
        for text in TextWrapTests.samples() {
            for width in [1.0, 4.5, 12.75, 13, 48.4] {
                #expect(TextWrap.lines(text, width: width) == TextWrapTests.referenceLines(text, width: width), "\(text.debugDescription) at \(width)")
            }
        }
    }

    @Test func paragraphLengthsAsCharacterCounts() {
        for text in TextWrapTests.samples() {
            #expect(TextWrap.paragraphLengths(text) == text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count), "\(text.debugDescription)")
        }
    }
}
