import Foundation

/// Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending with an
/// apostrophe, not `History`, and unique without regard to case.
struct SheetNames {
    private var used = Set<String>()

    static let maxLength = 31

    static func clean(_ wanted: String) -> String {
        // Most names need nothing done: say so from their scalars, without Foundation's trimming.
        isClean(wanted) ? wanted : cleanedByRule(wanted)
    }

    /// `clean` for any name.
    static func cleanedByRule(_ wanted: String) -> String {
        var s = String(wanted.map { "[]:*?/\\".contains($0) || $0.isNewline || $0 == "\t" ? "-" : $0 })
        s = s.trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        if s.isEmpty { s = "Blad" }
        return String(s.prefix(maxLength)).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
    }

    /// Whether `clean` would return `name` as it is: no forbidden character, line break or tab, no apostrophe
    /// or space at either end, not empty and not too long.
    static func isClean(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard first != "'", first != " ", last != "'", last != " " else { return false }
        for scalar in scalars {
            switch scalar.value {
            case ..<0x20, 0x7F, 0x85, 0x2028, 0x2029: return false
            case 0x5B, 0x5D, 0x3A, 0x2A, 0x3F, 0x2F, 0x5C: return false  // [ ] : * ? / \
            default: continue
            }
        }
        return name.count <= maxLength
    }

    /// Reserves a fixed name (the summary sheets).
    mutating func reserve(_ name: String) -> String {
        unique(name)
    }

    /// `wanted`, cleaned; with ` (2)`, ` (3)` … when taken.
    mutating func unique(_ wanted: String) -> String {
        let base = SheetNames.clean(wanted)
        var name = base
        var n = 2
        while used.contains(name.lowercased()) || name.lowercased() == "history" {
            let suffix = " (\(n))"
            name = String(base.prefix(SheetNames.maxLength - suffix.count)).trimmingCharacters(in: .whitespaces) + suffix
            n += 1
        }
        used.insert(name.lowercased())
        return name
    }

    /// `Östra Södertörn ÅR 2023`, shortening the organisation rather than the document label.
    static func compose(_ organisation: String, _ label: String) -> String {
        let room = maxLength - label.count - 1
        guard room >= 4 else { return String((organisation + " " + label).prefix(maxLength)) }
        let org = organisation.count > room ? String(organisation.prefix(room - 1)).trimmingCharacters(in: .whitespaces) + "…" : organisation
        return org + " " + label
    }
}
