import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel

/// Concepts from labels in their place, from structure where labels mislead, and facts in natural sign.
@Suite("Mapping: labels, structure, signs")
struct MappingStructureTests {
    let annual = "# Årsredovisning 2023\n\nSamordningsförbundet\n**Ankarsvik**\n\n"

    func only(_ doc: Document, _ concept: String, line: Int, scenario: Scenario = .utfall) -> Fact? {
        let hits = doc.facts(concept, line: line).filter { $0.scenario == scenario }
        return hits.count == 1 ? hits[0] : nil
    }

    @Test func mislabelledEquitySubtotalIsMappedByWhatItSums() throws {
        let doc = try #require(try TextFixture.mapped(annual + TextFixture.lines(
            "Balansräkning", "",
            "Belopp i kr.\tNot\t2023-12-31\t2022-12-31",
            "Summa tillgångar\t\t15 691 256\t10 239 945",
            "Eget kapital, avsättningar och skulder\t\t\t",
            "Eget kapital\t\t\t",
            "Årets resultat\t\t896 674\t1 250 047",
            "Övrigt eget kapital\t\t4 002 230\t2 752 183",
            "Summa Eget kapital, avsättningar och skulder\t\t4 898 904\t4 002 230",
            "Skulder\t\t\t",
            "Kortfristiga skulder\t7\t10 792 352\t6 237 715",
            "Summa eget kapital, avsättningar och skulder\t\t15 691 256\t10 239 945")).first)
        let t = try #require(doc.table("Balansräkning"))
        let subtotal = try #require(t.row(line: 14))
        #expect(subtotal.concept == "EgetKapital")
        #expect(subtotal.mappingNote?.contains("summerar") == true)
        #expect(t.row(line: 17)?.concept == "SummaEgetKapitalAvsattningarSkulder")
        #expect(doc.fact("EgetKapital", period: .instant(day("2023-12-31")))?.value == 4_898_904)
        #expect(doc.fact("SummaEgetKapitalAvsattningarSkulder", period: .instant(day("2023-12-31")))?.value == 15_691_256)
    }

    @Test func netCostLabelThatSumsTheCostsIsTheCosts() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "", "## RESULTATRÄKNING", "",
            "Ankarsvik\t\t2024-01-01 2024-06-30",
            "Verksamhetens intäkter\t\t",
            "Summa verksamhetens intäkter\t\t12 093 929",
            "Verksamheten kostnader\t\t",
            "Kostnader för samverkansinsatser\tNot 2\t-9 627 932",
            "Kostnader för lokaler\t\t-150 000",
            "Avskrivningar\t\t",
            "Avskrivningar inventarier\t\t0",
            "Verksamhetens nettokostnader\t\t-9 777 932",
            "Verksamhetens resultat\t\t2 315 997")).first)
        let t = try #require(doc.table("Resultaträkning"))
        #expect(t.row(line: 15)?.concept == "VerksamhetensKostnader")
        #expect(t.row(line: 16)?.concept == "VerksamhetensNettokostnad")
        let costs = try #require(doc.fact("VerksamhetensKostnader", period: period("2024-01-01", "2024-06-30")))
        #expect(costs.value == 9_777_932)
    }

    @Test func noteTotalTakesTheStatementLinesConcept() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "Delårsredovisning", "", "1 januari-30 juni 2023", "",
            "3. Balansräkning", "",
            "\tNot\t2023-06-30\t2022-12-31",
            "Avsättningar\t\t\t",
            "Avsättningar för pensioner\t5\t140 413\t140 413",
            "Kortfristiga skulder\t\t\t",
            "Leverantörsskulder\t\t52 108\t1 589 689", "",
            "Not 5 Avsatt till pensioner", "",
            "\t2023-06-30\t2022-12-31",
            "Avsättning pensioner\t113 000\t113 000",
            "Avsättning löneskatt\t27 413\t27 413",
            "Summa kortfristiga skulder\t140 413\t140 413", "",
            "Not 6 Fordringar", "",
            "\t2023-06-30\t2022-12-31",
            "Kundfordringar\t100\t200",
            "Summa\t100\t200")).first)
        let note = try #require(doc.tables.first { $0.noteNumber == "5" })
        let total = try #require(note.row(line: 18))
        #expect(total.concept == "Avsattningar")
        #expect(total.mappingNote?.contains("Summa kortfristiga skulder") == true)
        #expect(note.row(line: 16)?.concept == "AvsattningPensioner")
        // An unreferenced note's bare total takes the concept its title names.
        let n6 = try #require(doc.tables.first { $0.noteNumber == "6" })
        #expect(n6.rows.last?.concept == "Fordringar")
    }

    @Test func budgetTableSectionsMembersAndInterventions() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "# Delårsrapport.", "", "Till och med 2023-06-30", "", "## Ekonomisk redovisning", "",
            "<b>Intäkter</b>\t<b>Budget 2023</b>\t<b>Utfall per 2023-06-30</b>",
            "Region Norrvik\t1 562 500\t781 250",
            "Arbetsförmedlingen + Försäkringskassan\t3 125 000\t1 562 500",
            "Projektmedel ESF\t3 764 000\t173 099",
            "<b>Totalt</b>\t<b>8 451 500</b>\t<b>2 516 849</b>",
            "<b>Utgifter/Kostnader</b>\t\t",
            "<i>Fasta kostnader</i>\t\t",
            "Kansli\t2 000 000\t1 086 335",
            "<b>Individinsatser</b>\t\t",
            "Myndighetsgemensamt team\t2 500 000\t874 982",
            "<b>Totalt</b>\t<b>4 500 000</b>\t<b>1 961 317</b>",
            "<b>Resultat</b>\t<b>3 951 500</b>\t<b>555 532</b>")).first)
        let h1 = period("2023-01-01", "2023-06-30")
        #expect(doc.fact("Medlemsavgift", period: h1, member: "Region Norrvik")?.value == 781_250)
        #expect(doc.fact("Medlemsavgift", scenario: .budget, period: year(2023), member: "Arbetsförmedlingen + Försäkringskassan")?.value == 3_125_000)
        #expect(doc.fact("EUBidrag", period: h1)?.value == 173_099)
        #expect(doc.fact("VerksamhetensIntakter", period: h1)?.value == 2_516_849)
        #expect(doc.fact("Kanslikostnader", period: h1)?.value == 1_086_335)
        #expect(doc.fact("KostnadInsats", period: h1, member: "Myndighetsgemensamt team")?.value == 874_982)
        #expect(doc.fact("VerksamhetensKostnader", period: h1)?.value == 1_961_317)
        #expect(doc.fact("AretsResultat", scenario: .budget, period: year(2023))?.value == 3_951_500)
        #expect(doc.unmapped.isEmpty)
    }

    @Test func finalTotalOfIncomeAndCostsIsTheResult() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "Driftsredovisning (belopp i TSEK)\t\t\t",
            "\tBudget\tUtfall\tDiff mot budget",
            "<b>Summa intäkter</b>\t<b>12 050</b>\t<b>12 094</b>\t<b>44</b>",
            "Styrelse\t-400\t-177\t223",
            "<b>Summa kansli och styrelse</b>\t<b>-400</b>\t<b>-177</b>\t<b>223</b>",
            "<b>Summa samverkansinsatser</b>\t<b>-10 329</b>\t<b>-9 628</b>\t<b>701</b>",
            "<b>Totalt 2024-06-30</b>\t<b>1 321</b>\t<b>2 289</b>\t<b>968</b>")).first)
        let t = try #require(doc.tables.first)
        #expect(t.row(line: 11)?.concept == "AretsResultat")
        let h1 = period("2024-01-01", "2024-06-30")
        #expect(doc.fact("AretsResultat", period: h1)?.value == 2_289_000)
        // Costs in natural sign; differences as printed.
        #expect(doc.fact("StyrelseKostnader", period: h1)?.value == 177_000)
        #expect(doc.fact("StyrelseKostnader", scenario: .differens, period: h1)?.value == 223_000)
    }

    @Test func ratioRowIsTheRowAboveAsKvot() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "Kostnad förtroendevalda och förvaltning, TSEK\t\t",
            "\tUtfall 2024-06-30\tBudget 2024-12-31",
            "Förtroendevalda\t177\t800",
            "Utfall mot budget\t22%\t")).first)
        let ratio = try #require(doc.facts("StyrelseKostnader", line: 8).first)
        #expect(ratio.scenario == .kvot)
        #expect(ratio.unit == .pure)
        #expect(ratio.value == Decimal(string: "0.22"))
        #expect(doc.fact("StyrelseKostnader", scenario: .budget, period: year(2024))?.value == 800_000)
    }

    @Test func signsAreNatural() throws {
        let doc = try #require(try TextFixture.mapped(annual + TextFixture.lines(
            "Resultaträkning", "",
            "Belopp i kr.\t2023-01-01 -2023-12-31",
            "Verksamhetens intäkter\t26 019 221",
            "Övriga kostnader\t-699 417",
            "Lokalkostnader\t35 577",
            "Personalkostnader\t-6 126 773",
            "Avskrivningar\t-67 115",
            "Årets resultat\t-896 674", "",
            "Not 5. Anläggningstillgångar", "",
            "\t2023-12-31",
            "Ingående anskaffningsvärde\t389 453",
            "Inköp\t38 896",
            "Ingående avskrivningar\t-126 452",
            "Årets avskrivningar\t-67 115",
            "Utgående redovisat värde\t234 782")).first)
        let y = year(2023)
        #expect(doc.fact("OvrigaKostnader", period: y)?.value == 699_417)
        // Printed with the other sign than the other costs: a reversal.
        #expect(doc.fact("Lokalkostnader", period: y)?.value == -35_577)
        #expect(doc.fact("AretsResultat", period: y)?.value == -896_674)
        // Depreciation is a cost whether the statement or the asset note prints it.
        #expect(doc.facts.filter { $0.concept == "Avskrivningar" }.map(\.value) == [67_115, 67_115])
        // An opening balance is at the day before the period it opens.
        #expect(doc.fact("AnskaffningsvardeIngaende", period: .instant(day("2022-12-31")))?.value == 389_453)
        #expect(doc.fact("Inventarier", period: .instant(day("2023-12-31")))?.value == 234_782)
    }

    @Test func participantsByColumnsWithGenderAndShares() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "# Uppföljning av insatser", "", "Kvartal 1 och 2 år 2024", "",
            "Tabell 6. Deltagare", "",
            "Rapportering\t\tInregistrerade perioden jan-juni\t\t\tPågående deltagare per 30 juni\t\t",
            "\t\tK\tM\tS:a\tK\tM\tS:a",
            "Individinsats\tKommun\t\t\t\t\t\t",
            "Jobbcentrum\tEnköping\t27\t18\t45\t54\t44\t98",
            "<b>Totalt</b>\t\t<b>27</b>\t<b>18</b>\t<b>45</b>\t<b>54</b>\t<b>44</b>\t<b>98</b>",
            "Fördelning kvinnor/män\t\t60%\t40%\t\t55%\t45%\t")).first)
        let h1 = period("2024-01-01", "2024-06-30")
        let women = doc.facts.filter { $0.concept == "DeltagareInskrivna" && $0.member == "Jobbcentrum" && $0.dimensions["kön"] == "kvinnor" }
        #expect(women.map(\.value) == [27])
        #expect(women.first?.unit == .personer)
        #expect(women.first?.period == h1)
        #expect(women.first?.dimensions["ägare"] == "Enköping")
        #expect(doc.facts.contains { $0.concept == "DeltagarePagaende" && $0.member == nil && $0.dimensions.isEmpty && $0.value == 98 && $0.period == .instant(day("2024-06-30")) })
        let share = doc.facts.filter { $0.concept == "DeltagareInskrivnaAndel" && $0.dimensions["kön"] == "män" }
        #expect(share.map(\.value) == [Decimal(string: "0.4")!])
        #expect(share.first?.unit == .pure)
        #expect(doc.unmapped.isEmpty)
    }

    @Test func participantsByRowsWithGenderColumns() throws {
        let doc = try #require(try TextFixture.mapped(annual + TextFixture.lines(
            "### Deltagare", "",
            "Deltagare 2023\tKvinnor\tMän\tTotalt",
            "Inskrivna\t46\t38\t84",
            "Pågående vid årets slut\t41\t35\t76")).first)
        #expect(doc.facts.contains { $0.concept == "DeltagareInskrivna" && $0.dimensions["kön"] == "män" && $0.value == 38 && $0.period == year(2023) })
        #expect(doc.facts.contains { $0.concept == "DeltagarePagaende" && $0.dimensions.isEmpty && $0.value == 76 && $0.period == .instant(day("2023-12-31")) })
    }

    @Test func surveyAnswersInPairedColumns() throws {
        let doc = try #require(try TextFixture.mapped(annual + TextFixture.lines(
            "Personal i insatserna", "",
            "Antal tillfrågade\tAntal svar\tSvarsfrekvens",
            "14\t9\t64%", "",
            "Personal 2023 (9 svar 2023)\tNegativt\tVarken eller\tPositivt (Klart positivt)",
            "Får stödet ta den tid som behövs?\t11%\t22%\t66% (55%)")).first)
        #expect(doc.facts.contains { $0.concept == "EnkatAntalSvar" && $0.member == "Personal i insatserna" && $0.value == 9 && $0.unit == .personer })
        #expect(doc.facts.contains { $0.concept == "EnkatSvarsfrekvens" && $0.value == Decimal(string: "0.64") })
        #expect(doc.facts.contains { $0.concept == "EnkatSvarKlartPositivtAndel" && $0.member == "Får stödet ta den tid som behövs?" && $0.value == Decimal(string: "0.55") })
        #expect(doc.facts.contains { $0.concept == "EnkatSvarPositivtAndel" && $0.value == Decimal(string: "0.66") })
        #expect(doc.unmapped.isEmpty)
    }

    @Test func countsInAThousandsTableAreNotThousands() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "### Översikt över verksamhetens utveckling (TSEK)", "",
            "\t2024-06-30\t2023-06-30",
            "Intäkter\t12 094\t12 174",
            "Soliditet\t40%\t42%",
            "Antal anställda\t5\t6")).first)
        let staff = try #require(doc.facts("AntalAnstallda", line: 10).first)
        #expect(staff.value == 5)
        #expect(staff.decimals == 0)
        #expect(doc.fact("Soliditet", period: .instant(day("2024-06-30")))?.value == Decimal(string: "0.4"))
        #expect(doc.fact("VerksamhetensIntakter", period: period("2024-01-01", "2024-06-30"))?.value == 12_094_000)
    }

    @Test func inclusiveTotalAboveItsParts() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "**Kallelse till styrelsemöte**", "", "**Dag** torsdagen den 24 oktober 2024", "",
            "PROGNOS, belopp i TSK\tBudget 2024",
            "<b>KOSTNADER</b>\t",
            "Samverkansinsatser\t21 637",
            "Bryggan\t20 657",
            "S:a samverkansinsats\t20 657",
            "Ekonom projektstöd\t980",
            "S:a övr samverkansin\t980",
            "<b>S:A KOSTNADER</b>\t<b>21 637</b>")).first)
        let t = try #require(doc.tables.first)
        #expect(t.row(line: 7)?.concept == "KostnaderInsatserTotalt")
        #expect(t.row(line: 9)?.concept == "KostnaderInsatser")
        #expect(t.row(line: 10)?.concept == "KostnaderOvrigaInsatser")
        #expect(t.row(line: 10)?.member == "Ekonom projektstöd")
    }

    @Test func adjustedResultInABalanceRequirementTable() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "# Delårsrapport 2024", "", "2024-06-30", "",
            "## Balanskravsavstämning (tkr)", "",
            "\t2008\t2009",
            "Årets resultat\t9 639\t10 261",
            "Reservfond\t-1 000\t",
            "Årets resultat\t8 639\t10 261")).first)
        #expect(doc.fact("AretsResultat", period: year(2008))?.value == 9_639_000)
        #expect(doc.fact("BalanskravsResultat", period: year(2008))?.value == 8_639_000)
        #expect(doc.fact("Reservfond", period: .instant(day("2008-12-31")))?.value == 1_000_000)
    }

    @Test func oneDateColumnsInAnInterimReport() throws {
        let doc = try #require(try TextFixture.mapped(TextFixture.lines(
            "Delårsredovisning", "", "1 januari-30 juni 2023", "",
            "Not 2 Verksamhetens intäkter", "",
            "\t2023-06-30\t2022-12-31",
            "Driftbidrag från staten\t2 000 000\t4 000 000", "",
            "Not 6 Kortfristiga skulder", "",
            "\t2023-06-30\t2022-12-31",
            "Leverantörsskulder\t52 108\t1 589 689")).first)
        // A flow headed with one date runs from the document's start; the prior year's column is the whole year.
        #expect(doc.fact("Medlemsavgift", period: period("2023-01-01", "2023-06-30"), member: "staten")?.value == 2_000_000)
        #expect(doc.fact("Medlemsavgift", period: year(2022), member: "staten")?.value == 4_000_000)
        // A balance is at the day.
        #expect(doc.fact("Leverantorsskulder", period: .instant(day("2022-12-31")))?.value == 1_589_689)
    }

    @Test func equityRollForwardOpensAtTheStart() throws {
        let doc = try #require(try TextFixture.mapped(annual + TextFixture.lines(
            "Förändring av eget kapital", "",
            "Belopp i kr.\t2023\t2022",
            "Ingående eget kapital\t4 002 230\t2 752 183",
            "Årets resultat\t896 674\t1 250 047",
            "Utgående eget kapital\t4 898 904\t4 002 230")).first)
        // The opening balance of 2023 and the closing balance of 2022 are the same fact, printed twice.
        let end2022 = doc.facts.filter { $0.concept == "EgetKapital" && $0.period == .instant(day("2022-12-31")) }
        #expect(end2022.map(\.value) == [4_002_230, 4_002_230])
        #expect(Set(end2022.map(\.source.line)) == [9, 11])
        #expect(doc.fact("EgetKapital", period: .instant(day("2023-12-31")))?.value == 4_898_904)
        #expect(doc.fact("EgetKapital", period: .instant(day("2021-12-31")))?.value == 2_752_183)
    }

    @Test func everyNumberBearingRowIsAFactOrListed() throws {
        let doc = try #require(try TextFixture.mapped(annual + TextFixture.lines(
            "Resultaträkning", "",
            "Belopp i kr.\t2023-01-01 -2023-12-31",
            "Verksamhetens intäkter\t100",
            "Något ingen regel känner\t42")).first)
        let unmapped = try #require(doc.unmapped.first)
        #expect(unmapped.label == "Något ingen regel känner")
        #expect(unmapped.values == ["42"])
        #expect(unmapped.source.line == 10)
        #expect(unmapped.table == "Resultaträkning")
    }
}
