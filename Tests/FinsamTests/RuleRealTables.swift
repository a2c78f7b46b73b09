import Foundation
@testable import FinsamModel

/// The tables of the real reports in `../shared/reports`, taken by line range with their columns declared
/// here, so the rules are tested on the real figures whatever the state of the text-report reader. Only the
/// layout is given: labels, figures, bold and owners come from the files.
struct FixtureTable {
    enum Layout {
        /// The figures are the last fields of the line, unless the line ends with an empty field; then they
        /// follow the label and any text fields (owner, note).
        case auto
        /// The figures start at this field.
        case from(Int)
    }

    var title: String
    var kind: TableKind = .other
    var note: String? = nil
    var lines: ClosedRange<Int>
    var columns: [Column]
    var layout: Layout = .auto
    /// `12,094` in a TSEK table is twelve thousand and ninety-four.
    var thousandsComma = false
}

struct FixtureDocument {
    var file: String
    var organisation: Organisation
    var kind: DocumentKind
    var period: String
    var tables: [FixtureTable]

    var path: String? { Repo.sharedReports.map { ($0 as NSString).appendingPathComponent(file) } }

    func document() throws -> Document? {
        guard let path, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.components(separatedBy: "\n")
        let tables = tables.map { FixtureDocument.read($0, lines: lines, file: path) }
        return Document(source: path, format: .textReport, organisation: organisation, kind: kind, period: TableText.period(period), tables: tables)
    }

    static func strip(_ field: String) -> (String, Bool) {
        var out = field
        let bold = out.contains("<b>") || out.contains("**")
        while let open = out.range(of: "<"), let close = out.range(of: ">", range: open.upperBound..<out.endIndex) {
            out.removeSubrange(open.lowerBound..<close.upperBound)
        }
        out = out.replacingOccurrences(of: "**", with: "")
        return (out.trimmingCharacters(in: .whitespaces), bold)
    }

    static func isFigure(_ s: String) -> Bool { s.isEmpty || s == "-" || TableText.number(s) != nil }

    static func read(_ spec: FixtureTable, lines: [String], file: String) -> Table {
        var rows: [Row] = []
        let k = spec.columns.count
        for n in spec.lines {
            let raw = lines[n - 1]
            guard raw.contains("\t") else { continue }
            var fields = raw.components(separatedBy: "\t").map(strip)
            let bold = fields.contains { $0.1 }
            // A remark right of the figures (`Beviljades medel 2024`) is not one of them.
            while let last = fields.last, !isFigure(last.0), fields.count > k + 1 { fields.removeLast() }
            let texts = fields.map(\.0)
            let labelIndex = texts.indices.first { !texts[$0].isEmpty && !isFigure(texts[$0]) } ?? 0
            var start: Int
            switch spec.layout {
            case .from(let f): start = f
            case .auto:
                if texts.last?.isEmpty == true && texts.count > k + 1 {
                    start = labelIndex + 1
                    while start < texts.count && !texts[start].isEmpty && !isFigure(texts[start]) { start += 1 }
                } else {
                    start = max(labelIndex + 1, texts.count - k)
                }
            }
            var cells: [Cell?] = []
            for c in 0..<k {
                let f = start + c
                cells.append(f < texts.count ? TableText.cell(texts[f], column: spec.columns[c], index: f, thousandsComma: spec.thousandsComma) : nil)
            }
            var qualifier: String?
            var notes: [String] = []
            for f in (labelIndex + 1)..<max(labelIndex + 1, min(start, texts.count)) where !texts[f].isEmpty {
                if let m = texts[f].wholeMatch(of: /(?i)(not\s*)?(\d+(\s*,\s*\d+)*)/) {
                    notes = m.2.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                } else {
                    qualifier = texts[f]
                }
            }
            let label = labelIndex < start ? texts[labelIndex] : ""
            rows.append(Row(label: label, qualifier: qualifier, noteRefs: notes, style: bold ? .bold : [], cells: cells,
                            source: SourceLocation(file: file, line: n, column: labelIndex)))
        }
        return Table(title: spec.title, kind: spec.kind, noteNumber: spec.note, columns: spec.columns, rows: rows,
                     source: SourceLocation(file: file, line: spec.lines.lowerBound - 1))
    }
}

/// Column shorthands for the fixtures.
private func c(_ header: String, _ scenario: Scenario, _ period: String, _ scale: PrintedScale = .kr, unit: MeasureUnit = .sek) -> Column {
    TableText.column(header, scenario, period, scale: scale, unit: unit)
}

private let h1_2023 = "2023-01-01..2023-06-30"
private let h1_2024 = "2024-01-01..2024-06-30"

enum FixtureReports {
    static let samsundInterim = FixtureDocument(
        file: "samsund-delarsrapport-2023-06-30.txt", organisation: Organisation(name: "Samordningsförbundet Samsund"),
        kind: .delarsrapport, period: h1_2023, tables: [
            FixtureTable(title: "Ekonomisk redovisning", kind: .budget, lines: 89...111,
                      columns: [c("Budget 2023", .budget, "2023"), c("Utfall per 2023-06-30", .utfall, h1_2023)]),
            FixtureTable(title: "Helårsprognos", kind: .prognos, lines: 118...136, columns: [c("Prognos 2023", .prognos, "2023")]),
        ])

    static let samsundPlan = FixtureDocument(
        file: "samsund-verksamhetsplan-2024.txt", organisation: Organisation(name: "Samordningsförbundet Samsund"),
        kind: .verksamhetsplan, period: "2024", tables: [
            FixtureTable(title: "Budget 2024 - 2026", kind: .budget, lines: 164...186, columns: [
                c("Budget 2023", .budget, "2023", .tkr), c("Prognos 2023", .prognos, "2023", .tkr), c("Budget 2024", .budget, "2024", .tkr),
                c("Budget 2025", .budget, "2025", .tkr), c("Budget 2026", .budget, "2026", .tkr),
            ]),
        ])

    static let lekeberg = FixtureDocument(
        file: "lekeberg-orebro-delarsredovisning-2023-06-30.txt",
        organisation: Organisation(name: "Finsam Lekeberg Örebro", orgnr: "222000-2493"), kind: .delarsrapport, period: h1_2023,
        tables: {
            let flows = [c("2023-01-01 -2023-06-30", .utfall, h1_2023), c("2022-01-01 -2022-12-31", .utfall, "2022")]
            let balances = [c("2023-06-30", .utfall, "2023-06-30"), c("2022-12-31", .utfall, "2022-12-31")]
            return [
                FixtureTable(title: "Resultaträkning", kind: .resultatrakning, lines: 221...227, columns: flows),
                FixtureTable(title: "Balansräkning", kind: .balansrakning, lines: 232...252, columns: balances),
                FixtureTable(title: "Not 2 Verksamhetens intäkter", kind: .not, note: "2", lines: 263...268, columns: flows),
                FixtureTable(title: "Not 3 Verksamhetens kostnader", kind: .not, note: "3", lines: 273...279, columns: flows),
                FixtureTable(title: "Not 4 Övriga fordringar", kind: .not, note: "4", lines: 284...285, columns: balances),
                FixtureTable(title: "Not 5 Avsatt till pensioner", kind: .not, note: "5", lines: 290...292, columns: balances),
                FixtureTable(title: "Not 6 Kortfristiga skulder", kind: .not, note: "6", lines: 297...307, columns: balances),
                FixtureTable(title: "Prognos 2023", kind: .prognos, lines: 314...339, columns: [
                    c("Budget Helår 2023", .budget, "2023"), c("Utfall Halvår 2023", .utfall, h1_2023), c("Prognos Helår 2023", .prognos, "2023"),
                    c("Differens budget-prognos", .differens, "2023"),
                ]),
            ]
        }())

    static let ostraSodertorn = FixtureDocument(
        file: "ostra-sodertorn-arsredovisning-2023.txt", organisation: Organisation(name: "Samordningsförbundet Östra Södertörn"),
        kind: .arsredovisning, period: "2023",
        tables: {
            let years = [c("2023-01-01 -2023-12-31", .utfall, "2023"), c("2022-01-01 -2022-12-31", .utfall, "2022")]
            let balances = [c("2023-12-31", .utfall, "2023-12-31"), c("2022-12-31", .utfall, "2022-12-31")]
            return [
                FixtureTable(title: "Verksamhetens ekonomi i jämförelse med tidigare år", kind: .flerarsoversikt, lines: 247...252,
                          columns: ["2023", "2022", "2021", "2020", "2019"].map { c($0, .utfall, $0) }),
                FixtureTable(title: "Kostnadsfördelning insatser 2023", kind: .driftsredovisning, lines: 471...473, columns: [c("Belopp", .utfall, "2023")]),
                FixtureTable(title: "Sammanställning av budget och utfall 2023", kind: .budget, lines: 484...505,
                          columns: [c("Budget 2023", .budget, "2023"), c("Utfall 2023", .utfall, "2023"), c("Differens", .differens, "2023")]),
                FixtureTable(title: "Resultaträkning", kind: .resultatrakning, lines: 533...541, columns: years),
                FixtureTable(title: "Balansräkning", kind: .balansrakning, lines: 551...572, columns: balances),
                FixtureTable(title: "Kassaflödesanalys", kind: .kassaflodesanalys, lines: 577...587, columns: years),
                FixtureTable(title: "Not 2. Verksamhetens intäkter", kind: .not, note: "2", lines: 606...612, columns: years),
                FixtureTable(title: "Not 3. Verksamhetens kostnader", kind: .not, note: "3", lines: 621...625, columns: years),
                FixtureTable(title: "Not 4. Räkenskapsrevision", kind: .not, note: "4", lines: 631...632, columns: years),
                FixtureTable(title: "Not 5. Anläggningstillgångar", kind: .not, note: "5", lines: 637...651, columns: balances),
                FixtureTable(title: "Not 6. Fordringar", kind: .not, note: "6", lines: 656...661, columns: balances),
                FixtureTable(title: "Not 7. Kortfristiga skulder och förutbetalda intäkter", kind: .not, note: "7", lines: 671...677, columns: balances),
            ]
        }())

    static let uppsala = FixtureDocument(
        file: "uppsala-lan-styrelsekallelse-2024-10-24.txt",
        organisation: Organisation(name: "Samordningsförbundet Uppsala län", orgnr: "222000-2576"), kind: .kallelse, period: h1_2024,
        tables: {
            let halves = [c("2024-01-01 2024-06-30", .utfall, h1_2024), c("2023-01-01 2023-06-30", .utfall, h1_2023)]
            let balances = [c("2024-06-30", .utfall, "2024-06-30"), c("2023-06-30", .utfall, "2023-06-30")]
            func note(_ n: String, _ title: String, _ lines: ClosedRange<Int>, _ columns: [Column]) -> FixtureTable {
                FixtureTable(title: "Not \(n) \(title)", kind: .not, note: n, lines: lines, columns: columns)
            }
            let groups = ["Inregistrerade", "Avslutade", "Avslutade hela insatsperioden", "Pågående", "Till arbete eller studier"]
            return [
                FixtureTable(title: "Ekonomisk information, belopp i TSK", kind: .budget, lines: 312...363, columns: [
                    c("Budget 2024", .budget, "2024", .tkr), c("Prognos 2024", .prognos, "2024", .tkr), c("Prel 2025", .budget, "2025", .tkr),
                    c("Prel 2026", .budget, "2026", .tkr), c("Prel 2027", .budget, "2027", .tkr), c("Prel 2028", .budget, "2028", .tkr),
                ]),
                FixtureTable(title: "Översikt över verksamhetens utveckling (TSEK)", kind: .flerarsoversikt, lines: 534...538, columns: [
                    c("2024-06-30", .utfall, h1_2024, .tkr), c("2023-06-30", .utfall, h1_2023, .tkr), c("2022-06-30", .utfall, "2022-01-01..2022-06-30", .tkr),
                    c("2021-06-30", .utfall, "2021-01-01..2021-06-30", .tkr), c("2020-06-30", .utfall, "2020-01-01..2020-06-30", .tkr),
                ], thousandsComma: true),
                FixtureTable(title: "Ekonomisk översikt (belopp i TSEK)", kind: .budget, lines: 874...884, columns: [
                    c("Utfall 2024-06-30", .utfall, h1_2024, .tkr), c("Utfall 2023-06-30", .utfall, h1_2023, .tkr),
                    c("Prognos 2024", .prognos, "2024", .tkr), c("Budget 2024", .budget, "2024", .tkr),
                ]),
                FixtureTable(title: "Balanskravsavstämning", kind: .balanskrav, lines: 899...901,
                          columns: (2008...2023).map { c("\($0)", .utfall, "\($0)", .mkr) } + [c("20240630", .utfall, h1_2024, .tkr)]),
                FixtureTable(title: "Kostnad förtroendevalda och förvaltning, TSEK", lines: 913...916, columns: [
                    c("Utfall 2024-06-30", .utfall, h1_2024, .tkr), c("Utfall 2023-06-30", .utfall, h1_2023, .tkr), c("Budget 2024-12-31", .budget, "2024", .tkr),
                ]),
                FixtureTable(title: "Samverkansinsatser", lines: 924...942, columns: [
                    c("Utfall TSEK 2024-06-30", .utfall, h1_2024, .tkr), c("Utfall TSEK 2023-06-30", .utfall, h1_2023, .tkr),
                    c("Förbrukningskvot mot budget 2024-06-30", .kvot, h1_2024, unit: .pure),
                ], layout: .from(2)),
                FixtureTable(title: "Inriktning insatser 2023 utfall-budget", lines: 946...948, columns: [
                    c("Utfall TSEK 2024-06-30", .utfall, h1_2024, .tkr), c("Utfall TSEK 23-06-30", .utfall, h1_2023, .tkr),
                    c("Förbrukningskvot mot budget, %", .kvot, h1_2024, unit: .pure),
                ]),
                FixtureTable(title: "Resultaträkning", kind: .resultatrakning, lines: 957...975,
                          columns: halves + [c("Prognos 2024-12-31", .prognos, "2024"), c("Budget 2024-12-31", .budget, "2024")]),
                FixtureTable(title: "Balansräkning", kind: .balansrakning, lines: 983...1007, columns: balances + [c("2023-12-31", .utfall, "2023-12-31")]),
                FixtureTable(title: "Kassaflödesanalys", kind: .kassaflodesanalys, lines: 1012...1023, columns: halves),
                note("1", "Rörelseintäkter", 1039...1049, halves + [c("Helår 2024", .budget, "2024")]),
                note("2", "Kostnader för samverkansinsatser", 1051...1064, halves),
                note("3", "Övriga kostnader ESF projekt", 1066...1074, halves),
                note("4", "Övriga driftskostnader", 1079...1083, halves),
                note("5", "Kostnader för personal", 1085...1093, halves),
                note("6", "Finansiella kostnader och intäkter", 1095...1098, halves),
                note("7", "Materiella anläggningstillgångar", 1100...1102, balances),
                note("8", "Kortfristiga fordringar", 1104...1105, balances),
                note("9", "Övriga interimfordringar", 1107...1109, balances),
                note("10", "Kortfristiga placeringar", 1111...1112, balances),
                note("11", "Kassa och bank", 1115...1117, balances),
                note("12", "Övriga kortfristiga skulder", 1119...1122, balances),
                note("13", "Interimsskulder", 1124...1128, balances),
                FixtureTable(title: "Driftsredovisning (belopp i TSEK)", kind: .driftsredovisning, lines: 1135...1166, columns: [
                    c("Budget 2024-06-30", .budget, h1_2024, .tkr), c("Utfall 2024-06-30", .utfall, h1_2024, .tkr), c("Diff mot budget", .differens, h1_2024, .tkr),
                ]),
                FixtureTable(title: "Tabell 4. Utfall och Budget", lines: 1330...1341, columns: [
                    c("Q1 - Q2 2024 Utfall TSEK", .utfall, h1_2024, .tkr), c("Budget TSEK", .budget, h1_2024, .tkr), c("Förbr kvot", .kvot, h1_2024, unit: .pure),
                ], layout: .from(2)),
                FixtureTable(title: "Tabell 6. Deltagare", kind: .deltagare, lines: 1409...1419,
                          columns: groups.flatMap { g in ["K", "M", "S:a"].map { c("\(g) \($0)", .utfall, h1_2024, unit: .personer) } },
                          layout: .from(2)),
            ]
        }())

    static let all = [samsundInterim, samsundPlan, lekeberg, ostraSodertorn, uppsala]

    /// The documents, mapped as the pipeline maps them; nil when `../shared` is absent.
    static func documents() throws -> [Document]? {
        var out: [Document] = []
        for d in all {
            guard let doc = try d.document() else { return nil }
            out.append(Stages.map(doc))
        }
        return out
    }
}
