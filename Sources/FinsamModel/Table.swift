import Foundation

/// A table as a reader found it: numeric columns with their meaning, rows with printed labels and values.
/// Readers fill everything but `concept`/`member` on rows (the mapping stage) and `totals` (the rules stage).
public struct Table: Hashable, Codable, Sendable {
    public var title: String
    /// What the table is, as far as the reader could tell.
    public var kind: TableKind
    /// `Not 2` → "2" when the table is a note.
    public var noteNumber: String?
    public var columns: [Column]
    public var rows: [Row]
    /// Line of the title (or first row).
    public var source: SourceLocation
    /// How the reader read the table, for `finsam inspect`: unit and why, how ambiguous numbers were read.
    public var readingNotes: [String]
    /// Filled by the rules stage: which rows each total sums.
    public var totals: [TotalLink]

    public init(
        title: String, kind: TableKind = .other, noteNumber: String? = nil, columns: [Column] = [], rows: [Row] = [],
        source: SourceLocation, readingNotes: [String] = [], totals: [TotalLink] = []
    ) {
        self.title = title
        self.kind = kind
        self.noteNumber = noteNumber
        self.columns = columns
        self.rows = rows
        self.source = source
        self.readingNotes = readingNotes
        self.totals = totals
    }
}

public enum TableKind: String, Codable, Sendable, CaseIterable {
    case resultatrakning, balansrakning, kassaflodesanalys, not
    case budget, prognos, driftsredovisning, flerarsoversikt, nyckeltal, deltagare
    case balanskrav, ledger, other
}

/// A numeric column: what scenario and period its figures are, in what unit and printed scale.
public struct Column: Hashable, Codable, Sendable {
    /// The header as printed (joined over several header lines).
    public var header: String
    public var scenario: Scenario
    public var period: Period?
    public var unit: MeasureUnit
    public var scale: PrintedScale
    /// A dimension the column splits by, e.g. `Kvinnor`/`Män` in a participant table.
    public var member: String?
    /// The header spanning this column and its neighbours, e.g. `Inregistrerade perioden jan-juni` over
    /// `K`/`M`/`S:a`: in tables whose columns say what is counted, it names the concept.
    public var group: String?

    /// Text columns (`Not`, owner) are not listed: only columns that hold figures.
    public init(
        header: String, scenario: Scenario, period: Period?, unit: MeasureUnit = .sek, scale: PrintedScale = .kr,
        member: String? = nil, group: String? = nil
    ) {
        self.header = header
        self.scenario = scenario
        self.period = period
        self.unit = unit
        self.scale = scale
        self.member = member
        self.group = group
    }
}

public struct RowStyle: OptionSet, Hashable, Codable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let bold = RowStyle(rawValue: 1)
    public static let italic = RowStyle(rawValue: 2)
    public static let underline = RowStyle(rawValue: 4)
    public static let uppercase = RowStyle(rawValue: 8)
}

public struct Row: Hashable, Codable, Sendable {
    /// The label as printed, markup removed.
    public var label: String
    /// Text between label and numbers: an owner (`Enköpings kommun`), a municipality.
    public var qualifier: String?
    /// Notes this row refers to: `Not 2` → ["2"], `3,4` → ["3", "4"].
    public var noteRefs: [String]
    public var style: RowStyle
    /// One entry per table column; nil where the cell is empty or a dash.
    public var cells: [Cell?]
    public var source: SourceLocation
    /// Ledger rows (SIE): the account number.
    public var account: String?
    /// Set by the mapping stage.
    public var concept: String?
    public var member: String?
    /// Why the mapping chose this concept (or none), for `finsam inspect`.
    public var mappingNote: String?
    /// Text printed right of the figures (`Beviljades medel 2024`).
    public var remark: String?
    /// A period printed in the row itself (an `År` column); it overrides the columns' periods.
    public var period: Period?

    public init(
        label: String, qualifier: String? = nil, noteRefs: [String] = [], style: RowStyle = [], cells: [Cell?],
        source: SourceLocation, account: String? = nil, concept: String? = nil, member: String? = nil,
        mappingNote: String? = nil, remark: String? = nil, period: Period? = nil
    ) {
        self.label = label
        self.qualifier = qualifier
        self.noteRefs = noteRefs
        self.style = style
        self.cells = cells
        self.source = source
        self.account = account
        self.concept = concept
        self.member = member
        self.mappingNote = mappingNote
        self.remark = remark
        self.period = period
    }

    /// A row with no figures: a section header such as `Omsättningstillgångar`.
    public var isHeader: Bool { cells.allSatisfy { $0 == nil } }
}

/// One printed figure.
///
/// Declared text first and with four-byte small numbers (no line as `Int32.min`) behind the public `Int`
/// properties: a cell then takes 48 bytes instead of 72, and a batch holds millions.
public struct Cell: Hashable, Codable, Sendable {
    /// The figure as printed.
    public var text: String
    /// Value in the column's unit: whole SEK for money (a `1 563` in tkr is 1563000), a ratio for percent.
    public var value: Decimal
    private var storedDecimals: Int32
    private var storedColumn: Int32
    private var storedLine: Int32

    /// XBRL-style precision of the printed figure: 0 for kr, -3 for tkr, 2 for öre or for `32%` (0.32).
    public var decimals: Int {
        get { Int(storedDecimals) }
        set { storedDecimals = Int32(newValue) }
    }

    /// 0-based cell index in the source line (tab-separated field).
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(newValue) }
    }

    /// The figure's own line when it is not its row's: in a ledger (SIE) every balance is a record of its own.
    public var line: Int? {
        get { storedLine == .min ? nil : Int(storedLine) }
        set { storedLine = newValue.map { Int32($0) } ?? .min }
    }

    public init(value: Decimal, text: String, decimals: Int, column: Int, line: Int? = nil) {
        self.text = text
        self.value = value
        self.storedDecimals = Int32(decimals)
        self.storedColumn = Int32(column)
        self.storedLine = line.map { Int32($0) } ?? .min
    }

    enum CodingKeys: String, CodingKey { case value, text, decimals, column, line }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            value: try c.decode(Decimal.self, forKey: .value), text: try c.decode(String.self, forKey: .text),
            decimals: try c.decode(Int.self, forKey: .decimals), column: try c.decode(Int.self, forKey: .column),
            line: try c.decodeIfPresent(Int.self, forKey: .line))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(text, forKey: .text)
        try c.encode(decimals, forKey: .decimals)
        try c.encode(column, forKey: .column)
        try c.encodeIfPresent(line, forKey: .line)
    }
}

/// A total and the rows it sums, with signs, as inferred from layout and arithmetic.
public struct TotalLink: Hashable, Codable, Sendable {
    public var total: Int
    public var items: [SignedRow]
    public init(total: Int, items: [SignedRow]) {
        self.total = total
        self.items = items
    }
}

public struct SignedRow: Hashable, Codable, Sendable {
    public var row: Int
    public var sign: Int
    public init(row: Int, sign: Int = 1) {
        self.row = row
        self.sign = sign
    }
}
