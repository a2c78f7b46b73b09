import Foundation

/// Where the `Fakta` table goes (`--facts`): sheets in the workbook, or a CSV file beside it. A national batch
/// has about half a million facts: as a sheet that is most of the workbook's cells, seconds to write, a gigabyte
/// held by libxlsxwriter until the file is closed, and a slow sheet in Excel; as CSV it streams.
public enum FactsPlacement: String, Sendable, CaseIterable {
    /// A sheet up to `autoSheetLimit` facts, a CSV file above.
    case auto
    case sheet
    case csv

    /// The most facts `auto` still puts on a sheet.
    public static let autoSheetLimit = 100_000

    /// True when the facts go to a CSV file, given how many there are and whether a CSV path is known.
    /// `auto` without a path keeps the sheet: the facts are never dropped for want of a file name.
    public func usesCSV(facts: Int, hasPath: Bool) -> Bool {
        switch self {
        case .sheet: false
        case .csv: hasPath
        case .auto: hasPath && facts > FactsPlacement.autoSheetLimit
        }
    }

    /// `auto` with a CSV file named (`--facts-csv`) is `csv`: a file asked for by name is written.
    public func resolved(csvNamed: Bool) -> FactsPlacement {
        self == .auto && csvNamed ? .csv : self
    }

    /// The CSV file for the facts: `explicit` (`--facts-csv`) when given, else beside the workbook
    /// (`ut/finsam.xlsx` → `ut/finsam-fakta.csv`). None without a workbook, or when the JSON goes to standard
    /// out (a pipeline then gets no file it did not ask for).
    public static func csvPath(workbook: String?, json: String?, explicit: String?) -> String? {
        if let explicit { return explicit }
        guard let workbook, json != "-" else { return nil }
        var stem = workbook
        if stem.lowercased().hasSuffix(".xlsx") { stem.removeLast(5) }
        return stem + "-fakta.csv"
    }

    /// How the workbook names the CSV file: its name alone when it lies beside the workbook, else the path.
    static func displayName(csv: String, workbook: String) -> String {
        let c = URL(fileURLWithPath: csv).standardizedFileURL
        let w = URL(fileURLWithPath: workbook).standardizedFileURL
        return c.deletingLastPathComponent() == w.deletingLastPathComponent() ? c.lastPathComponent : csv
    }
}

/// The CSV file holding the facts, as the workbook mentions it.
struct FactsFile: Sendable {
    var name: String
    var rows: Int
}
