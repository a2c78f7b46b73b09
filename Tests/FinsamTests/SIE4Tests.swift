import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline
@testable import FinsamReaders

@Suite("SIE 4 reader")
struct SIE4Tests {
    // MARK: The real exports

    static var sharedFiles: [String] {
        guard let dir = Repo.sharedSIE else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.first?.isNumber == true }.sorted().map { (dir as NSString).appendingPathComponent($0) }
    }

    @Test func everyRealExportParses() throws {
        guard Repo.sharedSIE != nil else { print(Repo.sharedMissing); return }
        let files = SIE4Tests.sharedFiles
        #expect(files.count >= 14)
        for file in files {
            let result = try SIEFixture.read(file)
            #expect(result.error == nil, "\(file): \(String(describing: result.error))")
            let docs = try #require(result.documents)
            #expect(docs.count == 1)
            #expect(docs[0].format == (file.hasSuffix(".sie") ? .sie5 : .sie4), "\(file)")
            #expect(docs[0].tables.first?.kind == .ledger)
        }
    }

    /// The checksums MANIFEST.txt lists for the files that carry #KSUMMA.
    @Test(arguments: [("03_", 854_227_682), ("04_", 3_033_066_896), ("05_", 2_512_856_369), ("06_", 3_786_156_381)])
    func checksumVerifiesOnRealFiles(prefix: String, checksum: Int) throws {
        guard Repo.sharedSIE != nil else { print(Repo.sharedMissing); return }
        let file = try #require(SIE4Tests.sharedFiles.first { ($0 as NSString).lastPathComponent.hasPrefix(prefix) })
        let doc = try #require(try SIEFixture.read(file).documents?.first)
        #expect(doc.tables[0].readingNotes.contains { $0.contains("#KSUMMA \(checksum)") && $0.contains("stämmer") })
    }

    @Test func officialSampleCountsAndTextFromPC8() throws {
        guard Repo.sharedSIE != nil else { print(Repo.sharedMissing); return }
        let file = try #require(SIE4Tests.sharedFiles.first { ($0 as NSString).lastPathComponent.hasPrefix("01_") })
        let ledger = try SIE4Parser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))), path: file)
        // MANIFEST: 295 #VER, 1330 #TRANS; the company is "Övningsbolaget AB".
        #expect(ledger.recordCounts["#VER"] == 295)
        #expect(ledger.recordCounts["#TRANS"] == 1330)
        #expect(ledger.companyName == "Övningsbolaget AB")
        #expect(ledger.accountNames["1060"]?.name == "Hyresrätt")
        #expect(ledger.accountNames["1090"]?.name == "Övriga imm anl tillg")
        // Each voucher balances and the balances roll forward: no error of the ledger's own checks.
        #expect(!ledger.diagnostics.contains { $0.severity == .error }, "\(ledger.diagnostics)")
    }

    /// MANIFEST: the opening balances of 12, 13 and 14 do not sum to zero; the others do.
    @Test func openingBalancesThatDoNotBalanceAreReported() throws {
        guard Repo.sharedSIE != nil else { print(Repo.sharedMissing); return }
        let expected = ["12_": "124 727,38", "13_": "76 663,00", "14_": "1 151 678,15"]
        for file in SIE4Tests.sharedFiles where !file.hasSuffix(".sie") {
            let name = (file as NSString).lastPathComponent
            let doc = try #require(try SIEFixture.read(file).documents?.first)
            let warning = doc.diagnostics.first { $0.code == "sie.ib-summa" && $0.message.contains("#IB 0") }
            if let amount = expected[String(name.prefix(3))] {
                #expect(warning?.message.contains(amount) == true, "\(name): \(String(describing: warning))")
            } else {
                #expect(warning == nil, "\(name): \(String(describing: warning))")
            }
        }
    }

    @Test func damagedUTF8IsReported() throws {
        guard Repo.sharedSIE != nil else { print(Repo.sharedMissing); return }
        let file = try #require(SIE4Tests.sharedFiles.first { ($0 as NSString).lastPathComponent.hasPrefix("12_") })
        let doc = try #require(try SIEFixture.read(file).documents?.first)
        // MANIFEST: 263 occurrences of U+FFFD.
        let warning = try #require(doc.diagnostics.first { $0.code == "sie.kodning" && $0.severity == .warning })
        #expect(warning.message.contains("263"))
        #expect(doc.organisation.orgnr == "770216-7508")
    }

    @Test func chunkedReadingGivesTheSameLedger() throws {
        guard Repo.sharedSIE != nil else { print(Repo.sharedMissing); return }
        for file in SIE4Tests.sharedFiles where !file.hasSuffix(".sie") {
            let whole = try SIE4Parser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))), path: file)
            let chunked = try SIE4Parser.parseFile(file, chunkSize: 97)
            #expect(whole.amounts.count == chunked.amounts.count, "\(file)")
            for (column, byAccount) in whole.amounts {
                for (account, amount) in byAccount {
                    #expect(chunked.amounts[column]?[account]?.ore == amount.ore, "\(file) \(column) \(account)")
                    #expect(chunked.amounts[column]?[account]?.line == amount.line, "\(file) \(column) \(account)")
                }
            }
            #expect(whole.diagnostics == chunked.diagnostics, "\(file)")
        }
    }

    // MARK: Checksums, vouchers, quotes

    @Test func checksumFollowsTheSpecificationExample() throws {
        // 4B/4C 10.15: `#KONTO 1915 "Kassa \"special\""` sums `#KONTO1915Kassa "special"`.
        let crc = referenceCRC32(Array(#"#KONTO1915Kassa "special""#.utf8))
        let dir = try TempDir()
        let path = try dir.write("k.se", "#FLAGGA 0\n#KSUMMA\n#KONTO 1915 \"Kassa \\\"special\\\"\"\n#KSUMMA \(crc)\n")
        let ledger = try SIE4Parser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        #expect(ledger.accountNames["1915"]?.name == #"Kassa "special""#)
        #expect(ledger.readingNotes.contains { $0.contains("#KSUMMA \(crc)") })
    }

    @Test func wrongChecksumIsAnErrorAtItsLineAndTheBatchGoesOn() throws {
        let dir = try TempDir()
        let sample = try #require(FileManager.default.contents(atPath: Repo.sample("norrvik-2024.se")))
        var bytes = [UInt8](sample)
        // Change one digit of a closing balance: 4610900.00 → 4610901.00.
        let at = try #require(bytes.firstRange(of: Array("#UB 0 1930 4610900.00".utf8)))
        bytes[at.upperBound - 4] = UInt8(ascii: "1")
        let broken = dir.write("andrad.se", bytes: bytes)
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let checksumLine = try #require(lines.lastIndex { $0.hasPrefix("#KSUMMA ") }) + 1

        let result = try SIEFixture.pipeline().run(paths: [broken, Repo.sample("norrvik-arsredovisning-2024.txt")])
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.file == broken)
        #expect(error.line == checksumLine)
        #expect(error.message.contains("kontrollsumman stämmer inte"))
        #expect(result.documents.map(\.format) == [.textReport])
    }

    @Test func truncatedChecksummedFileIsRefused() throws {
        let dir = try TempDir()
        let path = try dir.write("kort.se", "#FLAGGA 0\n#KSUMMA\n#FNAMN \"X\"\n#RAR 0 20240101 20241231\n#UB 0 1930 1.00\n")
        let error = try #require(try SIEFixture.read(path).error)
        #expect(error.line == 2)
        #expect(error.message.contains("avkortad"))
    }

    @Test func unbalancedVoucherIsAFindingAtItsLineAndTheFileStillImports() throws {
        let dir = try TempDir()
        let text = SIEFixture.sie4(vouchers: """
            #VER A 1 20240105 "Försäljning"
            {
               #TRANS 1930 {} 50.00
               #TRANS 3010 {} -50.00
            }
            #VER A 2 20240106 "Felaktig"
            {
               #TRANS 1930 {} 10.00
               #TRANS 3010 {} -9.00
            }
            """)
        let path = try dir.write("obalans.se", text)
        let verLine = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("#VER A 2") }) + 1
        let result = try SIEFixture.pipeline().run(paths: [path])
        #expect(result.errors.isEmpty)
        #expect(result.documents.count == 1)
        let finding = try #require(result.findings.first { $0.rule == "sie.ver-balans" })
        #expect(finding.severity == .error)
        #expect(finding.locations.first == SourceLocation(file: path, line: verLine, column: 0))
        #expect(finding.message.contains("A 2"))
        #expect(finding.message.contains("1.00"))
    }

    @Test func balancesThatDoNotRollForwardAreFindings() throws {
        let dir = try TempDir()
        // IB 100 + vouchers 40 ≠ UB 150; RES -50 ≠ vouchers -40.
        let text = SIEFixture.sie4(vouchers: "#VER A 1 20240105 x\n{\n#TRANS 1930 {} 40.00\n#TRANS 3010 {} -40.00\n}")
        let path = try dir.write("rull.se", text)
        let lines = text.components(separatedBy: "\n")
        let result = try SIEFixture.pipeline().run(paths: [path])
        let ub = try #require(result.findings.first { $0.rule == "sie.ub" })
        let ubLine = try #require(lines.firstIndex { $0.hasPrefix("#UB 0 1930") }) + 1
        #expect(ub.locations.first?.line == ubLine)
        #expect(ub.message.contains("differens 10,00"))
        let res = try #require(result.findings.first { $0.rule == "sie.res" })
        let resLine = try #require(lines.firstIndex { $0.hasPrefix("#RES 0 3010") }) + 1
        #expect(res.locations.first?.line == resLine)
    }

    @Test func brokenQuoteIsAnErrorWithLineAndColumn() throws {
        let dir = try TempDir()
        let text = SIEFixture.sie4(extra: "#KONTO 2440 \"Leverantörsskulder")
        let path = try dir.write("citat.se", text)
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("#KONTO 2440") }) + 1
        let result = try SIEFixture.pipeline().run(paths: [path, Repo.sample("norrvik-arsredovisning-2024.txt")])
        let error = try #require(result.errors.first)
        #expect(error.line == line)
        #expect(error.column == 2)
        #expect(error.message.contains("citattecknet"))
        #expect(result.documents.count == 1)
    }

    @Test func unknownTagsAreReportedNotFatal() throws {
        let dir = try TempDir()
        let path = try dir.write("okand.se", SIEFixture.sie4(extra: "#NYPOST 1 2 3\n#NYPOST 4"))
        let doc = try #require(try SIEFixture.read(path).documents?.first)
        let note = try #require(doc.diagnostics.first { $0.code == "sie.okand-post" })
        #expect(note.message.contains("#NYPOST (2 st)"))
        #expect(note.severity == .info)
    }

    @Test func swedishLettersFromPC8AndUTF8() throws {
        let dir = try TempDir()
        let text = SIEFixture.sie4(extra: "#KONTO 2440 \"Leverantörsskulder åäö ÅÄÖ é\"").replacingOccurrences(of: "Testbolaget", with: "Örebro Måleri")
        for (name, pc8) in [("pc8.se", true), ("utf8.se", false)] {
            let path = try dir.write(name, text, pc8: pc8)
            let doc = try #require(try SIEFixture.read(path).documents?.first)
            #expect(doc.organisation.name == "Örebro Måleri AB", "\(name)")
            let ledger = try SIE4Parser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
            #expect(ledger.accountNames["2440"]?.name == "Leverantörsskulder åäö ÅÄÖ é", "\(name)")
            #expect(ledger.accountNames["3010"]?.name == "Försäljning", "\(name)")
            let saysUTF8 = doc.diagnostics.contains { $0.code == "sie.kodning" && $0.message.contains("UTF-8") }
            #expect(saysUTF8 == !pc8, "\(name)")
        }
        // The sample ledger is PC8.
        let sample = try #require(try SIEFixture.read(Repo.sample("norrvik-2024.se")).documents?.first)
        #expect(sample.tables[0].rows.contains { $0.label == "Förutbetalda kostnader och upplupna intäkter" })
        #expect(sample.tables[0].readingNotes.contains { $0.contains("PC8") })
    }

    @Test func amountsAreExactÖre() {
        func ore(_ s: String) -> Int64? {
            Array(s.utf8).withUnsafeBufferPointer { SIE4Number.ore($0, from: 0, to: $0.count) }
        }
        #expect(ore("-1234.56") == -123_456)
        #expect(ore("1234") == 123_400)
        #expect(ore("0.5") == 50)
        #expect(ore("-.5") == -50)
        #expect(ore("12.500") == 1250)
        #expect(ore("12.505") == nil)
        #expect(ore("12,50") == nil)
        #expect(ore("+12") == nil)
        #expect(ore("") == nil)
        #expect(ore("-") == nil)
        #expect(ore("1234567890123.45") == 123_456_789_012_345)
        #expect(ore("12345678901234") == nil)
    }

    @Test func recognisesByContentNotName() throws {
        let dir = try TempDir()
        let sie = try dir.write("rapport.txt", SIEFixture.sie4())
        #expect(SIE4Reader().recognises(try InputFile.load(sie)))
        #expect(!SIE4Reader().recognises(try InputFile.load(Repo.sample("norrvik-arsredovisning-2024.txt"))))
        #expect(!SIE4Reader().recognises(try InputFile.load(Repo.sample("norrvik-2024.sie"))))
    }
}

@Suite("SIE 4 tag constants")
struct SIE4TagTests {
    /// The tags are written out as constants for speed; they must be what the packing gives.
    @Test func constantsAreThePackedTags() {
        for (name, value) in SIE4Parser.Tag.all {
            let bytes = Array(name.utf8)
            let packed = bytes.withUnsafeBufferPointer { SIE4Parser.tagKey($0, 0, $0.count) }
            #expect(packed == value, "\(name)")
        }
        #expect(Set(SIE4Parser.Tag.all.map(\.1)).count == SIE4Parser.Tag.all.count)
    }
}
