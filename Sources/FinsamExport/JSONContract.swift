import Foundation
import FinsamModel

/// The `--json` contract. Other tools depend on it: extend it, never break it. Keys are sorted and absent
/// values are written as `null` where the contract names them.
public enum JSONContract {
    public static func encode(documents: [Document], findings: [Finding], errors: [InputError] = []) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(Batch(documents: documents.map(DocumentOut.init), findings: findings.map(FindingOut.init), errors: errors))
    }

    struct Batch: Encodable {
        var documents: [DocumentOut]
        var findings: [FindingOut]
        var errors: [InputError]
    }

    struct DocumentOut: Encodable {
        var d: Document
        init(_ d: Document) { self.d = d }
        enum K: String, CodingKey { case source, format, organisation, kind, period, facts, unmapped, title, sha256 }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(d.source, forKey: .source)
            try c.encode(d.format, forKey: .format)
            try c.encode(d.organisation, forKey: .organisation)
            try c.encode(d.kind, forKey: .kind)
            try c.encode(d.period, forKey: .period)
            try c.encode(d.facts.map(FactOut.init), forKey: .facts)
            try c.encode(d.unmapped.map(UnmappedOut.init), forKey: .unmapped)
            try c.encodeIfPresent(d.title, forKey: .title)
            try c.encodeIfPresent(d.sha256, forKey: .sha256)
        }
    }

    struct FactOut: Encodable {
        var f: Fact
        init(_ f: Fact) { self.f = f }
        enum K: String, CodingKey { case concept, member, label, table, scenario, period, value, unit, decimals, source, notes, dimensions }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(f.concept, forKey: .concept)
            if let m = f.member { try c.encode(m, forKey: .member) } else { try c.encodeNil(forKey: .member) }
            try c.encode(f.label, forKey: .label)
            try c.encode(f.table, forKey: .table)
            try c.encode(f.scenario, forKey: .scenario)
            try c.encode(f.period, forKey: .period)
            try c.encode(f.value, forKey: .value)
            try c.encode(f.unit, forKey: .unit)
            try c.encode(f.decimals, forKey: .decimals)
            try c.encode(f.source, forKey: .source)
            if !f.noteRefs.isEmpty { try c.encode(f.noteRefs, forKey: .notes) }
            if !f.dimensions.isEmpty { try c.encode(f.dimensions, forKey: .dimensions) }
        }
    }

    struct UnmappedOut: Encodable {
        var u: UnmappedRow
        init(_ u: UnmappedRow) { self.u = u }
        enum K: String, CodingKey { case label, values, source, table }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(u.label, forKey: .label)
            try c.encode(u.values, forKey: .values)
            try c.encode(u.source, forKey: .source)
            try c.encodeIfPresent(u.table, forKey: .table)
        }
    }

    struct FindingOut: Encodable {
        var f: Finding
        init(_ f: Finding) { self.f = f }
        enum K: String, CodingKey { case rule, severity, message, expected, actual, difference, locations, message_en }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode(f.rule, forKey: .rule)
            try c.encode(f.severity, forKey: .severity)
            try c.encode(f.message, forKey: .message)
            try c.encodeIfPresent(f.messageEN, forKey: .message_en)
            for (key, v) in [(K.expected, f.expected), (.actual, f.actual), (.difference, f.difference)] {
                if let v { try c.encode(v, forKey: key) } else { try c.encodeNil(forKey: key) }
            }
            try c.encode(f.locations, forKey: .locations)
        }
    }
}
