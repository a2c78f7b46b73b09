import Foundation
import FinsamModel

/// The document around a table, as far as columns need it.
struct DocumentContext: Hashable, Sendable {
    var period: Period?
    var kind: DocumentKind
    /// The day the document speaks from: the end of a report's period, the decision day of a plan. A column
    /// about a later period cannot be an outcome.
    var asOf: Day?
}

/// What a column header says: scenario, period, unit, and the member a participant table splits by.
struct ColumnMeaning: Equatable, Sendable {
    var scenario: Scenario
    /// Whether a word in the header named the scenario (otherwise it was inferred).
    var scenarioPrinted: Bool
    var period: Period?
    var periodReason: String
    /// Whether the column's own header (or its group) printed the period.
    var periodPrinted: Bool = false
    var unit: MeasureUnit
    var scale: PrintedScale?
    var member: String?
}

/// The arguments of `ColumnHeader.interpret`, as the key its answers are kept by (texts compared as `String`s,
/// as the other memos of the reader do).
struct ColumnHeaderQuestion: Hashable, Sendable {
    var header: String
    var group: String?
    var title: String
    var document: DocumentContext
}

enum ColumnHeader {
    /// The scenario a header word names, if any.
    static func scenarioWord(in header: String) -> Scenario? {
        // Headers repeat (each table's `Utfall 2023`, `Budget 2024`): the answer is a function of the text alone.
        PatternMemos.scenarios.value(header) { scenarioByPatterns(in: header) }
    }

    static func scenarioByPatterns(in header: String) -> Scenario? {
        let lower = header.lowercased()
        // Each pattern only where the header holds a word every match of it contains.
        if TextSearch.bytes(ofAny: ["diff", "avvikelse", "budget", "+/-"], in: lower), lower.firstMatch(of: Patterns.differens) != nil {
            return .differens
        }
        if TextSearch.bytes(ofAny: ["kvot", "rbr", "utfall mot budget", "procent", "andel", "%"], in: lower),
           lower.firstMatch(of: Patterns.kvot) != nil
        {
            return .kvot
        }
        if TextSearch.contains(lower, "prognos") { return .prognos }
        if TextSearch.bytes(ofAny: ["budget", "prel", "plan"], in: lower), lower.firstMatch(of: Patterns.budget) != nil { return .budget }
        if TextSearch.bytes(ofAny: ["utfall", "bokslut", "redovisat", "ufall"], in: lower), lower.firstMatch(of: Patterns.utfall) != nil {
            return .utfall
        }
        return nil
    }

    /// `header` is the column's own header text (joined over header lines), `group` the header spanning it.
    static func interpret(header: String, group: String?, title: String, document: DocumentContext) -> ColumnMeaning {
        // A function of its arguments alone: asked once per batch for each distinct question.
        let question = ColumnHeaderQuestion(header: header, group: group, title: title, document: document)
        return PatternMemos.columnMeanings.value(question) { interpretByPatterns(header: header, group: group, title: title, document: document) }
    }

    /// `interpret` without the memo: the definition.
    static func interpretByPatterns(header: String, group: String?, title: String, document: DocumentContext) -> ColumnMeaning {
        // The group's text and the header's, the empty left out.
        let own: String
        if let group, !group.isEmpty {
            own = header.isEmpty ? group : group + " " + header
        } else {
            own = header
        }
        // `Differens budget-prognos` names two scenarios; the first word wins (`scenarioWord` tries it first).
        var scenario = scenarioWord(in: header) ?? group.flatMap { scenarioWord(in: $0) }
        let printed = scenario != nil

        var (period, reason) = periodOf(own, title: title, document: document)
        let periodPrinted = !TextSearch.contains(reason, "tabellens rubrik") && !TextSearch.contains(reason, "dokumentets period")

        var unit: MeasureUnit = .sek
        var scale: PrintedScale?
        let lower = own.lowercased()
        if scenario == .kvot { unit = .pure }
        if let s = ScaleWords.scale(in: lower) { scale = s }
        var member: String?
        if GenderColumn.isGenderHeader(header) {
            unit = .personer
            member = GenderColumn.member(header)
        }
        if TextSearch.bytes(of: "antal", in: lower), lower.firstMatch(of: Patterns.count) != nil { unit = .personer }

        if scenario == nil {
            // Outcomes cannot lie after the day the document speaks from; plans are budgets.
            if document.kind == .verksamhetsplan {
                scenario = .budget
                reason += "; verksamhetsplan: budget"
            } else if let asOf = document.asOf, let p = period, p.end > asOf {
                scenario = .budget
                reason += "; efter \(asOf): budget"
            }
        }
        if period == nil { period = document.period }
        return ColumnMeaning(
            scenario: scenario ?? .utfall, scenarioPrinted: printed, period: period, periodReason: reason, periodPrinted: periodPrinted,
            unit: unit, scale: scale, member: member)
    }

    static func periodOf(_ text: String, title: String, document: DocumentContext) -> (Period?, String) {
        let dates = PeriodText.dates(in: text)
        if dates.count >= 2, dates[0] < dates[dates.count - 1] {
            return (Period(start: dates[0], end: dates[dates.count - 1]), "datum i rubriken")
        }
        if let d = dates.last { return (Period(start: nil, end: d), "datum i rubriken") }
        let titleYear = PeriodText.years(in: title).first
        let year = PeriodText.years(in: text).first ?? titleYear ?? document.period?.end.year
        switch PeriodText.phrase(in: text, year: year) {
        case .span(let s, let e)?: return (Period(start: s, end: e), "”\(text)”")
        case .through(let e)?: return (Period(start: Day(year: e.year, month: 1, day: 1), end: e), "”\(text)”")
        case .at(let e)?: return (Period(start: nil, end: e), "”\(text)”")
        case nil: break
        }
        if let y = PeriodText.years(in: text).last { return (PeriodText.fullYear(y), "året i rubriken") }
        let titleDates = PeriodText.dates(in: title)
        if titleDates.count >= 2 { return (Period(start: titleDates[0], end: titleDates[titleDates.count - 1]), "datum i tabellens rubrik") }
        if let d = titleDates.last { return (Period(start: nil, end: d), "datum i tabellens rubrik") }
        if case .span(let s, let e)? = PeriodText.phrase(in: title, year: titleYear ?? document.period?.end.year) {
            return (Period(start: s, end: e), "tabellens rubrik")
        }
        if let y = titleYear { return (PeriodText.fullYear(y), "året i tabellens rubrik") }
        return (nil, "dokumentets period")
    }
}

/// Unit words in headings: `belopp i TSEK`, `(tkr)`, `Mkr`, `Belopp i kr.`.
enum ScaleWords {
    static func scale(in lower: String) -> PrintedScale? {
        // Every unit word below has `kr`, `sek` or `tsk` in it.
        guard TextSearch.bytes(ofAny: ["kr", "sek", "tsk"], in: lower) else { return nil }
        return PatternMemos.scales.value(lower) { scaleByPatterns(in: lower) }
    }

    static func scaleByPatterns(in lower: String) -> PrintedScale? {
        if lower.firstMatch(of: Patterns.thousands) != nil { return .tkr }
        if lower.firstMatch(of: Patterns.millions) != nil { return .mkr }
        if lower.firstMatch(of: Patterns.kronor) != nil { return .kr }
        return nil
    }
}

/// `K`/`M`/`S:a`, `Kvinnor`/`Män`/`Totalt`: columns of a participant table.
enum GenderColumn {
    static func member(_ header: String) -> String? {
        let t = trimmedLower(header)
        switch t {
        case "k", "kvinnor", "kvinna", "flickor": return "kvinnor"
        case "m", "män", "man", "pojkar": return "män"
        case "s:a", "s", "sa", "summa", "totalt", "total", "tot", "alla": return nil
        default: return nil
        }
    }

    static func isGenderHeader(_ header: String) -> Bool {
        let t = trimmedLower(header)
        switch t {
        case "k", "kvinnor", "kvinna", "m", "män", "man", "s:a", "summa", "totalt", "total": return true
        default: return false
        }
    }

    /// The header lower-cased with ` .:` trimmed from its ends; by bytes for ASCII, where both are byte by byte.
    static func trimmedLower(_ header: String) -> String {
        var h = header
        let ascii: String? = h.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var start = 0, end = bytes.count
            func trimmed(_ b: UInt8) -> Bool { b == 0x20 || b == UInt8(ascii: ".") || b == UInt8(ascii: ":") }
            while start < end && trimmed(bytes[start]) { start += 1 }
            while end > start && trimmed(bytes[end - 1]) { end -= 1 }
            return String(decoding: bytes[start..<end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return ascii ?? header.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .:"))
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let differens = /differens|\bdiff\b|avvikelse|budget\s*[-–]\s*(prognos|utfall)|(prognos|utfall)\s*[-–]\s*budget|\+\/-|mot budget, tkr/
    nonisolated(unsafe) static let kvot = /kvot|förbr|\butfall mot budget\b|procent|andel|%/
    nonisolated(unsafe) static let budget = /budget|\bprel\b|preliminär|\bplan\b/
    nonisolated(unsafe) static let utfall = /utfall|bokslut|redovisat|\bufall\b/
    nonisolated(unsafe) static let count = /^antal\b|\bantal (svar|tillfrågade|deltagare|personer)/
    nonisolated(unsafe) static let thousands = /\b(tkr|tsek|tsk|t\s?kr|ksek|tusental kronor|tusen kronor)\b/
    nonisolated(unsafe) static let millions = /\b(mkr|msek|mnkr|miljoner kronor)\b/
    nonisolated(unsafe) static let kronor = /\b(belopp i kr|kronor|kr|sek)\b/
}
