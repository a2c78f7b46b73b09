import Foundation
import FinsamMapping
import FinsamModel

/// A figure for a summary sheet and where it comes from: a reference to the cell that shows it on its
/// document's sheet (negated where the report prints a cost with a minus), a sum of such cells, or a constant
/// when the fact has no cell.
struct SourcedValue {
    var value: Decimal
    var unit: MeasureUnit
    /// Terms of the formula: cells and whether each is negated. Empty for a constant.
    var terms: [(cell: CellRef, negated: Bool)]
    /// Where it was printed, for comments: `Resultaträkning, rad 533`.
    var provenance: String

    /// `='Östra Södertörn'!E12`, `=-'X'!E12+'X'!E13`; nil for a constant.
    var formula: String? {
        guard !terms.isEmpty else { return nil }
        var out = "="
        for (i, term) in terms.enumerated() {
            if term.negated { out += "-" } else if i > 0 { out += "+" }
            out += term.cell.qualified
        }
        return out
    }

    /// The value a spreadsheet computes from the formula: the referenced cells hold the printed figures, so
    /// adding them as doubles in order gives exactly what Excel gets.
    var computed: Double {
        value.xlsxDouble
    }
}

/// The batch's facts indexed for the summary sheets, with a preference for where a figure is read from: the
/// document about that period, then the statements over notes, budget tables, key-figure tables and
/// five-year overviews.
struct FactCatalog {
    /// Organisations and concepts numbered once: a key compares integers and a period, not strings.
    struct Key: Comparable {
        var organisation: Int32
        var concept: Int32
        /// `Scenario`'s place in `Scenario.allCases`.
        var scenario: UInt8
        var period: Period

        init(organisation: Int32, concept: Int32, scenario: Scenario, period: Period) {
            self.organisation = organisation
            self.concept = concept
            self.scenario = UInt8(Key.scenarios.firstIndex(of: scenario)!)
            self.period = period
        }

        /// Made once: `allCases` builds a new array at every call, and the catalog keys half a million facts.
        private static let scenarios = Scenario.allCases

        static func < (a: Key, b: Key) -> Bool {
            if a.organisation != b.organisation { return a.organisation < b.organisation }
            if a.concept != b.concept { return a.concept < b.concept }
            if a.scenario != b.scenario { return a.scenario < b.scenario }
            return a.period < b.period
        }

        /// The key as one integer in the same order as `<`, for sorting half a million of them: organisation,
        /// concept, scenario, the period's end, then its start (none first). Days fit 23 bits (years to 9999).
        var packed: UInt128 {
            let start = period.start.map { UInt64($0.ordinal) + 1 } ?? 0
            let low = UInt64(scenario) << 48 | UInt64(period.end.ordinal) << 24 | start
            return UInt128(UInt32(bitPattern: organisation)) << 96 | UInt128(UInt32(bitPattern: concept)) << 64 | UInt128(low)
        }
    }

    struct Pick: Hashable {
        var document: Int
        var fact: Int
    }

    /// Facts sorted by key, in batch order within a key: one flat array instead of an array per key, since a
    /// national batch has half a million facts and the catalog lives through the workbook stage.
    private struct Sorted {
        /// The keys as `Key.packed`, which orders them as `<` does and tells them apart: a search then compares
        /// integers instead of keys field by field.
        var keys: [UInt128] = []
        var picks: [(document: Int32, fact: Int32)] = []

        init(_ listed: [(key: Key, document: Int32, fact: Int32)]) {
            let order = FactCatalog.sortOrder(listed)
            keys = order.map { listed[$0].key.packed }
            picks = order.map { (listed[$0].document, listed[$0].fact) }
        }

        /// The facts under `key`, in batch order.
        func picks(_ key: Key) -> [Pick] {
            let key = key.packed
            var low = keys.lowerBound(of: key)
            var out: [Pick] = []
            while low < keys.count, keys[low] == key {
                out.append(Pick(document: Int(picks[low].document), fact: Int(picks[low].fact)))
                low += 1
            }
            return out
        }
    }

    /// The order of `listed` by key, equal keys in the order listed: `indicesSorted { $0.key.packed }`. When
    /// the organisation and concept numbers, the days and the index fit one 128-bit word together (always at
    /// national scale), the words are sorted as plain integers: the sort then compares no tuples through a
    /// closure, which made it most of the catalog's cost.
    static func sortOrder(_ listed: [(key: Key, document: Int32, fact: Int32)]) -> [Int] {
        func width(_ n: UInt64) -> Int { n == 0 ? 0 : 64 - n.leadingZeroBitCount }
        var maxOrganisation: UInt64 = 0, maxConcept: UInt64 = 0
        for entry in listed {
            guard entry.key.organisation >= 0, entry.key.concept >= 0, entry.key.scenario < 8, entry.key.period.end.ordinal < 1 << 23,
                  (entry.key.period.start?.ordinal ?? 0) < 1 << 23
            else { return listed.indicesSorted { $0.key.packed } }
            maxOrganisation = max(maxOrganisation, UInt64(entry.key.organisation))
            maxConcept = max(maxConcept, UInt64(entry.key.concept))
        }
        let organisationBits = width(maxOrganisation), conceptBits = width(maxConcept), indexBits = width(UInt64(max(listed.count, 1) - 1))
        // Scenario 3 bits, the period's end 23 and its start 24 (days are under 2^23; none is 0).
        guard organisationBits + conceptBits + 3 + 23 + 24 + indexBits <= 128 else { return listed.indicesSorted { $0.key.packed } }
        var words: [UInt128] = []
        words.reserveCapacity(listed.count)
        for (i, entry) in listed.enumerated() {
            let key = entry.key
            let start = key.period.start.map { UInt128($0.ordinal) + 1 } ?? 0
            var word = UInt128(UInt32(key.organisation))
            word = word << conceptBits | UInt128(UInt32(key.concept))
            word = word << 3 | UInt128(key.scenario)
            word = word << 23 | UInt128(key.period.end.ordinal)
            word = word << 24 | start
            words.append(word << indexBits | UInt128(i))
        }
        words.sort()
        let mask = (UInt128(1) << indexBits) - 1
        return words.map { Int($0 & mask) }
    }

    let documents: [Document]
    let layouts: [DocumentLayout]
    let mappings: MappingSet
    /// Facts without a member.
    private let index: Sorted
    /// Facts with a member: the per-member rows behind a total.
    private let memberIndex: Sorted
    private var organisationNumber: [String: Int32] = [:]
    private var conceptNumber: [String: Int32] = [:]

    init(documents: [Document], layouts: [DocumentLayout], placement: BatchPlacement, mappings: MappingSet) {
        self.documents = documents
        self.layouts = layouts
        self.mappings = mappings
        for (i, org) in placement.organisations.enumerated() { organisationNumber[org] = Int32(i) }
        var plain: [(key: Key, document: Int32, fact: Int32)] = []
        var members: [(key: Key, document: Int32, fact: Int32)] = []
        for (d, doc) in documents.enumerated() {
            let org = organisationNumber[placement.organisationKey[d]]!
            // By index: a copy of each fact (with its strings) would cost more than the rest of the loop.
            for i in doc.facts.indices {
                let concept: Int32
                if let n = conceptNumber[doc.facts[i].concept] {
                    concept = n
                } else {
                    concept = Int32(conceptNumber.count)
                    conceptNumber[doc.facts[i].concept] = concept
                }
                let key = Key(organisation: org, concept: concept, scenario: doc.facts[i].scenario, period: doc.facts[i].period)
                if doc.facts[i].member == nil {
                    plain.append((key, Int32(d), Int32(i)))
                } else {
                    members.append((key, Int32(d), Int32(i)))
                }
            }
        }
        index = Sorted(plain)
        memberIndex = Sorted(members)
    }

    /// The key of a concept in an organisation's column over `period`, or nil when the batch has no such facts.
    private func key(_ organisation: String, _ concept: String, _ scenario: Scenario, _ period: Period) -> Key? {
        guard let org = organisationNumber[organisation], let c = conceptNumber[concept] else { return nil }
        return Key(organisation: org, concept: c, scenario: scenario, period: self.period(of: concept, in: period))
    }

    static func tableRank(_ kind: TableKind?) -> Int {
        switch kind {
        case .resultatrakning?, .balansrakning?, .kassaflodesanalys?: 0
        case .not?, .ledger?, .deltagare?, nil: 1
        case .driftsredovisning?, .budget?, .prognos?: 2
        case .nyckeltal?, .balanskrav?: 3
        case .flerarsoversikt?: 4
        case .other?: 5
        }
    }

    func fact(_ p: Pick) -> Fact { documents[p.document].facts[p.fact] }

    private func tableIndex(_ p: Pick) -> Int? { documents[p.document].facts[p.fact].tableIndex }

    func table(of p: Pick) -> Table? {
        guard let t = documents[p.document].facts[p.fact].tableIndex, t < documents[p.document].tables.count else { return nil }
        return documents[p.document].tables[t]
    }

    // Ranking and placing read a fact's fields where it lies: a copy of the fact (and of its table) per
    // comparison was most of the comparison's time.
    private func tableKind(of p: Pick) -> TableKind? {
        guard let t = documents[p.document].facts[p.fact].tableIndex, t < documents[p.document].tables.count else { return nil }
        return documents[p.document].tables[t].kind
    }

    /// The period a concept is looked up at in a column over `period`: its end for balances.
    func period(of concept: String, in period: Period) -> Period {
        mappings.concepts[concept]?.period == .instant ? .instant(period.end) : period
    }

    private func rank(_ p: Pick, preferred: Set<Int>) -> (Int, Int, Int, Int, Int, Int) {
        let facts = documents[p.document].facts
        return (preferred.contains(p.document) ? 0 : 1, FactCatalog.tableRank(tableKind(of: p)), p.document,
                facts[p.fact].tableIndex ?? Int.max, facts[p.fact].rowIndex ?? Int.max, -(facts[p.fact].columnIndex ?? 0))
    }

    private func better(_ a: Pick, _ b: Pick, _ preferred: Set<Int>) -> Bool {
        rank(a, preferred: preferred) < rank(b, preferred: preferred)
    }

    /// The fact to show for a concept (without member) in an organisation's column, or nil.
    func best(organisation: String, concept: String, scenario: Scenario, period: Period, preferring preferred: Set<Int>, only document: Int? = nil) -> Pick? {
        guard let key = key(organisation, concept, scenario, period) else { return nil }
        let picks = index.picks(key).filter { document == nil || $0.document == document }
        return picks.min { better($0, $1, preferred) }
    }

    /// A concept's number in this catalog and whether it is looked up at a period's end.
    struct ConceptID {
        var number: Int32
        var instant: Bool
    }

    /// The numbers `best(organisation:concept:…)` takes, looked up once by a caller that asks about every
    /// concept in every column (the comparison), instead of three string lookups per question.
    func organisationID(_ name: String) -> Int32? { organisationNumber[name] }

    func conceptID(_ name: String) -> ConceptID? {
        conceptNumber[name].map { ConceptID(number: $0, instant: mappings.concepts[name]?.period == .instant) }
    }

    /// `best(organisation:concept:scenario:period:preferring:)` by numbers.
    func best(organisation: Int32, concept: ConceptID, scenario: Scenario, period: Period, preferring preferred: Set<Int>) -> Pick? {
        let key = Key(organisation: organisation, concept: concept.number, scenario: scenario,
                      period: concept.instant ? .instant(period.end) : period)
        return index.picks(key).min { better($0, $1, preferred) }
    }

    /// Every concept some fact of the batch has.
    var concepts: Dictionary<String, Int32>.Keys { conceptNumber.keys }

    /// Two concepts read from one table where some table has both (a share of costs computed within the
    /// table that prints them), else nil.
    func pairInOneTable(organisation: String, numerator: String, denominator: String, scenario: Scenario, period: Period, preferring preferred: Set<Int>, only document: Int? = nil) -> (Pick, Pick)? {
        func picks(_ concept: String) -> [Pick] {
            guard let key = key(organisation, concept, scenario, period) else { return [] }
            return index.picks(key).filter { (document == nil || $0.document == document) && tableIndex($0) != nil }
        }
        let dens = picks(denominator)
        var best: (Pick, Pick)?
        for n in picks(numerator) {
            guard let d = dens.filter({ $0.document == n.document && tableIndex($0) == tableIndex(n) })
                .min(by: { better($0, $1, preferred) }) else { continue }
            if best == nil || better(n, best!.0, preferred) { best = (n, d) }
        }
        return best
    }

    /// The per-member facts of a concept in the one table that lists most of them, as the parts of a total
    /// the report does not print (member contributions by member).
    func memberParts(organisation: String, concept: String, scenario: Scenario, period: Period, preferring preferred: Set<Int>, only document: Int? = nil) -> [Pick] {
        guard let key = key(organisation, concept, scenario, period) else { return [] }
        let picks = memberIndex.picks(key).filter { document == nil || $0.document == document }
        let byTable = Dictionary(grouping: picks) { TableID(document: $0.document, table: tableIndex($0) ?? -1) }
        // The table listing most members; among equals, the best placed.
        guard let chosen = byTable.values.min(by: { a, b in
            a.count != b.count ? a.count > b.count : rank(a[0], preferred: preferred) < rank(b[0], preferred: preferred)
        }) else { return [] }
        // One fact per member: a table printing a member twice is read once.
        var seen = Set<String>()
        return chosen.sorted { rank($0, preferred: preferred) < rank($1, preferred: preferred) }
            .filter { seen.insert(documents[$0.document].facts[$0.fact].member ?? "").inserted }
    }

    struct TableID: Hashable {
        var document: Int
        var table: Int
    }

    /// The cell that shows a fact, and whether the fact is the printed figure negated.
    func cell(_ p: Pick) -> (cell: CellRef, negated: Bool)? {
        guard let at = position(p) else { return nil }
        return (CellRef(sheet: layouts[p.document].sheet, row: at.row, col: at.col), at.negated)
    }

    /// `cell(_:)` without building the reference: the `Fakta` table writes one per fact.
    func position(_ p: Pick) -> (row: Int, col: Int, negated: Bool)? {
        position(of: documents[p.document].facts[p.fact], document: p.document)
    }

    func position(of f: Fact, document d: Int) -> (row: Int, col: Int, negated: Bool)? {
        guard let t = f.tableIndex, let r = f.rowIndex, let c = f.columnIndex else { return nil }
        let tables = documents[d].tables
        guard t < tables.count, r < tables[t].rows.count, c < tables[t].rows[r].cells.count,
              let printed = tables[t].rows[r].cells[c] else { return nil }
        let layout = layouts[d]
        let stored = StoredFigure.value(printed, column: tables[t].columns[c], fact: f).value
        let negated: Bool
        if stored == f.value { negated = false } else if stored == -f.value { negated = true } else { return nil }
        return (layout.rowOf[t][r], layout.firstValueColumn + c, negated)
    }

    func sourced(_ p: Pick) -> SourcedValue {
        let facts = documents[p.document].facts
        let terms = cell(p).map { [$0] } ?? []
        return SourcedValue(value: facts[p.fact].value, unit: facts[p.fact].unit, terms: terms,
                            provenance: "\(facts[p.fact].table), rad \(facts[p.fact].source.line)")
    }

    /// A total as the sum of its members' facts.
    func sourced(sumOf parts: [Pick]) -> SourcedValue? {
        guard let first = parts.first else { return nil }
        let cells = parts.map { cell($0) }
        let value = parts.reduce(Decimal(0)) { $0 + fact($1).value }
        let lines = parts.map { String(fact($0).source.line) }.joined(separator: ", ")
        let provenance = "summa av \(parts.count) medlemmars poster i \(fact(first).table), rad \(lines)"
        if cells.contains(where: { $0 == nil }) {
            return SourcedValue(value: value, unit: fact(first).unit, terms: [], provenance: provenance)
        }
        return SourcedValue(value: value, unit: fact(first).unit, terms: cells.map { $0! }, provenance: provenance)
    }
}
