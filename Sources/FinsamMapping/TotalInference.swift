import Foundation
import FinsamModel

/// Which rows each total sums, inferred from layout (and, where layout is unclear, arithmetic). Runs before
/// concepts are assigned, so the mapping can name a total by its structure, the rules can check it and the
/// workbook can write it as a formula.
public enum TotalInference {
    /// Regex values are immutable once built; they are only read here.
    nonisolated(unsafe) static let totalLabel = /(?i)^(summa|totalt|s:a|s\.a\.?)\b.*/

    /// A `Summa`/`Totalt`/`S:a` row totals the rows with figures above it, back to the previous header or total.
    public static func links(in table: Table) -> [TotalLink] {
        var links: [TotalLink] = []
        var start = 0
        for (r, row) in table.rows.enumerated() {
            if row.isHeader { start = r + 1; continue }
            guard row.label.wholeMatch(of: totalLabel) != nil else { continue }
            let items = (start..<r).filter { !table.rows[$0].isHeader }
            if !items.isEmpty { links.append(TotalLink(total: r, items: items.map { SignedRow(row: $0) })) }
            start = r + 1
        }
        return links
    }

    public static func annotate(_ document: Document) -> Document {
        var doc = document
        for t in doc.tables.indices { doc.tables[t].totals = links(in: doc.tables[t]) }
        return doc
    }
}
