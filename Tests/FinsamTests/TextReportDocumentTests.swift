import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamReaders

/// Who, what kind, which period: from the first lines of a report or of each enclosure of a board paper.
@Suite("Text reports: documents")
struct TextReportDocumentTests {
    @Test func interimReportWithSwedishMonthPeriod() throws {
        let doc = try #require(try TextFixture.read(TextFixture.lines(
            "Dnr", "", "Finsam finansiell samordning", "Lekvik Norrby", "", "Delårsredovisning", "",
            "1 januari-30 juni 2023", "", "Beslutad av styrelsen 2023-09-13", "", "Organisationsnummer: 222000-9999")).first)
        #expect(doc.kind == .delarsrapport)
        #expect(doc.title == "Delårsredovisning")
        #expect(doc.period == period("2023-01-01", "2023-06-30"))
        #expect(doc.decisionDate == day("2023-09-13"))
        #expect(doc.organisation == Organisation(name: "Finsam Lekvik Norrby", orgnr: "222000-9999"))
    }

    @Test func tillOchMedAndUppercaseName() throws {
        let doc = try #require(try TextFixture.read(TextFixture.lines(
            "# Delårsrapport.", "", "Till och med 2023-06-30", "", "SAMORDNINGSFÖRBUNDET", "ÖSTRA VIK")).first)
        #expect(doc.period == period("2023-01-01", "2023-06-30"))
        #expect(doc.organisation.name == "Samordningsförbundet Östra Vik")
        #expect(doc.organisation.orgnr == nil)
    }

    @Test func planWithDecisionDate() throws {
        let doc = try #require(try TextFixture.read(TextFixture.lines(
            "# Verksamhetsplan 2024.", "", "Beslutad av styrelsen 2023-11-27", "", "Samordningsförbundet  ", "**Sundvik**")).first)
        #expect(doc.kind == .verksamhetsplan)
        #expect(doc.period == year(2024))
        #expect(doc.decisionDate == day("2023-11-27"))
        #expect(doc.organisation.name == "Samordningsförbundet Sundvik")
    }

    @Test func annualReportAndRangePeriod() throws {
        let doc = try #require(try TextFixture.read(TextFixture.lines(
            "# Årsredovisning 2024", "", "Räkenskapsår 2024-01-01 -2024-12-31")).first)
        #expect(doc.kind == .arsredovisning)
        #expect(doc.period == year(2024))
    }

    @Test func boardPaperIsReadAsItsParts() throws {
        let text = TextFixture.lines(
            "**Kallelse till Samordningsförbundets styrelsemöte**", "",
            "**Dag** torsdagen den 24 oktober 2024", "",
            "Nr\tÄrenderubrik", "5\tDelårsrapport 2024", "",
            "## **Ekonomisk information per 2024-10-24**", "",
            "Prognos (tkr)\tBudget 2024\tPrognos 2024",
            "Medlemsavgifter\t23 322\t23 322", "",
            "## **Delårsrapport 2024**", "",
            "### **Förslag till beslut**", "",
            "# Delårsrapport", "", "# 2024", "", "2024-06-30", "",
            "Samordningsförbundet  ", "Uppsala vik", "",
            "## RESULTATRÄKNING", "",
            "Samordningsförbundet Uppsala vik, 222000-2576\t2024-01-01 2024-06-30",
            "Årets resultat\t-619 833", "",
            "## **Uppföljning av insatser inom Samordningsförbundet Uppsala vik Kvartal 1 och 2 år 2024**", "",
            "Förslaget är att styrelsen lägger uppföljningen till handlingarna.", "",
            "Tabell 6. Deltagare", "",
            "Insats\tInskrivna", "Bryggan\t12")
        let docs = try TextFixture.read(text)
        #expect(docs.map(\.kind) == [.kallelse, .delarsrapport, .other])
        #expect(docs.map(\.source) == ["fixture.txt", "fixture.txt", "fixture.txt"])
        #expect(docs[0].lines == 1...12)
        #expect(docs[1].lines == 13...30)
        #expect(docs[2].lines?.lowerBound == 31)
        #expect(docs[0].period == year(2024))
        #expect(docs[0].decisionDate == day("2024-10-24"))
        #expect(docs[1].period == period("2024-01-01", "2024-06-30"))
        #expect(docs[2].period == period("2024-01-01", "2024-06-30"))
        #expect(docs.allSatisfy { $0.organisation == Organisation(name: "Samordningsförbundet Uppsala vik", orgnr: "222000-2576") })
        #expect(docs[0].tables.count == 1)
        #expect(docs[1].tables.map(\.title) == ["Resultaträkning"])
        #expect(docs[2].tables.map(\.title) == ["Tabell 6. Deltagare"])
    }

    @Test func aHeadingInsideAReportDoesNotStartAPart() throws {
        let docs = try TextFixture.read(TextFixture.lines(
            "**Kallelse till styrelsemöte**", "", "**Dag** måndagen den 3 mars 2025", "",
            "# Uppföljning av insatser", "",
            "Alla insatser följs upp kvartalsvis genom att styrgruppen lämnar in en kvartalsrapport till kansliet, och individinsatsernas resultat rapporteras genom förbundets uppföljningssystem varje månad."))
        #expect(docs.count == 1)
    }

    @Test func otherKindsOfDocument() throws {
        #expect(DocumentHeader.kind(of: "Tertialrapport 2 2024") == .delarsrapport)
        #expect(DocumentHeader.kind(of: "Budget 2025 med plan för 2026–2027") == .verksamhetsplan)
        #expect(DocumentHeader.kind(of: "Årsredovisningen har upprättats") == nil)
        #expect(DocumentHeader.kind(of: "Uppföljning av insatser kvartal 3") == .other)
        let doc = try #require(try TextFixture.read(TextFixture.lines("# Tertialrapport 2 2024", "", "Samordningsförbundet Ås")).first)
        #expect(doc.kind == .delarsrapport)
        #expect(doc.period == period("2024-01-01", "2024-08-31"))
    }

    @Test func missingPeriodIsADiagnosticNotAnError() throws {
        let doc = try #require(try TextFixture.read("Något helt annat\n\nRad\t12\n").first)
        #expect(doc.diagnostics.contains { $0.code == "text.no-period" })
    }

    @Test func swedishPeriodPhrases() {
        #expect(PeriodText.phrase(in: "1 januari – 30 juni 2023", year: nil) == .span(start: day("2023-01-01"), end: day("2023-06-30")))
        #expect(PeriodText.phrase(in: "jan-juni", year: 2024) == .span(start: day("2024-01-01"), end: day("2024-06-30")))
        #expect(PeriodText.phrase(in: "januari till och med 30 juni 2024", year: nil) == .span(start: day("2024-01-01"), end: day("2024-06-30")))
        #expect(PeriodText.phrase(in: "Pågående per 30 juni", year: 2024) == .at(day("2024-06-30")))
        #expect(PeriodText.phrase(in: "Kvartal 1 och 2 år 2024", year: nil) == .span(start: day("2024-01-01"), end: day("2024-06-30")))
        #expect(PeriodText.phrase(in: "Q3 2024", year: nil) == .span(start: day("2024-07-01"), end: day("2024-09-30")))
        #expect(PeriodText.dates(in: "2023-01-01 -2023-12-31") == [day("2023-01-01"), day("2023-12-31")])
        #expect(PeriodText.dates(in: "Utfall TSEK 23-06-30") == [day("2023-06-30")])
        #expect(PeriodText.years(in: "Budget 2024 - 2026") == [2024, 2026])
        #expect(PeriodText.years(in: "10 014 000").isEmpty)
    }
}
