import Foundation
import Testing
@testable import FinsamMapping
@testable import FinsamModel

/// Which rows each total sums: inferred from layout and figures, never configured per document.
@Suite("Structure: totals and their items")
struct RuleStructureTests {
    let two = [TableText.column("2024"), TableText.column("2023")]
    let one = [TableText.column("2024")]

    @Test func totalBelowItemsWithSectionHeaders() {
        let t = TableText.table("Budget", columns: [TableText.column("Budget 2023", .budget, "2023"), TableText.column("Utfall", .utfall, "2023-01-01..2023-06-30")], """
            **Intäkter
            Medlemmar | 1 000 | 500
            Projektmedel | 2 000 | 100
            **Totalt | 3 000 | 600
            **Kostnader
            Fasta kostnader
            Kansli | 1 500 | 700
            Styrelse | 200 | 50
            **Insatser
            Team | 900 | 300
            Nya insatser | 100 | 0
            **Totalt | 2 700 | 1 050
            **Resultat | 300 | -450
            """)
        #expect(Stages.links(t) == ["13=+11+12", "21=+16+17+19+20", "22=+13-21"])
    }

    @Test func totalAboveItsItems() {
        // A header row that carries its section's total, as in a forecast: the items follow it.
        let t = TableText.table("Prognos", columns: [TableText.column("Budget", .budget, "2023"), TableText.column("Utfall", .utfall, "2023-01-01..2023-06-30"), TableText.column("Prognos", .prognos, "2023")], """
            Direkta kostnader
            Individinsatser | 6 242 463 | 3 065 390 | 6 172 249
            Coachingteam | 3 997 000 | 1 977 401 | 3 997 000
            Arbetsträning | 158 724 | 101 399 | 158 724
            Samverkansteam | 1 165 693 | 574 187 | 1 165 693
            Mottagningsteam | 351 068 | 139 821 | 280 854
            Coachingteam Lekeberg | 569 978 | 272 582 | 569 978
            Strukturella insatser | 1 056 083 | 449 966 | 766 341
            Insatskatalogen | 192 000 | 108 000 | 192 000
            Förbundschef | 225 000 | 122 626 | 225 000
            Verksamhetsutveckling | 144 083 | 0 | 1
            Strukturell samverkan | 280 000 | 44 779 | 144 779
            Utbildning | 215 000 | 174 561 | 204 561
            Summa direkta kostnader | 7 298 546 | 3 515 356 | 6 938 590
            """)
        #expect(Stages.links(t) == ["11=+12+13+14+15+16", "17=+18+19+20+21+22", "23=+11+17"])
    }

    @Test func nestedSubtotalsOfABalanceSheet() {
        let t = TableText.table("Balansräkning", kind: .balansrakning, columns: two, """
            Tillgångar
            Anläggningstillgångar
            Inventarier | 48 000 | 72 000
            Summa anläggningstillgångar | 48 000 | 72 000
            Omsättningstillgångar
            Fordringar | 1 215 400 | 980 300
            Kassa och bank | 4 610 900 | 4 125 600
            Summa omsättningstillgångar | 5 826 300 | 5 105 900
            **Summa tillgångar | 5 874 300 | 5 177 900
            Eget kapital, avsättningar och skulder
            Eget kapital
            Årets resultat | 360 000 | 570 000
            Övrigt eget kapital | 2 640 000 | 2 070 000
            Summa eget kapital | 3 000 000 | 2 640 000
            Avsättningar för pensioner | 0 | 0
            Kortfristiga skulder | 2 874 300 | 2 537 900
            **Summa eget kapital, avsättningar och skulder | 5 874 300 | 5 177 900
            """)
        #expect(Stages.links(t) == ["13=+12", "17=+15+16", "18=+13+17", "23=+21+22", "26=+23+24+25"])
    }

    @Test func zeroSubtotalsStayUnderTheirHeading() {
        let t = TableText.table("Balansräkning", kind: .balansrakning, columns: two, """
            Anläggningstillgångar
            Inventarier | 0 | 0
            Summa anläggningstillgångar | 0 | 0
            Omsättningstillgångar
            Fordringar | 45 250 | 83 606
            Kassa och bank | 12 251 982 | 13 405 061
            Summa omsättningstillgångar | 12 297 232 | 13 488 667
            SUMMA TILLGÅNGAR | 12 297 232 | 13 488 667
            """)
        let links = Stages.links(t)
        #expect(links.contains("12=+11"))
        #expect(links.contains("16=+14+15"))
        #expect(links.contains("17=+16") || links.contains("17=+12+16"))
    }

    @Test func resultIsIncomeLessCostsWhicheverWayCostsArePrinted() {
        let positive = TableText.table("Budget", columns: one, """
            Summa intäkter | 10 014 000
            Kansli | 2 000 000
            Insatser | 8 769 000
            Summa kostnader | 10 769 000
            Resultat | -755 000
            """)
        #expect(Stages.links(positive) == ["13=+11+12", "14=+10-13"])
        let negative = TableText.table("Resultaträkning", kind: .resultatrakning, columns: two, """
            Verksamhetens intäkter | 26 019 221 | 31 379 624
            Verksamhetens kostnader | -25 275 195 | -30 111 481
            Avskrivningar | -67 115 | -63 226
            Verksamhetens nettokostnad | 676 911 | 1 204 917
            Finansiella intäkter | 230 063 | 53 040
            Finansiella kostnader | -10 300 | -7 910
            Resultat efter finansiella poster | 896 674 | 1 250 047
            Extraordinära poster | 0 | 0
            Årets resultat | 896 674 | 1 250 047
            """)
        #expect(Stages.links(negative) == ["13=+10+11+12", "16=+13+14+15", "18=+16+17"])
    }

    @Test func aCashFlowStatementChainsItsTotals() {
        let t = TableText.table("Kassaflödesanalys", kind: .kassaflodesanalys, columns: two, """
            Årets resultat | 896 674 | 1 250 047
            Justering för ej likviditetspåverkande poster | 67 115 | 63 226
            Medel från verksamheten före förändring av rörelsekapital | 963 789 | 1 313 273
            Ökning/minskning kortfristiga fordringar | -2 662 163 | 3 423 282
            Ökning/minskning kortfristiga skulder | 4 554 637 | -1 906 259
            Kassaflöde för den löpande verksamheten | 2 856 262 | 2 830 296
            Kassaflöde från investeringsverksamheten | -38 896 | 0
            Kassaflöde från finansieringsverksamheten | 0 | 0
            Årets kassaflöde | 2 817 366 | 2 830 296
            Likvida medel vid årets början | 7 667 846 | 4 837 550
            Likvida medel vid årets slut | 10 485 213 | 7 667 846
            """)
        #expect(Stages.links(t) == ["12=+10+11", "15=+12+13+14", "18=+15+16+17", "20=+18+19"])
    }

    @Test func theColumnsThatAddUpDecideTheItemsOfAWrongTotal() {
        // The budget total is 10 000 off; the outcome column still shows what it totals.
        let t = TableText.table("Budget", columns: [TableText.column("Budget 2023", .budget, "2023"), TableText.column("Utfall", .utfall, "2023-01-01..2023-06-30")], """
            Kostnader
            Kansli | 2 000 000 | 1 086 335
            Styrelse | 180 000 | 47 522
            Individinsatser
            Team | 2 500 000 | 874 982
            ESF | 4 764 000 | 132 390
            Strukturella insatser
            Information | 50 000 | 0
            Utveckling | 1 255 000 | 176 430
            **Totalt | 10 759 000 | 2 317 659
            """)
        #expect(Stages.links(t) == ["19=+11+12+14+15+17+18"])
    }

    @Test func aCoincidenceDoesNotBreakTheSumBelowIt() {
        // By the Finsam shares a region pays what its municipalities pay together: a row equal to the two
        // below it in every column, which must not be taken for their total.
        let t = TableText.table("Not 2 Verksamhetens intäkter", kind: .not, note: "2", columns: two, """
            Driftbidrag från staten | 2 000 000 | 4 000 000
            Driftbidrag från Region Örebro län | 1 000 000 | 2 000 000
            Driftbidrag från Örebro kommun | 950 000 | 1 900 000
            Driftbidrag från Lekebergs kommun | 50 000 | 100 000
            Ersättning för höga sjuklönekostnader | 4 544 | 38 718
            Summa verksamhetens intäkter | 4 004 544 | 8 038 718
            """)
        #expect(Stages.links(t) == ["15=+10+11+12+13+14"])
    }

    @Test func aTotalLessOneOfItsItems() {
        let t = TableText.table("Not 5 Kostnader för personal", kind: .not, note: "5", columns: two, """
            Arvoden | -137 659 | -171 998
            Löner | -1 594 378 | -1 377 494
            Personalkostnad projektanställd SMAIL | - | -284 239
            Summa kostnader för personal | -1 732 037 | -1 833 731
            Summa personalkostnader exkl projektledare SMAIL | -1 732 037 | -1 549 492
            """)
        #expect(Stages.links(t) == ["13=+10+11+12", "14=-12+13"])
    }

    @Test func aRollForwardWithoutTheWordSumma() {
        let t = TableText.table("Not 5. Anläggningstillgångar", kind: .not, note: "5", columns: two, """
            Ingående anskaffningsvärde | 389 453 | 389 453
            Inköp | 38 896 | 0
            Försäljning | 0 | 0
            Utgående anskaffningsvärde | 428 349 | 389 453
            Ingående avskrivningar | -126 452 | -63 226
            Årets avskrivningar | -67 115 | -63 226
            Utgående ackumulerade avskrivningar | -193 567 | -126 452
            Utgående redovisat värde | 234 782 | 263 001
            """)
        #expect(Stages.links(t) == ["13=+10+11+12", "16=+14+15", "17=+13+16"])
    }

    @Test func aSummaThatAddsUpNowhereStillTotalsTheRowsAboveIt() {
        // One column, and the total is wrong: the layout says what it totals, so the rule can say it is wrong.
        let t = TableText.table("Prognos", columns: [TableText.column("Prognos 2023", .prognos, "2023")], """
            Medlemsintäkter | 6 250 000
            Projektmedel ESF | 3 764 000
            Summa | 10 014 000
            Utgifter/Kostnader
            Kansli | 2 000 000
            Styrelse | 180 000
            Insatser | 8 589 000
            Summa | 10 779 000
            Resultat | -755 000
            """)
        #expect(Stages.links(t) == ["12=+10+11", "17=+14+15+16", "18=+12-17"])
    }

    @Test func aTableOfContentsHasNoTotals() {
        let t = TableText.table("Innehåll", columns: one, """
            2.1 Översikt över verksamhetens utveckling | 9
            2.1.2 Verksamhetens ekonomi | 9
            2.2 Viktiga förhållanden för resultat och ekonomisk ställning | 10
            2.6.1 Måluppfyllelse och resultat | 10
            """)
        #expect(Stages.links(t).isEmpty)
    }

    @Test func breakdownsAreNotItems() {
        let t = TableText.table("Deltagare", columns: [TableText.column("Kvinnor"), TableText.column("Män")], """
            Inskrivna | 46 | 38
            Avslutade | 30 | 27
            varav till arbete eller studier | 12 | 10
            Summa | 76 | 65
            """)
        #expect(Stages.links(t) == ["13=+10+11"])
    }
}
