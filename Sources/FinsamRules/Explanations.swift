import Foundation
import FinsamModel

/// Innocent explanations the engine can name for a difference (which make it a warning), and hints that
/// point at the likely cause of a real one (which stay errors).
struct Explanation {
    var sv: String
    var en: String
}

struct Explanations {
    let document: Document
    /// The indices of the document's facts of the concepts asked for: a sum that does not add up asks again
    /// for each column. By index: every document is read, few are asked.
    private let facts: [Int]
    static let concepts: Set<String> = ["Finansnetto", "FinansiellaIntakter", "FinansiellaKostnader", "Avskrivningar"]

    init(document: Document) {
        // The names' lengths first (11, 13, 19, 20): a document's facts are of a few hundred other concepts.
        self.init(document: document, facts: document.facts.indices.filter { i in
            let concept = document.facts[i].concept
            switch concept.utf8.count {
            case 11, 13, 19, 20: return Explanations.concepts.contains(concept)
            default: return false
            }
        })
    }

    /// `facts`: the indices, in order, of the document's facts of `concepts` (`FactConcepts.Sorted.explanations`).
    init(document: Document, facts: [Int]) {
        self.document = document
        self.facts = facts
    }

    /// Financial net and depreciation of one period and scenario, in natural sign, from any table of the
    /// document (the statements first, since the rules sort them first).
    func financialNet(period: Period, scenario: Scenario) -> Decimal? {
        if let net = value("Finansnetto", period, scenario) { return net }
        let income = value("FinansiellaIntakter", period, scenario)
        let costs = value("FinansiellaKostnader", period, scenario)
        if income == nil && costs == nil { return nil }
        return (income ?? 0) - (costs ?? 0).magnitude
    }

    func depreciation(period: Period, scenario: Scenario) -> Decimal? {
        value("Avskrivningar", period, scenario).map(\.magnitude)
    }

    private func value(_ concept: String, _ period: Period, _ scenario: Scenario) -> Decimal? {
        let all = document.facts
        // The first hit in a statement, else the first hit; by index, no fact copied.
        var first: Int?
        for i in facts where all[i].concept == concept && all[i].scenario == scenario && all[i].member == nil
            && all[i].period.end == period.end && (all[i].period.start == nil || period.start == nil || all[i].period.start == period.start)
        {
            if let t = all[i].tableIndex, document.tables.indices.contains(t) {
                switch document.tables[t].kind {
                case .resultatrakning, .balansrakning, .kassaflodesanalys: return all[i].value
                default: break
                }
            }
            if first == nil { first = i }
        }
        return first.map { all[$0].value }
    }

    /// A difference equal to the financial net, the depreciation, or the one less the other: a table that
    /// shows the result after financial items but no row for them, or costs with depreciation included.
    func financialItems(difference: Decimal, tolerance: Decimal, period: Period, scenario: Scenario) -> Explanation? {
        let net = financialNet(period: period, scenario: scenario)
        let dep = depreciation(period: period, scenario: scenario)
        guard net != nil || dep != nil else { return nil }
        // The candidates first, the words only for the one that matches: most differences match none.
        enum Option { case net, depreciation, netLessDepreciation, depreciationLessNet }
        var options: [(Decimal, Option)] = []
        if let net, net != 0 {
            options.append((net, .net))
            options.append((-net, .net))
        }
        if let dep, dep != 0 {
            options.append((dep, .depreciation))
            options.append((-dep, .depreciation))
        }
        if let net, let dep, net != 0, dep != 0 {
            let a = net - dep
            options.append((a, .netLessDepreciation))
            options.append((-a, .depreciationLessNet))
        }
        // In fixed point where every figure fits it (the same exact comparisons, without Decimal subtractions).
        func firstFixed() -> Option?? {
            guard let d = FixedInterval.units(difference), let t = FixedInterval.units(tolerance) else { return nil }
            for (v, option) in options {
                guard let u = FixedInterval.units(v) else { return nil }
                let gap = d - u
                if (gap < 0 ? -gap : gap) <= t { return .some(option) }
            }
            return .some(nil)
        }
        let first = firstFixed() ?? options.first(where: { (difference - $0.0).magnitude <= tolerance })?.1
        guard let option = first else { return nil }
        let sv: String, en: String
        switch option {
        case .net:
            let net = net!
            (sv, en) = ("finansnettot (\(Format.grouped(net)))", "the net of financial items (\(net))")
        case .depreciation:
            let dep = dep!
            (sv, en) = ("avskrivningarna (\(Format.grouped(dep)))", "depreciation (\(dep))")
        case .netLessDepreciation:
            let net = net!, dep = dep!
            (sv, en) = ("finansnettot minus avskrivningarna (\(Format.grouped(net)) − \(Format.grouped(dep)))",
                        "the net of financial items less depreciation (\(net) − \(dep))")
        case .depreciationLessNet:
            let net = net!, dep = dep!
            (sv, en) = ("avskrivningarna minus finansnettot (\(Format.grouped(dep)) − \(Format.grouped(net)))",
                        "depreciation less the net of financial items (\(dep) − \(net))")
        }
        return Explanation(sv: "differensen motsvarar \(sv)", en: "the difference equals \(en)")
    }

    /// Hints for a sum that does not add up: an item with the wrong sign, digits transposed.
    static func sumHints(difference: Decimal, tolerance: Decimal, items: [(line: Int, value: Decimal)], total: Decimal, computed: Decimal, decimals: Int) -> Explanation? {
        for item in items where item.value != 0 && (difference.magnitude - 2 * item.value.magnitude).magnitude <= tolerance {
            let v = Format.grouped(item.value)
            return Explanation(
                sv: "differensen är dubbla beloppet på rad \(item.line) (\(v)): troligen fel tecken där",
                en: "the difference is twice the amount on line \(item.line) (\(item.value)): probably a wrong sign there")
        }
        if let t = transposition(total, computed, decimals: decimals) {
            return Explanation(sv: "siffrorna i \(t.0) och \(t.1) är desamma i annan ordning: troligen omkastade siffror",
                               en: "\(t.0) and \(t.1) have the same digits in another order: probably transposed digits")
        }
        return nil
    }

    /// The printed and computed figures with the same digits in another order (the difference is then a
    /// multiple of nine), in the printed unit.
    static func transposition(_ a: Decimal, _ b: Decimal, decimals: Int) -> (String, String)? {
        let pa = a.shifted(by: decimals).rounded(0), pb = b.shifted(by: decimals).rounded(0)
        guard pa != pb else { return nil }
        let da = "\(pa.magnitude)", db = "\(pb.magnitude)"
        guard da.count == db.count, da.count >= 3, da.sorted() == db.sorted() else { return nil }
        return (Format.grouped(pa), Format.grouped(pb))
    }
}
