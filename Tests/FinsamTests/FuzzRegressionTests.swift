import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamReaders

@Suite("Fuzz regressions", .timeLimit(.minutes(2)))
struct FuzzRegressionTests {
    static let folder = Repo.root.appendingPathComponent("Tests/FinsamTests/FuzzRegressions").path
    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != "README.md" }.sorted()
    }

    @Test func theFolderHasInputs() {
        #expect(!FuzzRegressionTests.inputs.isEmpty)
    }

    @Test(arguments: FuzzRegressionTests.inputs)
    func readsOrRefusesClearly(_ name: String) throws {
        let pipeline = try Repo.pipeline()
        let path = (FuzzRegressionTests.folder as NSString).appendingPathComponent(name)
        switch pipeline.read(path) {
        case .success(let docs):
            // Whatever was read must also survive the rule stage and keep every fact pointing into the file.
            _ = pipeline.check(docs)
            for fact in docs.flatMap(\.facts) { #expect(fact.source.file == path && fact.source.line >= 1) }
        case .failure(let error):
            #expect(error.file == path)
            #expect(!error.message.isEmpty)
        }
    }
}
