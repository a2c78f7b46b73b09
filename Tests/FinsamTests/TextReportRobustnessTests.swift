import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamReaders

/// Reports laid out a little differently, or broken: pieces of the real and sample reports with lines dropped,
/// doubled and swapped, fields dropped and tabs added. The reader must never crash, and every fact must
/// still point at a line that holds its printed figure.
@Suite("Text reports: robustness")
struct TextReportRobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(n, 1)))
        }
    }

    static func mutate(_ lines: [String], _ rng: inout LCG) -> [String] {
        var out = lines
        for _ in 0..<(1 + rng.next(6)) where !out.isEmpty {
            let i = rng.next(out.count)
            switch rng.next(6) {
            case 0: out.remove(at: i)
            case 1: out.insert(out[i], at: i)
            case 2: out.swapAt(i, rng.next(out.count))
            case 3:
                var f = out[i].components(separatedBy: "\t")
                if f.count > 1 { f.remove(at: rng.next(f.count)) }
                out[i] = f.joined(separator: "\t")
            case 4: out[i] = "\t" + out[i] + "\t"
            default: out.insert(["Sida 4", "Signering av justerare", "", "--\t---", "Not 9\tÖvrigt\t\t"][rng.next(5)], at: i)
            }
        }
        return out
    }

    @Test func mutatedPiecesNeverCrashAndFactsKeepTheirFigures() throws {
        var inputs = try FileManager.default.contentsOfDirectory(atPath: Repo.samples).filter { $0.hasSuffix(".txt") }.map(Repo.sample)
        if let dir = Repo.sharedReports {
            inputs += try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }
                .map { (dir as NSString).appendingPathComponent($0) }
        }
        var rng = LCG(state: 20_241_024)
        var facts = 0
        for path in inputs.sorted() {
            let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
            for _ in 0..<12 {
                let start = rng.next(max(1, lines.count - 60))
                let piece = Self.mutate(Array(lines[start..<min(lines.count, start + 60)]), &rng)
                let text = piece.joined(separator: "\n")
                guard let docs = try? TextFixture.mapped(text) else { continue }
                let printed = text.components(separatedBy: "\n")
                let covered = Set(docs.flatMap { $0.facts.map(\.source.line) + $0.unmapped.map(\.source.line) })
                let lost = NumberBearingLines.count(text).subtracting(covered)
                #expect(lost.isEmpty, "\(path) mutated from line \(start + 1): lost \(lost.sorted().map { printed[$0 - 1] })")
                for doc in docs {
                    for f in doc.facts {
                        facts += 1
                        let fields = printed[f.source.line - 1].components(separatedBy: "\t")
                        let column = try #require(f.source.column)
                        #expect(column < fields.count, "\(path) mutated: fact \(f.concept) at \(f.source) outside its line")
                    }
                    #expect(doc.lines.map { $0.upperBound <= printed.count } ?? true)
                }
            }
        }
        #expect(facts > 0)
    }

    @Test func oddInputsAreReadOrRejectedCleanly() throws {
        for text in ["\t", "\t\t\t\n\t\t", "1\t2\t3", "Not 1\t\n", "(\t)\t-\t–", "Summa\t1 000\nSumma\t2 000", String(repeating: "a\t", count: 500),
                     "Belopp i tkr\t2024\n\t\n12,094\t-\n", "\u{FEFF}# Årsredovisning 2024\n", "K\tM\tS:a\n1\t2\t3\n"]
        {
            _ = try? TextFixture.mapped(text)
        }
        #expect(throws: InputError.self) { try TextFixture.read("") }
    }
}
