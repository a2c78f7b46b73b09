import Foundation
import FinsamModel

/// Where a row stands in its table: what the mapping needs besides its label.
public struct RowContext: Sendable {
    public var table: TableKind
    /// Normalised table title.
    public var title: String
    /// The section the row stands in (`intakter`, `kostnader`, …): from the nearest section header above it,
    /// or from the note's title.
    public var section: String?
    /// Normalised label of the nearest header row above (not across a total).
    public var header: String?
    public var qualified: Bool

    public init(table: TableKind, title: String, section: String?, header: String?, qualified: Bool) {
        self.table = table
        self.title = title
        self.section = section
        self.header = header
        self.qualified = qualified
    }

    /// The sections a header can open. A header naming several (`Eget kapital, avsättningar och skulder`)
    /// opens none.
    public static func section(of normalised: String) -> String? {
        var found = Set<String>()
        if TextSearch.contains(normalised, "eget kapital") { found.insert("egetkapital") }
        if TextSearch.contains(normalised, "avsättning") || TextSearch.contains(normalised, "avsatt") { found.insert("avsattningar") }
        if TextSearch.contains(normalised, "skulder") { found.insert("skulder") }
        if TextSearch.contains(normalised, "tillgångar") { found.insert("tillgangar") }
        // The patterns only where a word every match of them contains is there.
        if TextSearch.bytes(ofAny: ["int", "inkomster", "finansiering", "medlems"], in: normalised),
           normalised.firstMatch(of: Patterns.incomeSection) != nil
        {
            found.insert("intakter")
        }
        if TextSearch.bytes(ofAny: ["kostnad", "utgifter", "insats", "inriktade"], in: normalised),
           normalised.firstMatch(of: Patterns.costSection) != nil
        {
            found.insert("kostnader")
        }
        return found.count == 1 ? found.first : nil
    }
}

/// Label → concept (and member), from the label rules.
public struct LabelMapper: Sendable {
    struct Compiled: @unchecked Sendable {
        var rule: LabelRule
        var exact: Set<String>
        var patterns: [(source: String, regex: Regex<AnyRegexOutput>)]
        var under: [Regex<AnyRegexOutput>]
        var titles: [Regex<AnyRegexOutput>]
        /// Conditions on the row's place: such rules are tried first.
        var specific: Bool
        var fallback: Bool
    }

    let compiled: [Compiled]
    /// Normalised label → the rules that list it, in rule order.
    let byLabel: [String: [Int]]
    /// The rules with patterns, in rule order.
    let withPatterns: [Int]
    /// The answers of this batch, by question.
    let memo = MatchMemo<Question, Found>()
    /// The rules with `titles`, the rules with `under`; per rule its place among them (or -1).
    let titleRules: [Int]
    let underRules: [Int]
    let titleSlot: [Int]
    let underSlot: [Int]
    /// Per distinct title (header), which of `titleRules` (`underRules`) it meets, as the number of that
    /// pattern in `hitPatterns`: a question names these rather than the text, so tables titled `Budget 2023`
    /// and `Budget 2024` share their answers.
    let titleMemo = MatchMemo<ExactText, Int32>()
    let headerMemo = MatchMemo<ExactText, Int32>()
    let hitPatterns = HitPatterns()
    /// Printed label and normalised capture → the member as printed (see `memberName`).
    let memberMemo = MatchMemo<MemberQuestion, String>()

    public init(rules: [LabelRule]) {
        func regexes(_ ps: [String]?) -> [Regex<AnyRegexOutput>] { (ps ?? []).compactMap { try? Regex($0).ignoresCase() } }
        compiled = rules.map { rule in
            Compiled(
                rule: rule, exact: Set((rule.labels ?? []).map(LabelMapper.normalise)),
                patterns: (rule.patterns ?? []).compactMap { p in (try? Regex(p).ignoresCase()).map { (p, $0) } },
                under: regexes(rule.under), titles: regexes(rule.titles),
                specific: rule.sections != nil || rule.under != nil || rule.titles != nil || rule.qualified == true,
                fallback: rule.fallback ?? false)
        }
        let all = compiled
        var index: [String: [Int]] = [:]
        for (i, c) in all.enumerated() {
            for label in c.exact { index[label, default: []].append(i) }
        }
        byLabel = index
        withPatterns = all.indices.filter { !all[$0].patterns.isEmpty }
        titleRules = all.indices.filter { !all[$0].titles.isEmpty }
        underRules = all.indices.filter { !all[$0].under.isEmpty }
        var slot = Array(repeating: -1, count: all.count)
        for (k, i) in titleRules.enumerated() { slot[i] = k }
        titleSlot = slot
        slot = Array(repeating: -1, count: all.count)
        for (k, i) in underRules.enumerated() { slot[i] = k }
        underSlot = slot
    }

    public struct Match: Hashable, Sendable {
        public var concept: String
        public var member: String?
        public var how: String
        /// The label names the balance at the start of the column's period.
        public var atStart: Bool = false
    }

    /// Lower case, punctuation and footnote digits removed, spaces collapsed.
    public static func normalise(_ label: String) -> String {
        LabelWords.latin1Words(label, keeping: { $0 == UInt8(ascii: "%") }) ?? normaliseByScalars(label)
    }

    /// `normalise` for any text, one scalar at a time.
    static func normaliseByScalars(_ label: String) -> String {
        var out = ""
        for scalar in label.lowercased().unicodeScalars {
            if CharacterSet.letters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar) || scalar == "%" {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix(" ") {
                out.append(" ")
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Without context (a table of unknown kind): the generic rules only.
    public func match(label: String, table: TableKind) -> Match? {
        match(label: label, context: RowContext(table: table, title: "", section: nil, header: nil, qualified: false))
    }

    /// The rules with conditions on the row's place first (they are the more specific), then the others;
    /// within each, exact labels before patterns. Fallback rules are not tried here.
    public func match(label: String, context: RowContext, fallback: Bool = false) -> Match? {
        match(
            label: label, facts: LabelFacts.of(label), context: context, title: titleNumber(context.title),
            header: headerNumber(context.header), fallback: fallback)
    }

    /// Which title rules `title` (normalised) meets, as a number (see `hitPatterns`).
    func titleNumber(_ title: String) -> Int32 {
        if titleRules.isEmpty { return 0 }
        return titleMemo.value(for: ExactText(title)) {
            hitPatterns.number(for: titleRules.map { i in compiled[i].titles.contains { (try? $0.wholeMatch(in: title)) != nil } })
        }
    }

    /// Which `under` rules `header` (a normalised header label) meets, as a number; -1 for no header.
    func headerNumber(_ header: String?) -> Int32 {
        guard let header else { return -1 }
        if underRules.isEmpty { return 0 }
        return headerMemo.value(for: ExactText(header)) {
            hitPatterns.number(for: underRules.map { i in compiled[i].under.contains { (try? $0.wholeMatch(in: header)) != nil } })
        }
    }

    /// `match` with the label's facts and the numbers of its title's and header's hits already looked up
    /// (`titleNumber(context.title)`, `headerNumber(context.header)`): the mapping asks per row, and a table's
    /// rows share their title and most their header.
    func match(label: String, facts: LabelFacts, context: RowContext, title: Int32, header: Int32, fallback: Bool) -> Match? {
        let key = facts.key
        if key.isEmpty { return nil }
        let question = Question(
            key: key, keyNumber: facts.keyNumber, table: context.table, titleHits: title, section: context.section,
            headerHits: header, qualified: context.qualified, fallback: fallback)
        switch memo.value(for: question, compute: { find(question) }) {
        case .unmatched:
            return nil
        case .exact(let i):
            return Match(
                concept: compiled[i].rule.concept, member: compiled[i].rule.member, how: LabelMapper.how("etikett ”", label, where_(i, context)),
                atStart: compiled[i].rule.at == .start)
        case .pattern(let i, let p, let captured):
            var member = compiled[i].rule.member
            if let captured {
                member = memberMemo.value(for: MemberQuestion(label: ExactText(label), capture: ExactText(captured))) {
                    LabelMapper.memberName(from: label, normalisedCapture: captured)
                }
            }
            return Match(
                concept: compiled[i].rule.concept, member: member, how: LabelMapper.how("mönster ”", compiled[i].patterns[p].source, where_(i, context)),
                atStart: compiled[i].rule.at == .start)
        }
    }

    /// Everything `match` depends on but the printed label (which only words the answer): the normalised
    /// label, by its number where it has one (else by its text); of the title and the header, only which rule
    /// conditions they meet (numbers from `hitPatterns`; -1: no header).
    struct Question: Hashable {
        var key: String
        var keyNumber: Int32
        var table: TableKind
        var titleHits: Int32
        var section: String?
        var headerHits: Int32
        var qualified: Bool
        var fallback: Bool

        static func == (a: Question, b: Question) -> Bool {
            guard a.keyNumber == b.keyNumber, a.table == b.table, a.titleHits == b.titleHits, a.headerHits == b.headerHits,
                  a.qualified == b.qualified, a.fallback == b.fallback, a.section == b.section
            else { return false }
            return a.keyNumber != KeyNumbers.unnumbered || ExactText.sameBytes(a.key, b.key)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(keyNumber)
            if keyNumber == KeyNumbers.unnumbered { hasher.combine(ExactText(key)) }
            hasher.combine(table)
            hasher.combine(titleHits)
            hasher.combine(section)
            hasher.combine(headerHits)
            hasher.combine(qualified)
            hasher.combine(fallback)
        }
    }

    struct MemberQuestion: Hashable {
        var label: ExactText
        var capture: ExactText
    }

    /// Which rule (and pattern, with its `member` capture normalised) gives a normalised label its concept.
    enum Found {
        case unmatched
        case exact(rule: Int)
        case pattern(rule: Int, pattern: Int, member: String?)
    }

    private func find(_ q: Question) -> Found {
        let key = q.key, fallback = q.fallback
        let exact = byLabel[key] ?? []
        for specific in [true, false] {
            for i in exact {
                let c = compiled[i]
                guard c.specific == specific, c.fallback == fallback, applies(i, q) else { continue }
                return .exact(rule: i)
            }
            for i in withPatterns {
                let c = compiled[i]
                guard c.specific == specific, c.fallback == fallback, applies(i, q) else { continue }
                for (p, pattern) in c.patterns.enumerated() {
                    guard let m = try? pattern.regex.wholeMatch(in: key) else { continue }
                    return .pattern(rule: i, pattern: p, member: (m.output["member"]?.substring).map { String($0) })
                }
            }
        }
        return .unmatched
    }

    private func applies(_ i: Int, _ q: Question) -> Bool {
        let c = compiled[i]
        if let tables = c.rule.tables, !tables.contains(q.table) { return false }
        if let sections = c.rule.sections, !sections.contains(where: { $0 == q.section }) { return false }
        if !c.under.isEmpty {
            guard q.headerHits >= 0, hitPatterns.pattern(q.headerHits)[underSlot[i]] else { return false }
        }
        if !c.titles.isEmpty, !hitPatterns.pattern(q.titleHits)[titleSlot[i]] { return false }
        if c.rule.qualified == true && !q.qualified { return false }
        return true
    }

    /// `"\(kind)\(text)”" + place`, assembled once (see `NoteText`).
    static func how(_ kind: StaticString, _ text: String, _ place: String) -> String {
        var note = NoteText(capacity: kind.utf8CodeUnitCount + text.utf8.count + place.utf8.count + 3)
        note.add(kind)
        note.add(text)
        note.add("”")
        note.add(place)
        return note.text
    }

    private func where_(_ i: Int, _ context: RowContext) -> String {
        let rule = compiled[i].rule
        if rule.sections == nil && rule.under == nil && rule.titles == nil && rule.qualified != true { return "" }
        return where_(compiled[i], context)
    }

    private func where_(_ c: Compiled, _ context: RowContext) -> String {
        var parts: [String] = []
        if c.rule.sections != nil, let s = context.section { parts.append("i avsnittet \(s)") }
        if c.rule.under != nil, let h = context.header { parts.append("under ”\(h)”") }
        if c.rule.titles != nil { parts.append("i tabellen ”\(context.title)”") }
        if c.rule.qualified == true { parts.append("rad med ägare") }
        return parts.isEmpty ? "" : " " + parts.joined(separator: ", ")
    }

    /// The member as printed in the label (keeping its capitals and punctuation), from the normalised capture.
    static func memberName(from label: String, normalisedCapture: String) -> String {
        let captureWords = normalisedCapture.split(separator: " ")
        // Printed words with where they start.
        var words: [(String, String.Index)] = []
        var current = ""
        var start = label.startIndex
        for i in label.indices {
            let ch = label[i]
            if ch.isLetter || ch.isNumber || ch == "%" {
                if current.isEmpty { start = i }
                current.append(ch)
            } else if !current.isEmpty {
                words.append((current.lowercased(), start))
                current = ""
            }
        }
        if !current.isEmpty { words.append((current.lowercased(), start)) }
        guard captureWords.count <= words.count, !captureWords.isEmpty else { return label }
        // The capture is the last words of the label as a rule (`driftbidrag från Region Stockholm`).
        for s in stride(from: words.count - captureWords.count, through: 0, by: -1) {
            if zip(words[s...], captureWords).allSatisfy({ $0.0 == String($1) }) {
                let from = words[s].1
                let lastIndex = s + captureWords.count - 1
                let lastWord = words[lastIndex]
                let end = label.index(lastWord.1, offsetBy: lastWord.0.count, limitedBy: label.endIndex) ?? label.endIndex
                let tail = lastIndex == words.count - 1 ? label[from...] : label[from..<end]
                return tail.trimmingCharacters(in: CharacterSet(charactersIn: " .,:;"))
            }
        }
        return label
    }
}

/// Patterns of rule hits (which title or header conditions a text meets), numbered in the order first seen.
/// The memo keys carry the number; the rare unanswered question reads the pattern back.
final class HitPatterns: @unchecked Sendable {
    private let lock = NSLock()
    private var numbers: [[Bool]: Int32] = [:]
    private var patterns: [[Bool]] = []

    func number(for hits: [Bool]) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        if let n = numbers[hits] { return n }
        let n = Int32(patterns.count)
        patterns.append(hits)
        numbers[hits] = n
        return n
    }

    func pattern(_ number: Int32) -> [Bool] {
        lock.lock()
        defer { lock.unlock() }
        return patterns[Int(number)]
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let incomeSection = /intäkter|inkomster|finansiering|medlemsavgifter|medlemsbidrag/
    nonisolated(unsafe) static let costSection = /kostnad|utgifter|insatser|insats\b|inriktade/
}
