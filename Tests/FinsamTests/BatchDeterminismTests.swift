import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamPipeline

@Suite("Batches are deterministic")
struct BatchDeterminismTests {
    /// Every input we have: the samples, plus the real reports when ../shared is there.
    var inputs: [String] { [Repo.samples] + (Repo.sharedReports.map { [$0] } ?? []) }

    @Test func parallelEqualsSequentialWhateverTheArgumentOrder() async throws {
        let pipeline = try Repo.pipeline()
        let sequential = pipeline.run(paths: inputs)
        let parallel = await pipeline.run(paths: inputs.reversed(), progress: nil)
        #expect(sequential.files == parallel.files)
        let a = try JSONContract.encode(documents: sequential.documents, findings: sequential.findings, errors: sequential.errors)
        let b = try JSONContract.encode(documents: parallel.documents, findings: parallel.findings, errors: parallel.errors)
        #expect(a == b)
        #expect(!sequential.documents.isEmpty)
    }

    @Test func duplicatePathsAreReadOnce() throws {
        let pipeline = try Repo.pipeline()
        let file = Repo.sample("norrvik-arsredovisning-2024.txt")
        let sameViaDotDot = Repo.samples + "/../samples/norrvik-arsredovisning-2024.txt"
        let result = pipeline.run(paths: [file, Repo.samples, sameViaDotDot])
        #expect(result.errors.isEmpty)
        #expect(result.files.filter { $0.hasSuffix("norrvik-arsredovisning-2024.txt") }.count == 1)
    }

    @Test func missingPathIsAnErrorAndTheRestImports() throws {
        let result = try Repo.pipeline().run(paths: ["/nonexistent/finsam", Repo.samples])
        #expect(result.errors.map(\.file) == ["/nonexistent/finsam"])
        #expect(!result.documents.isEmpty)
    }
}
