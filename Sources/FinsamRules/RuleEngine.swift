import Foundation
import FinsamModel
import FinsamMapping

/// Reconciles a batch: table arithmetic per document, identities between statements, and across documents.
public struct RuleEngine: Sendable {
    public let mappings: MappingSet

    public init(mappings: MappingSet) {
        self.mappings = mappings
    }

    /// The findings for a batch, sorted by place.
    public func check(_ documents: [Document]) -> [Finding] {
        var findings: [Finding] = []
        for doc in documents {
            for table in doc.tables {
                findings += SumRule.findings(table: table, links: table.totals, document: doc)
            }
        }
        return findings.sorted { a, b in
            (a.locations.first ?? SourceLocation(file: "", line: 0), a.rule) < (b.locations.first ?? SourceLocation(file: "", line: 0), b.rule)
        }
    }
}
