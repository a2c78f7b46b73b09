import ArgumentParser
import Foundation
import FinsamMapping
import FinsamModel
import FinsamPipeline
import FinsamReaders

/// `finsam bench-text PATH...`: the text-report path alone, one file after another on one core, each stage
/// timed on its own (load, read, map, rules), for bench/run.sh to set against a plain read of the same bytes.
/// The stages are timed in CPU seconds of the process: on a shared machine wall time also measures the neighbours.
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
        var load = 0.0, read = 0.0, map = 0.0
        var bytes = 0, documents: [Document] = [], failed = 0
        let files = Pipeline.collectFiles(paths).files
        for path in files {
            var input: InputFile?
            load += cpuSeconds { input = try? InputFile.load(path) }
            guard let input, reader.recognises(input) else { failed += 1; continue }
            bytes += input.bytes.count
            var docs: [Document] = []
            read += cpuSeconds { docs = (try? reader.read(input)) ?? [] }
            if docs.isEmpty { failed += 1 }
            // Handed over, not copied: the mapping then sets concepts in the reader's rows in place.
            let start = cpuNow()
            documents += (consume docs).consumingMap { builder.annotateAndMap($0) }
            map += cpuNow() - start
        }
        var findings = 0
        let rules = cpuSeconds { findings = pipeline.check(documents).count }
        func s(_ x: Double) -> String { String(format: "%.3f", x) }
        print("text files=\(files.count) documents=\(documents.count) failed=\(failed) bytes=\(bytes) "
              + "load_s=\(s(load)) read_s=\(s(read)) map_s=\(s(map)) rules_s=\(s(rules)) findings=\(findings) "
              + "mb_per_s=\(String(format: "%.2f", Double(bytes) / 1e6 / max(load + read, 1e-9)))")
    }

    private func cpuSeconds(_ body: () -> Void) -> Double {
        let start = cpuNow()
        body()
        return cpuNow() - start
    }

    private func cpuNow() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
