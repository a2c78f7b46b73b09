import Foundation
import FinsamModel

/// Which rows each total sums, inferred from layout and arithmetic (see `StructureParser`). Runs before
/// concepts are assigned, so the mapping can name a total by its structure, the rules can check it and the
/// workbook can write it as a formula.
public enum TotalInference {
    public static func links(in table: Table) -> [TotalLink] {
        var parser = StructureParser(table: table)
        return parser.run()
    }

    /// `links(in:)` with each row's `LabelFacts` already looked up (in row order).
    static func links(in table: Table, facts: [LabelFacts]) -> [TotalLink] {
        var parser = StructureParser(table: table, facts: facts)
        return parser.run()
    }

    /// Consumes the document so that, passed the last copy, its tables are changed in place.
    public static func annotate(_ document: consuming Document) -> Document {
        var doc = consume document
        for t in doc.tables.indices { doc.tables[t].totals = links(in: doc.tables[t]) }
        return doc
    }
}
