import Foundation
import FinsamModel
import Yams

/// A concept of the taxonomy, as `mappings/concepts.yaml` defines it.
public struct ConceptDefinition: Codable, Hashable, Sendable {
    public var name: String
    /// Swedish label, as the workbook prints it.
    public var label: String
    public var en: String?
    /// `positive`: income, costs, assets, liabilities, equity (printed signs are normalised: the sign a table
    /// prints most rows of this balance with is the normal one, a row printed the other way is a reversal);
    /// `signed`: results, differences, cash flows (kept as printed);
    /// `absolute`: always a positive amount, whatever sign the table prints it with (depreciation, which a cost
    /// statement prints as a cost and an asset note as a deduction).
    public var sign: SignNature
    /// `debit` (costs, assets) or `credit` (income, liabilities, equity): which figures a table prints alike.
    public var balance: Balance?
    public var period: PeriodType
    public var unit: MeasureUnit?
    /// Forces the scenario of its facts (a ratio row under an amount is a `kvot`).
    public var scenario: Scenario?
    /// The concept rows itemised under this one take, with the row's label as member: the items of
    /// `Medlemsavgifter` are `Medlemsavgift` per member, those of `KostnaderInsatser` are `KostnadInsats`.
    public var memberConcept: String?
    /// A second row of this concept that sums the rows above it is the adjusted figure, this concept:
    /// `Årets resultat` after the balance requirement adjustments is `BalanskravsResultat`.
    public var adjusted: String?
    /// A row of this concept that equals the sum of totals printed after it, one of them this concept's, is
    /// the inclusive total, this concept (`Samverkansinsatser` above `S:a samverkansinsats` and `S:a övriga`).
    public var inclusive: String?
    /// For a balance: `start` when the printed column is the period it opens (`Likvida medel vid årets
    /// början`, `Ingående anskaffningsvärde`): the day before the period's start. Default `end`.
    public var instantAt: InstantAt?

    public init(
        name: String, label: String, en: String? = nil, sign: SignNature, balance: Balance? = nil, period: PeriodType,
        unit: MeasureUnit? = nil, scenario: Scenario? = nil, memberConcept: String? = nil, adjusted: String? = nil,
        inclusive: String? = nil, instantAt: InstantAt? = nil
    ) {
        self.name = name
        self.label = label
        self.en = en
        self.sign = sign
        self.balance = balance
        self.period = period
        self.unit = unit
        self.scenario = scenario
        self.memberConcept = memberConcept
        self.adjusted = adjusted
        self.inclusive = inclusive
        self.instantAt = instantAt
    }

    public enum InstantAt: String, Codable, Sendable { case start, end }
    public enum SignNature: String, Codable, Sendable { case positive, signed, absolute }
    public enum Balance: String, Codable, Sendable { case debit, credit }
    public enum PeriodType: String, Codable, Sendable { case duration, instant }
}

/// A label rule from `mappings/labels/*.yaml`: printed labels (exact, after normalising) or patterns that mean
/// a concept, optionally only in some kinds of table, sections or tables titled so, optionally naming a member.
public struct LabelRule: Codable, Hashable, Sendable {
    public var concept: String
    public var labels: [String]?
    /// Regular expressions matched against the whole normalised label. A capture group named `member` gives
    /// the member, e.g. `driftbidrag från (?<member>.+)`.
    public var patterns: [String]?
    public var tables: [TableKind]?
    public var member: String?
    /// Only in these sections of a table: `intakter`, `kostnader`, `tillgangar`, `egetkapital`, `avsattningar`,
    /// `skulder` (the nearest section header above the row, or the note's title).
    public var sections: [String]?
    /// Only under a header (the nearest header row above) matching one of these patterns.
    public var under: [String]?
    /// Only in tables whose normalised title matches one of these patterns.
    public var titles: [String]?
    /// Only rows with an owner or other text between label and figures (`Jobbcentrum\tEnköpings kommun\t955`).
    public var qualified: Bool?
    /// Tried only after every other rule and the table's structure found nothing.
    public var fallback: Bool?
    /// `start`: the label names a balance at the start of the column's period (`Ingående eget kapital` in a
    /// column for 2023 is equity at 2022-12-31).
    public var at: ConceptDefinition.InstantAt?
}

/// A column rule: in tables whose columns say what is counted (`Inregistrerade perioden jan-juni` over
/// `K`/`M`/`S:a`, `Negativt`/`Positivt` in a survey), the column names the concept and the row is the member.
public struct ColumnRule: Codable, Hashable, Sendable {
    public var concept: String
    /// Patterns matched against the whole normalised column group (or header, when it has no group).
    public var headers: [String]
    public var tables: [TableKind]?
}

struct ConceptsFile: Codable {
    var concepts: [ConceptDefinition]
}

struct LabelsFile: Codable {
    var rules: [LabelRule]?
    var columns: [ColumnRule]?
}

/// A problem in a mapping file, with its place: what `finsam mappings lint` prints.
public struct MappingProblem: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
