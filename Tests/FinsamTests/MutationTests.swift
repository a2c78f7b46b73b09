import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamRules

/// Change any single figure inside a table that adds up and the engine must report an error at that table.
/// Every such figure is tried, in the real reports and in the samples: the figures the table rules found
/// consistent (each total and item, difference, ratio and column total). Only the rule stage runs per
/// change: the table's structure is inferred again from the changed figures, as it would be had they been
/// printed so.
@Suite("Mutation: every figure that adds up is guarded")
struct MutationTests {
    struct Outcome {
        var tried = 0
        var missed: [String] = []
    }

    /// The figure moved by 97 units of the coarsest printed digit of its column: well beyond any rounding
    /// (a reserve printed in whole millions beside results in thousands makes the sum that coarse), and no
    /// likely innocent coincidence.
    static func mutated(_ cell: Cell, column: Column, coarsest: Int? = nil) -> Cell {
        let unit = Decimal(1).shifted(by: -min(cell.decimals, coarsest ?? cell.decimals))
        let value = cell.value + 97 * unit
        let text: String
        if cell.text.hasSuffix("%") {
            text = Format.grouped(value.shifted(by: 2).rounded(max(0, cell.decimals - 2))) + "%"
        } else {
            text = Format.grouped(value.shifted(by: -column.scale.exponent))
        }
        return Cell(value: value, text: text, decimals: cell.decimals, column: cell.column)
    }

    static func run(_ doc: Document, engine: RuleEngine) -> Outcome {
        var outcome = Outcome()
        for t in doc.tables.indices {
            let covered = engine.checkTable(doc, tableIndex: t).covered
            let table = doc.tables[t]
            let lines = table.rows.map(\.source.line)
            guard let first = lines.min(), let last = lines.max() else { continue }
            for ref in covered.sorted() {
                guard let cell = table.rows[ref.row].cells[ref.column] else { continue }
                var changed = doc
                let coarsest = table.rows.compactMap { $0.cells[ref.column]?.decimals }.min()
                changed.tables[t].rows[ref.row].cells[ref.column] = mutated(cell, column: table.columns[ref.column], coarsest: coarsest)
                // A ledger's statements are structured by its chart of accounts, not inferred from figures.
                if doc.format != .sie4 && doc.format != .sie5 {
                    changed.tables[t].totals = TotalInference.links(in: changed.tables[t])
                }
                let findings = engine.checkTable(changed, tableIndex: t).findings
                outcome.tried += 1
                let caught = findings.contains { f in
                    f.severity == .error && f.locations.contains { $0.file == table.source.file && (first...last).contains($0.line) }
                }
                if !caught {
                    outcome.missed.append("\(table.source.file):\(table.rows[ref.row].source.line) kolumn \(ref.column) ”\(cell.text)” i ”\(table.title)”")
                }
            }
        }
        return outcome
    }

    /// Figures of each real report that take part in sums, differences and ratios: at least this many.
    static let realMinimum = [
        "samsund-delarsrapport-2023-06-30.txt": 40, "samsund-verksamhetsplan-2024.txt": 90,
        "lekeberg-orebro-delarsredovisning-2023-06-30.txt": 180, "ostra-sodertorn-arsredovisning-2023.txt": 210,
        "uppsala-lan-styrelsekallelse-2024-10-24.txt": 780,
    ]

    @Test(arguments: FixtureReports.all.map(\.file))
    func theRealReports(_ file: String) throws {
        guard let spec = FixtureReports.all.first(where: { $0.file == file }), let raw = try spec.document() else {
            print(Repo.sharedMissing)
            return
        }
        let o = MutationTests.run(Stages.map(raw), engine: RuleEngine(mappings: Stages.mappings))
        print("\(file): \(o.tried) figures changed one at a time")
        #expect(o.tried >= MutationTests.realMinimum[file] ?? 1, "tried \(o.tried)")
        #expect(o.missed.isEmpty, "\(o.missed.count) of \(o.tried) changes not caught:\n\(o.missed.prefix(40).joined(separator: "\n"))")
    }

    @Test func theSamplesAndTheTestReport() throws {
        let engine = RuleEngine(mappings: Stages.mappings)
        let samples = try Repo.pipeline().run(paths: [Repo.samples])
        var docs = samples.documents
        docs.append(Stages.map(Report().document))
        var total = Outcome()
        for doc in docs {
            let o = MutationTests.run(doc, engine: engine)
            total.tried += o.tried
            total.missed += o.missed
        }
        #expect(total.tried > 150, "tried \(total.tried)")
        #expect(total.missed.isEmpty, "\(total.missed.count) of \(total.tried) changes not caught:\n\(total.missed.prefix(40).joined(separator: "\n"))")
    }

    @Test func theCoverageReachesEveryFigureOfAStatementThatAddsUp() throws {
        // What counts as guarded is what the rules found consistent; for a statement whose every line is in
        // a sum, that must be every figure.
        let doc = Stages.map(Report().document)
        let engine = RuleEngine(mappings: Stages.mappings)
        for (t, table) in doc.tables.enumerated() where [TableKind.resultatrakning, .balansrakning, .kassaflodesanalys].contains(table.kind) {
            let covered = engine.checkTable(doc, tableIndex: t).covered
            let figures = table.rows.indices.flatMap { r in table.columns.indices.compactMap { c in table.rows[r].cells[c] == nil ? nil : CellRef(table: t, row: r, column: c) } }
            #expect(Set(figures).subtracting(covered).isEmpty, "\(table.title): \(Set(figures).subtracting(covered).count) figures unguarded")
        }
    }
}
