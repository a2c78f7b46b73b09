import Foundation
import FinsamMapping
import FinsamModel

/// The consolidated workbook: `Översikt`, `Jämförelse` with its charts, `Avvikelser`, one sheet per
/// document laid out like the report, `Källor`, `Omappade` and `Fakta`.
public struct WorkbookExporter: Sendable {
    public var mappings: MappingSet
    /// Creation time written into the file; fixed, it makes the output byte for byte reproducible.
    public var created: Date?
    /// Where to record every libxlsxwriter call for `scripts/xlsx-replay.c` (the benchmark's floor).
    public var tracePath: String?
    /// Print the time the workbook took to standard error (`FINSAM_WORKBOOK_TIMING`), for the benchmark.
    public var reportTime: Bool
    /// Rows on each `Fakta` sheet before the next begins (Excel's limit; smaller in tests).
    var factsPerSheet = FactsSheetWriter.rowsPerSheet
    /// Where the `Fakta` table goes (`--facts`); a CSV needs `factsCSV`, else the sheet is kept.
    public var facts: FactsPlacement = .sheet
    /// The CSV file for the facts when they do not go on a sheet (`--facts-csv`, or beside the workbook).
    public var factsCSV: String?

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
        try begin(batch, to: path).finish(findings: batch.findings)
    }

    /// The first half of the workbook, from the documents alone: every sheet is added and `Fakta` and
    /// `Omappade` (most of a national batch's cells) are written, so this can run while the rules still check
    /// the documents. `finish(findings:)` writes the rest and closes the file. The bytes are the same as
    /// `write(_:to:)`'s, which is the two calls in a row. `batch.findings` is not read here.
    public func begin(_ batch: WorkbookBatch, to path: String) throws -> WorkbookInProgress {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = WorkbookExporter.threadCPUSeconds()
        let orgs = Set(batch.documents.map(\.organisation.name)).count
        let wb = try XlsxWorkbook(
            path: path,
            properties: .init(
                title: "Finsam – sammanställning av samordningsförbundens räkenskaper",
                subject: "Räkenskaper för \(orgs) samordningsförbund: jämförelse, avvikelser och källor",
                keywords: "finsam, samordningsförbund, årsredovisning, avstämning",
                comments: "Skapad av finsam ur \(batch.inputFiles.count) filer.", created: created),
            tracePath: tracePath, streamsRows: true)
        let styles = WorkbookStyles(wb: wb)

        var names = SheetNames()
        let overviewName = names.reserve("Översikt")
        let comparisonName = names.reserve("Jämförelse")
        let findingsName = names.reserve("Avvikelser")
        let sourcesName = names.reserve("Källor")
        let unmappedName = names.reserve("Omappade")
        let factCount = batch.documents.reduce(0) { $0 + $1.facts.count }
        let csvPath = facts.usesCSV(facts: factCount, hasPath: factsCSV != nil) ? factsCSV : nil
        let factsSheets = csvPath != nil ? 0 : FactsSheetWriter.sheetCount(facts: factCount, rowsPerSheet: factsPerSheet)
        let factsNames = (0..<factsSheets).map { names.reserve(FactsSheetWriter.sheetName($0)) }

        let placement = BatchPlacement(documents: batch.documents, findings: [], names: &names)
        let layouts = batch.documents.indices.map { DocumentLayout(document: batch.documents[$0], sheet: placement.sheetName[$0]) }
        let index = CellIndex(documents: batch.documents, layouts: layouts)
        let catalog = FactCatalog(documents: batch.documents, layouts: layouts, placement: placement, mappings: mappings)
        let factsFile = csvPath.map { FactsFile(name: FactsPlacement.displayName(csv: $0, workbook: path), rows: factCount) }

        // Tab order: the summaries, the findings, the documents, then the reference lists.
        // The documents' sheets (most of a national workbook's cells) are written row by row without tables,
        // so they stream; the rest have tables, and Jämförelse is written column by column.
        let overview = try wb.addSheet(overviewName)
        let comparison = try wb.addSheet(comparisonName)
        let findingsSheet = try wb.addSheet(findingsName)
        let documentSheets = try placement.sheetName.map { try wb.addSheet($0, streamed: true) }
        let sources = try wb.addSheet(sourcesName)
        let unmapped = try wb.addSheet(unmappedName)
        let facts = try factsNames.map { try wb.addSheet($0) }

        UnmappedSheetWriter(documents: batch.documents, index: index, styles: styles).write(to: unmapped)
        if !facts.isEmpty {
            FactsSheetWriter(documents: batch.documents, catalog: catalog, styles: styles).write(to: facts, rowsPerSheet: factsPerSheet)
        }

        let sheets = WorkbookInProgress.Sheets(
            overview: overview, comparison: comparison, findings: findingsSheet, documents: documentSheets,
            sources: sources, unmapped: unmapped, facts: facts, comparisonName: comparisonName, findingsName: findingsName,
            factsFile: factsFile)
        var spent = WorkbookInProgress.Spent()
        spent.add(wall: clock.now - start, cpu: WorkbookExporter.threadCPUSeconds() - cpuStart)
        return WorkbookInProgress(
            exporter: self, batch: batch, wb: wb, styles: styles, placement: placement, layouts: layouts, index: index,
            catalog: catalog, sheets: sheets, spent: spent, csvPath: csvPath)
    }

    /// The `Fakta` table as CSV without a workbook (`--facts-csv` without `-o`). The `Cell` column names the
    /// cells the workbook would have with its facts in a CSV, so it matches a later `-o` run with the same file.
    public func writeFactsCSV(documents: [Document], to path: String) throws {
        var names = SheetNames()
        for name in ["Översikt", "Jämförelse", "Avvikelser", "Källor", "Omappade"] { _ = names.reserve(name) }
        let placement = BatchPlacement(documents: documents, findings: [], names: &names)
        let layouts = documents.indices.map { DocumentLayout(document: documents[$0], sheet: placement.sheetName[$0]) }
        let catalog = FactCatalog(documents: documents, layouts: layouts, placement: placement, mappings: mappings)
        try FactsCSVWriter(documents: documents, catalog: catalog).write(to: path)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// CPU time of this thread: the writer runs on one thread, and CPU time holds still on a shared machine.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// A workbook whose document-only half is written (`WorkbookExporter.begin`); `finish(findings:)` completes it.
/// Used from one task at a time: the rules run beside it, not in it.
public final class WorkbookInProgress: @unchecked Sendable {
    struct Sheets {
        var overview, comparison, findings: XlsxSheet
        var documents: [XlsxSheet]
        var sources, unmapped: XlsxSheet
        var facts: [XlsxSheet]
        var comparisonName, findingsName: String
        /// The CSV the facts went to instead of `facts`, as `Källor` and `Översikt` name it.
        var factsFile: FactsFile?
    }

    /// Time spent writing, over both halves (the benchmark's workbook figure; the wait between is not in it).
    struct Spent {
        var wall = Duration.zero
        var cpu = 0.0
        mutating func add(wall: Duration, cpu: Double) {
            self.wall += wall
            self.cpu += cpu
        }
    }

    let exporter: WorkbookExporter
    let batch: WorkbookBatch
    let wb: XlsxWorkbook
    let styles: WorkbookStyles
    var placement: BatchPlacement
    let layouts: [DocumentLayout]
    let index: CellIndex
    let catalog: FactCatalog
    let sheets: Sheets
    var spent: Spent
    /// Where the facts go instead of a sheet, if they do.
    let csvPath: String?
    private var finished = false
    /// Whether `writeDocumentSheets(as:)` has written the documents' sheets already.
    private var documentSheetsWritten = false
    /// How long the documents' sheets took after the rules were done (the benchmark's figure).
    private var sheetsAfterRules = Duration.zero
    /// The comparison's figures, worked out on a thread of their own from the start (they need no findings):
    /// this thread has the documents' sheets to write meanwhile.
    /// With the CPU time it took, which counts in the workbook's time though another thread spends it.
    private let comparisonJob: BackgroundJob<(model: ComparisonModel, cpu: Double)>

    init(
        exporter: WorkbookExporter, batch: WorkbookBatch, wb: XlsxWorkbook, styles: WorkbookStyles,
        placement: BatchPlacement, layouts: [DocumentLayout], index: CellIndex, catalog: FactCatalog, sheets: Sheets,
        spent: Spent, csvPath: String?
    ) {
        self.exporter = exporter
        self.batch = batch
        self.wb = wb
        self.styles = styles
        self.placement = placement
        self.layouts = layouts
        self.index = index
        self.catalog = catalog
        self.sheets = sheets
        self.spent = spent
        self.csvPath = csvPath
        comparisonJob = BackgroundJob(name: "finsam-jamforelse") { [documents = batch.documents, placement, mappings = exporter.mappings] in
            let cpuStart = WorkbookExporter.threadCPUSeconds()
            let model = ComparisonModel(documents: documents, placement: placement, catalog: catalog, mappings: mappings)
            return (model, WorkbookExporter.threadCPUSeconds() - cpuStart)
        }
    }

    /// Writes the documents' sheets in batch order, each as soon as `checked` has the findings about it: the
    /// rules check the batch organisation by organisation, so most sheets are written while the rules still run
    /// instead of after them. The sheets are the same as `finish` writes: a document's marks come from every
    /// finding about its organisation, in the batch's order. Call it once, before `finish`, from one thread.
    public func writeDocumentSheets(as checked: CheckedDocuments) {
        precondition(!finished && !documentSheetsWritten, "the documents' sheets are already written")
        documentSheetsWritten = true
        let clock = ContinuousClock()
        let overviewCell = CellRef(sheet: sheets.overview.name, row: 0, col: 0)
        var marksOfGroup: (group: Int, marks: CellMarks)?
        for (d, doc) in batch.documents.enumerated() {
            let (group, findings) = checked.findings(for: d)
            // Waiting for the rules is not time spent writing.
            let start = clock.now
            let cpuStart = WorkbookExporter.threadCPUSeconds()
            if marksOfGroup?.group != group { marksOfGroup = (group, CellMarks(findings: findings, index: index)) }
            DocumentSheetWriter(document: doc, layout: layouts[d], styles: styles, marks: marksOfGroup!.marks.marks(on: layouts[d].sheet), overview: overviewCell)
                .write(to: sheets.documents[d])
            spent.add(wall: clock.now - start, cpu: WorkbookExporter.threadCPUSeconds() - cpuStart)
        }
        if let done = checked.rulesDoneAt() { sheetsAfterRules = max(.zero, clock.now - done) }
    }

    /// Writes what depends on the findings (the documents' sheets with their marks unless
    /// `writeDocumentSheets(as:)` did, the summaries, the findings and the sources) and closes the file into place.
    public func finish(findings: [Finding]) throws {
        precondition(!finished, "the workbook is already finished")
        finished = true
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = WorkbookExporter.threadCPUSeconds()
        // The facts CSV is written on a thread of its own while this one finishes the workbook (libxlsxwriter
        // uses one): it needs no findings, but it waits until now because until the rules are done both cores
        // are busy, while from here on the workbook's closing leaves one free.
        let csvJob = csvPath.map { csv in
            BackgroundJob<Void>(name: "finsam-fakta-csv") { [documents = self.batch.documents, catalog] in
                _ = try FactsCSVWriter(documents: documents, catalog: catalog).write(to: csv)
            }
        }
        var batch = self.batch
        batch.findings = findings
        placement.place(findings, documents: batch.documents)
        let marks = CellMarks(findings: findings, index: index)

        let overviewCell = CellRef(sheet: sheets.overview.name, row: 0, col: 0)
        for (d, doc) in batch.documents.enumerated() where !documentSheetsWritten {
            DocumentSheetWriter(document: doc, layout: layouts[d], styles: styles, marks: marks.marks(on: layouts[d].sheet), overview: overviewCell)
                .write(to: sheets.documents[d])
        }
        OverviewSheetWriter(batch: batch, placement: placement, catalog: catalog, styles: styles, findingsSheet: sheets.findingsName, created: exporter.created,
                            factsFile: sheets.factsFile)
            .write(to: sheets.overview)
        let (model, comparisonCPU) = try comparisonJob.value()
        spent.add(wall: .zero, cpu: comparisonCPU)
        ComparisonSheetWriter(model: model, catalog: catalog, styles: styles, sheetName: sheets.comparisonName).write(to: sheets.comparison)
        FindingsSheetWriter(findings: findings, documents: batch.documents, placement: placement, marks: marks, styles: styles)
            .write(to: sheets.findings)
        SourcesSheetWriter(batch: batch, placement: placement, styles: styles, factsFile: sheets.factsFile).write(to: sheets.sources)

        // A write libxlsxwriter refused (past a sheet's last row or column) is a figure missing from the
        // workbook: say where, rather than leave it silently out.
        let all = [sheets.overview, sheets.comparison, sheets.findings, sheets.sources, sheets.unmapped] + sheets.facts + sheets.documents
        let refused = all.filter { $0.rejected > 0 }
        if !refused.isEmpty {
            let list = refused.map { "\($0.name) (\($0.rejected))" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("varning: celler som inte fick plats i arbetsboken: \(list)\n".utf8))
        }

        sheets.overview.tabColor(0x1F4E78)
        sheets.comparison.tabColor(0x1F4E78)
        sheets.findings.tabColor(findings.contains { $0.severity == .error } ? 0xC00000 : 0x70AD47)
        // A workbook that points to a CSV that could not be written is not put in place.
        let closing = clock.now
        try wb.close(beforeCommit: { try csvJob?.wait() })
        let closed = clock.now
        spent.add(wall: clock.now - start, cpu: WorkbookExporter.threadCPUSeconds() - cpuStart + wb.zipWorkerCPU)
        if exporter.reportTime {
            let seconds = WorkbookExporter.seconds(spent.wall)
            FileHandle.standardError.write(Data("arbetsbok: \(seconds) s, cpu \(spent.cpu) s; stängningen \(WorkbookExporter.seconds(closed - closing)) s; dokumentens blad efter reglerna \(WorkbookExporter.seconds(sheetsAfterRules)) s; före stängningen \(WorkbookExporter.seconds(closing - start)) s\n".utf8))
        }
    }
}
