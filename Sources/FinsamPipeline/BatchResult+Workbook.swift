import FinsamExport

extension WorkbookBatch {
    /// What the workbook shows of a batch run.
    public init(_ result: BatchResult) {
        self.init(documents: result.documents, findings: result.findings, errors: result.errors, files: result.files, hashes: result.hashes)
    }
}

extension WorkbookBatch {
    /// The documents of a batch before its rules have run (`WorkbookExporter.begin`); the findings come later.
    public init(_ batch: ReadBatch) {
        self.init(documents: batch.documents, findings: [], errors: batch.errors, files: batch.files, hashes: batch.hashes)
    }
}
