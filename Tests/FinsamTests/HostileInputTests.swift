import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamReaders

/// Inputs built to hurt: each must end in bounded time with a document or a clear error, never a crash.
/// The time limits are guards against hangs, not speed targets.
@Suite("Hostile input", .serialized, .timeLimit(.minutes(2)))
struct HostileInputTests {
    let pipeline: Pipeline

    init() throws { pipeline = try Repo.pipeline() }

    func outcome(_ name: String, _ bytes: [UInt8]) -> Result<[Document], InputError> {
        pipeline.process(InputFile(path: name, bytes: bytes))
    }

    @Test func aVeryLongLine() {
        // 1 MB without a newline: prose, tabs and figures.
        let piece = "Verksamhetens intäkter\t1 000 000\t"
        let line = String(repeating: piece, count: 1_000_000 / piece.utf8.count)
        let result = outcome("lång.txt", Array(("# Årsredovisning 2024\n\n" + line + "\n").utf8))
        if case .failure(let e) = result { #expect(e.file == "lång.txt") }
    }

    @Test func aTableOfTwentyThousandColumns() {
        let header = "Belopp i kr\t" + (0..<20_000).map { "\(2000 + $0 % 50)" }.joined(separator: "\t")
        let row = "Årets resultat\t" + (0..<20_000).map { "\($0)" }.joined(separator: "\t")
        _ = outcome("bred.txt", Array("# Årsredovisning 2024\n\n\(header)\n\(row)\n".utf8))
    }

    @Test func deeplyNestedXMLIsRefused() throws {
        let depth = 100_000
        let xml = "<?xml version=\"1.0\"?>\n<Sie xmlns=\"http://www.sie.se/sie5\">" + String(repeating: "<a>", count: depth)
            + String(repeating: "</a>", count: depth) + "</Sie>\n"
        let result = outcome("djup.sie", Array(xml.utf8))
        guard case .failure(let e) = result else {
            Issue.record("100 000 levels of nesting were accepted")
            return
        }
        #expect(e.file == "djup.sie")
        #expect(e.line != nil)
    }

    @Test func billionLaughsIsRefused() throws {
        var entities = "<!ENTITY l0 \"ha\">"
        for i in 1...10 { entities += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Sie [\(entities)]>\n<Sie xmlns=\"http://www.sie.se/sie5\"><FileInfo>&l10;</FileInfo></Sie>\n"
        guard case .failure(let e) = outcome("skratt.sie", Array(xml.utf8)) else {
            Issue.record("the billion-laughs file was read")
            return
        }
        #expect(e.message.contains("DTD") || e.message.contains("entitet"))
    }

    @Test func aSIE4LineOfAMillionFields() {
        let fields = String(repeating: " 1", count: 1_000_000)
        let sie = "#FLAGGA 0\n#SIETYP 4\n#KONTO 1930\(fields)\n"
        if case .failure(let e) = outcome("fält.se", Array(sie.utf8)) { #expect(e.file == "fält.se") }
    }

    @Test func deeplyNestedSIE4ObjectLists() {
        let sie = "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#TRANS 1930 " + String(repeating: "{", count: 200_000) + "\n"
        if case .failure(let e) = outcome("klamrar.se", Array(sie.utf8)) { #expect(e.file == "klamrar.se") }
    }

    @Test func oversizedInputIsRefusedBeforeReading() throws {
        setenv("FINSAM_MAX_INPUT_MB", "1", 1)
        defer { unsetenv("FINSAM_MAX_INPUT_MB") }
        let dir = try TempDir()
        let path = dir.write("stor.txt", bytes: [UInt8](repeating: 0x41, count: 2 * 1_048_576))
        guard case .failure(let e) = pipeline.read(path) else {
            Issue.record("a 2 MB file passed a 1 MB limit")
            return
        }
        #expect(e.message.contains("gränsen"))
    }
}
