import Foundation

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
        let l = LabelWords.normalised(label)
        if l.isEmpty || LabelWords.isNumberedHeading(l) { self = .plain; return }
        if LabelWords.breakdownPrefixes.contains(where: { l.hasPrefix($0) }) { self = .breakdown; return }
        if LabelWords.isStrongTotal(l) {
            self = LabelWords.exclusionWords.contains(where: { l.contains($0) }) ? .exclusionTotal : .strongTotal
            return
        }
        if LabelWords.isResultLike(l) || LabelWords.weakTotalWords.contains(where: { l.contains($0) })
            || (l.contains("likvida medel") && l.contains("slut"))
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

    static let strongTotalPrefixes = ["summa", "totalt", "total", "s:a", "s a", "sa "]
    static let exclusionWords = [" exkl", " exklusive", " utom ", " utan "]
    static let breakdownPrefixes = ["varav", "därav", "varav:", "- varav", "– varav"]
    static let weakTotalWords = [
        "kassaflöde", "förändring i likvida medel", "förändring av likvida medel", "utgående", "medel från verksamheten",
        "kvarvarande", "beslutsutrymme",
    ]
    static let resultWords = ["resultat", "överskott", "underskott", "netto", "kvarvarande", "beslutsutrymme"]
    static let costWords = ["kostnad", "utgift", "avskrivning", "utbetalning"]
    static let incomeWords = ["intäkt", "bidrag", "avgift", "medlemsintäkt", "anslag", "tilldelning", "inbetalning"]

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
        resultWords.contains { normalised.contains($0) }
    }

    /// `Resultat`, `Årets resultat`, `Periodens överskott`: the bottom line, income minus costs. Not
    /// `Finansnetto`, which nets only the financial items.
    public static func isBottomLine(_ normalised: String) -> Bool {
        ["resultat", "överskott", "underskott"].contains { normalised.contains($0) } && !normalised.contains("finans")
    }

    public static func isCostLike(_ normalised: String) -> Bool {
        costWords.contains { normalised.contains($0) } && !normalised.contains("intäkt")
    }

    public static func isIncomeLike(_ normalised: String) -> Bool {
        incomeWords.contains { normalised.contains($0) } && !isCostLike(normalised)
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
