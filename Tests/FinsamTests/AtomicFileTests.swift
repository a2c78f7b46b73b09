import Foundation
import Testing
@testable import FinsamExport

@Suite("Outputs written atomically")
struct AtomicFileTests {
    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
    }

    func leftovers(_ dir: TempDir) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasSuffix(".tmp") }
    }

    @Test func replacesTheWholeFileAndLeavesNoTemporary() throws {
        let dir = try TempDir()
        let path = try dir.write("ut.json", "gammalt innehåll som är längre än det nya")
        try AtomicFile.write(Data("nytt".utf8), to: path)
        #expect(contents(path) == "nytt")
        #expect(try leftovers(dir).isEmpty)
    }

    /// A run killed while it writes has written only its temporary file: the previous output is intact.
    @Test func anInterruptedWorkbookLeavesThePreviousOutput() throws {
        let dir = try TempDir()
        let path = try dir.write("ut.xlsx", "förra körningens arbetsbok")
        let properties = XlsxWorkbook.Properties(title: "t", subject: "s", author: "a", company: "c", keywords: "k", comments: "", created: Date(timeIntervalSince1970: 0))
        let workbook = try XlsxWorkbook(path: path, properties: properties)
        _ = try workbook.addSheet("Blad")
        // Not closed: what a killed process leaves behind.
        #expect(contents(path) == "förra körningens arbetsbok")
        try workbook.close()
        #expect(contents(path) != "förra körningens arbetsbok")
        #expect(FileManager.default.contents(atPath: path)?.starts(with: [0x50, 0x4B]) == true, "a zip archive")
        #expect(try leftovers(dir).isEmpty)
    }

    @Test func aFailedRenameKeepsTheOldFileAndRemovesTheTemporary() throws {
        let dir = try TempDir()
        // A folder where the file should be: the rename fails, nothing is half-written.
        let path = dir.url.appendingPathComponent("ut.json").path
        try FileManager.default.createDirectory(atPath: path + "/inuti", withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("nytt".utf8), to: path) }
        #expect(FileManager.default.fileExists(atPath: path + "/inuti"))
        #expect(try leftovers(dir).isEmpty)
    }

    /// Renaming over a symbolic link would replace the link; the file it points to is written instead.
    @Test func aSymbolicLinkIsFollowed() throws {
        let dir = try TempDir()
        let target = try dir.write("mål.json", "gammalt")
        let link = dir.url.appendingPathComponent("länk.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try AtomicFile.write(Data("nytt".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(contents(target) == "nytt")
        #expect(try leftovers(dir).isEmpty)
    }

    /// A pipe (like `/dev/null` or `/dev/stdout`) is written through, never replaced by a regular file.
    @Test func aPipeIsWrittenThroughNotReplaced() throws {
        let dir = try TempDir()
        let fifo = dir.url.appendingPathComponent("rör").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Received()
        let reader = Thread {
            received.set(try? FileHandle(forReadingAtPath: fifo)?.readToEnd())
        }
        reader.start()
        try AtomicFile.write(Data("genom röret".utf8), to: fifo)
        for _ in 0..<500 where received.get() == nil { usleep(10_000) }
        #expect(received.get().flatMap { String(data: $0, encoding: .utf8) } == "genom röret")
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "still a pipe")
        #expect(try leftovers(dir).isEmpty)
    }

    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        func set(_ d: Data?) { lock.withLock { data = d ?? Data() } }
        func get() -> Data? { lock.withLock { data } }
    }
}
