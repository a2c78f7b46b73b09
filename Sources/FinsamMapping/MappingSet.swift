import Foundation
import FinsamModel
import Yams

/// Everything in a `mappings/` folder: the concept taxonomy and the label rules.
public struct MappingSet: Sendable {
    public var concepts: [String: ConceptDefinition]
    public var conceptOrder: [String]
    public var labelRules: [LabelRule]
    /// Column rules (`columns:` in the label files): columns that name the concept, rows that name the member.
    public var columnRules: [ColumnRule] = []
    /// Where each rule came from, for lint messages.
    public var ruleFiles: [String]
    public var directory: String
    /// Account charts and statement layouts for ledgers (SIE), from `accounts/`.
    public var accounts: AccountMappings

    public init(
        concepts: [ConceptDefinition], labelRules: [LabelRule], ruleFiles: [String] = [], directory: String = "",
        accounts: AccountMappings = AccountMappings()
    ) {
        self.accounts = accounts
        self.concepts = Dictionary(concepts.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        self.conceptOrder = concepts.map(\.name)
        self.labelRules = labelRules
        self.ruleFiles = ruleFiles.isEmpty ? Array(repeating: "", count: labelRules.count) : ruleFiles
        self.directory = directory
    }

    /// Loads `concepts.yaml` and every `labels/*.yaml` under `directory`.
    public static func load(from directory: String) throws -> MappingSet {
        let fm = FileManager.default
        let conceptsPath = (directory as NSString).appendingPathComponent("concepts.yaml")
        guard let conceptsData = fm.contents(atPath: conceptsPath) else {
            throw MappingLoadError(file: conceptsPath, message: "saknas")
        }
        let decoder = YAMLDecoder()
        let concepts: ConceptsFile
        do {
            concepts = try decoder.decode(ConceptsFile.self, from: conceptsData)
        } catch {
            throw MappingLoadError(file: conceptsPath, message: "\(error)")
        }
        var rules: [LabelRule] = []
        var columnRules: [ColumnRule] = []
        var ruleFiles: [String] = []
        let labelsDir = (directory as NSString).appendingPathComponent("labels")
        let names = ((try? fm.contentsOfDirectory(atPath: labelsDir)) ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        for name in names {
            let path = (labelsDir as NSString).appendingPathComponent(name)
            guard let data = fm.contents(atPath: path) else { continue }
            do {
                let file = try decoder.decode(LabelsFile.self, from: data)
                rules += file.rules ?? []
                columnRules += file.columns ?? []
                ruleFiles += Array(repeating: path, count: (file.rules ?? []).count)
            } catch {
                throw MappingLoadError(file: path, message: "\(error)")
            }
        }
        let accounts = try AccountMappings.load(from: (directory as NSString).appendingPathComponent("accounts"))
        var set = MappingSet(concepts: concepts.concepts, labelRules: rules, ruleFiles: ruleFiles, directory: directory, accounts: accounts)
        set.columnRules = columnRules
        return set
    }

    /// Finds the mappings folder: the one given, `$FINSAM_MAPPINGS`, `./mappings`, or one beside the executable's
    /// checkout (walking up from the binary), so `swift run` works from anywhere in the repository.
    public static func locate(explicit: String?, executablePath: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        func ok(_ p: String) -> Bool { fm.fileExists(atPath: (p as NSString).appendingPathComponent("concepts.yaml")) }
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["FINSAM_MAPPINGS"], ok(env) { return env }
        let cwd = fm.currentDirectoryPath + "/mappings"
        if ok(cwd) { return cwd }
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("mappings").path
            if ok(candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// Checks that every rule names a known concept and every pattern compiles.
    public func lint() -> [MappingProblem] {
        var problems: [MappingProblem] = []
        var seenLabels: [String: String] = [:]
        for (i, rule) in labelRules.enumerated() {
            let file = ruleFiles[i]
            if concepts[rule.concept] == nil {
                problems.append(MappingProblem(file: file, message: "okänt begrepp \(rule.concept)"))
            }
            for p in rule.patterns ?? [] {
                if (try? Regex(p)) == nil {
                    problems.append(MappingProblem(file: file, message: "ogiltigt mönster för \(rule.concept): \(p)"))
                }
            }
            if (rule.labels ?? []).isEmpty && (rule.patterns ?? []).isEmpty {
                problems.append(MappingProblem(file: file, message: "regeln för \(rule.concept) har varken labels eller patterns"))
            }
            for label in rule.labels ?? [] {
                let context = [(rule.tables ?? []).map(\.rawValue), rule.sections ?? [], rule.under ?? [], rule.titles ?? []]
                    .map { $0.sorted().joined(separator: ",") }.joined(separator: ";")
                let key = LabelMapper.normalise(label) + "|" + context + "|\(rule.qualified ?? false)\(rule.fallback ?? false)"
                if let other = seenLabels[key], other != rule.concept {
                    problems.append(MappingProblem(file: file, message: "etiketten ”\(label)” pekar på både \(other) och \(rule.concept)"))
                }
                seenLabels[key] = rule.concept
            }
        }
        for rule in columnRules where concepts[rule.concept] == nil {
            problems.append(MappingProblem(file: directory + "/labels", message: "kolumnregel med okänt begrepp \(rule.concept)"))
        }
        for c in concepts.values {
            for ref in [c.memberConcept, c.adjusted, c.inclusive].compactMap({ $0 }) where concepts[ref] == nil {
                problems.append(MappingProblem(file: directory + "/concepts.yaml", message: "\(c.name) hänvisar till okänt begrepp \(ref)"))
            }
        }
        problems += accounts.lint(concepts: concepts, directory: directory)
        for c in concepts.values where c.name.first?.isUppercase != true || c.name.contains(" ") {
            problems.append(MappingProblem(file: directory + "/concepts.yaml", message: "begreppsnamnet \(c.name) är inte CamelCase"))
        }
        return problems
    }
}

public struct MappingLoadError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
