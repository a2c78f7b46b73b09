import Foundation
import FinsamMapping
import FinsamModel

/// One column of the comparison: an organisation's figures for one period and scenario.
struct ComparisonColumn {
    var organisation: String
    var name: String
    var period: Period
    var scenario: Scenario
    /// The documents about this period, read first.
    var documents: Set<Int>
    var kinds: [DocumentKind]
    /// The organisation's latest outcome: the columns compared side by side and charted.
    var isMain: Bool
}

struct ComparisonRow {
    var concept: String
    var label: String
    var unit: MeasureUnit
    var values: [SourcedValue?]
}

/// Concepts × organisations and periods: the first block one column per organisation (its latest outcome),
/// then every other period a document of the batch is about.
struct ComparisonModel {
    var columns: [ComparisonColumn]
    var rows: [ComparisonRow]

    var mainCount: Int { columns.prefix { $0.isMain }.count }

    /// Totals a report may leave unprinted but itemise by member: the member concept to add up.
    static let partsConcept = ["Medlemsavgifter": "Medlemsavgift"]

    /// Outcome if the document reports any for its own period, else its budget, else its forecast.
    static func primaryScenario(_ d: Document) -> Scenario {
        // One pass over the facts (the comparison and the overview ask this of every document).
        let instant = Period.instant(d.period.end)
        var budget = false, prognos = false
        for i in d.facts.indices where d.facts[i].period == d.period || d.facts[i].period == instant {
            switch d.facts[i].scenario {
            case .utfall: return .utfall
            case .budget: budget = true
            case .prognos: prognos = true
            default: break
            }
        }
        if budget { return .budget }
        if prognos { return .prognos }
        return d.kind == .verksamhetsplan ? .budget : .utfall
    }

    init(documents: [Document], placement: BatchPlacement, catalog: FactCatalog, mappings: MappingSet) {
        struct Key: Hashable {
            var org: String
            var period: Period
            var scenario: Scenario
        }
        var found: [Key: ComparisonColumn] = [:]
        var order: [Key] = []
        for (d, doc) in documents.enumerated() {
            let key = Key(org: placement.organisationKey[d], period: doc.period, scenario: ComparisonModel.primaryScenario(doc))
            if found[key] == nil {
                order.append(key)
                found[key] = ComparisonColumn(
                    organisation: key.org, name: placement.shortName[key.org] ?? key.org, period: key.period,
                    scenario: key.scenario, documents: [], kinds: [], isMain: false)
            }
            found[key]!.documents.insert(d)
            found[key]!.kinds.append(doc.kind)
        }
        var main: [ComparisonColumn] = []
        var rest: [ComparisonColumn] = []
        let keysOf = Dictionary(grouping: order, by: \.org)
        for org in placement.organisations {
            let mine = (keysOf[org] ?? []).map { found[$0]! }.sorted { $0.period < $1.period }
            guard !mine.isEmpty else { continue }
            let outcomes = mine.filter { $0.scenario == .utfall }
            let pool = outcomes.isEmpty ? mine : outcomes
            // Latest end; of two ending together, the longer period.
            let pick = pool.max { a, b in (a.period.end, b.period.start ?? a.period.end) < (b.period.end, a.period.start ?? b.period.end) }!
            for var c in mine {
                if c.period == pick.period && c.scenario == pick.scenario {
                    c.isMain = true
                    main.append(c)
                } else {
                    rest.append(c)
                }
            }
        }
        columns = main + rest

        var concepts = mappings.conceptOrder.filter { $0 != "Differens" }
        let known = Set(concepts)
        var extra = Set<String>()
        for concept in catalog.concepts where !known.contains(concept) { extra.insert(concept) }
        concepts += extra.sorted()

        let organisationIDs = columns.map { catalog.organisationID($0.organisation) }
        var rows: [ComparisonRow] = []
        for concept in concepts {
            let conceptID = catalog.conceptID(concept)
            let values = zip(columns, organisationIDs).map { col, org -> SourcedValue? in
                if let org, let conceptID,
                   let p = catalog.best(organisation: org, concept: conceptID, scenario: col.scenario, period: col.period, preferring: col.documents) {
                    return catalog.sourced(p)
                }
                if let parts = ComparisonModel.partsConcept[concept] {
                    let picks = catalog.memberParts(organisation: col.organisation, concept: parts, scenario: col.scenario, period: col.period, preferring: col.documents)
                    return catalog.sourced(sumOf: picks)
                }
                return nil
            }
            guard values.contains(where: { $0 != nil }) else { continue }
            let def = mappings.concepts[concept]
            let unit = values.compactMap { $0?.unit }.first ?? def?.unit ?? .sek
            rows.append(ComparisonRow(concept: concept, label: def?.label ?? concept, unit: unit, values: values))
        }
        self.rows = rows
    }
}
