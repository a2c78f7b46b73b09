import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamMapping
@testable import FinsamModel

@Suite("The consolidated workbook, on a batch built in the model")
struct WorkbookTests {
    let batch = WorkbookFixture.batch()
    let exporter: WorkbookExporter
    let wb: WorkbookReader
    let bytes: Data

    init() throws {
        exporter = WorkbookExporter(mappings: try MappingSet.load(from: Repo.mappings), created: Date(timeIntervalSince1970: 1_735_689_600))
        (wb, bytes) = try WorkbookChecks.written(batch, exporter: exporter)
    }

    /// The document sheet of a document, by number.
    func sheet(_ nr: Int) throws -> WorkbookReader.Sheet {
        let name = try #require(WorkbookChecks.documentSheets(wb)[nr])
        return try #require(wb.sheet(name))
    }

    @Test func sameCreationTimeSameBytes() throws {
        let (_, again) = try WorkbookChecks.written(batch, exporter: exporter)
        #expect(again == bytes)
        // The creation time is in the file: another time gives other bytes (so the comparison can fail).
        var later = exporter
        later.created = Date(timeIntervalSince1970: 1_767_225_600)
        let (_, other) = try WorkbookChecks.written(batch, exporter: later)
        #expect(other != bytes)
        let core = try #require(wb.entries["docProps/core.xml"].map { String(decoding: $0, as: UTF8.self) })
        #expect(core.contains("2025-01-01T00:00:00Z"))
        #expect(core.contains("<dc:title>Finsam"))
    }

    /// The documents' sheets stream their rows (inline strings, no shared-string index); the other sheets are
    /// kept in memory and keep their tables. Both read back the same through the reader.
    @Test func documentSheetsStreamAndTheRestKeepTheirTables() throws {
        for name in WorkbookChecks.documentSheets(wb).values {
            let xml = try #require(wb.sheet(name)?.xml)
            #expect(xml.contains("t=\"inlineStr\""), "\(name) is streamed")
            #expect(!xml.contains("t=\"s\""), "\(name) uses no shared strings")
        }
        for name in ["Översikt", "Avvikelser", "Källor"] {
            let xml = try #require(wb.sheet(name)?.xml)
            #expect(xml.contains("t=\"s\""), "\(name) is kept in memory")
            #expect(xml.contains("<tablePart "), "\(name) keeps its table")
        }
    }

    /// libxlsxwriter asks for zlib's default level; the wrapper in CZipLevel gives every entry level 1, which
    /// minizip marks in each entry's flags (bits 1 and 2: "super fast"), where level 6 leaves them clear.
    @Test func everyZipEntryIsDeflatedAtTheFastestLevel() throws {
        let central: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let b = [UInt8](bytes)
        var flags: [UInt16] = []
        var i = 0
        while i + 10 < b.count {
            if b[i] == central[0], Array(b[i..<i + 4]) == central { flags.append(UInt16(b[i + 8]) | UInt16(b[i + 9]) << 8) }
            i += 1
        }
        #expect(flags.count == wb.entries.count)
        #expect(flags.allSatisfy { $0 & 6 == 6 }, "flags \(Set(flags))")
    }

    @Test func aStreamedSheetRefusesRowsAboveTheCurrentOne() throws {
        let dir = try TempDir()
        let properties = XlsxWorkbook.Properties(title: "t", subject: "s", created: Date(timeIntervalSince1970: 0))
        let book = try XlsxWorkbook(path: dir.url.appendingPathComponent("s.xlsx").path, properties: properties, streamsRows: true)
        let streamed = try book.addSheet("Strömmat", streamed: true)
        let kept = try book.addSheet("I minnet")
        for sheet in [streamed, kept] {
            sheet.string(5, 0, "rad sex")
            sheet.string(2, 0, "rad tre, skriven efter rad sex")
        }
        #expect(streamed.rejected == 1)
        #expect(kept.rejected == 0)
        try book.close()
        let back = try WorkbookReader(path: dir.url.appendingPathComponent("s.xlsx").path)
        #expect(back.sheet("Strömmat")?["A6"]?.value == .text("rad sex"))
        #expect(back.sheet("Strömmat")?["A3"] == nil)
        #expect(back.sheet("I minnet")?["A3"]?.value == .text("rad tre, skriven efter rad sex"))
    }

    @Test func sheetsInOrderWithValidNames() {
        let names = wb.sheets.map(\.name)
        #expect(names == ["Översikt", "Jämförelse", "Avvikelser", "Alfa", "Beta Delår 2024-06-30", "Beta VP 2025", "Källor", "Omappade", "Fakta"])
        WorkbookChecks.sheetNamesValid(wb)
    }

    @Test func everyFactInItsCell() {
        let n = WorkbookChecks.everyFactInItsCell(wb, batch.documents)
        #expect(n == batch.documents.reduce(0) { $0 + $1.facts.count })
    }

    @Test func everyFormulaComputesItsStoredValue() {
        #expect(WorkbookChecks.everyFormulaComputesItsValue(wb) > 20)
    }

    @Test func totalsAreFormulasOverTheirItems() throws {
        let alfa = try sheet(1)
        // Årets resultat (line 13) sums the two lines above it in both columns.
        let r = try #require((0..<alfa.rowCount).first { alfa.value($0, 0).number == 13 })
        let items = try #require((0..<alfa.rowCount).first { alfa.value($0, 0).number == 11 })
        for col in [3, 4] {
            let cell = try #require(alfa[WorkbookReader.a1(row: r, col: col)])
            let a = WorkbookReader.a1(row: items, col: col), b = WorkbookReader.a1(row: items + 1, col: col)
            #expect(cell.formula == "SUM(\(a):\(b))")
        }
        // Beta's plan subtracts its costs: Resultat = Intäkter − Kostnader.
        let plan = try sheet(3)
        let res = try #require((0..<plan.rowCount).first { plan.value($0, 0).number == 11 })
        #expect(plan[WorkbookReader.a1(row: res, col: 3)]?.formula == "SUM(D\(res - 1))-SUM(D\(res))")
        #expect(plan.value(res, 3).number == -300_000)
    }

    @Test func differencesAreFormulasWhereTheyHold() throws {
        let alfa = try sheet(1)
        func row(_ line: Int) throws -> Int { try #require((0..<alfa.rowCount).first { alfa.value($0, 0).number == Double(line) }) }
        // Budget in D, utfall in E, difference in F.
        let admin = try row(42)
        #expect(alfa[WorkbookReader.a1(row: admin, col: 5)]?.formula == "D\(admin + 1)-E\(admin + 1)")
        let income = try row(45)
        #expect(alfa[WorkbookReader.a1(row: income, col: 5)]?.formula == "E\(income + 1)-D\(income + 1)")
        // 500 − 550 is not 30: left as printed.
        let wrong = try row(43)
        #expect(alfa[WorkbookReader.a1(row: wrong, col: 5)]?.formula == nil)
        #expect(alfa.value(wrong, 5).number == 30_000)
    }

    @Test func discrepantTotalKeepsThePrintedFigureAndCarriesTheFinding() throws {
        let alfa = try sheet(1)
        let r = try #require((0..<alfa.rowCount).first { alfa.value($0, 0).number == 24 })
        let printed = try #require(alfa[WorkbookReader.a1(row: r, col: 3)])
        #expect(printed.formula == nil)
        #expect(printed.value.number == 510_000)
        let comment = try #require(alfa.comments[WorkbookReader.a1(row: r, col: 3)])
        #expect(comment.contains("510 000 men posterna rad 22–23 summerar till 500 000"))
        #expect(comment.hasPrefix("Fel (sum.total)"))
        // Coloured: its style differs from the consistent total beside it, which is a formula.
        let beside = try #require(alfa[WorkbookReader.a1(row: r, col: 4)])
        #expect(beside.formula != nil)
        #expect(beside.style != printed.style)
    }

    @Test func findingsSortedBySeverityWithLinksToTheirCells() throws {
        let sheet = try #require(wb.sheet("Avvikelser"))
        let severities = (4..<7).map { sheet.value($0, 0).text }
        #expect(severities == ["fel", "varning", "info"])
        // The error links to the discrepant cell on Alfa's sheet.
        let target = try #require(sheet.links["I5"])
        let alfa = try self.sheet(1)
        let r = try #require((0..<alfa.rowCount).first { alfa.value($0, 0).number == 24 })
        #expect(target == "'Alfa'!\(WorkbookReader.a1(row: r, col: 3))")
        #expect(sheet.value(4, 8).text == "\(WorkbookFixture.alfa):24:2")
        #expect(sheet.value(4, 5).number == 500_000)
        #expect(sheet.value(4, 7).number == 10_000)
        // A line outside every table: listed, not linked.
        #expect(sheet.links["I7"] == nil)
        #expect(sheet.value(6, 8).text == "\(WorkbookFixture.alfa):3")
        // The cross-document warning marks both documents' cells.
        #expect(try self.sheet(2).comments.values.contains { $0.contains("skiljer sig från planens") })
        #expect(try self.sheet(3).comments.values.contains { $0.hasPrefix("Se 'Beta Delår 2024-06-30'!") })
    }

    @Test func overviewHasKeyFiguresAndLiveFindingCounts() throws {
        let sheet = try #require(wb.sheet("Översikt"))
        var col: [String: Int] = [:]
        for c in 0..<30 { if let t = sheet.value(3, c).text { col[t] = c } }
        func v(_ r: Int, _ h: String) -> Double? { sheet.value(r, col[h]!).number }
        #expect(v(4, "Intäkter") == 1_000_000)
        #expect(v(4, "Kostnader") == 800_000)
        #expect(v(4, "Resultat") == 200_000)
        #expect(v(4, "Eget kapital") == 250_000)
        #expect(v(4, "Summa tillgångar") == 510_000)
        #expect(v(4, "Medlemsavgifter") == 600_000)
        #expect(v(4, "Fel") == 1)
        #expect(v(4, "Info") == 1)
        #expect(v(5, "Varningar") == 1)
        #expect(sheet.value(4, col["Org.nr"]!).text == "222000-0001")
        // Costs printed negative are referenced negated; soliditet is computed when not printed.
        #expect(sheet[WorkbookReader.a1(row: 4, col: col["Kostnader"]!)]?.formula?.hasPrefix("-'Alfa'!") == true)
        #expect(sheet[WorkbookReader.a1(row: 4, col: col["Soliditet"]!)]?.formula != nil)
        #expect(sheet.value(6, col["Avser"]!).text == "Budget")
        #expect(sheet.xml.contains("<tableParts"))
    }

    @Test func comparisonColumnsRatiosAndCharts() throws {
        let sheet = try #require(wb.sheet("Jämförelse"))
        #expect((2..<5).map { sheet.value(4, $0).text } == ["Alfa", "Beta", "Beta"])
        #expect((2..<5).map { sheet.value(5, $0).text } == ["2024", "jan–jun 2024", "2025"])
        #expect(sheet.value(3, 4).text == "Fler perioder")
        func row(_ label: String) throws -> Int {
            try #require((0..<sheet.rowCount).first { sheet.value($0, 0).text == label })
        }
        func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-12 * abs(b) } ?? false }
        // Administration's share is read within the budget table that itemises it: 250 / 800.
        let admin = try row("Administrationens andel av kostnaderna")
        #expect(sheet.value(admin, 2).number == 250_000.0 / 800_000.0)
        #expect(sheet[WorkbookReader.a1(row: admin, col: 2)]?.formula?.contains("'Alfa'!") == true)
        #expect(sheet.value(try row("Insatsernas andel av kostnaderna"), 2).number == 550_000.0 / 800_000.0)
        // Equity against a full year's contributions, and only for a full year.
        let equity = try row("Eget kapital i procent av medlemsavgifterna")
        #expect(close(sheet.value(equity, 2).number, 250_000.0 / 600_000.0))
        #expect(sheet.value(equity, 3) == .empty)
        // libxlsxwriter stores 16 significant digits: ratios compare to about the last one.
        #expect(close(sheet.value(try row("Kostnad per inskriven deltagare"), 2).number, 800_000.0 / 18))
        #expect(close(sheet.value(try row("Andel avslutade deltagare till arbete eller studier"), 2).number, 3.0 / 9))
        #expect(sheet.value(try row("Riktmärke: eget kapital högst 20 % av medlemsavgifterna"), 2).number == 0.2)
        // The plan's column compares budgets.
        #expect(sheet.value(try row("Årets resultat"), 4).number == -300_000)
        let charts = wb.entries.keys.filter { $0.hasPrefix("xl/charts/chart") }
        #expect(charts.count == 3)
        for c in charts {
            let xml = String(decoding: wb.entries[c]!, as: UTF8.self)
            #expect(xml.contains("'Jämförelse'!$C$5:$D$5"))
        }
    }

    @Test func sourcesListEveryFileWithItsHashAndError() throws {
        let sheet = try #require(wb.sheet("Källor"))
        #expect((4..<8).map { sheet.value($0, 0).text } == [WorkbookFixture.alfa, WorkbookFixture.betaInterim, WorkbookFixture.betaPlan, WorkbookFixture.broken])
        #expect(sheet.value(4, 2).text == String(repeating: "ab", count: 32))
        #expect(sheet.value(7, 2).text == String(repeating: "00", count: 32))
        #expect(sheet.value(7, 12).text?.contains("okänt format") == true)
        #expect(sheet.value(4, 7).number == Double(batch.documents[0].facts.count))
        #expect(sheet.value(4, 9).number == 1)
    }

    @Test func unmappedRowsListedAndLinked() throws {
        let sheet = try #require(wb.sheet("Omappade"))
        #expect(sheet.value(4, 5).text == "Ställda säkerheter")
        #expect(sheet.value(4, 3).number == 28)
        let alfa = try self.sheet(1)
        let r = try #require((0..<alfa.rowCount).first { alfa.value($0, 0).number == 28 })
        #expect(sheet.links["F5"] == "'Alfa'!B\(r + 1)")
    }

    @Test func readingNotesAreShownUnderTheTableTitle() throws {
        let alfa = try sheet(1)
        let rows = 0..<alfa.rowCount
        // The budget table has reading notes: one visible line between title and header, not a comment.
        let budget = try #require(rows.first { alfa.value($0, 1).text == "Budget och utfall 2024" })
        #expect(alfa.value(budget + 1, 1).text == "Läsning: belopp i tkr enligt rubriken · kolumn 3: differens mellan kolumn 1 och 2")
        #expect(alfa.value(budget + 2, 3).text == "Budget 2024")
        #expect(alfa.value(budget + 3, 0).number == 41, "the first row follows the header")
        #expect(!alfa.comments.values.contains { $0.hasPrefix("Läsning") })
        // The income statement has none: its header follows its title.
        let rr = try #require(rows.first { alfa.value($0, 1).text == "Resultaträkning" })
        #expect(alfa.value(rr + 1, 3).text == "2024")
        #expect(rows.filter { alfa.value($0, 1).text?.hasPrefix("Läsning") == true }.count == 1)
    }

    @Test func figuresKeepTheirPrintedScale() throws {
        let alfa = try sheet(1)
        let r = try #require((0..<alfa.rowCount).first { alfa.value($0, 0).number == 41 })
        // 600 tkr is stored as 600 000 kr and shown in thousands.
        #expect(alfa.value(r, 3).number == 600_000)
        let style = try #require(alfa[WorkbookReader.a1(row: r, col: 3)]?.style)
        let styles = String(decoding: wb.entries["xl/styles.xml"]!, as: UTF8.self)
        #expect(styles.contains("formatCode=\"#,##0,;[Red]-#,##0,\""))
        #expect(style > 0)
    }
}

@Suite("Fakta past Excel's last row")
struct FactsSheetSplitTests {
    /// A national batch over several years has more facts than Excel has rows: they continue on `Fakta 2`, …
    /// (here with 7 facts per sheet instead of 1 048 572), every fact once, in order, each sheet its own table.
    @Test func factsContinueOnNumberedSheets() throws {
        let batch = WorkbookFixture.batch()
        var exporter = WorkbookExporter(mappings: try MappingSet.load(from: Repo.mappings), created: Date(timeIntervalSince1970: 0))
        exporter.factsPerSheet = 7
        let (wb, _) = try WorkbookChecks.written(batch, exporter: exporter)
        let facts = batch.documents.flatMap(\.facts)
        #expect(facts.count > 14, "the fixture must span at least three sheets")
        let parts = (facts.count + 6) / 7
        let names = wb.sheets.map(\.name).filter { $0.hasPrefix("Fakta") }
        #expect(names == (0..<parts).map { $0 == 0 ? "Fakta" : "Fakta \($0 + 1)" })
        var seen: [(String, Double)] = []
        for (p, name) in names.enumerated() {
            let sheet = try #require(wb.sheet(name))
            let rows = (FactsSheetWriter.headerRow + 1..<sheet.rowCount).filter { sheet.value($0, 0) != .empty }
            #expect(rows.count == min(7, facts.count - 7 * p), "\(name)")
            #expect(sheet.value(FactsSheetWriter.headerRow, 2) == .text("Begrepp"))
            for r in rows {
                guard case .text(let concept) = sheet.value(r, 2), case .number(let value) = sheet.value(r, 7) else {
                    Issue.record("\(name) row \(r) lacks concept or value")
                    continue
                }
                seen.append((concept, value))
            }
        }
        #expect(seen.map(\.0) == facts.map(\.concept))
        #expect(seen.map(\.1) == facts.map { NSDecimalNumber(decimal: $0.value).doubleValue })
        let factTables = wb.entries.filter { $0.key.hasPrefix("xl/tables/") }
            .compactMap { String(decoding: $0.value, as: UTF8.self).firstMatch(of: /displayName="(Fakta[0-9]*)"/)?.1 }
        #expect(Set(factTables.map(String.init)) == Set((0..<parts).map { $0 == 0 ? "Fakta" : "Fakta\($0 + 1)" }))
    }
}
