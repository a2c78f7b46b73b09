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

    /// Digits of every kind, for the tests before patterns with `\d`.
    static func digitSamples(_ count: Int = 800) -> [String] {
        let pool = ["0", "1", "5", "9", "-", " ", "a", "N", "o", "T", "t", "å", "\u{00A0}", "–", "٣", "²", "①", "５", "\u{0301}"]
        var g = Generator(state: 31)
        return (0..<count).map { _ in
            let n = Int(g.next() % 20)
            return (0..<n).map { _ in pool[Int(g.next() % UInt64(pool.count))] }.joined()
        }
    }

    @Test func caseInsensitivePrefilterNeverRejectsAMatch() {
        for s in FastPathEquivalenceTests.digitSamples() + FastPathEquivalenceTests.samples() where s.firstMatch(of: /(?i)not/) != nil {
            #expect(TextSearch.bytes(ofIgnoringCase: "not", in: s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func orgnrPrefilterNeverRejectsSixDigits() {
        var checked = 0
        for s in FastPathEquivalenceTests.digitSamples(3000) where s.firstMatch(of: /\d{6}/) != nil {
            checked += 1
            #expect(OrganisationFinder.mayHoldOrgnr(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(checked > 0)
        #expect(!OrganisationFinder.mayHoldOrgnr("Summa 10 014 000 och 2 345 kr – å"))
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

    // MARK: Mapping fast paths

    /// Labels that start like a total word or a note number in every case and spelling the regexes know,
    /// and some that only look so (`ſumma`, `S\u{301}umma`, `noter`), each with generated tails.
    static func labelSamples() -> [String] {
        let heads = ["", "Summa", "SUMMA ", "summa:", "Totalt", "total", "TOTAL2024", "S:a ", "s.a.", "S.A ", "sa ", "ſumma ",
                     "S\u{0301}umma ", "Not 3. ", "NOT 12: ", "not 4", "noter ", "Not\u{00A0}5 ", "Nöt 2 ", "\u{212A}ostnader "]
        var g = Generator(state: 4711)
        return FastPathEquivalenceTests.samples(400) + (0..<1200).map { i in heads[i % heads.count] + g.string(maxLength: 12) }
    }

    @Test func totalWordPrefilterMatchesTheRegex() {
        var totals = 0
        for s in FastPathEquivalenceTests.labelSamples() {
            let expected = s.lowercased().firstMatch(of: /^(summa|totalt|total|s:a|s\.a\.?)\b/) != nil
            if expected { totals += 1 }
            #expect(TableStructure.isTotal(label: s) == expected, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(totals > 100)
    }

    @Test func noteTitlePrefilterMatchesTheRegex() {
        var stripped = 0
        for s in FastPathEquivalenceTests.labelSamples() + FastPathEquivalenceTests.digitSamples() {
            var expected = s
            if let m = s.firstMatch(of: /^(?i:not)\s+\d+[.:]?\s*/) { expected = String(s[m.range.upperBound...]); stripped += 1 }
            #expect(TableStructure.noteTitle(s) == expected, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(stripped > 50)
    }

    @Test func percentTestMatchesHasSuffix() {
        for s in FastPathEquivalenceTests.samples() + ["12 %", "%", "5%\u{0301}", "\u{0600}%", "%%", "12,5 %"] {
            #expect(FigureGrid.isPercent(s) == s.hasSuffix("%"), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func wordListSearchMatchesOneWordAtATime() {
        let lists = [LabelWords.costWords, LabelWords.incomeWords, LabelWords.resultWords, LabelWords.weakTotalWords,
                     LabelWords.exclusionWords, ["e\u{0301}", "é", "ä", "kr"]]
        var found = 0
        for (i, s) in FastPathEquivalenceTests.samples(1200).enumerated() {
            let words = lists[i % lists.count]
            let expected = words.contains { TextSearch.contains(s, $0) }
            if expected { found += 1 }
            #expect(LabelWords.containsAny(s, words) == expected, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(found > 20)
    }

    /// The figure grid's integer, by the Decimal arithmetic it shortcuts: shift, round, compare, range.
    static func referenceInteger(_ value: Decimal, exponent: Int) -> Int64? {
        var shifted = value
        var copy = value
        _ = NSDecimalMultiplyByPowerOf10(&shifted, &copy, Int16(exponent), .plain)
        var rounded = Decimal()
        copy = shifted
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == shifted else { return nil }
        let limit = Decimal(Int64(1) << 52)
        guard rounded < limit, rounded > -limit else { return nil }
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    @Test func gridIntegersMatchDecimalArithmetic() {
        var g = Generator(state: 52)
        var values: [Decimal] = [0, 1, -1, Decimal(Int64(1) << 52), Decimal((Int64(1) << 52) - 1), -Decimal((Int64(1) << 52) - 1),
                                 -Decimal(Int64(1) << 52), Decimal(Int64(1) << 53) + 1, Decimal(string: "123456789012345678901234567890")!,
                                 Decimal(string: "0.5")!, Decimal(string: "-1234.500")!, Decimal(1234) / Decimal(1000), .nan]
        for i in 0..<3000 {
            let magnitude = i % 10 == 0 ? Int64(g.next() >> 8) : Int64(g.next() % 200_000_000)
            var v = Decimal(i % 2 == 0 ? magnitude : -magnitude)
            var copy = v
            _ = NSDecimalMultiplyByPowerOf10(&v, &copy, Int16(Int(g.next() % 7) - 3), .plain)
            values.append(v)
        }
        var integers = 0
        for (i, v) in values.enumerated() {
            let exponent = i % 5
            let expected = FastPathEquivalenceTests.referenceInteger(v, exponent: exponent)
            if expected != nil { integers += 1 }
            #expect(FigureGrid.integer(v, exponent: exponent) == expected, "\(v) e\(exponent)")
            // The Foundation path, taken where the storage layout is unknown, gives the same answers.
            #expect(FigureGrid.integerByNSDecimal(v, exponent: exponent) == expected, "\(v) e\(exponent)")
        }
        #expect(integers > 1000)
    }
}
