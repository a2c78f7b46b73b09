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
            for (r, rr) in raw.rows.enumerated() {
                var row = Row(
                    label: rr.label, qualifier: rr.qualifier, noteRefs: rr.noteRefs, style: rr.style, cells: cells[r],
                    source: SourceLocation(file: file, line: rr.line.number, column: rr.labelField), remark: rr.remark, period: rr.period)
                row.mappingNote = rr.labelNote
                rows.append(row)
            }
            let title = TableScanner.cleanTitle(raw.title)
            let noteNumber = raw.noteNumber ?? title.firstMatch(of: RXTableScanner.r0).map { String($0.1) }
            let kind = TableKinds.kind(title: title, noteNumber: noteNumber, columns: columns, rows: rows)
            var periodNotes: [String] = []
            for (c, rc) in raw.columns.enumerated() {
                periodNotes.append("kolumn \(c + 1) ”\(rc.header.isEmpty ? "–" : rc.header)”: \(rc.meaning.scenarioPrinted ? "scenario enligt rubriken" : "scenario antaget"), period från \(rc.meaning.periodReason)")
            }
            return Table(
                title: title, kind: kind, noteNumber: noteNumber, columns: columns, rows: rows,
                source: SourceLocation(file: file, line: raw.titleLine ?? raw.firstLine), readingNotes: raw.readingNotes + notes + periodNotes)
        }
    }

    /// `3. Resultaträkning` → `Resultaträkning`; `RESULTATRÄKNING` → `Resultaträkning`.
    static func cleanTitle(_ raw: String) -> String {
        var t = raw.trimmingCharacters(in: CharacterSet(charactersIn: " *#:"))
        if let m = t.firstMatch(of: RXTableScanner.r1) { t = String(t[m.range.upperBound...]) }
        if t == t.uppercased() && t.contains(where: \.isLetter) { t = t.prefix(1) + t.dropFirst().lowercased() }
        return t
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
            if text.count <= 90 { context.append(text) }
            if line.headingLevel > 0 { return (text, line.number, context) }
            let lower = text.lowercased()
            let isCaption = text.count <= 90 && !text.hasSuffix(":") && !(text.hasSuffix(".") && text.contains(" ") && !lower.hasPrefix("not "))
                && lower.firstMatch(of: RXTableScanner.r2) == nil
                && lower.firstMatch(of: RXTableScanner.r3) == nil
                && PeriodText.dates(in: text).count < 1 || lower.hasPrefix("not ")
            if isCaption && nonBlank <= 3 && fallback == nil { return (text, line.number, context) }
            if isCaption && fallback == nil && text.count <= 90 { fallback = (text, line.number) }
        }
        if let fallback { return (fallback.0, fallback.1, context) }
        return ("Tabell rad \(lines[start].number)", nil, context)
    }
}

enum TableKinds {
    static func kind(title: String, noteNumber: String?, columns: [Column], rows: [Row]) -> TableKind {
        let t = title.lowercased()
        if noteNumber != nil || t.hasPrefix("not ") { return .not }
        if t.contains("resultaträkning") { return .resultatrakning }
        if t.contains("balansräkning") { return .balansrakning }
        if t.contains("kassaflöde") { return .kassaflodesanalys }
        if t.contains("driftsredovisning") || t.contains("kostnadsfördelning") { return .driftsredovisning }
        if t.contains("balanskrav") { return .balanskrav }
        if t.contains("deltagare") || columns.contains(where: { $0.unit == .personer && GenderColumn.isGenderHeader($0.header) }) { return .deltagare }
        let scenarios = Set(columns.map(\.scenario))
        if t.contains("prognos") && scenarios.contains(.prognos) { return .prognos }
        if scenarios.contains(.budget) || scenarios.contains(.prognos) { return .budget }
        if t.contains("nyckeltal") { return .nyckeltal }
        let years = columns.compactMap(\.period).filter { $0.start != nil || true }.map(\.end.year)
        if t.contains("översikt") || t.contains("jämförelse med tidigare år") || t.contains("flerårs") || Set(years).count >= 3 {
            return .flerarsoversikt
        }
        let labels = rows.map { $0.label.lowercased() }
        if labels.contains(where: { $0.contains("summa tillgångar") }) { return .balansrakning }
        if labels.contains(where: { $0.hasPrefix("kassaflöde") }) { return .kassaflodesanalys }
        if labels.contains(where: { $0.hasPrefix("årets resultat") || $0.hasPrefix("periodens resultat") })
            && labels.contains(where: { $0.hasPrefix("verksamhetens intäkter") || $0.hasPrefix("verksamhetens kostnader") })
        {
            return .resultatrakning
        }
        return .other
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum RXTableScanner {
    nonisolated(unsafe) static let r0 = /^(?i:not)\s+(\d+)\b/
    nonisolated(unsafe) static let r1 = /^\d+(\.\d+)*\.?\s+(?=\p{L})/
    nonisolated(unsafe) static let r2 = /^(belopp i|delårsbokslut|bokslut \d|samordningsförbundet .*\d{6}-\d{4})/
    nonisolated(unsafe) static let r3 = /förbundschef|ordförande|^\p{L}+ \p{L}+, \p{L}+$/
}
