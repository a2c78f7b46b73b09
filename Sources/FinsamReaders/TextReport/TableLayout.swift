import Foundation
import FinsamModel

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
        var width = 0
        for line in header where line.fields.count > width { width = line.fields.count }
        for line in body where line.fields.count > width { width = line.fields.count }

        // Header cells by field index.
        let grid: [[String]] = header.map { line in
            let f = line.fields
            if f.count >= width || (!f[0].isEmpty && FieldKind.of(f[0]) == .text) {
                return f + Array(repeating: "", count: max(0, width - f.count))
            }
            return Array(repeating: "", count: width - f.count) + f
        }
        // Each column's non-empty header cells, gathered once: the note, year and headed tests all ask them.
        let headerTexts: [[String]] = (0..<width).map { i in grid.compactMap { $0[i].isEmpty ? nil : $0[i] } }
        // Only a header with the letters `not` (no other character lower-cases to them) can be `Not`.
        let noteColumn = (0..<width).first { i in
            headerTexts[i].contains {
                TextSearch.bytes(ofIgnoringCase: "not", in: $0) && $0.lowercased().trimmingCharacters(in: .punctuationCharacters) == "not"
            }
        }
        let yearColumn = (0..<width).first { i in headerTexts[i].contains { TableLayout.isYearWord($0) } }

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
            i != noteColumn && i != yearColumn && !headerTexts[i].isEmpty && !(figures[i] == 0 && texts[i] > 0)
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
        // The label column's header can say the period of the whole table (`Rapportering 1 januari–30 juni 2024`).
        let caption = ([segment.title] + grid.map { $0[0] }.filter { !$0.isEmpty }).joined(separator: " ")
        var rows: [RawRow] = []
        var shifted = 0
        // A figure that fits no column gets a column of its own: no figure is dropped.
        for _ in 0..<2 {
            rows = []
            shifted = 0
            var unplaced = Set<Int>()
            // The slot of each field index, asked per figure of every row: one lookup table per table.
            var slotIndex = [Int](repeating: -1, count: width)
            for (k, field) in slots.enumerated() { slotIndex[field] = k }
            var scratch = RowScratch()
            for line in body {
                guard let row = readRow(line, slots: slots, slotIndex: slotIndex, noteColumn: noteLike, yearColumn: yearColumn,
                                        firstValueField: firstValueField, shifted: &shifted, unplaced: &unplaced, scratch: &scratch)
                else { continue }
                if row.label.isEmpty && !row.hasCells && row.qualifier == nil { continue }
                rows.append(row)
            }
            if unplaced.isEmpty { break }
            slots = Array(Set(slots).union(unplaced)).sorted()
            notes.append("tal utanför rubrikernas kolumner (fält \(unplaced.sorted().map(String.init).joined(separator: ", "))) fick egna kolumner")
        }
        var columns = buildColumns(grid: grid, slots: slots, width: width, skip: [noteColumn, yearColumn].compactMap { $0 }, caption: caption)
        if shifted > 0 {
            notes.append("\(shifted) rader med text mellan etikett och tal lästes med talen högerjusterade")
        }

        splitPairColumns(&columns, &rows, caption: caption, notes: &notes)

        if !valuesFromFirstField, segment.noteNumber == nil, var section = sectionHeader(header) {
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

    /// The value columns with their headers and meanings. A header line whose cells stand apart
    /// (`Inregistrerade perioden jan-juni` every third field above `K`/`M`/`S:a`) groups the columns its cells span.
    private func buildColumns(grid: [[String]], slots: [Int], width: Int, skip: [Int], caption: String) -> [RawColumn] {
        var groupOf: [Int: String] = [:]
        var consumed = Set<[Int]>()
        for (r, row) in grid.enumerated() {
            let cells = (slots[0]..<width).filter { !row[$0].isEmpty && !skip.contains($0) }
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
            let meaning = ColumnHeader.interpret(header: header, group: groupOf[s], title: caption, document: document)
            columns.append(RawColumn(header: header, group: groupOf[s], meaning: meaning, slot: s))
        }

        // A difference or a ratio without a period of its own (`Differens`, `Förbr kvot`) is about its
        // neighbours' period.
        if let sibling = columns.first(where: { $0.meaning.periodPrinted }) {
            for c in columns.indices where !columns[c].meaning.periodPrinted
                && (columns[c].meaning.scenario == .differens || columns[c].meaning.scenario == .kvot)
            {
                columns[c].meaning.period = sibling.meaning.period
                columns[c].meaning.periodReason = "grannkolumnen ”\(sibling.header)”"
            }
        }

        return columns
    }

    /// `Positivt (Klart positivt)` over `66% (55%)`: two columns, the figure and the one in parentheses.
    private func splitPairColumns(_ columns: inout [RawColumn], _ rows: inout [RawRow], caption: String, notes: inout [String]) {
        var c = 0
        while c < columns.count {
            let col = columns[c]
            // A match ends in `)` and has a `(` before it.
            if col.header.utf8.last == UInt8(ascii: ")"), col.header.utf8.contains(UInt8(ascii: "(")),
               let m = col.header.wholeMatch(of: Patterns.pairHeader),
               rows.contains(where: { row in row.cells[c].map { SwedishNumber.parsePair(TableLayout.fieldText($0, in: row)) != nil } ?? false })
            {
                var a = col
                var b = col
                a.header = String(m.1)
                b.header = String(m.2)
                a.pairPart = 0
                b.pairPart = 1
                a.meaning = ColumnHeader.interpret(header: a.header, group: col.group, title: caption, document: document)
                b.meaning = ColumnHeader.interpret(header: b.header, group: col.group, title: caption, document: document)
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

    }

    /// The label column's header (`Intäkter (tkr)` over the member rows) opens the first section of the table.
    private func sectionHeader(_ header: [ReportLine]) -> RawRow? {
        guard let line = header.last(where: { !($0.fields.first ?? "").isEmpty }) else { return nil }
        var text = line.fields[0]
        // Every unit word has `kr`, `sek` or `tsk`; in Latin-1 text only ASCII letters fold to them.
        if !TextSearch.isLatin1(text) || TextSearch.bytes(ofIgnoringCase: "kr", in: text) || TextSearch.bytes(ofIgnoringCase: "sek", in: text)
            || TextSearch.bytes(ofIgnoringCase: "tsk", in: text)
        {
            // Label headers repeat from table to table: the answer is a function of the text alone.
            let printed = text
            text = PatternMemos.withoutUnitWords.value(printed) { printed.replacing(Patterns.unitWords, with: "") }
        }
        text = Trim.ascii(text, " .,:")
        let lower = text.lowercased()
        guard !text.isEmpty, Latin1Text.countIsAtMost(text, 40), FieldKind.of(text) == .text, lower != "belopp", !lower.hasPrefix("samordningsförbundet"),
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
        var positions: [Int] = []
        figurePositions(line, noteColumn: noteColumn, yearColumn: yearColumn, firstValueField: firstValueField, into: &positions)
        return positions
    }

    /// `figurePositions` written into `positions` (emptied first): a row reuses one array for every line.
    static func figurePositions(_ line: ReportLine, noteColumn: Int?, yearColumn: Int?, firstValueField: Int, into positions: inout [Int]) {
        positions.removeAll(keepingCapacity: true)
        let fields = line.fields
        let kinds = line.kinds
        for i in fields.indices {
            guard i != noteColumn, i != yearColumn, kinds[i].isFigure else { continue }
            // `1\tVal av justerare`: an item number.
            if i == 0 || (i == 1 && fields[0].isEmpty) {
                if let next = fields.dropFirst(i + 1).first(where: { !$0.isEmpty }), FieldKind.of(next) == .text { continue }
            }
            // In the label column a figure is a value only when no text follows it (a row with no label).
            if i < firstValueField, fields.dropFirst(i + 1).contains(where: { !$0.isEmpty && FieldKind.of($0) == .text }) { continue }
            positions.append(i)
        }
    }

    /// Dashes stand in value columns too; they count for alignment but hold nothing.
    static func dashPositions(_ line: ReportLine, noteColumn: Int?, firstValueField: Int) -> [Int] {
        line.fields.indices.filter { $0 >= max(1, firstValueField) && $0 != noteColumn && line.kinds[$0] == .dash }
    }

    private func readRow(
        _ line: ReportLine, slots: [Int], slotIndex: [Int], noteColumn: Int?, yearColumn: Int?, firstValueField: Int, shifted: inout Int,
        unplaced: inout Set<Int>, scratch: inout RowScratch
    ) -> RawRow? {
        let fields = line.fields
        TableLayout.figurePositions(line, noteColumn: noteColumn, yearColumn: yearColumn, firstValueField: firstValueField, into: &scratch.positions)
        let positions = scratch.positions
        // field index → slot position index, -1 for none (a plain Int array: no optional payloads to initialise),
        // in the table's one array (taken out for the row, so that writing it does not copy it)
        var mapping = scratch.takeMapping(count: fields.count)
        defer { scratch.mapping = mapping }
        // `slots.firstIndex(of: field)` in constant time (a line of thousands of figures must stay linear).
        func slotOf(_ field: Int) -> Int? {
            guard field >= 0 && field < slotIndex.count else { return nil }
            let k = slotIndex[field]
            return k >= 0 ? k : nil
        }
        if positions.allSatisfy({ slotOf($0) != nil }) {
            for p in positions { mapping[p] = slotOf(p)! }
        } else if let maxPos = (positions + TableLayout.dashPositions(line, noteColumn: noteColumn, firstValueField: firstValueField)).max(),
                  let lastSlot = slots.last
        {
            let d = lastSlot - maxPos
            if positions.allSatisfy({ slotOf($0 + d) != nil }) {
                for p in positions { mapping[p] = slotOf(p + d)! }
            } else if positions.count <= slots.count {
                // From the right, one figure per column.
                for (k, p) in positions.reversed().enumerated() { mapping[p] = slots.count - 1 - k }
            } else {
                unplaced.formUnion(positions.filter { slotOf($0) == nil })
                for p in positions { if let s = slotOf(p) { mapping[p] = s } }
            }
            shifted += 1
        }
        // Built in place: `Array(repeating:count:)` copies its optional payload into each element.
        var cells = [RawCell?](unsafeUninitializedCapacity: slots.count) { buffer, count in
            for k in 0..<slots.count { (buffer.baseAddress! + k).initialize(to: nil) }
            count = slots.count
        }
        for p in positions {
            let s = mapping[p]
            guard s >= 0 else { continue }
            let f = fields[p]
            if let (n, digits) = SwedishNumber.parseFigure(f) {
                cells[s] = RawCell(number: n, field: p, digits: digits)
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
        for (i, f) in fields.enumerated() where !f.isEmpty && mapping[i] < 0 {
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
        // `Verksamhetens intäkter (not 1)`: the reference printed in the label.
        if TableLayout.hasNot(label), let m = label.firstMatch(of: Patterns.noteInLabel) {
            label = String(m.1)
            noteRefs += m.2.matches(of: Patterns.noteNumber).map { String($0.output) }
        }
        var style: RowStyle = []
        for (i, s) in line.fieldStyles.enumerated() where i == labelField || i < mapping.count && mapping[i] >= 0 { style.formUnion(s) }
        // A lower-case ASCII letter is never in an upper-cased text.
        if !label.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) && label.uppercased() == label && label.contains(where: \.isLetter)
            && label.count > 2
        {
            style.insert(.uppercase)
        }
        return RawRow(
            line: line, label: label, labelField: labelField, qualifier: qualifier.isEmpty ? nil : qualifier.joined(separator: ", "),
            remark: remark.isEmpty ? nil : remark.joined(separator: " "), noteRefs: noteRefs, style: style, cells: cells, period: period,
            labelNote: nil)
    }

    /// `header.lowercased() == "år"`, lower-cased only for a text of at most three scalars: lower-casing maps each
    /// scalar to one or more and `år` is three scalars when decomposed, so no longer text can equal it.
    static func isYearWord(_ header: String) -> Bool {
        guard header.utf8.count <= 12, header.unicodeScalars.count <= 3 else { return false }
        return header.lowercased() == "år"
    }

    /// `TextSearch.bytes(ofIgnoringCase: "not", in: label)`, asked of every row's label, in one plain loop: a byte
    /// `| 0x20` is `n`, `o` or `t` only for that ASCII letter in either case.
    static func hasNot(_ label: String) -> Bool {
        var l = label
        return l.withUTF8 { b in
            let n = b.count
            var i = 0
            while i + 2 < n {
                if b[i] | 0x20 == UInt8(ascii: "n") && b[i + 1] | 0x20 == UInt8(ascii: "o") && b[i + 2] | 0x20 == UInt8(ascii: "t") { return true }
                i += 1
            }
            return false
        }
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
                if TableLayout.isSmallIntegers(f) { small += 1 } else { other += 1 }
                bigRight = bigRight || line.fields.dropFirst(i + 1).contains { TableLayout.isAtLeastThousand($0) }
            }
            // Body lines are as read (only header lines are ever rebuilt), so their kinds are their fields'.
            let rowsWithValues = body.filter { $0.kinds.dropFirst(i + 1).contains { $0.isFigure } }.count
            if other == 0 && small >= 1 && bigRight && small < rowsWithValues { return i }
            return nil
        }
        return nil
    }

    /// A field that `SwedishNumber.parse` reads as a number of magnitude 1000 or more. Where the byte parser reads
    /// it, its digits are compared as an integer (magnitude = digits × 10^-fractionDigits): no `Decimal` and no
    /// string for the printed text.
    static func isAtLeastThousand(_ field: String) -> Bool {
        var f = field
        let decided: Bool? = f.withUTF8 { bytes in
            switch ASCIINumber.parse(bytes) {
            case .decided(let parts?):
                // digits < 10^18, so 10^(fractionDigits + 3) beyond that is never reached.
                guard parts.fractionDigits <= 15 else { return false }
                return parts.digits >= 1000 * ScaleResolver.Maximum.powerOfTen(parts.fractionDigits)
            case .decided(nil), .dash: return false
            case .general: return nil
            }
        }
        if let decided { return decided }
        if case .number(let n)? = SwedishNumber.parse(field) { return n.magnitude >= 1000 }
        return false
    }

    /// `2`, `3,4`, `2, 13`: one- or two-digit integers separated by commas (`\d{1,2}(,\s*\d{1,2})*` as a whole);
    /// by bytes for printable ASCII, where `\s` is a space.
    static func isSmallIntegers(_ field: String) -> Bool {
        var f = field
        let ascii: Bool? = f.withUTF8 { b in
            guard b.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else { return nil }
            var i = 0
            while true {
                let start = i
                while i < b.count && i - start < 2 && ASCIINumber.isDigit(b[i]) { i += 1 }
                if i == start { return false }
                if i == b.count { return true }
                guard b[i] == UInt8(ascii: ",") else { return false }
                i += 1
                while i < b.count && b[i] == 0x20 { i += 1 }
            }
        }
        return ascii ?? (field.wholeMatch(of: Patterns.smallIntegers) != nil)
    }

    /// The unit the table names: in its label header (`Intäkter (tkr)`, `Belopp i kr.`), title or the lines above.
    private func scaleNamed(grid: [[String]]) -> (PrintedScale, String)? {
        var texts: [String] = grid.compactMap { $0.first }.filter { !$0.isEmpty }
        texts.append(segment.title)
        texts += segment.context.filter { Latin1Text.countIsAtMost($0, 90) }
        for t in texts {
            // Every unit word has `kr`, `sek` or `tsk`: Latin-1 text without them in either case is passed over.
            if Latin1Text.containsIgnoringCase(t, "kr") == false && Latin1Text.containsIgnoringCase(t, "sek") == false
                && Latin1Text.containsIgnoringCase(t, "tsk") == false
            {
                continue
            }
            if let s = ScaleWords.scale(in: t.lowercased()) { return (s, "”\(t)”") }
        }
        return nil
    }
}

/// The per-row working arrays of `readRow`, kept for the table's rows instead of allocated for each.
struct RowScratch {
    var positions: [Int] = []
    var mapping: [Int] = []

    /// `[Int](repeating: -1, count: count)` in the kept storage, moved out of the scratch.
    mutating func takeMapping(count: Int) -> [Int] {
        var m = mapping
        mapping = []
        m.removeAll(keepingCapacity: true)
        m.append(contentsOf: repeatElement(-1, count: count))
        return m
    }
}

/// `Summa`, `Totalt`, `S:a`: words that begin a total's label.
enum TotalWords {
    static func isTotal(_ label: String) -> Bool {
        // Every match starts with `s` or `t`; in Latin-1 text only those ASCII letters lower-case to them.
        if let first = label.utf8.first, first < 0x80, !"sStT".utf8.contains(first) { return false }
        if let decided = byWords(label) { return decided }
        return isTotalByPattern(label)
    }

    /// `isTotal` by the pattern alone: the definition.
    static func isTotalByPattern(_ label: String) -> Bool {
        label.lowercased().firstMatch(of: Patterns.totalWord) != nil
    }

    /// `isTotal` by bytes where the answer is sure: a label starting (in either case) with `summa`, `totalt`,
    /// `total` or `sa` followed by a space or the end is a total; followed by an ASCII letter, digit or `_` (no
    /// word boundary there, by the simple rule or Unicode's) that word is not. A character beyond ASCII where a
    /// word's letter should be is no such letter: only `İ` and the Kelvin sign lower-case to ASCII (`i`, `k`),
    /// neither of them in the words. Nil for a label starting with `s.` or `s:`, or with any other character
    /// after such a word: the pattern decides those.
    static func byWords(_ label: String) -> Bool? {
        var t = label
        return t.withUTF8 { b in
            let n = b.count
            func lower(_ i: Int) -> UInt8 { b[i] >= 0x41 && b[i] <= 0x5A ? b[i] | 0x20 : b[i] }
            if n >= 2, lower(0) == UInt8(ascii: "s"), b[1] == UInt8(ascii: ".") || b[1] == UInt8(ascii: ":") { return nil }
            var undecided = false
            for word: StaticString in ["summa", "totalt", "total", "sa"] {
                let sure: Bool? = word.withUTF8Buffer { w in
                    guard w.count <= n, w.indices.allSatisfy({ lower($0) == w[$0] }) else { return false }
                    let p = w.count
                    if p == n || b[p] == 0x20 { return true }
                    let c = b[p] | 0x20
                    if ASCIINumber.isDigit(b[p]) || b[p] == UInt8(ascii: "_") || c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") { return false }
                    return nil
                }
                if sure == true { return true }
                if sure == nil { undecided = true }
            }
            return undecided ? nil : false
        }
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let noteInLabel = /^(.*?\S)\s*\(?\s*(?i:not)\s*(\d{1,2}(?:\s*(?:,|&|och)\s*\d{1,2})*)\s*\)?$/
    nonisolated(unsafe) static let noteNumber = /\d{1,2}/
    nonisolated(unsafe) static let pairHeader = /(.+?)\s*\((.+)\)/
    nonisolated(unsafe) static let unitWords = /(?i)[,(]?\s*(belopp\s+)?i?\s*\b(tkr|tsek|tsk|mkr|msek|kr|kronor|sek)\b\.?\)?/
    nonisolated(unsafe) static let smallIntegers = /\d{1,2}(,\s*\d{1,2})*/
    nonisolated(unsafe) static let totalWord = /^(summa|totalt|total|s:a|s\.a\.?|sa)\b/
}
