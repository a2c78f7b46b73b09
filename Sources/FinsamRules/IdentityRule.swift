import Foundation
import FinsamMapping
import FinsamModel

/// The facts of one document by concept (those of `concepts` only: the identities name a few of the many),
/// with the kind of table each came from. Facts are held by index: one is copied only when a term takes it.
struct FactIndex {
    let document: Document
    let byConcept: [String: [Int]]

    init(_ document: Document, concepts: Set<String>) {
        self.init(document, facts: document.facts.indices.filter { concepts.contains(document.facts[$0].concept) })
    }

    /// `facts`: the indices, in order, of the document's facts of the concepts asked for
    /// (`FactConcepts.Sorted.identityTerms`).
    init(_ document: Document, facts indices: [Int]) {
        self.document = document
        var byConcept: [String: [Int]] = [:]
        for i in indices {
            byConcept[document.facts[i].concept, default: []].append(i)
        }
        // In the order `facts` returns them, once: a filter keeps that order, so each term's facts need no
        // sort of their own (the sort is stable, so ties stay in document order either way).
        let facts = document.facts, tables = document.tables
        func rank(_ i: Int) -> Int { FactIndex.rank(facts[i].tableIndex, tables) }
        for (concept, indices) in byConcept where indices.count > 1 {
            byConcept[concept] = indices.sorted { (rank($0), facts[$0].source) < (rank($1), facts[$1].source) }
        }
        self.byConcept = byConcept
    }

    static func rank(_ t: Int?, _ tables: [Table]) -> Int {
        guard let t, tables.indices.contains(t) else { return 2 }
        switch tables[t].kind {
        case .resultatrakning, .balansrakning, .kassaflodesanalys: return 0
        case .not: return 1
        default: return 2
        }
    }

    func kind(_ f: Fact) -> TableKind? { kind(table: f.tableIndex) }

    func kind(table t: Int?) -> TableKind? {
        guard let t, document.tables.indices.contains(t) else { return nil }
        return document.tables[t].kind
    }

    /// Statements first, then notes, then the rest; in document order within each.
    func rank(_ f: Fact) -> Int { rank(table: f.tableIndex) }

    func rank(table t: Int?) -> Int { FactIndex.rank(t, document.tables) }

    /// The indices of the facts.
    func facts(_ concept: String, tables: [TableKind]?, scenario: Scenario, member: String?, period: Period) -> [Int] {
        let facts = document.facts
        var out: [Int] = []
        for i in byConcept[concept] ?? [] where facts[i].scenario == scenario && facts[i].member == member && facts[i].period == period
            && (tables == nil || kind(table: facts[i].tableIndex).map { tables!.contains($0) } == true)
        {
            out.append(i)
        }
        return out
    }
}

extension Day {
    /// The day before: the balance a period opened with is the one at the close of this day.
    var previous: Day {
        if day > 1 { return Day(year: year, month: month, day: day - 1)! }
        if month > 1 { return Day.lastDay(ofMonth: month - 1, year: year) }
        return Day(year: year - 1, month: 12, day: 31)!
    }
}

/// Checks the identities of `mappings/identities.yaml` on each document's facts.
struct IdentityRule {
    let identities: IdentitySet
    let concepts: [String: ConceptDefinition]
    /// Every concept a term of an identity or ratio names.
    let termConcepts: Set<String>

    init(identities: IdentitySet, concepts: [String: ConceptDefinition]) {
        self.identities = identities
        self.concepts = concepts
        var terms = Set<String>()
        for i in identities.identities {
            for t in i.left + i.rightSides.flatMap({ $0 }) + (i.fallback ?? []) { terms.insert(t.concept) }
        }
        for r in identities.ratios { terms.formUnion(([r.ratio] + r.numerator + r.denominator).map(\.concept)) }
        termConcepts = terms
    }

    /// A fact a term stands for, held by its index in the document's facts (one retain to copy, where a
    /// fact takes one per string); `fact` binds it, for messages.
    struct Resolved {
        let facts: [Fact]
        let index: Int
        var fact: Fact { facts[index] }
        var source: SourceLocation { facts[index].source }
        var decimals: Int { facts[index].decimals }
        var term: IdentityTerm
        var value: Decimal
        var interval: Interval
    }

    /// A context: the period the flows cover (or the instant), with scenario and member.
    struct Context: Hashable {
        var scenario: Scenario
        var member: String?
        var start: Day?
        var end: Day
    }

    /// `termFacts`: the indices, in order, of the document's facts of `termConcepts`, where the caller has them.
    func check(_ document: Document, termFacts: [Int]? = nil) -> [Finding] {
        let index = termFacts.map { FactIndex(document, facts: $0) } ?? FactIndex(document, concepts: termConcepts)
        var out: [Finding] = []
        for identity in identities.identities { out += check(identity, index) }
        for ratio in identities.ratios { out += check(ratio, index) }
        return out
    }

    /// The facts a term may stand for, preferred first and one per distinct value; `[]` for a missing
    /// optional term, nil for a missing required one.
    func resolve(_ term: IdentityTerm, _ ctx: Context, _ index: FactIndex) -> [Resolved]? {
        guard let def = concepts[term.concept] else { return nil }
        var periods: [Period] = []
        switch def.period {
        case .instant:
            if term.at != .start { periods.append(.instant(ctx.end)) }
            if term.at != .end, let s = ctx.start { periods.append(.instant(s.previous)) }
        case .duration:
            guard let s = ctx.start else { return nil }
            periods.append(Period(start: s, end: ctx.end))
        }
        var found: [Int] = []
        for p in periods where found.isEmpty {
            found = index.facts(term.concept, tables: term.tables, scenario: ctx.scenario, member: ctx.member, period: p)
        }
        if found.isEmpty { return term.optional ? [] : nil }
        // Alternatives only among the most authoritative tables (a mislabelled subtotal in the statement
        // itself), never a note's figure standing in for the statement's.
        let facts = index.document.facts
        let topRank = found.map { index.rank(table: facts[$0].tableIndex) }.min()!
        found = found.filter { index.rank(table: facts[$0].tableIndex) == topRank }
        // A natural-sign value: for a concept that is positive by nature a printed minus is presentation only.
        let positive = def.sign == .positive
        // A few facts: compared in a list, not hashed.
        var seen: [Decimal] = []
        var out: [Resolved] = []
        for f in found {
            let natural = positive ? facts[f].value.magnitude : facts[f].value
            guard !seen.contains(natural) else { continue }
            seen.append(natural)
            let i = Interval(value: natural, decimals: facts[f].decimals)
            // The sign is 1 or -1 (the identities are checked for it when read): a product only otherwise.
            let value = term.sign == 1 ? natural : (term.sign == -1 ? -natural : Decimal(term.sign) * natural)
            out.append(Resolved(facts: facts, index: f, term: term, value: value, interval: term.sign < 0 ? -i : i))
        }
        return out
    }

    /// Every way to pick one fact per term of a side (a mislabelled subtotal may share a concept with the
    /// real total); nil when a required term has no fact.
    func resolve(_ terms: [IdentityTerm], _ ctx: Context, _ index: FactIndex) -> [[Resolved]]? {
        var combos: [[Resolved]] = [[]]
        for t in terms {
            guard let options = resolve(t, ctx, index) else { return nil }
            if options.isEmpty { continue }
            combos = combos.flatMap { c in options.prefix(3).map { c + [$0] } }
            if combos.count > 27 { combos = Array(combos.prefix(27)) }
        }
        return combos
    }

    /// The contexts in which to check: each fact of the first required left term, with the period starts the
    /// identity's flows give it.
    func contexts(_ terms: [IdentityTerm], _ all: [IdentityTerm], _ index: FactIndex) -> [Context] {
        guard let anchor = terms.first(where: { !$0.optional }) else { return [] }
        var out: [Context] = []
        var seen = Set<Context>()
        let durations = all.filter { concepts[$0.concept]?.period == .duration }.map(\.concept)
        let needsStart = all.contains { $0.at == .start } || !durations.isEmpty
        let facts = index.document.facts
        for i in index.byConcept[anchor.concept] ?? [] where anchor.tables == nil || index.kind(table: facts[i].tableIndex).map({ anchor.tables!.contains($0) }) == true {
            let f = facts[i]
            var starts: [Day?] = [f.period.start]
            if f.period.start == nil, needsStart, let t = f.tableIndex, let c = f.columnIndex,
               index.document.tables.indices.contains(t), index.document.tables[t].columns.indices.contains(c),
               let s = index.document.tables[t].columns[c].period?.start
            {
                // An instant printed in a column that covers a period (cash at the start of the year, in the
                // cash-flow statement's column for the year): the column says when the period began.
                starts = [s]
            } else if f.period.start == nil && needsStart {
                starts = Array(Set(durations.flatMap { c in
                    (index.byConcept[c] ?? []).filter { facts[$0].period.end == f.period.end && facts[$0].scenario == f.scenario && facts[$0].member == f.member }
                        .map { facts[$0].period.start }
                }))
                if starts.isEmpty { continue }
            }
            for s in starts {
                let c = Context(scenario: f.scenario, member: f.member, start: s, end: f.period.end)
                if seen.insert(c).inserted { out.append(c) }
            }
        }
        return out.sorted { ($0.end, $0.start ?? $0.end, $0.scenario) < ($1.end, $1.start ?? $1.end, $1.scenario) }
    }

    func check(_ identity: Identity, _ index: FactIndex) -> [Finding] {
        var out: [Finding] = []
        let allTerms = identity.left + identity.rightSides.flatMap { $0 } + (identity.fallback ?? [])
        for ctx in contexts(identity.left, allTerms, index) {
            guard let lefts = resolve(identity.left, ctx, index) else { continue }
            var rights = identity.rightSides.compactMap { resolve($0, ctx, index) }.flatMap { $0 }.filter { !$0.isEmpty }
            if rights.isEmpty, let fallback = identity.fallback, let parts = resolve(fallback, ctx, index) { rights = parts }
            var best: (Consistency, [Resolved], Decimal, [Resolved], Decimal)?
            for left in lefts where !left.isEmpty {
                // A few terms: compared in a list, without hashing file names.
                let leftSources = left.map(\.source)
                let lv = left.reduce(Decimal(0)) { $0 + $1.value }
                let li = left.dropFirst().reduce(left[0].interval) { $0 + $1.interval }
                // The same fact on both sides (one row mapped twice) proves nothing.
                for side in rights where !side.isEmpty && !side.contains(where: { leftSources.contains($0.source) }) {
                    let rv = side.reduce(Decimal(0)) { $0 + $1.value }
                    let ri = side.dropFirst().reduce(side[0].interval) { $0 + $1.interval }
                    let c: Consistency = rv == lv ? .exact : (ri.overlaps(li) ? .rounding : .inconsistent)
                    if best == nil || rank(c) < rank(best!.0) { best = (c, left, lv, side, rv) }
                }
            }
            guard let (result, left, lv, side, rv) = best else { continue }
            switch result {
            case .exact: continue
            case .rounding:
                let unit = Decimal(1).shifted(by: -(left + side).map(\.decimals).min()!)
                if (lv - rv).magnitude >= unit { out.append(finding(identity, left, lv, side, rv, severity: .info, rounding: true, index)) }
            case .inconsistent: out.append(finding(identity, left, lv, side, rv, severity: .error, rounding: false, index))
            }
        }
        return out
    }

    func rank(_ c: Consistency) -> Int {
        switch c {
        case .exact: 0
        case .rounding: 1
        case .inconsistent: 2
        }
    }

    static func scale(_ decimals: Int) -> PrintedScale {
        decimals <= -6 ? .mkr : (decimals <= -3 ? .tkr : .kr)
    }

    func finding(_ identity: Identity, _ left: [Resolved], _ lv: Decimal, _ right: [Resolved], _ rv: Decimal, severity: Severity, rounding: Bool, _ index: FactIndex) -> Finding {
        let decimals = (left + right).map(\.fact.decimals).min() ?? 0
        let scale = IdentityRule.scale(decimals)
        let describeSV = { (terms: [Resolved]) in self.describeTerms(terms, index, english: false) }
        let describeEN = { (terms: [Resolved]) in self.describeTerms(terms, index, english: true) }
        let diff = lv - rv
        let unit = left.first?.fact.unit ?? .sek
        var sv = "\(identity.name): \(describeSV(left)) är \(Format.value(lv, unit: unit, scale: scale)) men \(describeSV(right)) \(right.count > 1 ? "ger" : "är") \(Format.value(rv, unit: unit, scale: scale)) (differens \(Format.value(diff, unit: unit, scale: scale)))"
        var en = "\(identity.en ?? identity.id): \(describeEN(left)) is \(Format.value(lv, unit: unit, scale: scale)) but \(describeEN(right)) \(right.count > 1 ? "gives" : "is") \(Format.value(rv, unit: unit, scale: scale)) (difference \(Format.value(diff, unit: unit, scale: scale)))"
        if rounding {
            sv += ", inom avrundning"
            en += ", within rounding"
        } else if let hint = Explanations.transposition(lv, rv, decimals: decimals) {
            sv += "; \(hint.0) och \(hint.1) har samma siffror i annan ordning: troligen omkastade siffror"
            en += "; \(hint.0) and \(hint.1) have the same digits in another order: probably transposed digits"
        }
        return Finding(
            rule: "identity.\(identity.id)", severity: severity, message: sv, messageEN: en, expected: rv, actual: lv, difference: diff,
            locations: (left + right).map(\.fact.source), documentSource: index.document.source)
    }

    func describeTerms(_ terms: [Resolved], _ index: FactIndex, english: Bool) -> String {
        let kinds = Set(terms.compactMap { index.kind($0.fact) })
        return terms.enumerated().map { i, r in
            let op = r.term.sign < 0 ? (i == 0 ? "−" : " − ") : (i == 0 ? "" : " + ")
            var place = english ? "line \(r.fact.source.line)" : "rad \(r.fact.source.line)"
            if r.term.at != .end || terms.contains(where: { $0.term.at != .end }) { place = "\(r.fact.period.end), " + place }
            var table = ""
            if let k = index.kind(r.fact), kinds.count > 1 || k != .other {
                table = english ? " in \(k.englishName)" : " i \(k.swedishDefinite)"
            }
            return "\(op)\(r.fact.label)\(table) (\(place))"
        }.joined()
    }

    func check(_ ratio: RatioIdentity, _ index: FactIndex) -> [Finding] {
        var out: [Finding] = []
        for ctx in contexts([ratio.ratio], [ratio.ratio] + ratio.numerator + ratio.denominator, index) {
            guard let printed = resolve(ratio.ratio, ctx, index)?.first,
                  let num = resolve(ratio.numerator, ctx, index)?.first, !num.isEmpty,
                  let den = resolve(ratio.denominator, ctx, index)?.first, !den.isEmpty
            else { continue }
            let nv = num.reduce(Decimal(0)) { $0 + $1.value }, dv = den.reduce(Decimal(0)) { $0 + $1.value }
            let ni = num.dropFirst().reduce(num[0].interval) { $0 + $1.interval }
            let di = den.dropFirst().reduce(den[0].interval) { $0 + $1.interval }
            guard dv != 0, let computed = ni / di else { continue }
            if computed.overlaps(printed.interval) { continue }
            let exact = nv / dv
            let off = (printed.value - exact).magnitude
            let nearly = off < Decimal(string: "0.01")!
            let scale = IdentityRule.scale((num + den).map(\.fact.decimals).min() ?? 0)
            var sv = "\(ratio.name): \(describeTerms([printed], index, english: false)) är \(Format.percent(printed.value, decimals: max(0, printed.fact.decimals - 2))) men \(describeTerms(num, index, english: false)) / \(describeTerms(den, index, english: false)) = \(Format.amount(nv, scale: scale)) / \(Format.amount(dv, scale: scale)) = \(Format.percent(exact))"
            var en = "\(ratio.en ?? ratio.id): \(describeTerms([printed], index, english: true)) is \(Format.percent(printed.value, decimals: max(0, printed.fact.decimals - 2))) but \(describeTerms(num, index, english: true)) / \(describeTerms(den, index, english: true)) = \(Format.amount(nv, scale: scale)) / \(Format.amount(dv, scale: scale)) = \(Format.percent(exact))"
            if nearly {
                sv += " (under en procentenhet ifrån: avrundat på annat sätt eller räknat på andra belopp)"
                en += " (less than a percentage point off: rounded differently or computed from other amounts)"
            } else {
                sv += " (\(Format.grouped((printed.value - exact).shifted(by: 2).rounded(1))) procentenheter ifrån)"
                en += " (\((printed.value - exact).shifted(by: 2).rounded(1)) percentage points off)"
            }
            out.append(Finding(
                rule: "identity.\(ratio.id)", severity: nearly ? .warning : .error, message: sv, messageEN: en,
                expected: exact, actual: printed.value, difference: printed.value - exact,
                locations: ([printed] + num + den).map(\.fact.source), documentSource: index.document.source))
        }
        return out
    }
}
