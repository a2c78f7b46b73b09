import Foundation
import FinsamMapping
import FinsamModel

/// The same figure printed in two tables must agree: a five-year overview and the statements, a budget
/// column repeated in a later plan, an interim report's budget and the plan it comes from, a ledger and the
/// printed report. Facts are matched by concept, member, scenario and period; lines no mapping covers by
/// their label and owner, within the same organisation (organisation number, else name).
struct RepeatedFigureRule {
    let concepts: [String: ConceptDefinition]
    /// `identities.sameConceptPairs` (`concept|kind|kind`) read once, so a pair of figures is looked up without
    /// building a string.
    let sameConceptKinds: [String: Set<KindPair>]

    struct KindPair: Hashable {
        var first: TableKind
        var second: TableKind
    }
    /// Concepts that mean the same wherever printed: the statements' lines and key figures (and those the
    /// identities use). Other concepts gather lines a mapping put together that tables may draw differently
    /// (`Övriga kostnader ESF` in one, with administration in another): those are compared by label.
    let headline: Set<String>

    static let statementConcepts: Set<String> = [
        "VerksamhetensIntakter", "VerksamhetensKostnader", "AretsResultat", "Avskrivningar", "VerksamhetensNettokostnad",
        "FinansiellaIntakter", "FinansiellaKostnader", "Finansnetto", "ResultatEfterFinansiellaPoster", "Medlemsavgifter", "EUBidrag",
        "Anlaggningstillgangar", "Omsattningstillgangar", "Fordringar", "KortfristigaPlaceringar", "KassaBank", "SummaTillgangar",
        "EgetKapital", "Avsattningar", "LangfristigaSkulder", "KortfristigaSkulder", "SummaEgetKapitalAvsattningarSkulder",
        "KassaflodeLopandeVerksamhet", "KassaflodeInvesteringsverksamhet", "KassaflodeFinansieringsverksamhet", "AretsKassaflode",
        "LikvidaMedelVidAretsBorjan", "LikvidaMedelVidAretsSlut", "Soliditet", "AntalAnstallda", "Inventarier",
    ]

    init(concepts: [String: ConceptDefinition], identities: IdentitySet) {
        self.concepts = concepts
        var kinds: [String: Set<KindPair>] = [:]
        for pair in identities.sameConceptPairs {
            let parts = pair.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count >= 3, let a = TableKind(rawValue: String(parts[parts.count - 2])),
                  let b = TableKind(rawValue: String(parts[parts.count - 1])) else { continue }
            kinds[parts.dropLast(2).joined(separator: "|"), default: []].insert(KindPair(first: a, second: b))
        }
        sameConceptKinds = kinds
        var headline = RepeatedFigureRule.statementConcepts
        for i in identities.identities {
            for t in i.left + i.rightSides.flatMap({ $0 }) + (i.fallback ?? []) { headline.insert(t.concept) }
        }
        for r in identities.ratios { headline.formUnion(([r.ratio] + r.numerator + r.denominator).map(\.concept)) }
        self.headline = headline.filter { concepts[$0] != nil }
        headlineNames = self.headline.sorted()
        headlineIds = Dictionary(uniqueKeysWithValues: headlineNames.enumerated().map { ($1, Int32($0)) })
        headlinePositive = headlineNames.map { concepts[$0]?.sign == .positive }
        headlineTable = NameTable(headlineIds)
    }

    /// `headlineIds` for the lookups of every row and fact.
    let headlineTable: NameTable<Int32>

    /// By headline number: whether the concept is positive by nature (compared in magnitude).
    let headlinePositive: [Bool]

    /// The headline concepts, numbered (`Subject.concept`).
    let headlineNames: [String]
    let headlineIds: [String: Int32]

    /// What a figure is of: `begrepp:<concept>` (`concept` a number of `headlineIds`) or, for a line no headline
    /// concept covers, `rad:<label>|<owner>|<column key>` (`concept` -1, the parts numbered by the batch's
    /// `LabelMemo`). Compared as numbers; spelled (`spelled`) only for the groups that are sorted.
    struct Subject: Hashable {
        var concept: Int32
        var label: Int32
        var owner: Int32
        var columnKey: Int32
    }

    func spelled(_ s: Subject, _ memo: LabelMemo) -> String {
        if s.concept >= 0 { return "begrepp:" + headlineNames[Int(s.concept)] }
        return "rad:" + memo.text(s.label) + "|" + memo.ownerText(s.owner) + "|" + memo.columnKeyText(s.columnKey)
    }

    /// A class: entries are passed around and grouped many times over, and never change.
    final class Entry {
        let doc: Int
        let table: Int
        let row: Int
        let column: Int
        /// The fact's index in its document, -1 for a line no headline concept covers: where the label a
        /// message quotes is read (`label(_:_:_:)`), only for the entries a finding is about.
        let fact: Int
        let concept: String?
        let value: Decimal
        let figure: Figure
        /// The figure's rounding interval, widened to its items' when the row is itself a total (`widened`), in
        /// fixed point; nil where a figure does not fit it. `interval(_:_:)` gives it in Decimal.
        let fixed: FixedInterval?
        /// Compared in magnitude: a positive concept's figure, or a line no concept covers.
        let magnitude: Bool
        let text: String
        let location: SourceLocation
        let unit: MeasureUnit
        let kind: TableKind
        let scenario: Scenario
        let period: Period
        let member: String?

        init(
            doc: Int, table: Int, row: Int, column: Int, fact: Int, concept: String?, value: Decimal, figure: Figure,
            fixed: FixedInterval?, magnitude: Bool, text: String, location: SourceLocation, unit: MeasureUnit, kind: TableKind,
            scenario: Scenario, period: Period, member: String?
        ) {
            self.doc = doc
            self.table = table
            self.row = row
            self.column = column
            self.fact = fact
            self.concept = concept
            self.value = value
            self.figure = figure
            self.fixed = fixed
            self.magnitude = magnitude
            self.text = text
            self.location = location
            self.unit = unit
            self.kind = kind
            self.scenario = scenario
            self.period = period
            self.member = member
        }
    }

    /// `Key.sortName` compared part by part, without building it: each part is a string literal, an optional of
    /// one, or a name, and none is a prefix of another of its kind but a period's (an instant `2023-12-31`
    /// before `2023-12-31..`, as the `,` that follows it in the description sorts before `.`), so the first
    /// part that differs decides, as in the whole description; the parts meet at ASCII punctuation, which
    /// nothing composes with, so comparing them apart is comparing them together.
    struct SortName: Comparable {
        var organisation: String
        var subject: String
        var member: String
        var scenario: String
        var period: String
        var unit: String

        /// The literals of strings and the descriptions of periods already seen: organisations, subjects and
        /// periods recur across groups.
        struct Literals {
            var known: [String: String] = [:]
            var periods: [Period: String] = [:]
            mutating func of(_ s: String) -> String {
                if let l = known[s] { return l }
                let l = s.debugDescription
                known[s] = l
                return l
            }
            mutating func of(_ p: Period) -> String {
                if let d = periods[p] { return d }
                let d = p.description
                periods[p] = d
                return d
            }
        }

        init(_ key: Key, _ literals: inout Literals) {
            organisation = literals.of(key.organisation)
            subject = literals.of(key.subject)
            member = key.member.map { "Optional(\(literals.of($0)))" } ?? "nil"
            scenario = key.scenario.rawValue
            period = literals.of(key.period)
            unit = key.unitName
        }

        static func < (a: SortName, b: SortName) -> Bool {
            if a.organisation != b.organisation { return a.organisation < b.organisation }
            if a.subject != b.subject { return a.subject < b.subject }
            if a.member != b.member { return a.member < b.member }
            if a.scenario != b.scenario { return a.scenario < b.scenario }
            if a.period != b.period { return a.period < b.period }
            return a.unit < b.unit
        }
    }

    struct Key: Hashable {
        var organisation: String
        var subject: String
        var member: String?
        var scenario: Scenario
        var period: Period
        var unit: MeasureUnit

        /// The unit's case name, as a description prints it (the raw value of `sek` is `SEK`).
        var unitName: String { Key.unitName(unit) }

        static func unitName(_ unit: MeasureUnit) -> String {
            switch unit {
            case .sek: "sek"
            case .pure: "pure"
            case .personer: "personer"
            }
        }

        /// Exactly `"\(key)"`, the description the groups have always been ordered by, without reflection
        /// (`SortName` orders as it does without building it).
        var sortName: String {
            // A scenario's raw value is its case name.
            var s = "Key(organisation: "
            s += organisation.debugDescription
            s += ", subject: "
            s += subject.debugDescription
            s += ", member: "
            s += member.debugDescription
            s += ", scenario: FinsamModel.Scenario."
            s += scenario.rawValue
            s += ", period: "
            s += period.description
            s += ", unit: FinsamModel.MeasureUnit."
            s += unitName
            s += ")"
            return s
        }
    }

    static func organisationKey(_ d: Document, _ index: Int) -> String {
        if let nr = d.organisation.orgnr { return "nr:\(nr)" }
        let name = LabelWords.normalised(d.organisation.name)
        if name.isEmpty || name.hasPrefix("okänd") { return "fil:\(d.source)" }
        return "namn:\(name)"
    }

    /// What a column counts beyond scenario and period: for counts of people, the group and sex
    /// (`Inskrivna K` is not `Avslutade K`); money columns are told apart by scenario and period alone, since
    /// tables head the same budget differently.
    static func columnKey(_ column: Column) -> String {
        guard column.unit == .personer else { return "" }
        return "\(column.member ?? "")|\(column.group ?? "")"
    }

    /// One organisation number with two unrelated names (the fictitious 555555-5555 of test ledgers) is two
    /// organisations: the names must share a word beyond the generic ones.
    static func sameOrganisation(_ a: Organisation, _ b: Organisation) -> Bool {
        sameOrganisation(words: nameWords(a), nameWords(b))
    }

    static func sameOrganisation(words wa: Set<String>, _ wb: Set<String>) -> Bool {
        if wa.isEmpty || wb.isEmpty { return true }
        return !wa.isDisjoint(with: wb)
    }

    /// The words of an organisation's name that tell it from others.
    static func nameWords(_ o: Organisation) -> Set<String> {
        let generic: Set<String> = ["samordningsförbundet", "samordningsförbund", "finsam", "förbundet", "ab", "sie", "kommun", "okänd", "organisation"]
        return Set(LabelWords.normalised(o.name).split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 3 && !generic.contains($0) })
    }

    /// What the rule asks of each document many times over (once per pair of figures), worked out once.
    struct DocumentFacts {
        var organisationKey: [String]
        var nameWords: [Set<String>]

        /// `sameOrganisation(words:)` of each pair of documents, row-major.
        private var same: [Bool]

        init(_ documents: [Document]) {
            organisationKey = documents.enumerated().map { RepeatedFigureRule.organisationKey($1, $0) }
            let words = documents.map { RepeatedFigureRule.nameWords($0.organisation) }
            nameWords = words
            same = words.flatMap { a in words.map { b in RepeatedFigureRule.sameOrganisation(words: a, b) } }
        }

        func sameOrganisation(_ a: Int, _ b: Int) -> Bool { same[a * nameWords.count + b] }
    }

    /// `kommun`, `stad`, a genitive `s`: `Östhammars kommun` and `Östhammar` are the same owner.
    static func ownerKey(_ q: String?) -> String {
        guard let q else { return "" }
        let generic: Set<String> = ["kommun", "kommuns", "stad"]
        var words: [String] = []
        for w in LabelWords.normalised(q).split(separator: " ") where !generic.contains(String(w)) {
            words.append(w.count > 3 && w.hasSuffix("s") ? String(w.dropLast()) : String(w))
        }
        return words.joined(separator: " ")
    }

    /// A figure the rule compares, by position and with what groups it: an `Entry` is made only for those
    /// that share their group with a figure of another table (most figures are printed once).
    struct Candidate {
        var doc: Int32
        var table: Int32
        var row: Int32
        var column: Int32
        /// The fact's index in its document; -1 for a line no headline concept covers.
        var fact: Int32
        var subject: Subject
        var scenario: Scenario
        var period: Period
        var unit: MeasureUnit
    }

    /// A group's or a line's parts as two words, for hashing: what `GroupOrder.Key` holds but the member (a
    /// candidate has none).
    struct PackedKey: Equatable {
        var a: UInt64
        var b: UInt64

        init(a: UInt64, b: UInt64) {
            self.a = a
            self.b = b
        }

        init(_ x: Int32, _ y: Int32, _ z: Int32, _ w: Int32) {
            a = UInt64(UInt32(bitPattern: x)) << 32 | UInt64(UInt32(bitPattern: y))
            b = UInt64(UInt32(bitPattern: z)) << 32 | UInt64(UInt32(bitPattern: w))
        }

        init(_ organisation: Int32, _ subject: Int32, _ period: Period, _ scenario: Scenario, _ unit: MeasureUnit) {
            a = UInt64(UInt32(bitPattern: organisation)) << 32 | UInt64(UInt32(bitPattern: subject))
            // A day's ordinal is under 2^23: the scenario and the unit go in the bits above each day's.
            b = period.packed | UInt64(GroupOrder.position(scenario)) << 24 | UInt64(GroupOrder.position(unit)) << 56
        }
    }

    /// The figures of document `d` the rule compares: headline facts, and lines no headline concept covers.
    /// `headline`: the document's facts of headline concepts with their numbers, in order, where the caller
    /// has them (`FactConcepts.Sorted.headline`).
    func candidates(
        _ doc: Document, index d: Int, contexts ctxs: [TableContext], headline given: [(fact: Int32, concept: Int32)]? = nil
    ) -> [Candidate] {
        var out: [Candidate] = []
        let headlineFacts = given ?? doc.facts.indices.compactMap { i in headlineTable[doc.facts[i].concept].map { (Int32(i), $0) } }
        // Fields read in place: binding a fact copies (retains) its strings.
        for (i, concept) in headlineFacts where doc.facts[Int(i)].member == nil {
            let i = Int(i)
            guard let t = doc.facts[i].tableIndex, let r = doc.facts[i].rowIndex, let c = doc.facts[i].columnIndex,
                  ctxs.indices.contains(t) else { continue }
            out.append(Candidate(
                doc: Int32(d), table: Int32(t), row: Int32(r), column: Int32(c), fact: Int32(i),
                subject: Subject(concept: concept, label: -1, owner: -1, columnKey: -1),
                scenario: doc.facts[i].scenario, period: doc.facts[i].period, unit: doc.facts[i].unit))
        }
        // A ledger's account lines are compared through the statements built from them.
        for (t, ctx) in ctxs.enumerated() where doc.format != .sie4 && doc.format != .sie5 && ctx.table.kind != .ledger {
            // A line by the numbers of its label and owner (`<label>|<owner>`).
            struct Line: Hashable {
                var label: Int32
                var owner: Int32
            }
            var seen: [Line: Int] = [:]
            seen.reserveCapacity(ctx.rows.count)
            var lines: [(Int, Line)] = []
            lines.reserveCapacity(ctx.rows.count)
            for r in ctx.rows.indices where ctx.rows[r].concept.map({ headlineTable[$0] == nil || ctx.rows[r].member != nil }) ?? true {
                let label = ctx.labelID(r)
                guard label.wordy, !ctx.role(r).isKeywordTotal else { continue }
                let key = Line(label: label.id, owner: ctx.memo.owner(ctx.rows[r].qualifier))
                seen[key, default: 0] += 1
                lines.append((r, key))
            }
            if lines.isEmpty { continue }
            // Per amount column, once for the table: what groups its figures besides the line.
            let columns = ctx.amountColumns.map { c in
                (c: c, columnKey: ctx.memo.columnKey(RepeatedFigureRule.columnKey(ctx.table.columns[c])),
                 unit: ctx.table.columns[c].unit, scenario: ctx.table.columns[c].scenario, period: ctx.flowPeriod(c))
            }
            for (r, key) in lines where seen[key] == 1 {
                // Money columns have no column key: their figures of the line share one subject.
                for column in columns where ctx.isAmount(r, column.c) {
                    out.append(Candidate(
                        doc: Int32(d), table: Int32(t), row: Int32(r), column: Int32(column.c), fact: -1,
                        subject: Subject(concept: -1, label: key.label, owner: key.owner, columnKey: column.columnKey),
                        scenario: column.scenario, period: column.period, unit: column.unit))
                }
            }
        }
        return out
    }

    /// The value `entry` gives the candidate, without the rest of the entry.
    func value(_ k: Candidate, _ documents: [Document], _ contexts: [[TableContext]]) -> Decimal {
        if k.fact >= 0 {
            let v = documents[Int(k.doc)].facts[Int(k.fact)].value
            return headlinePositive[Int(k.subject.concept)] ? v.magnitude : v
        }
        return contexts[Int(k.doc)][Int(k.table)].amount(Int(k.row), Int(k.column))!.value.magnitude
    }

    /// The candidate with everything the comparison and its message read.
    func entry(_ k: Candidate, _ documents: [Document], _ contexts: [[TableContext]]) -> Entry {
        let d = Int(k.doc), t = Int(k.table), r = Int(k.row), c = Int(k.column)
        let ctx = contexts[d][t]
        if k.fact >= 0 {
            let f = documents[d].facts[Int(k.fact)]
            let positive = headlinePositive[Int(k.subject.concept)]
            let value = positive ? f.value.magnitude : f.value
            let figure = Figure(value: value, decimals: f.decimals)
            return Entry(
                doc: d, table: t, row: r, column: c, fact: Int(k.fact), concept: f.concept, value: value, figure: figure,
                fixed: fixedWidened(ctx, r, c, figure, magnitude: positive), magnitude: positive,
                text: ctx.cell(r, c)?.text ?? "", location: f.source,
                unit: f.unit, kind: ctx.table.kind, scenario: f.scenario, period: f.period, member: f.member)
        }
        let cell = ctx.amount(r, c)!
        let figure = Figure(value: cell.value.magnitude, decimals: cell.decimals)
        return Entry(
            doc: d, table: t, row: r, column: c, fact: -1, concept: nil, value: figure.value,
            figure: figure, fixed: fixedWidened(ctx, r, c, figure, units: ctx.fixedCell(r, c).value.map { $0 < 0 ? -$0 : $0 }, magnitude: true),
            magnitude: true, text: cell.text,
            location: ctx.location(r, c), unit: k.unit, kind: ctx.table.kind,
            scenario: k.scenario, period: k.period, member: nil)
    }

    /// At least three characters, one of them a letter: byte by byte for ASCII (where a character is a byte
    /// but for CR LF, left to the general case), by characters otherwise.
    static func isWordy(_ label: String) -> Bool {
        var letter = false
        for b in label.utf8 {
            if b >= 0x80 || b == 0x0D { return label.count >= 3 && label.contains(where: \.isLetter) }
            let lower = b | 0x20
            if lower >= 0x61 && lower <= 0x7A { letter = true }
        }
        return label.utf8.count >= 3 && letter
    }

    /// A total computed from rounded items may differ from the same figure rounded once: `Verksamhetens
    /// resultat 125` (tkr) in a table where 12 174 − 12 049 = 125, against 124 314 kr in the statement.
    func widened(_ ctx: TableContext, _ r: Int, _ c: Int, _ figure: Figure, magnitude: Bool) -> Interval {
        var interval = figure.interval
        guard let link = ctx.links[r] else { return interval }
        var items = Interval.exactly(0)
        var sum = Decimal(0)
        for s in link.items {
            guard let cell = ctx.amount(s.row, c) else { continue }
            let f = Figure(cell)
            items = items + (s.sign < 0 ? -f.interval : f.interval)
            sum += s.sign < 0 ? -f.value : f.value
        }
        guard let printed = ctx.amount(r, c), printed.value == sum else { return interval }
        if magnitude && sum < 0 { items = -items }
        interval = Interval(low: min(interval.low, items.low), high: max(interval.high, items.high))
        return interval
    }

    /// `widened` in fixed point; nil where a figure does not fit it.
    /// `units`: the figure's value in fixed point where the caller has it.
    func fixedWidened(_ ctx: TableContext, _ r: Int, _ c: Int, _ figure: Figure, units: Int128? = nil, magnitude: Bool) -> FixedInterval? {
        guard let value = units ?? FixedInterval.units(figure.value), let half = FixedInterval.half(figure.decimals) else { return nil }
        let interval = FixedInterval(value: value, half: half)
        guard let link = ctx.links[r] else { return interval }
        var items = FixedInterval.zero
        var sum: Int128 = 0
        for s in link.items {
            switch ctx.fixedCell(s.row, c) {
            case .absent: continue
            case .unfit: return nil
            case let .figure(v, h):
                let i = FixedInterval(value: v, half: h)
                items = items + (s.sign < 0 ? -i : i)
                sum += s.sign < 0 ? -v : v
            }
        }
        switch ctx.fixedCell(r, c) {
        case .absent: return interval
        case .unfit: return nil
        case let .figure(printed, _):
            guard printed == sum else { return interval }
        }
        if magnitude && sum < 0 { items = -items }
        return FixedInterval(low: min(interval.low, items.low), high: max(interval.high, items.high))
    }

    /// The entry's interval in Decimal: for messages, and for figures fixed point cannot hold. From the fixed
    /// point one where the entry has it (`fixedWidened` is `widened` in fixed point).
    func interval(_ e: Entry, _ contexts: [[TableContext]]) -> Interval {
        if let f = e.fixed, let low = FixedInterval.decimal(f.low), let high = FixedInterval.decimal(f.high) {
            return Interval(low: low, high: high)
        }
        return widened(contexts[e.doc][e.table], e.row, e.column, e.figure, magnitude: e.magnitude)
    }

    func overlaps(_ a: Entry, _ b: Entry, _ contexts: [[TableContext]]) -> Bool {
        if let x = a.fixed, let y = b.fixed { return x.overlaps(y) }
        return interval(a, contexts).overlaps(interval(b, contexts))
    }

    /// `candidates`: those of every document, in batch order; `contexts`: each document's tables'.
    func check(
        _ documents: [Document], candidates all: [Candidate], contexts: [[TableContext]], explanations: [Explanations],
        memo: LabelMemo, concurrently: Bool = true
    ) -> [Finding] {
        let known = DocumentFacts(documents)
        // Grouped by `Key` with its strings interned (each entry's subject hashed once, not a key of three
        // strings and a period), ordered as `SortName` orders the keys (see `GroupOrder`).
        var names = GroupOrder.Names()
        let documentOrganisation = known.organisationKey.map { names.organisations.id($0) }
        // Each entry's group by number, and the members listed for the groups of two or more only: most
        // figures are printed once.
        // Looked up as two words (`PackedKey`), not hashed part by part; a candidate has no member (`candidates`).
        var groupIds = PackedTable(capacity: all.count)
        var keys: [GroupOrder.Key] = []
        var groupOf = [Int](repeating: 0, count: all.count)
        // A headline concept's subject by its number; a line's by its packed parts.
        var conceptSubjects = [Int32](repeating: -1, count: headlineNames.count)
        var lineSubjects = PackedTable(capacity: 64)
        var subjects: [Subject] = []
        for i in all.indices {
            let e = all[i]
            let subject: Int32
            if e.subject.concept >= 0 {
                let c = Int(e.subject.concept)
                if conceptSubjects[c] < 0 {
                    conceptSubjects[c] = Int32(subjects.count)
                    subjects.append(e.subject)
                }
                subject = conceptSubjects[c]
            } else {
                let line = PackedKey(e.subject.label, e.subject.owner, e.subject.columnKey, 0)
                let (id, inserted) = lineSubjects.id(line, next: Int32(subjects.count))
                if inserted { subjects.append(e.subject) }
                subject = id
            }
            let organisation = documentOrganisation[Int(e.doc)]
            let packed = PackedKey(organisation, subject, e.period, e.scenario, e.unit)
            let (g, inserted) = groupIds.id(packed, next: Int32(keys.count))
            groupOf[i] = Int(g)
            if inserted {
                keys.append(GroupOrder.Key(
                    organisation: organisation, subject: subject, member: -1, scenario: e.scenario, period: e.period, unit: e.unit))
            }
        }
        var sizes = [Int](repeating: 0, count: keys.count)
        for g in groupOf { sizes[g] += 1 }
        var members = [[Int]](repeating: [], count: keys.count)
        for (i, g) in groupOf.enumerated() where sizes[g] > 1 { members[g].append(i) }
        // Only a figure printed in two tables has anything to compare; the groups in the order of their keys'
        // descriptions.
        let groups = keys.indices.compactMap { g -> (key: GroupOrder.Key, indices: [Int])? in
            let indices = members[g]
            guard let head = indices.first else { return nil }
            let first = all[head]
            guard indices.contains(where: { (all[$0].doc, all[$0].table) != (first.doc, first.table) }) else { return nil }
            // Figures that all agree tell nothing (`compare` finds equal values consistent before anything
            // else): most groups, which are then neither sorted nor given entries.
            let v = value(first, documents, contexts)
            guard indices.dropFirst().contains(where: { value(all[$0], documents, contexts) != v }) else { return nil }
            return (keys[g], indices)
        }
        let ordered = GroupOrder(names, keys: groups.map(\.key), subjects: (subjects.count, { spelled(subjects[$0], memo) }))
            .sorted(groups)
        var entries = [Entry?](repeating: nil, count: all.count)
        for group in ordered {
            for i in group { entries[i] = entry(all[i], documents, contexts) }
        }
        // Groups are independent: checked on all cores (unless the caller already shares out the work), their
        // findings gathered in the groups' order.
        nonisolated(unsafe) let shared = (documents: documents, all: entries, known: known, contexts: contexts, explanations: explanations, rule: self)
        let perGroup = ordered.map(concurrently: concurrently) { indices in
            shared.rule.checkGroup(indices, documents: shared.documents, entries: shared.all, known: shared.known,
                                   contexts: shared.contexts, explanations: shared.explanations)
        }
        return perGroup.flatMap { $0 }
    }

    /// One group: the same subject, member, scenario, period and unit of one organisation, printed in two
    /// tables or more.
    func checkGroup(
        _ indices: [Int], documents: [Document], entries all: [Entry?], known: DocumentFacts, contexts: [[TableContext]],
        explanations: [Explanations]
    ) -> [Finding] {
        var out: [Finding] = []
        let group = indices.map { all[$0]! }
        let supports = group.map { support($0, group, documents, known, contexts) }
        let reference = group.indices.max { i, j in
            let a = group[i], b = group[j]
            if supports[i] != supports[j] { return supports[i] < supports[j] }
            return (rank(a), a.doc, a.table, a.row) > (rank(b), b.doc, b.table, b.row)
        }.map { group[$0] }!
        // Against the reference figure, quoted from the entry's own document where it prints it too.
        let agreeing = group.filter { overlaps($0, reference, contexts) }
        for e in group where (e.doc, e.table) != (reference.doc, reference.table) && comparable(reference, e, documents, known) {
            let near = agreeing.first { $0.doc == e.doc && $0.table != e.table && comparable($0, e, documents, known) } ?? reference
            if (near.doc, near.table) == (e.doc, e.table) { continue }
            if let f = compare(near, e, documents, contexts, explanations) { out.append(f) }
        }
        return out
    }

    func rank(_ e: Entry) -> Int {
        switch e.kind {
        case .resultatrakning, .balansrakning, .kassaflodesanalys, .ledger: 0
        case .not: 1
        default: 2
        }
    }

    func support(_ e: Entry, _ group: [Entry], _ documents: [Document], _ known: DocumentFacts, _ contexts: [[TableContext]]) -> Int {
        var count = 0
        for o in group where (o.doc, o.table) != (e.doc, e.table) && comparable(e, o, documents, known) && overlaps(o, e, contexts) {
            count += 1
        }
        return count
    }

    /// A forecast is redone for each paper, so forecasts from different files are not compared; a plan's
    /// budget for a later year is a plan, revised in the next plan.
    func comparable(_ a: Entry, _ b: Entry, _ documents: [Document], _ known: DocumentFacts) -> Bool {
        // Fields read in place: binding the documents would copy them, once per pair of figures.
        if a.doc != b.doc && !known.sameOrganisation(a.doc, b.doc) { return false }
        if a.scenario == .prognos && documents[a.doc].source != documents[b.doc].source { return false }
        if a.scenario == .budget && a.doc != b.doc {
            let year = a.period.end.year
            if year > documents[a.doc].period.end.year || year > documents[b.doc].period.end.year { return false }
        }
        if a.doc == b.doc, let concept = a.concept, concept == b.concept, let pairs = sameConceptKinds[concept],
           pairs.contains(KindPair(first: a.kind, second: b.kind)) || pairs.contains(KindPair(first: b.kind, second: a.kind))
        {
            return false
        }
        return true
    }

    func compare(_ ref: Entry, _ e: Entry, _ documents: [Document], _ contexts: [[TableContext]], _ explanations: [Explanations]) -> Finding? {
        if ref.value == e.value { return nil }
        let unit = Decimal(1).shifted(by: -min(ref.figure.decimals, e.figure.decimals))
        if overlaps(ref, e, contexts) {
            // Rounding: worth a note only where the printed figures visibly differ.
            guard (ref.value - e.value).magnitude >= unit else { return nil }
            return finding(ref, e, documents, contexts, .info, Explanation(sv: "inom avrundning", en: "within rounding"))
        }
        let refInterval = interval(ref, contexts), eInterval = interval(e, contexts)
        if let why = innocentRounding(ref, e, eInterval) ?? innocentRounding(e, ref, refInterval) {
            return finding(ref, e, documents, contexts, .info, why)
        }
        if let why = scope(e, refInterval, ref, contexts) ?? scope(ref, eInterval, e, contexts) {
            return finding(ref, e, documents, contexts, .info, why)
        }
        let diff = e.value - ref.value
        if let why = unitFactor(refInterval, ref, eInterval, e) {
            return finding(ref, e, documents, contexts, .warning, why)
        }
        if let why = elsewhere(e, in: ref, contexts) ?? elsewhere(ref, in: e, contexts) {
            return finding(ref, e, documents, contexts, .warning, why)
        }
        if let concept = e.concept, ["VerksamhetensIntakter", "VerksamhetensKostnader", "AretsResultat", "VerksamhetensNettokostnad", "ResultatEfterFinansiellaPoster"].contains(concept) {
            let signed = concept == "VerksamhetensIntakter" ? diff : (concept == "VerksamhetensKostnader" ? -diff : diff)
            // Half the sum of the widths, as a product: Decimal division is dear, and the half of a sum of
            // rounding widths is exact either way.
            let tolerance = (refInterval.width + eInterval.width) * Decimal(sign: .plus, exponent: -1, significand: 5)
            if let why = explanations[ref.doc].financialItems(difference: signed, tolerance: tolerance, period: e.period, scenario: e.scenario) {
                return finding(ref, e, documents, contexts, .warning, why)
            }
            if concept != "AretsResultat", let why = sameResult(ref, e, documents) {
                return finding(ref, e, documents, contexts, .warning, why)
            }
        }
        var hint: Explanation?
        if let t = Explanations.transposition(ref.value, e.value, decimals: min(ref.figure.decimals, e.figure.decimals)) {
            hint = Explanation(sv: "\(t.0) och \(t.1) har samma siffror i annan ordning: troligen omkastade siffror",
                               en: "\(t.0) and \(t.1) have the same digits in another order: probably transposed digits")
        }
        return finding(ref, e, documents, contexts, .error, hint)
    }

    /// `-620,0` printed with a decimal that only says the figure was rounded to thousands; a figure cut off
    /// instead of rounded (954 712 printed as 954 tkr).
    func innocentRounding(_ a: Entry, _ b: Entry, _ bInterval: Interval) -> Explanation? {
        if let comma = a.text.lastIndex(of: ","), a.text[a.text.index(after: comma)...].allSatisfy({ $0 == "0" }) {
            let zeros = a.text.distance(from: comma, to: a.text.endIndex) - 1
            let coarse = Interval(value: a.value, decimals: a.figure.decimals - zeros)
            if coarse.overlaps(bInterval) {
                return Explanation(sv: "\(a.text) är skrivet med fler decimaler än det är avrundat till",
                                   en: "\(a.text) is printed with more decimals than it was rounded to")
            }
        }
        if a.figure.decimals < b.figure.decimals, b.value.rounded(a.figure.decimals, b.value < 0 ? .up : .down) == a.value {
            return Explanation(sv: "\(Format.grouped(b.value)) är avkortat i stället för avrundat",
                               en: "\(b.value) was cut off rather than rounded")
        }
        return nil
    }

    /// The other table's figure is this table's total that includes this line: the tables draw the line at
    /// different places (`Samverkansinsatser` with or without the other joint efforts).
    func scope(_ e: Entry, _ otherInterval: Interval, _ other: Entry, _ contexts: [[TableContext]]) -> Explanation? {
        let ctx = contexts[e.doc][e.table]
        guard let parent = ctx.parents[e.row], let cell = ctx.amount(parent, e.column) else { return nil }
        let f = Figure(value: cell.value.magnitude, decimals: cell.decimals)
        guard f.interval.overlaps(otherInterval) else { return nil }
        return Explanation(
            sv: "\(Format.grouped(other.value.shifted(by: -PrintedScale.of(other.figure.decimals).exponent))) motsvarar \(ctx.label(parent)) (rad \(ctx.line(parent))), som innefattar raden: tabellerna avgränsar posten olika",
            en: "\(other.value) equals \(ctx.label(parent)) (line \(ctx.line(parent))), which includes the line: the tables draw the line differently")
    }

    /// Figures a thousand or a million apart: one of them was printed (or read) in another unit.
    func unitFactor(_ ai: Interval, _ a: Entry, _ bi: Interval, _ b: Entry) -> Explanation? {
        for factor in [3, 6] {
            for (x, xi, yi) in [(a, ai, bi), (b, bi, ai)] {
                let scaled = Interval(low: xi.low.shifted(by: factor), high: xi.high.shifted(by: factor))
                if x.value != 0 && scaled.overlaps(yi) {
                    let f = factor == 3 ? "1 000" : "1 000 000"
                    return Explanation(sv: "beloppen skiljer sig med en faktor \(f): troligen angivna i olika enheter (kr, tkr, mkr)",
                                       en: "the amounts differ by a factor of \(f): probably stated in different units")
                }
            }
        }
        return nil
    }

    /// The figure appears on another line of the other table: the label of one of them is probably wrong
    /// (`Summa kortfristiga skulder` under a note on pension provisions).
    func elsewhere(_ e: Entry, in other: Entry, _ contexts: [[TableContext]]) -> Explanation? {
        // Only a figure distinctive enough not to recur by chance: 140 413, not 50 000 or 673.
        guard RepeatedFigureRule.significantDigits(e.value, decimals: e.figure.decimals) >= 4 else { return nil }
        let ctx = contexts[other.doc][other.table]
        // In fixed point where the figures fit it (equal units are equal values): most rows are passed over.
        let target = FixedInterval.units(e.value).map { $0 < 0 ? -$0 : $0 }
        for r in ctx.rows.indices where r != other.row {
            if let target {
                switch ctx.fixedCell(r, other.column) {
                case .absent: continue
                case let .figure(v, _): if (v < 0 ? -v : v) != target { continue }
                case .unfit: break
                }
            }
            guard let cell = ctx.amount(r, other.column) else { continue }
            let f = Figure(value: cell.value.magnitude, decimals: cell.decimals)
            if f.value == e.value.magnitude {
                return Explanation(
                    sv: "beloppet \(Format.grouped(e.value.magnitude.shifted(by: -PrintedScale.of(e.figure.decimals).exponent))) står på rad \(ctx.line(r)) (\(ctx.label(r))) i den andra tabellen: en av etiketterna är troligen fel",
                    en: "the amount \(e.value.magnitude) is on line \(ctx.line(r)) (\(ctx.label(r))) of the other table: one of the labels is probably wrong")
            }
        }
        return nil
    }

    /// Digits of the printed figure without its trailing zeros: 140 413 has six, 50 000 one.
    static func significantDigits(_ value: Decimal, decimals: Int) -> Int {
        if let digits = fixedSignificantDigits(value, decimals: decimals) { return digits }
        var digits = "\(value.magnitude.shifted(by: decimals).rounded(0))"
        while digits.hasSuffix("0") { digits.removeLast() }
        return digits.count
    }

    /// `significantDigits` in integers, where the value fits fixed point: the printed figure rounded half up
    /// (as `rounded(0)` rounds a magnitude), its trailing zeros dropped (a zero has no digits left).
    static func fixedSignificantDigits(_ value: Decimal, decimals: Int) -> Int? {
        guard let units = FixedInterval.units(value), decimals <= FixedInterval.fractionDigits,
              FixedInterval.fractionDigits - decimals <= 28 else { return nil }
        var unit: Int128 = 1
        for _ in 0..<(FixedInterval.fractionDigits - decimals) { unit *= 10 }
        let magnitude = units < 0 ? -units : units
        var printed = magnitude / unit
        if (magnitude % unit) * 2 >= unit { printed += 1 }
        if printed == 0 { return 0 }
        while printed % 10 == 0 { printed /= 10 }
        var digits = 0
        while printed > 0 {
            digits += 1
            printed /= 10
        }
        return digits
    }

    /// Income or costs that differ while the result of the two tables is the same: the tables classify some
    /// items differently (financial items among costs, a refund among income).
    func sameResult(_ a: Entry, _ b: Entry, _ documents: [Document]) -> Explanation? {
        func result(_ e: Entry) -> Fact? {
            documents[e.doc].facts.first { f in
                f.tableIndex == e.table && f.concept == "AretsResultat" && f.scenario == e.scenario && f.period.end == e.period.end
                    && f.columnIndex == e.column
            }
        }
        guard let ra = result(a), let rb = result(b) else { return nil }
        guard Interval(value: ra.value, decimals: ra.decimals).overlaps(Interval(value: rb.value, decimals: rb.decimals)) else { return nil }
        return Explanation(
            sv: "resultatet är detsamma i båda tabellerna (rad \(ra.source.line) och \(rb.source.line)), så skillnaden gäller vad som räknas till raden",
            en: "the result is the same in both tables (lines \(ra.source.line) and \(rb.source.line)), so the difference is in what the line includes")
    }

    func phrase(_ e: Entry, english: Bool) -> String {
        let p: String
        if let s = e.period.start, s.month == 1, s.day == 1, e.period.end.month == 12, e.period.end.day == 31, s.year == e.period.end.year {
            p = "\(s.year)"
        } else if let s = e.period.start {
            p = "\(s)–\(e.period.end)"
        } else {
            p = "\(e.period.end)"
        }
        return english ? "\(e.scenario.rawValue) \(p)" : "\(e.scenario.swedish) \(p)"
    }

    func place(_ e: Entry, _ documents: [Document], english: Bool, otherDoc: Int) -> String {
        let table = documents[e.doc].tables[e.table]
        var s = english ? "in “\(table.title)” (line \(e.location.line))" : "i ”\(table.title)” (rad \(e.location.line))"
        if e.doc != otherDoc {
            let d = documents[e.doc]
            let name = d.title ?? (d.source as NSString).lastPathComponent
            s += english ? " of \(name)" : " i \(name)"
        }
        return s
    }

    /// The fact's label, or the line's as the table prints it.
    func label(_ e: Entry, _ documents: [Document], _ contexts: [[TableContext]]) -> String {
        e.fact >= 0 ? documents[e.doc].facts[e.fact].label : contexts[e.doc][e.table].label(e.row)
    }

    func finding(
        _ ref: Entry, _ e: Entry, _ documents: [Document], _ contexts: [[TableContext]], _ severity: Severity, _ note: Explanation?
    ) -> Finding {
        let label = label(e, documents, contexts)
        let sa = PrintedScale.of(ref.figure.decimals), sb = PrintedScale.of(e.figure.decimals)
        let coarse = sa.exponent >= sb.exponent ? sa : sb
        let diff = e.value - ref.value
        var sv = "\(label), \(phrase(e, english: false)): \(Format.value(e.value, unit: e.unit, scale: sb)) \(place(e, documents, english: false, otherDoc: ref.doc)) men \(Format.value(ref.value, unit: ref.unit, scale: sa)) \(place(ref, documents, english: false, otherDoc: e.doc)) (differens \(Format.value(diff, unit: e.unit, scale: coarse)))"
        var en = "\(label), \(phrase(e, english: true)): \(Format.value(e.value, unit: e.unit, scale: sb)) \(place(e, documents, english: true, otherDoc: ref.doc)) but \(Format.value(ref.value, unit: ref.unit, scale: sa)) \(place(ref, documents, english: true, otherDoc: e.doc)) (difference \(Format.value(diff, unit: e.unit, scale: coarse)))"
        if let note {
            sv += severity == .info ? ", \(note.sv)" : "; \(note.sv)"
            en += severity == .info ? ", \(note.en)" : "; \(note.en)"
        }
        return Finding(
            rule: e.doc == ref.doc ? "repeat.table" : "repeat.document", severity: severity, message: sv, messageEN: en,
            expected: ref.value, actual: e.value, difference: diff, locations: [e.location, ref.location],
            documentSource: e.doc == ref.doc ? documents[e.doc].source : nil)
    }
}

extension PrintedScale {
    /// The scale a figure with this precision was printed in.
    static func of(_ decimals: Int) -> PrintedScale {
        decimals <= -6 ? .mkr : (decimals <= -3 ? .tkr : .kr)
    }
}
