import Foundation
import FinsamModel

/// One line of an extracted report: its tab-separated fields with markup removed, and the style hints the
/// markup gave (bold and italic mark totals more often than not).
struct ReportLine: Sendable {
    var number: Int
    var raw: String
    var fields: [String]
    /// Style of each field (bold, italic, underline), same indexes as `fields`.
    var fieldStyles: [RowStyle]
    var style: RowStyle
    /// `# Title`, `## Section`: markdown heading level, 0 when not a heading.
    var headingLevel: Int
    /// What each field holds (same indexes as `fields`), worked out once.
    var kinds: [FieldKind]

    var isBlank: Bool { fields.allSatisfy { $0.isEmpty } }
    /// A line of a table: at least two tab-separated fields, one of them not empty.
    var isTabular: Bool { fields.count >= 2 && !isBlank }
    /// The line as plain text.
    var text: String { fields.filter { !$0.isEmpty }.joined(separator: " ") }
    var nonEmptyFields: [String] { fields.filter { !$0.isEmpty } }
    /// Every field bold (or the line is a markdown heading): a title or a section header rather than prose.
    var isEmphasised: Bool {
        headingLevel > 0 || zip(fields, fieldStyles).allSatisfy { $0.isEmpty || $1.contains(.bold) }
    }

    init(number: Int, raw: String) {
        self.number = number
        self.raw = raw
        var level = 0
        var body = Substring(raw)
        while body.first == "#" { level += 1; body = body.dropFirst() }
        if level > 0 && body.first != " " { level = 0; body = Substring(raw) }
        headingLevel = level
        var fields: [String] = []
        var styles: [RowStyle] = []
        for field in body.split(separator: "\t", omittingEmptySubsequences: false) {
            let (text, s) = Markup.strip(field)
            fields.append(text)
            styles.append(text.isEmpty ? [] : s)
        }
        self.fields = fields
        // A line of prose has one field; its kind is only asked of table lines.
        self.kinds = fields.count >= 2 ? fields.map(FieldKind.of) : fields.map { $0.isEmpty ? .empty : .text }
        self.fieldStyles = styles
        self.style = styles.reduce(into: RowStyle()) { $0.formUnion($1) }
    }
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
        let collapsed = out.split(separator: " ").joined(separator: " ")
        return (collapsed.trimmingCharacters(in: .whitespaces), style)
    }

    /// Most fields carry no markup: no tag, entity, escape, emphasis or link, no space to collapse or trim.
    /// Those `strip` would return unchanged.
    static func isPlain(_ field: Substring) -> Bool {
        let bytes = field.utf8
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
