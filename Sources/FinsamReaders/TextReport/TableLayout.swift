import Foundation
import FinsamModel

/// A figure as printed, before the table's unit and comma reading are decided.
struct RawCell {
    var number: PrintedNumber
    /// Tab-separated field index in the source line.
    var field: Int
}

/// A column of figures, before the unit is decided.
struct RawColumn {
    var header: String
    var group: String?
    var meaning: ColumnMeaning
    /// Field index (after aligning) the column's figures stand in.
    var slot: Int
    /// For a column split from `Positivt (Klart positivt)`: 0 the figure, 1 the one in parentheses.
    var pairPart: Int?
}

struct RawRow {
    var line: ReportLine
    var label: String
    var labelField: Int
    var qualifier: String?
    var remark: String?
    var noteRefs: [String]
    var style: RowStyle
    var cells: [RawCell?]
    var period: Period?
    /// Why the label is not the one printed on the line (continued from the row above, owner row).
    var labelNote: String?

    var hasCells: Bool { cells.contains { $0 != nil } }
}

struct RawTable {
    var title: String
    var titleLine: Int?
    var noteNumber: String?
    var columns: [RawColumn]
    var rows: [RawRow]
    var readingNotes: [String]
    /// Unit named by the table's title, label header or the lines above it.
    var tableScale: (scale: PrintedScale, reason: String)?
    var context: [String]
    var firstLine: Int
}

/// Reads a table's columns and rows from its lines.
///
/// Fields are taken at their index when the table's rows all have the same shape. Where a text column (an
/// owner, `Not 2`) pushes a row's figures right of the header's value columns, the row's figures are aligned
/// from the right. Figures in a `Not` column are note references, years in an `År` column are the row's
/// period, an integer before a text in the first field is an item number, and a cell `66% (55%)` under
/// `Positivt (Klart positivt)` is two figures in two columns.
struct TableLayout {
    let segment: TableSegment
    let document: DocumentContext

    func read() -> RawTable? {
        let header = segment.headerLines
        let body = segment.bodyLines.filter { !$0.isBlank && !Furniture.isFurniture($0) }
        guard body.contains(where: { $0.kinds.contains { $0.isFigure } }) else { return nil }
        let width = (header + body).map(\.fields.count).max() ?? 0

        // Header cells by field index.
        let grid: [[String]] = header.map { line in
            let f = line.fields
            if f.count >= width || (!f[0].isEmpty && FieldKind.of(f[0]) == .text) {
                return f + Array(repeating: "", count: max(0, width - f.count))
            }
            return Array(repeating: "", count: width - f.count) + f
        }
        func headerTexts(_ i: Int) -> [String] { grid.map { $0[i] }.filter { !$0.isEmpty } }
        let noteColumn = (0..<width).first { i in headerTexts(i).contains { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) == "not" } }
        let yearColumn = (0..<width).first { i in headerTexts(i).contains { $0.lowercased() == "år" } }

        var figures = Array(repeating: 0, count: width)
        var texts = Array(repeating: 0, count: width)
        for line in body {
            for (i, _) in line.fields.enumerated() {
                switch line.kinds[i] {
                case .figure, .pair: figures[i] += 1
                case .text: texts[i] += 1
                default: break
                }
            }
        }
        // `Antal tillfrågade\tAntal svar\tSvarsfrekvens` over `14\t9\t64%`: no label column at all.
        let valuesFromFirstField = !grid.isEmpty && grid.contains { !$0[0].isEmpty } && figures[0] > 0 && texts.allSatisfy { $0 == 0 }
        let firstValueField = valuesFromFirstField ? 0 : 1
        var noteLike = noteColumn
        if noteLike == nil { noteLike = TableLayout.unheadedNoteColumn(body: body, width: width, figures: figures) }

        var slots: [Int] = []
        let headed = (firstValueField..<width).filter { i in
            i != noteColumn && i != yearColumn && !headerTexts(i).isEmpty && !(figures[i] == 0 && texts[i] > 0)
        }
        if !headed.isEmpty && headed.contains(where: { figures[$0] > 0 }) {
            slots = headed
        } else {
            slots = (firstValueField..<width).filter { figures[$0] > 0 && $0 != noteLike && $0 != yearColumn }
        }
        // Trailing header cells with nothing under them at all (`Not` remarks aside) are not columns.
        while let last = slots.last, figures[last] == 0, !body.contains(where: { row in
            TableLayout.figurePositions(row, noteColumn: noteLike, yearColumn: yearColumn, firstValueField: firstValueField).contains { $0 > last }
        }) {
            slots.removeLast()
        }
        guard !slots.isEmpty else { return nil }

        var notes: [String] = []
        // Columns. A header line whose cells stand apart (`Inregistrerade perioden jan-juni` every third field
        // above `K`/`M`/`S:a`) groups the columns its cells span.
        var groupOf: [Int: String] = [:]
        var consumed = Set<[Int]>()
        for (r, row) in grid.enumerated() {
            let cells = (slots[0]..<width).filter { !row[$0].isEmpty && $0 != noteColumn && $0 != yearColumn }
            guard !cells.isEmpty, cells.count < slots.count,
                  zip(cells, cells.dropFirst()).allSatisfy({ $1 - $0 >= 2 })
            else { continue }
            for g in cells {
                let next = ((g + 1)..<width).first { !row[$0].isEmpty } ?? width
                let spanned = slots.filter { $0 >= g && $0 < next }
                guard spanned.count >= 2 else { continue }
                for s in spanned { groupOf[s] = groupOf[s].map { $0 + " " + row[g] } ?? row[g] }
                consumed.insert([r, g])
            }
        }
        var columns: [RawColumn] = []
        for s in slots {
            let own = grid.enumerated().compactMap { r, row -> String? in
                row[s].isEmpty || consumed.contains([r, s]) ? nil : row[s]
            }
            let header = own.joined(separator: " ")
            let meaning = ColumnHeader.interpret(header: header, group: groupOf[s], title: segment.title, document: document)
            columns.append(RawColumn(header: header, group: groupOf[s], meaning: meaning, slot: s))
        }

        // A column without a period of its own (`Differens`, `Förbr kvot`) is about its neighbours' period.
        if let sibling = columns.first(where: { $0.meaning.periodPrinted && $0.meaning.period?.start != nil || $0.meaning.periodPrinted }) {
            for c in columns.indices where !columns[c].meaning.periodPrinted {
                columns[c].meaning.period = sibling.meaning.period
                columns[c].meaning.periodReason = "grannkolumnen ”\(sibling.header)”"
            }
        }

        var rows: [RawRow] = []
        var shifted = 0
        for line in body {
            guard var row = readRow(line, slots: slots, noteColumn: noteLike, yearColumn: yearColumn, firstValueField: firstValueField, shifted: &shifted)
            else { continue }
            if row.label.isEmpty && !row.hasCells && row.qualifier == nil { continue }
            row.cells = row.cells.count == slots.count ? row.cells : Array(row.cells.prefix(slots.count))
            rows.append(row)
        }
        if shifted > 0 {
            notes.append("\(shifted) rader med text mellan etikett och tal lästes med talen högerjusterade")
        }

        // `Positivt (Klart positivt)` over `66% (55%)`: two columns.
        var c = 0
        while c < columns.count {
            let col = columns[c]
            if let m = col.header.wholeMatch(of: RXTableLayout.r0),
               rows.contains(where: { row in row.cells[c].map { SwedishNumber.parsePair(TableLayout.fieldText($0, in: row)) != nil } ?? false })
            {
                var a = col
                var b = col
                a.header = String(m.1)
                b.header = String(m.2)
                a.pairPart = 0
                b.pairPart = 1
                a.meaning = ColumnHeader.interpret(header: a.header, group: col.group, title: segment.title, document: document)
                b.meaning = ColumnHeader.interpret(header: b.header, group: col.group, title: segment.title, document: document)
                columns.replaceSubrange(c...c, with: [a, b])
                for r in rows.indices {
                    let cell = rows[r].cells[c]
                    var first: RawCell?
                    var second: RawCell?
                    if let cell {
                        if let (x, y) = SwedishNumber.parsePair(TableLayout.fieldText(cell, in: rows[r])) {
                            first = RawCell(number: x, field: cell.field)
                            second = RawCell(number: y, field: cell.field)
                        } else {
                            first = cell
                        }
                    }
                    rows[r].cells.replaceSubrange(c...c, with: [first, second])
                }
                notes.append("kolumnen ”\(col.header)” delad i två: talet och talet inom parentes")
                c += 2
                continue
            }
            c += 1
        }

        if !valuesFromFirstField, var section = sectionHeader(header) {
            section.cells = Array(repeating: nil, count: columns.count)
            rows.insert(section, at: 0)
        }
        rows = TableLayout.joinOwnerRows(rows)
        rows = TableLayout.continueLabels(rows, title: segment.title)

        let tableScale = scaleNamed(grid: grid)
        return RawTable(
            title: segment.title, titleLine: segment.titleLine, noteNumber: segment.noteNumber, columns: columns, rows: rows,
            readingNotes: notes, tableScale: tableScale, context: segment.context, firstLine: segment.firstLine)
    }

    /// The label column's header (`Intäkter (tkr)` over the member rows) opens the first section of the table.
    private func sectionHeader(_ header: [ReportLine]) -> RawRow? {
        guard let line = header.last(where: { !($0.fields.first ?? "").isEmpty }) else { return nil }
        var text = line.fields[0]
        text = text.replacing(RXTableLayout.r1, with: "")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .,:"))
        let lower = text.lowercased()
        guard !text.isEmpty, text.count <= 40, FieldKind.of(text) == .text, lower != "belopp", !lower.hasPrefix("samordningsförbundet"),
              !text.contains(where: \.isNumber),
              text != segment.title
        else { return nil }
        return RawRow(
            line: line, label: text, labelField: 0, qualifier: nil, remark: nil, noteRefs: [], style: line.fieldStyles[0], cells: [],
            period: nil, labelNote: "rubriken över etikettkolumnen")
    }

    static func fieldText(_ cell: RawCell, in row: RawRow) -> String {
        cell.field < row.line.fields.count ? row.line.fields[cell.field] : cell.number.text
    }

    /// Positions of figures in a line, leaving out note references, years in an `År` column and item numbers.
    static func figurePositions(_ line: ReportLine, noteColumn: Int?, yearColumn: Int?, firstValueField: Int) -> [Int] {
        line.fields.enumerated().compactMap { i, _ in
            guard i >= firstValueField, i != noteColumn, i != yearColumn else { return nil }
            let k = line.kinds[i]
            guard k.isFigure else { return nil }
            // `1\tVal av justerare`: an item number.
            if i == 0 || (i == 1 && line.fields[0].isEmpty) {
                if let next = line.fields.dropFirst(i + 1).first(where: { !$0.isEmpty }), FieldKind.of(next) == .text { return nil }
            }
            return i
        }
    }

    private func readRow(
        _ line: ReportLine, slots: [Int], noteColumn: Int?, yearColumn: Int?, firstValueField: Int, shifted: inout Int
    ) -> RawRow? {
        let fields = line.fields
        var positions = TableLayout.figurePositions(line, noteColumn: noteColumn, yearColumn: yearColumn, firstValueField: firstValueField)
        // Dashes stand in value columns too; they count for alignment but hold nothing.
        let dashes = fields.indices.filter { $0 >= max(1, firstValueField) && $0 != noteColumn && line.kinds[$0] == .dash }
        var mapping: [Int: Int] = [:]  // field index → slot position index
        let slotIndex = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
        if positions.allSatisfy({ slotIndex[$0] != nil }) {
            for p in positions { mapping[p] = slotIndex[p]! }
        } else if let maxPos = (positions + dashes).max(), let lastSlot = slots.last {
            let d = lastSlot - maxPos
            if positions.allSatisfy({ slotIndex[$0 + d] != nil }) {
                for p in positions { mapping[p] = slotIndex[p + d]! }
            } else {
                // From the right, one figure per column.
                for (k, p) in positions.reversed().enumerated() where k < slots.count { mapping[p] = slots.count - 1 - k }
                positions = positions.filter { mapping[$0] != nil }
            }
            shifted += 1
        }
        var cells: [RawCell?] = Array(repeating: nil, count: slots.count)
        for p in positions {
            guard let s = mapping[p] else { continue }
            let f = fields[p]
            if case .number(let n)? = SwedishNumber.parse(f) {
                cells[s] = RawCell(number: n, field: p)
            } else if let (a, _) = SwedishNumber.parsePair(f) {
                // Kept whole here; split when the column is.
                cells[s] = RawCell(number: a, field: p)
            }
        }
        let firstFigure = positions.min() ?? Int.max
        let lastFigure = positions.max() ?? -1
        var label = ""
        var labelField = 0
        var qualifier: [String] = []
        var remark: [String] = []
        var noteRefs: [String] = []
        var period: Period?
        for (i, f) in fields.enumerated() where !f.isEmpty && mapping[i] == nil {
            let kind = line.kinds[i]
            if i == yearColumn, kind == .year, let y = Int(f) {
                period = PeriodText.fullYear(y)
                continue
            }
            if i == noteColumn || kind == .noteRef {
                if let refs = FieldKind.noteRefs(in: f) { noteRefs += refs; continue }
            }
            if kind.isFigure || kind == .dash || kind == .year {
                // An item number before the label, or a dash in an empty value column.
                if label.isEmpty && (kind == .figure || kind == .year) && i < firstFigure { continue }
                if kind == .dash { continue }
            }
            if label.isEmpty && i < firstFigure {
                label = f
                labelField = i
            } else if i < firstFigure {
                qualifier.append(f)
            } else if i > lastFigure || i == noteColumn {
                remark.append(f)
            } else {
                remark.append(f)
            }
        }
        if label.isEmpty && positions.isEmpty && qualifier.isEmpty && remark.isEmpty { return nil }
        var style: RowStyle = []
        for (i, s) in line.fieldStyles.enumerated() where i == labelField || mapping[i] != nil { style.formUnion(s) }
        if label.uppercased() == label && label.contains(where: \.isLetter) && label.count > 2 { style.insert(.uppercase) }
        return RawRow(
            line: line, label: label, labelField: labelField, qualifier: qualifier.isEmpty ? nil : qualifier.joined(separator: ", "),
            remark: remark.isEmpty ? nil : remark.joined(separator: " "), noteRefs: noteRefs, style: style, cells: cells, period: period,
            labelNote: nil)
    }

    /// Without a `Not` header: a column right of the label holding only small integers (`2`, `3,4`) while the
    /// columns right of it hold amounts.
    static func unheadedNoteColumn(body: [ReportLine], width: Int, figures: [Int]) -> Int? {
        for i in 1..<max(1, width - 1) where figures[i] > 0 {
            var small = 0
            var other = 0
            var bigRight = false
            for line in body where i < line.fields.count {
                let f = line.fields[i]
                if f.isEmpty { continue }
                if f.wholeMatch(of: RXTableLayout.r2) != nil { small += 1 } else { other += 1 }
                bigRight = bigRight || line.fields.dropFirst(i + 1).contains { f in
                    if case .number(let n)? = SwedishNumber.parse(f) { return n.magnitude >= 1000 }
                    return false
                }
            }
            let rowsWithValues = body.filter { $0.fields.dropFirst(i + 1).contains { FieldKind.of($0).isFigure } }.count
            if other == 0 && small >= 1 && bigRight && small < rowsWithValues { return i }
            return nil
        }
        return nil
    }

    /// `RegExPro` followed by `Region Uppsala\t1 245\t…`: a label row and an owner row carrying its figures.
    /// Only where the pattern repeats (three pairs or more) or the figure row has no label of its own.
    static func joinOwnerRows(_ rows: [RawRow]) -> [RawRow] {
        func isPlainHeader(_ r: RawRow) -> Bool {
            !r.hasCells && !r.label.isEmpty && !r.style.contains(.bold) && !r.style.contains(.underline) && !r.style.contains(.uppercase)
                && !r.style.contains(.italic)
        }
        var pairStarts = Set<Int>()
        var i = 0
        while i + 1 < rows.count {
            if isPlainHeader(rows[i]) && rows[i + 1].hasCells && rows[i + 1].label.isEmpty {
                pairStarts.insert(i)
                i += 2
                continue
            }
            // A run of header/figure-row pairs.
            var j = i
            var run: [Int] = []
            while j + 1 < rows.count && isPlainHeader(rows[j]) && rows[j + 1].hasCells && !rows[j + 1].label.isEmpty
                && TotalWords.isTotal(rows[j + 1].label) == false && (j + 2 >= rows.count || !rows[j + 2].hasCells)
            {
                run.append(j)
                j += 2
            }
            if run.count >= 3 {
                pairStarts.formUnion(run)
                i = j
            } else {
                i += 1
            }
        }
        guard !pairStarts.isEmpty else { return rows }
        var out: [RawRow] = []
        var k = 0
        while k < rows.count {
            if pairStarts.contains(k) {
                var merged = rows[k + 1]
                let owner = merged.label
                merged.label = rows[k].label
                merged.labelField = rows[k].labelField
                if !owner.isEmpty { merged.qualifier = [owner, merged.qualifier].compactMap { $0 }.joined(separator: ", ") }
                merged.labelNote = owner.isEmpty
                    ? "etiketten från raden ovan (rad \(rows[k].line.number))"
                    : "etiketten från rad \(rows[k].line.number); ”\(owner)” är ägaren"
                out.append(merged)
                k += 2
                continue
            }
            out.append(rows[k])
            k += 1
        }
        return out
    }

    /// A row with figures and no label continues the row above (`\t2022\t0\t0\t4 (3)` under a question); a
    /// header row right above it gives it its label.
    static func continueLabels(_ rows: [RawRow], title: String) -> [RawRow] {
        var out: [RawRow] = []
        for var row in rows {
            if row.label.isEmpty && row.hasCells {
                if let last = out.last, !last.hasCells, !last.label.isEmpty {
                    row.label = last.label
                    row.labelNote = "etiketten från raden ovan (rad \(last.line.number))"
                    out.removeLast()
                } else if let last = out.last(where: { !$0.label.isEmpty }) {
                    row.label = last.label
                    row.labelNote = "fortsätter raden ovan (rad \(last.line.number))"
                } else {
                    row.label = title
                    row.labelNote = "raden saknar etikett; tabellens rubrik används"
                }
            }
            out.append(row)
        }
        return out
    }

    /// The unit the table names: in its label header (`Intäkter (tkr)`, `Belopp i kr.`), title or the lines above.
    private func scaleNamed(grid: [[String]]) -> (PrintedScale, String)? {
        var texts: [String] = grid.compactMap { $0.first }.filter { !$0.isEmpty }
        texts.append(segment.title)
        texts += segment.context.filter { $0.count <= 90 }
        for t in texts {
            if let s = ScaleWords.scale(in: t.lowercased()) { return (s, "”\(t)”") }
        }
        return nil
    }
}

/// `Summa`, `Totalt`, `S:a`: words that begin a total's label.
enum TotalWords {
    static func isTotal(_ label: String) -> Bool {
        label.lowercased().firstMatch(of: RXTableLayout.r3) != nil
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum RXTableLayout {
    nonisolated(unsafe) static let r0 = /(.+?)\s*\((.+)\)/
    nonisolated(unsafe) static let r1 = /(?i)[,(]?\s*(belopp\s+)?i?\s*\b(tkr|tsek|tsk|mkr|msek|kr|kronor|sek)\b\.?\)?/
    nonisolated(unsafe) static let r2 = /\d{1,2}(,\s*\d{1,2})*/
    nonisolated(unsafe) static let r3 = /^(summa|totalt|total|s:a|s\.a\.?|sa)\b/
}
