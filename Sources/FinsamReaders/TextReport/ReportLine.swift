import Foundation
import FinsamModel

/// One line of an extracted report: its tab-separated fields with markup removed, and the style hints the
/// markup gave (bold and italic mark totals more often than not).
///
/// A class, immutable once read: the table finder passes lines around in arrays, rows and segments many
/// times over, and a reference is one count to keep where a struct of arrays and strings is five.
final class ReportLine: Sendable {
    let number: Int
    /// Everything read from the line, kept as built: copying it field by field into properties of their own
    /// cost a retain and a release of each array and string per line.
    private let parts: LineParts

    var fields: [String] { parts.fields }
    /// Style of each field (bold, italic, underline), same indexes as `fields`.
    var fieldStyles: [RowStyle] { parts.fieldStyles }
    var style: RowStyle { parts.style }
    /// `# Title`, `## Section`: markdown heading level, 0 when not a heading.
    var headingLevel: Int { parts.headingLevel }
    /// What each field holds (same indexes as `fields`), worked out once.
    var kinds: [FieldKind] { parts.kinds }
    /// No field has text.
    var isBlank: Bool { parts.isBlank }
    /// The line as plain text: its non-empty fields joined by spaces (asked of most lines several times).
    var text: String { parts.text }
    /// ASCII digits in the line as printed (markup included): an organisation number needs ten.
    var digitCount: Int { parts.digitCount }
    /// False when no field has two dots in a row, which every table-of-contents entry has (true may also mean
    /// dots that markup came between).
    var hasDoubleDot: Bool { parts.hasDoubleDot }

    /// A line of a table: at least two tab-separated fields, one of them not empty.
    var isTabular: Bool { fields.count >= 2 && !isBlank }
    var nonEmptyFields: [String] { fields.filter { !$0.isEmpty } }
    /// Every field bold (or the line is a markdown heading): a title or a section header rather than prose.
    var isEmphasised: Bool {
        headingLevel > 0 || zip(fields, fieldStyles).allSatisfy { $0.isEmpty || $1.contains(.bold) }
    }

    convenience init(number: Int, raw: String, shared: SharedLineArrays = .process) {
        var owner = raw
        let parts = owner.withUTF8 { LineParts(bytes: $0, shared: shared) }
        self.init(number: number, parts: parts)
    }

    /// The line from its bytes (UTF-8 of a valid String, without line breaks).
    convenience init(number: Int, bytes: UnsafeBufferPointer<UInt8>, shared: SharedLineArrays) {
        self.init(number: number, parts: LineParts(bytes: bytes, shared: shared))
    }

    private init(number: Int, parts: LineParts) {
        self.number = number
        self.parts = parts
    }

    /// `line` with other fields (a header cut out of a note line); everything else, kinds included, as it was.
    init(_ line: ReportLine, fields: [String]) {
        number = line.number
        var parts = line.parts
        parts.fields = fields
        (parts.isBlank, parts.text) = ReportLine.plainText(fields)
        parts.hasDoubleDot = fields.contains { TextSearch.bytes(of: "..", in: $0) }
        self.parts = parts
    }

    static func plainText(_ fields: [String]) -> (blank: Bool, text: String) {
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

/// What `ReportLine` holds, read from the line's bytes in one pass: heading marks, tab-separated fields (plain
/// fields copied as they are, the rest through `Markup.stripMarkup`), their kinds and styles, and the plain text.
///
/// Each property is set once, from locals, at the end: defaults overwritten, or a property passed `inout` while
/// the rest is still being worked out, made the whole struct be copied out of a temporary for every line.
private struct LineParts: Sendable {
    var fields: [String]
    var fieldStyles: [RowStyle]
    var style: RowStyle
    var headingLevel: Int
    var kinds: [FieldKind]
    var isBlank: Bool
    var text: String
    var digitCount: Int
    var hasDoubleDot: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, shared: SharedLineArrays) {
        let n = bytes.count
        var level = 0
        let bodyStart = LineParts.heading(bytes, level: &level)
        headingLevel = level
        // Tabs by `memchr`: a line of prose has none, and is long.
        var tabs = 0
        if let base = bytes.baseAddress {
            var p = bodyStart
            while p < n, let hit = memchr(base + p, 0x09, n - p) {
                tabs += 1
                p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        var digits = 0
        let count = tabs + 1
        // A line of prose has one field, held on its own until the end (a blank line shares its array).
        var fields: [String] = []
        var single = ""
        if count > 1 { fields.reserveCapacity(count) }
        // A line of prose (one field) keeps its style in `lineStyle` and shares the arrays of kinds and styles;
        // a table line works out each field's kind as the field is cut, from its bytes when it is plain.
        // Styles are gathered only from the first field with one: most table lines have none, and share an array.
        var styles: [RowStyle] = []
        var styled = false
        var kinds: [FieldKind] = []
        if count > 1 { kinds.reserveCapacity(count) }
        var lineStyle: RowStyle = []
        var nonEmpty = 0
        var textBytes = 0
        var dotPair = false
        // Each field found by `memchr` and scanned a word at a time (`FieldScan`): `Markup.isPlain` (no markup byte,
        // no double space, ASCII ends that are not spaces), two dots together, and the digits.
        var start = bodyStart
        while true {
            var i = n
            if start < n, let base = bytes.baseAddress, let hit = memchr(base + start, 0x09, n - start) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            var plain = true
            if i > start {
                let found = FieldScan.scan(bytes.baseAddress!, from: start, to: i)
                digits += found.digits
                if found.doubleDot { dotPair = true }
                if found.markupOrDoubleSpace { plain = false }
            }
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<i])
            if i > start {
                let first = bytes[start], last = bytes[i - 1]
                if first >= 0x80 || last >= 0x80 || first == 0x20 || last == 0x20 { plain = false }
            }
            let field: String
            if plain {
                field = String(decoding: piece, as: UTF8.self)
                if count > 1 {
                    if styled { styles.append([]) }
                    // A plain field is its bytes: the byte test on them answers as `FieldKind.of` on the field.
                    kinds.append(FieldKind.ofASCII(piece) ?? FieldKind.of(field))
                }
            } else {
                let (stripped, s) = Markup.stripMarkup(bytes: piece)
                field = stripped
                let style: RowStyle = stripped.isEmpty ? [] : s
                lineStyle.formUnion(style)
                if count > 1 {
                    if !styled && !style.isEmpty {
                        styled = true
                        styles.reserveCapacity(count)
                        styles.append(contentsOf: repeatElement([], count: fields.count))
                    }
                    if styled { styles.append(style) }
                    kinds.append(FieldKind.of(stripped))
                }
                if !dotPair { dotPair = TextSearch.bytes(of: "..", in: stripped) }
            }
            if !field.isEmpty {
                nonEmpty += 1
                textBytes += field.utf8.count
            }
            if count > 1 { fields.append(field) } else { single = field }
            if i == n { break }
            start = i + 1
        }
        hasDoubleDot = dotPair
        // The heading marks before `bodyStart` are `#`s: every digit is in the body.
        digitCount = digits
        style = lineStyle
        if count == 1 {
            // A line of prose has one field; its kind is only asked of table lines. Blank and prose lines (most of
            // a report) share the one-element arrays instead of allocating their own.
            self.kinds = single.isEmpty ? shared.emptyKinds : shared.textKinds
            fieldStyles = lineStyle.isEmpty ? shared.noStyles : [lineStyle]
            isBlank = single.isEmpty
            text = single
            self.fields = single.isEmpty ? shared.emptyFields : [single]
        } else {
            self.kinds = kinds
            // Most table lines carry no markup: the all-plain styles of a width are one shared array.
            fieldStyles = styled ? styles : shared.noStyles(count: count) ?? Array(repeating: [], count: count)
            self.fields = fields
            isBlank = nonEmpty == 0
            if nonEmpty <= 1 {
                text = fields.first { !$0.isEmpty } ?? ""
            } else {
                // `fields.filter { !$0.isEmpty }.joined(separator: " ")`, copied into one buffer.
                text = String(unsafeUninitializedCapacity: textBytes + nonEmpty - 1) { out in
                    var k = 0
                    for var f in fields where !f.isEmpty {
                        if k > 0 {
                            out[k] = 0x20
                            k += 1
                        }
                        f.withUTF8 { src in
                            out.baseAddress!.advanced(by: k).update(from: src.baseAddress!, count: src.count)
                            k += src.count
                        }
                    }
                    return k
                }
            }
        }
    }

    /// The markdown heading level and where the body starts after `#`s and the space. By bytes where the bytes
    /// after the marks cannot be part of their characters (ASCII, a Latin-1 letter, or the end); by characters
    /// otherwise, as `Substring.first` sees them.
    private static func heading(_ bytes: UnsafeBufferPointer<UInt8>, level: inout Int) -> Int {
        let n = bytes.count
        var k = 0
        while k < n && bytes[k] == UInt8(ascii: "#") { k += 1 }
        if k == 0 { level = 0; return 0 }
        func simple(_ j: Int) -> Bool { j >= n || bytes[j] < 0x80 || bytes[j] == 0xC3 }
        if simple(k) && (bytes.count == k || bytes[k] != 0x20 || simple(k + 1)) {
            if k < n && bytes[k] == 0x20 { level = k; return k }
            level = 0
            return 0
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        var body = Substring(raw)
        var l = 0
        while body.first == "#" { l += 1; body = body.dropFirst() }
        if l > 0 && body.first != " " { level = 0; return 0 }
        level = l
        return raw.utf8.distance(from: raw.startIndex, to: body.startIndex)
    }
}

/// The one-element arrays that prose and blank lines share. A reader makes its own per file: one set for the
/// whole process would have its reference counts written by every reader thread, line after line.
///
/// A class: a struct of five arrays passed to each line cost five retains and releases per line.
final class SharedLineArrays: Sendable {
    let emptyKinds: [FieldKind] = [.empty]
    let textKinds: [FieldKind] = [.text]
    let noStyles: [RowStyle] = [[]]
    let emptyFields: [String] = [""]
    /// `Array(repeating: [], count: k)` for the widths table lines mostly have, by k.
    let noStylesByWidth: [[RowStyle]] = (0..<13).map { Array(repeating: [], count: $0) }

    func noStyles(count: Int) -> [RowStyle]? { count < noStylesByWidth.count ? noStylesByWidth[count] : nil }

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

    /// `stripMarkup` for a field given as the UTF-8 bytes of a whole field (cut at tabs or line ends).
    static func stripMarkup(bytes: UnsafeBufferPointer<UInt8>) -> (String, RowStyle) {
        if let done = MarkupBytes.strip(bytes) { return done }
        return stripMarkupByCharacters(Substring(String(decoding: bytes, as: UTF8.self)))
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
        return t.withUTF8 { collapsedSpaces(bytes: $0) }
    }

    /// `collapsedSpaces` of the text these UTF-8 bytes spell, written straight into the result.
    static func collapsedSpaces(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            k += 1
            if b >= 0x80 {
                guard b == 0xC3, k < bytes.count, bytes[k] >= 0x80, bytes[k] <= 0xBF else { return nil }
                k += 1
            }
        }
        // Trimmed ends first (a run of spaces or tabs at either end goes whole), then runs of spaces made one.
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return String(unsafeUninitializedCapacity: end - start) { out in
            var n = 0
            var previous: UInt8 = 0
            for i in start..<end {
                let b = bytes[i]
                if b == 0x20 && previous == 0x20 { continue }
                out[n] = b
                n += 1
                previous = b
            }
            return n
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
                    // The name compared by its bytes (ASCII letters, lower-cased by `| 0x20`): no string per tag.
                    func named(_ word: StaticString) -> Bool {
                        ascii && word.withUTF8Buffer { w in w.count == j - nameStart && w.indices.allSatisfy { f[nameStart + $0] | 0x20 == w[$0] } }
                    }
                    if named("b") || named("strong") {
                        style.insert(.bold)
                    } else if named("i") || named("em") {
                        style.insert(.italic)
                    } else if named("u") {
                        style.insert(.underline)
                    } else if named("li") || named("p") || named("br") || named("ul") || named("ol") || named("div") || named("td") || named("tr") {
                        out.append(0x20)
                    }
                    if !closing && named("sup"), let end = find(Array("</sup>".utf8), in: f, from: close) {
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
        if let collapsed = out.withUnsafeBufferPointer({ Markup.collapsedSpaces(bytes: $0) }) { return (collapsed, style) }
        let text = String(decoding: out, as: UTF8.self)
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
