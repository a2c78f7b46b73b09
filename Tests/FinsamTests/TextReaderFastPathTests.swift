import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamReaders

/// The byte parsers of the text reader must answer exactly as the character-by-character code they bypass, down
/// to the representation of the `Decimal` (a zero printed `0,00` keeps its exponent): compared on many generated
/// cells built from the pieces that matter to the grammar, ASCII and not.
@Suite struct TextReaderFastPathTests {
    static let pieces: [String] = [
        "0", "1", "2", "3", "9", "00", "19", "20", "123", "000", " ", " ", " ", ",", ".", "-", "--", "(", ")", "+", "%", "kr", " kr",
        " tkr", "TKR", " Mkr", "msek", " sek", "kronor", "k", "r", "Not ", "not", "N", "n", "a", "x", "Q", "å", "\u{00A0}", "\u{202F}",
        "\u{2212}", "–", "—", "\t", "&", "*", "12345678901234567", "2024-06-30", "24-06-30", "20240630", "19991231", "20241301",
        "20240632", " (", ") ", "/", ":", "66% (55%)", "5 (4)", "(3)",
    ]

    static func cells(_ count: Int, seed: UInt64) -> [String] {
        var g = FastPathEquivalenceTests.Generator(state: seed)
        return (0..<count).map { _ in
            let n = Int(g.next() % 7)
            return (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
        }
    }

    static func bytes(_ d: Decimal) -> [UInt8] {
        var x = d
        return withUnsafeBytes(of: &x) { Array($0) }
    }

    static func same(_ a: PrintedToken?, _ b: PrintedToken?) -> Bool {
        switch (a, b) {
        case (nil, nil), (.dash?, .dash?): return true
        case (.number(let x)?, .number(let y)?): return x == y && bytes(x.magnitude) == bytes(y.magnitude)
        default: return false
        }
    }

    @Test func numbersParseAsCharacterByCharacter() {
        var numbers = 0
        for cell in TextReaderFastPathTests.cells(60_000, seed: 11) + ["0,000", "000,0", "(0)", "-0,50", "1 234,5 tkr", "12,094", "0,291"] {
            let fast = SwedishNumber.parse(cell)
            if case .number? = fast { numbers += 1 }
            #expect(TextReaderFastPathTests.same(fast, SwedishNumber.parseByCharacters(cell)), "\(cell.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // The generator must reach the numbers, not only the rejections.
        #expect(numbers > 3_000)
    }

    @Test func fieldKindsAsCharacterByCharacter() {
        var kinds: [String: Int] = [:]
        for cell in TextReaderFastPathTests.cells(60_000, seed: 12) {
            let fast = FieldKind.of(cell)
            kinds["\(fast)", default: 0] += 1
            #expect(fast == FieldKind.ofCharacters(cell), "\(cell.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Every kind is reached by the generated cells.
        for kind in [FieldKind.empty, .figure, .pair, .dash, .year, .date, .noteRef, .text] { #expect(kinds["\(kind)", default: 0] > 20, "\(kind)") }
    }
}

extension TextReaderFastPathTests {
    static let linePieces: [String] = [
        "sida ", "Sida ", "SIDA ", "3", "12", "1234", " av ", "signering av justerare", "Signtering", "sign", "x_", "ö", "ring av justerare",
        "på varje sida", "PÅ VARJE SIDA", "pÅ varje Sida", "namnförtydligande", "NAMNFÖRTYDLIGANDE", "namnfortydligande", "...", ".", "--", "-",
        "___", "_", "—", "––", "justerandes signatur", "Utdragsbestyrkande", "×", "÷", "é", " ", "\u{00A0}", "\u{0301}", "a", "Kallelse",
        "kallelse", "årsredovisning", "Årsredovisning", "**", "#", " *#", "Delårsrapport", "budget 2024", "Styrelsemöte", "STYRELSEMÖTE",
        "verksamhetsplan", "Bokslut", "uppföljning av", "Tertialrapport", "månadsrapport", "\u{212A}allelse", "İ", "k", "K", "M", "T",
        "Kvinnor", "MAN", "Män", ":", "s:a", "Totalt", "\t", "  ", "Summa", "\u{2028}", "\r\n",
    ]

    static func lines(_ count: Int, seed: UInt64, pieces: Int = 4) -> [String] {
        var g = FastPathEquivalenceTests.Generator(state: seed)
        return (0..<count).map { _ in
            let n = Int(g.next() % UInt64(pieces + 1))
            return (0..<n).map { _ in linePieces[Int(g.next() % UInt64(linePieces.count))] }.joined()
        }
    }

    @Test func pageFurnitureAsTheRegex() {
        var furniture = 0, decided = 0
        for text in TextReaderFastPathTests.lines(40_000, seed: 21, pieces: 3) {
            var t = text
            guard let fast = t.withUTF8({ PageFurniture.matches($0) }) else { continue }
            decided += 1
            if fast { furniture += 1 }
            #expect(fast == (text.wholeMatch(of: Furniture.pageFurniture) != nil), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(furniture > 200 && decided > 20_000)
    }

    @Test func documentKindAsThePatterns() {
        var found = 0
        for text in TextReaderFastPathTests.lines(40_000, seed: 22) {
            let fast = DocumentHeader.kind(of: text)
            if fast != nil { found += 1 }
            #expect(fast == DocumentHeader.kindByPatterns(of: text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(found > 1_000)
    }

    @Test func genderHeadersAsFoundation() {
        for text in TextReaderFastPathTests.lines(40_000, seed: 23, pieces: 3) {
            #expect(GenderColumn.trimmedLower(text) == text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .:")))
        }
    }

    @Test func collapsedSpacesAsSplitAndTrim() {
        var ascii = 0
        for text in TextReaderFastPathTests.lines(40_000, seed: 24) + TextReaderFastPathTests.cells(20_000, seed: 25) {
            guard let fast = Markup.collapsedSpaces(text) else { continue }
            ascii += 1
            #expect(fast == text.split(separator: " ").joined(separator: " ").trimmingCharacters(in: .whitespaces))
        }
        #expect(ascii > 5_000)
    }

    @Test func plainTextOfALineAsJoinedFields() {
        for text in TextReaderFastPathTests.lines(20_000, seed: 26, pieces: 6) {
            let line = ReportLine(number: 1, raw: text)
            #expect(line.text == line.fields.filter { !$0.isEmpty }.joined(separator: " "))
            #expect(line.isBlank == line.fields.allSatisfy { $0.isEmpty })
            #expect(line.fields == ReportLineSplitReference.fields(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

/// The fields as the reader took them before it split by bytes: `split(separator: "\t")` after the heading marks.
enum ReportLineSplitReference {
    static func fields(_ raw: String) -> [String] {
        var level = 0
        var body = Substring(raw)
        while body.first == "#" { level += 1; body = body.dropFirst() }
        if level > 0 && body.first != " " { body = Substring(raw) }
        return body.split(separator: "\t", omittingEmptySubsequences: false).map { Markup.strip($0).0 }
    }
}

extension TextReaderFastPathTests {
    @Test func smallIntegersAsTheRegex() {
        var matched = 0
        for cell in TextReaderFastPathTests.cells(40_000, seed: 31) + ["2", "3,4", "2, 13", "123", "1,", ",1", "1,  2", "1 ,2"] {
            let fast = TableLayout.isSmallIntegers(cell)
            if fast { matched += 1 }
            #expect(fast == (cell.wholeMatch(of: /\d{1,2}(,\s*\d{1,2})*/) != nil), "\(cell.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(matched > 500)
    }

    @Test func noteReferencesAsThePatterns() {
        let pieces = ["Not ", "not", "NOT", "no", "t", " ", "  ", "1", "2", "13", "123", "a", "B", "z", "x", "och", "OCH", "o", "c", "h", ",", ", ",
                      "&", " & ", "-", "å", "\u{00A0}", "\u{0661}"]
        var g = FastPathEquivalenceTests.Generator(state: 33)
        var found = 0, several = 0
        func pick(_ from: [String]) -> String { from[Int(g.next() % UInt64(from.count))] }
        let random = (0..<20_000).map { _ in (0..<Int(g.next() % 7)).map { _ in pick(pieces) }.joined() }
        // Lists shaped like the pattern, with a piece from anywhere now and then.
        let shaped = (0..<20_000).map { _ in
            var cell = pick(["", "", "Not ", "not", "NOT  ", " "])
            for k in 0..<(1 + Int(g.next() % 3)) {
                if k > 0 { cell += pick([",", ", ", " och ", "&", " ,& ", "OCH", "o", "", " "]) }
                cell += pick(["1", "2", "13", "123", "", "7"]) + pick(["", "", "a", "B", "o", "h"])
                if g.next() % 5 == 0 { cell += pick(pieces) }
            }
            return cell
        }
        let generated = random + shaped
        for cell in generated + ["2", "3,4", "Not 2", "not 3 och 4", "2a, 13b", "1o2", "3och4", "12 ,& 4", "Not", "not12", " 5 "] {
            let fast = FieldKind.noteRefs(in: cell)
            if let fast {
                found += 1
                if fast.count > 1 { several += 1 }
            }
            #expect(fast == FieldKind.noteRefsByPatterns(in: cell), "\(cell.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // The generator must reach references, lists of them, and the rejections.
        #expect(found > 5_000 && several > 2_000 && found < 35_000, "\(found) \(several)")
    }

    @Test func contentsHeadingsAsTheDefinition() {
        let pieces = ["Innehåll", "INNEHÅLL", "innehålls", "förteckning", "FÖRTECKNING", "Innehålla\u{030A}ll", "inneha\u{030A}ll", " och struktur",
                      "#", "# ", "**", ":", " ", "\t", "x", "Innehåll och struktur och mer text som gör raden lång nog att passera gränsen", "İ",
                      "\u{212A}", String(repeating: "#", count: 90)]
        var g = FastPathEquivalenceTests.Generator(state: 34)
        var headings = 0
        for _ in 0..<30_000 {
            let text = (0..<Int(g.next() % 5)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
            let line = ReportLine(number: 1, raw: text)
            let t = line.text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " #*:"))
            let definition = t == "innehåll" || t == "innehållsförteckning" || t == "innehåll och struktur"
            if definition { headings += 1 }
            #expect(Furniture.isContentsHeading(line) == definition, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(headings > 300)
    }

    @Test func linesAsSplitByCharacters() {
        for text in TextReaderFastPathTests.lines(3_000, seed: 32, pieces: 8).map({ $0.replacingOccurrences(of: "\r", with: "") }) + ["", "\n", "a\n", "a\n\nb", "\n\n"] {
            var lines: [String] = []
            TextLines.forEach(in: text) { lines.append($0) }
            var reference = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
            if reference.last?.isEmpty == true { reference.removeLast() }
            #expect(lines == reference || text.unicodeScalars.contains { ["\u{2028}", "\u{0B}", "\u{0C}", "\u{85}"].contains($0) })
        }
    }
}

extension TextReaderFastPathTests {
    static let markupPieces: [String] = [
        "<b>", "</b>", "<B>", "</ STRONG>", "<strong>", "<i>", "<em>", "<u>", "<br/>", "<Li>", "<p>", "<td>", "<å>", "<sup>2</sup>", "<sup>",
        "</sup>", "<>", "< b>", "<//b>", "&amp;", "&nbsp;", "&ndash;", "&mdash;", "&lt;", "&xx;", "&", ";", "&ampxxxxx;", "\\*", "\\",
        "\\_", "\\å", "**", "*", "[a](b)", "[", "]", "](", ")", "(", "Summa", "intäkter", "ÅR", "×", " ", "  ", "1 234", "\u{00A0}",
        "\u{0301}", "–", "\r", "\t", "Σ",
    ]

    @Test func markupStrippedAsCharacterByCharacter() {
        var g = FastPathEquivalenceTests.Generator(state: 41)
        var bytePath = 0
        for _ in 0..<40_000 {
            let n = Int(g.next() % 7)
            let field = (0..<n).map { _ in TextReaderFastPathTests.markupPieces[Int(g.next() % UInt64(TextReaderFastPathTests.markupPieces.count))] }.joined()
            var f = Substring(field)
            if f.withUTF8({ MarkupBytes.strip($0) }) != nil { bytePath += 1 }
            let (text, style) = Markup.stripMarkup(Substring(field))
            let (reference, referenceStyle) = Markup.stripMarkupByCharacters(Substring(field))
            #expect(text == reference && style == referenceStyle, "\(field.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(bytePath > 10_000)
    }
}

extension TextReaderFastPathTests {
    /// The memo answers what the patterns answer, asked twice (the second time from the memo).
    @Test func memoisedHeaderWordsAsThePatterns() {
        let headers = ["Utfall 2023", "Budget 2024", "Differens budget-prognos", "Förbr kvot", "Prognos helår", "Bokslut 2022", "Avvikelse",
                       "Utfall mot budget", "Andel %", "Belopp i tkr", "mkr", "kronor", "tsek", "Text", ""]
        for _ in 0..<2 {
            for h in headers + TextReaderFastPathTests.lines(2_000, seed: 51) {
                #expect(ColumnHeader.scenarioWord(in: h) == ColumnHeader.scenarioByPatterns(in: h))
                let lower = h.lowercased()
                let unit = TextSearch.bytes(ofAny: ["kr", "sek", "tsk"], in: lower) ? ScaleWords.scaleByPatterns(in: lower) : nil
                #expect(ScaleWords.scale(in: lower) == unit)
            }
        }
    }

    @Test func integerComparisonOfAmountsAsDecimal() {
        var g = FastPathEquivalenceTests.Generator(state: 61)
        func amount() -> (UInt64, Int) {
            // Digit counts from 1 to 18, powers from -8 to 6, zeros and equal values included.
            let digits = Int(g.next() % 18) + 1
            var a: UInt64 = g.next() % 3 == 0 ? 0 : 1
            for _ in 1..<digits { a = a * 10 + g.next() % 10 }
            return (a, Int(g.next() % 15) - 8)
        }
        var lessCount = 0, equalCount = 0
        for _ in 0..<20_000 {
            let (a, p) = amount()
            var (b, q) = amount()
            // Often the same value written with another power: 1 200 against 12 hundreds.
            if g.next() % 4 == 0, a > 0, p > -8 {
                (b, q) = (a * 10, p - 1)
            }
            let x = Decimal(a).shifted(by: p), y = Decimal(b).shifted(by: q)
            #expect(ScaleResolver.Maximum.less(a, p, b, q) == (x < y), "\(a)e\(p) < \(b)e\(q)")
            if x < y { lessCount += 1 }
            if x == y { equalCount += 1 }
        }
        #expect(lessCount > 5_000 && equalCount > 1_000)
    }

    @Test func memoisedColumnMeaningsAsTheDefinition() {
        let headers = ["Utfall 2023", "Budget 2024", "Differens", "Förbr kvot", "Prognos helår", "2024-01-01 -2024-06-30", "K", "Antal svar",
                       "Helår 2024", "Utfall TSEK", "20240630", "Belopp i tkr", ""]
        let groups: [String?] = [nil, "", "Q1 - Q2 2024", "Budget 2025"]
        let titles = ["", "Resultaträkning 2023", "Prognos 2023", "Deltagare"]
        let day = { (s: String) in Day(iso: s)! }
        let documents = [
            DocumentContext(period: Period(start: day("2024-01-01"), end: day("2024-06-30")), kind: .delarsrapport, asOf: day("2024-06-30")),
            DocumentContext(period: nil, kind: .verksamhetsplan, asOf: nil),
            DocumentContext(period: Period(start: day("2023-01-01"), end: day("2023-12-31")), kind: .arsredovisning, asOf: day("2023-12-31")),
        ]
        var budgets = 0
        // Twice: the second round is answered from the memo.
        for _ in 0..<2 {
            for h in headers + TextReaderFastPathTests.lines(200, seed: 52) {
                for g in groups {
                    for t in titles {
                        for d in documents {
                            let memo = ColumnHeader.interpret(header: h, group: g, title: t, document: d)
                            #expect(memo == ColumnHeader.interpretByPatterns(header: h, group: g, title: t, document: d), "\(h) | \(g ?? "-") | \(t)")
                            if memo.scenario == .budget { budgets += 1 }
                        }
                    }
                }
            }
        }
        // The document's kind and day change answers, so they must be part of the key.
        #expect(budgets > 100)
    }
}

extension TextReaderFastPathTests {
    @Test func wordsCountedAsSplit() {
        for text in TextReaderFastPathTests.lines(20_000, seed: 61, pieces: 6) + ["", " ", "a  b ", " a"] {
            #expect(DocumentHeader.wordCount(text) == text.split(separator: " ").count, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

extension TextReaderFastPathTests {
    @Test func charactersCountedAsTheString() {
        for text in TextReaderFastPathTests.lines(20_000, seed: 71, pieces: 6) + ["\r\n", "a\r\nb", "\r\r\n\n", "å\u{0301}"] {
            #expect(DocumentHeader.characterCount(text) == text.count, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

extension TextReaderFastPathTests {
    /// A field scanned a word at a time answers as byte by byte, at every offset and length (pairs across the
    /// eight-byte words and at the padded end included).
    @Test func fieldScanAsByteByByte() {
        var g = FastPathEquivalenceTests.Generator(state: 57)
        let alphabet: [UInt8] = Array(" .0123456789<&\\*[a\t#".utf8) + [0x00, 0x2F, 0x3A, 0x7F, 0x80, 0xB0, 0xB9, 0xC3, 0xA5, 0xFF, 0xA0, 0xAE]
        var seen = (markup: 0, dots: 0, digits: 0)
        for k in 0..<20_000 {
            // Now and then a long field: the digit count is carried over thousands of words.
            let n = Int(g.next() % (k % 200 == 0 ? 6_000 : 41))
            let bytes = (0..<n).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
            let from = n == 0 ? 0 : Int(g.next() % UInt64(n))
            bytes.withUnsafeBufferPointer { b in
                let reference = FieldScan.scanByBytes(UnsafeBufferPointer(rebasing: b[from..<n]))
                let found = n == from ? FieldScan.Found() : FieldScan.scan(b.baseAddress!, from: from, to: n)
                #expect(found == reference, "\(bytes) from \(from)")
                if reference.markupOrDoubleSpace { seen.markup += 1 }
                if reference.doubleDot { seen.dots += 1 }
                seen.digits += reference.digits
            }
        }
        // Each answer occurs often enough to have been tested both ways.
        #expect(seen.markup > 2_000 && seen.markup < 18_000 && seen.dots > 100 && seen.dots < 19_000 && seen.digits > 10_000, "\(seen)")
    }
}

extension TextReaderFastPathTests {
    static let labelPieces: [String] = [
        "summa", "Summa", "SUMMA", "totalt", "Total", "TOTAL", "sa", "Sa", "s:a", "S:A", "s.a.", "S.a", "s.", "s", "t", "u", "m", " ", "  ",
        "x", "k", "1", "_", ".", ":", "-", ",", "\t", "å", "Å", "ö", "×", "é", "\u{00A0}", "\u{0301}", "İ", "\u{212A}", "ſ", "intäkter",
        "kostnader", " rörelsens", "(", ")", "%",
    ]

    /// `TotalWords.isTotal` (bytes where they are sure) answers as the pattern on the lower-cased label.
    @Test func totalWordsAsThePattern() {
        var g = FastPathEquivalenceTests.Generator(state: 61)
        var totals = 0, byBytes = 0
        for _ in 0..<30_000 {
            let n = Int(g.next() % 5)
            let label = (0..<n).map { _ in TextReaderFastPathTests.labelPieces[Int(g.next() % UInt64(TextReaderFastPathTests.labelPieces.count))] }.joined()
            let definition = TotalWords.isTotalByPattern(label)
            if definition { totals += 1 }
            if TotalWords.byWords(label) != nil { byBytes += 1 }
            #expect(TotalWords.isTotal(label) == definition, "\(label.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(totals > 2_000 && byBytes > 10_000, "\(totals) \(byBytes)")
    }

    /// `TableLayout.isAtLeastThousand` answers as the magnitude `SwedishNumber.parse` reads.
    @Test func thousandTestAsTheParsedMagnitude() {
        var big = 0
        for cell in TextReaderFastPathTests.cells(60_000, seed: 67) + ["999", "1 000", "999,999", "1000,0", "0,0001", "(1 234)", "12345678901234567,1"] {
            var definition = false
            if case .number(let n)? = SwedishNumber.parse(cell) { definition = n.magnitude >= 1000 }
            if definition { big += 1 }
            #expect(TableLayout.isAtLeastThousand(cell) == definition, "\(cell)")
        }
        #expect(big > 1_000, "\(big)")
    }
}

extension TextReaderFastPathTests {
    /// The label's `not` test and the one-pass word test answer as the searches they replace.
    @Test func notAndWordSearchesAsTheDefinitions() {
        let pieces = ["not", "NOT", "Not", "nOt", "no", "ot", "n", "t", "N", "\u{00CE}", "\u{00EF}", "ö", "å", " ", "beslutad", "Protokoll",
                      "DATUM", "justering", "jus", "\u{0301}", "İ", "x"]
        var g = FastPathEquivalenceTests.Generator(state: 71)
        var nots = 0, words = 0
        for _ in 0..<20_000 {
            let n = Int(g.next() % 5)
            let text = (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
            let not = TextSearch.bytes(ofIgnoringCase: "not", in: text)
            if not { nots += 1 }
            #expect(TableLayout.hasNot(text) == not, "\(text)")
            let list: [StaticString] = ["beslutad", "protokoll", "justering", "datum"]
            var lacks = true
            for w in list where Latin1Text.containsIgnoringCase(text, w) != false { lacks = false }
            if !lacks { words += 1 }
            #expect(DocumentHeader.lacksAll(list, in: text) == lacks, "\(text)")
        }
        #expect(nots > 2_000 && nots < 18_000 && words > 2_000 && words < 18_000, "\(nots) \(words)")
    }
}
