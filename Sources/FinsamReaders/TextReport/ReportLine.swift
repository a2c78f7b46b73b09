import Foundation
import FinsamModel

/// One line of an extracted report: its tab-separated fields with markup removed, and the style hints the
/// markup gave (bold and italic mark totals more often than not).
struct ReportLine {
    var number: Int
    var raw: String
    var fields: [String]
    var style: RowStyle
    /// `# Title`, `## Section`: markdown heading level, 0 when not a heading.
    var headingLevel: Int

    var isBlank: Bool { fields.allSatisfy { $0.isEmpty } }
    var isTabular: Bool { fields.count >= 2 }
    /// The line as plain text.
    var text: String { fields.filter { !$0.isEmpty }.joined(separator: " ") }

    init(number: Int, raw: String) {
        self.number = number
        self.raw = raw
        var style: RowStyle = []
        var level = 0
        var body = Substring(raw)
        while body.first == "#" { level += 1; body = body.dropFirst() }
        if level > 0 && body.first != " " { level = 0; body = Substring(raw) }
        headingLevel = level
        fields = body.split(separator: "\t", omittingEmptySubsequences: false).map { field in
            let (text, s) = Markup.strip(field)
            style.formUnion(s)
            return text
        }
        self.style = style
    }
}

/// HTML and markdown left by the PDF extraction.
enum Markup {
    /// Removes tags and `**` emphasis; bold/italic/underline survive as style.
    static func strip(_ field: Substring) -> (String, RowStyle) {
        var style: RowStyle = []
        var out = ""
        out.reserveCapacity(field.count)
        var i = field.startIndex
        while i < field.endIndex {
            let c = field[i]
            if c == "<", let close = field[i...].firstIndex(of: ">") {
                let tag = field[field.index(after: i)..<close].lowercased()
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter }
                switch name {
                case "b", "strong": style.insert(.bold)
                case "i", "em": style.insert(.italic)
                case "u": style.insert(.underline)
                case "li", "p", "br", "ul", "ol": out.append(" ")
                default: break
                }
                if name == "sup" && !tag.hasPrefix("/") {
                    // Footnote markers are not part of labels or numbers.
                    if let end = field[close...].range(of: "</sup>") {
                        i = end.upperBound
                        continue
                    }
                }
                i = field.index(after: close)
                continue
            }
            if c == "*" && field[i...].hasPrefix("**") {
                style.insert(.bold)
                i = field.index(i, offsetBy: 2)
                continue
            }
            out.append(c)
            i = field.index(after: i)
        }
        let collapsed = out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return (collapsed.trimmingCharacters(in: .whitespaces), style)
    }
}

