import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamReaders

@Suite("SIE 5 reader")
struct SIE5Tests {
    static func sie5(_ body: String, doctype: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(doctype)<Sie xmlns="http://www.sie.se/sie5">
          <FileInfo>
            <SoftwareProduct name="Test" version="1" />
            <Company organizationId="5560000001" name="Åkerö Bygg AB" />
            <FiscalYears><FiscalYear start="2024-01" end="2024-12" primary="true" /></FiscalYears>
          </FileInfo>
          <Accounts>
            <Account id="1930" name="Bank" type="asset">
              <OpeningBalance month="2024-01" amount="100" />
              <ClosingBalance month="2024-12" amount="150.00" />
            </Account>
            <Account id="3010" name="Försäljning" type="income">
              <ClosingBalance month="2024-12" amount="-50" />
              <Budget month="2024-03" amount="-20.50" />
              <Budget month="2024-09" amount="-30" />
            </Account>
          </Accounts>
        \(body)
        </Sie>
        """
    }

    @Test func officialSampleIsSignedAndItsStruckEntriesDoNotCount() throws {
        guard let dir = Repo.sharedSIE else { print(Repo.sharedMissing); return }
        let file = (dir as NSString).appendingPathComponent("15_official-SIE5-Sample_Edison-Ekonomi-6.0B_signed.sie")
        let ledger = try SIE5Parser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))), path: file)
        #expect(ledger.signed == true)
        #expect(ledger.companyName == "Övningsbolaget AB")
        #expect(ledger.orgnr == "555555-5555")
        // MANIFEST: 91 JournalEntry, 353 LedgerEntry; 10 of them struck out.
        #expect(ledger.recordCounts["<JournalEntry>"] == 91)
        #expect(ledger.recordCounts["<LedgerEntry>"] == 353)
        #expect(ledger.recordCounts["<LedgerEntry> struken (<Overstrike>)"] == 10)
        // Balances read only under <Account>, not the subdivided accounts' <Balances>.
        #expect(ledger.amounts[LedgerColumn(kind: .ub, year: 0)]?["1219"]?.ore == -15_072_183)
        #expect(ledger.amounts[LedgerColumn(kind: .ib, year: 0)]?["1210"]?.ore == 42_005_000)
        // With the struck entries left out, the closing balances equal opening balances plus the entries.
        let doc = try LedgerDocument.make(ledger)
        #expect(!doc.diagnostics.contains { $0.code == "sie.ub" || $0.code == "sie.ver-balans" }, "\(doc.diagnostics)")
    }

    @Test func sampleIsNotSigned() throws {
        let doc = try #require(try SIEFixture.read(Repo.sample("norrvik-2024.sie")).documents?.first)
        #expect(doc.format == .sie5)
        #expect(doc.tables[0].readingNotes.contains("filen är inte signerad"))
        #expect(doc.diagnostics.filter { $0.severity >= .warning }.isEmpty, "\(doc.diagnostics)")
    }

    @Test func readsBalancesAndSwedishText() throws {
        let dir = try TempDir()
        let path = try dir.write("a.sie", SIE5Tests.sie5(""))
        let doc = try #require(try SIEFixture.read(path).documents?.first)
        #expect(doc.organisation == Organisation(name: "Åkerö Bygg AB", orgnr: "556000-0001"))
        #expect(doc.period == year(2024))
        let ledger = doc.tables[0]
        let bank = try #require(ledger.rows.first { $0.account == "1930" })
        let ub = try #require(ledger.columns.firstIndex { $0.header == "UB 0" })
        #expect(bank.cells[ub]?.value == 150)
        let res = try #require(ledger.columns.firstIndex { $0.header == "RES 0" })
        #expect(ledger.rows.first { $0.account == "3010" }?.cells[res]?.value == -50)
        #expect(ledger.rows.first { $0.account == "3010" }?.label == "Försäljning")
        // Budgets of any month of the year add up to the year's budget.
        let budget = try #require(ledger.columns.firstIndex { $0.header == "PBUDGET 0" })
        #expect(ledger.rows.first { $0.account == "3010" }?.cells[budget]?.value == Decimal(string: "-50.5"))
        #expect(!doc.diagnostics.contains { $0.code == "sie5.saldo" })
    }

    @Test func unbalancedEntryIsAFinding() throws {
        let dir = try TempDir()
        let text = SIE5Tests.sie5("""
              <Journal id="A" name="Test">
                <JournalEntry id="1" journalDate="2024-03-01" text="Fel">
                  <LedgerEntry accountId="1930" amount="50" />
                  <LedgerEntry accountId="3010" amount="-49.50" />
                </JournalEntry>
              </Journal>
            """)
        let path = try dir.write("obalans.sie", text)
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("<JournalEntry") }) + 1
        let result = try SIEFixture.pipeline().run(paths: [path])
        let finding = try #require(result.findings.first { $0.rule == "sie.ver-balans" })
        #expect(finding.locations.first?.line == line)
        #expect(finding.message.contains("0.50"))
    }

    @Test func dtdAndEntityBombsAreRefused() throws {
        let dir = try TempDir()
        let bomb = """
            <!DOCTYPE Sie [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            ]>
            """
        let path = try dir.write("bomb.sie", SIE5Tests.sie5("<Journal id=\"&c;\" name=\"x\" />", doctype: bomb))
        let result = try SIEFixture.pipeline().run(paths: [path, Repo.sample("norrvik-2024.sie")])
        let error = try #require(result.errors.first)
        #expect(error.file == path)
        #expect(error.message.contains("DTD"))
        #expect(result.documents.count == 1)
    }

    @Test func malformedXMLIsAnErrorWithLine() throws {
        let dir = try TempDir()
        let text = SIE5Tests.sie5("<Journal id=\"A\">\n<JournalEntry id=\"1\" journalDate=\"2024-01-01\">\n</Journal>")
        let path = try dir.write("trasig.sie", text)
        let error = try #require(try SIEFixture.read(path).error)
        #expect(error.message.contains("ogiltig XML"))
        #expect(error.line == text.components(separatedBy: "\n").firstIndex { $0 == "</Journal>" }! + 1)
    }
}
