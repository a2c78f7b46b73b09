import FinsamExport

extension WorkbookBatch {
    /// What the workbook shows of a batch run.
    public init(_ result: BatchResult) {
        self.init(documents: result.documents, findings: result.findings, errors: result.errors, files: result.files, hashes: result.hashes)
    }
}
