import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline

/// Issue 5's must-show: a ledger and the printed report of the same förbund and year reconcile, and a changed
/// balance in the ledger is reported at the SIE line and at the report line.
@Suite("SIE ledger against the printed report")
struct SIEReportReconciliationTests {
    @Test func theSampleLedgerAndReportAgree() throws {
        let result = try Repo.pipeline().run(paths: [Repo.sample("norrvik-arsredovisning-2024.txt"), Repo.sample("norrvik-2024.se"), Repo.sample("norrvik-2024.sie")])
        #expect(result.errors.isEmpty)
        #expect(result.findings.filter { $0.rule == "repeat.document" }.isEmpty, "\(result.findings.map(\.message))")
    }

    @Test func aChangedBalanceIsReportedAtTheSIELineAndTheReportLine() throws {
        let dir = try TempDir()
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Repo.sample("norrvik-2024.se"))))
        // Drop the checksum lines (a changed file would no longer match) and change the bank's closing balance.
        var lines = original.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        lines.removeAll { String(decoding: $0, as: UTF8.self).hasPrefix("#KSUMMA") }
        let bank = try #require(lines.firstIndex { String(decoding: $0, as: UTF8.self).hasPrefix("#UB 0 1930 ") })
        lines[bank] = Array("#UB 0 1930 4611900.00\r".utf8)
        let sie = dir.write("norrvik-2024.se", bytes: Array(lines.joined(separator: [0x0A])))
        let report = dir.url.appendingPathComponent("norrvik-arsredovisning-2024.txt").path
        try FileManager.default.copyItem(atPath: Repo.sample("norrvik-arsredovisning-2024.txt"), toPath: report)

        let result = try Repo.pipeline().run(paths: [dir.url.path])
        #expect(result.errors.isEmpty)
        let sieLine = bank + 1
        let reportLine = try String(contentsOfFile: report, encoding: .utf8).components(separatedBy: "\n")
            .firstIndex { $0.hasPrefix("Kassa och bank\t") }.map { $0 + 1 }
        let cash = result.findings.filter { f in
            f.rule == "repeat.document" && f.severity == .error && f.difference.map { abs($0) } == 1000
                && f.locations.contains { $0.file == sie && $0.line == sieLine }
                && f.locations.contains { $0.file == report && $0.line == reportLine }
        }
        #expect(cash.count == 1, "\(result.findings.map { "\($0.locations.first!) \($0.message)" })")
        // The ledger's own check sees it too: #UB no longer equals #IB + the year's vouchers.
        #expect(result.findings.contains { $0.rule == "sie.ub" && $0.locations.first?.line == sieLine })
    }
}
