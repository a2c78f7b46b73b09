import ArgumentParser
import Foundation
import FinsamExport
import FinsamModel
import FinsamPipeline

/// `finsam bench-workbook PATH... -o FILE`: the batch read, mapped and checked one file after another, then the
/// workbook written on this thread alone, its CPU time printed. No task runtime is started, so the whole run
/// can be counted instruction by instruction (`valgrind --tool=callgrind`), which `import` cannot.
struct BenchWorkbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-workbook", abstract: "Mäter arbetsboken på en tråd (för profilering).", shouldDisplay: false)

    @Argument(help: "Indatafiler eller mappar (rekursivt).")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Arbetsboken (.xlsx).")
    var output: String

    @Option(name: .customLong("facts-csv"), help: "Fakta i denna CSV-fil i stället för på blad (som import över 100 000 fakta).")
    var factsCSV: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let mappings = try common.loadMappings()
        let result = Pipeline(mappings: mappings).run(paths: paths)
        var exporter = WorkbookExporter(mappings: mappings, created: Date(timeIntervalSince1970: 1_735_689_600))
        if let factsCSV {
            exporter.facts = .csv
            exporter.factsCSV = factsCSV
        }
        let start = cpuNow()
        try exporter.write(WorkbookBatch(result), to: output)
        let facts = result.documents.reduce(0) { $0 + $1.facts.count }
        print("workbook documents=\(result.documents.count) facts=\(facts) findings=\(result.findings.count) "
              + "cpu_s=\(String(format: "%.3f", cpuNow() - start))")
    }

    private func cpuNow() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
