import Foundation
import FinsamModel

/// What the first lines of a document (or of one part of a board paper) say: what kind, which period, when
/// decided, and its title.
struct DocumentHeader {
    var kind: DocumentKind = .other
    var title: String?
    var period: Period?
    /// How the period was found, for `inspect`.
    var periodReason: String?
    var decisionDate: Day?

    /// `lines` are the part's lines; the first `headLength` of them are searched.
    init(lines: ArraySlice<ReportLine>, headLength: Int = 60) {
        let head = Array(lines.prefix(headLength))
        var titleIndex: Int?
        for (i, line) in head.enumerated() where DocumentHeader.isTitleCandidate(line) {
            if let k = DocumentHeader.kind(of: line.text) {
                kind = k
                title = DocumentHeader.cleanTitle(line.text)
                titleIndex = i
                break
            }
        }
        // `beslutad` holds no line break: the joined head has it only where one of its lines does, and is joined
        // only then.
        if head.contains(where: { TextSearch.bytes(ofIgnoringCase: "beslutad", in: $0.text) }) {
            let all = head.map(\.text).joined(separator: "\n")
            if let m = all.firstMatch(of: Patterns.decided) { decisionDate = Day(iso: m.1) }
        }
        if kind == .kallelse, let meeting = DocumentHeader.meetingDay(in: head) {
            decisionDate = meeting
        }
        (period, periodReason) = DocumentHeader.period(head: head, titleIndex: titleIndex, kind: kind, decided: decisionDate)
    }

    /// A line that can be a title: not part of a table, not prose, not a table-of-contents entry.
    static func isTitleCandidate(_ line: ReportLine) -> Bool {
        guard !line.isBlank, !line.isTabular, !Furniture.isContents(line) else { return false }
        return Latin1Text.countIsAtMost(line.text, 160)
    }

    /// `text.count`, by bytes for ASCII and Latin-1 letters, where every scalar is a character but CR LF.
    static func characterCount(_ text: String) -> Int {
        var t = text
        let count: Int? = t.withUTF8 { bytes in
            guard TextSearch.latin1(bytes) else { return nil }
            var characters = 0
            var previous: UInt8 = 0
            for b in bytes {
                if b & 0xC0 != 0x80 && !(b == 0x0A && previous == 0x0D) { characters += 1 }
                previous = b
            }
            return characters
        }
        return count ?? text.count
    }

    /// `text.split(separator: " ").count`, by bytes for ASCII and Latin-1 letters (where a space is a character of
    /// its own).
    static func wordCount(_ text: String) -> Int {
        var t = text
        let count: Int? = t.withUTF8 { bytes in
            guard TextSearch.latin1(bytes) else { return nil }
            var words = 0
            var previous: UInt8 = 0x20
            for b in bytes {
                if b != 0x20 && previous == 0x20 { words += 1 }
                previous = b
            }
            return words
        }
        return count ?? text.split(separator: " ").count
    }

    /// True when `text.lowercased()` surely holds none of `words` (lower-case ASCII): known by bytes for Latin-1
    /// text; false (not known) for any other text.
    static func lacksAll(_ words: [StaticString], in text: String) -> Bool {
        // The text is asked once whether it is Latin-1, not once per word (no words: nothing to hold).
        words.isEmpty || Latin1Text.containsAnyIgnoringCase(text, words) == false
    }

    static func cleanTitle(_ text: String) -> String {
        Trim.ascii(text, " .*#:")
    }

    static func kind(of text: String) -> DocumentKind? {
        // `kindByPatterns` reads no title longer than 160 characters: a line of prose is passed over after as many.
        guard Latin1Text.countIsAtMost(text, 160) else { return nil }
        // The first character after ` *#` must lower-case to one of `kåvdbutm`: an ASCII one that does not (the
        // most of them) decides without lower-casing the line, unless it names a `styrelsemöte`.
        if let first = text.utf8.first(where: { $0 != 0x20 && $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "#") }), first < 0x80,
           !"kvdbutmKVDBUTM".utf8.contains(first), !TextSearch.bytes(ofIgnoringCase: "styrelsem", in: text)
        {
            return nil
        }
        return kindByPatterns(of: text)
    }

    static let kindWords: [StaticString] = [
        "kallelse", "årsredovisning", "årsrapport", "verksamhetsberättelse", "delårs", "tertial", "månadsrapport", "verksamhetsplan",
        "budget", "bokslut", "årsbokslut", "uppföljning av",
    ]

    /// `kind(of:)` without the test on the first byte.
    static func kindByPatterns(of text: String) -> DocumentKind? {
        guard Latin1Text.countIsAtMost(text, 160) else { return nil }
        // Every kind starts with one of these words (after ` *#`) or names a `styrelsemöte`.
        let body = String(Substring(text.utf8.drop { $0 == 0x20 || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "#") }))
        if Latin1Text.hasPrefixIgnoringCase(body, DocumentHeader.kindWords) == false,
           Latin1Text.containsIgnoringCase(text, "styrelsemöte") == false
        {
            return nil
        }
        let lower = Trim.ascii(text.lowercased(), " *#")
        guard let first = lower.first, "kåvdbutm".contains(first) || lower.contains("styrelsemöte") else { return nil }
        if lower.firstMatch(of: Patterns.kallelse) != nil || lower.contains("styrelsemöte") && lower.count < 80 { return .kallelse }
        if lower.firstMatch(of: Patterns.arsredovisning) != nil { return .arsredovisning }
        if lower.firstMatch(of: Patterns.delarsrapport) != nil { return .delarsrapport }
        if lower.firstMatch(of: Patterns.verksamhetsplan) != nil {
            return .verksamhetsplan
        }
        if lower.firstMatch(of: Patterns.bokslut) != nil { return .bokslut }
        if lower.firstMatch(of: Patterns.uppfoljning) != nil { return .other }
        return nil
    }

    /// `**Dag** torsdagen den 24 oktober 2024`.
    static func meetingDay(in head: [ReportLine]) -> Day? {
        for line in head.prefix(30) {
            // A match needs five digits and `dag`, `datum` or `tid`. In Latin-1 text every digit is an ASCII one,
            // and the line's digit count (markup included) is at least its text's.
            if TextSearch.isLatin1(line.text) && (line.digitCount < 5 || Latin1Text.containsIgnoringCase(line.text, "dag") == false
                && Latin1Text.containsIgnoringCase(line.text, "datum") == false && Latin1Text.containsIgnoringCase(line.text, "tid") == false)
            {
                continue
            }
            let lower = line.text.lowercased()
            if let m = lower.firstMatch(of: Patterns.meetingDay),
               let mo = PeriodText.month(m.2), let d = Day(year: Int(m.3)!, month: mo, day: Int(m.1)!)
            {
                return d
            }
        }
        return nil
    }

    static func period(head: [ReportLine], titleIndex: Int?, kind: DocumentKind, decided: Day?) -> (Period?, String?) {
        // Only short lines: prose mentions other periods (`jämfört med 2022`).
        // Cover lines, not sentences: few words (the title whatever its length).
        let titleLine = titleIndex.map { head[$0].number }
        let short = head.filter {
            !$0.isTabular && !$0.isBlank && !Furniture.isContents($0)
                && ($0.number == titleLine || Latin1Text.countIsAtMost($0.text, 90) && DocumentHeader.wordCount($0.text) <= 8)
        }
            .filter { line in
                // The pattern only where one of its words is there (looked for by bytes in Latin-1 text).
                if DocumentHeader.lacksAll(["beslutad", "protokoll", "justering", "datum"], in: line.text) { return true }
                let lower = line.text.lowercased()
                return !TextSearch.bytes(ofAny: ["beslutad", "protokoll", "justering", "datum"], in: lower)
                    || lower.firstMatch(of: Patterns.notAPeriodLine) == nil
            }
        let titleYear = titleIndex.flatMap { PeriodText.years(in: head[$0].text).first }
        if kind == .kallelse, let decided {
            // A board paper speaks of the year it meets in; the periods of its figures are in their columns.
            return (PeriodText.fullYear(decided.year), "sammanträdesåret \(decided.year)")
        }
        for line in short {
            let dates = PeriodText.dates(in: line.text)
            if dates.count >= 2, dates[0] < dates[1] {
                return (Period(start: dates[0], end: dates[1]), "”\(line.text)”")
            }
        }
        for line in short {
            let lower = DocumentHeader.lacksAll(["till och med", "t.o.m", "tom", "per"], in: line.text) ? "" : line.text.lowercased()
            if TextSearch.bytes(ofAny: ["till och med", "t.o.m", "tom", "per"], in: lower), TextSearch.bytes(of: "-", in: lower),
               let m = lower.firstMatch(of: Patterns.throughDate), let e = Day(iso: m.1)
            {
                return (Period(start: Day(year: e.year, month: 1, day: 1), end: e), "”\(line.text)”")
            }
            switch PeriodText.phrase(in: line.text, year: titleYear) {
            case .span(let s, let e)?: return (Period(start: s, end: e), "”\(line.text)”")
            case .through(let e)?, .at(let e)?:
                return (Period(start: Day(year: e.year, month: 1, day: 1), end: e), "”\(line.text)”")
            case nil: break
            }
        }
        if kind == .delarsrapport {
            // A cover with a lone balance day: `2024-06-30`.
            for line in short {
                let dates = PeriodText.dates(in: line.text)
                if dates.count == 1, Latin1Text.countIsAtMost(line.text, 60) {
                    let e = dates[0]
                    return (Period(start: Day(year: e.year, month: 1, day: 1), end: e), "”\(line.text)”")
                }
            }
        }
        if let y = titleYear, kind != .delarsrapport {
            return (PeriodText.fullYear(y), "titelns år \(y)")
        }
        // `# 2024` on the line after the title.
        if let t = titleIndex {
            for line in head[(t + 1)...].prefix(4) where line.text.wholeMatch(of: Patterns.year) != nil {
                let y = Int(line.text)!
                if kind != .delarsrapport { return (PeriodText.fullYear(y), "årtalet under titeln") }
            }
        }
        return (nil, nil)
    }
}

/// Who the document is about: the förbund's name and organisation number.
enum OrganisationFinder {
    static let lowercaseWords: Set<String> = ["län", "och", "i", "för", "av"]

    static func find(in lines: [ReportLine]) -> Organisation {
        Organisation(name: name(in: lines) ?? "okänd organisation", orgnr: orgnr(in: lines))
    }

    static func orgnr(in lines: [ReportLine]) -> String? {
        var fallback: String?
        for line in lines where line.digitCount >= 10 {
            // The pattern needs six digits in a row; a line of ASCII without them has no match.
            for m in (OrganisationFinder.mayHoldOrgnr(line.text) ? line.text.matches(of: Patterns.orgnr) : []) {
                let nr = "\(m.1)-\(m.2)"
                let lower = line.text.lowercased()
                if lower.contains("org") || lower.contains("samordningsförbund") { return nr }
                if m.1.hasPrefix("2220") && fallback == nil { fallback = nr }
            }
        }
        return fallback
    }

    /// False only for text without six ASCII digits in a row whose other characters are known not to be
    /// numbers of any kind: ASCII, U+00C0…U+00FF (`å`, `ä`, `ö`, `×`), the no-break space and U+2000…U+203F
    /// (spaces, dashes, quotes). Anything else goes to the pattern, whose `\d` takes more than ASCII digits.
    static func mayHoldOrgnr(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { bytes in
            var run = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    run = b >= 0x30 && b <= 0x39 ? run + 1 : 0
                    if run >= 6 { return true }
                    i += 1
                    continue
                }
                run = 0
                if b == 0xC3 && i + 1 < n {
                    i += 2
                } else if b == 0xC2 && i + 1 < n && bytes[i + 1] == 0xA0 {
                    i += 2
                } else if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 {
                    i += 3
                } else {
                    return true
                }
            }
            return false
        }
    }

    static func name(in lines: [ReportLine]) -> String? {
        // Only the cover's lines and those naming the förbund are asked for their text: trimmed when asked.
        let cover = lines.prefix(153).map { Trim.ascii($0.text, " *#") }
        // A cover: `Samordningsförbundet` / `**Samsund**`, or `Finsam finansiell samordning` / `Lekeberg Örebro`.
        for (i, t) in cover.prefix(150).enumerated() where !lines[i].isTabular {
            // The pattern only where the line starts as its words do.
            guard let first = t.utf8.first, "sSfF".utf8.contains(first), let m = t.firstMatch(of: Patterns.coverName) else { continue }
            var rest = String(m.2).trimmingCharacters(in: CharacterSet(charactersIn: " ,.-–"))
            if rest.lowercased().hasPrefix("finansiell samordning") || rest.isEmpty {
                guard let next = cover[(i + 1)...].prefix(3).first(where: { !$0.isEmpty }), next.count <= 40,
                      next.firstMatch(of: Patterns.digit) == nil
                else { continue }
                rest = next
            }
            if rest.count > 40 || rest.firstMatch(of: Patterns.lowercaseStart) != nil { continue }
            rest = String(rest.prefix { $0 != "," })
            return "\(prettyCase(String(m.1))) \(prettyCase(rest))"
        }
        // The most frequent `Samordningsförbundet <Name>` in the text.
        var counts: [String: Int] = [:]
        // Trimming ` *#` from the ends neither makes nor breaks the word.
        for line in lines where TextSearch.bytes(of: "Samordningsf", in: line.text) {
            let t = Trim.ascii(line.text, " *#")
            for m in t.matches(of: Patterns.nameInText) {
                var n = String(m.1)
                if n.hasSuffix("läns") { n = String(n.dropLast()) }
                counts[n, default: 0] += 1
            }
        }
        if let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), best.value >= 2 {
            return "Samordningsförbundet \(best.key)"
        }
        return nil
    }

    /// `ÖSTRA SÖDERTÖRN` → `Östra Södertörn`; names printed in mixed case are kept.
    static func prettyCase(_ s: String) -> String {
        guard s == s.uppercased() || s == s.lowercased() else { return s }
        return s.split(separator: " ").map { w in
            let lw = w.lowercased()
            if lowercaseWords.contains(lw) { return lw }
            return lw.prefix(1).uppercased() + lw.dropFirst()
        }.joined(separator: " ")
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let decided = /(?i)beslutad[^\n]{0,40}?(\d{4}-\d{2}-\d{2})/
    nonisolated(unsafe) static let kallelse = /^kallelse\b/
    nonisolated(unsafe) static let arsredovisning = /^(årsredovisning|årsrapport|verksamhetsberättelse)\b/
    nonisolated(unsafe) static let delarsrapport = /^(delårs(rapport|redovisning|bokslut)|tertial(rapport|bokslut|uppföljning)|månadsrapport)\b/
    nonisolated(unsafe) static let verksamhetsplan = /^(verksamhetsplan|budget och verksamhetsplan|verksamhetsplan och budget|budget \d{4}|budget för)\b/
    nonisolated(unsafe) static let bokslut = /^(bokslut|årsbokslut)\b/
    nonisolated(unsafe) static let uppfoljning = /^uppföljning av\b/
    nonisolated(unsafe) static let meetingDay = /(?:dag|datum|tid)\b\D{0,30}?(\d{1,2})\s+(\p{L}+)\s+(\d{4})/
    nonisolated(unsafe) static let notAPeriodLine = /beslutad|protokoll|justering|datum/
    nonisolated(unsafe) static let throughDate = /(?:till och med|t\.o\.m\.?|\btom|\bper)\s+(\d{4}-\d{2}-\d{2})/
    nonisolated(unsafe) static let year = /(19|20)\d{2}/
    nonisolated(unsafe) static let orgnr = /\b(\d{6})-?(\d{4})\b/
    nonisolated(unsafe) static let coverName = /(?i)^(samordningsförbundet|finsam)\b(.*)$/
    nonisolated(unsafe) static let digit = /\d/
    nonisolated(unsafe) static let lowercaseStart = /^\p{Ll}/
    nonisolated(unsafe) static let nameInText = /Samordningsförbundet ((?:[A-ZÅÄÖ][\p{L}-]+)(?: (?:län|[A-ZÅÄÖ][\p{L}-]+))?)/
}
