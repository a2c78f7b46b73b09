import Foundation
import FinsamModel

/// Periods as Swedish reports print them: `2023-01-01 -2023-12-31`, `1 januari-30 juni 2023`, `jan-juni`,
/// `Till och med 2023-06-30`, `per 30 juni`, `Kvartal 1 och 2 år 2024`, `Q1 - Q2 2024`, `Helår 2023`, `23-06-30`.
enum PeriodText {
    /// What a phrase says about a period; the year may come from elsewhere (the table, the document).
    enum Phrase: Equatable {
        /// A span: `1 januari-30 juni 2023`, `jan-juni`, `Kvartal 1 och 2`.
        case span(start: Day, end: Day)
        /// From the start of the year through a day: `till och med juni`, `tom 2023-06-30`.
        case through(Day)
        /// At a day: `per 30 juni`, `per 2023-06-30`.
        case at(Day)
    }

    static let months: [String: Int] = [
        "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5,
        "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    static func month(_ word: some StringProtocol) -> Int? {
        months[word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))]
    }

    /// ISO dates, compact `20240630` and short `23-06-30`, in the order printed.
    static func dates(in text: String) -> [Day] {
        // Every pattern below needs ASCII digits (`Int(_:)` reads no others).
        guard TextSearch.hasDigit(text), mayHoldDate(text) else { return [] }
        return PeriodMemo.shared.dates(text) { scanDates(in: text) }
    }

    /// False only for Latin-1 text (whose only digits are ASCII) with neither two digits before a `-` (ISO and
    /// short dates) nor eight digits in a row (compact dates): no date pattern can match it.
    static func mayHoldDate(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { bytes in
            guard Latin1Text.simple(bytes) else { return true }
            var run = 0
            for b in bytes {
                if b &- 0x30 < 10 {
                    run += 1
                    if run >= 8 { return true }
                } else {
                    if b == UInt8(ascii: "-") && run >= 2 { return true }
                    run = 0
                }
            }
            return false
        }
    }

    static func scanDates(in text: String) -> [Day] {
        var out: [(String.Index, Day)] = []
        var taken: [Range<String.Index>] = []
        let dash = TextSearch.bytes(of: "-", in: text)
        for m in (dash ? text.matches(of: Patterns.isoDate) : []) {
            if let d = Day(year: Int(m.1)!, month: Int(m.2)!, day: Int(m.3)!) {
                out.append((m.range.lowerBound, d))
                taken.append(m.range)
            }
        }
        for m in (TextSearch.bytes(ofAny: ["19", "20"], in: text) ? text.matches(of: Patterns.compactDate) : []) {
            if let d = Day(year: Int(m.1)!, month: Int(m.2)!, day: Int(m.3)!) {
                out.append((m.range.lowerBound, d))
                taken.append(m.range)
            }
        }
        for m in (dash ? text.matches(of: Patterns.shortDate) : [])
        where !taken.contains(where: { $0.overlaps(m.range) }) {
            if let d = Day(year: 2000 + Int(m.1)!, month: Int(m.2)!, day: Int(m.3)!) { out.append((m.range.lowerBound, d)) }
        }
        return out.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Years printed alone (`2023`, `Budget 2024`), not as part of a date or a longer number.
    static func years(in text: String) -> [Int] {
        guard TextSearch.bytes(ofAny: ["19", "20"], in: text) else { return [] }
        return PeriodMemo.shared.years(text) { text.matches(of: Patterns.year).map { Int($0.1)! } }
    }

    /// Month names, quarters and halves of the year. `year` is used where the phrase prints none.
    static func phrase(in text: String, year: Int?) -> Phrase? {
        PeriodMemo.shared.phrase(text, year) { scanPhrase(in: text, year: year) }
    }

    static func scanPhrase(in text: String, year: Int?) -> Phrase? {
        let lower = text.lowercased()
        let printedYear = years(in: text).first ?? year
        // `1 januari - 30 juni 2023`, `1 januari – 30 juni`.
        // Each pattern only where the text holds what every match of it contains.
        let digits = TextSearch.hasDigit(lower)
        let through = TextSearch.bytes(ofAny: ["till och med", "t.o.m", "tom"], in: lower)
        let dash = through || TextSearch.bytes(ofAny: ["-", "–", "—"], in: lower)
        for m in (digits && dash ? lower.matches(of: Patterns.dayMonthSpan) : []) {
            guard let m1 = month(m.2), let m2 = month(m.5) else { continue }
            let y2 = m.6.flatMap { Int($0) } ?? printedYear
            let y1 = m.3.flatMap { Int($0) } ?? y2
            if let y1, let y2, let s = Day(year: y1, month: m1, day: Int(m.1)!), let e = Day(year: y2, month: m2, day: Int(m.4)!) {
                return .span(start: s, end: e)
            }
        }
        // `januari-juni`, `jan-juni 2024`, `januari till och med juni`.
        for m in (dash ? lower.matches(of: Patterns.monthSpan) : []) {
            guard let m1 = month(m.1), let m2 = month(m.3), let y = printedYear else { continue }
            let endDay = m.2.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? Day.daysIn(month: m2, year: y)
            if let s = Day(year: y, month: m1, day: 1), let e = Day(year: y, month: m2, day: endDay) { return .span(start: s, end: e) }
        }
        // `per 30 juni`, `per den 30 juni 2024`.
        if digits && TextSearch.bytes(of: "per", in: lower), let m = lower.firstMatch(of: Patterns.perDayMonth), let mo = month(m.2), let y = printedYear,
           let d = Day(year: y, month: mo, day: Int(m.1)!)
        {
            return .at(d)
        }
        // `tom juni`, `till och med juni`.
        for m in (through ? lower.matches(of: Patterns.throughMonth) : []) {
            guard let mo = month(m.2), let y = printedYear else { continue }
            let day = m.1.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? Day.daysIn(month: mo, year: y)
            if let d = Day(year: y, month: mo, day: day) { return .through(d) }
        }
        // `Kvartal 1 och 2`, `kvartal 1-3`, `Q1 - Q2`, `Q3`.
        if let y = printedYear {
            var q: (Int, Int)?
            if TextSearch.bytes(of: "kvartal", in: lower), let m = lower.firstMatch(of: Patterns.quarters) {
                q = (Int(m.1)!, m.2.map { Int($0)! } ?? Int(m.1)!)
            } else if TextSearch.bytes(of: "q", in: lower), let m = lower.firstMatch(of: Patterns.qQuarters) {
                q = (Int(m.1)!, m.2.map { Int($0)! } ?? Int(m.1)!)
            }
            if let (a, b) = q, a <= b {
                return .span(start: Day(year: y, month: 3 * a - 2, day: 1)!, end: Day.lastDay(ofMonth: 3 * b, year: y))
            }
            if TextSearch.bytes(of: "tertial", in: lower), let m = lower.firstMatch(of: Patterns.tertial) {
                // A tertial report runs from the start of the year: tertial 2 is January to August.
                return .span(start: Day(year: y, month: 1, day: 1)!, end: Day.lastDay(ofMonth: 4 * Int(m.1)!, year: y))
            }
            if lower.contains("helår") {
                return .span(start: Day(year: y, month: 1, day: 1)!, end: Day(year: y, month: 12, day: 31)!)
            }
            if TextSearch.bytes(of: "halv", in: lower), lower.firstMatch(of: Patterns.halfYear) != nil {
                return .span(start: Day(year: y, month: 1, day: 1)!, end: Day(year: y, month: 6, day: 30)!)
            }
        }
        return nil
    }

    static func fullYear(_ y: Int) -> Period {
        Period(start: Day(year: y, month: 1, day: 1), end: Day(year: y, month: 12, day: 31)!)
    }
}

/// What `PeriodText` found in a text, kept for the next time the same text is asked about: tables repeat their
/// column headers (`Utfall 2023`, `Budget 2024`), each column asks about its table's title, and a batch of
/// reports from one template asks about the same words again. The patterns are pure functions of the text,
/// so the answers are the same whichever reader thread asked first.
final class PeriodMemo: @unchecked Sendable {
    static let shared = PeriodMemo()

    struct PhraseKey: Hashable {
        var text: String
        var year: Int?
    }

    private let lock = NSLock()
    private var datesByText: [String: [Day]] = [:]
    private var yearsByText: [String: [Int]] = [:]
    private var phrases: [PhraseKey: PeriodText.Phrase?] = [:]
    /// Bounds the memory a long batch (or a fuzzer) can make it hold: past this many texts it starts over.
    static let capacity = 20_000

    func dates(_ text: String, _ compute: () -> [Day]) -> [Day] {
        if let known = lock.withLock({ datesByText[text] }) { return known }
        let found = compute()
        lock.withLock {
            if datesByText.count >= PeriodMemo.capacity { datesByText.removeAll() }
            datesByText[text] = found
        }
        return found
    }

    func years(_ text: String, _ compute: () -> [Int]) -> [Int] {
        if let known = lock.withLock({ yearsByText[text] }) { return known }
        let found = compute()
        lock.withLock {
            if yearsByText.count >= PeriodMemo.capacity { yearsByText.removeAll() }
            yearsByText[text] = found
        }
        return found
    }

    func phrase(_ text: String, _ year: Int?, _ compute: () -> PeriodText.Phrase?) -> PeriodText.Phrase? {
        let key = PhraseKey(text: text, year: year)
        if let known = lock.withLock({ phrases[key] }) { return known }
        let found = compute()
        lock.withLock {
            if phrases.count >= PeriodMemo.capacity { phrases.removeAll() }
            phrases[key] = .some(found)
        }
        return found
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let isoDate = /(?:^|\D)(\d{4})-(\d{2})-(\d{2})(?!\d)/
    nonisolated(unsafe) static let compactDate = /(?:^|[^\d\s])((?:19|20)\d{2})(\d{2})(\d{2})(?![\s\d])/
    nonisolated(unsafe) static let shortDate = /(?:^|[^\d-])(\d{2})-(\d{2})-(\d{2})(?![\d-])/
    nonisolated(unsafe) static let year = /(?:^|[^\d-])((?:19|20)\d{2})(?![\d-]|\s\d{3}\b)/
    nonisolated(unsafe) static let dayMonthSpan = /(\d{1,2})\s*(\p{L}+)\.?\s*(\d{4})?\s*(?:-|–|—|till och med|t\.o\.m\.?|tom)\s*(\d{1,2})\s*(\p{L}+)\.?\s*(\d{4})?/
    nonisolated(unsafe) static let monthSpan = /\b(\p{L}+)\.?\s*(?:-|–|—|till och med|t\.o\.m\.?|tom)\s*(\d{1,2}\s+)?(\p{L}+)\b/
    nonisolated(unsafe) static let perDayMonth = /\bper\s+(?:den\s+)?(\d{1,2})\s+(\p{L}+)/
    nonisolated(unsafe) static let throughMonth = /(?:till och med|t\.o\.m\.?|\btom)\s+(\d{1,2}\s+)?(\p{L}+)/
    nonisolated(unsafe) static let quarters = /kvartal\s+([1-4])(?:\s*(?:och|-|–|till)\s*([1-4]))?/
    nonisolated(unsafe) static let qQuarters = /\bq([1-4])(?:\s*[-–]\s*q([1-4]))?\b/
    nonisolated(unsafe) static let tertial = /tertial\w*\s*([1-3])\b/
    nonisolated(unsafe) static let halfYear = /\b(första\s+)?halvår/
}
