import Foundation
import Testing
@testable import FinsamReaders

/// The case-folded byte tests the text reader puts before its patterns must answer as `lowercased()` does
/// wherever they answer at all: compared on generated texts of words in both cases, Latin-1 letters, decomposed
/// letters and other scripts.
@Suite struct Latin1TextTests {
    static let pieces: [String] = [
        "Antal ", "ANTAL ", "antal", "Varav antal", "ÅRSARBETARE", "Årsarbetare", "årsarbetare", "Heltidstjänster", "HELTIDSTJÄNSTER",
        "Medelantal", "a", "A", "å", "Å", "ä", "Ä", "ö", "Ö", "×", "ß", "Þ", "þ", "a\u{030A}", "\u{212B}", "\u{212A}", "K", "k", " ",
        "Kallelse", "KALLELSE", "styrelsemöte", "STYRELSEMÖTE", "Styrelsem\u{006F}\u{0308}te", "Budget", "Delårsrapport", "DELÅRS",
        "Förbundschef", "FÖRBUNDSCHEF", "ordförande", "Belopp i", "BOKSLUT ", "Samordningsförbundet ", "İ", "Ω", ",", ".", "2024", "\t",
    ]

    static func texts(_ count: Int, seed: UInt64) -> [String] {
        var g = FastPathEquivalenceTests.Generator(state: seed)
        return (0..<count).map { _ in
            let n = Int(g.next() % 5)
            return (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
        }
    }

    static let prefixes: [StaticString] = ["antal ", "varav antal", "årsarbetare", "heltidstjänster", "medelantal", "kallelse", "delårs", "bokslut "]

    @Test func prefixesAsLowercased() {
        var decided = 0, matched = 0
        for text in Latin1TextTests.texts(30_000, seed: 41) {
            for p in Latin1TextTests.prefixes {
                guard let fast = Latin1Text.hasPrefixIgnoringCase(text, [p]) else { continue }
                decided += 1
                if fast { matched += 1 }
                #expect(fast == text.lowercased().hasPrefix(p.description), "\(text) \(p)")
            }
        }
        #expect(decided > 50_000)
        #expect(matched > 1_000)
    }

    @Test func containmentAsLowercased() {
        var decided = 0, matched = 0
        for text in Latin1TextTests.texts(30_000, seed: 42) {
            for needle: StaticString in ["styrelsemöte", "förbundschef", "ordförande"] {
                guard let fast = Latin1Text.containsIgnoringCase(text, needle) else { continue }
                decided += 1
                if fast { matched += 1 }
                #expect(fast == text.lowercased().contains(needle.description), "\(text) \(needle)")
            }
        }
        #expect(decided > 20_000)
        #expect(matched > 1_000)
    }

    @Test func textOutsideLatin1IsLeftToTheGeneralCode() {
        #expect(Latin1Text.hasPrefixIgnoringCase("a\u{030A}rsarbetare", ["årsarbetare"]) == nil)
        #expect(Latin1Text.hasPrefixIgnoringCase("\u{212A}allelse", ["kallelse"]) == nil)
        #expect(Latin1Text.hasPrefixIgnoringCase("ÅRSARBETARE 2024", ["årsarbetare"]) == true)
        #expect(Latin1Text.containsIgnoringCase("Styrelsem\u{006F}\u{0308}te", "styrelsemöte") == nil)
    }
}

/// The `memchr` scans of the reader answer as the byte loops they replace.
@Suite struct ByteScanTests {
    static let pieces: [String] = [
        "a", "å", "–", "\u{00A0}", "\u{0085}", "\u{2028}", "\u{2029}", "\u{2026}", "\r", "\n", "\u{0B}", "\u{0C}", "\u{FFFD}", "\u{FEFF}",
        "\u{F8FF}", " ", "2024", "\t",
    ]

    static func texts(_ count: Int, seed: UInt64) -> [String] {
        var g = FastPathEquivalenceTests.Generator(state: seed)
        return (0..<count).map { _ in
            let n = Int(g.next() % 6)
            return (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
        }
    }

    @Test func lineBreaksAsByteByByte() {
        var plain = 0
        for text in ByteScanTests.texts(20_000, seed: 51) {
            var t = text
            let (fast, slow) = t.withUTF8 { (TextLines.onlyNewlines($0), TextLines.onlyNewlinesByBytes($0)) }
            if fast { plain += 1 }
            #expect(fast == slow, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(plain > 1_000)
    }

    @Test func replacementCharactersFoundWhereverTheyAre() {
        for text in ByteScanTests.texts(20_000, seed: 52) {
            let expected = text.unicodeScalars.contains("\u{FFFD}")
            #expect(TextDecoding.replacementWarnings(text).isEmpty == !expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
