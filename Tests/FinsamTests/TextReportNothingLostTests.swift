import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline

/// Nothing lost: every number-bearing line of a text report is the source of a fact or of an unmapped entry,
/// and every fact comes from a number-bearing line. The lines are counted here with rules of their own (as
/// README defines a number-bearing row), not with the reader's code.
enum NumberBearingLines {
    nonisolated(unsafe) static let markup = /<sup>.*?<\/sup>|<[^>]*>|\*\*|\*/
    /// A figure as printed: `10 014 000`, `-745`, `−1 300`, `(1 234)`, `12,094`, `-620,0`, `32%`, `31 %`,
    /// `17 157 195 kr`, `66% (55%)`, `5 (4)`.
    nonisolated(unsafe) static let figure = /[-−–]?\s?\(?\d{1,3}((\s|\u{00A0})\d{3})*(,\d+)?\)?(\s?%)?(\s?(kr|tkr|mkr|sek|tsek|kronor))?(\s\(\d{1,3}(,\d+)?\s?%?\))?/
        .ignoresCase()
    nonisolated(unsafe) static let yearOrDate = /(19|20)\d{2}|(19|20)\d{6}|\d{2}-\d{2}-\d{2}/
    nonisolated(unsafe) static let noteRef = /(?i)not\s+\d+/

    static func count(_ text: String) -> Set<Int> {
        let raw = text.components(separatedBy: "\n")
        // Runs of tab-separated lines; a run most of whose lines have dot leaders is a table of contents.
        var contentsRuns = Set<Int>()
        var run: [Int] = []
        func closeRun() {
            let dotted = run.filter { raw[$0].contains("..") }.count
            if !run.isEmpty && dotted * 2 >= run.count { contentsRuns.formUnion(run) }
            run = []
        }
        for (i, line) in raw.enumerated() {
            if line.contains("\t") && line.contains(where: { !$0.isWhitespace }) { run.append(i) } else { closeRun() }
        }
        closeRun()
        var result = Set<Int>()
        // After an `Innehåll` heading, until the block of lines after it ends.
        var contents = false
        var contentsStarted = false
        var noteField: Int?
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            let fields = raw.components(separatedBy: "\t").map {
                $0.replacing(markup, with: "").trimmingCharacters(in: .whitespaces)
            }
            let plain = fields.filter { !$0.isEmpty }
            if plain.isEmpty {
                if contentsStarted { contents = false }
                continue
            }
            if fields.count < 2 {
                let lower = plain.joined().lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "# "))
                contents = lower.hasPrefix("innehåll")
                contentsStarted = false
                noteField = nil
                continue
            }
            if let k = fields.firstIndex(where: { $0.lowercased() == "not" }) { noteField = k }
            // A lone page number is page furniture.
            if plain.count == 1, plain[0].wholeMatch(of: /\d{1,3}/) != nil { continue }
            if contents { contentsStarted = true }
            if contents || contentsRuns.contains(i) || fields.contains(where: { $0.contains("....") || $0.hasSuffix("..") }) { continue }
            for (k, f) in fields.enumerated() where !f.isEmpty {
                if k == noteField && f.wholeMatch(of: /\d{1,2}(,\s?\d{1,2})*/) != nil { continue }
                if f.wholeMatch(of: yearOrDate) != nil || f.wholeMatch(of: noteRef) != nil { continue }
                guard f.wholeMatch(of: figure) != nil else { continue }
                // `1\tVal av justerare`: an item number, not a figure.
                if k <= 1, fields[..<k].allSatisfy(\.isEmpty), let next = fields.dropFirst(k + 1).first(where: { !$0.isEmpty }),
                   next.wholeMatch(of: figure) == nil, next != "-", next != "–"
                {
                    continue
                }
                result.insert(i + 1)
                break
            }
        }
        return result
    }
}

@Suite("Nothing lost in text reports")
struct TextReportNothingLostTests {
    func check(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = NumberBearingLines.count(text)
        let result = try Repo.pipeline().run(paths: [path])
        #expect(result.errors.isEmpty)
        let docs = result.documents
        let factLines = Set(docs.flatMap(\.facts).map(\.source.line))
        let unmappedLines = Set(docs.flatMap(\.unmapped).map(\.source.line))
        let covered = factLines.union(unmappedLines)
        let lost = expected.subtracting(covered).sorted()
        #expect(lost.isEmpty, "\(path): number-bearing lines neither fact nor unmapped: \(lost)")
        let invented = covered.subtracting(expected).sorted()
        #expect(invented.isEmpty, "\(path): facts from lines that bear no number: \(invented)")
        #expect(!expected.isEmpty)
    }

    @Test func samples() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repo.samples).filter { $0.hasSuffix(".txt") }
        #expect(!files.isEmpty)
        for f in files { try check(Repo.sample(f)) }
    }

    @Test(.enabled(if: Repo.sharedReports != nil, Comment(rawValue: Repo.sharedMissing)))
    func realReports() throws {
        let dir = try #require(Repo.sharedReports)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count == 5)
        for f in files { try check((dir as NSString).appendingPathComponent(f)) }
    }

    @Test func theCounterItself() {
        let text = [
            "Innehåll", "Resultaträkning\t4", "",
            "Nr\tÄrende", "1\tVal av justerare", "",
            "Belopp i kr.\tNot\t2023\t2022", "Intäkter\t2\t100\t90", "Inget\t3\t\t",
            "Avskrivningstider\t6 år", "Andel\t66% (55%)", "Soliditet\t32%", "Kassa\t17 157 195 kr",
            "Resultat .....\t20",
        ].joined(separator: "\n")
        #expect(NumberBearingLines.count(text) == [8, 11, 12, 13])
    }
}
