import Foundation
import FinsamModel

/// Label → concept (and member), from the label rules.
public struct LabelMapper: Sendable {
    struct Compiled: @unchecked Sendable {
        var rule: LabelRule
        var exact: Set<String>
        var patterns: [Regex<AnyRegexOutput>]
    }

    let compiled: [Compiled]

    public init(rules: [LabelRule]) {
        compiled = rules.map { rule in
            Compiled(
                rule: rule, exact: Set((rule.labels ?? []).map(LabelMapper.normalise)),
                patterns: (rule.patterns ?? []).compactMap { try? Regex($0).ignoresCase() })
        }
    }

    public struct Match: Hashable, Sendable {
        public var concept: String
        public var member: String?
        public var how: String
    }

    /// Lower case, punctuation and footnote digits removed, spaces collapsed.
    public static func normalise(_ label: String) -> String {
        var out = ""
        for scalar in label.lowercased().unicodeScalars {
            if CharacterSet.letters.contains(scalar) || CharacterSet.decimalDigits.contains(scalar) || scalar == "%" {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix(" ") {
                out.append(" ")
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    public func match(label: String, table: TableKind) -> Match? {
        let key = LabelMapper.normalise(label)
        if key.isEmpty { return nil }
        for c in compiled where c.rule.tables.map({ $0.contains(table) }) ?? true {
            if c.exact.contains(key) {
                return Match(concept: c.rule.concept, member: c.rule.member, how: "etikett ”\(label)”")
            }
        }
        for c in compiled where c.rule.tables.map({ $0.contains(table) }) ?? true {
            for p in c.patterns {
                if let m = try? p.wholeMatch(in: key) {
                    var member = c.rule.member
                    if let captured = m.output["member"]?.substring {
                        member = memberName(from: label, normalisedCapture: String(captured))
                    }
                    return Match(concept: c.rule.concept, member: member, how: "mönster \(p)")
                }
            }
        }
        return nil
    }

    /// The member as printed in the label (keeping its capitals), from the normalised capture.
    private func memberName(from label: String, normalisedCapture: String) -> String {
        let words = label.split(separator: " ")
        let n = normalisedCapture.split(separator: " ").count
        return words.suffix(n).joined(separator: " ")
    }
}
