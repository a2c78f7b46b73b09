import Foundation
import FinsamModel

/// A figure as printed, before the table's unit and comma reading are decided.
struct RawCell {
    var number: PrintedNumber
    /// Tab-separated field index in the source line.
    var field: Int
    /// The figure's digits as one integer (the comma ignored: the magnitude is `digits` × 10^-fractionDigits),
    /// where the byte parser read them; nil otherwise.
    var digits: UInt64? = nil
}

/// A column of figures, before the unit is decided.
struct RawColumn {
    var header: String
    var group: String?
    var meaning: ColumnMeaning
    /// Field index (after aligning) the column's figures stand in.
    var slot: Int
    /// For a column split from `Positivt (Klart positivt)`: 0 the figure, 1 the one in parentheses.
    var pairPart: Int?
}

struct RawRow {
    var line: ReportLine
    var label: String
    var labelField: Int
    var qualifier: String?
    var remark: String?
    var noteRefs: [String]
    var style: RowStyle
    var cells: [RawCell?]
    var period: Period?
    /// Why the label is not the one printed on the line (continued from the row above, owner row).
    var labelNote: String?

    var hasCells: Bool { cells.contains { $0 != nil } }
}

struct RawTable {
    var title: String
    var titleLine: Int?
    var noteNumber: String?
    var columns: [RawColumn]
    var rows: [RawRow]
    var readingNotes: [String]
    /// Unit named by the table's title, label header or the lines above it.
    var tableScale: (scale: PrintedScale, reason: String)?
    var context: [String]
    var firstLine: Int
}
