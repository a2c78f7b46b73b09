import Foundation
import FinsamModel

/// What the page around the text leaves in it: page numbers, the auditors' initials box, signature lines,
/// tables of contents. None of it is part of a table, and none of its numbers are figures.
enum Furniture {
    /// Regex values are immutable once built; they are only read here.
    nonisolated(unsafe) static let pageFurniture =
        /(?i)(sign\w*ring|signering|signtering) av justerare|på varje sida|justerandes signatur|utdragsbestyrkande|sida \d+( av \d+)?|\d{1,3}|\.{3,}|namnförtydligande|-{2,}|—+|_{3,}/

    static func isFurniture(_ line: ReportLine) -> Bool {
        let t = line.text
        if t.isEmpty { return false }
        // Every match of the pattern starts with one of these (a digit for `\d{1,3}`).
        if let first = t.first, first.isNumber || "sSpPjJuUnN.-—_".contains(first), t.wholeMatch(of: pageFurniture) != nil { return true }
        // Markdown table rules: `--\t-----`.
        return line.nonEmptyFields.allSatisfy { field in field.count >= 2 && field.allSatisfy { Furniture.ruleCharacters.contains($0) } }
    }

    /// A table-of-contents entry: dot leaders before a page number, `Resultaträkning .....	20`.
    static func isContents(_ line: ReportLine) -> Bool {
        line.fields.contains {
            TextSearch.bytes(of: "..", in: $0) && $0.firstMatch(of: Patterns.dotLeaders) != nil || TextSearch.contains($0, "....")
        }
    }

    /// What a markdown table rule is drawn with (`[-—–_=:| ]{2,}`, checked without a regex).
    static let ruleCharacters: Set<Character> = ["-", "—", "–", "_", "=", ":", "|", " "]

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
