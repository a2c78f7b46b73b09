import Foundation
import FinsamModel

/// The mapping stage: gives rows their concepts, turns cells into facts in natural sign, and lists every
/// number-bearing row (or the figures of it) that no rule covers.
///
/// Concepts come, in this order, from: the columns, in tables whose columns say what is counted (participant
/// and survey tables); the row's label read in its place (table kind, section, header above, title); the
/// document's structure (notes and the lines referring to them, mislabelled totals); the total, header or
/// title that a row is itemised under (`Region Stockholm` under member fees is `Medlemsavgift` with member
/// Region Stockholm); the fallback rules; and for a ratio row (`Utfall mot budget` in percent) the row above.
public struct FactBuilder: Sendable {
    public let mappings: MappingSet
    let mapper: LabelMapper
    let columnRules: [CompiledColumnRule]

    /// Regex values are immutable once built; they are only read.
    struct CompiledColumnRule: @unchecked Sendable {
        var rule: ColumnRule
        var patterns: [Regex<AnyRegexOutput>]
    }

    /// A column's concept depends on its table's kind and its headings only (by their bytes: the headings are
    /// normalised when the question is first answered, not each time it is asked).
    struct ColumnQuestion: Hashable {
        var table: TableKind
        var group: ExactText?
        var header: ExactText
    }

    /// The column rules' answers of this batch (see `MatchMemo`).
    let columnMemo = MatchMemo<ColumnQuestion, String?>()

    /// What a fact needs of its concept, without the strings: copying a `ConceptDefinition` per figure retained
    /// and released its six strings, which every reader thread shares.
    struct ConceptTraits {
        var sign: ConceptDefinition.SignNature
        var balance: ConceptDefinition.Balance?
        var period: ConceptDefinition.PeriodType
        var unit: MeasureUnit?
        var scenario: Scenario?
        var instantAt: ConceptDefinition.InstantAt?

        init(_ def: ConceptDefinition) {
            sign = def.sign
            balance = def.balance
            period = def.period
            unit = def.unit
            scenario = def.scenario
            instantAt = def.instantAt
        }
    }

    /// The concepts a concept leads to, for the structure rules: read per row, where a copy of the whole
    /// definition (to test that a concept exists, or for its `inclusive`) retained and released six strings.
    struct ConceptLinks {
        var memberConcept: String?
        var adjusted: String?
        var inclusive: String?

        init(_ def: ConceptDefinition) {
            memberConcept = def.memberConcept
            adjusted = def.adjusted
            inclusive = def.inclusive
        }
    }

    let traits: [String: ConceptTraits]
    let links: [String: ConceptLinks]

    public init(mappings: MappingSet) {
        self.mappings = mappings
        self.mapper = LabelMapper(rules: mappings.labelRules)
        self.traits = mappings.concepts.mapValues(ConceptTraits.init)
        self.links = mappings.concepts.mapValues(ConceptLinks.init)
        self.columnRules = mappings.columnRules.map { rule in
            CompiledColumnRule(rule: rule, patterns: rule.headers.compactMap { try? Regex($0).ignoresCase() })
        }
    }

    /// Tables whose unmatched rows stay unmapped rather than being taken as items of a total: in a statement
    /// an unknown line is a question for the mapping author.
    static let statementKinds: Set<TableKind> = [.resultatrakning, .balansrakning, .kassaflodesanalys, .flerarsoversikt, .nyckeltal]

    /// What the mapping learned about rows beyond their concept, per table.
    struct RowMarks {
        /// Ratio rows (`Utfall mot budget`): their facts are the row above's, as `kvot`.
        var ratios = Set<Int>()
        /// Rows whose balances are at the start of the column's period (`Ingående eget kapital`).
        var atStart = Set<Int>()
    }

    /// Consumes the document so that, passed the last copy, its rows get their concepts in place (a shared
    /// document would have every table's rows copied).
    public func map(_ document: consuming Document) -> Document {
        map(consume document, labelFacts: nil)
    }

    /// `map(TotalInference.annotate(document))`, each row's label looked up once for both (the structure search
    /// and the mapping read the same `LabelFacts`; each lookup hashes the label under the memo's lock).
    public func annotateAndMap(_ document: consuming Document) -> Document {
        var doc = consume document
        var labelFacts: [[LabelFacts]] = []
        labelFacts.reserveCapacity(doc.tables.count)
        for t in doc.tables.indices {
            let facts = doc.tables[t].rows.indices.map { LabelFacts.of(doc.tables[t].rows[$0].label) }
            doc.tables[t].totals = TotalInference.links(in: doc.tables[t], facts: facts)
            labelFacts.append(facts)
        }
        return map(consume doc, labelFacts: labelFacts)
    }

    /// `labelFacts`: per table, each row's `LabelFacts` (rows unchanged since), or nil to look them up here.
    private func map(_ document: consuming Document, labelFacts: [[LabelFacts]]?) -> Document {
        var doc = consume document
        doc.facts = []
        doc.unmapped = []
        var columnConcepts: [[String?]] = []
        var marks = Array(repeating: RowMarks(), count: doc.tables.count)
        // Labels, headers and the rows' order stay as they are: each table's layout is worked out once.
        let structures = doc.tables.indices.map { t in
            labelFacts.map { TableStructure(table: doc.tables[t], facts: $0[t]) } ?? TableStructure(table: doc.tables[t])
        }
        for t in doc.tables.indices {
            let concepts = conceptsOfColumns(doc.tables[t])
            columnConcepts.append(concepts)
            if concepts.contains(where: { $0 != nil }) { continue }
            mapLabels(&doc.tables[t], structure: structures[t], fallback: false, marks: &marks[t])
        }
        StructureMapper(mappings: mappings, mapper: mapper, traits: traits, links: links).apply(&doc, structures: structures)
        for t in doc.tables.indices where !columnConcepts[t].contains(where: { $0 != nil }) {
            mapItems(&doc.tables[t], structure: structures[t])
            mapLabels(&doc.tables[t], structure: structures[t], fallback: true, marks: &marks[t])
            marks[t].ratios = mapRatioRows(&doc.tables[t])
        }
        // Facts are large: room for one per figure up front rather than copies as the array grows.
        // Counted by index: reducing over tables and rows copied each of them whole.
        var figures = 0
        for t in doc.tables.indices {
            for r in doc.tables[t].rows.indices {
                figures += doc.tables[t].rows[r].cells.reduce(0) { $1 == nil ? $0 : $0 + 1 }
            }
        }
        doc.facts.reserveCapacity(figures)
        for t in doc.tables.indices {
            if columnConcepts[t].contains(where: { $0 != nil }) {
                emitColumnFacts(table: t, concepts: columnConcepts[t], into: &doc)
            } else {
                emitRowFacts(table: t, marks: marks[t], into: &doc)
            }
        }
        return doc
    }

    // MARK: Concepts

    private func mapLabels(_ table: inout Table, structure layout: TableStructure, fallback: Bool, marks: inout RowMarks) {
        let structure = layout.with(table)
        // The title's rule hits once per table, each header's once per header row.
        let title = mapper.titleNumber(structure.title)
        var headerNumbers: [Int: Int32] = [:]
        for r in table.rows.indices where table.rows[r].concept == nil && !(fallback && structure.headers[r]) {
            let label = table.rows[r].label
            let context = structure.context(of: r)
            var header: Int32 = -1
            if let k = structure.header(above: r) {
                if let known = headerNumbers[k] {
                    header = known
                } else {
                    header = mapper.headerNumber(context.header)
                    headerNumbers[k] = header
                }
            }
            var match = mapper.match(
                label: label, facts: structure.facts[r], context: context, title: title, header: header, fallback: fallback)
            if match == nil, fallback, table.kind == .not, structure.isBareTotal(r), !structure.headers[r],
               var m = mapper.match(label: structure.noteTitle, context: context)
            {
                // `Summa` of `Not 4. Räkenskapsrevision` that no statement line refers to with the same figures.
                m.how = "summan i noten ”\(structure.noteTitle)”: " + m.how
                match = m
            }
            guard let m = match else { continue }
            guard traits.index(forKey: m.concept) != nil else { continue }
            table.rows[r].concept = m.concept
            table.rows[r].member = m.member
            if let old = table.rows[r].mappingNote {
                var note = NoteText(capacity: old.utf8.count + m.how.utf8.count + 2)
                note.add(old)
                note.add("; ")
                note.add(m.how)
                table.rows[r].mappingNote = note.text
            } else {
                table.rows[r].mappingNote = m.how
            }
            if m.atStart { marks.atStart.insert(r) }
        }
    }

    /// Rows itemised under a total, a header or a table whose concept itemises by member.
    private func mapItems(_ table: inout Table, structure layout: TableStructure) {
        guard !FactBuilder.statementKinds.contains(table.kind) else { return }
        let structure = layout.with(table)
        // The title's concept only once a row needs it (most rows find theirs above or below).
        var titleConcept: String??
        for r in table.rows.indices where table.rows[r].concept == nil && !structure.headers[r] && !structure.totals[r] {
            // The closing total below, the header above, the title: the first whose concept itemises by member
            // (a source without that concept is passed).
            var from: (row: Int?, itemConcept: String)?
            if let k = structure.closingTotal(below: r), let c = table.rows[k].concept, let item = links[c]?.memberConcept {
                from = (k, item)
            } else if let k = structure.header(above: r), let c = table.rows[k].concept, let item = links[c]?.memberConcept {
                from = (k, item)
            } else {
                if titleConcept == nil {
                    titleConcept = .some(mapper.match(
                        label: structure.noteTitle, context: RowContext(table: table.kind, title: "", section: nil, header: nil, qualified: false))?.concept)
                }
                if let c = titleConcept!, let item = links[c]?.memberConcept { from = (nil, item) }
            }
            if let (k, itemConcept) = from {
                let label = table.rows[r].label
                table.rows[r].concept = itemConcept
                table.rows[r].member = label
                // `[note, "post under \(from): \(itemConcept) för ”\(label)”"]` joined by "; ", where `from` is
                // `”\(label)” (rad \(line))` of row k or `tabellen ”\(title)”`.
                var note = NoteText()
                if let old = table.rows[r].mappingNote {
                    note.add(old)
                    note.add("; ")
                }
                note.add("post under ")
                if let k {
                    note.add("”")
                    note.add(table.rows[k].label)
                    note.add("” (rad ")
                    note.add(table.rows[k].source.line)
                    note.add(")")
                } else {
                    note.add("tabellen ”")
                    note.add(table.title)
                    note.add("”")
                }
                note.add(": ")
                note.add(itemConcept)
                note.add(" för ”")
                note.add(label)
                note.add("”")
                table.rows[r].mappingNote = note.text
            }
        }
    }

    /// `Utfall mot budget 22%` under `Förtroendevalda 177`: the ratio of the row above.
    private func mapRatioRows(_ table: inout Table) -> Set<Int> {
        var ratios = Set<Int>()
        for r in table.rows.indices where r > 0 && table.rows[r].concept == nil {
            let row = table.rows[r]
            let cells = row.cells.compactMap { $0 }
            guard !cells.isEmpty, cells.allSatisfy({ FigureGrid.isPercent($0.text) }) else { continue }
            let key = LabelMapper.normalise(row.label)
            guard key.firstMatch(of: Patterns.ratioLabel) != nil else { continue }
            guard let above = (0..<r).last(where: { !table.rows[$0].isHeader }), let concept = table.rows[above].concept else { continue }
            table.rows[r].concept = concept
            table.rows[r].member = table.rows[above].member
            table.rows[r].mappingNote = "kvot för raden ovan (”\(table.rows[above].label)”, rad \(table.rows[above].source.line))"
            ratios.insert(r)
        }
        return ratios
    }

    /// Per column, the concept a column rule gives it (nil for all: the table is read by rows).
    private func conceptsOfColumns(_ table: Table) -> [String?] {
        guard !columnRules.isEmpty else { return table.columns.map { _ in nil } }
        let found: [String?] = table.columns.map { column in
            columnMemo.value(for: ColumnQuestion(table: table.kind, group: column.group.map(ExactText.init), header: ExactText(column.header))) {
                let texts = [column.group, column.header].compactMap { $0 }.map(LabelMapper.normalise).filter { !$0.isEmpty }
                for compiled in columnRules where compiled.rule.tables.map({ $0.contains(table.kind) }) ?? true {
                    for text in texts where compiled.patterns.contains(where: { (try? $0.wholeMatch(in: text)) != nil }) {
                        return compiled.rule.concept
                    }
                }
                return nil
            }
        }
        // Mixed tables (one column named like a count among amounts) are read by rows.
        let named = found.compactMap { $0 }.count
        return named * 2 >= table.columns.count ? found : table.columns.map { _ in nil }
    }

    // MARK: Facts

    private func emitRowFacts(table t: Int, marks: RowMarks, into doc: inout Document) {
        let table = doc.tables[t]
        // The concepts' traits once per row, not per figure (and not again for the signs).
        let traitsOfRows = table.rows.indices.map { r in table.rows[r].concept.flatMap { traits[$0] } }
        let flips = signFlips(table, traitsOfRows: traitsOfRows)
        // Rows by index, read in place: a `for row in` loop copied each row whole.
        for r in table.rows.indices {
            let cells = table.rows[r].cells
            guard cells.contains(where: { $0 != nil }) else { continue }
            var leftover: [String] = []
            let isRatioRow = marks.ratios.contains(r)
            let rowTraits = traitsOfRows[r]
            let concept = table.rows[r].concept, member = table.rows[r].member
            for (c, cell) in cells.enumerated() {
                guard let cell else { continue }
                guard let base = concept, let fact = fact(
                    concept: base, traits: rowTraits, member: member, cell: cell, flips: flips[c],
                    forceKvot: isRatioRow, atStart: marks.atStart.contains(r), table: table, t: t, r: r, c: c, document: doc)
                else { leftover.append(cell.text); continue }
                doc.facts.append(fact)
            }
            if !leftover.isEmpty {
                doc.unmapped.append(UnmappedRow(label: table.rows[r].label, values: leftover, source: table.rows[r].source, table: table.title))
            }
        }
    }

    private func emitColumnFacts(table t: Int, concepts: [String?], into doc: inout Document) {
        var table = doc.tables[t]
        let columnTraits = concepts.map { $0.flatMap { traits[$0] } }
        for r in table.rows.indices where !table.rows[r].isHeader {
            let row = table.rows[r]
            let isShareRow = row.cells.compactMap { $0 }.allSatisfy { FigureGrid.isPercent($0.text) }
                && table.columns.contains { $0.unit == .personer }
            let member: String? = TableStructure.isBareTotal(row) || isShareRow ? nil : row.label
            var leftover: [String] = []
            var used: Set<String> = []
            for (c, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                guard let concept = concepts[c], let f = fact(
                    concept: concept, traits: columnTraits[c], member: member, cell: cell, flips: BalanceFlips(), forceKvot: false,
                    atStart: false, table: table, t: t, r: r, c: c, document: doc)
                else { leftover.append(cell.text); continue }
                used.insert(f.concept)
                doc.facts.append(f)
            }
            if !used.isEmpty {
                table.rows[r].concept = used.sorted().joined(separator: ", ")
                table.rows[r].member = member
                table.rows[r].mappingNote = [row.mappingNote, "begreppet från kolumnernas rubriker; raden är \(member.map { "medlemmen ”\($0)”" } ?? "summan")"]
                    .compactMap { $0 }.joined(separator: "; ")
            }
            if !leftover.isEmpty {
                doc.unmapped.append(UnmappedRow(label: row.label, values: leftover, source: row.source, table: table.title))
            }
        }
        doc.tables[t] = table
    }

    /// One figure as a fact, or nil when the concept cannot carry it (a share of a count without a share concept).
    /// `traits` is `self.traits[base]`, looked up by the caller. The row and the column are read in place
    /// (`table.rows[r]`, `table.columns[c]`): a copy of either retained and released all its texts.
    private func fact(
        concept base: String, traits baseTraits: ConceptTraits?, member: String?, cell: Cell, flips: BalanceFlips, forceKvot: Bool,
        atStart: Bool, table: Table, t: Int, r: Int, c: Int, document: Document
    ) -> Fact? {
        guard var def = baseTraits else { return nil }
        var concept = base
        let isPercent = FigureGrid.isPercent(cell.text)
        let scenario = forceKvot ? .kvot : (def.scenario ?? table.columns[c].scenario)
        var unit: MeasureUnit = isPercent ? .pure : (def.unit ?? table.columns[c].unit)
        if isPercent && def.unit != .pure && scenario != .kvot {
            // A share of a count or an amount: its own concept (`DeltagareInskrivnaAndel`).
            guard let share = mappings.concepts[base + "Andel"] else { return nil }
            def = ConceptTraits(share)
            concept = share.name
        }
        if !isPercent && def.unit == .pure && table.columns[c].unit != .pure && scenario != .kvot && cell.decimals <= 0 && abs(cell.value) > 1 {
            // A ratio concept printed as a plain number above one is not a ratio.
            return nil
        }
        if table.columns[c].unit == .personer && !isPercent { unit = .personer }
        if scenario == .kvot { unit = .pure }
        var value = cell.value
        var decimals = cell.decimals
        if !isPercent && unit != .sek && decimals < 0 {
            // A count the reader scaled with a table of thousands (its label did not say it counts): a count is
            // never printed in thousands.
            value = value.shifted(by: decimals)
            decimals = 0
        }
        if scenario != .differens && scenario != .kvot && unit == .sek {
            switch def.sign {
            case .signed: break
            case .absolute: value = abs(value)
            case .positive: if let b = def.balance, flips.contains(b) { value = -value }
            }
        }
        var dimensions: [String: String] = [:]
        if let m = table.columns[c].member { dimensions["kön"] = m }
        if member != nil, let q = table.rows[r].qualifier { dimensions["ägare"] = q }
        let printed = table.rows[r].period ?? table.columns[c].period ?? document.period
        return Fact(
            concept: concept, member: member, label: table.rows[r].label, table: table.title, scenario: scenario,
            period: FactBuilder.period(def.period, instantAt: def.instantAt, printed: printed, document: document, atStart: atStart),
            value: value, unit: unit,
            decimals: decimals, source: SourceLocation(file: table.rows[r].source.file, line: table.rows[r].source.line, column: cell.column),
            tableIndex: t, rowIndex: r, columnIndex: c, noteRefs: table.rows[r].noteRefs, dimensions: dimensions)
    }

    /// Per column: the balance kinds (`debit`, `credit`) this table prints with a minus sign. A cost printed
    /// `-25 275 195` among negative costs is a cost of 25 275 195; a positive one among them is a reversal.
    /// `traitsOfRows`: each row's concept traits, looked up by the caller (`traits[row.concept]`, nil without one).
    func signFlips(_ table: Table, traitsOfRows: [ConceptTraits?]) -> [BalanceFlips] {
        // Counted row by row (each row's concept looked up once), per column: [debit, credit] side by side in
        // one flat array (`2c + slot`), not an array per column.
        var negative = Array(repeating: 0, count: 2 * table.columns.count)
        var positive = negative
        for r in table.rows.indices {
            guard let def = traitsOfRows[r], def.sign == .positive, let balance = def.balance
            else { continue }
            let k = BalanceFlips.slot(balance)
            for c in table.columns.indices {
                // The figure's sign and zero test read from its fields: comparing with a literal built a `Decimal`
                // per comparison (NaN, which a reader never yields, still takes the comparisons).
                guard let cell = table.rows[r].cells[c] else { continue }
                let v = cell.value
                guard v.isNaN ? v != 0 : !v.isZero, !FigureGrid.isPercent(cell.text) else { continue }
                if v.isNaN ? v < 0 : v.sign == .minus { negative[2 * c + k] += 1 } else { positive[2 * c + k] += 1 }
            }
        }
        return table.columns.indices.map { c in
            BalanceFlips(debit: negative[2 * c] > positive[2 * c], credit: negative[2 * c + 1] > positive[2 * c + 1])
        }
    }

    /// The balance kinds a column prints with a minus sign.
    struct BalanceFlips {
        var debit = false
        var credit = false

        static func slot(_ balance: ConceptDefinition.Balance) -> Int { balance == .debit ? 0 : 1 }

        func contains(_ balance: ConceptDefinition.Balance) -> Bool { balance == .debit ? debit : credit }
    }

    /// Completes a printed period from the concept: a flow headed `2023-06-30` runs from the start of the
    /// document's period (or the year); a balance headed `2023-01-01 -2023-12-31` is at its end.
    static func period(for def: ConceptDefinition, printed: Period, document: Document, atStart: Bool = false) -> Period {
        period(def.period, instantAt: def.instantAt, printed: printed, document: document, atStart: atStart)
    }

    static func period(_ type: ConceptDefinition.PeriodType, instantAt: ConceptDefinition.InstantAt?, printed: Period, document: Document, atStart: Bool = false) -> Period {
        switch type {
        case .instant where instantAt == .start || atStart:
            // `Likvida medel vid årets början` in a column for 2023 is the balance at 2022-12-31.
            let flow = FactBuilder.period(.duration, instantAt: nil, printed: printed, document: document)
            return .instant(flow.start.map(FactBuilder.dayBefore) ?? printed.end)
        case .instant:
            return .instant(printed.end)
        case .duration:
            if let start = printed.start { return Period(start: start, end: printed.end) }
            if let docStart = document.period.start, document.period.end == printed.end {
                return Period(start: docStart, end: printed.end)
            }
            return Period(start: Day(year: printed.end.year, month: 1, day: 1), end: printed.end)
        }
    }

    static func dayBefore(_ d: Day) -> Day {
        if d.day > 1 { return Day(year: d.year, month: d.month, day: d.day - 1)! }
        if d.month > 1 { return Day.lastDay(ofMonth: d.month - 1, year: d.year) }
        return Day(year: d.year - 1, month: 12, day: 31)!
    }

    /// Kept for callers that complete a column's period (the workbook, the rules).
    static func period(for def: ConceptDefinition, column: Column, document: Document) -> Period {
        period(for: def, printed: column.period ?? document.period, document: document)
    }
}

/// Regex literals are parsed each time they are evaluated: built once here, only read afterwards.
private enum Patterns {
    nonisolated(unsafe) static let ratioLabel = /utfall mot budget|förbrukningskvot|förbr kvot|andel av budget|förbrukat|utfall i procent/
}
