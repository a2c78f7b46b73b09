import FinsamModel

/// What each rule asks of a concept (the repeat rule's headline number, whether an identity names it, whether
/// an explanation reads it), in one table for the batch: a document's facts are sorted out by one lookup of
/// each fact's concept, where each rule hashed every fact's concept again.
struct FactConcepts {
    struct Uses {
        /// `RepeatedFigureRule.headlineIds`; -1 for none.
        var headline: Int32 = -1
        /// Among `IdentityRule.termConcepts`.
        var identityTerm = false
        /// Among `Explanations.concepts`.
        var explanation = false
    }

    private let uses: NameTable<Uses>

    init(headlineIds: [String: Int32], identityTerms: Set<String>, explanations: Set<String>) {
        var uses: [String: Uses] = [:]
        for (concept, id) in headlineIds { uses[concept, default: Uses()].headline = id }
        for concept in identityTerms { uses[concept, default: Uses()].identityTerm = true }
        for concept in explanations { uses[concept, default: Uses()].explanation = true }
        self.uses = NameTable(uses)
    }

    /// A document's facts by what the rules ask of them, each list in the facts' order.
    struct Sorted {
        /// Facts of a headline concept, with its number.
        var headline: [(fact: Int32, concept: Int32)] = []
        /// Facts an identity's terms may stand for.
        var identityTerms: [Int] = []
        /// Facts an explanation reads.
        var explanations: [Int] = []
    }

    func sort(_ document: Document) -> Sorted {
        var out = Sorted()
        let facts = document.facts
        for i in facts.indices {
            guard let u = uses[facts[i].concept] else { continue }
            if u.headline >= 0 { out.headline.append((Int32(i), u.headline)) }
            if u.identityTerm { out.identityTerms.append(i) }
            if u.explanation { out.explanations.append(i) }
        }
        return out
    }
}

/// A few dozen names (concepts) with a value each, looked up many times (once per fact or row): a name's
/// length and three of its bytes pick a bucket, so a name is found, or found missing, by comparing it with
/// the one or two names of its bucket rather than by hashing all of it as a `Dictionary` does.
struct NameTable<Value> {
    private var buckets: [[(name: String, value: Value)]]
    private static var bucketCount: Int { 1024 }

    init(_ values: [String: Value]) {
        buckets = Array(repeating: [], count: NameTable.bucketCount)
        // In name order: a bucket's list does not depend on the dictionary's order.
        for name in values.keys.sorted() { buckets[NameTable.bucket(name)].append((name, values[name]!)) }
    }

    static func bucket(_ name: String) -> Int {
        let u = name.utf8
        guard let first = u.first, let last = u.last else { return 0 }
        let middle = u[u.index(u.startIndex, offsetBy: u.count / 2)]
        let h = u.count &* 131 &+ Int(first) &* 31 &+ Int(last) &* 7 &+ Int(middle) &* 17
        return h & (bucketCount - 1)
    }

    subscript(_ name: String) -> Value? {
        for entry in buckets[NameTable.bucket(name)] where entry.name == name { return entry.value }
        return nil
    }
}

extension NameTable: Sendable where Value: Sendable {}
