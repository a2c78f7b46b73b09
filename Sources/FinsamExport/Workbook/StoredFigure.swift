import Foundation
import FinsamModel

/// What the cell of a printed figure holds: kronor for an amount (a `1 563` in a tkr table is 1 563 000, shown in
/// thousands by its format); a count or ratio that a table of thousands prints (`Antal anställda 5` under TSEK)
/// as its fact reads it, unscaled, so the cell is not five thousand employees.
enum StoredFigure {
    static func value(_ cell: Cell, column: Column, fact: Fact?) -> (value: Decimal, unscaled: Bool) {
        value(cell, column: column, unit: fact?.unit, factValue: { fact!.value })
    }

    /// The same from the fact's unit and value alone (the sheet writer looks them up without copying the fact).
    static func value(_ cell: Cell, column: Column, unit: MeasureUnit?, factValue: () -> Decimal) -> (value: Decimal, unscaled: Bool) {
        if let unit, unit != .sek, column.unit == .sek, column.scale != .kr {
            let unscaled = cell.value.shifted(by: -column.scale.exponent)
            let value = factValue()
            if value == unscaled || value == -unscaled { return (unscaled, true) }
        }
        return (cell.value, false)
    }
}
