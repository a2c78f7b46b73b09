import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamMapping
@testable import FinsamModel

/// `--facts csv`: the `Fakta` table as a CSV file beside the workbook, read back with an RFC 4180 reader that
/// knows nothing of the writer.
@Suite("Fakta as CSV")
struct FactsCSVTests {
    static let created = Date(timeIntervalSince1970: 1_735_689_600)

    /// The fixture with texts that need quoting: a separator, quotes, a line break, a leading minus.
    static func batch() -> WorkbookBatch {
        var batch = WorkbookFixture.batch()
        batch.documents[0].facts[0].label = "Intäkter; \"egna\" och\r\nandras"
        batch.documents[0].facts[1].table = "-Kostnader \"netto\""
        batch.documents[1].facts[0].member = "Kommun;A"
        return batch
    }

    func exporter(_ facts: FactsPlacement, csv: String?) throws -> WorkbookExporter {
        var e = WorkbookExporter(mappings: try MappingSet.load(from: Repo.mappings), created: FactsCSVTests.created)
        e.facts = facts
        e.factsCSV = csv
        return e
    }

    /// Writes the workbook with its facts in `ut-fakta.csv` beside it; returns the workbook and the CSV bytes.
    func writtenWithCSV(_ batch: WorkbookBatch, dir: TempDir) throws -> (WorkbookReader, [UInt8]) {
        let xlsx = dir.url.appendingPathComponent("ut.xlsx").path
        let csv = try #require(FactsPlacement.csvPath(workbook: xlsx, json: nil, explicit: nil))
        try exporter(.csv, csv: csv).write(batch, to: xlsx)
        return (try WorkbookReader(path: xlsx), [UInt8](try Data(contentsOf: URL(fileURLWithPath: csv))))
    }

    @Test func everyFactRoundTripsWithItsExactValue() throws {
        let batch = FactsCSVTests.batch()
        let dir = try TempDir()
        let (_, bytes) = try writtenWithCSV(batch, dir: dir)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 with a byte order mark, for Excel")
        let records = try RFC4180.parse(Array(bytes.dropFirst(3)))
        #expect(records.first == FactsSheetWriter.headers)
        let facts = batch.documents.enumerated().flatMap { d, doc in doc.facts.map { (d, doc, $0) } }
        try #require(records.count == facts.count + 1)
        // The Cell column must equal the sheet's: the same batch with its facts on a sheet.
        let (sheetBook, _) = try WorkbookChecks.written(batch, exporter: try exporter(.sheet, csv: nil))
        let sheet = try #require(sheetBook.sheet("Fakta"))
        for (i, (d, doc, f)) in facts.enumerated() {
            let raw = records[i + 1]
            try #require(raw.count == 16, "row \(i + 1) has \(raw.count) fields")
            var r = raw
            for c in [1, 2, 3, 4, 8, 10, 11, 12, 15] { r[c] = RFC4180.unguarded(raw[c]) }
            #expect(r[0] == String(d + 1))
            #expect(r[1] == doc.organisation.name)
            #expect(r[2] == f.concept)
            #expect(r[3] == (f.member ?? ""))
            #expect(r[4] == f.scenario.rawValue)
            #expect(r[5] == (f.period.start?.description ?? ""))
            #expect(r[6] == f.period.end.description)
            #expect(!r[7].contains("."), "decimal comma: \(r[7])")
            #expect(Decimal(string: r[7].replacingOccurrences(of: ",", with: ".")) == f.value, "value of row \(i + 1): \(r[7])")
            #expect(r[8] == f.unit.rawValue)
            #expect(r[9] == String(f.decimals))
            #expect(r[10] == f.label)
            #expect(r[11] == f.table)
            #expect(r[12] == f.source.file)
            #expect(r[13] == String(f.source.line))
            #expect(r[14] == f.source.column.map(String.init) ?? "")
            let sheetRow = FactsSheetWriter.headerRow + 1 + i
            #expect(r[15] == (sheet.value(sheetRow, 15).text ?? ""), "Cell of row \(i + 1)")
        }
        // A negated cell begins with `-`: guarded by a leading `'` so that Excel does not read it as a formula.
        #expect(records.dropFirst().contains { $0[15].hasPrefix("'-'") }, "the fixture has a negated cell")
        #expect(records.dropFirst().contains { $0[15].hasPrefix("'") && !$0[15].hasPrefix("'-") }, "and one as printed")
        #expect(!records.dropFirst().contains { $0[15].hasPrefix("-") }, "no field opens as a formula")
    }

    @Test func textThatWouldOpenAsAFormulaIsGuardedNumbersAreNot() {
        func field(_ s: String) -> String {
            var b = CSVBuffer()
            b.text(s)
            return String(decoding: b.bytes, as: UTF8.self)
        }
        #expect(field("=SUM(A1:A2)") == "'=SUM(A1:A2)")
        #expect(field("+46 90 12") == "'+46 90 12")
        #expect(field("-därav lokaler") == "'-därav lokaler")
        #expect(field("@kommun") == "'@kommun")
        #expect(field("\tindrag") == "'\tindrag")
        #expect(field("-a;b") == "\"'-a;b\"", "inside the quotes of a quoted field")
        #expect(field("Övriga intäkter") == "Övriga intäkter")
        #expect(field("'Alfa'!E12") == "'Alfa'!E12", "an apostrophe already first is left alone")
        #expect(field("") == "")
        var n = CSVBuffer()
        n.decimal(Decimal(-1250))
        n.separator()
        n.integer(-3)
        #expect(String(decoding: n.bytes, as: UTF8.self) == "-1250;-3", "numbers keep their minus")
    }

    @Test func linesEndInCRLFAndOnlyFieldsThatNeedItAreQuoted() throws {
        let dir = try TempDir()
        let (_, bytes) = try writtenWithCSV(FactsCSVTests.batch(), dir: dir)
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(text.hasPrefix("Dok.nr;Organisation;Begrepp;"))
        #expect(text.contains(";\"Intäkter; \"\"egna\"\" och\r\nandras\";"))
        #expect(text.contains(";\"Kommun;A\";"))
        // A lone LF or CR only inside a quoted field: every record ends in CRLF.
        let outside = try RFC4180.parse(Array(bytes.dropFirst(3)))
        #expect(outside.count == text.components(separatedBy: "\r\n").count - 2, "one CRLF per record, plus the one inside a quoted field")
    }

    /// A workbook naming a CSV that could not be written is not put in place (here a folder stands where the
    /// CSV should go), and neither leaves a temporary file behind.
    @Test func noWorkbookWhenItsCSVFails() throws {
        let dir = try TempDir()
        let xlsx = dir.url.appendingPathComponent("ut.xlsx").path
        let csv = dir.url.appendingPathComponent("ut-fakta.csv").path
        try FileManager.default.createDirectory(atPath: csv, withIntermediateDirectories: false)
        #expect(throws: (any Error).self) { try exporter(.csv, csv: csv).write(FactsCSVTests.batch(), to: xlsx) }
        #expect(!FileManager.default.fileExists(atPath: xlsx))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["ut-fakta.csv"])
        // Without the folder in the way, the same call writes both.
        try FileManager.default.removeItem(atPath: csv)
        try exporter(.csv, csv: csv).write(FactsCSVTests.batch(), to: xlsx)
        #expect(FileManager.default.fileExists(atPath: xlsx) && FileManager.default.fileExists(atPath: csv))
    }

    @Test func sameBatchSameBytes() throws {
        let dir = try TempDir()
        let (_, first) = try writtenWithCSV(FactsCSVTests.batch(), dir: dir)
        let again = try TempDir()
        let (_, second) = try writtenWithCSV(FactsCSVTests.batch(), dir: again)
        #expect(first == second)
        var other = FactsCSVTests.batch()
        other.documents[0].facts[0].value += 1
        let third = try TempDir()
        let (_, changed) = try writtenWithCSV(other, dir: third)
        #expect(changed != first, "a changed value gives other bytes (so the comparison can fail)")
    }

    @Test func workbookWithoutFaktaKeepsItsOtherSheets() throws {
        let batch = FactsCSVTests.batch()
        let dir = try TempDir()
        let (withCSV, _) = try writtenWithCSV(batch, dir: dir)
        let (withSheet, _) = try WorkbookChecks.written(batch, exporter: try exporter(.sheet, csv: nil))
        #expect(withCSV.sheets.map(\.name) == withSheet.sheets.map(\.name).filter { $0 != "Fakta" })
        #expect(withCSV.entries.keys.contains { $0.hasPrefix("xl/tables/") }, "the other tables are still there")
        for sheet in withCSV.sheets {
            let other = try #require(withSheet.sheet(sheet.name))
            let expected = other.cells
            var actual = sheet.cells
            // The two lines that say where the facts are.
            if sheet.name == "Källor" {
                #expect(actual["A3"]?.value.text?.contains("ut-fakta.csv") == true)
                #expect(actual["A3"]?.value.text?.contains("\(batch.documents.reduce(0) { $0 + $1.facts.count }) rader") == true)
                #expect(expected["A3"] == nil)
                actual["A3"] = nil
            }
            if sheet.name == "Översikt" {
                let subtitle = try #require(actual["A2"]?.value.text)
                #expect(subtitle.contains(" · fakta i ut-fakta.csv"))
                actual["A2"] = .init(value: .text(subtitle.replacingOccurrences(of: " · fakta i ut-fakta.csv", with: "")), formula: actual["A2"]?.formula, style: actual["A2"]!.style)
            }
            // Style numbers shift where a sheet's formats were created in another order; values and formulas may not.
            for key in Set(expected.keys).union(actual.keys) {
                #expect(actual[key]?.value == expected[key]?.value && actual[key]?.formula == expected[key]?.formula, "\(sheet.name)!\(key)")
            }
        }
    }

    @Test func autoPutsUpToTheLimitOnASheet() {
        let limit = FactsPlacement.autoSheetLimit
        #expect(limit == 100_000)
        #expect(!FactsPlacement.auto.usesCSV(facts: limit, hasPath: true))
        #expect(FactsPlacement.auto.usesCSV(facts: limit + 1, hasPath: true))
        #expect(!FactsPlacement.auto.usesCSV(facts: limit + 1, hasPath: false), "no file name: the facts stay on the sheet")
        #expect(FactsPlacement.csv.usesCSV(facts: 1, hasPath: true))
        #expect(!FactsPlacement.sheet.usesCSV(facts: 10 * limit, hasPath: true))
        // A CSV named with --facts-csv is written; --facts sheet still wins.
        #expect(FactsPlacement.auto.resolved(csvNamed: true) == .csv)
        #expect(FactsPlacement.auto.resolved(csvNamed: false) == .auto)
        #expect(FactsPlacement.sheet.resolved(csvNamed: true) == .sheet)
    }

    @Test func autoOnASmallBatchKeepsTheSheet() throws {
        let dir = try TempDir()
        let xlsx = dir.url.appendingPathComponent("ut.xlsx").path
        let csv = dir.url.appendingPathComponent("ut-fakta.csv").path
        try exporter(.auto, csv: csv).write(FactsCSVTests.batch(), to: xlsx)
        #expect(try WorkbookReader(path: xlsx).sheet("Fakta") != nil)
        #expect(!FileManager.default.fileExists(atPath: csv))
    }

    @Test func csvNamedAfterTheWorkbook() {
        #expect(FactsPlacement.csvPath(workbook: "ut/finsam.xlsx", json: nil, explicit: nil) == "ut/finsam-fakta.csv")
        #expect(FactsPlacement.csvPath(workbook: "ut/Finsam.XLSX", json: "x.json", explicit: nil) == "ut/Finsam-fakta.csv")
        #expect(FactsPlacement.csvPath(workbook: "ut/finsam", json: nil, explicit: nil) == "ut/finsam-fakta.csv")
        #expect(FactsPlacement.csvPath(workbook: "ut/finsam.xlsx", json: "-", explicit: nil) == nil)
        #expect(FactsPlacement.csvPath(workbook: nil, json: "x.json", explicit: nil) == nil)
        #expect(FactsPlacement.csvPath(workbook: nil, json: "-", explicit: "f.csv") == "f.csv")
        #expect(FactsPlacement.displayName(csv: "/a/b/x-fakta.csv", workbook: "/a/b/x.xlsx") == "x-fakta.csv")
        #expect(FactsPlacement.displayName(csv: "/c/x-fakta.csv", workbook: "/a/b/x.xlsx") == "/c/x-fakta.csv")
    }

    /// Without a workbook the CSV names the cells a CSV-mode workbook of the same batch has.
    @Test func csvWithoutWorkbookEqualsTheOneBesideIt() throws {
        let batch = FactsCSVTests.batch()
        let dir = try TempDir()
        let (_, beside) = try writtenWithCSV(batch, dir: dir)
        let alone = dir.url.appendingPathComponent("alone.csv").path
        try exporter(.csv, csv: nil).writeFactsCSV(documents: batch.documents, to: alone)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: alone))) == beside)
    }

    /// The decimal text is `Decimal.description` with a comma (and, for the JSON, with its point): checked on values of every shape, including
    /// ones past the fast path (mantissas over 64 bits, large exponents) and unnormalised trailing zeros.
    @Test func decimalsAsDescriptionWithAComma() {
        var values: [Decimal] = [0, 1, -1, 10, 100, 1_563_000, -2.2, -0.51, 0.005, 123.456, 98765.4321]
        values += ["1.50", "-0.0100", "0.000", "1e-19", "123456789012345678", "18446744073709551615", "18446744073709551616",
                   "-99999999999999999999999.5", "1e30", "-7e5", "5e-25", "0.1234567890123456789"].compactMap { Decimal(string: $0) }
        values += [Decimal(sign: .plus, exponent: -2, significand: 150), Decimal(sign: .minus, exponent: 3, significand: 42)]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let mantissa = Decimal(Int64(bitPattern: state >> 9) % 10_000_000_000_000)
            let exponent = Int((state >> 3) % 13) - 8
            values.append(Decimal(sign: mantissa < 0 ? .minus : .plus, exponent: exponent, significand: abs(mantissa)) * (state & 1 == 0 ? 1 : -1))
        }
        for v in values {
            var out = CSVBuffer()
            out.decimal(v)
            let text = String(decoding: out.bytes, as: UTF8.self)
            #expect(text == v.description.replacingOccurrences(of: ".", with: ","), "\(v.description)")
            #expect(Decimal(string: text.replacingOccurrences(of: ",", with: ".")) == v)
            // The JSON contract writes the same digits with a point, as `JSONEncoder` writes a Decimal.
            var json: [UInt8] = []
            json.appendDecimal(v, point: UInt8(ascii: "."))
            #expect(String(decoding: json, as: UTF8.self) == v.description, "\(v.description)")
        }
    }
}

@Suite("finsam import --facts")
struct FactsOptionTests {
    @Test func csvBesideTheWorkbookAndNoFaktaSheet() throws {
        let dir = try TempDir()
        let xlsx = dir.url.appendingPathComponent("ut.xlsx").path
        let run = try CLITests().finsam(["import", Repo.sample("norrvik-arsredovisning-2024.txt"), "-o", xlsx, "--facts", "csv", "-q", "--fail-on", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        let csv = dir.url.appendingPathComponent("ut-fakta.csv").path
        let records = try RFC4180.parse(Array([UInt8](try Data(contentsOf: URL(fileURLWithPath: csv))).dropFirst(3)))
        #expect(records.first == FactsSheetWriter.headers)
        #expect(records.count > 10)
        let wb = try WorkbookReader(path: xlsx)
        #expect(wb.sheet("Fakta") == nil)
        #expect(wb.sheet("Källor")?.value(2, 0).text?.contains("ut-fakta.csv") == true)
    }

    /// With a JSON beside the workbook all three outputs come, and the CSV and the workbook are the ones
    /// written without the JSON (the three are written at once on separate threads).
    @Test func csvAndWorkbookTheSameBesideAJSON() throws {
        let dir = try TempDir()
        let sample = Repo.sample("norrvik-arsredovisning-2024.txt")
        let xlsx = dir.url.appendingPathComponent("ut.xlsx").path
        let json = dir.url.appendingPathComponent("ut.json").path
        let with = try CLITests().finsam(["import", sample, "-o", xlsx, "--json", json, "--facts", "csv", "-q", "--fail-on", "never", "--created", "2025-01-01"])
        #expect(with.status == 0, "\(with.stderr)")
        let csv = dir.url.appendingPathComponent("ut-fakta.csv")
        let besideJSON = try Data(contentsOf: csv)
        let workbook = try Data(contentsOf: URL(fileURLWithPath: xlsx))
        #expect(try Data(contentsOf: URL(fileURLWithPath: json)).count > 1_000)
        let without = try CLITests().finsam(["import", sample, "-o", xlsx, "--facts", "csv", "-q", "--fail-on", "never", "--created", "2025-01-01"])
        #expect(without.status == 0, "\(without.stderr)")
        #expect(try Data(contentsOf: csv) == besideJSON)
        #expect(try Data(contentsOf: URL(fileURLWithPath: xlsx)) == workbook)
    }

    @Test func csvWithoutAFileNameIsAUsageError() throws {
        let run = try CLITests().finsam(["import", Repo.sample("norrvik-arsredovisning-2024.txt"), "--json", "-", "--facts", "csv", "-q"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--facts csv"))
    }
}

/// RFC 4180 with `;` as separator: records end in CRLF; a quoted field may hold separators, quotes (doubled)
/// and line breaks. Strict: a stray quote or a bare CR or LF outside quotes is an error.
enum RFC4180 {
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "malformed CSV at byte \(offset)" }
    }

    /// A text field without the writer's guard: a `'` before `=`, `+`, `-`, `@`, tab or CR is not data.
    static func unguarded(_ field: String) -> String {
        guard field.hasPrefix("'"), let next = field.dropFirst().first, "=+-@\t\r".contains(next) else { return field }
        return String(field.dropFirst())
    }

    static func parse(_ bytes: [UInt8], separator: UInt8 = UInt8(ascii: ";")) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var i = 0
        var quoted = false
        var wasQuoted = false
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x22:
                guard field.isEmpty, !wasQuoted else { throw Malformed(offset: i) }
                quoted = true
                wasQuoted = true
            case separator:
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll()
                wasQuoted = false
            case 0x0D:
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { throw Malformed(offset: i) }
                record.append(String(decoding: field, as: UTF8.self))
                records.append(record)
                record = []
                field.removeAll()
                wasQuoted = false
                i += 1
            case 0x0A:
                throw Malformed(offset: i)
            default:
                guard !wasQuoted else { throw Malformed(offset: i) }
                field.append(b)
            }
            i += 1
        }
        guard !quoted, field.isEmpty, record.isEmpty else { throw Malformed(offset: bytes.count) }
        return records
    }
}
