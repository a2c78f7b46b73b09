/// The closed vocabularies of the JSON contract. Raw values are what the contract writes.

public enum Scenario: String, Codable, Sendable, CaseIterable, Comparable {
    case utfall, budget, prognos, differens, kvot

    public static func < (lhs: Scenario, rhs: Scenario) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Unit of a fact's value. Named `MeasureUnit` because Foundation already has a `Unit`.
public enum MeasureUnit: String, Codable, Sendable, CaseIterable {
    case sek = "SEK"
    case pure
    case personer
}

/// The scale a figure was printed in. Values are always stored in whole SEK; the scale decides `decimals`.
public enum PrintedScale: String, Codable, Sendable, CaseIterable {
    case kr, tkr, mkr

    /// Power of ten from the printed number to SEK.
    public var exponent: Int {
        switch self {
        case .kr: 0
        case .tkr: 3
        case .mkr: 6
        }
    }
}

public enum DocumentFormat: String, Codable, Sendable, CaseIterable {
    case textReport = "text-report"
    case sie4, sie5, xlsx, csv
}

public enum DocumentKind: String, Codable, Sendable, CaseIterable {
    case arsredovisning, delarsrapport, verksamhetsplan, kallelse, bokslut, other
}

public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, warning, error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a value or row came from: 1-based line, 0-based cell index (tab-separated field, or SIE token).
public struct SourceLocation: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    /// Line and column in four bytes each (`Int32.min` for no column) rather than 17: every fact, row and cell has one.
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(newValue) }
    }

    public var column: Int? {
        get { storedColumn == .min ? nil : Int(storedColumn) }
        set { storedColumn = newValue.map { Int32($0) } ?? .min }
    }

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.storedLine = Int32(line)
        self.storedColumn = column.map { Int32($0) } ?? .min
    }

    enum CodingKeys: String, CodingKey { case file, line, column }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try c.decode(String.self, forKey: .file), line: try c.decode(Int.self, forKey: .line),
            column: try c.decodeIfPresent(Int.self, forKey: .column))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        if let column { try c.encode(column, forKey: .column) } else { try c.encodeNil(forKey: .column) }
    }

    /// `file:line:col` as compilers print it (column 1-based for editors).
    public var description: String {
        if let column { return "\(file):\(line):\(column + 1)" }
        return "\(file):\(line)"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column ?? -1) < (rhs.file, rhs.line, rhs.column ?? -1)
    }
}
