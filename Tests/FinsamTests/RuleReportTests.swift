import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamModel
@testable import FinsamRules

/// `finsam check`'s three formats: compiler-style text, the JSON contract's findings, SARIF 2.1.0.
@Suite("Reports of findings")
struct RuleReportTests {
    /// Two documents of one organisation: a wrong total in one, and a budget line the two disagree on.
    var batch: (documents: [Document], findings: [Finding]) {
        let a = TableText.table("Budget", columns: [TableText.column("Budget 2023", .budget, "2023")], file: "a/delar.txt", firstLine: 10, """
            Kansli | 2 000 000
            Information | 50 000
            **Totalt | 2 060 000
            """)
        let b = TableText.table("Plan", columns: [TableText.column("Budget 2023", .budget, "2023", scale: .tkr)], file: "b/plan.txt", firstLine: 20, """
            Kansli | 2 000
            Information | 60
            """)
        let org = Organisation(name: "Samordningsförbundet Prov", orgnr: "222000-0000")
        let docs = [TableText.document([a], source: "a/delar.txt", organisation: org, kind: .delarsrapport, period: "2023-01-01..2023-06-30"),
                    TableText.document([b], source: "b/plan.txt", organisation: org, kind: .verksamhetsplan, period: "2024")]
        let mapped = docs.map(Stages.map)
        return (mapped, RuleEngine(mappings: Stages.mappings).check(mapped))
    }

    @Test func textIsCompilerStyleGroupedPerDocument() {
        let (docs, findings) = batch
        let errors = [InputError(file: "c/trasig.se", line: 7, column: 0, message: "#KSUMMA stämmer inte")]
        let text = TextReporter(colour: false).render(documents: docs, findings: findings, errors: errors)
        let lines = text.components(separatedBy: "\n")
        #expect(lines.first == "c/trasig.se:7:1: fel: #KSUMMA stämmer inte")
        #expect(lines.contains { $0.hasPrefix("a/delar.txt — Samordningsförbundet Prov") })
        #expect(lines.contains { $0.hasPrefix("a/delar.txt:12:2: fel: Totalt (rad 12) är 2 060 000 men posterna rad 10–11 summerar till 2 050 000 (differens 10 000)") && $0.hasSuffix("[sum.total]") })
        let between = try? #require(lines.firstIndex(of: "Mellan dokument"))
        #expect(between != nil)
        #expect(lines.contains { $0.hasPrefix("b/plan.txt:21:2: fel: Information") && $0.hasSuffix("[repeat.document]") })
        #expect(lines.contains { $0.hasPrefix("a/delar.txt:11:2: jämför:") })
        #expect(lines.contains("2 fel, 0 varningar, 0 upplysningar i 2 dokument"))
        #expect(!text.contains("\u{1B}["), "no colour unless on a terminal")
    }

    @Test func textInEnglishAndInColour() {
        let (docs, findings) = batch
        let en = TextReporter(colour: false, english: true).render(documents: docs, findings: findings, errors: [])
        #expect(en.contains("a/delar.txt:12:2: error: Totalt (line 12) is 2 060 000 but the items on lines 10–11 sum to 2 050 000"))
        #expect(en.contains("Between documents"))
        #expect(en.contains("2 errors, 0 warnings, 0 notes in 2 documents"))
        let coloured = TextReporter(colour: true).render(documents: docs, findings: findings, errors: [])
        #expect(coloured.contains("\u{1B}["))
    }

    @Test func jsonKeepsTheContractsFindingShape() throws {
        let (docs, findings) = batch
        let data = try FindingsJSON.encode(documents: docs, findings: findings, errors: [])
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let list = try #require(json["findings"] as? [[String: Any]])
        #expect(list.count == findings.count)
        for key in ["rule", "severity", "message", "expected", "actual", "difference", "locations", "message_en"] {
            #expect(list[0].keys.contains(key), "finding lacks \(key)")
        }
        let total = try #require(list.first { $0["rule"] as? String == "sum.total" })
        #expect(total["actual"] as? Int == 2_060_000 && total["expected"] as? Int == 2_050_000 && total["difference"] as? Int == 10_000)
        let location = try #require((total["locations"] as? [[String: Any]])?.first)
        #expect(location["file"] as? String == "a/delar.txt" && location["line"] as? Int == 12 && location["column"] as? Int == 1)
        #expect((json["summary"] as? [String: Int])?["error"] == 2)
        #expect((json["documents"] as? [[String: Any]])?.count == 2)
        #expect(try FindingsJSON.encode(documents: docs, findings: findings, errors: []) == data, "stable across runs")
    }

    @Test func sarifNamesRulesLevelsAndPlaces() throws {
        let (_, findings) = batch
        let data = try SARIFReport.encode(findings: findings, errors: [InputError(file: "c/trasig.se", line: 7, message: "trasig")])
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == SARIFReport.schema)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "finsam")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == findings.count)
        for r in results {
            let index = try #require(r["ruleIndex"] as? Int)
            #expect(ids[index] == r["ruleId"] as? String)
            #expect(["error", "warning", "note"].contains(r["level"] as? String ?? ""))
            let region = ((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
            #expect((region?["startLine"] as? Int ?? 0) >= 1)
        }
        let total = try #require(results.first { $0["ruleId"] as? String == "sum.total" })
        #expect((total["relatedLocations"] as? [[String: Any]])?.count == 2)
        #expect((total["message"] as? [String: Any])?["text"] as? String == findings.first { $0.rule == "sum.total" }?.message)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect(SARIFReport.uri("mapp med mellanslag/å.txt") == "mapp%20med%20mellanslag/%C3%A5.txt")
    }

    @Test func infoFindingsMapToSarifNotes() throws {
        let f = Finding(rule: "sum.total", severity: .info, message: "inom avrundning", locations: [SourceLocation(file: "x.txt", line: 3, column: 1)])
        let data = try SARIFReport.encode(findings: [f])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"level\" : \"note\""))
    }
}
