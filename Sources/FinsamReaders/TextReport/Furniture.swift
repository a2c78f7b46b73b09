import Foundation

/// What the page around the text leaves in it: page numbers, the auditors' initials box, signature lines,
/// tables of contents. None of it is part of a table, and none of its numbers are figures.
enum Furniture {
    /// Regex values are immutable once built; they are only read here.
    nonisolated(unsafe) static let pageFurniture =
        /(?i)(sign\w*ring|signering|signtering) av justerare|på varje sida|justerandes signatur|utdragsbestyrkande|sida \d+( av \d+)?|\d{1,3}|\.{3,}|namnförtydligande|-{2,}|—+|_{3,}/

    static func isFurniture(_ line: ReportLine) -> Bool {
        let t = line.text
        if t.isEmpty { return false }
        if t.wholeMatch(of: pageFurniture) != nil { return true }
        // Markdown table rules: `--\t-----`.
        return line.nonEmptyFields.allSatisfy { $0.wholeMatch(of: Patterns.ruleOfDashes) != nil }
    }

    /// A table-of-contents entry: dot leaders before a page number, `Resultaträkning .....	20`.
    static func isContents(_ line: ReportLine) -> Bool {
        line.fields.contains { $0.contains("..") && $0.firstMatch(of: Patterns.dotLeaders) != nil || $0.contains("....") }
    }

    /// A heading that announces a table of contents.
    static func isContentsHeading(_ line: ReportLine) -> Bool {
        let t = line.text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " #*:"))
        return t == "innehåll" || t == "innehållsförteckning" || t == "innehåll och struktur"
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let ruleOfDashes = /[-—–_=:| ]{2,}/
    nonisolated(unsafe) static let dotLeaders = /\.{2,}\s*\d*$/
}
