import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamModel
@testable import FinsamPipeline

/// The workbook of the bundled sample and of the real reports, checked through the file: every fact in its
/// cell, every formula computing its stored value, every unmapped row and finding listed.
@Suite("The workbook on the sample and the real reports")
struct WorkbookRealDataTests {
    func check(_ paths: [String]) throws -> (BatchResult, WorkbookReader) {
        let pipeline = try Repo.pipeline()
        let result = pipeline.run(paths: paths)
        let exporter = WorkbookExporter(mappings: pipeline.mappings, created: Date(timeIntervalSince1970: 1_735_689_600))
        let (wb, _) = try WorkbookChecks.written(WorkbookBatch(result), exporter: exporter)
        let facts = result.documents.reduce(0) { $0 + $1.facts.count }
        #expect(WorkbookChecks.everyFactInItsCell(wb, result.documents) == facts)
        #expect(WorkbookChecks.everyFormulaComputesItsValue(wb) > 0)
        WorkbookChecks.sheetNamesValid(wb)
        let unmapped = result.documents.reduce(0) { $0 + $1.unmapped.count }
        let listed = try #require(wb.sheet("Omappade"))
        #expect((4..<max(4, listed.rowCount)).filter { listed.value($0, 0).text != nil }.count == unmapped)
        let findings = try #require(wb.sheet("Avvikelser"))
        #expect((4..<max(4, findings.rowCount)).filter { findings.value($0, 0).text != nil }.count == result.findings.count)
        return (result, wb)
    }

    @Test func sample() throws {
        let (result, wb) = try check([Repo.sample("norrvik-arsredovisning-2024.txt")])
        let sources = try #require(wb.sheet("Källor"))
        let sha = try #require(result.documents.first?.sha256)
        #expect(sha.count == 64)
        #expect(sources.value(4, 2).text == sha)
        // The sample's result for 2024 in the overview, referenced from the income statement.
        let overview = try #require(wb.sheet("Översikt"))
        #expect(overview.value(4, 10).number == 360_000)
    }

    /// The whole batch twice, each time read, mapped and reconciled afresh (the parallel run the CLI uses), then
    /// written with the same creation time: the same bytes. The samples hold text reports and SIE 4 and SIE 5
    /// ledgers; the real reports join when present.
    @Test func sameBatchSameCreationTimeSameBytes() async throws {
        let inputs = [Repo.samples] + (Repo.sharedReports.map { [$0] } ?? [])
        func bytes(_ paths: [String], created: TimeInterval) async throws -> (Data, BatchResult) {
            let pipeline = try Repo.pipeline()
            let result = await pipeline.run(paths: paths, progress: nil)
            let exporter = WorkbookExporter(mappings: pipeline.mappings, created: Date(timeIntervalSince1970: created))
            return (try WorkbookChecks.written(WorkbookBatch(result), exporter: exporter).1, result)
        }
        let (first, result) = try await bytes(inputs, created: 1_735_689_600)
        let formats = Set(result.documents.map(\.format))
        #expect(formats.isSuperset(of: [.textReport, .sie4, .sie5]), "the batch should mix text reports and SIE ledgers: \(formats)")
        let (second, _) = try await bytes(inputs.reversed(), created: 1_735_689_600)
        #expect(first == second)
        // Another creation time changes the file, so the comparison above can fail.
        let (later, _) = try await bytes(inputs, created: 1_767_225_600)
        #expect(later != first)
    }

    /// As `finsam import` writes it: the document-only part begun on a thread of its own while the rules run,
    /// each document's sheet written as soon as its organisation is checked, the rest after. The same bytes as
    /// the workbook written in one call after the rules.
    @Test func workbookWrittenWhileTheRulesRunIsTheSame() async throws {
        let inputs = [Repo.samples] + (Repo.sharedReports.map { [$0] } ?? [])
        let pipeline = try Repo.pipeline()
        let exporter = WorkbookExporter(mappings: pipeline.mappings, created: Date(timeIntervalSince1970: 1_735_689_600))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-begun-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let split = dir.appendingPathComponent("split.xlsx").path
        let read = await pipeline.read(paths: inputs, progress: nil)
        let checked = CheckedDocuments(documentCount: read.documents.count)
        let begun = BackgroundJob(name: "test-arbetsbok") {
            let book = try exporter.begin(WorkbookBatch(read), to: split)
            book.writeDocumentSheets(as: checked)
            return book
        }
        let delivered = Deliveries()
        let result = pipeline.check(read) { documents, findings in
            delivered.add(documents, findings)
            checked.deliver(documents: documents, findings: findings)
        }
        checked.deliverRest(findings: result.findings)
        #expect(!result.findings.isEmpty)
        try begun.value().finish(findings: result.findings)
        let (_, whole) = try WorkbookChecks.written(WorkbookBatch(result), exporter: exporter)
        #expect(FileManager.default.contents(atPath: split) == whole)

        // The organisations' deliveries cover every document once, and together they are the batch's findings.
        let groups = delivered.all
        #expect(groups.count > 1, "the batch should hold several organisations")
        #expect(groups.flatMap(\.documents).sorted() == Array(read.documents.indices))
        let describe = { (f: Finding) in "\(f.rule) \(f.locations) \(f.message)" }
        #expect(groups.flatMap(\.findings).map(describe).sorted() == result.findings.map(describe).sorted())

        // The findings reach the workbook: without them its bytes differ.
        let empty = dir.appendingPathComponent("empty.xlsx").path
        try exporter.begin(WorkbookBatch(read), to: empty).finish(findings: [])
        #expect(FileManager.default.contents(atPath: empty) != whole)
    }

    /// What the rules handed over, organisation by organisation (from any core).
    final class Deliveries: @unchecked Sendable {
        private let lock = NSLock()
        private var groups: [(documents: [Int], findings: [Finding])] = []

        func add(_ documents: [Int], _ findings: [Finding]) {
            lock.lock()
            groups.append((documents, findings))
            lock.unlock()
        }

        var all: [(documents: [Int], findings: [Finding])] {
            lock.lock()
            defer { lock.unlock() }
            return groups
        }
    }

    @Test func sha256OfTheInputBytes() throws {
        let path = Repo.sample("norrvik-arsredovisning-2024.txt")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let result = try Repo.pipeline().run(paths: [path])
        #expect(result.documents.first?.sha256 == Pipeline.sha256(bytes))
        #expect(result.hashes[path] == Pipeline.sha256(bytes))
        // The known digest of the empty input.
        #expect(Pipeline.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func realReports() throws {
        guard let reports = Repo.sharedReports else {
            print(Repo.sharedMissing)
            return
        }
        let (result, wb) = try check([reports, Repo.samples])
        #expect(result.documents.count >= 6)
        #expect(wb.sheet("Jämförelse") != nil)
    }
}
