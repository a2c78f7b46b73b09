import Foundation
import FinsamModel

/// Finds tables in the lines of a report and reads their columns and rows.
///
/// A table is a run of tab-separated lines; blank lines and page furniture (`Sida 20`, `Signering av
/// justerare`) inside it are skipped. Header lines carry no figures; numbers align from the right.
struct TableScanner {
    let file: String
    let lines: [ReportLine]
    let documentPeriod: Period?

    /// Regex values are immutable once built; they are only read here.
    nonisolated(unsafe) static let furniture = /(?i)sign\w*ring av justerare|på varje sida|sida \d+( av \d+)?|\d{1,3}|\.{3,}|namnförtydligande/

    static func isFurniture(_ line: ReportLine) -> Bool {
        line.text.wholeMatch(of: furniture) != nil
    }

    /// Table of contents lines: `Resultaträkning .....	20`.
    static func isContents(_ line: ReportLine) -> Bool {
        line.fields.contains { $0.hasSuffix("..") || $0.contains("....") }
    }

    func tables() -> [Table] {
        var result: [Table] = []
        var i = 0
        while i < lines.count {
            guard lines[i].isTabular, !TableScanner.isContents(lines[i]) else { i += 1; continue }
            var block: [ReportLine] = []
            var j = i
            while j < lines.count {
                let line = lines[j]
                if line.isTabular && !TableScanner.isContents(line) {
                    block.append(line)
                    j += 1
                } else if line.isBlank || TableScanner.isFurniture(line) {
                    // Continue over furniture only when the table goes on after it.
                    var k = j
                    while k < lines.count && (lines[k].isBlank || TableScanner.isFurniture(lines[k])) { k += 1 }
                    if k < lines.count && lines[k].isTabular && !TableScanner.isContents(lines[k]) && k - j <= 8
                        && !block.isEmpty && !startsNewTable(lines[k])
                    {
                        j = k
                    } else {
                        break
                    }
                } else {
                    break
                }
            }
            if let table = read(block: block, startIndex: i) { result.append(table) }
            i = max(j, i + 1)
        }
        return result
    }

    /// A header line after a gap starts a new table rather than continuing the last one.
    private func startsNewTable(_ line: ReportLine) -> Bool {
        let values = line.fields.dropFirst()
        return !values.isEmpty && values.allSatisfy { f in
            f.isEmpty || SwedishNumber.parse(f) == nil || TableScanner.isYear(f)
        } && values.contains { !$0.isEmpty }
    }

    static func isYear(_ f: String) -> Bool {
        f.count == 4 && f.allSatisfy(\.isNumber) && (f.hasPrefix("19") || f.hasPrefix("20"))
    }

    private func isHeaderLine(_ line: ReportLine) -> Bool {
        let values = line.fields.dropFirst().filter { !$0.isEmpty }
        if values.isEmpty { return false }
        return values.allSatisfy { SwedishNumber.parse($0) == nil || TableScanner.isYear($0) }
    }

    private func read(block: [ReportLine], startIndex: Int) -> Table? {
        guard !block.isEmpty else { return nil }
        // Header: leading lines without figures.
        var headerLines: [ReportLine] = []
        var body = block[...]
        while let first = body.first, isHeaderLine(first), headerLines.count < 3 {
            headerLines.append(first)
            body = body.dropFirst()
        }
        let bodyLines = Array(body)
        guard bodyLines.contains(where: { line in line.fields.dropFirst().contains { numberToken($0) != nil } })
        else { return nil }

        // Number of value columns: the most fields seen to the right of the label that hold figures.
        let width = block.map(\.fields.count).max() ?? 0
        let noteField: Int? = headerLines.lazy.compactMap { line -> Int? in
            let pad = width - line.fields.count
            return line.fields.firstIndex { $0.lowercased() == "not" }.map { $0 + pad }
        }.first
        var numericFieldIndexes = Set<Int>()
        for line in bodyLines {
            let pad = width - line.fields.count
            for (k, f) in line.fields.enumerated() where k > 0 && k + pad != noteField && numberToken(f) != nil {
                numericFieldIndexes.insert(k + pad)
            }
        }
        let valueFields = numericFieldIndexes.sorted()
        guard !valueFields.isEmpty else { return nil }

        let title = titleFor(blockStart: startIndex, headerLines: headerLines)
        let scale = scaleFor(blockStart: startIndex, headerLines: headerLines, title: title)
        var columns: [Column] = []
        var readingNotes = ["belopp i \(scale.scale.rawValue) (\(scale.reason))"]
        for k in valueFields {
            let headerText = headerLines.map { line -> String in
                let pad = width - line.fields.count
                let idx = k - pad
                return idx >= 0 && idx < line.fields.count ? line.fields[idx] : ""
            }.filter { !$0.isEmpty }.joined(separator: " ")
            let (scenario, period) = ColumnHeader.interpret(headerText, documentPeriod: documentPeriod)
            columns.append(Column(header: headerText, scenario: scenario, period: period, scale: scale.scale))
        }

        var rows: [Row] = []
        var ambiguousCommas = 0
        for line in bodyLines {
            let pad = width - line.fields.count
            let labelIndex = line.fields.firstIndex { !$0.isEmpty && numberToken($0) == nil } ?? 0
            let label = line.fields.indices.contains(labelIndex) ? line.fields[labelIndex] : ""
            var cells: [Cell?] = []
            for (c, k) in valueFields.enumerated() {
                let idx = k - pad
                guard idx > labelIndex, idx < line.fields.count, case .number(let n)? = numberToken(line.fields[idx])
                else { cells.append(nil); continue }
                if n.commaIsAmbiguous { ambiguousCommas += 1 }
                cells.append(cell(n, column: columns[c], fieldIndex: idx))
            }
            var qualifier: String?
            var noteRefs: [String] = []
            for idx in (labelIndex + 1)..<max(labelIndex + 1, line.fields.count) where !valueFields.contains(idx + pad) {
                let f = line.fields[idx]
                if f.isEmpty { continue }
                if idx + pad == noteField || f.wholeMatch(of: /(?i)(not\s*)?\d+([,\s]+\d+)*/) != nil {
                    noteRefs += f.split(whereSeparator: { !$0.isNumber }).map(String.init)
                } else {
                    qualifier = f
                }
            }
            let style = line.style.union(label.uppercased() == label && label.contains(where: \.isLetter) ? .uppercase : [])
            rows.append(
                Row(
                    label: label, qualifier: qualifier, noteRefs: noteRefs, style: style, cells: cells,
                    source: SourceLocation(file: file, line: line.number, column: labelIndex)))
        }
        if ambiguousCommas > 0 {
            readingNotes.append("\(ambiguousCommas) tal med komma läst som decimalkomma")
        }
        var table = Table(
            title: title.text, kind: TableScanner.kind(of: title.text), noteNumber: title.note, columns: columns, rows: rows,
            source: SourceLocation(file: file, line: title.line ?? block[0].number), readingNotes: readingNotes)
        if table.noteNumber != nil { table.kind = .not }
        return table
    }

    private func numberToken(_ field: String) -> PrintedToken? {
        SwedishNumber.parse(field)
    }

    private func cell(_ n: PrintedNumber, column: Column, fieldIndex: Int) -> Cell {
        if n.isPercent {
            return Cell(value: n.value.shifted(by: -2), text: n.text, decimals: n.fractionDigits + 2, column: fieldIndex)
        }
        let e = column.scale.exponent
        return Cell(value: n.value.shifted(by: e), text: n.text, decimals: n.fractionDigits - e, column: fieldIndex)
    }

    struct Title {
        var text: String
        var note: String?
        var line: Int?
    }

    /// The nearest text above the table, skipping blank lines and furniture.
    private func titleFor(blockStart: Int, headerLines: [ReportLine]) -> Title {
        var k = blockStart - 1
        var seen = 0
        while k >= 0 && seen < 6 {
            let line = lines[k]
            k -= 1
            if line.isBlank || TableScanner.isFurniture(line) { continue }
            seen += 1
            if line.isTabular { break }
            let t = line.text.trimmingCharacters(in: CharacterSet(charactersIn: " *#"))
            if t.count > 120 { break }
            var note: String?
            if let m = t.firstMatch(of: /(?i)^not\s+(\d+)\b/) { note = String(m.1) }
            return Title(text: t, note: note, line: line.number)
        }
        if let first = headerLines.first?.fields.first, !first.isEmpty { return Title(text: first, line: headerLines.first?.number) }
        return Title(text: "Tabell rad \(lines[blockStart].number)", line: lines[blockStart].number)
    }

    struct ScaleReading {
        var scale: PrintedScale
        var reason: String
    }

    private func scaleFor(blockStart: Int, headerLines: [ReportLine], title: Title) -> ScaleReading {
        var texts = headerLines.map(\.text)
        texts.append(title.text)
        for k in stride(from: blockStart - 1, through: max(0, blockStart - 4), by: -1) { texts.append(lines[k].text) }
        for t in texts {
            let lower = t.lowercased()
            if lower.firstMatch(of: /\b(tkr|tsek|tsk|tusental kronor)\b/) != nil { return ScaleReading(scale: .tkr, reason: "rubriken säger ”\(t)”") }
            if lower.firstMatch(of: /\b(mkr|msek|miljoner kronor)\b/) != nil { return ScaleReading(scale: .mkr, reason: "rubriken säger ”\(t)”") }
            if lower.firstMatch(of: /belopp i kr|\bkronor\b|\(kr\)/) != nil { return ScaleReading(scale: .kr, reason: "rubriken säger ”\(t)”") }
        }
        return ScaleReading(scale: .kr, reason: "ingen enhet angiven; kronor antas")
    }

    static func kind(of title: String) -> TableKind {
        let t = title.lowercased()
        if t.contains("resultaträkning") { return .resultatrakning }
        if t.contains("balansräkning") { return .balansrakning }
        if t.contains("kassaflöde") { return .kassaflodesanalys }
        if t.hasPrefix("not ") { return .not }
        if t.contains("driftsredovisning") { return .driftsredovisning }
        if t.contains("prognos") { return .prognos }
        if t.contains("budget") { return .budget }
        if t.contains("nyckeltal") || t.contains("översikt") || t.contains("jämförelse med tidigare år") { return .flerarsoversikt }
        if t.contains("deltagare") { return .deltagare }
        return .other
    }
}

/// What a column header says about scenario and period.
enum ColumnHeader {
    static func interpret(_ header: String, documentPeriod: Period?) -> (Scenario, Period?) {
        let lower = header.lowercased()
        var scenario: Scenario = .utfall
        if lower.contains("differens") || lower.contains("diff") || lower.contains("avvikelse") { scenario = .differens }
        else if lower.contains("kvot") || lower.contains("%") || lower.contains("andel") { scenario = .kvot }
        else if lower.contains("prognos") { scenario = .prognos }
        else if lower.contains("budget") || lower.contains("prel") { scenario = .budget }

        let dates = header.matches(of: /\d{4}-\d{2}-\d{2}/).compactMap { Day(iso: $0.output) }
        if dates.count >= 2 { return (scenario, Period(start: dates[0], end: dates[dates.count - 1])) }
        if let d = dates.first { return (scenario, Period(start: nil, end: d)) }
        if let m = header.firstMatch(of: /\b(19|20)(\d{2})\b/), let y = Int("\(m.1)\(m.2)") {
            return (scenario, Period(start: Day(year: y, month: 1, day: 1), end: Day(year: y, month: 12, day: 31)!))
        }
        return (scenario, documentPeriod)
    }
}
