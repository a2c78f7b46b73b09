import Foundation
import FinsamModel

/// `finsam check --format json`: the findings in the JSON contract's shape, the inputs that could not be read,
/// and which documents were checked, without their facts.
public enum FindingsJSON {
    public static func encode(documents: [Document], findings: [Finding], errors: [InputError]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(Output(
            documents: documents.map(DocumentOut.init), findings: findings.map(JSONContract.FindingOut.init), errors: errors,
            summary: Summary(findings)))
    }

    struct Output: Encodable {
        var documents: [DocumentOut]
        var findings: [JSONContract.FindingOut]
        var errors: [InputError]
        var summary: Summary
    }

    struct DocumentOut: Encodable {
        var source: String
        var format: DocumentFormat
        var organisation: Organisation
        var kind: DocumentKind
        var period: Period
        var title: String?
        init(_ d: Document) {
            source = d.source
            format = d.format
            organisation = d.organisation
            kind = d.kind
            period = d.period
            title = d.title
        }
    }

    struct Summary: Encodable {
        var error = 0
        var warning = 0
        var info = 0
        init(_ findings: [Finding]) {
            for f in findings {
                switch f.severity {
                case .error: error += 1
                case .warning: warning += 1
                case .info: info += 1
                }
            }
        }
    }
}
