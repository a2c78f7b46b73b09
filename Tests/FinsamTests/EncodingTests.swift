import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamReaders

/// Reports arrive in whatever encoding a program wrote: read them right or say what was guessed, never mangle.
@Suite("Encodings of text reports")
struct EncodingTests {
    static let report = """
        # Årsredovisning 2024

        Samordningsförbundet Åby

        ## Resultaträkning

        Belopp i kr\t2024
        Verksamhetens intäkter\t1 000
        Verksamhetens kostnader\t-500
        Årets resultat\t500

        """

    /// Single-byte encodings written out by hand (not with the reader's tables), for the letters the report uses.
    static let latin1Letters: [Character: UInt8] = ["å": 0xE5, "ä": 0xE4, "ö": 0xF6, "Å": 0xC5, "Ä": 0xC4, "Ö": 0xD6]
    static let cp437Letters: [Character: UInt8] = ["å": 0x86, "ä": 0x84, "ö": 0x94, "Å": 0x8F, "Ä": 0x8E, "Ö": 0x99]

    static func singleByte(_ text: String, _ letters: [Character: UInt8]) -> [UInt8] {
        text.flatMap { c -> [UInt8] in c.isASCII ? Array(String(c).utf8) : [letters[c]!] }
    }

    static func utf16(_ text: String, littleEndian: Bool, bom: Bool) -> [UInt8] {
        var out: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let lo = UInt8(unit & 0xFF), hi = UInt8(unit >> 8)
            out += littleEndian ? [lo, hi] : [hi, lo]
        }
        return out
    }

    func read(_ bytes: [UInt8]) throws -> Document {
        let docs = try Repo.pipeline().process(InputFile(path: "rapport.txt", bytes: bytes)).get()
        return try #require(docs.first)
    }

    func expectRightText(_ doc: Document, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(doc.organisation.name == "Samordningsförbundet Åby", sourceLocation: sourceLocation)
        #expect(doc.kind == .arsredovisning, sourceLocation: sourceLocation)
        let result = doc.facts.first { $0.concept == "AretsResultat" }
        #expect(result?.label == "Årets resultat", sourceLocation: sourceLocation)
        #expect(result?.value == 500, sourceLocation: sourceLocation)
    }

    func encodingWarnings(_ doc: Document) -> [String] {
        doc.diagnostics.filter { $0.code == "text.encoding" }.map(\.message)
    }

    @Test func utf8WithAndWithoutBOM() throws {
        let plain = try read(Array(Self.report.utf8))
        expectRightText(plain)
        #expect(encodingWarnings(plain).isEmpty)
        let bom = try read([0xEF, 0xBB, 0xBF] + Array(Self.report.utf8))
        expectRightText(bom)
        #expect(bom.facts == plain.facts)
    }

    @Test(arguments: [true, false]) func utf16WithBOM(littleEndian: Bool) throws {
        let doc = try read(Self.utf16(Self.report, littleEndian: littleEndian, bom: true))
        expectRightText(doc)
        #expect(encodingWarnings(doc).isEmpty)
    }

    @Test func utf16WithoutBOMIsRecognisedAndSaidSo() throws {
        let doc = try read(Self.utf16(Self.report, littleEndian: true, bom: false))
        expectRightText(doc)
        #expect(encodingWarnings(doc).contains { $0.contains("UTF-16LE") })
    }

    @Test func windows1252IsDetectedAndReported() throws {
        let doc = try read(Self.singleByte(Self.report, Self.latin1Letters))
        expectRightText(doc)
        #expect(encodingWarnings(doc).contains { $0.contains("Windows-1252") })
    }

    @Test func pc8IsDetectedAndReported() throws {
        let doc = try read(Self.singleByte(Self.report, Self.cp437Letters))
        expectRightText(doc)
        #expect(encodingWarnings(doc).contains { $0.contains("PC8") })
    }

    @Test func damagedUTF8IsKeptAndTheLineNamed() throws {
        var bytes = Array(Self.report.utf8)
        // Line 9 is "Verksamhetens kostnader\t-500": put a stray Latin-1 byte into it.
        let line9 = Self.report.components(separatedBy: "\n").prefix(8).map { $0.utf8.count + 1 }.reduce(0, +)
        bytes.insert(0xE9, at: line9 + 3)
        let doc = try read(bytes)
        expectRightText(doc)
        let warnings = doc.diagnostics.filter { $0.code == "text.encoding" }
        #expect(warnings.map(\.location.line) == [9])
    }

    @Test func replacementCharactersAlreadyInTheFileAreReported() throws {
        let doc = try read(Array(Self.report.replacingOccurrences(of: "förbundet", with: "f\u{FFFD}rbundet").utf8))
        #expect(encodingWarnings(doc).contains { $0.contains("ersättningstecken") })
    }

    @Test func emptyAndBinaryInputAreClearErrors() throws {
        let pipeline = try Repo.pipeline()
        let empty = pipeline.process(InputFile(path: "tom.txt", bytes: []))
        #expect(throws: InputError.self) { try empty.get() }
        if case .failure(let e) = empty { #expect(e.file == "tom.txt" && e.message.contains("tom")) }

        var junk = [UInt8](repeating: 0, count: 4096)
        var seed: UInt64 = 42
        for i in junk.indices {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            junk[i] = UInt8(truncatingIfNeeded: seed >> 33)
        }
        let binary = pipeline.process(InputFile(path: "skräp.bin", bytes: junk))
        guard case .failure(let e) = binary else {
            Issue.record("binary junk was read as a document")
            return
        }
        #expect(e.file == "skräp.bin")
        #expect(e.message.contains("okänt format") || e.message.contains("binär"))
    }
}
