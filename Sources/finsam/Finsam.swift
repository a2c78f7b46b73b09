import ArgumentParser
import Foundation
import FinsamExport
import FinsamMapping
import FinsamModel
import FinsamPipeline

@main
struct Finsam: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finsam",
        abstract: "Importerar, stämmer av och sammanställer samordningsförbundens räkenskaper.",
        subcommands: [Import.self, Check.self, Inspect.self, Mappings.self],
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

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Läser filer och mappar, stämmer av och skriver arbetsbok och JSON.")

    @Argument(help: "Filer eller mappar (rekursivt).")
    var paths: [String]

    @Option(name: .shortAndLong, help: "Arbetsbok att skriva (.xlsx).")
    var output: String?

    @Option(name: .long, help: "JSON att skriva, eller - för standard ut.")
    var json: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let mappings = try common.loadMappings()
        let result = Pipeline(mappings: mappings).run(paths: paths)
        for e in result.errors { printError("\(e)") }
        if let json {
            let data = try JSONContract.encode(documents: result.documents, findings: result.findings, errors: result.errors)
            if json == "-" {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write("\n".data(using: .utf8)!)
            } else {
                try AtomicFile.write(data, to: json)
            }
        }
        if let output {
            try WorkbookExporter(mappings: mappings).write(documents: result.documents, findings: result.findings, to: output)
        }
        let facts = result.documents.reduce(0) { $0 + $1.facts.count }
        let unmapped = result.documents.reduce(0) { $0 + $1.unmapped.count }
        printError("\(result.files.count) filer, \(result.documents.count) dokument, \(facts) fakta, \(unmapped) omappade rader, \(result.findings.count) avvikelser, \(result.errors.count) fel i indata")
        if !result.errors.isEmpty { throw ExitCode(ExitStatus.unreadableInput) }
    }
}

struct Check: ParsableCommand {
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

    @OptionGroup var common: CommonOptions

    func run() throws {
        let mappings = try common.loadMappings()
        let result = Pipeline(mappings: mappings).run(paths: paths)
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
        if !result.errors.isEmpty { throw ExitCode(ExitStatus.unreadableInput) }
        if let threshold = failOn.severity, result.findings.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(ExitStatus.findings)
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
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
