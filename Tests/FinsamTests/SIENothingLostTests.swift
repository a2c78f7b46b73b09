import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline

/// Nothing lost in ledgers: every balance record of a SIE file (`#IB`, `#UB`, `#RES` in SIE 4; `<OpeningBalance>`,
/// `<ClosingBalance>` without object in SIE 5) is a row of the ledger that a statement line takes, or one the
/// mapping sets outside the statements with its reason, or an unmapped entry, or the line of a finding (a
/// duplicate record). The records are found here by their tags in the raw bytes, not with the reader's code.
enum BalanceRecordLines {
    /// `tags`: the SIE 4 records counted; period records (`#PSALDO`, `#PBUDGET`) are summed per account by the
    /// reader, so only the balances are required one by one.
    static func count(_ bytes: [UInt8], tags: Set<String> = ["#IB", "#UB", "#RES"]) -> Set<Int> {
        // Split on the bytes (a `\r\n` is one Character in Swift), each line as Latin-1: one character per byte,
        // and tags are ASCII whatever the file's encoding.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0.map { Unicode.Scalar($0) }))
        }
        let text = lines.joined(separator: "\n")
        var result = Set<Int>()
        if bytes.starts(with: Array("<?xml".utf8)) || text.contains("<Sie") {
            // SIE 5: an element that starts on this line, closed on it or by a later `</…>` with no
            // `<ObjectReference` before the close (balances per object are breakdowns, counted apart).
            // Only account balances, inside `<Accounts>`: the balances of invoices in sub-ledgers are details.
            var open: (line: Int, perObject: Bool)?
            var inAccounts = false
            for (i, line) in lines.enumerated() {
                for piece in line.components(separatedBy: "<").dropFirst() {
                    if piece.hasPrefix("Accounts") { inAccounts = true } else if piece.hasPrefix("/Accounts") { inAccounts = false }
                    guard inAccounts else { continue }
                    if piece.hasPrefix("OpeningBalance") || piece.hasPrefix("ClosingBalance") {
                        if piece.contains("/>") { result.insert(i + 1) } else { open = (i + 1, false) }
                    } else if piece.hasPrefix("ObjectReference"), open != nil {
                        open!.perObject = true
                    } else if piece.hasPrefix("/OpeningBalance") || piece.hasPrefix("/ClosingBalance"), let o = open {
                        if !o.perObject { result.insert(o.line) }
                        open = nil
                    }
                }
            }
            return result
        }
        for (i, line) in lines.enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let tag = fields.first, tags.contains(tag.uppercased()), fields.count >= 4 else { continue }
            result.insert(i + 1)
        }
        return result
    }
}

@Suite("Nothing lost in ledgers")
struct SIENothingLostTests {
    func check(_ path: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let expected = BalanceRecordLines.count(bytes)
        let result = try Repo.pipeline().run(paths: [path])
        #expect(result.errors.isEmpty, "\(path): \(result.errors)")
        let doc = try #require(result.documents.first, "\(path)")
        var covered = Set(doc.unmapped.map(\.source.line))
        covered.formUnion(result.findings.flatMap(\.locations).filter { $0.file == path }.map(\.line))
        for table in doc.tables where table.kind == .ledger {
            for row in table.rows where row.concept != nil || row.mappingNote?.hasPrefix("utanför räkningarna") == true {
                covered.formUnion(row.cells.compactMap { $0?.line })
            }
        }
        let lost = expected.subtracting(covered).sorted()
        #expect(lost.isEmpty, "\(path): balance records neither in a statement, set aside with a reason nor unmapped: \(lost.prefix(20))")
        // Unmapped entries name real balance records, not other lines.
        let records = BalanceRecordLines.count(bytes, tags: ["#IB", "#UB", "#RES", "#PSALDO", "#PBUDGET"])
        let stray = Set(doc.unmapped.map(\.source.line)).subtracting(records).sorted()
        #expect(stray.isEmpty, "\(path): unmapped entries at lines without a balance record: \(stray)")
    }

    @Test func samples() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repo.samples).filter { $0.hasSuffix(".se") || $0.hasSuffix(".sie") }
        #expect(files.count == 2)
        for f in files {
            #expect(!BalanceRecordLines.count(Array(try Data(contentsOf: URL(fileURLWithPath: Repo.sample(f))))).isEmpty)
            try check(Repo.sample(f))
        }
    }

    @Test(.enabled(if: Repo.sharedSIE != nil, Comment(rawValue: Repo.sharedMissing)))
    func realExports() throws {
        let files = SIE4Tests.sharedFiles
        #expect(files.count >= 14)
        for f in files { try check(f) }
    }

    @Test func theCounterItself() {
        let sie4 = "#FLAGGA 0\r\n#IB 0 1930 100.00\r\n#UB -1 1930 90\r\n  #RES 0 3000 -5.00\r\n#OIB 0 1930 {1 \"2\"} 5\r\n#IB 0\r\n"
        #expect(BalanceRecordLines.count(Array(sie4.utf8)) == [2, 3, 4])
        let sie5 = """
            <?xml version="1.0"?>
            <Sie><Accounts><Account id="1930">
            <OpeningBalance month="2024-01" amount="1.00"/>
            <ClosingBalance month="2024-12" amount="2.00">
            <ObjectReference dimId="1" objectId="A"/>
            </ClosingBalance>
            <ClosingBalance month="2024-12" amount="3.00"></ClosingBalance>
            </Account></Accounts>
            <SupplierInvoices><SupplierInvoice><Balances accountId="2440">
            <ClosingBalance month="2024-12" amount="4.00"/>
            </Balances></SupplierInvoice></SupplierInvoices></Sie>
            """
        #expect(BalanceRecordLines.count(Array(sie5.utf8)) == [3, 7])
    }
}
