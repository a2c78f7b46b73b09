import Foundation
import FinsamModel

/// Finds the tables in one document (or one part of a board paper) and reads them: blocks → tables →
/// columns and rows → units.
struct TableScanner {
    let file: String
    let lines: [ReportLine]
    let range: Range<Int>
    let document: DocumentContext

    func tables(diagnostics: inout [Diagnostic]) -> [Table] {
        let finder = TableBlocks(lines: lines)
        var raws: [RawTable] = []
        for block in finder.blocks(in: range) {
            for segment in finder.segments(block: block, context: titleAbove) {
                if let raw = TableLayout(segment: segment, document: document).read() { raws.append(raw) }
            }
        }
        let resolver = ScaleResolver(reference: ScaleResolver.reference(of: raws))
        return raws.map { raw in
            let (columns, cells, notes) = resolver.resolve(raw, diagnostics: &diagnostics, file: file)
            var rows: [Row] = []
            rows.reserveCapacity(raw.rows.count)
            // Each row's fields read in place and the row built in the array: no copy of a whole raw row or row.
            for r in raw.rows.indices {
                rows.append(
                    Row(
                        label: raw.rows[r].label, qualifier: raw.rows[r].qualifier, noteRefs: raw.rows[r].noteRefs, style: raw.rows[r].style,
                        cells: cells[r], source: SourceLocation(file: file, line: raw.rows[r].line.number, column: raw.rows[r].labelField),
                        mappingNote: raw.rows[r].labelNote, remark: raw.rows[r].remark, period: raw.rows[r].period))
            }
            let title = TableScanner.cleanTitle(raw.title)
            // A match starts with `not` in either case (no other letter folds to those).
            let startsWithNot = title.utf8.count >= 3 && zip(title.utf8, "not".utf8).allSatisfy { $0 | 0x20 == $1 }
            let noteNumber = raw.noteNumber ?? (startsWithNot ? title.firstMatch(of: Patterns.noteTitle).map { String($0.1) } : nil)
            let kind = TableKinds.kind(title: title, noteNumber: noteNumber, columns: columns, rows: rows)
            // Only what the headers did not say themselves: an inferred scenario, a period from elsewhere.
            var inferred: [(Int, String)] = []
            for (c, rc) in raw.columns.enumerated() where !rc.meaning.scenarioPrinted || !rc.meaning.periodPrinted {
                var parts: [String] = []
                if !rc.meaning.scenarioPrinted { parts.append("\(rc.meaning.scenario.rawValue) antaget") }
                if !rc.meaning.periodPrinted { parts.append("period från \(rc.meaning.periodReason)") }
                inferred.append((c + 1, parts.joined(separator: ", ")))
            }
            let periodNotes = TableScanner.grouped(inferred)
            return Table(
                title: title, kind: kind, noteNumber: noteNumber, columns: columns, rows: rows,
                source: SourceLocation(file: file, line: raw.titleLine ?? raw.firstLine), readingNotes: raw.readingNotes + notes + periodNotes)
        }
    }

    /// `kolumn 1–5: utfall antaget` rather than five lines saying the same.
    static func grouped(_ notes: [(column: Int, text: String)]) -> [String] {
        var out: [String] = []
        var k = 0
        while k < notes.count {
            var j = k
            while j + 1 < notes.count && notes[j + 1].text == notes[k].text && notes[j + 1].column == notes[j].column + 1 { j += 1 }
            let columns = j > k ? "kolumn \(notes[k].column)–\(notes[j].column)" : "kolumn \(notes[k].column)"
            out.append("\(columns): \(notes[k].text)")
            k = j + 1
        }
        return out
    }

    /// `3. Resultaträkning` → `Resultaträkning`; `RESULTATRÄKNING` → `Resultaträkning`.
    static func cleanTitle(_ raw: String) -> String {
        var t = Trim.ascii(raw, " *#:")
        // A match starts with a digit: an ASCII first byte that is none needs no search.
        if let first = t.utf8.first, first >= 0x80 || ASCIINumber.isDigit(first), let m = t.firstMatch(of: Patterns.sectionNumber) {
            t = String(t[m.range.upperBound...])
        }
        // A lower-case ASCII letter is never in an upper-cased text: most titles need no upper-casing to tell.
        if !t.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) && t == t.uppercased() && t.contains(where: \.isLetter) { t = t.prefix(1) + t.dropFirst().lowercased() }
        return t
    }

    /// `Patterns.subtitle` on a lower-cased line; by its words' bytes first where the line is Latin-1 text.
    static func isSubtitle(_ lower: String) -> Bool {
        // Every match starts with one of these.
        if Latin1Text.hasPrefixIgnoringCase(lower, ["belopp i", "delårsbokslut", "bokslut ", "samordningsförbundet "]) == false { return false }
        return lower.firstMatch(of: Patterns.subtitle) != nil
    }

    /// `Patterns.signature` on a lower-cased line: a match holds `förbundschef`, `ordförande` or a comma.
    static func isSignature(_ lower: String) -> Bool {
        if Latin1Text.containsIgnoringCase(lower, "förbundschef") == false, Latin1Text.containsIgnoringCase(lower, "ordförande") == false,
           !lower.utf8.contains(UInt8(ascii: ","))
        {
            return false
        }
        return lower.firstMatch(of: Patterns.signature) != nil
    }

    /// The title of a table starting at line index `start`: a caption right above it, else the nearest heading,
    /// else the nearest short line. Also the lines that may name the unit.
    func titleAbove(_ start: Int) -> (title: String, line: Int?, context: [String]) {
        var k = start - 1
        var nonBlank = 0
        var context: [String] = []
        var fallback: (String, Int)?
        while k >= range.lowerBound && k >= start - 16 {
            let line = lines[k]
            k -= 1
            if line.isBlank || Furniture.isFurniture(line) { continue }
            if line.isTabular { break }
            nonBlank += 1
            let text = line.text
            let short = Latin1Text.countIsAtMost(text, 90)
            if short { context.append(text) }
            if line.headingLevel > 0 { return (text, line.number, context) }
            // The line is lower-cased only for the tests that need it, and only once.
            let startsWithNot = Latin1Text.lowercasedHasPrefix(text, "not ")
            var isCaption = startsWithNot
            if !isCaption && short && !text.hasSuffix(":") && !(text.hasSuffix(".") && text.contains(" ")) {
                let lower = text.lowercased()
                isCaption = !TableScanner.isSubtitle(lower) && !TableScanner.isSignature(lower) && PeriodText.dates(in: text).count < 1
            }
            if isCaption && nonBlank <= 3 && fallback == nil { return (text, line.number, context) }
            if isCaption && fallback == nil && short { fallback = (text, line.number) }
        }
        if let fallback { return (fallback.0, fallback.1, context) }
        return ("", nil, context)
    }
}

enum TableKinds {
    static func kind(title: String, noteNumber: String?, columns: [Column], rows: [Row]) -> TableKind {
        let t = title.lowercased()
        if noteNumber != nil || t.hasPrefix("not ") { return .not }
        if TextSearch.contains(t, "resultaträkning") { return .resultatrakning }
        if TextSearch.contains(t, "balansräkning") { return .balansrakning }
        if TextSearch.contains(t, "kassaflöde") { return .kassaflodesanalys }
        if TextSearch.contains(t, "driftsredovisning") || TextSearch.contains(t, "kostnadsfördelning") { return .driftsredovisning }
        if TextSearch.contains(t, "balanskrav") { return .balanskrav }
        if TextSearch.contains(t, "deltagare") || columns.contains(where: { $0.unit == .personer && GenderColumn.isGenderHeader($0.header) }) { return .deltagare }
        let scenarios = Set(columns.map(\.scenario))
        if TextSearch.contains(t, "prognos") && scenarios.contains(.prognos) { return .prognos }
        if scenarios.contains(.budget) || scenarios.contains(.prognos) { return .budget }
        if TextSearch.contains(t, "nyckeltal") { return .nyckeltal }
        let years = columns.compactMap(\.period).map(\.end.year)
        if TextSearch.contains(t, "översikt") || TextSearch.contains(t, "jämförelse med tidigare år") || TextSearch.contains(t, "flerårs") || Set(years).count >= 3 {
            return .flerarsoversikt
        }
        // Each label is lower-cased only where it is not Latin-1 text; the byte tests answer for the rest.
        if rows.contains(where: { Latin1Text.containsIgnoringCase($0.label, "summa tillgångar") ?? $0.label.lowercased().contains("summa tillgångar") }) {
            return .balansrakning
        }
        if rows.contains(where: { Latin1Text.hasPrefixIgnoringCase($0.label, ["kassaflöde"]) ?? $0.label.lowercased().hasPrefix("kassaflöde") }) {
            return .kassaflodesanalys
        }
        if rows.contains(where: { row in
            Latin1Text.hasPrefixIgnoringCase(row.label, ["årets resultat", "periodens resultat"])
                ?? { let l = row.label.lowercased(); return l.hasPrefix("årets resultat") || l.hasPrefix("periodens resultat") }()
        }) && rows.contains(where: { row in
            Latin1Text.hasPrefixIgnoringCase(row.label, ["verksamhetens intäkter", "verksamhetens kostnader"])
                ?? { let l = row.label.lowercased(); return l.hasPrefix("verksamhetens intäkter") || l.hasPrefix("verksamhetens kostnader") }()
        }) {
            return .resultatrakning
        }
        return .other
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let noteTitle = /^(?i:not)\s+(\d+)\b/
    nonisolated(unsafe) static let sectionNumber = /^\d+(\.\d+)*\.?\s+(?=\p{L})/
    nonisolated(unsafe) static let subtitle = /^(belopp i|delårsbokslut|bokslut \d|samordningsförbundet .*\d{6}-\d{4})/
    nonisolated(unsafe) static let signature = /förbundschef|ordförande|^\p{L}+ \p{L}+, \p{L}+$/
}
