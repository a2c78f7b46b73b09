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
        var f = field
        if let kind = f.withUTF8({ ofASCII($0) }) { return kind }
        return ofCharacters(field)
    }

    /// `of` for a field of printable ASCII (space to `~`), where every byte is a character: the patterns below
    /// as byte tests. A field with precomposed Latin-1 letters too (U+00C0…U+00FF, none of them a number or a
    /// space) is decided here only when its first character makes it text. Nil for any other field, which goes
    /// to the general code.
    static func ofASCII(_ field: UnsafeBufferPointer<UInt8>) -> FieldKind? {
        // A field whose first byte after spaces is printable ASCII but no digit, `-`, `(`, `+`, `N` or `n` is text
        // whatever follows: the general code trims the same spaces and sees a first character that is none of
        // those (a combining mark after it makes no number, sign or `N` of it). Most labels are decided here
        // without the byte check below.
        var lead = 0
        while lead < field.count && field[lead] == 0x20 { lead += 1 }
        if lead < field.count {
            let b = field[lead]
            if b > 0x20 && b <= 0x7E && !ASCIINumber.isDigit(b) && b != UInt8(ascii: "-") && b != UInt8(ascii: "(") && b != UInt8(ascii: "+")
                && b != UInt8(ascii: "N") && b != UInt8(ascii: "n")
            {
                return .text
            }
        }
        var ascii = true
        var k = 0
        while k < field.count {
            let b = field[k]
            if b >= 0x20 && b <= 0x7E {
                k += 1
            } else if b == 0xC3 && k + 1 < field.count && field[k + 1] >= 0x80 && field[k + 1] <= 0xBF {
                ascii = false
                k += 2
            } else {
                return nil
            }
        }
        var start = 0, end = field.count
        while start < end && field[start] == 0x20 { start += 1 }
        while end > start && field[end - 1] == 0x20 { end -= 1 }
        if start == end { return .empty }
        let t = UnsafeBufferPointer(rebasing: field[start..<end])
        let head = t[0]
        let digit = ASCIINumber.isDigit
        let noteHead = head == UInt8(ascii: "N") || head == UInt8(ascii: "n")
        guard digit(head) || head == UInt8(ascii: "-") || head == UInt8(ascii: "(") || head == UInt8(ascii: "+") || noteHead else { return .text }
        if !ascii { return nil }
        let n = t.count
        if n > 40 { return .text }
        let century = n >= 2 && (t[0] == UInt8(ascii: "1") && t[1] == UInt8(ascii: "9") || t[0] == UInt8(ascii: "2") && t[1] == UInt8(ascii: "0"))
        // (19|20)\d{2}
        if century && n == 4 && digit(t[2]) && digit(t[3]) { return .year }
        if noteHead && isNoteReference(t) { return .noteRef }
        if !noteHead {
            // (19|20)\d{2}(0[1-9]|1[0-2])([0-2]\d|3[01])
            if century && n == 8 && t.allSatisfy(digit) {
                let month = Int(t[4] - 0x30) * 10 + Int(t[5] - 0x30)
                let day = t[6] == UInt8(ascii: "3") ? (t[7] <= UInt8(ascii: "1") ? 1 : 0) : (t[6] <= UInt8(ascii: "2") ? 1 : 0)
                if month >= 1 && month <= 12 && day == 1 { return .date }
            }
            if t.contains(UInt8(ascii: "-")) {
                // An ISO date somewhere in a field of digits, spaces, dashes, parentheses, letters and dots.
                if hasISODate(t) && t.allSatisfy({ digit($0) || $0 == 0x20 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "(")
                        || $0 == UInt8(ascii: ")") || $0 == UInt8(ascii: ".") || ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") })
                {
                    return .date
                }
                // \d{2}-\d{2}-\d{2}
                if n == 8 && digit(t[0]) && digit(t[1]) && t[2] == UInt8(ascii: "-") && digit(t[3]) && digit(t[4]) && t[5] == UInt8(ascii: "-")
                    && digit(t[6]) && digit(t[7])
                {
                    return .date
                }
            }
        }
        switch ASCIINumber.parse(t) {
        case .decided(.some): return .figure
        case .dash: return .dash
        case .decided(nil): break
        case .general: return nil
        }
        if SwedishNumber.parsePair(String(decoding: t, as: UTF8.self)) != nil { return .pair }
        return .text
    }

    /// `(?i)not\s+\d+([,\s]+\d+)*` as a whole, for ASCII without tabs or line breaks: `not`, spaces, then digits,
    /// commas and spaces beginning and ending with a digit.
    private static func isNoteReference(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        guard n >= 5, t[0] | 0x20 == UInt8(ascii: "n"), t[1] | 0x20 == UInt8(ascii: "o"), t[2] | 0x20 == UInt8(ascii: "t"), t[3] == 0x20 else { return false }
        var i = 4
        while i < n && t[i] == 0x20 { i += 1 }
        guard i < n, ASCIINumber.isDigit(t[i]), ASCIINumber.isDigit(t[n - 1]) else { return false }
        while i < n {
            let b = t[i]
            guard ASCIINumber.isDigit(b) || b == 0x20 || b == UInt8(ascii: ",") else { return false }
            i += 1
        }
        return true
    }

    /// `\d{4}-\d{2}-\d{2}` anywhere.
    private static func hasISODate(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        guard n >= 10 else { return false }
        let digit = ASCIINumber.isDigit
        for i in 0...(n - 10)
        where digit(t[i]) && digit(t[i + 1]) && digit(t[i + 2]) && digit(t[i + 3]) && t[i + 4] == UInt8(ascii: "-") && digit(t[i + 5])
            && digit(t[i + 6]) && t[i + 7] == UInt8(ascii: "-") && digit(t[i + 8]) && digit(t[i + 9])
        {
            return true
        }
        return false
    }

    /// `of` character by character: the general code.
    static func ofCharacters(_ field: String) -> FieldKind {
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
        var f = field
        if let decided = f.withUTF8({ NoteReferenceBytes.refs($0) }) { return decided }
        return noteRefsByPatterns(in: field)
    }

    /// `noteRefs` by the patterns: the general code.
    static func noteRefsByPatterns(in field: String) -> [String]? {
        let t = field.trimmingCharacters(in: .whitespaces)
        guard t.wholeMatch(of: Patterns.noteReferences) != nil else { return nil }
        return t.matches(of: Patterns.noteNumber).map { String($0.output) }
    }
}

/// `FieldKind.noteRefs` by bytes for printable ASCII (where `\s` is a space and every byte a character): the whole
/// match of `(?i)(not\s*)?\d{1,2}[a-z]?(\s*[,&och]+\s*\d{1,2}[a-z]?)*` run as a set of states (the pattern
/// backtracks where a letter could end a number or begin `och`), then the `\d{1,2}[a-z]?` matches left to right.
enum NoteReferenceBytes {
    /// nil when the field is not printable ASCII (the patterns decide); `.some(nil)` when it holds no references.
    static func refs(_ field: UnsafeBufferPointer<UInt8>) -> [String]?? {
        for b in field where b < 0x20 || b > 0x7E { return .none }
        var start = 0, end = field.count
        while start < end && field[start] == 0x20 { start += 1 }
        while end > start && field[end - 1] == 0x20 { end -= 1 }
        guard wholeMatch(field, start, end) else { return .some(nil) }
        var out: [String] = []
        var i = start
        while i < end {
            guard ASCIINumber.isDigit(field[i]) else { i += 1; continue }
            var j = i + 1
            if j < end && ASCIINumber.isDigit(field[j]) { j += 1 }
            if j < end && field[j] >= UInt8(ascii: "a") && field[j] <= UInt8(ascii: "z") { j += 1 }
            out.append(String(decoding: UnsafeBufferPointer(rebasing: field[i..<j]), as: UTF8.self))
            i = j
        }
        return .some(out)
    }

    // States: a digit expected; spaces or a digit; one digit read; two digits; a letter after them; spaces
    // before a separator; in the separators.
    private static let digitNext: UInt8 = 1, spacesThenDigit: UInt8 = 2, oneDigit: UInt8 = 4, twoDigits: UInt8 = 8, letter: UInt8 = 16,
        spacesThenSeparator: UInt8 = 32, separators: UInt8 = 64

    static func wholeMatch(_ t: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var states = digitNext
        // `not` can only be the optional prefix: no number starts with a letter.
        if end - start >= 3, t[i] | 0x20 == UInt8(ascii: "n"), t[i + 1] | 0x20 == UInt8(ascii: "o"), t[i + 2] | 0x20 == UInt8(ascii: "t") {
            states = spacesThenDigit
            i += 3
        }
        while i < end && states != 0 {
            let b = t[i]
            let digit = ASCIINumber.isDigit(b)
            let space = b == 0x20
            let lower = b | 0x20
            let isLetter = lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
            let isSeparator = b == UInt8(ascii: ",") || b == UInt8(ascii: "&") || lower == UInt8(ascii: "o") || lower == UInt8(ascii: "c")
                || lower == UInt8(ascii: "h")
            var next: UInt8 = 0
            let endOfNumber = states & (oneDigit | twoDigits | letter) != 0
            if digit && states & (digitNext | spacesThenDigit | separators) != 0 { next |= oneDigit }
            if digit && states & oneDigit != 0 { next |= twoDigits }
            if isLetter && states & (oneDigit | twoDigits) != 0 { next |= letter }
            if space && (endOfNumber || states & spacesThenSeparator != 0) { next |= spacesThenSeparator }
            if isSeparator && (endOfNumber || states & (spacesThenSeparator | separators) != 0) { next |= separators }
            if space && states & (spacesThenDigit | separators) != 0 { next |= spacesThenDigit }
            states = next
            i += 1
        }
        return states & (oneDigit | twoDigits | letter) != 0
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
