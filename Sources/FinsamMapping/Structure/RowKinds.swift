import Foundation
import FinsamModel

/// What a row is in the arithmetic of its table: the rules read a `Differens` convention per kind, and
/// compare an unmapped line in two tables in natural sign.
public enum RowKind: String, Hashable, Sendable {
    case income, cost, result, asset, liability, other
}

public enum RowKinds {
    /// By the row's concept when the mapping gave one, else by its words or its section's heading, else by
    /// the total it is an item of.
    public static func infer(_ table: Table, concepts: [String: ConceptDefinition]) -> [RowKind] {
        let labels = table.rows.map { LabelWords.normalised($0.label) }
        return infer(table, labels: labels, roles: labels.map { LabelRole(normalised: $0) }, concepts: concepts)
    }

    /// `infer` with each row's `LabelWords.normalised` label and its `LabelRole` already read.
    public static func infer(_ table: Table, labels: [String], roles: [LabelRole], concepts: [String: ConceptDefinition]) -> [RowKind] {
        let (cost, income) = StructureParser.kinds(table: table, labels: labels, roles: roles)
        var kinds: [RowKind] = table.rows.indices.map { r in
            if let name = table.rows[r].concept, let def = concepts[name] { return kind(of: def) }
            if cost[r] { return .cost }
            if income[r] { return .income }
            if LabelWords.isResultLike(labels[r]) { return .result }
            return .other
        }
        // Items inherit from their total, outermost first, so `Resursråden` under `Summa insatser` is a cost.
        for link in table.totals.sorted(by: { $0.total > $1.total }) where kinds[link.total] != .other {
            for item in link.items where kinds[item.row] == .other && item.row < kinds.count {
                kinds[item.row] = kinds[link.total] == .result ? .other : kinds[link.total]
            }
        }
        return kinds
    }

    public static func kind(of def: ConceptDefinition) -> RowKind {
        if def.sign == .signed { return def.unit == nil || def.unit == .sek ? .result : .other }
        switch (def.balance, def.period) {
        case (.credit?, .duration): return .income
        case (.debit?, .duration): return .cost
        case (.debit?, .instant): return .asset
        case (.credit?, .instant): return .liability
        default: return .other
        }
    }
}
