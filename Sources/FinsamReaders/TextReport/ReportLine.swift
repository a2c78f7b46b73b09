import Foundation
import FinsamModel

/// One line of an extracted report: its tab-separated fields with markup removed, and the style hints the
/// markup gave (bold and italic mark totals more often than not).
///
/// A class, immutable once read: the table finder passes lines around in arrays, rows and segments many
/// times over, and a reference is one count to keep where a struct of arrays and strings is five.
final class ReportLine: Sendable {
    let number: Int
    let raw: String
    let fields: [String]
    /// Style of each field (bold, italic, underline), same indexes as `fields`.
    let fieldStyles: [RowStyle]
    let style: RowStyle
    /// `# Title`, `## Section`: markdown heading level, 0 when not a heading.
    let headingLevel: Int
    /// What each field holds (same indexes as `fields`), worked out once.
    let kinds: [FieldKind]
    /// No field has text.
    let isBlank: Bool
    /// The line as plain text: its non-empty fields joined by spaces (asked of most lines several times).
    let text: String

    /// A line of a table: at least two tab-separated fields, one of them not empty.
    var isTabular: Bool { fields.count >= 2 && !isBlank }
    var nonEmptyFields: [String] { fields.filter { !$0.isEmpty } }
    /// Every field bold (or the line is a markdown heading): a title or a section header rather than prose.
    var isEmphasised: Bool {
        headingLevel > 0 || zip(fields, fieldStyles).allSatisfy { $0.isEmpty || $1.contains(.bold) }
    }

    init(number: Int, raw: String, shared: SharedLineArrays = .process) {
        self.number = number
        self.raw = raw
        var level = 0
        var body = Substring(raw)
        while body.first == "#" { level += 1; body = body.dropFirst() }
        if level > 0 && body.first != " " { level = 0; body = Substring(raw) }
        headingLevel = level
        var fields: [String] = []
        var styles: [RowStyle] = []
        // Split at tab bytes: a tab is a character of its own (a grapheme break on both sides of a control), so
        // this is `split(separator: "\t")`. Plain fields are copied as they are; the rest go to `Markup.strip`.
        let bodyStart = raw.utf8.distance(from: raw.startIndex, to: body.startIndex)
        var owner = raw
        owner.withUTF8 { bytes in
            let count = 1 + bytes[bodyStart...].reduce(0) { $0 + ($1 == 0x09 ? 1 : 0) }
            fields.reserveCapacity(count)
            styles.reserveCapacity(count)
            var start = bodyStart
            var i = bodyStart
            let n = bytes.count
            while true {
                if i == n || bytes[i] == 0x09 {
                    let piece = UnsafeBufferPointer(rebasing: bytes[start..<i])
                    if Markup.isPlain(bytes: piece) {
                        fields.append(String(decoding: piece, as: UTF8.self))
                        styles.append([])
                    } else {
                        let utf8 = raw.utf8
                        let field = Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: i)])
                        let (text, s) = Markup.stripMarkup(field)
                        fields.append(text)
                        styles.append(text.isEmpty ? [] : s)
                    }
                    if i == n { break }
                    start = i + 1
                }
                i += 1
            }
        }
        self.fields = fields
        // A line of prose has one field; its kind is only asked of table lines. Blank and prose lines (most of a
        // report) share the one-element arrays instead of allocating their own.
        if fields.count == 1 {
            kinds = fields[0].isEmpty ? shared.emptyKinds : shared.textKinds
            fieldStyles = styles[0].isEmpty ? shared.noStyles : styles
        } else {
            kinds = fields.count >= 2 ? fields.map(FieldKind.of) : []
            fieldStyles = styles
        }
        self.style = styles.reduce(into: RowStyle()) { $0.formUnion($1) }
        (isBlank, text) = ReportLine.plainText(fields)
    }

    /// `line` with other fields (a header cut out of a note line); everything else, kinds included, as it was.
    init(_ line: ReportLine, fields: [String]) {
        number = line.number
        raw = line.raw
        self.fields = fields
        fieldStyles = line.fieldStyles
        style = line.style
        headingLevel = line.headingLevel
        kinds = line.kinds
        (isBlank, text) = ReportLine.plainText(fields)
    }


    private static func plainText(_ fields: [String]) -> (blank: Bool, text: String) {
        var nonEmpty = 0
        var only = ""
        for f in fields where !f.isEmpty {
            nonEmpty += 1
            only = f
        }
        if nonEmpty <= 1 { return (nonEmpty == 0, only) }
        return (false, fields.filter { !$0.isEmpty }.joined(separator: " "))
    }
}

/// The one-element arrays that prose and blank lines share. A reader makes its own per file: one set for the
/// whole process would have its reference counts written by every reader thread, line after line.
struct SharedLineArrays: Sendable {
    let emptyKinds: [FieldKind] = [.empty]
    let textKinds: [FieldKind] = [.text]
    let noStyles: [RowStyle] = [[]]

    static let process = SharedLineArrays()
}

/// HTML and markdown left by the PDF extraction.
enum Markup {
    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": " ", "apos": "'", "ndash": "–", "mdash": "—",
    ]

    /// Removes tags, `**`/`*` emphasis, escapes and link targets; bold/italic/underline survive as style.
    static func strip(_ field: Substring) -> (String, RowStyle) {
        isPlain(field) ? (String(field), []) : stripMarkup(field)
    }

    /// `strip` for a field that has markup (or spaces to collapse).
    static func stripMarkup(_ field: Substring) -> (String, RowStyle) {
        var f = Substring(field)
        if let done = f.withUTF8({ MarkupBytes.strip($0) }) { return done }
        return stripMarkupByCharacters(field)
    }

    /// `stripMarkup` character by character: the general code.
    static func stripMarkupByCharacters(_ field: Substring) -> (String, RowStyle) {
        var style: RowStyle = []
        var out = ""
        out.reserveCapacity(field.count)
        var i = field.startIndex
        while i < field.endIndex {
            let c = field[i]
            if c == "<", let close = field[i...].firstIndex(of: ">") {
                let tag = field[field.index(after: i)..<close].lowercased()
                let closing = tag.hasPrefix("/")
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter }
                if !name.isEmpty {
                    switch name {
                    case "b", "strong": style.insert(.bold)
                    case "i", "em": style.insert(.italic)
                    case "u": style.insert(.underline)
                    case "li", "p", "br", "ul", "ol", "div", "td", "tr": out.append(" ")
                    default: break
                    }
                    if name == "sup" && !closing, let end = field[close...].range(of: "</sup>") {
                        // Footnote markers are not part of labels or numbers.
                        i = end.upperBound
                        continue
                    }
                    i = field.index(after: close)
                    continue
                }
            }
            if c == "&", let semi = field[i...].prefix(8).firstIndex(of: ";") {
                let name = String(field[field.index(after: i)..<semi])
                if let replacement = entities[name] {
                    out += replacement
                    i = field.index(after: semi)
                    continue
                }
            }
            if c == "\\", let next = field.index(i, offsetBy: 1, limitedBy: field.endIndex), next < field.endIndex,
               "*_#[]()\\-.".contains(field[next])
            {
                out.append(field[next])
                i = field.index(after: next)
                continue
            }
            if c == "*" {
                if field[i...].hasPrefix("**") {
                    style.insert(.bold)
                    i = field.index(i, offsetBy: 2)
                    continue
                }
                // `*italic*` as markdown writes it; a lone `*` (a footnote mark) is dropped too.
                style.insert(.italic)
                i = field.index(after: i)
                continue
            }
            if c == "[", let (text, end) = link(in: field, at: i) {
                out += text
                i = end
                continue
            }
            out.append(c)
            i = field.index(after: i)
        }
        if let collapsed = collapsedSpaces(out) { return (collapsed, style) }
        let collapsed = out.split(separator: " ").joined(separator: " ")
        return (collapsed.trimmingCharacters(in: .whitespaces), style)
    }

    /// Runs of spaces made one and spaces and tabs trimmed from the ends, by bytes, for text of ASCII and
    /// precomposed Latin-1 letters (where a space is a character of its own and the only whitespace is space and
    /// tab); nil for any other text.
    static func collapsedSpaces(_ text: String) -> String? {
        var t = text
        return t.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var k = 0
            while k < bytes.count {
                let b = bytes[k]
                k += 1
                if b >= 0x80 {
                    guard b == 0xC3, k < bytes.count, bytes[k] >= 0x80, bytes[k] <= 0xBF else { return nil }
                    out.append(b)
                    out.append(bytes[k])
                    k += 1
                    continue
                }
                if b == 0x20 && (out.isEmpty || out.last == 0x20) { continue }
                out.append(b)
            }
            var start = 0, end = out.count
            while start < end && (out[start] == 0x20 || out[start] == 0x09) { start += 1 }
            while end > start && (out[end - 1] == 0x20 || out[end - 1] == 0x09) { end -= 1 }
            return String(decoding: out[start..<end], as: UTF8.self)
        }
    }

    /// Most fields carry no markup: no tag, entity, escape, emphasis or link, no space to collapse or trim.
    /// Those `strip` would return unchanged.
    static func isPlain(_ field: Substring) -> Bool { isPlain(bytes: field.utf8) }

    static func isPlain(bytes: some BidirectionalCollection<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        // Trimming takes any Unicode space at the ends: only ASCII ends are known not to be one.
        guard first < 0x80, last < 0x80, first != 0x20, last != 0x20 else { return false }
        var previous: UInt8 = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "["): return false
            case 0x20 where previous == 0x20: return false
            default: previous = b
            }
        }
        return true
    }

    /// `[text](target)` → text.
    private static func link(in field: Substring, at start: Substring.Index) -> (String, Substring.Index)? {
        guard let closeBracket = field[start...].firstIndex(of: "]") else { return nil }
        let afterBracket = field.index(after: closeBracket)
        guard afterBracket < field.endIndex, field[afterBracket] == "(",
              let closeParen = field[afterBracket...].firstIndex(of: ")")
        else { return nil }
        return (String(field[field.index(after: start)..<closeBracket]), field.index(after: closeParen))
    }
}

/// `Markup.stripMarkup` by bytes for a field of ASCII and precomposed Latin-1 letters (U+00C0…U+00FF) without
/// CR: there every scalar is a character of its own, markup is ASCII, letters are ASCII or C3 xx but for `×`
/// and `÷`, and lower-casing a Latin-1 letter never gives an ASCII one.
enum MarkupBytes {
    static func strip(_ f: UnsafeBufferPointer<UInt8>) -> (String, RowStyle)? {
        let n = f.count
        var k = 0
        while k < n {
            let b = f[k]
            if b < 0x80 {
                if b == 0x0D { return nil }
                k += 1
            } else if b == 0xC3 && k + 1 < n && f[k + 1] >= 0x80 && f[k + 1] <= 0xBF {
                k += 2
            } else {
                return nil
            }
        }
        func first(_ byte: UInt8, from: Int) -> Int? {
            var j = from
            while j < n { if f[j] == byte { return j }; j += 1 }
            return nil
        }
        func isLetter(at j: Int) -> Int? {
            let b = f[j]
            if (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") { return 1 }
            if b == 0xC3 && f[j + 1] != 0x97 && f[j + 1] != 0xB7 { return 2 }
            return nil
        }
        var style: RowStyle = []
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var i = 0
        while i < n {
            let c = f[i]
            if c == UInt8(ascii: "<"), let close = first(UInt8(ascii: ">"), from: i + 1) {
                var j = i + 1
                let closing = j < close && f[j] == UInt8(ascii: "/")
                while j < close && f[j] == UInt8(ascii: "/") { j += 1 }
                let nameStart = j
                var ascii = true
                while j < close, let width = isLetter(at: j) {
                    if width == 2 { ascii = false }
                    j += width
                }
                if j > nameStart {
                    let name = ascii ? String(decoding: f[nameStart..<j].map { $0 | 0x20 }, as: UTF8.self) : ""
                    switch name {
                    case "b", "strong": style.insert(.bold)
                    case "i", "em": style.insert(.italic)
                    case "u": style.insert(.underline)
                    case "li", "p", "br", "ul", "ol", "div", "td", "tr": out.append(0x20)
                    default: break
                    }
                    if name == "sup" && !closing, let end = find(Array("</sup>".utf8), in: f, from: close) {
                        // Footnote markers are not part of labels or numbers.
                        i = end
                        continue
                    }
                    i = close + 1
                    continue
                }
            }
            if c == UInt8(ascii: "&") {
                // `;` within the eight characters from `&`.
                var j = i, characters = 0
                var semi: Int?
                while j < n && characters < 8 {
                    if f[j] == UInt8(ascii: ";") { semi = j; break }
                    j += f[j] == 0xC3 ? 2 : 1
                    characters += 1
                }
                if let semi, let replacement = Markup.entities[String(decoding: f[(i + 1)..<semi], as: UTF8.self)] {
                    out += replacement.utf8
                    i = semi + 1
                    continue
                }
            }
            if c == UInt8(ascii: "\\"), i + 1 < n, "*_#[]()\\-.".utf8.contains(f[i + 1]) {
                out.append(f[i + 1])
                i += 2
                continue
            }
            if c == UInt8(ascii: "*") {
                if i + 1 < n && f[i + 1] == UInt8(ascii: "*") {
                    style.insert(.bold)
                    i += 2
                    continue
                }
                style.insert(.italic)
                i += 1
                continue
            }
            if c == UInt8(ascii: "["), let closeBracket = first(UInt8(ascii: "]"), from: i + 1), closeBracket + 1 < n,
               f[closeBracket + 1] == UInt8(ascii: "("), let closeParen = first(UInt8(ascii: ")"), from: closeBracket + 1)
            {
                out += f[(i + 1)..<closeBracket]
                i = closeParen + 1
                continue
            }
            out.append(c)
            i += 1
        }
        let text = String(decoding: out, as: UTF8.self)
        if let collapsed = Markup.collapsedSpaces(text) { return (collapsed, style) }
        return (text.split(separator: " ").joined(separator: " ").trimmingCharacters(in: .whitespaces), style)
    }

    /// The end of the first occurrence of `needle` in `f` at or after `from`.
    private static func find(_ needle: [UInt8], in f: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard needle.count <= f.count else { return nil }
        var i = from
        while i + needle.count <= f.count {
            if needle.indices.allSatisfy({ f[i + $0] == needle[$0] }) { return i + needle.count }
            i += 1
        }
        return nil
    }
}
