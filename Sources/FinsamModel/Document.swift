import Foundation

public struct Organisation: Hashable, Codable, Sendable {
    public var name: String
    /// `222000-2493`, normalised with the hyphen.
    public var orgnr: String?

    public init(name: String, orgnr: String? = nil) {
        self.name = name
        self.orgnr = orgnr
    }

    enum CodingKeys: String, CodingKey { case name, orgnr }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        orgnr = try c.decodeIfPresent(String.self, forKey: .orgnr)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        if let orgnr { try c.encode(orgnr, forKey: .orgnr) } else { try c.encodeNil(forKey: .orgnr) }
    }
}

/// One document read from one input file. A board paper may yield several (its enclosures).
public struct Document: Hashable, Sendable {
    /// The path as given on the command line.
    public var source: String
    public var format: DocumentFormat
    public var organisation: Organisation
    public var kind: DocumentKind
    public var period: Period
    /// The document's own title, e.g. `Delårsrapport 2024`.
    public var title: String?
    /// Lines of the part of the file this document covers (a kallelse's enclosure), 1-based inclusive.
    public var lines: ClosedRange<Int>?
    public var decisionDate: Day?
    public var tables: [Table]
    /// Filled by the mapping stage.
    public var facts: [Fact]
    public var unmapped: [UnmappedRow]
    /// What the reader noticed that is not a reconciliation finding: encoding guesses, unknown SIE tags.
    public var diagnostics: [Diagnostic]
    /// SHA-256 of the input file, hex.
    public var sha256: String?

    public init(
        source: String, format: DocumentFormat, organisation: Organisation, kind: DocumentKind, period: Period,
        title: String? = nil, lines: ClosedRange<Int>? = nil, decisionDate: Day? = nil, tables: [Table] = [],
        facts: [Fact] = [], unmapped: [UnmappedRow] = [], diagnostics: [Diagnostic] = [], sha256: String? = nil
    ) {
        self.source = source
        self.format = format
        self.organisation = organisation
        self.kind = kind
        self.period = period
        self.title = title
        self.lines = lines
        self.decisionDate = decisionDate
        self.tables = tables
        self.facts = facts
        self.unmapped = unmapped
        self.diagnostics = diagnostics
        self.sha256 = sha256
    }
}

/// A figure with its meaning: concept × member × scenario × period, in natural sign.
///
/// A batch holds hundreds of thousands of facts: the small numbers are stored in four bytes each (a nil index
/// as `Int32.min`) and behind the public `Int` properties, which keeps a fact at about 60 % of the plain layout.
public struct Fact: Hashable, Sendable {
    public var concept: String
    public var member: String?
    public var label: String
    public var table: String
    public var period: Period
    /// Whole SEK (exact) for money, the ratio for `pure`, a count for `personer`. Natural sign: income, costs,
    /// assets, liabilities and equity positive; results, differences and cash flows signed.
    public var value: Decimal
    public var scenario: Scenario
    public var unit: MeasureUnit
    private var storedDecimals: Int32
    public var source: SourceLocation
    private var storedTableIndex: Int32
    private var storedRowIndex: Int32
    private var storedColumnIndex: Int32
    /// Notes the row refers to.
    public var noteRefs: [String]
    /// Dimensions beyond `member`, e.g. `["kön": "kvinnor"]` in a participant table (JSON `dimensions`).
    public var dimensions: [String: String]

    public var decimals: Int {
        get { Int(storedDecimals) }
        set { storedDecimals = Int32(newValue) }
    }

    /// Position in `Document.tables` (not in the JSON contract): lets rules and the workbook find the row.
    public var tableIndex: Int? {
        get { Fact.index(storedTableIndex) }
        set { storedTableIndex = Fact.stored(newValue) }
    }

    public var rowIndex: Int? {
        get { Fact.index(storedRowIndex) }
        set { storedRowIndex = Fact.stored(newValue) }
    }

    public var columnIndex: Int? {
        get { Fact.index(storedColumnIndex) }
        set { storedColumnIndex = Fact.stored(newValue) }
    }

    private static func index(_ stored: Int32) -> Int? { stored == .min ? nil : Int(stored) }

    private static func stored(_ index: Int?) -> Int32 { index.map { Int32($0) } ?? .min }

    public init(
        concept: String, member: String? = nil, label: String, table: String, scenario: Scenario, period: Period,
        value: Decimal, unit: MeasureUnit = .sek, decimals: Int, source: SourceLocation, tableIndex: Int? = nil,
        rowIndex: Int? = nil, columnIndex: Int? = nil, noteRefs: [String] = [], dimensions: [String: String] = [:]
    ) {
        self.concept = concept
        self.member = member
        self.label = label
        self.table = table
        self.scenario = scenario
        self.period = period
        self.value = value
        self.unit = unit
        self.storedDecimals = Int32(decimals)
        self.source = source
        self.storedTableIndex = Fact.stored(tableIndex)
        self.storedRowIndex = Fact.stored(rowIndex)
        self.storedColumnIndex = Fact.stored(columnIndex)
        self.noteRefs = noteRefs
        self.dimensions = dimensions
    }
}

/// A number-bearing row that no mapping covers. Never dropped: listed with its place.
public struct UnmappedRow: Hashable, Codable, Sendable {
    public var label: String
    public var values: [String]
    public var source: SourceLocation
    public var table: String?

    public init(label: String, values: [String], source: SourceLocation, table: String? = nil) {
        self.label = label
        self.values = values
        self.source = source
        self.table = table
    }
}

/// Something a reader noticed about the input itself.
public struct Diagnostic: Hashable, Codable, Sendable {
    public var severity: Severity
    public var code: String
    public var message: String
    public var location: SourceLocation

    public init(severity: Severity, code: String, message: String, location: SourceLocation) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }
}
