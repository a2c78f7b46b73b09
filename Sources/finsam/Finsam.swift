import ArgumentParser
import Foundation
import FinsamExport
import FinsamMapping
import FinsamModel
import FinsamPipeline
import FinsamReaders

@main
enum Main {
    /// Runs the command, mapping ArgumentParser's usage errors (64) to the documented status 2.
    static func main() async {
        do {
            var command = try Finsam.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Finsam.exitCode(for: error)
            if code == .validationFailure {
                printError(Finsam.fullMessage(for: error))
                exit(ExitStatus.usage)
            }
            Finsam.exit(withError: error)
        }
    }
}

struct Finsam: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finsam",
        abstract: "Importerar, stämmer av och sammanställer samordningsförbundens räkenskaper.",
        subcommands: [Import.self, Check.self, Inspect.self, Mappings.self, BenchSIE.self, BenchText.self, BenchWorkbook.self],
        defaultSubcommand: Import.self
    )
}

/// Exit statuses, as the README documents them.
enum ExitStatus {
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let unreadableInput: Int32 = 3
}

struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Mapp med mappningar (concepts.yaml, labels/).")
    var mappings: String?

    @Option(name: .long, help: "Språk för meddelanden: sv eller en.")
    var lang: String = "sv"

    func loadMappings() throws -> MappingSet {
        guard let dir = MappingSet.locate(explicit: mappings) else {
            throw ValidationError("hittar ingen mappningsmapp; ange --mappings DIR")
        }
        do {
            return try MappingSet.load(from: dir)
        } catch {
            throw ValidationError("mappningarna kan inte läsas: \(error)")
        }
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Läser filer och mappar, stämmer av och skriver arbetsbok och JSON.")

    @Argument(help: "Filer eller mappar (rekursivt).")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Arbetsbok att skriva (.xlsx).")
    var output: String?

    @Option(name: .long, help: "JSON att skriva, eller - för standard ut.")
    var json: String?

    @Option(name: .long, help: "Arbetsbokens skapandetid (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ eller sekunder sedan 1970) för reproducerbar utdata; annars SOURCE_DATE_EPOCH eller nu.")
    var created: CreationTime?

    @Option(name: .long, help: "Lägsta allvarlighet som ger slutstatus 1: error, warning eller never.")
    var failOn: FailOn = .error

    @Option(name: .long, help: "Var tabellen Fakta hamnar: sheet (blad i arbetsboken), csv (CSV-fil bredvid arbetsboken) eller auto (blad upp till 100 000 fakta, annars CSV).")
    var facts: FactsPlacement = .auto

    @Option(name: .long, help: "CSV-fil för Fakta, som då skrivs (utom med --facts sheet); standard: arbetsbokens namn med -fakta.csv, men utan -o eller med --json - ingen CSV.")
    var factsCsv: String?

    @Option(name: .long, help: "Antal filer som läses samtidigt (standard: en per kärna).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Ingen förloppsrad och ingen sammanfattning.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Skriv en rad per fil.")
    var verbose = false

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let mappings = try common.loadMappings()
        let inputs = Pipeline.collectFiles(paths).files
        let factsCSV = FactsPlacement.csvPath(workbook: output, json: json, explicit: factsCsv)
        if facts == .csv && factsCSV == nil {
            throw ValidationError("--facts csv behöver --facts-csv PATH när -o saknas eller JSON skrivs till standard ut (--json -)")
        }
        try OutputGuard.refuseOverwriting(inputs: inputs, outputs: [output, json, factsCSV].compactMap { $0 }.filter { $0 != "-" })
        let progress = ProgressLine(quiet: quiet)
        let pipeline = Pipeline(mappings: mappings)
        let read = await pipeline.read(paths: paths, jobs: jobs) { done, total, file in
            progress.update(done: done, total: total, file: file)
        }
        progress.finish()
        for e in read.errors { printError("\(e)") }
        // The workbook is written on one thread (its library is single-threaded) beside the rules: first what
        // needs only the documents (Fakta, or its CSV on a thread of its own, and Omappade), then each
        // document's sheet as soon as the rules have checked its organisation.
        let when = created?.date ?? WorkbookExporter.creationTime()
        var exporter = WorkbookExporter(mappings: mappings, created: when)
        exporter.facts = facts.resolved(csvNamed: factsCsv != nil)
        exporter.factsCSV = factsCSV
        let checked = CheckedDocuments(documentCount: read.documents.count)
        let workbook: BackgroundJob<WorkbookInProgress>? = output.map { [exporter] path in
            BackgroundJob(name: "finsam-arbetsbok") {
                let book = try exporter.begin(WorkbookBatch(read), to: path)
                book.writeDocumentSheets(as: checked)
                return book
            }
        }
        // Without a workbook the facts still go to the CSV asked for, on a core of their own.
        let factsOnly: Task<Void, Error>? = output == nil ? factsCSV.map { [exporter] csv in
            Task { try exporter.writeFactsCSV(documents: read.documents, to: csv) }
        } : nil
        let deliver: @Sendable ([Int], [Finding]) -> Void = { checked.deliver(documents: $0, findings: $1) }
        let result = pipeline.check(read, organisationChecked: workbook == nil ? nil : deliver)
        checked.deliverRest(findings: result.findings)
        // The JSON is written beside the workbook's second half, its documents laid out on what is left.
        let outputs = PhaseTiming.start()
        defer { if json != nil || output != nil { PhaseTiming.report("JSON och arbetsbok", since: outputs) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let json {
                group.addTask {
                    try JSONContractStream.write(
                        documents: result.documents, findings: result.findings, errors: result.errors, to: json,
                        cores: ProcessInfo.processInfo.activeProcessorCount - (output == nil ? 0 : 1))
                }
            }
            if let workbook {
                group.addTask { try workbook.value().finish(findings: result.findings) }
            }
            if let factsOnly {
                group.addTask { try await factsOnly.value }
            }
            try await group.waitForAll()
        }
        ProcessLifetime.keep(read, result, workbook as Any)
        if verbose {
            for doc in result.documents {
                printError("\(doc.source): \(doc.organisation.name), \(doc.kind.rawValue) \(doc.period): \(doc.facts.count) fakta, \(doc.unmapped.count) omappade")
            }
        }
        if !quiet { printError(BatchSummary(result).text(english: common.lang == "en")) }
        if !result.errors.isEmpty { throw ExitCode(ExitStatus.unreadableInput) }
        if let threshold = failOn.severity, result.findings.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(ExitStatus.findings)
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stämmer av och skriver avvikelserna till standard ut.",
        discussion: """
            Som en kompilator: fil:rad:kolumn: fel|varning|info: meddelande [regel], per dokument. Kolumnen är \
            det tabbseparerade fältets nummer. Färg bara på en terminal (och inte med NO_COLOR).
            """)

    @Argument(help: "Filer eller mappar (rekursivt).")
    var paths: [String]

    @Option(name: .long, help: "Utdata: text, json eller sarif (SARIF 2.1.0).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Lägsta allvarlighet som ger slutstatus 1: error, warning eller never.")
    var failOn: FailOn = .error

    @Option(name: .long, help: "Antal filer som läses samtidigt (standard: en per kärna).")
    var jobs: Int?

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let mappings = try common.loadMappings()
        let result = await Pipeline(mappings: mappings).run(paths: paths, jobs: jobs, progress: nil)
        let english = common.lang == "en"
        switch format {
        case .text:
            let colour = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            print(TextReporter(colour: colour, english: english).render(documents: result.documents, findings: result.findings, errors: result.errors), terminator: "")
        case .json:
            FileHandle.standardOutput.write(try FindingsJSON.encode(documents: result.documents, findings: result.findings, errors: result.errors))
            FileHandle.standardOutput.write("\n".data(using: .utf8)!)
        case .sarif:
            FileHandle.standardOutput.write(try SARIFReport.encode(findings: result.findings, errors: result.errors, english: english))
            FileHandle.standardOutput.write("\n".data(using: .utf8)!)
        }
        ProcessLifetime.keep(result)
        if !result.errors.isEmpty { throw ExitCode(ExitStatus.unreadableInput) }
        if let threshold = failOn.severity, result.findings.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(ExitStatus.findings)
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}

/// `--created`: a day, a UTC time or seconds since 1970.
struct CreationTime: ExpressibleByArgument {
    var date: Date

    init?(argument: String) {
        if let seconds = Int64(argument) {
            date = Date(timeIntervalSince1970: TimeInterval(seconds))
            return
        }
        if let day = Day(iso: argument) {
            date = Date(timeIntervalSince1970: TimeInterval(day.secondsSince1970))
            return
        }
        let iso = ISO8601DateFormatter()
        guard let parsed = iso.date(from: argument) else { return nil }
        date = parsed
    }
}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, never

    var severity: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .never: nil
        }
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Visar vad som kändes igen i en fil: dokument, tabeller, kolumner, rader.")

    @Argument(help: "En fil.")
    var file: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        let mappings = try common.loadMappings()
        switch Pipeline(mappings: mappings).read(file) {
        case .failure(let e):
            printError("\(e)")
            throw ExitCode(ExitStatus.unreadableInput)
        case .success(let docs):
            for doc in docs { print(InspectReport.render(doc), terminator: "") }
        }
    }
}

struct Mappings: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mappningsfilerna.", subcommands: [Lint.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Kontrollerar mappningsfilerna.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let mappings = try common.loadMappings()
            var problems = mappings.lint().map(\.description)
            var identities = 0
            do {
                let set = try IdentitySet.load(from: mappings.directory)
                identities = set.identities.count + set.ratios.count
                problems += set.lint(concepts: mappings.concepts).map(\.description)
            } catch {
                problems.append("\(error)")
            }
            for p in problems { print(p) }
            print("\(mappings.concepts.count) begrepp, \(mappings.labelRules.count) etikettregler, \(identities) identiteter, \(problems.count) problem")
            if !problems.isEmpty { throw ExitCode(ExitStatus.findings) }
        }
    }
}

/// `finsam bench-sie FILE`: the SIE 4 parser alone on one file, streamed in constant memory, for bench/sie4.sh.
struct BenchSIE: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-sie", abstract: "Mäter SIE 4-läsningen på en fil (för bench/sie4.sh).", shouldDisplay: false)

    @Argument(help: "En SIE 4-fil.")
    var file: String

    @Option(name: .long, help: "Antal körningar; den snabbaste räknas.")
    var runs: Int = 3

    func run() throws {
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.doubleValue ?? 0
        var best = Double.infinity
        var doc: Document?
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            doc = try SIE4Reader.readFile(file)
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        let ledger = doc?.tables.first
        let errors = doc?.diagnostics.filter { $0.severity == .error }.count ?? 0
        print("finsam bytes=\(Int(size)) seconds=\(String(format: "%.3f", best)) mb_per_s=\(String(format: "%.1f", size / 1e6 / best)) accounts=\(ledger?.rows.count ?? 0) errors=\(errors)")
    }
}

extension FactsPlacement: ExpressibleByArgument {}
