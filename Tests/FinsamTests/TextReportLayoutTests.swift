import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamReaders

/// The messes of text extracted from PDF, one small input each.
@Suite("Text reports: tables through the mess")
struct TextReportLayoutTests {
    let head = "# Årsredovisning 2023\n\nSamordningsförbundet\n**Ankarsvik**\n\n"

    @Test func markupIsStrippedAndBoldKept() {
        let line = ReportLine(number: 1, raw: "<b>Summa</b>\t**1 200**<sup>2</sup>\t<i>3</i>\t[Länk](http://x.se) &amp; <ul><li>ett</li></ul>")
        #expect(line.fields == ["Summa", "1 200", "3", "Länk & ett"])
        #expect(line.style.contains(.bold))
        #expect(line.style.contains(.italic))
        #expect(line.fieldStyles[0].contains(.bold))
        let heading = ReportLine(number: 2, raw: "## **Resultaträkning**")
        #expect(heading.headingLevel == 2)
        #expect(heading.text == "Resultaträkning")
    }

    @Test func tablesOfContentsAreNotTables() throws {
        let text = head + TextFixture.lines(
            "Innehållsförteckning", "",
            "1. Förvaltningsberättelse\t3", "2. Resultaträkning\t15", "3. Balansräkning\t16", "",
            "Resultaträkning .....\t<b>20</b>", "Noter .....\t22")
        let doc = try #require(try TextFixture.read(text).first)
        #expect(doc.tables.isEmpty)
    }

    @Test func pageFurnitureInsideATableDoesNotCutIt() throws {
        let text = head + TextFixture.lines(
            "Balansräkning", "",
            "Belopp i kr.\tNot\t2023-12-31\t2022-12-31",
            "Kassa och bank\t\t10 485 213\t7 667 846",
            "", "Signtering av justerare", "på varje sida", "", "Sida 20", "",
            "--\t------------\t------------",
            "Summa tillgångar\t\t15 691 256\t10 239 945")
        let doc = try #require(try TextFixture.read(text).first)
        #expect(doc.tables.count == 1)
        let t = try #require(doc.table("Balansräkning"))
        #expect(t.rows.map(\.label) == ["Kassa och bank", "Summa tillgångar"])
        #expect(t.rows[1].cells[0]?.value == 15_691_256)
        #expect(t.readingNotes.contains { $0.contains("belopp i kr") })
    }

    @Test func headerOverTwoLinesAlignsFromTheRight() throws {
        // The header lines have no label field; the rows have one.
        let text = head + TextFixture.lines(
            "Not 2. Verksamhetens intäkter", "",
            "2023-01-01\t2022-01-01", "2023-12-31\t2022-12-31", "",
            "Driftbidrag från staten\t8 139 000\t8 158 000",
            "Summa\t26 019 221\t31 379 624")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.noteNumber == "2")
        #expect(t.columns.map(\.period) == [period("2023-01-01", "2023-12-31"), period("2022-01-01", "2022-12-31")])
        #expect(t.rows[0].cells.map { $0?.value } == [8_139_000, 8_158_000])
    }

    @Test func budgetAndHelarOverTwoLines() throws {
        let text = TextFixture.lines(
            "# Delårsredovisning", "", "1 januari-30 juni 2023", "",
            "Prognos 2023\t\t\t\t",
            "\tBudget\tUtfall\tPrognos\tDifferens",
            "\tHelår 2023\tHalvår 2023\tHelår 2023\tbudget-prognos",
            "Intäkter\t\t\t\t",
            "Medlemsbidrag\t8 000 000\t4 000 000\t8 000 000\t0")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.title == "Prognos 2023")
        #expect(t.kind == .prognos)
        #expect(t.columns.map(\.scenario) == [.budget, .utfall, .prognos, .differens])
        #expect(t.columns[0].period == year(2023))
        #expect(t.columns[1].period == period("2023-01-01", "2023-06-30"))
        // A difference with no period of its own is about its neighbours'.
        #expect(t.columns[3].period == year(2023))
    }

    @Test func participantHeaderOnThreeLevels() throws {
        let text = TextFixture.lines(
            "# Uppföljning av insatser", "", "Kvartal 1 och 2 år 2024", "",
            "Tabell 6. Deltagare", "",
            "Rapportering januari till och med 30 juni 2024\t\tInregistrerade perioden jan-juni\t\t\tPågående deltagare per 30 juni\t\t",
            "\t\tK\tM\tS:a\tK\tM\tS:a",
            "Individinsats\tKommun\t\t\t\t\t\t",
            "Jobbcentrum\tEnköping\t27\t18\t45\t54\t44\t98",
            "Fördelning kvinnor/män\t\t60%\t40%\t\t55%\t45%\t")
        let doc = try #require(try TextFixture.read(text).first)
        #expect(doc.period == period("2024-01-01", "2024-06-30"))
        let t = try #require(doc.tables.first)
        #expect(t.kind == .deltagare)
        #expect(t.columns.count == 6)
        #expect(t.columns.map(\.group) == Array(repeating: "Inregistrerade perioden jan-juni", count: 3) + Array(repeating: "Pågående deltagare per 30 juni", count: 3))
        #expect(t.columns.map(\.member) == ["kvinnor", "män", nil, "kvinnor", "män", nil])
        #expect(t.columns.allSatisfy { $0.unit == .personer })
        #expect(t.columns[0].period == period("2024-01-01", "2024-06-30"))
        #expect(t.columns[3].period == .instant(day("2024-06-30")))
        let row = try #require(t.rows.first { $0.label == "Jobbcentrum" })
        #expect(row.qualifier == "Enköping")
        #expect(row.cells.map { $0?.value } == [27, 18, 45, 54, 44, 98])
    }

    @Test func unitInAHeaderCellAndTitleInsideTheBlock() throws {
        let text = TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "EKONOMISK INFORMATION, belopp i TSK\tBudget 2024\tPrognos 2024\tPrel 2025",
            "Medlemsavgifter\t23 322\t23 322\t23 428",
            "",
            "Driftsredovisning (belopp i TSEK)\t\t\t\t",
            "\tBudget\tUtfall\tDiff mot budget\t",
            "\t2024-06-30\t2024-06-30\t2024-06-30\t",
            "Medlemsavgifter\t11 661\t11 661\t0\t")
        let doc = try #require(try TextFixture.read(text).first)
        let info = try #require(doc.tables.first)
        #expect(info.columns.allSatisfy { $0.scale == .tkr })
        #expect(info.columns.map(\.scenario) == [.budget, .prognos, .budget])
        #expect(info.columns[2].period == year(2025))
        #expect(info.rows.last?.cells[0]?.value == 23_322_000)
        #expect(info.rows.last?.cells[0]?.decimals == -3)
        let drift = try #require(doc.table("Driftsredovisning (belopp i TSEK)"))
        #expect(drift.columns.map(\.scenario) == [.budget, .utfall, .differens])
        // One date in an interim report: the flow runs from the document's start (completed in the mapping).
        #expect(drift.columns[0].period == .instant(day("2024-06-30")))
        #expect(drift.rows.last?.cells.map { $0?.value } == [11_661_000, 11_661_000, 0])
    }

    @Test func notesInsideOneBlockWithLabelsAfterAnEmptyField() throws {
        let text = TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "## NOTER",
            "Samordningsförbundet Ankarsvik\t\t2024-01-01\t2023-01-01\t",
            "\t\t2024-06-30\t2023-06-30\t",
            "Not 1\tRörelseintäkter\t\t\tHelår 2024",
            "\tEnköpings kommun\t347 657\t343 824\t695 314",
            "\t<i>Summa medlemsavgifter</i>\t<i>347 657</i>\t<i>343 824</i>\t<i>695 314</i>",
            "", "",
            "Not 4\tÖvriga driftskostnader\t\t",
            "\tIT-tjänster, programvaror\t-129 427\t-83 656",
            "\t<i>Summa övriga driftskostnader</i>\t<i>-129 427</i>\t<i>-83 656</i>")
        let doc = try #require(try TextFixture.read(text).first)
        #expect(doc.tables.map(\.noteNumber) == ["1", "4"])
        let n1 = try #require(doc.tables.first)
        #expect(n1.title == "Not 1 Rörelseintäkter")
        #expect(n1.columns.count == 3)
        #expect(n1.columns[2].header == "Helår 2024")
        // A full year after the interim report's end cannot be an outcome.
        #expect(n1.columns[2].scenario == .budget)
        #expect(n1.rows[0].label == "Enköpings kommun")
        #expect(n1.rows[0].cells.map { $0?.value } == [347_657, 343_824, 695_314])
        let n4 = doc.tables[1]
        #expect(n4.columns.count == 2)
        #expect(n4.rows[0].cells.map { $0?.value } == [-129_427, -83_656])
        #expect(n4.rows[1].style.contains(.italic))
    }

    @Test func noteColumnIsNeverAFigure() throws {
        let text = head + TextFixture.lines(
            "Resultaträkning", "",
            "Belopp i kr.\tNot\t2023-01-01 -2023-12-31\t2022-01-01 -2022-12-31",
            "Verksamhetens intäkter\t2\t26 019 221\t31 379 624",
            "Verksamhetens kostnader\t3,4\t-25 275 195\t-30 111 481",
            "Rörelseintäkter\tNot 5\t11 661 000\t11 518 000")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.columns.count == 2)
        #expect(t.rows.map(\.noteRefs) == [["2"], ["3", "4"], ["5"]])
        #expect(t.rows[1].cells.map { $0?.value } == [-25_275_195, -30_111_481])
    }

    @Test func noteReferencesWithoutANotHeader() throws {
        let text = head + TextFixture.lines(
            "Balansräkning", "",
            "\t\t2023-12-31\t2022-12-31",
            "Fordringar\t6\t4 971 262\t2 309 099",
            "Kassa och bank\t\t10 485 213\t7 667 846",
            "Kortfristiga skulder\t7\t10 792 352\t6 237 715")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.columns.count == 2)
        #expect(t.rows.map(\.noteRefs) == [["6"], [], ["7"]])
    }

    @Test func ownerColumnPushesFiguresRight() throws {
        // Rows with an owner print the figures one field later than the header and the totals.
        let text = TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "Driftsredovisning (belopp i TSEK)\t\t\t\t",
            "\tBudget\tUtfall\tDiff mot budget\t",
            "Övriga rörelseintäkter\t\t12\t\t",
            "Jobbcentrum\tEnköpings kommun\t-1 326\t-955\t371",
            "<b>Summa samverkansinsatser</b>\t<b>-10 329</b>\t<b>-9 628</b>\t<b>701</b>\t")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.columns.map(\.scenario) == [.budget, .utfall, .differens])
        #expect(t.rows[0].cells.map { $0?.value } == [nil, 12_000, nil])
        #expect(t.rows[1].qualifier == "Enköpings kommun")
        #expect(t.rows[1].cells.map { $0?.value } == [-1_326_000, -955_000, 371_000])
        #expect(t.rows[2].cells.map { $0?.value } == [-10_329_000, -9_628_000, 701_000])
        #expect(t.readingNotes.contains { $0.contains("högerjusterade") })
    }

    @Test func textRightOfTheFiguresIsARemark() throws {
        let text = TextFixture.lines(
            "# Uppföljning av insatser", "", "Kvartal 1 och 2 år 2024", "",
            "Insats\t\tQ1 - Q2 2024\t\t\tNot",
            "\t\tUtfall TSEK\tBudget TSEK\tFörbr kvot\t",
            "RegExPro\tRegion Uppsala\t648\t673\t96%\t",
            "Förstudie\tUppsala\t115\t0\t\tBeviljades medel 2024")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.columns.map(\.scenario) == [.utfall, .budget, .kvot])
        #expect(t.columns.allSatisfy { $0.period == period("2024-01-01", "2024-06-30") })
        #expect(t.columns[2].unit == .pure)
        #expect(t.rows.first?.label == "Insats" && t.rows.first?.isHeader == true)
        let regex = try #require(t.row(line: 7))
        let pilot = try #require(t.row(line: 8))
        #expect(regex.cells[2]?.value == Decimal(string: "0.96"))
        #expect(pilot.remark == "Beviljades medel 2024")
        #expect(pilot.cells.map { $0?.value } == [115_000, 0, nil])
    }

    @Test func labelRowFollowedByOwnerRowCarryingTheFigures() throws {
        let text = TextFixture.lines(
            "Kallelse till styrelsemöte", "", "**Dag** torsdagen den 24 oktober 2024", "",
            "Prognos (tkr)\tBudget 2024\tPrognos 2024",
            "<u>Namn på insats</u>\t\t",
            "<u>Insatsägare</u>\t\t",
            "Din väg framåt\t\t", "Enköping\t2 652\t2 652",
            "RegExPro\t\t", "Region Uppsala\t1 245\t1 345",
            "Kvinna Hälsa Arbete\t\t", "Uppsala\t1 348\t1 348",
            "Prognostiserade ej nyttjade medel\t\t", "\t\t-1 300",
            "S:a samverkansinsats\t5 245\t4 045")
        let doc = try #require(try TextFixture.read(text).first)
        #expect(doc.kind == .kallelse)
        #expect(doc.decisionDate == day("2024-10-24"))
        let t = try #require(doc.tables.first)
        let regex = try #require(t.row(line: 11))
        #expect(regex.label == "RegExPro")
        #expect(regex.qualifier == "Region Uppsala")
        #expect(regex.cells.map { $0?.value } == [1_245_000, 1_345_000])
        let unused = try #require(t.row(line: 15))
        #expect(unused.label == "Prognostiserade ej nyttjade medel")
        #expect(unused.cells.map { $0?.value } == [nil, -1_300_000])
        // The label rows were absorbed: no header row is left between the pairs.
        #expect(!t.rows.contains { $0.label == "RegExPro" && $0.isHeader })
    }

    @Test func emptyLabelContinuesTheRowAbove() throws {
        let text = head + TextFixture.lines(
            "Styrelsen", "",
            "Styrelsen (7 svar 2023, 4 svar 2022)\tÅr\tNegativt\tVarken eller\tPositivt (Klart positivt)",
            "Har ni en strategi för uppföljning?\t2023\t0\t1\t6 (4)",
            "\t2022\t0\t0\t4 (3)")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.columns.map(\.header) == ["Negativt", "Varken eller", "Positivt", "Klart positivt"])
        #expect(t.rows.count == 2)
        #expect(t.rows[1].label == "Har ni en strategi för uppföljning?")
        #expect(t.rows[0].period == year(2023))
        #expect(t.rows[1].period == year(2022))
        #expect(t.rows[0].cells.map { $0?.value } == [0, 1, 6, 4])
        #expect(t.rows[1].cells.map { $0?.value } == [0, 0, 4, 3])
    }

    @Test func figuresAsPrinted() throws {
        let text = head + TextFixture.lines(
            "Kostnadsfördelning insatser 2023", "",
            "Individ insatser\t17 157 195 kr",
            "Strukturella insatser\t(460 594)",
            "Administration\t−7 657 406",
            "Avskrivningstider genomsnittliga\t6 år",
            "Inget\t–")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.columns.first?.period == year(2023))
        #expect(t.rows[0].cells[0]?.value == 17_157_195)
        #expect(t.rows[1].cells[0]?.value == -460_594)
        #expect(t.rows[2].cells[0]?.value == -7_657_406)
        // `6 år` is a duration, not an amount; a dash is nothing.
        #expect(t.rows[3].isHeader)
        #expect(t.rows[3].qualifier == "6 år" || t.rows[3].remark == "6 år")
        #expect(t.rows.first { $0.label == "Inget" }.map(\.isHeader) ?? true)
    }

    @Test func agendaNumbersAreNotFigures() throws {
        let text = TextFixture.lines(
            "**Kallelse till styrelsemöte**", "",
            "Nr\tÄrenderubrik\tFöredragande",
            "1\tVal av justerare\t", "2\tFastställande av dagordning\t", "3\tEkonomisk information\tAnki")
        let doc = try #require(try TextFixture.read(text).first)
        #expect(doc.tables.isEmpty)
    }

    @Test func thousandsCommaInATsekTableFromArithmetic() throws {
        let text = TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "### Översikt (TSEK)", "",
            "\t2024-06-30\t2023-06-30",
            "<b>Intäkter</b>\t12,094\t12,174",
            "<b>Kostnader</b>\t-12,937\t-12,049",
            "<b>Verksamhetens resultat</b>\t<b>-843</b>\t<b>125</b>",
            "Antal anställda\t5\t6")
        let t = try #require(try TextFixture.read(text).first?.tables.first)
        #expect(t.rows[0].cells[0]?.value == 12_094_000)
        #expect(t.rows[0].cells[0]?.decimals == -3)
        #expect(t.rows[1].cells[1]?.value == -12_049_000)
        #expect(t.readingNotes.contains { $0.contains("tusentalskomma") && $0.contains("-843") })
    }

    @Test func decimalCommaInAnUnlabelledTableIsReadByTheDocumentsMagnitude() throws {
        let text = TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "Resultaträkning (tkr)\t2024-01-01 2024-06-30",
            "Verksamhetens kostnader\t-12 937",
            "Summa intäkter\t23 322",
            "", "## BALANSKRAVSAVSTÄMNING", "",
            "\t2008\t2013\t20240630",
            "Årets resultat\t9,639\t0,291\t-620,0")
        let doc = try #require(try TextFixture.read(text).first)
        let t = try #require(doc.table("Balanskravsavstämning"))
        #expect(t.columns.map(\.scale) == [.mkr, .mkr, .tkr])
        #expect(t.rows[0].cells.map { $0?.value } == [9_639_000, 291_000, -620_000])
        #expect(t.rows[0].cells.map { $0?.decimals } == [-3, -3, -2])
        #expect(t.readingNotes.contains { $0.contains("decimalkomma") })
        #expect(doc.diagnostics.contains { $0.code == "text.mixed-units" })
    }

    @Test func anotherLayoutNoteColumnLastAndATertialPeriod() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "# Delårsrapport januari–augusti 2024", "", "Samordningsförbundet Västby", "Org.nr 222000-7777", "",
            "## Resultaträkning", "",
            "Tkr\tUtfall jan-aug 2024\tUtfall tertial 2 2023\tBudget 2024\tPrognos 2024\tAvvikelse\tNot",
            "Verksamhetens intäkter\t8 200\t7 900\t12 300\t12 300\t0\t1",
            "Verksamhetens kostnader (not 2)\t-7 650\t-7 420\t-12 900\t-12 500\t400\t",
            "Årets resultat\t550\t480\t-600\t-200\t400\t")).first)
        #expect(doc.period == period("2024-01-01", "2024-08-31"))
        let t = try #require(doc.tables.first)
        #expect(t.columns.map(\.scale) == Array(repeating: .tkr, count: 5))
        #expect(t.columns[1].period == period("2023-01-01", "2023-08-31"))
        #expect(t.columns[4].scenario == .differens)
        #expect(t.rows.map(\.noteRefs) == [["1"], ["2"], []])
        #expect(t.rows[1].label == "Verksamhetens kostnader")
        #expect(doc.fact("VerksamhetensKostnader", period: period("2024-01-01", "2024-08-31"))?.value == 7_650_000)
        #expect(doc.fact("AretsResultat", scenario: .prognos, period: year(2024))?.value == -200_000)
    }

    @Test func decimalFiguresWithNothingToMeasureBy() throws {
        let t = try #require(try TextFixture.read(TextFixture.lines(
            "# Årsredovisning 2023", "", "## Resultat över tid", "",
            "\t2021\t2022\t2023", "Årets resultat\t1,405\t0,335\t-0,504")).first?.tables.first)
        #expect(t.columns.allSatisfy { $0.scale == .mkr })
        #expect(t.rows[0].cells.map { $0?.value } == [1_405_000, 335_000, -504_000])
        #expect(t.readingNotes.contains { $0.contains("kolumn 1–3") && $0.contains("läst i mkr") })
    }

    @Test func figuresOutsideTheHeadersColumnsAreKept() throws {
        let t = try #require(try TextFixture.read(head + TextFixture.lines(
            "Resultaträkning", "",
            "Belopp i kr.\t2023\t2022",
            "Verksamhetens intäkter\t100\t90\t80",
            "Årets resultat\t10\t9",
            "1 250\t\t", "", "Sida 7")).first?.tables.first)
        #expect(t.columns.count == 3)
        #expect(t.rows.first { $0.label == "Verksamhetens intäkter" }?.cells.map { $0?.value } == [100, 90, 80])
        #expect(t.readingNotes.contains { $0.contains("egna kolumner") })
        // A figure alone in the first field is a figure of a row without a label, not an item number.
        #expect(t.rows.last?.cells.compactMap { $0?.value } == [1_250])
    }

    @Test func columnHeadersGiveScenarioAndPeriod() {
        let interim = DocumentContext(period: period("2024-01-01", "2024-06-30"), kind: .delarsrapport, asOf: day("2024-06-30"))
        func read(_ h: String, group: String? = nil, title: String = "") -> (Scenario, Period?) {
            let m = ColumnHeader.interpret(header: h, group: group, title: title, document: interim)
            return (m.scenario, m.period)
        }
        #expect(read("Utfall per 2023-06-30") == (.utfall, .instant(day("2023-06-30"))))
        #expect(read("2022-01-01 -2022-12-31") == (.utfall, year(2022)))
        #expect(read("2024-01-01 2024-06-30") == (.utfall, period("2024-01-01", "2024-06-30")))
        #expect(read("2023-01-01 -2023-06-30 (6 mån)") == (.utfall, period("2023-01-01", "2023-06-30")))
        #expect(read("Utfall TSEK 23-06-30") == (.utfall, .instant(day("2023-06-30"))))
        #expect(read("20240630") == (.utfall, .instant(day("2024-06-30"))))
        #expect(read("Prel 2025") == (.budget, year(2025)))
        #expect(read("Prognos 2024-12-31") == (.prognos, .instant(day("2024-12-31"))))
        #expect(read("Förbrukningskvot mot budget 2024-06-30").0 == .kvot)
        #expect(read("Diff mot budget").0 == .differens)
        #expect(read("Utfall mot budget").0 == .kvot)
        #expect(read("Helår 2024") == (.budget, year(2024)))
        #expect(read("Utfall TSEK", group: "Q1 - Q2 2024") == (.utfall, period("2024-01-01", "2024-06-30")))
        #expect(read("2023") == (.utfall, year(2023)))
        #expect(read("Differens", title: "Prognos 2023") == (.differens, year(2023)))
    }
}
