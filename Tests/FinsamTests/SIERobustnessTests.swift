import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamReaders

/// Damaged files never stop the reader: every mutation of the samples is read or refused with an error that
/// names a line of the file (a crash would end the test run). Deterministic: the same mutations every run.
@Suite("SIE readers on damaged input")
struct SIERobustnessTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let interesting: [UInt8] = Array("#{}\" \t\r\n\\-.0123456789ÅäöKSUMMA<>&;!".utf8) + [0x86, 0x84, 0x94, 0xEF, 0xBF, 0xBD, 0x00]

    static func mutate(_ bytes: [UInt8], _ g: inout Generator) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + g.next(8)) {
            guard !out.isEmpty else { break }
            let at = g.next(out.count)
            switch g.next(4) {
            case 0: out[at] = interesting[g.next(interesting.count)]
            case 1: out.remove(at: at)
            case 2: out.insert(interesting[g.next(interesting.count)], at: at)
            default: out.removeSubrange(at..<min(out.count, at + g.next(200)))
            }
        }
        return out
    }

    @Test(arguments: ["norrvik-2024.se", "norrvik-2024.sie"])
    func mutatedSamplesAreReadOrRefusedWithALine(file: String) throws {
        let original = [UInt8](try #require(FileManager.default.contents(atPath: Repo.sample(file))))
        var g = Generator(state: 20_241_231)
        var read = 0, refused = 0
        for _ in 0..<250 {
            let bytes = SIERobustnessTests.mutate(original, &g)
            let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let input = InputFile(path: file, bytes: bytes)
            do {
                if file.hasSuffix(".sie") {
                    _ = try SIE5Reader().read(input)
                } else {
                    _ = try SIE4Reader().read(input)
                }
                read += 1
            } catch {
                refused += 1
                #expect(error.file == file)
                if let line = error.line { #expect(line >= 1 && line <= lines, "\(error)") }
                #expect(!error.message.isEmpty)
            }
        }
        #expect(read + refused == 250)
        #expect(read > 0 && refused > 0, "read \(read), refused \(refused)")
    }
}
