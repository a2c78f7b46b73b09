import Foundation
import FinsamModel

/// What a row's printed label says about its place in a table's arithmetic. Words only give a prior: the
/// structure search confirms (or overrules) them with the figures.
public enum LabelRole: Hashable, Sendable {
    /// `Summa`, `Totalt`, `S:a`: certainly a total; if the figures do not say of what, the layout does.
    case strongTotal
    /// `Summa … exkl. X`: a total minus some of its items.
    case exclusionTotal
    /// `Resultat`, `Årets kassaflöde`, `Utgående …`: usually a total, but only when the figures agree.
    case weakTotal
    /// `varav …`: a breakdown of the row above, never an item of a sum.
    case breakdown
    case plain

    public init(label: String) {
        self.init(normalised: LabelWords.normalised(label))
    }

    /// From the label as `LabelWords.normalised` gives it.
    public init(normalised l: String) {
        if l.isEmpty || LabelWords.isNumberedHeading(l) { self = .plain; return }
        if LabelWords.breakdownPrefixes.contains(where: { l.hasPrefix($0) }) { self = .breakdown; return }
        if LabelWords.isStrongTotal(l) {
            self = LabelWords.containsAny(l, LabelWords.exclusionWords) ? .exclusionTotal : .strongTotal
            return
        }
        if LabelWords.isResultLike(l) || LabelWords.containsAny(l, LabelWords.weakTotalWords)
            || (TextSearch.contains(l, "likvida medel") && TextSearch.contains(l, "slut"))
        {
            self = .weakTotal
            return
        }
        self = .plain
    }

    public var isKeywordTotal: Bool { self == .strongTotal || self == .exclusionTotal || self == .weakTotal }
}

/// The Swedish words the structure search and the rules read labels by.
public enum LabelWords {
    /// Lower case, `ÅÄÖ` kept, punctuation other than `:` and `%` turned into spaces, spaces collapsed.
    public static func normalised(_ label: String) -> String {
        latin1Words(label, keeping: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "%") }) ?? normalisedByCharacters(label)
    }

    /// `normalised` for any text, one `Character` at a time.
    static func normalisedByCharacters(_ label: String) -> String {
        var out = ""
        out.reserveCapacity(label.count)
        var lastSpace = true
        for ch in label.lowercased() {
            if ch.isLetter || ch.isNumber || ch == ":" || ch == "%" {
                out.append(ch)
                lastSpace = false
            } else if !lastSpace {
                out.append(" ")
                lastSpace = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// The words of a label (ASCII or precomposed Latin-1) in lower case, one space between them: letters,
    /// digits and the ASCII characters `keeping` accepts make words, anything else separates them. The same as
    /// going through it `Character` by `Character`, where each of these scalars is a `Character` of its own,
    /// ten times faster. Nil for other text.
    static func latin1Words(_ label: String, keeping: (UInt8) -> Bool) -> String? {
        var text = label
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var lastSpace = true
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || keeping(lower) {
                        out.append(lower)
                        lastSpace = false
                    } else if !lastSpace {
                        out.append(0x20)
                        lastSpace = true
                    }
                    continue
                }
                guard b == 0xC3, i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 else { return nil }
                // U+00C0…U+00FF: letters but × (U+00D7) and ÷ (U+00F7); capitals are U+00C0…U+00DE.
                var second = bytes[i + 1]
                i += 2
                if second == 0x97 || second == 0xB7 {
                    if !lastSpace {
                        out.append(0x20)
                        lastSpace = true
                    }
                    continue
                }
                if second <= 0x9E { second += 0x20 }
                out.append(0xC3)
                out.append(second)
                lastSpace = false
            }
            if out.last == 0x20 { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static let strongTotalPrefixes = ["summa", "totalt", "total", "s:a", "s a", "sa "]
    static let exclusionWords = [" exkl", " exklusive", " utom ", " utan "]
    static let breakdownPrefixes = ["varav", "därav", "varav:", "- varav", "– varav"]
    static let weakTotalWords = [
        "kassaflöde", "förändring i likvida medel", "förändring av likvida medel", "utgående", "medel från verksamheten",
        "kvarvarande", "beslutsutrymme",
    ]
    static let bottomLineWords = ["resultat", "överskott", "underskott"]
    static let resultWords = ["resultat", "överskott", "underskott", "netto", "kvarvarande", "beslutsutrymme"]
    static let costWords = ["kostnad", "utgift", "avskrivning", "utbetalning"]
    static let incomeWords = ["intäkt", "bidrag", "avgift", "medlemsintäkt", "anslag", "tilldelning", "inbetalning"]

    /// `words.contains { TextSearch.contains(text, $0) }`, with the text's bytes checked once rather than per
    /// word: where text and word are ASCII or precomposed Latin-1, a byte search is the same test.
    static func containsAny(_ text: String, _ words: [String]) -> Bool {
        var t = text
        let answer: Bool? = t.withUTF8 { h in
            guard TextSearch.latin1(h) else { return nil }
            for word in words {
                var w = word
                let found: Bool? = w.withUTF8 { n in TextSearch.latin1(n) ? TextSearch.find(n, in: h) : nil }
                guard let found else { return nil }
                if found { return true }
            }
            return false
        }
        return answer ?? words.contains { TextSearch.contains(text, $0) }
    }

    /// `2.6.1 Måluppfyllelse och resultat`: a heading (of a table of contents), whatever words follow.
    static func isNumberedHeading(_ normalised: String) -> Bool {
        guard let first = normalised.first, first.isNumber else { return false }
        let head = normalised.prefix { $0.isNumber || $0 == " " }
        return head.contains(" ") && normalised.count > head.count + 3
    }

    public static func isStrongTotal(_ normalised: String) -> Bool {
        if normalised == "summa" || normalised == "totalt" || normalised == "total" || normalised == "s:a" { return true }
        if normalised.hasPrefix("s:a ") || normalised.hasPrefix("summa ") || normalised.hasPrefix("totalt ")
            || normalised.hasPrefix("total ")
        {
            return true
        }
        return false
    }

    /// `Resultat`, `Verksamhetens nettokostnad`, `Årets överskott`: a row that may be income minus costs.
    public static func isResultLike(_ normalised: String) -> Bool {
        containsAny(normalised, resultWords)
    }

    /// `Resultat`, `Årets resultat`, `Periodens överskott`: the bottom line, income minus costs. Not
    /// `Finansnetto`, which nets only the financial items.
    public static func isBottomLine(_ normalised: String) -> Bool {
        containsAny(normalised, bottomLineWords) && !TextSearch.contains(normalised, "finans")
    }

    public static func isCostLike(_ normalised: String) -> Bool {
        containsAny(normalised, costWords) && !TextSearch.contains(normalised, "intäkt")
    }

    public static func isIncomeLike(_ normalised: String) -> Bool {
        containsAny(normalised, incomeWords) && !isCostLike(normalised)
    }

    /// `Summa omsättningstillgångar` → `omsättningstillgångar`: what a total says it sums.
    public static func totalSubject(_ normalised: String) -> String? {
        for p in ["summa ", "totalt ", "total ", "s:a "] where normalised.hasPrefix(p) {
            let rest = String(normalised.dropFirst(p.count))
            return rest.isEmpty ? nil : rest
        }
        return nil
    }
}
