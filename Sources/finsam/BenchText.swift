import ArgumentParser
import Foundation
import FinsamMapping
import FinsamModel
import FinsamPipeline
import FinsamReaders

/// `finsam bench-text PATH...`: the text-report path alone, one file after another on one core, each stage
/// timed on its own (load, read, map, rules), for bench/run.sh to set against a plain read of the same bytes.
struct BenchText: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-text", abstract: "Mäter textrapportläsningen (för bench/run.sh).", shouldDisplay: false)

    @Argument(help: "Textrapporter eller mappar (rekursivt).")
    var paths: [String]

    @OptionGroup var common: CommonOptions

    func run() throws {
        let pipeline = Pipeline(mappings: try common.loadMappings())
        let reader = TextReportReader()
        let builder = FactBuilder(mappings: pipeline.mappings)
        var load = Duration.zero, read = Duration.zero, map = Duration.zero
        var bytes = 0, documents: [Document] = [], failed = 0
        let clock = ContinuousClock()
        let files = Pipeline.collectFiles(paths).files
        for path in files {
            var input: InputFile?
            load += clock.measure { input = try? InputFile.load(path) }
            guard let input, reader.recognises(input) else { failed += 1; continue }
            bytes += input.bytes.count
            var docs: [Document] = []
            read += clock.measure { docs = (try? reader.read(input)) ?? [] }
            if docs.isEmpty { failed += 1 }
            map += clock.measure { documents += docs.map { builder.map(TotalInference.annotate($0)) } }
        }
        var findings = 0
        let rules = clock.measure { findings = pipeline.check(documents).count }
        func s(_ d: Duration) -> String { String(format: "%.3f", d.seconds) }
        let parse = load + read
        print("text files=\(files.count) documents=\(documents.count) failed=\(failed) bytes=\(bytes) "
              + "load_s=\(s(load)) read_s=\(s(read)) map_s=\(s(map)) rules_s=\(s(rules)) findings=\(findings) "
              + "mb_per_s=\(String(format: "%.2f", Double(bytes) / 1e6 / max(parse.seconds, 1e-9)))")
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
