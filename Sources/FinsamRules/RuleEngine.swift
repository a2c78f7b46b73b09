import Foundation
import FinsamMapping
import FinsamModel

/// Reconciles a batch: the arithmetic of each table (totals, difference and ratio columns, column totals),
/// the identities between a document's statements and notes, and the same figure wherever it is printed,
/// within a document and across the documents of one organisation.
public struct RuleEngine: Sendable {
    public let mappings: MappingSet
    public let identities: IdentitySet
    /// Why `identities.yaml` could not be read, reported as a finding rather than stopping the batch.
    public let identityProblem: String?

    public init(mappings: MappingSet, identities: IdentitySet? = nil) {
        self.mappings = mappings
        if let identities {
            self.identities = identities
            identityProblem = nil
        } else {
            do {
                self.identities = try IdentitySet.load(from: mappings.directory)
                identityProblem = nil
            } catch {
                self.identities = IdentitySet()
                identityProblem = "\(error)"
            }
        }
    }

    /// The findings for a batch, per document in batch order, then by place.
    ///
    /// `organisationChecked`, when given, is called as each organisation's documents are checked (from any
    /// core, in no set order) with their indices and every finding about them, in the order `check` returns
    /// them: the workbook writes those documents' sheets while the other organisations are still checked.
    public func check(
        _ documents: [Document], organisationChecked: (@Sendable (_ documents: [Int], _ findings: [Finding]) -> Void)? = nil
    ) -> [Finding] {
        var findings: [Finding] = []
        if let identityProblem {
            findings.append(Finding(
                rule: "mappings.identities", severity: .warning,
                message: "identiteterna kunde inte läsas och har inte kontrollerats: \(identityProblem)",
                messageEN: "the identities could not be read and were not checked: \(identityProblem)",
                locations: [SourceLocation(file: IdentitySet.path(in: mappings.directory), line: 1)]))
        }
        let identityRule = IdentityRule(identities: identities, concepts: mappings.concepts)
        let noteRule = NoteReferenceRule(concepts: mappings.concepts)
        let repeated = RepeatedFigureRule(concepts: mappings.concepts, identities: identities)
        let factConcepts = FactConcepts(
            headlineIds: repeated.headlineIds, identityTerms: identityRule.termConcepts, explanations: Explanations.concepts)
        // Each document's own rules need nothing from the others, and the cross-document rule compares figures
        // of one organisation only: the batch is checked organisation by organisation on all cores, so the
        // tables' contexts and the compared figures are held for the organisations in hand, not the whole batch
        // (at national size they were half the peak memory). Findings are gathered in batch order, each
        // organisation's cross-document ones after every document's own, as when the batch was one group.
        let organisations = RuleEngine.organisations(documents)
        // Within an organisation the work is shared out too only when there are fewer organisations than
        // cores: nested parallel loops of small tasks cost more CPU in waking and waiting threads than they save.
        let inner = organisations.count < ProcessInfo.processInfo.activeProcessorCount
        let memo = LabelMemo()
        // Each organisation's findings are put in batch order as it is checked: the order of the documents is
        // worked out once, not once per organisation.
        let order = organisationChecked == nil ? [:] : RuleEngine.documentOrder(documents)
        let perOrganisation = organisations.concurrentMap { members in
            let docs = members.map { documents[$0] }
            // Its tables' contexts are worked out once here and serve every rule, the cross-document one included.
            let perDocument = Array(docs.indices).map(concurrently: inner) { d in
                let doc = docs[d]
                let contexts = doc.tables.indices.map {
                    TableContext(document: doc, tableIndex: $0, concepts: mappings.concepts, tracksCovered: false, memo: memo)
                }
                // One lookup of each fact's concept for every rule.
                let sorted = factConcepts.sort(doc)
                let explanations = Explanations(document: doc, facts: sorted.explanations)
                var found: [Finding] = []
                for ctx in contexts { found += checkTable(ctx, explanations: explanations).findings }
                found += identityRule.check(doc, termFacts: sorted.identityTerms)
                found += noteRule.check(doc, contexts: contexts)
                return (found: found, contexts: contexts, explanations: explanations,
                        candidates: repeated.candidates(doc, index: d, contexts: contexts, headline: sorted.headline))
            }
            let across = repeated.check(
                docs, candidates: perDocument.flatMap(\.candidates), contexts: perDocument.map(\.contexts),
                explanations: perDocument.map(\.explanations), memo: memo, concurrently: inner)
            organisationChecked?(members, RuleEngine.sorted(
                RuleEngine.withoutDuplicates(perDocument.flatMap(\.found) + across), order: order))
            return (own: perDocument.map(\.found), across: across)
        }
        var own = [[Finding]](repeating: [], count: documents.count)
        for (members, result) in zip(organisations, perOrganisation) {
            for (d, found) in zip(members, result.own) { own[d] = found }
        }
        for found in own { findings += found }
        for result in perOrganisation { findings += result.across }
        return RuleEngine.sorted(RuleEngine.withoutDuplicates(findings), documents: documents)
    }

    /// The batch's documents by organisation (as the cross-document rule tells them apart), each in batch
    /// order, the organisations in the order of their first document.
    static func organisations(_ documents: [Document]) -> [[Int]] {
        var index: [String: Int] = [:]
        var groups: [[Int]] = []
        for (d, doc) in documents.enumerated() {
            let key = RepeatedFigureRule.organisationKey(doc, d)
            if let g = index[key] {
                groups[g].append(d)
            } else {
                index[key] = groups.count
                groups.append([d])
            }
        }
        return groups
    }

    /// The rules local to one table, and the figures they found consistent: each of those would be caught if
    /// it were printed differently.
    public func checkTable(_ document: Document, tableIndex: Int) -> (findings: [Finding], covered: Set<CellRef>) {
        checkTable(TableContext(document: document, tableIndex: tableIndex, concepts: mappings.concepts),
                   explanations: Explanations(document: document))
    }

    func checkTable(_ ctx: TableContext, explanations: Explanations) -> (findings: [Finding], covered: Set<CellRef>) {
        var outcome = RuleOutcome(ctx)
        let (differences, covered) = DifferenceRule.check(ctx)
        outcome.merge(differences)
        outcome.merge(SumRule.check(ctx, differenceColumnsCovered: covered, explanations: explanations))
        let groups = ColumnTotalRule.groups(ctx)
        outcome.merge(ColumnTotalRule.check(ctx, groups: groups))
        outcome.merge(RatioRule.check(ctx, groups: groups))
        return (outcome.findings, outcome.covered)
    }

    /// Two notes about the same figures (a note's total rounding against its statement line, found both as a
    /// note reference and as a repeated figure): the first rule's is kept.
    static func withoutDuplicates(_ findings: [Finding]) -> [Finding] {
        var seen = Set<String>()
        return findings.filter { f in
            guard f.severity == .info else { return true }
            let key = f.locations.map { "\($0.file):\($0.line):\($0.column ?? -1)" }.sorted().joined(separator: ",")
            return seen.insert(key).inserted
        }
    }

    static func sorted(_ findings: [Finding], documents: [Document]) -> [Finding] {
        sorted(findings, order: documentOrder(documents))
    }

    /// Each document's source → the index of its first document in the batch.
    static func documentOrder(_ documents: [Document]) -> [String: Int] {
        var order: [String: Int] = [:]
        for (i, d) in documents.enumerated() where order[d.source] == nil { order[d.source] = i }
        return order
    }

    static func sorted(_ findings: [Finding], order: [String: Int]) -> [Finding] {
        let none = SourceLocation(file: "", line: 0)
        return findings.sorted { a, b in
            let da = a.documentSource.flatMap { order[$0] } ?? Int.max
            let db = b.documentSource.flatMap { order[$0] } ?? Int.max
            if da != db { return da < db }
            let la = a.locations.first ?? none, lb = b.locations.first ?? none
            if la != lb { return la < lb }
            return (a.rule, a.message) < (b.rule, b.message)
        }
    }
}

extension Array where Element: Sendable {
    /// `concurrentMap` or, when not `concurrently`, a plain `map`.
    func map<R>(concurrently: Bool, _ transform: @Sendable (Element) -> R) -> [R] {
        concurrently ? concurrentMap(transform) : map(transform)
    }
}
