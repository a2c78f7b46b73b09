import Foundation
import FinsamMapping
import FinsamModel

/// The consolidated workbook: `Översikt`, `Jämförelse` with its charts, `Avvikelser`, one sheet per
/// document laid out like the report, `Källor`, `Omappade` and `Fakta`.
public struct WorkbookExporter {
    public var mappings: MappingSet
    /// Creation time written into the file; fixed, it makes the output byte for byte reproducible.
    public var created: Date?
    /// Where to record every libxlsxwriter call for `scripts/xlsx-replay.c` (the benchmark's floor).
    public var tracePath: String?
    /// Print the time the workbook took to standard error (`FINSAM_WORKBOOK_TIMING`), for the benchmark.
    public var reportTime: Bool
    /// Rows on each `Fakta` sheet before the next begins (Excel's limit; smaller in tests).
    var factsPerSheet = FactsSheetWriter.rowsPerSheet

    public init(
        mappings: MappingSet, created: Date? = nil,
        tracePath: String? = ProcessInfo.processInfo.environment["FINSAM_XLSX_TRACE"],
        reportTime: Bool = ProcessInfo.processInfo.environment["FINSAM_WORKBOOK_TIMING"] != nil
    ) {
        self.mappings = mappings
        self.created = created
        self.tracePath = tracePath
        self.reportTime = reportTime
    }

    /// `SOURCE_DATE_EPOCH` (seconds since 1970), the reproducible-builds convention, when set.
    public static func creationTime(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text.trimmingCharacters(in: .whitespaces)) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public func write(documents: [Document], findings: [Finding], errors: [InputError] = [], to path: String) throws {
        try write(WorkbookBatch(documents: documents, findings: findings, errors: errors), to: path)
    }

    public func write(_ batch: WorkbookBatch, to path: String) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = WorkbookExporter.threadCPUSeconds()
        try build(batch, to: path)
        if reportTime {
            let d = (clock.now - start).components
            let seconds = Double(d.seconds) + Double(d.attoseconds) / 1e18
            let cpu = WorkbookExporter.threadCPUSeconds() - cpuStart
            FileHandle.standardError.write(Data("arbetsbok: \(seconds) s, cpu \(cpu) s\n".utf8))
        }
    }

    /// CPU time of this thread: the writer runs on one thread, and CPU time holds still on a shared machine.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func build(_ batch: WorkbookBatch, to path: String) throws {
        let orgs = Set(batch.documents.map(\.organisation.name)).count
        let wb = try XlsxWorkbook(
            path: path,
            properties: .init(
                title: "Finsam – sammanställning av samordningsförbundens räkenskaper",
                subject: "Räkenskaper för \(orgs) samordningsförbund: jämförelse, avvikelser och källor",
                keywords: "finsam, samordningsförbund, årsredovisning, avstämning",
                comments: "Skapad av finsam ur \(batch.inputFiles.count) filer.", created: created),
            tracePath: tracePath)
        let styles = WorkbookStyles(wb: wb)

        var names = SheetNames()
        let overviewName = names.reserve("Översikt")
        let comparisonName = names.reserve("Jämförelse")
        let findingsName = names.reserve("Avvikelser")
        let sourcesName = names.reserve("Källor")
        let unmappedName = names.reserve("Omappade")
        let factCount = batch.documents.reduce(0) { $0 + $1.facts.count }
        let factsNames = (0..<FactsSheetWriter.sheetCount(facts: factCount, rowsPerSheet: factsPerSheet)).map {
            names.reserve(FactsSheetWriter.sheetName($0))
        }

        let placement = BatchPlacement(documents: batch.documents, findings: batch.findings, names: &names)
        let layouts = batch.documents.indices.map { DocumentLayout(document: batch.documents[$0], sheet: placement.sheetName[$0]) }
        let index = CellIndex(documents: batch.documents, layouts: layouts)
        let marks = CellMarks(findings: batch.findings, index: index)
        let catalog = FactCatalog(documents: batch.documents, layouts: layouts, placement: placement, mappings: mappings)

        // Tab order: the summaries, the findings, the documents, then the reference lists.
        let overview = try wb.addSheet(overviewName)
        let comparison = try wb.addSheet(comparisonName)
        let findingsSheet = try wb.addSheet(findingsName)
        let documentSheets = try placement.sheetName.map { try wb.addSheet($0) }
        let sources = try wb.addSheet(sourcesName)
        let unmapped = try wb.addSheet(unmappedName)
        let facts = try factsNames.map { try wb.addSheet($0) }

        let overviewCell = CellRef(sheet: overviewName, row: 0, col: 0)
        for (d, doc) in batch.documents.enumerated() {
            DocumentSheetWriter(document: doc, layout: layouts[d], styles: styles, marks: marks.marks(on: layouts[d].sheet), overview: overviewCell)
                .write(to: documentSheets[d])
        }
        OverviewSheetWriter(batch: batch, placement: placement, catalog: catalog, styles: styles, findingsSheet: findingsName, created: created)
            .write(to: overview)
        let model = ComparisonModel(documents: batch.documents, placement: placement, catalog: catalog, mappings: mappings)
        ComparisonSheetWriter(model: model, catalog: catalog, styles: styles, sheetName: comparisonName).write(to: comparison)
        FindingsSheetWriter(findings: batch.findings, documents: batch.documents, placement: placement, marks: marks, styles: styles)
            .write(to: findingsSheet)
        SourcesSheetWriter(batch: batch, placement: placement, styles: styles).write(to: sources)
        UnmappedSheetWriter(documents: batch.documents, index: index, styles: styles).write(to: unmapped)
        FactsSheetWriter(documents: batch.documents, catalog: catalog, styles: styles).write(to: facts, rowsPerSheet: factsPerSheet)

        // A write libxlsxwriter refused (past a sheet's last row or column) is a figure missing from the
        // workbook: say where, rather than leave it silently out.
        let refused = ([overview, comparison, findingsSheet, sources, unmapped] + facts + documentSheets).filter { $0.rejected > 0 }
        if !refused.isEmpty {
            let list = refused.map { "\($0.name) (\($0.rejected))" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("varning: celler som inte fick plats i arbetsboken: \(list)\n".utf8))
        }

        overview.tabColor(0x1F4E78)
        comparison.tabColor(0x1F4E78)
        findingsSheet.tabColor(batch.findings.contains { $0.severity == .error } ? 0xC00000 : 0x70AD47)
        try wb.close()
    }
}
