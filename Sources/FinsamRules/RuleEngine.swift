import Foundation
import FinsamModel
import FinsamMapping

/// Reconciles a batch: table arithmetic per document, identities between statements, and across documents.
public struct RuleEngine: Sendable {
    public let mappings: MappingSet

    public init(mappings: MappingSet) {
        self.mappings = mappings
    }

    /// Annotates each table with the totals it found and returns the findings, sorted by place.
    public func check(_ documents: inout [Document]) -> [Finding] {
        var findings: [Finding] = []
        for d in documents.indices {
            for t in documents[d].tables.indices {
                let links = SumRule.links(in: documents[d].tables[t])
                documents[d].tables[t].totals = links
                findings += SumRule.findings(table: documents[d].tables[t], links: links, document: documents[d])
            }
        }
        return findings.sorted { a, b in
            (a.locations.first ?? SourceLocation(file: "", line: 0), a.rule) < (b.locations.first ?? SourceLocation(file: "", line: 0), b.rule)
        }
    }
}
