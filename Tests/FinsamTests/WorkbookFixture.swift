import Foundation
@testable import FinsamExport
@testable import FinsamModel

/// A small batch built directly in the model (no reader involved), so the workbook tests depend only on the
/// model: two organisations, one with an annual report (a sum that does not add up, a tkr budget table, a
/// participant table), one with an interim report and a plan.
enum WorkbookFixture {
    static let alfa = "rapporter/alfa-arsredovisning-2024.txt"
    static let betaInterim = "rapporter/beta-delarsrapport-2024.txt"
    static let betaPlan = "rapporter/beta-verksamhetsplan-2025.txt"
    static let broken = "rapporter/trasig.txt"

    static func year(_ y: Int) -> Period { Period(start: Day(year: y, month: 1, day: 1), end: Day(year: y, month: 12, day: 31)!) }
    static func at(_ y: Int, _ m: Int, _ d: Int) -> Period { .instant(Day(year: y, month: m, day: d)!) }

    /// A row spec: label, concept (nil for unmapped or a header), printed figures (nil = empty), whether the
    /// report prints the concept with the opposite of its natural sign, style.
    struct R {
        var label: String
        var concept: String?
        var figures: [String?]
        var flip = false
        var bold = false
    }

    /// Builds a table and its facts. Line numbers run from `firstLine`; figures sit in tab fields 1, 2, ….
    static func table(
        _ title: String, kind: TableKind, file: String, firstLine: Int, columns: [Column], rows: [R],
        totals: [TotalLink] = [], tableIndex: Int, facts: inout [Fact], unmapped: inout [UnmappedRow]
    ) -> Table {
        var out: [Row] = []
        for (r, spec) in rows.enumerated() {
            let line = firstLine + 1 + r
            var cells: [Cell?] = []
            for (c, text) in spec.figures.enumerated() {
                guard let text else { cells.append(nil); continue }
                let column = columns[c]
                let printed = Decimal(string: text.replacingOccurrences(of: " ", with: ""))!
                let value = printed.shifted(by: column.scale.exponent)
                cells.append(Cell(value: value, text: text, decimals: -column.scale.exponent, column: c + 1))
            }
            let row = Row(label: spec.label, style: spec.bold ? [.bold] : [], cells: cells,
                          source: SourceLocation(file: file, line: line, column: 0), concept: spec.concept)
            out.append(row)
            guard cells.contains(where: { $0 != nil }) else { continue }
            guard let concept = spec.concept else {
                unmapped.append(UnmappedRow(label: spec.label, values: cells.compactMap { $0?.text }, source: row.source, table: title))
                continue
            }
            for (c, cell) in cells.enumerated() {
                guard let cell else { continue }
                let column = columns[c]
                facts.append(Fact(
                    concept: concept, member: column.member, label: spec.label, table: title, scenario: column.scenario,
                    period: column.period!, value: spec.flip ? -cell.value : cell.value, unit: column.unit,
                    decimals: cell.decimals, source: SourceLocation(file: file, line: line, column: cell.column),
                    tableIndex: tableIndex, rowIndex: r, columnIndex: c))
            }
        }
        return Table(title: title, kind: kind, columns: columns, rows: out,
                     source: SourceLocation(file: file, line: firstLine), totals: totals)
    }

    static func alfaDocument() -> Document {
        var facts: [Fact] = []
        var unmapped: [UnmappedRow] = []
        let y24 = year(2024), y23 = year(2023)
        let rr = table("Resultaträkning", kind: .resultatrakning, file: alfa, firstLine: 10,
            columns: [Column(header: "2024", scenario: .utfall, period: y24), Column(header: "2023", scenario: .utfall, period: y23)],
            rows: [
                R(label: "Verksamhetens intäkter", concept: "VerksamhetensIntakter", figures: ["1 000 000", "900 000"]),
                R(label: "Verksamhetens kostnader", concept: "VerksamhetensKostnader", figures: ["-800 000", "-850 000"], flip: true),
                R(label: "Årets resultat", concept: "AretsResultat", figures: ["200 000", "50 000"], bold: true),
            ],
            totals: [TotalLink(total: 2, items: [SignedRow(row: 0), SignedRow(row: 1)])],
            tableIndex: 0, facts: &facts, unmapped: &unmapped)
        let br = table("Balansräkning", kind: .balansrakning, file: alfa, firstLine: 20,
            columns: [Column(header: "2024-12-31", scenario: .utfall, period: at(2024, 12, 31)),
                      Column(header: "2023-12-31", scenario: .utfall, period: at(2023, 12, 31))],
            rows: [
                R(label: "Tillgångar", concept: nil, figures: [nil, nil]),
                R(label: "Fordringar", concept: "Fordringar", figures: ["100 000", "90 000"]),
                R(label: "Kassa och bank", concept: "KassaBank", figures: ["400 000", "300 000"]),
                R(label: "Summa tillgångar", concept: "SummaTillgangar", figures: ["510 000", "390 000"], bold: true),
                R(label: "Eget kapital", concept: "EgetKapital", figures: ["250 000", "200 000"]),
                R(label: "Kortfristiga skulder", concept: "KortfristigaSkulder", figures: ["250 000", "190 000"]),
                R(label: "Summa eget kapital och skulder", concept: "SummaEgetKapitalAvsattningarSkulder", figures: ["500 000", "390 000"], bold: true),
                R(label: "Ställda säkerheter", concept: nil, figures: ["0", "0"]),
            ],
            totals: [TotalLink(total: 3, items: [SignedRow(row: 1), SignedRow(row: 2)]),
                     TotalLink(total: 6, items: [SignedRow(row: 4), SignedRow(row: 5)])],
            tableIndex: 1, facts: &facts, unmapped: &unmapped)
        var budget = table("Budget och utfall 2024", kind: .budget, file: alfa, firstLine: 40,
            columns: [Column(header: "Budget 2024", scenario: .budget, period: y24, scale: .tkr),
                      Column(header: "Utfall 2024", scenario: .utfall, period: y24, scale: .tkr),
                      Column(header: "Differens", scenario: .differens, period: y24, scale: .tkr)],
            // Differences budget − utfall, income the other way round (utfall − budget), and one wrong (30).
            rows: [
                R(label: "Medlemsavgifter", concept: "Medlemsavgifter", figures: ["600", "600", "0"]),
                R(label: "Kansli och styrelse", concept: "AdministrationKostnader", figures: ["300", "250", "50"]),
                R(label: "Insatser", concept: "KostnaderInsatser", figures: ["500", "550", "30"]),
                R(label: "Summa kostnader", concept: "VerksamhetensKostnader", figures: ["800", "800", "0"], bold: true),
                R(label: "Övriga intäkter", concept: "OvrigaIntakter", figures: ["100", "120", "20"]),
            ],
            totals: [TotalLink(total: 3, items: [SignedRow(row: 1), SignedRow(row: 2)])],
            tableIndex: 2, facts: &facts, unmapped: &unmapped)
        budget.readingNotes = ["belopp i tkr enligt rubriken", "kolumn 3: differens mellan kolumn 1 och 2"]
        let people = table("Deltagare 2024", kind: .deltagare, file: alfa, firstLine: 50,
            columns: [Column(header: "Kvinnor", scenario: .utfall, period: y24, unit: .personer, member: "Kvinnor"),
                      Column(header: "Män", scenario: .utfall, period: y24, unit: .personer, member: "Män"),
                      Column(header: "Totalt", scenario: .utfall, period: y24, unit: .personer)],
            rows: [
                R(label: "Inskrivna", concept: "DeltagareInskrivna", figures: ["10", "8", "18"]),
                R(label: "Avslutade", concept: "DeltagareAvslutade", figures: ["5", "4", "9"]),
                R(label: "varav till arbete eller studier", concept: "DeltagareAvslutadeArbeteStudier", figures: ["2", "1", "3"]),
            ],
            tableIndex: 3, facts: &facts, unmapped: &unmapped)
        return Document(
            source: alfa, format: .textReport, organisation: Organisation(name: "Samordningsförbundet Alfa", orgnr: "222000-0001"),
            kind: .arsredovisning, period: y24, title: "Årsredovisning 2024", tables: [rr, br, budget, people],
            facts: facts, unmapped: unmapped, sha256: String(repeating: "ab", count: 32))
    }

    static func betaInterimDocument() -> Document {
        var facts: [Fact] = []
        var unmapped: [UnmappedRow] = []
        let half = Period(start: Day(year: 2024, month: 1, day: 1), end: Day(year: 2024, month: 6, day: 30)!)
        let rr = table("Resultaträkning", kind: .resultatrakning, file: betaInterim, firstLine: 5,
            columns: [Column(header: "Utfall per 2024-06-30", scenario: .utfall, period: half)],
            rows: [
                R(label: "Verksamhetens intäkter", concept: "VerksamhetensIntakter", figures: ["3 000 000"]),
                R(label: "Verksamhetens kostnader", concept: "VerksamhetensKostnader", figures: ["-2 600 000"], flip: true),
                R(label: "Periodens resultat", concept: "AretsResultat", figures: ["400 000"], bold: true),
            ],
            totals: [TotalLink(total: 2, items: [SignedRow(row: 0), SignedRow(row: 1)])],
            tableIndex: 0, facts: &facts, unmapped: &unmapped)
        return Document(
            source: betaInterim, format: .textReport, organisation: Organisation(name: "Samordningsförbundet BETA"),
            kind: .delarsrapport, period: half, title: "Delårsrapport januari–juni 2024", tables: [rr], facts: facts,
            unmapped: unmapped, sha256: String(repeating: "cd", count: 32))
    }

    static func betaPlanDocument() -> Document {
        var facts: [Fact] = []
        var unmapped: [UnmappedRow] = []
        let rr = table("Budget 2025", kind: .budget, file: betaPlan, firstLine: 8,
            columns: [Column(header: "Budget 2025", scenario: .budget, period: year(2025), scale: .tkr)],
            rows: [
                R(label: "Intäkter", concept: "VerksamhetensIntakter", figures: ["6 100"]),
                R(label: "Kostnader", concept: "VerksamhetensKostnader", figures: ["6 400"]),
                R(label: "Resultat", concept: "AretsResultat", figures: ["-300"], bold: true),
            ],
            totals: [TotalLink(total: 2, items: [SignedRow(row: 0), SignedRow(row: 1, sign: -1)])],
            tableIndex: 0, facts: &facts, unmapped: &unmapped)
        return Document(
            source: betaPlan, format: .textReport, organisation: Organisation(name: "Samordningsförbundet Beta"),
            kind: .verksamhetsplan, period: year(2025), title: "Verksamhetsplan 2025", tables: [rr], facts: facts,
            unmapped: unmapped, sha256: String(repeating: "ef", count: 32))
    }

    /// The sum that does not add up (Alfa's total assets 2024, line 24, field 1), a finding about a line outside
    /// every table, and one across Beta's two documents.
    static func findings() -> [Finding] {
        [
            Finding(rule: "sum.total", severity: .error,
                    message: "Summa tillgångar (rad 24) är 510 000 men posterna rad 22–23 summerar till 500 000 (differens 10 000)",
                    expected: 500_000, actual: 510_000, difference: 10_000,
                    locations: [SourceLocation(file: alfa, line: 24, column: 1), SourceLocation(file: alfa, line: 22, column: 0),
                                SourceLocation(file: alfa, line: 23, column: 0)],
                    documentSource: alfa),
            Finding(rule: "text.note", severity: .info, message: "En upplysning om rad 3", locations: [SourceLocation(file: alfa, line: 3)],
                    documentSource: alfa),
            Finding(rule: "cross.result", severity: .warning,
                    message: "Periodens resultat 400 000 skiljer sig från planens resultat -300 000",
                    expected: -300_000, actual: 400_000, difference: 700_000,
                    locations: [SourceLocation(file: betaInterim, line: 8, column: 1), SourceLocation(file: betaPlan, line: 11, column: 1)]),
        ]
    }

    static func batch() -> WorkbookBatch {
        WorkbookBatch(
            documents: [alfaDocument(), betaInterimDocument(), betaPlanDocument()], findings: findings(),
            errors: [InputError(file: broken, line: 7, message: "okänt format: varken textrapport, SIE 4 eller SIE 5")],
            files: [alfa, betaInterim, betaPlan, broken],
            hashes: [alfa: String(repeating: "ab", count: 32), broken: String(repeating: "00", count: 32)])
    }
}
