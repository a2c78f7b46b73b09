import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel
@testable import FinsamReaders

/// The byte-level fast paths of the text path must answer exactly as the general code they bypass: each is
/// compared with it on many generated strings, ASCII, Latin-1 and beyond (combining marks, other scripts,
/// Unicode spaces), so a fast path that takes a text it should leave to the general code fails here.
@Suite struct FastPathEquivalenceTests {
    /// Characters chosen to hit every branch: ASCII letters, digits and punctuation the normalisers keep or
    /// drop, markup, precomposed Latin-1 (with × and ÷, which are not letters), a combining mark, a decomposed
    /// `ä`, non-breaking and narrow spaces, dashes, Greek, and line breaks of every kind.
    static let alphabet: [String] = [
        "a", "A", "z", "Z", "s", "t", "k", "r", "0", "9", "1", "2", " ", " ", " ", ":", "%", ".", ",", "-", "*", "#", "<", ">",
        "&", "\\", "[", "]", "(", ")", "å", "Å", "ä", "Ä", "ö", "Ö", "é", "É", "ß", "ÿ", "×", "÷", "À", "Þ", "þ",
        "\u{00A0}", "\u{202F}", "\u{0301}", "a\u{0308}", "–", "—", "Σ", "ﬁ", "\t", "|", "_", "\n", "\r", "\r\n",
        "\u{2028}", "\u{85}", "\u{0B}", "summa ", "kr", "tkr", "..", "likvida medel", "resultat", "intäkt",
    ]

    /// A deterministic generator (SplitMix64), so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func string(maxLength: Int = 24, latin1Only: Bool = false) -> String {
            let pool = latin1Only ? FastPathEquivalenceTests.alphabet.filter { TextSearch.isLatin1($0) } : FastPathEquivalenceTests.alphabet
            let n = Int(next() % UInt64(maxLength + 1))
            return (0..<n).map { _ in pool[Int(next() % UInt64(pool.count))] }.joined()
        }
    }

    static func samples(_ count: Int = 800) -> [String] {
        var g = Generator(state: 2024)
        return (0..<count).map { i in g.string(latin1Only: i % 2 == 0) }
    }

    @Test func labelWordsMatchCharacterByCharacter() {
        for s in FastPathEquivalenceTests.samples() {
            #expect(LabelWords.normalised(s) == LabelWords.normalisedByCharacters(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func labelMapperNormaliseMatchesScalarByScalar() {
        for s in FastPathEquivalenceTests.samples() {
            #expect(LabelMapper.normalise(s) == LabelMapper.normaliseByScalars(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func containsMatchesFoundation() {
        var g = Generator(state: 7)
        let needles = ["summa", "ö", "kr", "a", "ä", "resultat", "..", "", "e\u{0301}", "é", "intäkt", "Σ"]
        for s in FastPathEquivalenceTests.samples() {
            let needle = needles[Int(g.next() % UInt64(needles.count))]
            #expect(TextSearch.contains(s, needle) == s.contains(needle), "\(s.unicodeScalars.map { String($0.value, radix: 16) }) / \(needle)")
        }
        // Canonical equivalence is the general code's business: a decomposed `ä` still contains `ä`.
        #expect(TextSearch.contains("sa\u{0308}nd", "ä"))
    }

    @Test func bytePrefilterNeverRejectsASCIIMatches() {
        for s in FastPathEquivalenceTests.samples() where s.contains("kr") {
            #expect(TextSearch.bytes(of: "kr", in: s))
        }
    }

    @Test func plainFieldsAreWhatStripWouldReturn() {
        var plain = 0
        for s in FastPathEquivalenceTests.samples() where !s.contains("\t") {
            let field = Substring(s)
            guard Markup.isPlain(field) else { continue }
            plain += 1
            let (text, style) = Markup.stripMarkup(field)
            #expect(text == s, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(style == [])
        }
        #expect(plain > 20)
    }

    @Test func trimsMatchFoundation() {
        for s in FastPathEquivalenceTests.samples() {
            #expect(Trim.spaces(s) == s.trimmingCharacters(in: .whitespaces))
            #expect(Trim.ascii(s, " *#") == s.trimmingCharacters(in: CharacterSet(charactersIn: " *#")))
        }
    }

    @Test func linesMatchEnumerateLines() {
        var g = Generator(state: 99)
        for i in 0..<600 {
            var s = g.string(maxLength: 40)
            if i % 3 == 0 { s = s.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\u{2028}", with: "") }
            var ours: [String] = []
            TextLines.forEach(in: s) { ours.append($0) }
            var theirs: [String] = []
            s.enumerateLines { line, _ in theirs.append(line) }
            #expect(ours == theirs, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
