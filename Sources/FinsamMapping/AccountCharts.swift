import Foundation
import FinsamModel
import Yams

/// A rule of a chart: accounts (one, a range, or several) → a statement line (concept and member), or
/// deliberately left out (`ignore` with the reason).
public struct AccountRule: Codable, Hashable, Sendable {
    public var accounts: [String]
    public var concept: String?
    public var member: String?
    public var ignore: String?

    enum CodingKeys: String, CodingKey { case accounts, concept, member, ignore }

    public init(accounts: [String], concept: String? = nil, member: String? = nil, ignore: String? = nil) {
        self.accounts = accounts
        self.concept = concept
        self.member = member
        self.ignore = ignore
    }

    /// `accounts` may be written as one value or a list, quoted or not (`1930`, `"1900-1999"`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func scalar(_ nested: SingleValueDecodingContainer) throws -> String {
            if let s = try? nested.decode(String.self) { return s }
            return String(try nested.decode(Int.self))
        }
        if let list = try? c.decode([String].self, forKey: .accounts) {
            accounts = list
        } else if let list = try? c.decode([Int].self, forKey: .accounts) {
            accounts = list.map(String.init)
        } else if let s = try? c.decode(String.self, forKey: .accounts) {
            accounts = [s]
        } else {
            accounts = [String(try c.decode(Int.self, forKey: .accounts))]
        }
        concept = try c.decodeIfPresent(String.self, forKey: .concept)
        member = try c.decodeIfPresent(String.self, forKey: .member)
        ignore = try c.decodeIfPresent(String.self, forKey: .ignore)
    }

    /// The ranges as digit-string bounds of equal length; nil for a malformed one.
    var ranges: [(low: String, high: String)?] {
        accounts.map { text in
            let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 1 || parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
                  parts.count == 1 || parts[0].count == parts[1].count, parts.count == 1 || parts[0] <= parts[1]
            else { return nil }
            return (parts[0], parts.last!)
        }
    }
}

/// A chart of accounts (`mappings/accounts/charts/*.yaml`): which accounts make which statement line.
public struct AccountChart: Codable, Hashable, Sendable {
    public struct Applies: Codable, Hashable, Sendable {
        /// Regular expressions on the organisation number (`NNNNNN-NNNN`).
        public var orgnr: [String]?
    }

    public var chart: String
    public var label: String?
    public var applies: Applies?
    /// The chart for organisations no other chart applies to.
    public var `default`: Bool?
    public var accounts: [AccountRule]
}

/// An organisation's own rules (`mappings/accounts/organisations/*.yaml`), keyed by organisation number.
public struct OrganisationAccounts: Codable, Hashable, Sendable {
    public var orgnr: String
    public var name: String?
    /// Its chart, when the organisation number alone would choose another.
    public var chart: String?
    public var accounts: [AccountRule]
}

/// A statement built from a ledger (`mappings/accounts/statements.yaml`).
public struct StatementLayout: Codable, Hashable, Sendable {
    public struct Line: Codable, Hashable, Sendable {
        public var concept: String
        /// Other lines this one sums; `-Concept` subtracts.
        public var parts: [String]?
        public var always: Bool?
        /// The balansräkning's line of the year's result: the resultaträkning's result for the year.
        public var result: Bool?
        /// The rest of equity: its accounts, plus the result not yet booked to equity, less the `result` line.
        public var equityRest: Bool?

        var signedParts: [(concept: String, sign: Int)] {
            (parts ?? []).map { $0.hasPrefix("-") ? (String($0.dropFirst()), -1) : ($0, 1) }
        }
    }

    public var kind: TableKind
    public var title: String
    public var lines: [Line]
}

struct StatementsFile: Codable { var statements: [StatementLayout] }

/// Everything under `mappings/accounts/`.
public struct AccountMappings: Sendable {
    public var statements: [StatementLayout]
    public var charts: [AccountChart]
    public var organisations: [OrganisationAccounts]
    /// File of each chart and organisation, for lint messages.
    public var files: [String: String]

    public init(statements: [StatementLayout] = [], charts: [AccountChart] = [], organisations: [OrganisationAccounts] = [], files: [String: String] = [:]) {
        self.statements = statements
        self.charts = charts
        self.organisations = organisations
        self.files = files
    }

    public var isEmpty: Bool { statements.isEmpty }

    /// Loads `statements.yaml`, `charts/*.yaml` and `organisations/*.yaml` under `directory`; an absent folder
    /// gives empty mappings (every account is then unmapped).
    public static func load(from directory: String) throws -> AccountMappings {
        var result = AccountMappings()
        let statementsPath = (directory as NSString).appendingPathComponent("statements.yaml")
        guard FileManager.default.fileExists(atPath: statementsPath) else { return result }
        result.statements = try decode(StatementsFile.self, statementsPath).statements
        for path in yamlFiles((directory as NSString).appendingPathComponent("charts")) {
            let chart = try decode(AccountChart.self, path)
            result.charts.append(chart)
            result.files["chart:" + chart.chart] = path
        }
        for path in yamlFiles((directory as NSString).appendingPathComponent("organisations")) {
            let org = try decode(OrganisationAccounts.self, path)
            result.organisations.append(org)
            result.files["org:" + org.orgnr] = path
        }
        return result
    }

    private static func yamlFiles(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted().map { (dir as NSString).appendingPathComponent($0) }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else { throw MappingLoadError(file: path, message: "kan inte läsas") }
        do { return try YAMLDecoder().decode(type, from: data) } catch { throw MappingLoadError(file: path, message: "\(error)") }
    }

    /// The chart and own rules for an organisation, and why that chart.
    public func selection(orgnr: String?) -> AccountSelection? {
        let own = orgnr.flatMap { o in organisations.first { $0.orgnr == o } }
        var chosen: AccountChart?
        var why = ""
        if let name = own?.chart, let c = charts.first(where: { $0.chart == name }) {
            chosen = c
            why = "organisationens egen mappning (\(files["org:" + own!.orgnr].map { ($0 as NSString).lastPathComponent } ?? own!.orgnr))"
        } else if let orgnr, let c = charts.first(where: { chart in
            (chart.applies?.orgnr ?? []).contains { ((try? Regex($0)).flatMap { try? $0.firstMatch(in: orgnr) }) != nil }
        }) {
            chosen = c
            why = "organisationsnumret \(orgnr)"
        } else if let c = charts.first(where: { $0.default == true }) {
            chosen = c
            why = orgnr == nil ? "organisationsnummer saknas; standardkontoplanen" : "standardkontoplanen"
        }
        guard let chart = chosen ?? charts.first else { return nil }
        if chosen == nil { why = "den enda kontoplanen" }
        return AccountSelection(chart: chart, own: own, why: why)
    }

    /// Every concept and part named exists, every rule's range reads, every rule names a line.
    func lint(concepts: [String: ConceptDefinition], directory: String) -> [MappingProblem] {
        var problems: [MappingProblem] = []
        let statementsFile = directory + "/accounts/statements.yaml"
        var lineConcepts = Set<String>()
        for s in statements {
            let own = Set(s.lines.map(\.concept))
            lineConcepts.formUnion(own)
            for line in s.lines {
                if concepts[line.concept] == nil {
                    problems.append(MappingProblem(file: statementsFile, message: "\(s.title): okänt begrepp \(line.concept)"))
                }
                for part in line.signedParts where !own.contains(part.concept) {
                    problems.append(MappingProblem(file: statementsFile, message: "\(s.title): \(line.concept) summerar \(part.concept), som inte är en rad i samma räkning"))
                }
            }
        }
        let ruleSets = charts.map { (files["chart:" + $0.chart] ?? $0.chart, $0.accounts) }
            + organisations.map { (files["org:" + $0.orgnr] ?? $0.orgnr, $0.accounts) }
        for (file, rules) in ruleSets {
            for rule in rules {
                if rule.concept == nil && rule.ignore == nil {
                    problems.append(MappingProblem(file: file, message: "regeln för \(rule.accounts.joined(separator: ", ")) har varken concept eller ignore"))
                }
                if let c = rule.concept, !lineConcepts.contains(c) {
                    problems.append(MappingProblem(file: file, message: "\(c) är ingen rad i statements.yaml"))
                }
                for (i, r) in rule.ranges.enumerated() where r == nil {
                    problems.append(MappingProblem(file: file, message: "kontointervallet ”\(rule.accounts[i])” går inte att läsa (väntade 1930 eller 1900-1999)"))
                }
            }
        }
        for org in organisations where org.chart.map({ name in !charts.contains { $0.chart == name } }) ?? false {
            problems.append(MappingProblem(file: files["org:" + org.orgnr] ?? org.orgnr, message: "okänd kontoplan \(org.chart!)"))
        }
        return problems
    }
}

/// The rules that apply to one organisation: its own first, then its chart's, the narrowest range first.
public struct AccountSelection: Sendable {
    public var chart: AccountChart
    public var own: OrganisationAccounts?
    public var why: String

    struct Compiled {
        var low: String
        var high: String
        var rule: AccountRule
        var source: String
    }

    var compiled: [Compiled] {
        func compile(_ rules: [AccountRule], _ source: String, priority: Int) -> [(Int, Compiled)] {
            rules.flatMap { rule in
                rule.ranges.compactMap { $0 }.map { (priority, Compiled(low: $0.low, high: $0.high, rule: rule, source: source)) }
            }
        }
        let all = compile(own?.accounts ?? [], "organisationens regel", priority: 0) + compile(chart.accounts, chart.chart, priority: 1)
        return all.sorted { a, b in
            if a.0 != b.0 { return a.0 < b.0 }
            if a.1.low.count != b.1.low.count { return a.1.low.count > b.1.low.count }
            return (Int(a.1.high) ?? 0) - (Int(a.1.low) ?? 0) < (Int(b.1.high) ?? 0) - (Int(b.1.low) ?? 0)
        }.map(\.1)
    }

    /// The rule for an account and a note saying which; an account of more digits falls under the range of
    /// its first digits (193010 under 1900-1999).
    func rule(for account: String, in compiled: [Compiled]) -> (rule: AccountRule, how: String)? {
        for c in compiled {
            guard account.count >= c.low.count, account.allSatisfy(\.isNumber) else { continue }
            let head = String(account.prefix(c.low.count))
            if c.low <= head && head <= c.high {
                let range = c.low == c.high ? c.low : "\(c.low)–\(c.high)"
                return (c.rule, "konto \(account) enligt \(c.source) \(range)")
            }
        }
        return nil
    }
}
