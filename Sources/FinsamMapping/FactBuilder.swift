import Foundation
import FinsamModel

/// The mapping stage: gives rows their concepts, turns cells into facts in natural sign, and lists every
/// number-bearing row that no rule covers.
public struct FactBuilder: Sendable {
    public let mappings: MappingSet
    let mapper: LabelMapper

    public init(mappings: MappingSet) {
        self.mappings = mappings
        self.mapper = LabelMapper(rules: mappings.labelRules)
    }

    public func map(_ document: Document) -> Document {
        var doc = document
        doc.facts = []
        doc.unmapped = []
        for t in doc.tables.indices {
            for r in doc.tables[t].rows.indices {
                let row = doc.tables[t].rows[r]
                guard row.concept == nil else { continue }
                if let m = mapper.match(label: row.label, table: doc.tables[t].kind) {
                    doc.tables[t].rows[r].concept = m.concept
                    doc.tables[t].rows[r].member = m.member ?? row.member
                    doc.tables[t].rows[r].mappingNote = m.how
                }
            }
            let table = doc.tables[t]
            let flips = signFlips(table)
            for (r, row) in table.rows.enumerated() {
                let values = row.cells.compactMap { $0 }
                if values.isEmpty { continue }
                guard let concept = row.concept, let def = mappings.concepts[concept] else {
                    doc.unmapped.append(UnmappedRow(label: row.label, values: values.map(\.text), source: row.source, table: table.title))
                    continue
                }
                for (c, cell) in row.cells.enumerated() {
                    guard let cell else { continue }
                    let column = table.columns[c]
                    var value = cell.value
                    var unit = def.unit ?? column.unit
                    if cell.text.hasSuffix("%") { unit = .pure }
                    if unit == .sek, def.sign == .positive, flips[c].contains(def.balance?.rawValue ?? "") { value = -value }
                    let period = FactBuilder.period(for: def, column: column, document: doc)
                    doc.facts.append(
                        Fact(
                            concept: concept, member: row.member, label: row.label, table: table.title,
                            scenario: column.scenario, period: period, value: value, unit: unit, decimals: cell.decimals,
                            source: SourceLocation(file: row.source.file, line: row.source.line, column: cell.column),
                            tableIndex: t, rowIndex: r, columnIndex: c, noteRefs: row.noteRefs))
                }
            }
        }
        return doc
    }

    /// Per column: the balance kinds (`debit`, `credit`) this table prints with a minus sign. A cost printed
    /// `-25 275 195` among negative costs is a cost of 25 275 195; a positive one among them is a reversal.
    func signFlips(_ table: Table) -> [Set<String>] {
        table.columns.indices.map { c in
            var negative: [String: Int] = [:]
            var positive: [String: Int] = [:]
            for row in table.rows {
                guard let concept = row.concept, let def = mappings.concepts[concept], def.sign == .positive,
                      let balance = def.balance?.rawValue, let cell = row.cells[c], cell.value != 0
                else { continue }
                if cell.value < 0 { negative[balance, default: 0] += 1 } else { positive[balance, default: 0] += 1 }
            }
            return Set(negative.keys.filter { negative[$0, default: 0] > positive[$0, default: 0] })
        }
    }

    /// Completes a column's printed period from the concept: a flow headed `2023-06-30` runs from the start of
    /// the document's period (or the year); a balance headed `2023-01-01 -2023-12-31` is at its end.
    static func period(for def: ConceptDefinition, column: Column, document: Document) -> Period {
        let printed = column.period ?? document.period
        switch def.period {
        case .instant:
            return .instant(printed.end)
        case .duration:
            if let start = printed.start { return Period(start: start, end: printed.end) }
            if let docStart = document.period.start, document.period.end == printed.end {
                return Period(start: docStart, end: printed.end)
            }
            return Period(start: Day(year: printed.end.year, month: 1, day: 1), end: printed.end)
        }
    }
}
