import FinsamModel

/// The closing lines of a batch run: what was imported, what failed, what was found.
public struct BatchSummary {
    public var files: Int
    public var filesWithErrors: Int
    public var documents: Int
    public var facts: Int
    public var unmapped: Int
    public var findings: [Severity: Int]

    public init(_ result: BatchResult) {
        files = result.files.count
        filesWithErrors = Set(result.errors.map(\.file)).count
        documents = result.documents.count
        facts = result.documents.reduce(0) { $0 + $1.facts.count }
        unmapped = result.documents.reduce(0) { $0 + $1.unmapped.count }
        findings = Dictionary(grouping: result.findings, by: \.severity).mapValues(\.count)
    }

    public func text(english: Bool = false) -> String {
        let e = findings[.error] ?? 0, w = findings[.warning] ?? 0, i = findings[.info] ?? 0
        if english {
            return "\(files) files read, \(filesWithErrors) with errors; \(documents) documents, \(facts) facts, \(unmapped) unmapped rows; findings: \(e) errors, \(w) warnings, \(i) notes"
        }
        return "\(files) filer lästa, \(filesWithErrors) med fel; \(documents) dokument, \(facts) fakta, \(unmapped) omappade rader; avvikelser: \(e) fel, \(w) varningar, \(i) info"
    }
}
