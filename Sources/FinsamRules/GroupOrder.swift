import FinsamModel

/// The repeat rule's groups keyed by interned ids and put in the order of `RepeatedFigureRule.SortName`
/// (the order of the keys' descriptions) by comparing ranks: each distinct part's literal is ranked once
/// among its kind, so sorting the groups compares integers, not strings.
struct GroupOrder {
    /// `RepeatedFigureRule.Key` with its strings replaced by their ids in `Names` (`member` -1 for none).
    struct Key: Hashable {
        var organisation: Int32
        var subject: Int32
        var member: Int32
        var scenario: Scenario
        var period: Period
        var unit: MeasureUnit
    }

    /// Distinct strings of one kind, numbered in the order first seen.
    struct Interned {
        private var ids: [String: Int32] = [:]
        private(set) var strings: [String] = []

        mutating func id(_ s: String) -> Int32 {
            if let id = ids[s] { return id }
            let id = Int32(strings.count)
            ids[s] = id
            strings.append(s)
            return id
        }
    }

    struct Names {
        var organisations = Interned()
        var subjects = Interned()
        var members = Interned()
    }

    private let organisationRank: [Int]
    private let subjectRank: [Int]
    /// By member id + 1: rank 0's slot is no member (`nil`).
    private let memberRank: [Int]
    /// By `Period.packed`.
    private let periodRank: [UInt64: Int]

    /// `periods`: those of the groups to be sorted.
    init(_ names: Names, periods: [Period]) {
        // The parts as `SortName` spells them.
        organisationRank = GroupOrder.ranks(names.organisations.strings.map(\.debugDescription))
        subjectRank = GroupOrder.ranks(names.subjects.strings.map(\.debugDescription))
        memberRank = GroupOrder.ranks(["nil"] + names.members.strings.map { "Optional(\($0.debugDescription))" })
        periodRank = GroupOrder.periodRanks(periods)
    }

    /// Each distinct period's rank among their descriptions, by `Period.packed`.
    static func periodRanks(_ periods: [Period]) -> [UInt64: Int] {
        // Told apart as words: the groups of a batch share a handful of periods.
        var seen = Set<UInt64>()
        var distinct: [Period] = []
        for p in periods where seen.insert(p.packed).inserted { distinct.append(p) }
        return Dictionary(uniqueKeysWithValues: zip(distinct.map(\.packed), ranks(distinct.map(\.description))))
    }

    /// Ranks for the names and periods `keys` use only: sorting them needs their order among themselves, and
    /// most names belong to figures printed once, which form no group.
    /// `subjects`, when given, numbers the subjects in place of `names.subjects` (how many, and each one spelled).
    init(_ names: Names, keys: [Key], subjects: (count: Int, spell: (Int) -> String)? = nil) {
        organisationRank = GroupOrder.ranks(
            count: names.organisations.strings.count, used: keys.map(\.organisation)) { GroupOrder.literal(names.organisations.strings[$0]) }
        let subjects = subjects ?? (names.subjects.strings.count, { names.subjects.strings[$0] })
        subjectRank = GroupOrder.ranks(count: subjects.count, used: keys.map(\.subject)) { GroupOrder.literal(subjects.spell($0)) }
        // By member id + 1, as in `init(_:periods:)`.
        memberRank = GroupOrder.ranks(count: names.members.strings.count + 1, used: keys.map { $0.member + 1 }) { slot in
            slot == 0 ? "nil" : "Optional(\(GroupOrder.literal(names.members.strings[slot - 1])))"
        }
        periodRank = GroupOrder.periodRanks(keys.map(\.period))
    }

    /// `s.debugDescription`: for text of printable ASCII but `"`, `'` and `\` and of the Latin-1 letters
    /// U+00C0…U+00FF, which it prints as they are, the text in quotes (a label's debugDescription goes
    /// through every scalar's properties, and costs as much as the rest of the group order).
    static func literal(_ s: String) -> String {
        var plain = true
        var afterLead = false
        for b in s.utf8 {
            if afterLead {
                guard b >= 0x80 && b <= 0xBF else { plain = false; break }
                afterLead = false
            } else if b == 0xC3 {
                afterLead = true
            } else if b < 0x20 || b >= 0x7F || b == 0x22 || b == 0x27 || b == 0x5C {
                plain = false
                break
            }
        }
        if plain && !afterLead { return "\"" + s + "\"" }
        return s.debugDescription
    }

    /// `ranks` of the spelled names in the slots `used`, by slot; 0 in the slots not used.
    static func ranks(count: Int, used: [Int32], spell: (Int) -> String) -> [Int] {
        var slots = Array(Set(used.map(Int.init)))
        slots.sort()
        let spelled = ranks(slots.map(spell))
        var out = [Int](repeating: 0, count: count)
        for (k, slot) in slots.enumerated() { out[slot] = spelled[k] }
        return out
    }

    /// Each string's place among the distinct strings in `<` order; equal strings share a rank.
    static func ranks(_ strings: [String]) -> [Int] {
        let order = strings.indices.sorted { strings[$0] < strings[$1] }
        var ranks = [Int](repeating: 0, count: strings.count)
        var rank = 0
        for (k, i) in order.enumerated() {
            if k > 0 && strings[i] != strings[order[k - 1]] { rank += 1 }
            ranks[i] = rank
        }
        return ranks
    }

    private static let scenarios = Scenario.allCases
    private static let units = MeasureUnit.allCases

    /// The case's place in `allCases` (a few cases: a search, not a hash).
    static func position(_ s: Scenario) -> Int { scenarios.firstIndex(of: s)! }
    static func position(_ u: MeasureUnit) -> Int { units.firstIndex(of: u)! }

    /// By `position`.
    private static let scenarioRank: [Int] = ranks(scenarios.map(\.rawValue))
    private static let unitRank: [Int] = ranks(units.map { RepeatedFigureRule.Key.unitName($0) })

    /// What `SortName` compares, part by part, as ranks.
    func sortKey(_ k: Key) -> (Int, Int, Int, Int, Int, Int) {
        (organisationRank[Int(k.organisation)], subjectRank[Int(k.subject)], memberRank[Int(k.member) + 1],
         GroupOrder.scenarioRank[GroupOrder.position(k.scenario)], periodRank[k.period.packed]!,
         GroupOrder.unitRank[GroupOrder.position(k.unit)])
    }

    /// The groups' indices in the order of their keys' descriptions.
    func sorted(_ groups: [(key: Key, indices: [Int])]) -> [[Int]] {
        let keyed = groups.map { (sortKey($0.key), $0.indices) }
        return keyed.sorted { a, b in a.0 < b.0 }.map(\.1)
    }
}

extension Period {
    /// The period as one word, equal for equal periods: the start's ordinal (0 for an instant: no day's
    /// ordinal is 0) above the end's.
    var packed: UInt64 { UInt64(start?.ordinal ?? 0) << 32 | UInt64(end.ordinal) }
}
