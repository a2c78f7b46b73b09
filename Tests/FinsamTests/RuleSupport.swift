import Foundation
@testable import FinsamMapping
@testable import FinsamModel
@testable import FinsamRules

/// Tables written compactly for rule tests, one row per line: `Label | 1 000 | 2 000`. An empty field or
/// `-` is no figure; `**Label` is bold; `Label {owner}` has an owner; `Label [2,3]` refers to notes;
/// `Label => Concept` pins the concept (the mapping would otherwise choose by label).
enum TableText {
    static func column(_ header: String, _ scenario: Scenario = .utfall, _ period: String? = nil, scale: PrintedScale = .kr,
                       unit: MeasureUnit = .sek) -> Column
    {
        Column(header: header, scenario: scenario, period: period.map(TableText.period), unit: unit, scale: scale)
    }

    /// `2023` (the year), `2023-06-30` (an instant), `2023-01-01..2023-06-30`.
    static func period(_ s: String) -> Period {
        if s.count == 4, let y = Int(s) { return Period(start: Day(year: y, month: 1, day: 1), end: Day(year: y, month: 12, day: 31)!) }
        let parts = s.components(separatedBy: "..")
        if parts.count == 2 { return Period(start: Day(iso: parts[0])!, end: Day(iso: parts[1])!) }
        return .instant(Day(iso: s)!)
    }

    static func table(
        _ title: String, kind: TableKind = .other, note: String? = nil, columns: [Column], file: String = "prov.txt",
        firstLine: Int = 10, _ text: String
    ) -> Table {
        var rows: [Row] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            var fields = line.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            var label = fields.removeFirst()
            var style: RowStyle = []
            if label.hasPrefix("**") { style.insert(.bold); label = String(label.dropFirst(2)) }
            var concept: String?
            if let r = label.range(of: "=>") {
                concept = label[r.upperBound...].trimmingCharacters(in: .whitespaces)
                label = label[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            var notes: [String] = []
            if let open = label.firstIndex(of: "["), let close = label.firstIndex(of: "]") {
                notes = label[label.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                label = label[..<open].trimmingCharacters(in: .whitespaces)
            }
            var qualifier: String?
            if let open = label.firstIndex(of: "{"), let close = label.firstIndex(of: "}") {
                qualifier = String(label[label.index(after: open)..<close])
                label = label[..<open].trimmingCharacters(in: .whitespaces)
            }
            let cells: [Cell?] = columns.indices.map { c in
                guard c < fields.count else { return nil }
                return cell(fields[c], column: columns[c], index: c + 1)
            }
            rows.append(Row(
                label: label, qualifier: qualifier, noteRefs: notes, style: style, cells: cells,
                source: SourceLocation(file: file, line: firstLine + i, column: 0), concept: concept))
        }
        return Table(title: title, kind: kind, noteNumber: note, columns: columns, rows: rows,
                     source: SourceLocation(file: file, line: firstLine - 1))
    }

    /// A printed Swedish number: spaces between thousands, a decimal comma, `-`/`−`/`–` or parentheses for
    /// minus, `%`. Deliberately independent of the reader under test elsewhere.
    static func number(_ raw: String) -> (value: Decimal, fraction: Int, percent: Bool)? {
        var t = raw.trimmingCharacters(in: .whitespaces).filter { !" \u{00A0}\u{202F}".contains($0) }
        guard !t.isEmpty, !["-", "–", "—", "−"].contains(t) else { return nil }
        var negative = false
        if t.hasPrefix("(") && t.hasSuffix(")") { negative = true; t = String(t.dropFirst().dropLast()) }
        if let f = t.first, "-−–".contains(f) { negative = true; t = String(t.dropFirst()) }
        var percent = false
        if t.hasSuffix("%") { percent = true; t = String(t.dropLast()) }
        guard !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "," }), t.filter({ $0 == "," }).count <= 1 else { return nil }
        let fraction = t.firstIndex(of: ",").map { t.distance(from: $0, to: t.endIndex) - 1 } ?? 0
        guard let v = Decimal(string: t.replacingOccurrences(of: ",", with: ".")) else { return nil }
        return (negative ? -v : v, fraction, percent)
    }

    static func cell(_ text: String, column: Column, index: Int, thousandsComma: Bool = false) -> Cell? {
        guard let n = number(text) else { return nil }
        let printed = text.trimmingCharacters(in: .whitespaces)
        if n.percent {
            return Cell(value: n.value.shifted(by: -2), text: printed, decimals: n.fraction + 2, column: index)
        }
        let e = column.scale.exponent
        if thousandsComma && n.fraction == 3 {
            return Cell(value: n.value.shifted(by: 3 + e), text: printed, decimals: -e, column: index)
        }
        return Cell(value: n.value.shifted(by: e), text: printed, decimals: n.fraction - e, column: index)
    }

    static func document(
        _ tables: [Table], source: String = "prov.txt", organisation: Organisation = Organisation(name: "Samordningsförbundet Prov", orgnr: "222000-0000"),
        kind: DocumentKind = .arsredovisning, period: String = "2024"
    ) -> Document {
        Document(source: source, format: .textReport, organisation: organisation, kind: kind, period: TableText.period(period), tables: tables)
    }
}

/// The mapping and rule stages on documents built in tests, as the pipeline runs them.
enum Stages {
    static let mappings: MappingSet = try! MappingSet.load(from: Repo.mappings)

    static func map(_ doc: Document) -> Document {
        FactBuilder(mappings: mappings).map(TotalInference.annotate(doc))
    }

    static func check(_ docs: [Document]) -> [Finding] {
        RuleEngine(mappings: mappings).check(docs.map(map))
    }

    static func check(_ doc: Document) -> [Finding] { check([doc]) }

    static func links(_ table: Table) -> [String] {
        TotalInference.links(in: table).map { link in
            "\(table.rows[link.total].source.line)=" + link.items.map { "\($0.sign < 0 ? "-" : "+")\(table.rows[$0.row].source.line)" }.joined()
        }
    }
}

extension Array where Element == Finding {
    func at(_ line: Int) -> [Finding] { filter { $0.locations.first?.line == line } }
    var errors: [Finding] { filter { $0.severity == .error } }
    var warnings: [Finding] { filter { $0.severity == .warning } }
    var serious: [Finding] { filter { $0.severity >= .warning } }
    var summary: String { map { "\($0.locations.first.map { "\($0.line)" } ?? "?") \($0.severity) \($0.rule): \($0.message)" }.joined(separator: "\n") }
}
