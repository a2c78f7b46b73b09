import CZipLevel
import Foundation
import Testing
@testable import FinsamExport

/// The threads that deflate a workbook's zip entries beside the closing one (CZipLevel's zip_pool.c) must give
/// the file minizip writes on its own, byte for byte: the same deflate stream, CRCs, sizes, offsets and the
/// text marks minizip sets from zlib's stream.
@Suite(.serialized) struct ZipPoolTests {
    /// A workbook with small parts, a large streamed sheet, a sheet kept in memory with shared strings, a
    /// comment and a link: entries of every kind libxlsxwriter writes for finsam. A fixed creation time (0 would
    /// mean now), so two files can be the same.
    func write(to path: String, workers: Int) throws {
        let properties = XlsxWorkbook.Properties(title: "t", subject: "s", created: Date(timeIntervalSince1970: 1_735_689_600))
        let book = try XlsxWorkbook(path: path, properties: properties, streamsRows: true, zipWorkers: workers)
        let bold = book.format(CellStyle(bold: true))
        let kept = try book.addSheet("Översikt")
        let big = try book.addSheet("Stort", streamed: true)
        let small = try (0..<12).map { try book.addSheet("Blad \($0)", streamed: true) }
        for r in 0..<40 {
            kept.string(r, 0, "rad \(r % 7)", bold)
            kept.number(r, 1, Decimal(r * 1_000 - 745))
        }
        kept.comment(2, 0, "en kommentar")
        kept.link(0, 3, to: CellRef(sheet: "Stort", row: 0, col: 0), text: "till Stort", bold)
        for r in 0..<12_000 {
            big.string(r, 0, "Kostnader för verksamheten \(r)")
            big.number(r, 1, Decimal(r) * 1_014)
            big.formula(r, 2, "B\(r + 1)*2", value: Double(r * 2_028))
        }
        for (i, sheet) in small.enumerated() {
            for r in 0...i { sheet.string(r, 0, "blad \(i) rad \(r)") }
        }
        try book.close()
    }

    @Test func theDeflatingThreadsWriteWhatMinizipWritesAlone() throws {
        let dir = try TempDir()
        defer { finsam_set_zip_pool_limits(0, 0) }
        let alone = dir.url.appendingPathComponent("alone.xlsx").path
        try write(to: alone, workers: 0)
        let reference = try Data(contentsOf: URL(fileURLWithPath: alone))
        #expect(reference.count > 50_000)

        // Default limits; the closing thread deflating whenever anything waits; the large sheet spilled past
        // 200 kB and written by minizip as it comes, between pooled entries.
        let cases: [(workers: Int, spill: Int, queue: Int)] = [(1, 0, 0), (3, 0, 0), (1, 0, 1), (2, 200_000, 1)]
        for (n, c) in cases.enumerated() {
            finsam_set_zip_pool_limits(c.spill, c.queue)
            let pooledBefore = finsam_zip_entries_pooled()
            let path = dir.url.appendingPathComponent("pool\(n).xlsx").path
            try write(to: path, workers: c.workers)
            #expect(finsam_zip_entries_pooled() - pooledBefore > 20, "case \(c): the entries went through the pool")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes == reference, "case \(c): \(bytes.count) bytes against \(reference.count)")
        }

        let back = try WorkbookReader(path: alone)
        #expect(back.sheet("Stort")?["A12000"]?.value == .text("Kostnader för verksamheten 11999"))
        #expect(back.sheet("Översikt")?["B1"]?.value == .number(-745))
    }
}
