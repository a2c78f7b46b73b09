import Foundation
import Testing

/// The `finsam` executable as a user runs it: exit statuses, stdout/stderr, outputs.
@Suite("The finsam command")
struct CLITests {
    /// `swift test` builds the executable beside the test bundle.
    static var executable: URL? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("finsam")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let debug = Repo.root.appendingPathComponent(".build/debug/finsam")
        return FileManager.default.isExecutableFile(atPath: debug.path) ? debug : nil
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func finsam(_ arguments: [String]) throws -> Run {
        let exe = try #require(CLITests.executable, "the finsam executable was not built")
        let process = Process()
        process.executableURL = exe
        process.arguments = arguments + ["--mappings", Repo.mappings]
        process.currentDirectoryURL = Repo.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func aBatchWithBrokenFilesImportsTheGoodOnesAndExitsThree() throws {
        let dir = try TempDir()
        let good = [Repo.sample("norrvik-arsredovisning-2024.txt"), Repo.sample("norrvik-2024.se")]
            + ((try? FileManager.default.contentsOfDirectory(atPath: Repo.sharedReports ?? "/nonexistent")) ?? []).map { Repo.sharedReports! + "/" + $0 }
        for path in good {
            try FileManager.default.copyItem(atPath: path, toPath: dir.url.appendingPathComponent((path as NSString).lastPathComponent).path)
        }
        let sie = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Repo.sample("norrvik-2024.se"))))
        let xml = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Repo.sample("norrvik-2024.sie"))))
        var junk = [UInt8](repeating: 0, count: 2048)
        for i in junk.indices { junk[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        let bad = [
            dir.write("trunkerad.se", bytes: Array(sie.prefix(sie.count / 2))),
            dir.write("trunkerad.sie", bytes: Array(xml.prefix(xml.count / 2))),
            dir.write("skräp.bin", bytes: junk),
            dir.write("tom.txt", bytes: []),
            dir.write("bomb.sie", bytes: Array("""
                <?xml version="1.0"?><!DOCTYPE Sie [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <Sie xmlns="http://www.sie.se/sie5">&b;</Sie>
                """.utf8)),
        ]
        let json = dir.url.appendingPathComponent("ut.json").path
        let run = try finsam(["import", dir.url.path, "--json", json, "-o", dir.url.appendingPathComponent("ut.xlsx").path])
        #expect(run.status == 3, "stderr: \(run.stderr)")
        for path in bad {
            #expect(run.stderr.contains((path as NSString).lastPathComponent), "no error named \(path)")
        }
        let contract = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let sources = Set(((contract["documents"] as? [[String: Any]]) ?? []).compactMap { $0["source"] as? String }.map { ($0 as NSString).lastPathComponent })
        #expect(sources == Set(good.map { ($0 as NSString).lastPathComponent }))
        let errors = Set(((contract["errors"] as? [[String: Any]]) ?? []).compactMap { $0["file"] as? String }.map { ($0 as NSString).lastPathComponent })
        #expect(errors == Set(bad.map { ($0 as NSString).lastPathComponent }))
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("ut.xlsx").path))
    }

    @Test func exitStatuses() throws {
        let sample = Repo.sample("norrvik-arsredovisning-2024.txt")
        #expect(try finsam(["check", sample, "--fail-on", "never"]).status == 0)
        #expect(try finsam(["import", "--no-such-option", sample]).status == 2)
        #expect(try finsam(["import", "/nonexistent/finsam.txt"]).status == 3)
        // The second sample carries a deliberate error: findings at or above `error` give 1.
        #expect(try finsam(["check", Repo.samples, "--fail-on", "error"]).status == 1)
    }

    @Test func refusesToOverwriteAnInput() throws {
        let dir = try TempDir()
        let input = dir.url.appendingPathComponent("rapport.txt").path
        try FileManager.default.copyItem(atPath: Repo.sample("norrvik-arsredovisning-2024.txt"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let run = try finsam(["import", input, "--json", input])
        #expect(run.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test func noProgressLineWhenStderrIsNotATerminal() throws {
        let run = try finsam(["import", Repo.samples])
        #expect(!run.stderr.contains("\r"))
        #expect(run.stderr.contains("filer lästa"))
        #expect(try finsam(["import", Repo.samples, "--quiet"]).stderr.isEmpty)
    }
}
