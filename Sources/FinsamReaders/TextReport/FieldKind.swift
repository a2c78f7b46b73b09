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
        let t = Trim.spaces(field)
        if t.isEmpty { return .empty }
        // Most fields are words: only a field starting with a digit, a sign, a parenthesis, a dash or `Not`
        // can be anything else.
        guard let head = t.first, head.isNumber || "-−–—(+".contains(head) || head == "N" || head == "n" else { return .text }
        if t.count > 40 { return .text }
        // Each pattern is tried only where the text has what every match of it starts with or contains.
        let century = t.utf8.starts(with: "19".utf8) || t.utf8.starts(with: "20".utf8)
        if century && t.wholeMatch(of: Patterns.year) != nil { return .year }
        if (head == "N" || head == "n") && t.wholeMatch(of: Patterns.noteReference) != nil { return .noteRef }
        if let first = t.first, first.isNumber || first == "-" || first == "(" || first == "+" || first == "−" || first == "–" {
            if century && t.wholeMatch(of: Patterns.compactDate) != nil { return .date }
            let dash = t.utf8.contains(UInt8(ascii: "-"))
            if dash && t.firstMatch(of: Patterns.isoDate) != nil && t.wholeMatch(of: Patterns.dateWithWords) != nil { return .date }
            if dash && t.wholeMatch(of: Patterns.shortDate) != nil { return .date }
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

/// `trimmingCharacters(in: .whitespaces)` without the trip through NSString when there is nothing to trim.
enum Trim {
    static func spaces(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return text }
        // An ASCII character other than space and tab at both ends: nothing a trim would take.
        if first < 0x80, last < 0x80, first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// `trimmingCharacters(in: CharacterSet(charactersIn: set))` for a set of ASCII characters, by bytes: the
    /// trim goes scalar by scalar, and an ASCII byte is always a scalar of its own.
    static func ascii(_ text: String, _ set: StaticString) -> String {
        set.withUTF8Buffer { chars in
            let bytes = text.utf8
            var start = bytes.startIndex, end = bytes.endIndex
            while start < end, chars.contains(bytes[start]) { start = bytes.index(after: start) }
            while end > start, chars.contains(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
            if start == bytes.startIndex && end == bytes.endIndex { return text }
            return String(Substring(bytes[start..<end]))
        }
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
