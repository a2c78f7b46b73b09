import Foundation
import FinsamModel

/// Everything the workbook shows about one batch run.
public struct WorkbookBatch: Sendable {
    public var documents: [Document]
    public var findings: [Finding]
    /// Inputs that could not be read, or not completely.
    public var errors: [InputError]
    /// Every input file tried, in order. When empty, the documents' sources are used.
    public var files: [String]
    /// SHA-256 (hex) per input file, also for files that yielded no document.
    public var hashes: [String: String]

    public init(
        documents: [Document], findings: [Finding], errors: [InputError] = [], files: [String] = [],
        hashes: [String: String] = [:]
    ) {
        self.documents = documents
        self.findings = findings
        self.errors = errors
        self.files = files
        self.hashes = hashes
    }

    /// The input files in order: the ones tried, else those the documents and errors name.
    var inputFiles: [String] {
        if !files.isEmpty { return files }
        var seen = Set<String>()
        return (documents.map(\.source) + errors.map(\.file)).filter { seen.insert($0).inserted }
    }
}
