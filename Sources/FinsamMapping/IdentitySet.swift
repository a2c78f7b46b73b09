import Foundation
import FinsamModel
import Yams

/// One side's term of an identity: a concept, optionally only from some kinds of table, at the end of the
/// period (the default) or at its start (the balance the period opened with), added or subtracted.
public struct IdentityTerm: Codable, Hashable, Sendable {
    /// `either`: at the end if there is such a fact, else at the start (an opening balance a reader may date
    /// either way).
    public enum Anchor: String, Codable, Sendable { case end, start, either }

    public var concept: String
    public var tables: [TableKind]?
    public var sign: Int
    public var at: Anchor
    /// A missing optional term counts as zero; a missing required term means the identity is not checked.
    public var optional: Bool

    public init(concept: String, tables: [TableKind]? = nil, sign: Int = 1, at: Anchor = .end, optional: Bool = false) {
        self.concept = concept
        self.tables = tables
        self.sign = sign
        self.at = at
        self.optional = optional
    }

    enum CodingKeys: String, CodingKey { case concept, tables, sign, at, optional }

    /// A term is written either as a bare concept name or as a map.
    public init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            self.init(concept: name)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            concept: try c.decode(String.self, forKey: .concept), tables: try c.decodeIfPresent([TableKind].self, forKey: .tables),
            sign: try c.decodeIfPresent(Int.self, forKey: .sign) ?? 1, at: try c.decodeIfPresent(Anchor.self, forKey: .at) ?? .end,
            optional: try c.decodeIfPresent(Bool.self, forKey: .optional) ?? false)
    }
}

/// `left = right`, where each side is a signed sum of terms. `alternatives` are other right sides, any one
/// of which may hold (cash at the end equals cash and bank, or cash and bank plus short-term investments);
/// `fallback` is used only when no right side has its facts (the parts of the equity side where its total is
/// not printed).
public struct Identity: Codable, Hashable, Sendable {
    public var id: String
    /// Swedish, for findings.
    public var name: String
    public var en: String?
    public var left: [IdentityTerm]
    public var right: [IdentityTerm]?
    public var alternatives: [[IdentityTerm]]?
    public var fallback: [IdentityTerm]?

    public init(id: String, name: String, en: String? = nil, left: [IdentityTerm], right: [IdentityTerm]? = nil,
                alternatives: [[IdentityTerm]]? = nil, fallback: [IdentityTerm]? = nil)
    {
        self.id = id
        self.name = name
        self.en = en
        self.left = left
        self.right = right
        self.alternatives = alternatives
        self.fallback = fallback
    }

    public var rightSides: [[IdentityTerm]] { (right.map { [$0] } ?? []) + (alternatives ?? []) }
}

/// `ratio = numerator / denominator`, e.g. soliditet = eget kapital / summa tillgångar.
public struct RatioIdentity: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var en: String?
    public var ratio: IdentityTerm
    public var numerator: [IdentityTerm]
    public var denominator: [IdentityTerm]
}

/// `mappings/identities.yaml`: the identities between statements, notes and key figures, as data a user can
/// read and extend.
public struct IdentitySet: Sendable {
    public var identities: [Identity]
    public var ratios: [RatioIdentity]
    public var file: String

    public init(identities: [Identity] = [], ratios: [RatioIdentity] = [], file: String = "") {
        self.identities = identities
        self.ratios = ratios
        self.file = file
    }

    struct FileContents: Codable {
        var identities: [Identity]?
        var ratios: [RatioIdentity]?
    }

    public static func path(in directory: String) -> String {
        (directory as NSString).appendingPathComponent("identities.yaml")
    }

    /// The identities in `directory`, or none when the folder has no `identities.yaml`.
    public static func load(from directory: String) throws -> IdentitySet {
        let path = path(in: directory)
        guard let data = FileManager.default.contents(atPath: path) else { return IdentitySet(file: path) }
        do {
            let contents = try YAMLDecoder().decode(FileContents.self, from: data)
            return IdentitySet(identities: contents.identities ?? [], ratios: contents.ratios ?? [], file: path)
        } catch {
            throw MappingLoadError(file: path, message: "\(error)")
        }
    }

    /// Identities whose two sides are the same concept in different tables: a figure repeated between
    /// statements. The rule for repeated figures leaves those pairs to the identity.
    public var sameConceptPairs: Set<String> {
        var out = Set<String>()
        for i in identities {
            guard i.left.count == 1, let l = i.left.first else { continue }
            for side in i.rightSides where side.count == 1 && side[0].concept == l.concept && side[0].at == l.at {
                for a in l.tables ?? TableKind.allCases {
                    for b in side[0].tables ?? TableKind.allCases { out.insert("\(l.concept)|\(a.rawValue)|\(b.rawValue)") }
                }
            }
        }
        return out
    }

    /// Every term names a known concept; ids are unique; every identity has two sides.
    public func lint(concepts: [String: ConceptDefinition]) -> [MappingProblem] {
        var problems: [MappingProblem] = []
        var seen = Set<String>()
        func checkTerms(_ terms: [IdentityTerm], _ id: String) {
            for t in terms {
                if concepts[t.concept] == nil {
                    problems.append(MappingProblem(file: file, message: "identiteten \(id): okänt begrepp \(t.concept)"))
                }
                if t.sign != 1 && t.sign != -1 {
                    problems.append(MappingProblem(file: file, message: "identiteten \(id): sign ska vara 1 eller -1, inte \(t.sign)"))
                }
            }
        }
        for i in identities {
            if !seen.insert(i.id).inserted { problems.append(MappingProblem(file: file, message: "identiteten \(i.id) finns två gånger")) }
            if i.left.isEmpty || i.rightSides.isEmpty || i.rightSides.contains(where: \.isEmpty) {
                problems.append(MappingProblem(file: file, message: "identiteten \(i.id) saknar vänster- eller högerled"))
            }
            checkTerms(i.left, i.id)
            for side in i.rightSides + (i.fallback.map { [$0] } ?? []) { checkTerms(side, i.id) }
            if i.left.allSatisfy(\.optional) {
                problems.append(MappingProblem(file: file, message: "identiteten \(i.id): vänsterledet har bara valfria termer"))
            }
        }
        for r in ratios {
            if !seen.insert(r.id).inserted { problems.append(MappingProblem(file: file, message: "identiteten \(r.id) finns två gånger")) }
            checkTerms([r.ratio] + r.numerator + r.denominator, r.id)
            if let def = concepts[r.ratio.concept], def.unit != .pure {
                problems.append(MappingProblem(file: file, message: "kvoten \(r.id): \(r.ratio.concept) har inte enheten pure"))
            }
            if r.numerator.isEmpty || r.denominator.isEmpty {
                problems.append(MappingProblem(file: file, message: "kvoten \(r.id) saknar täljare eller nämnare"))
            }
        }
        return problems
    }
}
