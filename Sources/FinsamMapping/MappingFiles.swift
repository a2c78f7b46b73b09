import Foundation
import FinsamModel
import Yams

/// A concept of the taxonomy, as `mappings/concepts.yaml` defines it.
public struct ConceptDefinition: Codable, Hashable, Sendable {
    public var name: String
    /// Swedish label, as the workbook prints it.
    public var label: String
    public var en: String?
    /// `positive`: income, costs, assets, liabilities, equity (printed signs are normalised);
    /// `signed`: results, differences, cash flows (kept as printed).
    public var sign: SignNature
    /// `debit` (costs, assets) or `credit` (income, liabilities, equity): which figures a table prints alike.
    public var balance: Balance?
    public var period: PeriodType
    public var unit: MeasureUnit?

    public enum SignNature: String, Codable, Sendable { case positive, signed }
    public enum Balance: String, Codable, Sendable { case debit, credit }
    public enum PeriodType: String, Codable, Sendable { case duration, instant }
}

/// A label rule from `mappings/labels/*.yaml`: printed labels (exact, after normalising) or patterns that mean
/// a concept, optionally only in some kinds of table, optionally naming a member (a dimension value).
public struct LabelRule: Codable, Hashable, Sendable {
    public var concept: String
    public var labels: [String]?
    /// Regular expressions matched against the whole normalised label. A capture group named `member` gives
    /// the member, e.g. `driftbidrag från (?<member>.+)`.
    public var patterns: [String]?
    public var tables: [TableKind]?
    public var member: String?
}

struct ConceptsFile: Codable {
    var concepts: [ConceptDefinition]
}

struct LabelsFile: Codable {
    var rules: [LabelRule]
}

/// A problem in a mapping file, with its place: what `finsam mappings lint` prints.
public struct MappingProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
