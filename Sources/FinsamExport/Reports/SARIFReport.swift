import Foundation
import FinsamModel

/// Findings as SARIF 2.1.0, for code-scanning tools and editors: one run, one result per finding, the total's
/// place as the location and the items (or the other document) as related locations.
public enum SARIFReport {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func encode(findings: [Finding], errors: [InputError] = [], english: Bool = false, version: String = "0.1.0") throws -> Data {
        let ids = Array(Set(findings.map(\.rule))).sorted()
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let rules = ids.map { id -> ReportingDescriptor in
            let e = RuleCatalogue.entry(id)
            return ReportingDescriptor(id: id, shortDescription: Text(text: english ? e.en : e.sv))
        }
        let results = findings.map { f -> Result in
            let message = english ? (f.messageEN ?? f.message) : f.message
            return Result(
                ruleId: f.rule, ruleIndex: index[f.rule]!, level: level(f.severity), message: Text(text: message),
                locations: f.locations.prefix(1).map { location($0, id: nil) },
                relatedLocations: f.locations.dropFirst().enumerated().map { location($1, id: $0 + 1) },
                properties: Properties(expected: f.expected, actual: f.actual, difference: f.difference, cell: f.locations.first?.column))
        }
        let notifications = errors.map { e in
            Notification(level: "error", message: Text(text: e.message), locations: [location(SourceLocation(file: e.file, line: max(1, e.line ?? 1), column: e.column), id: nil)])
        }
        let run = Run(
            tool: Tool(driver: Driver(name: "finsam", version: version, rules: rules)),
            results: results,
            invocations: [Invocation(executionSuccessful: errors.isEmpty, toolExecutionNotifications: notifications)])
        let log = Log(schema: schema, version: "2.1.0", runs: [run])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(log)
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A relative path as a URI reference: percent-encoded, forward slashes.
    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    static func location(_ l: SourceLocation, id: Int?) -> Location {
        Location(id: id, physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(l.file)), region: Region(startLine: max(1, l.line))))
    }

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var invocations: [Invocation]
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var shortDescription: Text
    }

    struct Text: Encodable { var text: String }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var relatedLocations: [Location]
        var properties: Properties
    }

    /// The figures behind the message; `cell` is the 0-based tab-separated field of the first location.
    struct Properties: Encodable {
        var expected: Decimal?
        var actual: Decimal?
        var difference: Decimal?
        var cell: Int?
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable { var uri: String }

    /// SARIF columns count characters; a finding's column is a tab-separated field, so only the line is given.
    struct Region: Encodable { var startLine: Int }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }

    struct Notification: Encodable {
        var level: String
        var message: Text
        var locations: [Location]
    }
}
