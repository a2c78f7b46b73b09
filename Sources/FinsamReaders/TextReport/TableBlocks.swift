import Foundation
import FinsamModel

/// A table as found in the lines, before its columns are read: title, header lines and body lines.
struct TableSegment {
    var title: String
    var titleLine: Int?
    var noteNumber: String?
    /// Lines above the table that may name its unit (`Belopp i tkr`), nearest first.
    var context: [String]
    var headerLines: [ReportLine]
    var bodyLines: [ReportLine]
    /// The first line of the segment (title line inside the block, header or first row).
    var firstLine: Int
}

/// Finds runs of tab-separated lines and cuts them into tables.
///
/// A run continues over blank lines and page furniture (`Sida 20`, `Signering av justerare`) when the next
/// tab-separated line goes on with the same table; it is cut where a note starts (`Not 4\tÖvriga
/// driftskostnader`) and where a new header follows a gap. Tables of contents are skipped.
struct TableBlocks {
    let lines: [ReportLine]

    /// Index ranges of tab blocks (blank lines and furniture inside are kept in the range; callers skip them).
    func blocks(in range: Range<Int>) -> [[Int]] {
        var result: [[Int]] = []
        var i = range.lowerBound
        while i < range.upperBound {
            guard lines[i].isTabular, !Furniture.isFurniture(lines[i]) else { i += 1; continue }
            var block: [Int] = []
            var j = i
            while j < range.upperBound {
                let line = lines[j]
                if line.isTabular && !Furniture.isFurniture(line) {
                    block.append(j)
                    j += 1
                    continue
                }
                if line.isBlank || Furniture.isFurniture(line) {
                    var k = j
                    while k < range.upperBound && k - j <= 10 && (lines[k].isBlank || Furniture.isFurniture(lines[k])) { k += 1 }
                    let after = k + 1 < range.upperBound ? lines[k + 1] : nil
                    if k < range.upperBound && k - j <= 10 && lines[k].isTabular && !TableBlocks.isInlineTitle(lines[k], next: after)
                        && continues(block: block, with: lines[k], gap: j..<k)
                    {
                        j = k
                        continue
                    }
                }
                break
            }
            if !block.isEmpty, !isContents(block: block) { result.append(block) }
            i = max(j, i + 1)
        }
        return result
    }

    /// Whether a tab line after a gap belongs to the table above: a note line or a body row does; a new header
    /// line does not, nor anything after a heading or prose.
    private func continues(block: [Int], with next: ReportLine, gap: Range<Int>) -> Bool {
        if gap.contains(where: { lines[$0].headingLevel > 0 }) { return false }
        if TableBlocks.noteStart(next) != nil { return true }
        if TableBlocks.isHeaderLike(next) { return false }
        // The same shape as the table's rows.
        guard let last = block.last else { return false }
        return abs(lines[last].fields.count - next.fields.count) <= 1
    }

    /// A table of contents: after an `Innehåll` heading, or mostly dot leaders.
    private func isContents(block: [Int]) -> Bool {
        var dotted = 0
        for i in block where Furniture.isContents(lines[i]) { dotted += 1 }
        if dotted * 2 >= block.count { return true }
        var k = block[0] - 1
        var seen = 0
        while k >= 0 && seen < 2 {
            if !lines[k].isBlank {
                if Furniture.isContentsHeading(lines[k]) { return true }
                seen += 1
            }
            k -= 1
        }
        return false
    }

    /// `Not 4\tÖvriga driftskostnader`, `Not 4. Fordringar\t\t`: a note starting inside a tab block.
    static func noteStart(_ line: ReportLine) -> (number: String, title: String)? {
        // A match starts with the letters `not` (in either case; nothing else folds to them).
        guard let lead = line.fields.prefix(2).first(where: { !$0.isEmpty }), lead.utf8.count >= 3,
              zip(lead.utf8, "not".utf8).allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 })
        else { return nil }
        let nonEmpty = line.fields.enumerated().filter { !$0.element.isEmpty }
        guard let first = nonEmpty.first, first.offset <= 1 else { return nil }
        guard let m = first.element.firstMatch(of: Patterns.noteStart) else { return nil }
        var title = String(m.2)
        if title.isEmpty, nonEmpty.count >= 2, SwedishNumber.parse(nonEmpty[1].element) == nil {
            title = nonEmpty[1].element
        }
        // A note reference column (`Not 2` beside figures) is not a note heading.
        let figures = nonEmpty.dropFirst().filter { FieldKind.of($0.element).isFigure }
        guard figures.isEmpty else { return nil }
        return (String(m.1), title)
    }

    /// A line of column headers: several cells, none of them a figure (years and dates are headers).
    static func isHeaderLike(_ line: ReportLine) -> Bool {
        let cells = line.fields.dropFirst().filter { !$0.isEmpty }
        guard !cells.isEmpty else { return false }
        return cells.allSatisfy { !FieldKind.of($0).isFigure }
            && cells.contains { FieldKind.of($0) != .text || ColumnHeader.scenarioWord(in: $0) != nil || $0.count <= 40 }
    }

    /// Cuts a block into tables: at note lines, and at header lines that follow a gap.
    func segments(block: [Int], context: (Int) -> (title: String, line: Int?, context: [String])) -> [TableSegment] {
        var cuts: [(start: Int, note: (String, String)?)] = [(0, nil)]
        for (p, idx) in block.enumerated() where p > 0 {
            let line = lines[idx]
            if let n = TableBlocks.noteStart(line) {
                cuts.append((p, n))
                continue
            }
            let gap = idx - block[p - 1] > 1
            let next = p + 1 < block.count ? lines[block[p + 1]] : nil
            if gap && (TableBlocks.isHeaderLike(line) || TableBlocks.isInlineTitle(line, next: next)) && hasFigures(block[(p - 1)...(p - 1)]) {
                cuts.append((p, nil))
            }
        }
        // Header lines of the block, before its first note, are shared by its notes.
        var blockHeader: [ReportLine] = []
        var out: [TableSegment] = []
        for (c, cut) in cuts.enumerated() {
            let end = c + 1 < cuts.count ? cuts[c + 1].start : block.count
            var segLines = block[cut.start..<end].map { lines[$0] }
            var title: String
            var titleLine: Int?
            var contextLines: [String]
            var note: String?
            if let (number, noteTitle) = cut.note {
                note = number
                let noteLine = segLines.removeFirst()
                title = "Not \(number)" + (noteTitle.isEmpty ? "" : " \(noteTitle)")
                titleLine = noteLine.number
                contextLines = [noteLine.text] + context(block[0]).context
                // A note line may carry a header of its own (`Not 1\tRörelseintäkter\t\t\tHelår 2024`).
                let extraHeader = noteLine.fields.enumerated().filter { $0.offset >= 2 && !$0.element.isEmpty }
                var header = blockHeader
                if !extraHeader.isEmpty {
                    var fields = Array(repeating: "", count: noteLine.fields.count)
                    for (i, f) in extraHeader { fields[i] = f }
                    header.append(ReportLine(noteLine, fields: fields))
                }
                let (ownHeader, body) = TableBlocks.splitHeader(segLines)
                out.append(
                    TableSegment(
                        title: title, titleLine: titleLine, noteNumber: note, context: contextLines, headerLines: header + ownHeader,
                        bodyLines: body, firstLine: noteLine.number))
                continue
            }
            // A title line inside the block: one text field, before the header (`Prognos 2023\t\t\t\t`).
            var inlineTitle: ReportLine?
            if let first = segLines.first, TableBlocks.isInlineTitle(first, next: segLines.dropFirst().first) {
                inlineTitle = first
                segLines.removeFirst()
            }
            let (header, body) = TableBlocks.splitHeader(segLines)
            if c == 0 {
                let found = context(block[0])
                title = found.title
                titleLine = found.line
                contextLines = found.context
                blockHeader = header
                if title.isEmpty {
                    // Nothing above names the table: its label column's header does, or its first line.
                    let first = header.first?.fields.first ?? ""
                    title = first.isEmpty ? "Tabell rad \(lines[block[0]].number)" : first
                    titleLine = lines[block[0]].number
                }
            } else {
                let first = header.first?.fields.first ?? ""
                title = first.isEmpty ? (out.last?.title ?? "Tabell") : first
                titleLine = header.first?.number
                contextLines = []
            }
            if let inlineTitle {
                title = inlineTitle.text
                titleLine = inlineTitle.number
                contextLines.insert(inlineTitle.text, at: 0)
            }
            out.append(
                TableSegment(
                    title: title, titleLine: titleLine, noteNumber: nil, context: contextLines, headerLines: header, bodyLines: body,
                    firstLine: lines[block[cut.start]].number))
        }
        return out
    }

    private func hasFigures(_ idxs: ArraySlice<Int>) -> Bool {
        idxs.contains { lines[$0].kinds.contains { $0.isFigure } }
    }

    /// `Driftsredovisning (belopp i TSEK)\t\t\t\t` above a header line.
    static func isInlineTitle(_ line: ReportLine, next: ReportLine?) -> Bool {
        let cells = line.fields.enumerated().filter { !$0.element.isEmpty }
        guard cells.count == 1, cells[0].offset == 0, FieldKind.of(cells[0].element) == .text, let next else { return false }
        return isHeaderLike(next) || next.fields.first.map { $0.isEmpty || FieldKind.of($0) == .text } == true
            && next.fields.dropFirst().contains { ColumnHeader.scenarioWord(in: $0) != nil || FieldKind.of($0) == .date }
    }

    /// Header lines: the leading lines without figures that name columns. A line with only a label (a section
    /// header such as `TILLGÅNGAR`) after the header belongs to the body.
    static func splitHeader(_ segLines: [ReportLine]) -> (header: [ReportLine], body: [ReportLine]) {
        var header: [ReportLine] = []
        var k = 0
        while k < segLines.count && header.count < 4 {
            let line = segLines[k]
            // The non-empty fields are asked in place: a figure among them (but a figure in the first field with
            // a text in the next non-empty one: an item number) ends the header, and so does a line with nothing
            // beyond the label field.
            let fields = line.fields, kinds = line.kinds
            var second: Int?
            var seen = 0
            var beyondLabel = false
            for i in fields.indices where !fields[i].isEmpty {
                seen += 1
                if seen == 2 { second = i }
                if i >= 1 { beyondLabel = true }
            }
            let itemNumber = !fields.isEmpty && !fields[0].isEmpty && second.map { kinds[$0] == .text } == true
            if fields.indices.contains(where: { !fields[$0].isEmpty && kinds[$0].isFigure && !($0 == 0 && itemNumber) }) { break }
            if !beyondLabel { break }
            // A row of text cells after the first header line is a header only if it names columns
            // (`Individinsats\tKommun`), not a row of a text table.
            header.append(line)
            k += 1
        }
        return (header, Array(segLines[k...]))
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let noteStart = /^(?i:not)\s+(\d+)[.:]?\s*(.*)$/
}
