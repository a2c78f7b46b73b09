import Foundation

/// A reconciliation result: a discrepancy (error), a difference with a named innocent explanation (warning),
/// or a rounding difference an auditor may want to see (info).
public struct Finding: Hashable, Sendable {
    /// Rule id, e.g. `sum.total`, `identity.rr-br-result`.
    public var rule: String
    public var severity: Severity
    /// Swedish.
    public var message: String
    /// English, for `--lang en`.
    public var messageEN: String?
    public var expected: Decimal?
    public var actual: Decimal?
    public var difference: Decimal?
    /// The first location is the one to look at (the total); the rest are its items or the other statement.
    public var locations: [SourceLocation]
    /// The document the finding belongs to (index into the batch), nil for cross-document findings.
    public var documentSource: String?

    public init(
        rule: String, severity: Severity, message: String, messageEN: String? = nil, expected: Decimal? = nil,
        actual: Decimal? = nil, difference: Decimal? = nil, locations: [SourceLocation], documentSource: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.messageEN = messageEN
        self.expected = expected
        self.actual = actual
        self.difference = difference
        self.locations = locations
        self.documentSource = documentSource
    }
}

/// An input that could not be read at all, or not in part.
public struct InputError: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let line, line > 0, let column { place += ":\(column + 1)" }
        return "\(place): \(message)"
    }
}
