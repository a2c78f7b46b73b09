import Foundation
import FinsamModel

/// Concepts from a document's structure, where labels say too little or the wrong thing:
///
/// - a note's total is the statement line that refers to the note when their figures agree (`Summa` in
///   `Not 3` is `Verksamhetens kostnader`), and a statement line without a concept takes its note's total's;
/// - a row whose label gives it the concept of another row of the same table with other figures, and which
///   sums the rows under a header above it, is that header's total (`Summa Eget kapital, avsättningar och
///   skulder` printed under the equity items is equity; `Verksamhetens nettokostnader` summing the costs is
///   the costs);
/// - a second row of a concept that sums the rows above it is the concept's adjusted figure;
/// - a bare `Totalt` equal to the totals above it, income and costs, is the result.
///
/// Each such decision is written in the row's `mappingNote` so `inspect` shows it.
struct StructureMapper {
    let mappings: MappingSet
    let mapper: LabelMapper
    /// `FactBuilder.traits` and `links`: what the rules here read of a concept, without copying its definition.
    let traits: [String: FactBuilder.ConceptTraits]
    let links: [String: FactBuilder.ConceptLinks]

    /// `structures`: each table's layout (see `TableStructure.with`), in table order.
    func apply(_ doc: inout Document, structures: [TableStructure]) {
        linkNotes(&doc)
        for t in doc.tables.indices {
            resolveConflicts(&doc.tables[t], structure: structures[t])
            resultTotals(&doc.tables[t], structure: structures[t])
        }
        inclusiveAcrossTables(&doc)
    }

    /// A row whose figures disagree with its concept elsewhere in the document but agree with the concept's
    /// inclusive total there (`Samverkansinsatser` 9 935 in an overview, where the follow-up prints
    /// `Summa samverkansinsatser totalt` 9 935 and the statements 9 628) is the inclusive total.
    private func inclusiveAcrossTables(_ doc: inout Document) {
        struct Key: Hashable { var concept: String; var scenario: Scenario; var end: Day }
        // Only the figures of concepts that have an inclusive total, and of those totals, are ever compared:
        // a document without such a row has nothing to do, and the others' figures need not be collected.
        var needed = Set<String>()
        for table in doc.tables {
            for r in table.rows.indices where table.rows[r].member == nil {
                guard let x = table.rows[r].concept, let y = links[x]?.inclusive else { continue }
                needed.insert(x)
                needed.insert(y)
            }
        }
        if needed.isEmpty { return }
        // The rows to collect first, so the dictionary is made once with room for every figure of them: grown
        // as it filled, it rehashed each key (three fields, a string among them) at every doubling.
        var rows: [(t: Int, r: Int)] = []
        var figures = 0
        for (t, table) in doc.tables.enumerated() {
            for r in table.rows.indices where table.rows[r].member == nil {
                guard let concept = table.rows[r].concept, needed.contains(concept) else { continue }
                rows.append((t, r))
                figures += table.rows[r].cells.count
            }
        }
        var values: [Key: [(Int, Int, Decimal)]] = [:]
        values.reserveCapacity(figures)
        for (t, r) in rows {
            let table = doc.tables[t]
            let concept = table.rows[r].concept!
            for (c, cell) in table.rows[r].cells.enumerated() {
                guard let cell, !FigureGrid.isPercent(cell.text), let end = table.columns[c].period?.end else { continue }
                values[Key(concept: concept, scenario: table.columns[c].scenario, end: end), default: []].append((t, r, abs(cell.value)))
            }
        }
        for t in doc.tables.indices {
            for r in doc.tables[t].rows.indices {
                guard doc.tables[t].rows[r].member == nil, let x = doc.tables[t].rows[r].concept, let y = links[x]?.inclusive
                else { continue }
                let row = doc.tables[t].rows[r]
                var agree = 0
                var disagree = 0
                var contradict = false
                for (c, cell) in row.cells.enumerated() {
                    guard let cell, let end = doc.tables[t].columns[c].period?.end else { continue }
                    let scenario = doc.tables[t].columns[c].scenario
                    let v = abs(cell.value)
                    let others = (values[Key(concept: x, scenario: scenario, end: end)] ?? []).filter { $0.0 != t }
                    let inclusive = values[Key(concept: y, scenario: scenario, end: end)] ?? []
                    if !others.isEmpty && !others.contains(where: { $0.2 == v }) { disagree += 1 }
                    if inclusive.contains(where: { $0.2 == v }) { agree += 1 } else if !inclusive.isEmpty { contradict = true }
                }
                if agree > 0 && disagree > 0 && !contradict {
                    doc.tables[t].rows[r].concept = y
                    doc.tables[t].rows[r].mappingNote = [row.mappingNote, "beloppen stämmer med \(y) i andra tabeller, inte med \(x): \(y)"]
                        .compactMap { $0 }.joined(separator: "; ")
                }
            }
        }
    }

    // MARK: Notes

    private func linkNotes(_ doc: inout Document) {
        let noteTables = Dictionary(grouping: doc.tables.indices.filter { doc.tables[$0].noteNumber != nil }) { doc.tables[$0].noteNumber! }
        // A note's rows in the order they are tried, with their figures by period, read once per note: linking
        // sets concepts only, never figures, labels or periods, so they hold for every row that refers to it.
        var readNotes: [Int: [NoteRow]] = [:]
        for t in doc.tables.indices where doc.tables[t].kind != .not {
            for r in doc.tables[t].rows.indices {
                guard !doc.tables[t].rows[r].noteRefs.isEmpty else { continue }
                let row = doc.tables[t].rows[r]
                guard !row.isHeader else { continue }
                for ref in row.noteRefs {
                    for n in noteTables[ref] ?? [] {
                        let noteRows = readNotes[n] ?? StructureMapper.noteRows(doc.tables[n])
                        readNotes[n] = noteRows
                        guard let total = matchingRow(in: noteRows, for: row, columns: doc.tables[t].columns) else { continue }
                        link(statement: (t, r), note: (n, total), in: &doc)
                    }
                }
            }
        }
    }

    /// A note row a statement line may be: its index and its `utfall` figures by period end.
    struct NoteRow {
        var row: Int
        var byPeriod: [Day: Decimal]
    }

    /// The `utfall` figures of `row` by period end.
    static func byPeriod(_ row: Row, _ columns: [Column]) -> [Day: Decimal] {
        var out: [Day: Decimal] = [:]
        for (c, cell) in row.cells.enumerated() {
            guard let cell, columns[c].scenario == .utfall, let p = columns[c].period else { continue }
            out[p.end] = cell.value
        }
        return out
    }

    /// A note's rows but headers, in the order a statement line tries them: totals first, bottom up, then the
    /// other rows, bottom up.
    static func noteRows(_ note: Table) -> [NoteRow] {
        let candidates = note.rows.indices.reversed().filter { !note.rows[$0].isHeader }
        let totals = Set(candidates.filter { LabelFacts.of(note.rows[$0].label).isTotal })
        let totalsFirst = candidates.filter { totals.contains($0) } + candidates.filter { !totals.contains($0) }
        return totalsFirst.map { NoteRow(row: $0, byPeriod: byPeriod(note.rows[$0], note.columns)) }
    }

    /// The note row (a total, else the last row) whose figures equal the statement row's for every period both print.
    private func matchingRow(in noteRows: [NoteRow], for row: Row, columns: [Column]) -> Int? {
        let target = StructureMapper.byPeriod(row, columns)
        guard !target.isEmpty else { return nil }
        for candidate in noteRows {
            let mine = candidate.byPeriod
            let common = Set(mine.keys).intersection(target.keys)
            // A cost printed negative in the statement and positive in the note is the same figure. One period
            // must agree exactly; a small difference in another (a krona) is for the rules to report, not a
            // reason to lose the link.
            guard common.contains(where: { abs(mine[$0]!) == abs(target[$0]!) && target[$0]! != 0 }) else { continue }
            // Within a krona or a hundredth: `d ≤ max(1, t / 100)` as `100 d ≤ max(100, t)`, both sides exact
            // (a power of ten shifts the exponent), without a Decimal division per period.
            let close = common.allSatisfy {
                let t = abs(target[$0]!)
                return abs(abs(mine[$0]!) - t).shifted(by: 2) <= max(100, t)
            }
            if close { return candidate.row }
        }
        return nil
    }

    private func link(statement s: (Int, Int), note n: (Int, Int), in doc: inout Document) {
        let srow = doc.tables[s.0].rows[s.1]
        let nrow = doc.tables[n.0].rows[n.1]
        let noteName = doc.tables[n.0].noteNumber.map { "not \($0)" } ?? "noten"
        switch (srow.concept, nrow.concept) {
        case (let sc?, nil):
            doc.tables[n.0].rows[n.1].concept = sc
            doc.tables[n.0].rows[n.1].member = srow.member
            doc.tables[n.0].rows[n.1].mappingNote = "summan i \(noteName) är raden ”\(srow.label)” (rad \(srow.source.line))"
        case (nil, let nc?):
            doc.tables[s.0].rows[s.1].concept = nc
            doc.tables[s.0].rows[s.1].member = nrow.member
            doc.tables[s.0].rows[s.1].mappingNote = "samma belopp som ”\(nrow.label)” i \(noteName) (rad \(nrow.source.line))"
        case (let sc?, let nc?) where sc != nc && !TableStructure.isTotal(srow):
            // The statement names the line; the note's total is mislabelled when its label's concept has other
            // figures elsewhere in the document (`Summa kortfristiga skulder` 140 413 in the pension note, where
            // the balance sheet's current liabilities are 4 056 840). A label the document does not contradict
            // (`Summa medlemsavgifter` equal to the income) is more specific, and kept.
            let noteTitle = TableStructure.noteTitle(doc.tables[n.0].title)
            let titleAgrees = mapper.match(label: noteTitle, context: RowContext(table: .not, title: "", section: nil, header: nil, qualified: false))?.concept == sc
            guard traits[sc]?.period == traits[nc]?.period,
                  titleAgrees || contradicted(nc, by: nrow, in: doc.tables[n.0].columns, document: doc)
            else { return }
            doc.tables[n.0].rows[n.1].concept = sc
            doc.tables[n.0].rows[n.1].member = srow.member
            doc.tables[n.0].rows[n.1].mappingNote =
                "etiketten ”\(nrow.label)” säger \(nc), men summan i \(noteName) är raden ”\(srow.label)” (rad \(srow.source.line)): \(sc)"
        default:
            break
        }
    }

    /// Whether rows of `concept` elsewhere in the document print other figures for a period this row prints.
    private func contradicted(_ concept: String, by row: Row, in columns: [Column], document doc: Document) -> Bool {
        var mine: [Day: Decimal] = [:]
        for (c, cell) in row.cells.enumerated() {
            if let cell, columns[c].scenario == .utfall, let end = columns[c].period?.end { mine[end] = abs(cell.value) }
        }
        for table in doc.tables {
            for other in table.rows where other.concept == concept && other.member == nil && other.source != row.source {
                for (c, cell) in other.cells.enumerated() {
                    guard let cell, table.columns[c].scenario == .utfall, let end = table.columns[c].period?.end, let v = mine[end] else { continue }
                    if abs(cell.value) != v { return true }
                }
            }
        }
        return false
    }

    // MARK: Conflicting rows

    /// Rows of one concept (and member) whose figures differ: find the one the structure explains.
    private func resolveConflicts(_ table: inout Table, structure layout: TableStructure) {
        var changed = true
        var rounds = 0
        while changed && rounds < 8 {
            changed = false
            rounds += 1
            let structure = layout.with(table)
            // Grouped by concept, member and printed period, each group in row order. The rows are sorted by
            // concept first: most tables give no two rows one concept, and sorting a few indices costs less
            // than a dictionary's storage per table and round (and three strings hashed per row). Only the
            // least explanation below is used, so the order the groups are visited in changes nothing.
            var rows: [Int] = []
            rows.reserveCapacity(table.rows.count)
            for r in table.rows.indices where !structure.headers[r] && table.rows[r].concept != nil { rows.append(r) }
            rows.sort { a, b in
                let ca = table.rows[a].concept!, cb = table.rows[b].concept!
                return ca < cb || (ca == cb && a < b)
            }
            var explanations: [(row: Int, span: Int, concept: String, note: String)] = []
            var start = 0
            while start < rows.count {
                let concept = table.rows[rows[start]].concept!
                var end = start + 1
                while end < rows.count && table.rows[rows[end]].concept! == concept { end += 1 }
                defer { start = end }
                guard end - start >= 2 else { continue }
                // One concept's rows by member and printed period, as `ConflictKey` grouped them.
                var groups: [(key: ConflictKey, rows: [Int])] = []
                for r in rows[start..<end] {
                    let key = ConflictKey(concept: concept, member: table.rows[r].member ?? "", period: table.rows[r].period?.description ?? "")
                    if let g = groups.firstIndex(where: { $0.key == key }) {
                        groups[g].rows.append(r)
                    } else {
                        groups.append((key, [r]))
                    }
                }
                for (_, group) in groups where group.count >= 2 && conflicting(group, in: table) {
                    for r in group {
                        if let e = explain(r, in: table, structure: structure, among: group) { explanations.append(e) }
                    }
                }
            }
            if let best = explanations.min(by: { ($0.span, $0.row) < ($1.span, $1.row) }) {
                table.rows[best.row].concept = best.concept
                table.rows[best.row].member = nil
                table.rows[best.row].mappingNote = best.note
                changed = true
            }
        }
    }

    struct ConflictKey: Hashable {
        var concept: String
        var member: String
        var period: String
    }

    private func conflicting(_ rows: [Int], in table: Table) -> Bool {
        for c in table.columns.indices {
            let values = Set(rows.compactMap { table.rows[$0].cells[c]?.value })
            if values.count > 1 { return true }
        }
        return false
    }

    private func explain(_ r: Int, in table: Table, structure: TableStructure, among rows: [Int]) -> (Int, Int, String, String)? {
        let row = table.rows[r]
        guard let concept = row.concept else { return nil }
        // Under which header does the row sum the rows? Nearest first; sub-headers are passed.
        var k = r - 1
        while k >= 0 {
            if structure.headers[k] {
                let h = table.rows[k]
                let items = ((k + 1)..<r).filter { !structure.headers[$0] && !structure.totals[$0] }
                if !items.isEmpty, structure.equals(structure.sums(items), row: r) {
                    let ctx = structure.context(of: k)
                    if let m = mapper.match(label: h.label, context: ctx), m.concept != concept, traits.index(forKey: m.concept) != nil {
                        let lines = "\(table.rows[items.first!].source.line)–\(table.rows[items.last!].source.line)"
                        return (r, r - k, m.concept,
                                "etiketten säger \(concept), men raden summerar raderna \(lines) under ”\(h.label)”: \(m.concept)")
                    }
                }
            }
            k -= 1
        }
        // A row above the totals it is the sum of, one of them its own concept's: the inclusive total.
        if let inclusive = links[concept]?.inclusive {
            var totals: [Int] = []
            for k in (r + 1)..<table.rows.count where !structure.headers[k] && structure.totals[k] {
                totals.append(k)
                if structure.equals(structure.sums(totals), row: r) && totals.contains(where: { table.rows[$0].concept == concept }) {
                    let lines = totals.map { String(table.rows[$0].source.line) }.joined(separator: " + ")
                    return (r, k - r, inclusive, "\(concept) som summerar delsummorna rad \(lines): \(inclusive)")
                }
            }
        }
        // A second row of the concept summing the rows above it, the first of them included: the adjusted figure.
        if let adjusted = links[concept]?.adjusted, let first = rows.first, first < r {
            let items = (first..<r).filter { !structure.headers[$0] }
            if structure.equals(structure.sums(items), row: r) {
                return (r, r - first, adjusted, "\(concept) justerat med raderna ovan (rad \(table.rows[first].source.line)–): \(adjusted)")
            }
        }
        return nil
    }

    // MARK: Result

    /// A bare `Totalt` after income and cost totals that equals their sum is the result.
    private func resultTotals(_ table: inout Table, structure layout: TableStructure) {
        let structure = layout.with(table)
        for r in table.rows.indices where table.rows[r].concept == nil && structure.isBareTotal(r) && !structure.headers[r] {
            // The totals above, and the rows no total above closes (`Kansli och styrelse` right before `Totalt`).
            let totals = (0..<r).filter {
                table.rows[$0].concept != nil && !structure.headers[$0]
                    && (structure.totals[$0] || structure.closingTotal(below: $0) == r)
            }
            // A bare `Summa` of a concept's rows and others: the concept's inclusive total.
            let items = ((structure.header(above: r) ?? -1) + 1..<r).filter { !structure.headers[$0] && table.rows[$0].concept != nil }
            if !items.isEmpty, structure.equals(structure.sums(items), row: r),
               case let itemConcepts = items.compactMap({ table.rows[$0].concept }),
               let inclusive = itemConcepts.compactMap({ links[$0]?.inclusive }).first,
               Set(itemConcepts).count > 1
            {
                table.rows[r].concept = inclusive
                table.rows[r].mappingNote = "”\(table.rows[r].label)” summerar raderna \(items.map { String(table.rows[$0].source.line) }.joined(separator: ", ")): \(inclusive)"
                continue
            }
            let concepts = totals.compactMap { table.rows[$0].concept.flatMap { traits[$0] } }
            guard concepts.contains(where: { $0.balance == .credit }), concepts.contains(where: { $0.balance == .debit }) else { continue }
            if structure.equals(structure.sums(totals), row: r) {
                table.rows[r].concept = "AretsResultat"
                table.rows[r].mappingNote = "”\(table.rows[r].label)” är summan av intäkter och kostnader ovan (rad \(totals.map { String(table.rows[$0].source.line) }.joined(separator: ", "))): AretsResultat"
            }
        }
    }
}
