import Foundation
import FinsamModel

/// Decides each column's unit and how ambiguous commas are read, then turns printed figures into cells.
///
/// `12,094` can be twelve thousand ninety-four (a thousands comma) or twelve point ninety-four. The table
/// decides: arithmetic between its rows, decimals elsewhere in it (`0,291`, `-620,0`), digits grouped with
/// spaces beside it, the unit its heading names, and, for a table that names no unit, the size of the figures
/// against the largest amount the document prints elsewhere.
struct ScaleResolver {
    /// The largest amount (SEK) in the document's tables of known unit.
    let reference: Decimal?

    enum CommaReading { case decimal, thousands }

    /// The order of a samordningsförbund's yearly turnover, for a document with nothing else to measure by.
    static let typicalTurnover: Decimal = 10_000_000

    static func reference(of tables: [RawTable]) -> Decimal? {
        var explicitMax: Maximum?
        var plainMax: Maximum?
        for t in tables {
            for (c, col) in t.columns.enumerated() where col.meaning.unit == .sek {
                let scale = col.meaning.scale ?? t.tableScale?.scale
                // By index: a row is a large struct, and only one of its cells is asked.
                for r in t.rows.indices {
                    guard let cell = t.rows[r].cells[c], !cell.number.isPercent else { continue }
                    let s = cell.number.unitSuffix ?? scale
                    if s != nil {
                        Maximum.raise(&explicitMax, with: cell, exponent: (s ?? .kr).exponent)
                    } else if cell.number.spaceGrouped && cell.number.fractionDigits == 0 {
                        Maximum.raise(&plainMax, with: cell, exponent: PrintedScale.kr.exponent)
                    }
                }
            }
        }
        return (explicitMax ?? plainMax)?.value
    }

    /// The largest of the amounts seen so far, `max(value, v)` for each amount v in turn: compared as integers
    /// where both were read by the byte parser (a `Decimal` comparison costs more than the rest of the loop), and
    /// the `Decimal` worked out only for a new largest one.
    struct Maximum {
        var value: Decimal
        /// `value` = digits × 10^power, when known as integers.
        var digits: UInt64?
        var power: Int

        static func raise(_ current: inout Maximum?, with cell: RawCell, exponent: Int) {
            let power = exponent - cell.number.fractionDigits
            if let c = current {
                // `max(c, v)` is v when v >= c.
                let below: Bool
                if let a = cell.digits, let b = c.digits {
                    below = less(a, power, b, c.power)
                } else {
                    below = abs(cell.number.magnitude.shifted(by: exponent)) < c.value
                }
                if below { return }
            }
            current = Maximum(value: abs(cell.number.magnitude.shifted(by: exponent)), digits: cell.digits, power: power)
        }

        /// a × 10^p < b × 10^q, for a and b below 10^19.
        static func less(_ a: UInt64, _ p: Int, _ b: UInt64, _ q: Int) -> Bool {
            if a == 0 || b == 0 { return a == 0 && b != 0 }
            let da = decimalDigits(a) + p, db = decimalDigits(b) + q
            if da != db { return da < db }
            // The same number of digits before the point: the one with fewer decimals, scaled, fits in 64 bits.
            if p <= q { return a < b * powerOfTen(q - p) }
            return a * powerOfTen(p - q) < b
        }

        static func decimalDigits(_ x: UInt64) -> Int {
            var n = 1
            var v = x
            while v >= 10 {
                v /= 10
                n += 1
            }
            return n
        }

        static func powerOfTen(_ k: Int) -> UInt64 {
            var v: UInt64 = 1
            for _ in 0..<k { v *= 10 }
            return v
        }
    }

    func resolve(_ raw: RawTable, diagnostics: inout [Diagnostic], file: String) -> (columns: [Column], rows: [[Cell?]], notes: [String]) {
        var notes: [String] = []
        if let s = raw.tableScale { notes.append("belopp i \(s.scale.rawValue) (\(s.reason))") }
        let reading = commaReading(raw, notes: &notes)

        var columns: [Column] = []
        var exponents: [Int] = []
        var scaleNotes: [(column: Int, text: String)] = []
        for (c, col) in raw.columns.enumerated() {
            var scale: PrintedScale = .kr
            if col.meaning.unit == .sek {
                if let s = col.meaning.scale {
                    scale = s
                    if s != raw.tableScale?.scale { scaleNotes.append((c + 1, "\(s.rawValue) enligt rubriken")) }
                } else if let s = raw.tableScale?.scale {
                    scale = s
                } else if let (s, why) = scaleBySize(raw, column: c, reading: reading) {
                    scale = s
                    scaleNotes.append((c + 1, why))
                }
            }
            exponents.append(col.meaning.unit == .sek ? scale.exponent : 0)
            columns.append(
                Column(
                    header: col.header, scenario: col.meaning.scenario, period: col.meaning.period, unit: col.meaning.unit, scale: scale,
                    member: col.meaning.member, group: col.group))
        }
        if raw.tableScale == nil && columns.contains(where: { $0.unit == .sek }) {
            if scaleNotes.isEmpty { notes.append("ingen enhet angiven; kronor antas") }
        }
        notes += TableScanner.grouped(scaleNotes)
        let usedScales = Set(columns.indices.compactMap { c -> PrintedScale? in
            columns[c].unit == .sek && raw.rows.contains { $0.cells[c].map { !$0.number.isPercent } ?? false } ? columns[c].scale : nil
        })
        if usedScales.count > 1 {
            let message = "tabellen ”\(raw.title)” blandar enheter (\(usedScales.map(\.rawValue).sorted().joined(separator: ", "))): kontrollera"
            notes.append(message)
            diagnostics.append(
                Diagnostic(severity: .warning, code: "text.mixed-units", message: message, location: SourceLocation(file: file, line: raw.titleLine ?? raw.firstLine)))
        }

        var rows: [[Cell?]] = []
        rows.reserveCapacity(raw.rows.count)
        var counts: [String] = []
        // Only the unit of a column is asked per cell: no copy of its header and group for each.
        let units = columns.map(\.unit)
        for r in raw.rows.indices {
            // `Antal anställda 5` in a TSEK table counts people, not thousands of kronor.
            let isCount = ScaleResolver.isCount(raw.rows[r].label)
            if isCount && raw.rows[r].hasCells && exponents.contains(where: { $0 != 0 }) { counts.append(raw.rows[r].label) }
            rows.append(raw.rows[r].cells.enumerated().map { c, raw in
                raw.map { cell(for: $0, unit: units[c], exponent: isCount ? 0 : exponents[c], reading: reading) }
            })
        }
        if !counts.isEmpty { notes.append("”\(counts.joined(separator: "”, ”"))” räknar personer: inte i tusental") }
        return (columns, rows, notes)
    }

    private func cell(for raw: RawCell, unit: MeasureUnit, exponent: Int, reading: CommaReading) -> Cell {
        let n = raw.number
        if n.isPercent {
            return Cell(value: n.value.shifted(by: -2), text: n.text, decimals: n.fractionDigits + 2, column: raw.field)
        }
        var e = exponent
        if unit == .sek, let s = n.unitSuffix { e = s.exponent }
        if n.commaIsAmbiguous && reading == .thousands {
            return Cell(value: n.thousandsReading.shifted(by: e), text: n.text, decimals: -e, column: raw.field)
        }
        return Cell(value: n.value.shifted(by: e), text: n.text, decimals: n.fractionDigits - e, column: raw.field)
    }

    /// A row of counts: `Antal anställda`, `Antal årsarbetare`, `Årsarbetare`.
    static func isCount(_ label: String) -> Bool {
        // Each prefix starts with `a`, `v`, `å`, `h` or `m`; only those ASCII letters lower-case to them.
        if let first = label.utf8.first, first < 0x80, !"aAvVhHmM".utf8.contains(first) { return false }
        if let known = Latin1Text.hasPrefixIgnoringCase(label, ["antal ", "varav antal", "årsarbetare", "heltidstjänster", "medelantal"]) {
            return known
        }
        let lower = label.lowercased()
        return lower.hasPrefix("antal ") || lower.hasPrefix("varav antal") || lower.hasPrefix("årsarbetare")
            || lower.hasPrefix("heltidstjänster") || lower.hasPrefix("medelantal")
    }

    /// How the table's ambiguous commas (`12,094`) are read, with the reason in `notes`.
    func commaReading(_ raw: RawTable, notes: inout [String]) -> CommaReading {
        // Only the first of each kind is quoted.
        var ambiguous: PrintedNumber?
        var decimals: PrintedNumber?
        var grouped: PrintedNumber?
        let sek = raw.columns.map { $0.meaning.unit == .sek }
        for r in raw.rows.indices {
            // The flags are read in place; a number is copied only when it is the first of its kind.
            raw.rows[r].cells.withUnsafeBufferPointer { cells in
                for c in cells.indices where sek[c] {
                    guard cells[c] != nil, !cells[c]!.number.isPercent else { continue }
                    if cells[c]!.number.commaIsAmbiguous {
                        if ambiguous == nil { ambiguous = cells[c]!.number }
                    } else if cells[c]!.number.fractionDigits > 0 {
                        if decimals == nil { decimals = cells[c]!.number }
                    }
                    if cells[c]!.number.spaceGrouped && grouped == nil { grouped = cells[c]!.number }
                }
            }
        }
        guard let example = ambiguous else { return .decimal }
        if let d = decimals {
            notes.append("\(example.text) m.fl. läst med decimalkomma: tabellen har andra decimaltal (\(d.text))")
            return .decimal
        }
        if let why = arithmeticEvidence(raw) {
            notes.append("\(example.text) m.fl. läst med tusentalskomma: \(why)")
            return .thousands
        }
        if let g = grouped {
            notes.append("\(example.text) m.fl. läst med tusentalskomma: tabellen skriver också tusental med mellanslag (\(g.text)) och har inga andra decimaltal")
            return .thousands
        }
        if let s = raw.tableScale?.scale, s != .mkr {
            notes.append("\(example.text) m.fl. läst med tusentalskomma: tre decimaler i \(s.rawValue) förekommer inte i rapporter")
            return .thousands
        }
        notes.append("\(example.text) m.fl. läst med decimalkomma (inget i tabellen tyder på tusentalskomma)")
        return .decimal
    }

    /// A row equal to the sum of the rows above it (back to a header) only when commas separate thousands.
    private func arithmeticEvidence(_ raw: RawTable) -> String? {
        for c in raw.columns.indices where raw.columns[c].meaning.unit == .sek {
            var items: [PrintedNumber] = []
            for row in raw.rows {
                guard let n = row.cells[c]?.number, !n.isPercent else {
                    if !row.hasCells { items = [] }
                    continue
                }
                if !n.commaIsAmbiguous && n.fractionDigits == 0 && items.count >= 2 && items.contains(where: \.commaIsAmbiguous) {
                    let thousands = items.reduce(Decimal(0)) { $0 + ($1.commaIsAmbiguous ? $1.thousandsReading : $1.value) }
                    let decimal = items.reduce(Decimal(0)) { $0 + $1.value }
                    if thousands == n.value && decimal != n.value {
                        return "\(row.label) \(n.text) = " + items.map(\.text).joined(separator: " + ") + " bara med tusentalskomma"
                    }
                }
                items.append(n)
            }
        }
        return nil
    }

    /// For a column without a named unit whose figures carry decimals: the largest unit that keeps them below
    /// the document's largest amount (a result of `9,639` is 9.639 Mkr, not 9.639 kronor).
    private func scaleBySize(_ raw: RawTable, column c: Int, reading: CommaReading) -> (PrintedScale, String)? {
        // Most columns print no decimals: asked of the cells in place before any are gathered.
        guard raw.rows.indices.contains(where: { r in
            guard let n = raw.rows[r].cells[c]?.number else { return false }
            return !n.isPercent && n.unitSuffix == nil && n.fractionDigits > 0 && !(n.commaIsAmbiguous && reading == .thousands)
        }) else { return nil }
        let numbers = raw.rows.compactMap { $0.cells[c]?.number }.filter { !$0.isPercent && $0.unitSuffix == nil }
        // Without a table of known unit to measure by, a förbund's typical yearly turnover stands in.
        let measure = reference ?? ScaleResolver.typicalTurnover
        let against = reference == nil ? "ett typiskt förbunds omslutning \(Self.grouped(measure)) kr" : "dokumentets största belopp \(Self.grouped(measure)) kr"
        let largest = numbers.map { abs($0.value) }.max() ?? 0
        for s in [PrintedScale.mkr, .tkr, .kr] {
            let v = largest.shifted(by: s.exponent)
            if v <= measure * 3 {
                let example = numbers.first { abs($0.value) == largest }!.text
                let bigger = s == .mkr ? "" : "; i \(s == .tkr ? "mkr" : "tkr") vore \(example) \(Self.grouped(largest.shifted(by: s.exponent + 3))) kr, mer än \(against)"
                return (s, "decimaltal utan angiven enhet: läst i \(s.rawValue)\(bigger)")
            }
        }
        return nil
    }

    /// The whole kronor, grouped (messages about scale speak of orders of magnitude, not öre).
    static func grouped(_ value: Decimal) -> String {
        value.truncated.swedishGrouped
    }
}
