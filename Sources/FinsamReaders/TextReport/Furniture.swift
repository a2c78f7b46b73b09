import Foundation
import FinsamModel

/// What the page around the text leaves in it: page numbers, the auditors' initials box, signature lines,
/// tables of contents. None of it is part of a table, and none of its numbers are figures.
enum Furniture {
    /// Regex values are immutable once built; they are only read here.
    nonisolated(unsafe) static let pageFurniture =
        /(?i)(sign\w*ring|signering|signtering) av justerare|på varje sida|justerandes signatur|utdragsbestyrkande|sida \d+( av \d+)?|\d{1,3}|\.{3,}|namnförtydligande|-{2,}|—+|_{3,}/

    static func isFurniture(_ line: ReportLine) -> Bool {
        var t = line.text
        if t.isEmpty { return false }
        if let page = t.withUTF8({ PageFurniture.matches($0) }) {
            if page { return true }
        } else if let first = t.first, first.isNumber || "sSpPjJuUnN.-—_".contains(first), t.wholeMatch(of: pageFurniture) != nil {
            // Every match of the pattern starts with one of these (a digit for `\d{1,3}`).
            return true
        }
        // A field whose first byte is ASCII and draws no rule starts with a character that draws none.
        if let first = line.fields.first(where: { !$0.isEmpty })?.utf8.first, first < 0x80, !PageFurniture.asciiRule(first) { return false }
        // Markdown table rules: `--\t-----`.
        return line.nonEmptyFields.allSatisfy { field in field.count >= 2 && field.allSatisfy { Furniture.ruleCharacters.contains($0) } }
    }

    /// A table-of-contents entry: dot leaders before a page number, `Resultaträkning .....	20`.
    static func isContents(_ line: ReportLine) -> Bool {
        // Both tests need two dots in a row.
        guard line.hasDoubleDot else { return false }
        return line.fields.contains {
            TextSearch.bytes(of: "..", in: $0) && $0.firstMatch(of: Patterns.dotLeaders) != nil || TextSearch.contains($0, "....")
        }
    }

    /// The UTF-8 length of `text` without the ` `, `#`, `*` and `:` at its ends (each an ASCII byte, so a scalar).
    static func trimmedByteCount(_ text: String) -> Int {
        let bytes = text.utf8
        func trimmed(_ b: UInt8) -> Bool { b == 0x20 || b == UInt8(ascii: "#") || b == UInt8(ascii: "*") || b == UInt8(ascii: ":") }
        let lead = bytes.prefix { trimmed($0) }.count
        if lead == bytes.count { return 0 }
        var trail = 0
        for b in bytes.reversed() {
            guard trimmed(b) else { break }
            trail += 1
        }
        return bytes.count - lead - trail
    }

    /// What a markdown table rule is drawn with (`[-—–_=:| ]{2,}`, checked without a regex).
    static let ruleCharacters: Set<Character> = ["-", "—", "–", "_", "=", ":", "|", " "]

    /// A heading that announces a table of contents.
    static func isContentsHeading(_ line: ReportLine) -> Bool {
        // The headings have at most 22 scalars in any spelling String equality accepts (21 characters, `å` and `ö`
        // decomposed), and lower-casing never gives fewer scalars: a text whose core (the bytes inside the trimmed
        // ` #*:`) is longer than 22 scalars of four bytes is none of them.
        if Furniture.trimmedByteCount(line.text) > 88 { return false }
        // Each heading has `nneh`; no other character lower-cases to those ASCII letters.
        guard line.fields.contains(where: { TextSearch.bytes(ofIgnoringCase: "nneh", in: $0) }) else { return false }
        let t = line.text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " #*:"))
        return t == "innehåll" || t == "innehållsförteckning" || t == "innehåll och struktur"
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let ruleOfDashes = /[-—–_=:| ]{2,}/
    nonisolated(unsafe) static let dotLeaders = /\.{2,}\s*\d*$/
}

/// `Furniture.pageFurniture` by bytes for text of printable ASCII and precomposed Latin-1 letters (`å`, `ö`,
/// `×`: U+00C0…U+00FF), where every scalar is a character of its own. Letters are compared in either case, as
/// `(?i)` does; no Latin-1 character folds to an ASCII letter. `—+` cannot match such a text.
enum PageFurniture {
    /// Whether the whole text is page furniture; nil for any other text (the regex decides).
    static func matches(_ t: UnsafeBufferPointer<UInt8>) -> Bool? {
        // Every match starts with a digit, `.`, `-`, `_`, `—` (not ASCII) or a letter of `s`, `p`, `j`, `u`, `n` in
        // either case (no other ASCII letter folds to them): any other ASCII first byte decides it without a scan.
        if let first = t.first, first < 0x80, !ASCIINumber.isDigit(first) {
            switch first | 0x20 {
            case UInt8(ascii: "s"), UInt8(ascii: "p"), UInt8(ascii: "j"), UInt8(ascii: "u"), UInt8(ascii: "n"): break
            default: if first != UInt8(ascii: ".") && first != UInt8(ascii: "-") && first != UInt8(ascii: "_") { return false }
            }
        }
        var k = 0
        while k < t.count {
            let b = t[k]
            if b >= 0x20 && b <= 0x7E {
                k += 1
            } else if b == 0xC3 && k + 1 < t.count && t[k + 1] >= 0x80 && t[k + 1] <= 0xBF {
                k += 2
            } else {
                return nil
            }
        }
        let n = t.count
        guard n > 0 else { return false }
        let digit = ASCIINumber.isDigit
        func lower(_ i: Int) -> UInt8 { t[i] >= 0x41 && t[i] <= 0x5A ? t[i] | 0x20 : t[i] }
        func word(_ w: StaticString, at i: Int) -> Bool {
            w.withUTF8Buffer { w in i + w.count <= n && w.indices.allSatisfy { lower(i + $0) == w[$0] } }
        }
        func all(_ from: Int, _ to: Int, _ test: (UInt8) -> Bool) -> Bool { (from..<to).allSatisfy { test(t[$0]) } }
        // \d{1,3}, \.{3,}, -{2,}, _{3,}
        if n <= 3 && all(0, n, digit) { return true }
        if n >= 3 && all(0, n, { $0 == UInt8(ascii: ".") }) { return true }
        if n >= 2 && all(0, n, { $0 == UInt8(ascii: "-") }) { return true }
        if n >= 3 && all(0, n, { $0 == UInt8(ascii: "_") }) { return true }
        // (sign\w*ring|signering|signtering) av justerare: the last two are cases of the first.
        let tail = " av justerare"
        if n >= 8 + tail.utf8.count && word("sign", at: 0) && word("ring av justerare", at: n - 17) && wordCharacters(t, 4, n - 17) {
            return true
        }
        // på varje sida, namnförtydligande: `å` is C3 A5 (Å C3 85), `ö` C3 B6 (Ö C3 96).
        if n == 14 && lower(0) == UInt8(ascii: "p") && t[1] == 0xC3 && (t[2] == 0xA5 || t[2] == 0x85) && word(" varje sida", at: 3) { return true }
        if n == 18 && word("namnf", at: 0) && t[5] == 0xC3 && (t[6] == 0xB6 || t[6] == 0x96) && word("rtydligande", at: 7) { return true }
        if n == 20 && word("justerandes signatur", at: 0) { return true }
        if n == 18 && word("utdragsbestyrkande", at: 0) { return true }
        // sida \d+( av \d+)?
        if n >= 6 && word("sida ", at: 0) {
            var i = 5
            while i < n && digit(t[i]) { i += 1 }
            if i == 5 { return false }
            if i == n { return true }
            guard word(" av ", at: i) else { return false }
            i += 4
            let digitsStart = i
            while i < n && digit(t[i]) { i += 1 }
            return i == n && i > digitsStart
        }
        return false
    }

    /// `\w*` over bytes `from..<to`: ASCII letters, digits and `_`, and the Latin-1 letters (all of
    /// U+00C0…U+00FF but `×` and `÷`).
    private static func wordCharacters(_ t: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            let b = t[i]
            if b == 0xC3 {
                guard i + 1 < to, t[i + 1] != 0x97, t[i + 1] != 0xB7 else { return false }
                i += 2
                continue
            }
            guard ASCIINumber.isDigit(b) || b == UInt8(ascii: "_") || (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") else {
                return false
            }
            i += 1
        }
        return true
    }

    /// The ASCII characters of `Furniture.ruleCharacters`.
    static func asciiRule(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: "=") || b == UInt8(ascii: ":") || b == UInt8(ascii: "|") || b == 0x20
    }
}
