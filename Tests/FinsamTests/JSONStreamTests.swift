import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamModel
@testable import FinsamPipeline

/// The streamed `--json` writer against `JSONEncoder` (through `JSONContract.encode`), the reference layout:
/// two independent writers, byte for byte the same.
@Suite("JSON written as it goes equals JSONEncoder's")
struct JSONStreamTests {
    @Test func samplesAndRealReportsAndLedgers() throws {
        var paths = [Repo.samples]
        if let reports = Repo.sharedReports { paths.append(reports) }
        if let sie = Repo.sharedSIE { paths.append(sie) }
        let result = try Repo.pipeline().run(paths: paths)
        #expect(result.documents.count >= 4)
        #expect(!result.findings.isEmpty)
        let reference = try JSONContract.encode(documents: result.documents, findings: result.findings, errors: result.errors)
        let streamed = JSONContractStream.encode(documents: result.documents, findings: result.findings, errors: result.errors)
        #expect(streamed == reference, "first difference at byte \(firstDifference(streamed, reference))")
        if Repo.sharedReports == nil { print(Repo.sharedMissing) }
    }

    @Test func emptyBatchAndInputErrors() throws {
        let errors = [
            InputError(file: "a.se", line: 3, column: 2, message: "fel \"citerat\""),
            InputError(file: "b.bin", message: "okänt format"),
        ]
        for errs in [[], errors] {
            let reference = try JSONContract.encode(documents: [], findings: [], errors: errs)
            #expect(JSONContractStream.encode(documents: [], findings: [], errors: errs) == reference)
        }
    }

    /// Control characters, quotes, backslashes, slashes, non-ASCII and odd dimension names: every escape and
    /// the key order `.sortedKeys` uses.
    @Test func awkwardStringsAndDimensionOrder() throws {
        let awkward = (0..<128).map { String(UnicodeScalar(UInt8($0))) }.joined() + "åäöÅÄÖ€\u{2028}\u{1F600}/"
        let source = SourceLocation(file: "mapp/fil \(awkward).txt", line: 7, column: nil)
        let fact = Fact(
            concept: "Begrepp", member: awkward, label: awkward, table: "T\t1", scenario: .budget,
            period: .instant(Day(iso: "2024-12-31")!), value: Decimal(string: "-1234.5678")!, unit: .pure,
            decimals: 4, source: source, noteRefs: ["1", "2b"],
            dimensions: ["kön": "kvinnor", "Ålder": "19–29", "alder": "x", "Zon": "1", "a_b": "y", "a": "z", "10": "t", "9": "n"])
        let doc = Document(
            source: source.file, format: .textReport, organisation: Organisation(name: awkward), kind: .arsredovisning,
            period: Period(start: Day(iso: "2024-01-01"), end: Day(iso: "2024-12-31")!), title: nil,
            facts: [fact, Fact(concept: "Noll", label: "", table: "", scenario: .utfall, period: .instant(Day(iso: "2023-12-31")!), value: 0, decimals: -3, source: source)],
            unmapped: [UnmappedRow(label: awkward, values: ["1 000", "-2"], source: source, table: nil)],
            sha256: "ab")
        let finding = Finding(
            rule: "sum.total", severity: .error, message: awkward, messageEN: nil, expected: 10, actual: Decimal(string: "0.001"),
            difference: nil, locations: [source, SourceLocation(file: "x", line: 1, column: 0)])
        let reference = try JSONContract.encode(documents: [doc, doc], findings: [finding, finding], errors: [])
        let streamed = JSONContractStream.encode(documents: [doc, doc], findings: [finding, finding], errors: [])
        #expect(streamed == reference, "first difference at byte \(firstDifference(streamed, reference))")
    }

    @Test func fileAndStandardOutputFormsAreTheSame() throws {
        let result = try Repo.pipeline().run(paths: [Repo.samples])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-json-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ut/batch.json").path
        try JSONContractStream.write(documents: result.documents, findings: result.findings, errors: result.errors, to: path)
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(written == (try JSONContract.encode(documents: result.documents, findings: result.findings, errors: result.errors)))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("ut").path)
        #expect(leftovers == ["batch.json"])
    }

    private func firstDifference(_ a: Data, _ b: Data) -> Int {
        zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    }
}
