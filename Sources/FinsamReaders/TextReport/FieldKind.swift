import Foundation

/// What one tab-separated field holds.
enum FieldKind: Equatable {
    case empty
    /// A printed figure: `10 014 000`, `-745`, `(1 234)`, `32%`, `17 157 195 kr`, `12,094`.
    case figure
    /// Two figures, the second a part of the first: `66% (55%)`, `5 (4)`.
    case pair
    /// `-`, `–`: nothing (or zero) printed as a dash.
    case dash
    /// `2023`: a year, which in a header or an `År` column is a period, not a figure.
    case year
    /// `2023-06-30`, `20240630`, `2023-01-01 -2023-12-31 (6 mån)`: a date or a period.
    case date
    /// `Not 2`: a reference to a note.
    case noteRef
    case text

    var isFigure: Bool { self == .figure || self == .pair }

    static func of(_ field: String) -> FieldKind {
        let t = field.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .empty }
        // Most fields are words: only a field starting with a digit, a sign, a parenthesis, a dash or `Not`
        // can be anything else.
        guard let head = t.first, head.isNumber || "-−–—(+".contains(head) || head == "N" || head == "n" else { return .text }
        if t.count > 40 { return .text }
        if t.wholeMatch(of: Patterns.year) != nil { return .year }
        if t.wholeMatch(of: Patterns.noteReference) != nil { return .noteRef }
        if let first = t.first, first.isNumber || first == "-" || first == "(" || first == "+" || first == "−" || first == "–" {
            if t.wholeMatch(of: Patterns.compactDate) != nil { return .date }
            if t.firstMatch(of: Patterns.isoDate) != nil && t.wholeMatch(of: Patterns.dateWithWords) != nil { return .date }
            if t.wholeMatch(of: Patterns.shortDate) != nil { return .date }
        }
        switch SwedishNumber.parse(t) {
        case .number?: return .figure
        case .dash?: return .dash
        case nil: break
        }
        if SwedishNumber.parsePair(t) != nil { return .pair }
        return .text
    }

    /// `2`, `3,4`, `Not 2`, `2, 3`: what a note column holds.
    static func noteRefs(in field: String) -> [String]? {
        let t = field.trimmingCharacters(in: .whitespaces)
        guard t.wholeMatch(of: Patterns.noteReferences) != nil else { return nil }
        return t.matches(of: Patterns.noteNumber).map { String($0.output) }
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let year = /(19|20)\d{2}/
    nonisolated(unsafe) static let noteReference = /(?i)not\s+\d+([,\s]+\d+)*/
    nonisolated(unsafe) static let compactDate = /(19|20)\d{2}(0[1-9]|1[0-2])([0-2]\d|3[01])/
    nonisolated(unsafe) static let isoDate = /\d{4}-\d{2}-\d{2}/
    nonisolated(unsafe) static let dateWithWords = /[\d\s\-–()a-zåäöA-ZÅÄÖ.]*/
    nonisolated(unsafe) static let shortDate = /\d{2}-\d{2}-\d{2}/
    nonisolated(unsafe) static let noteReferences = /(?i)(not\s*)?\d{1,2}[a-z]?(\s*[,&och]+\s*\d{1,2}[a-z]?)*/
    nonisolated(unsafe) static let noteNumber = /\d{1,2}[a-z]?/
}
