import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamPipeline

/// The five real reports in `../shared/reports`. The expected figures were read off the reports by hand
/// (line numbers in the comments), not taken from the tool's output.
enum GoldenReports {
    /// Each report read once for all the tests; nil when `../shared` is absent.
    static let results: [String: BatchResult]? = {
        guard let dir = Repo.sharedReports, let pipeline = try? Repo.pipeline() else { return nil }
        var out: [String: BatchResult] = [:]
        for name in ["ostra-sodertorn-arsredovisning-2023", "lekeberg-orebro-delarsredovisning-2023-06-30",
                     "samsund-delarsrapport-2023-06-30", "samsund-verksamhetsplan-2024", "uppsala-lan-styrelsekallelse-2024-10-24"]
        {
            out[name] = pipeline.run(paths: [(dir as NSString).appendingPathComponent(name + ".txt")])
        }
        return out
    }()

    static func documents(_ name: String) throws -> [Document] {
        let result = try #require(results?[name])
        #expect(result.errors.isEmpty, "\(name): \(result.errors)")
        return result.documents
    }
}

extension Document {
    /// Like `fact(_:…)` but also matching a dimension and the table's kind, for figures printed in several tables.
    func value(_ concept: String, _ period: Period, member: String? = nil, kind: TableKind? = nil,
               dimensions: [String: String] = [:]) -> Decimal? {
        value(concept, .utfall, period, member: member, kind: kind, dimensions: dimensions)
    }

    func value(_ concept: String, _ scenario: Scenario, _ period: Period, member: String? = nil, kind: TableKind? = nil,
               dimensions: [String: String] = [:]) -> Decimal? {
        let hits = facts.filter {
            $0.concept == concept && $0.scenario == scenario && $0.period == period && $0.member == member && $0.dimensions == dimensions
                && (kind == nil || tables[$0.tableIndex!].kind == kind)
        }
        return Set(hits.map(\.value)).count == 1 ? hits[0].value : nil
    }

    func row(line: Int) -> Row? { tables.lazy.compactMap { $0.row(line: line) }.first }
}

@Suite("Golden: Östra Södertörn årsredovisning 2023", .enabled(if: Repo.sharedReports != nil, Comment(rawValue: Repo.sharedMissing)))
struct GoldenOstraSodertornTests {
    var doc: Document { get throws { try #require(try GoldenReports.documents("ostra-sodertorn-arsredovisning-2023").first) } }
    let y2023 = year(2023)
    let end2023 = Period.instant(day("2023-12-31"))

    @Test func document() throws {
        let d = try doc
        #expect(d.kind == .arsredovisning)
        #expect(d.period == y2023)
        #expect(d.organisation.name == "Samordningsförbundet Östra Södertörn")
        #expect(d.decisionDate == day("2024-03-22"))
    }

    @Test func mustShow() throws {
        let d = try doc
        #expect(d.value("AretsResultat", y2023, kind: .resultatrakning) == 896_674)  // line 541
        #expect(d.value("SummaTillgangar", end2023) == 15_691_256)  // line 559
    }

    @Test func statements() throws {
        let d = try doc
        #expect(d.value("VerksamhetensKostnader", y2023, kind: .resultatrakning) == 25_275_195)  // line 534, printed -25 275 195
        #expect(d.value("VerksamhetensIntakter", year(2022), kind: .resultatrakning) == 31_379_624)  // line 533
        #expect(d.value("Avskrivningar", y2023, kind: .resultatrakning) == 67_115)  // line 535
        #expect(d.value("FinansiellaKostnader", y2023) == 10_300)  // line 538
        #expect(d.value("VerksamhetensNettokostnad", year(2022)) == 1_204_917)  // line 536
        #expect(d.value("KassaBank", end2023) == 10_485_213)  // line 557
        #expect(d.value("KortfristigaSkulder", .instant(day("2022-12-31")), kind: .balansrakning) == 6_237_715)  // line 569
        #expect(d.value("AretsKassaflode", y2023) == 2_817_366)  // line 585
        #expect(d.value("KassaflodeInvesteringsverksamhet", y2023) == -38_896)  // line 583
        #expect(d.value("LikvidaMedelVidAretsBorjan", .instant(day("2022-12-31"))) == 7_667_846)  // line 586
    }

    @Test func mislabelledEquitySubtotal() throws {
        let d = try doc
        let row = try #require(d.row(line: 564))
        #expect(row.label == "Summa Eget kapital, avsättningar och skulder")
        #expect(row.concept == "EgetKapital")
        #expect(d.value("EgetKapital", end2023, kind: .balansrakning) == 4_898_904)
        #expect(d.value("SummaEgetKapitalAvsattningarSkulder", end2023) == 15_691_256)  // line 570
    }

    @Test func notesBudgetAndOverview() throws {
        let d = try doc
        #expect(d.value("Medlemsavgift", y2023, member: "Region Stockholm") == 4_069_500)  // line 610
        #expect(d.value("Medlemsavgift", year(2022), member: "staten") == 8_158_000)  // line 606
        #expect(d.value("VerksamhetensKostnader", y2023, kind: .not) == 25_275_195)  // Not 3 `Summa`, line 625
        #expect(d.value("Leverantorsskulder", end2023) == 3_713_163)  // line 671
        #expect(d.value("Kundfordringar", .instant(day("2022-12-31"))) == 106_445)  // line 656
        #expect(d.value("KostnadInsats", .budget, y2023, member: "Satsa") == 0)  // line 489
        #expect(d.value("KostnadInsats", y2023, member: "Satsa") == 2_073_888)
        #expect(d.value("KostnadInsats", .differens, y2023, member: "Satsa") == -2_073_888)
        #expect(d.value("AretsResultat", .budget, y2023) == -2_252_231)  // line 505
        #expect(d.value("Soliditet", end2023) == Decimal(string: "0.32"))  // line 251
        #expect(d.value("Soliditet", .instant(day("2019-12-31"))) == Decimal(string: "0.5"))
        #expect(d.value("AntalAnstallda", y2023) == 17)  // line 252
        #expect(d.value("AretsResultat", year(2020), kind: .flerarsoversikt) == -2_885_473)  // line 249
        #expect(d.value("KostnaderIndividinsatser", y2023) == 17_157_195)  // line 471, `17 157 195 kr`
    }

    @Test func surveys() throws {
        let d = try doc
        let question = "Får stödet du ger till deltagarna ta den tid som behövs?"
        #expect(d.value("EnkatSvarKlartPositivtAndel", y2023, member: question) == Decimal(string: "0.55"))  // line 901, `66% (55%)`
        #expect(d.value("EnkatSvarPositivt", year(2022), member: "Har ni en strategi för hur ni arbetar med uppföljning och utvärdering av de samordnade rehabiliteringsinsatserna?") == 4)  // line 935
        #expect(d.value("EnkatAntalTillfragade", y2023, member: "Styrelsen") == 11)  // line 929
    }

    @Test func everythingMapped() throws {
        let d = try doc
        #expect(d.unmapped.isEmpty, "\(d.unmapped)")
        for kind in [TableKind.resultatrakning, .balansrakning, .kassaflodesanalys, .not, .budget, .flerarsoversikt, .driftsredovisning] {
            #expect(d.facts.contains { d.tables[$0.tableIndex!].kind == kind }, "inga fakta ur \(kind)")
        }
    }
}

@Suite("Golden: Lekeberg Örebro delårsredovisning 2023", .enabled(if: Repo.sharedReports != nil, Comment(rawValue: Repo.sharedMissing)))
struct GoldenLekebergTests {
    var doc: Document { get throws { try #require(try GoldenReports.documents("lekeberg-orebro-delarsredovisning-2023-06-30").first) } }
    let h1 = period("2023-01-01", "2023-06-30")
    let mid = Period.instant(day("2023-06-30"))

    @Test func document() throws {
        let d = try doc
        #expect(d.kind == .delarsrapport)
        #expect(d.period == h1)
        #expect(d.organisation == Organisation(name: "Finsam Lekeberg Örebro", orgnr: "222000-2493"))
        #expect(d.decisionDate == day("2023-09-13"))
    }

    @Test func statementsAndNotes() throws {
        let d = try doc
        #expect(d.value("AretsResultat", h1, kind: .resultatrakning) == -266_690)  // line 227
        #expect(d.value("AretsResultat", year(2022), kind: .resultatrakning) == 689_772)
        #expect(d.value("VerksamhetensKostnader", h1, kind: .resultatrakning) == 4_270_918)  // line 222
        #expect(d.value("SummaTillgangar", mid) == 6_290_501)  // line 238
        #expect(d.value("SummaEgetKapitalAvsattningarSkulder", mid) == 6_290_500)  // line 252: one krona off, as printed
        #expect(d.value("Medlemsavgift", h1, member: "Region Örebro län") == 1_000_000)  // line 264
        #expect(d.value("Semesterloneskuld", mid) == 34_047)  // line 301
        #expect(d.value("Leverantorsskulder", .instant(day("2022-12-31")), kind: .not) == 1_589_689)  // line 297
    }

    @Test func mislabelledNoteTotal() throws {
        let d = try doc
        let row = try #require(d.row(line: 292))
        #expect(row.label == "Summa kortfristiga skulder")
        #expect(row.concept == "Avsattningar")
        #expect(d.value("Avsattningar", mid, kind: .not) == 140_413)
    }

    @Test func forecast() throws {
        let d = try doc
        #expect(d.value("AretsResultat", .budget, year(2023)) == -817_710)  // line 339
        #expect(d.value("AretsResultat", .prognos, year(2023)) == -453_526)
        #expect(d.value("AretsResultat", .differens, year(2023)) == 364_184)
        #expect(d.value("VerksamhetensKostnader", h1, kind: .prognos) == 4_271_231)  // line 338
        #expect(d.value("KostnadInsats", .prognos, year(2023), member: "Mottagningsteam Lekeberg") == 280_854)  // line 324
        #expect(d.value("Kanslikostnader", .differens, year(2023)) == -313)  // line 335
        #expect(d.unmapped.isEmpty, "\(d.unmapped)")
    }
}

@Suite("Golden: Samsund", .enabled(if: Repo.sharedReports != nil, Comment(rawValue: Repo.sharedMissing)))
struct GoldenSamsundTests {
    @Test func interimReport() throws {
        let d = try #require(try GoldenReports.documents("samsund-delarsrapport-2023-06-30").first)
        let h1 = period("2023-01-01", "2023-06-30")
        #expect(d.kind == .delarsrapport)
        #expect(d.period == h1)
        #expect(d.organisation.name == "Samordningsförbundet Samsund")
        #expect(d.value("VerksamhetensKostnader", .budget, year(2023), kind: .budget) == 10_759_000)  // line 110
        #expect(d.value("VerksamhetensIntakter", h1) == 3_298_099)  // line 95
        #expect(d.value("AretsResultat", h1) == 980_440)  // line 111
        #expect(d.value("Medlemsavgift", .budget, year(2023), member: "Järfälla") == 781_250)  // line 93
        #expect(d.value("KostnadInsats", h1, member: "Kompetenshöjande") == 52_400)  // line 106
        #expect(d.value("VerksamhetensKostnader", .prognos, year(2023)) == 10_769_000)  // line 135
        #expect(d.value("AretsResultat", .prognos, year(2023)) == -755_000)  // line 136
        #expect(d.unmapped.isEmpty, "\(d.unmapped)")
    }

    @Test func plan() throws {
        let d = try #require(try GoldenReports.documents("samsund-verksamhetsplan-2024").first)
        #expect(d.kind == .verksamhetsplan)
        #expect(d.period == year(2024))
        #expect(d.decisionDate == day("2023-11-27"))
        let result = try #require(d.fact("AretsResultat", scenario: .budget, period: year(2024)))  // line 186
        #expect(result.value == -1_573_000)
        #expect(result.decimals == -3)
        #expect(d.value("VerksamhetensIntakter", .budget, year(2024)) == 9_017_000)  // line 170
        #expect(d.value("EUBidrag", .budget, year(2026)) == 156_000)  // line 169
        #expect(d.value("KostnadInsats", .prognos, year(2023), member: "ESF Lumena") == 2_070_000)  // line 177
        #expect(d.value("Medlemsavgift", .budget, year(2024), member: "Region Stockholm") == 1_520_000)  // line 164
        #expect(d.value("MedlemsavgiftAndel", .budget, year(2024), member: "Sundbyberg") == Decimal(string: "0.32"))  // line 66
        #expect(d.unmapped.isEmpty, "\(d.unmapped)")
    }
}

@Suite("Golden: Uppsala län styrelsekallelse 2024-10-24", .enabled(if: Repo.sharedReports != nil, Comment(rawValue: Repo.sharedMissing)))
struct GoldenUppsalaTests {
    var docs: [Document] { get throws { try GoldenReports.documents("uppsala-lan-styrelsekallelse-2024-10-24") } }
    let h1 = period("2024-01-01", "2024-06-30")
    let mid = Period.instant(day("2024-06-30"))

    @Test func parts() throws {
        let d = try docs
        #expect(d.map(\.kind) == [.kallelse, .delarsrapport, .other])
        #expect(d.allSatisfy { $0.organisation == Organisation(name: "Samordningsförbundet Uppsala län", orgnr: "222000-2576") })
        #expect(d[0].decisionDate == day("2024-10-24"))
        #expect(d[1].period == h1)
        #expect(d[2].period == h1)
        #expect(d[1].lines.map { $0.contains(975) } == true)
        #expect(d[2].lines.map { $0.contains(1410) } == true)
    }

    @Test func mustShow() throws {
        let report = try docs[1]
        #expect(report.value("VerksamhetensKostnader", h1, kind: .resultatrakning) == 12_937_142)  // line 970
        let row = try #require(report.row(line: 970))
        #expect(row.label == "Verksamhetens nettokostnader")
        #expect(row.mappingNote?.contains("summerar") == true)
    }

    @Test func interimReport() throws {
        let d = try docs[1]
        #expect(d.value("AretsResultat", h1, kind: .resultatrakning) == -619_833)  // line 975
        #expect(d.value("AretsResultat", .budget, year(2024), kind: .resultatrakning) == -2_959_000)
        #expect(d.value("VerksamhetensNettokostnad", period("2023-01-01", "2023-06-30"), kind: .resultatrakning) == 124_314)  // line 971
        #expect(d.value("SummaTillgangar", .instant(day("2023-12-31"))) == 13_711_553)  // line 995
        #expect(d.value("LikvidaMedelVidAretsBorjan", .instant(day("2023-12-31"))) == 13_163_897)  // line 1021
        #expect(d.value("Medlemsavgift", .budget, year(2024), member: "Region Uppsala") == 5_830_500)  // line 1047, `Helår 2024`
        #expect(d.value("Medlemsavgifter", h1, kind: .resultatrakning) == 11_661_000)  // line 958 via Not 1
        #expect(d.value("KostnadInsats", .budget, h1, member: "RegExPro", kind: .driftsredovisning,
                        dimensions: ["ägare": "Region Uppsala"]) == 623_000)  // line 1157
        #expect(d.value("AretsResultat", h1, kind: .driftsredovisning) == -620_000)  // line 1166 `Totalt 2024-06-30`
        #expect(d.value("StyrelseKostnader", .kvot, h1) == Decimal(string: "0.22"))  // line 914
    }

    @Test func commasReadPerTable() throws {
        let d = try docs[1]
        // `12,094` in the TSEK overview is twelve thousand ninety-four tkr (line 534).
        let income = try #require(d.facts.first { $0.source.line == 534 && $0.period == h1 })
        #expect(income.value == 12_094_000)
        #expect(income.decimals == -3)
        #expect(d.value("AntalAnstallda", h1) == 5)  // line 538
        // The balance requirement table is in Mkr, its last column in tkr (line 899).
        #expect(d.value("AretsResultat", year(2008), kind: .balanskrav) == 9_639_000)
        #expect(d.value("AretsResultat", year(2015), kind: .balanskrav) == -51_000)
        let last = try #require(d.facts.first { $0.source.line == 899 && $0.period == h1 })
        #expect(last.value == -620_000)
        #expect(last.decimals == -2)
        #expect(d.diagnostics.contains { $0.code == "text.mixed-units" && $0.location.line >= 886 })
        #expect(d.value("BalanskravsResultat", year(2008)) == 8_639_000)  // line 901
    }

    @Test func boardPaperForecast() throws {
        let d = try docs[0]
        #expect(d.value("AretsResultat", .budget, year(2028)) == 11_998_000)  // line 361
        #expect(d.value("KvarvarandeBeslutsutrymme", .prognos, .instant(day("2024-12-31"))) == 4_830_000)  // line 363
        #expect(d.value("KostnadInsats", .prognos, year(2024), member: "RegExPro", dimensions: ["ägare": "Region Uppsala"]) == 1_345_000)  // line 333
        #expect(d.unmapped.isEmpty, "\(d.unmapped)")
    }

    @Test func followUp() throws {
        let d = try docs[2]
        #expect(d.value("KostnadInsats", .budget, h1, member: "RegExPro", dimensions: ["ägare": "Region Uppsala"]) == 673_000)  // line 1335
        #expect(d.value("DeltagarePagaende", mid) == 412)  // line 1418
        #expect(d.value("DeltagareInskrivna", h1, member: "Kvinna Hälsa Arbete", dimensions: ["kön": "kvinnor", "ägare": "Uppsala"]) == 95)  // line 1415
        #expect(d.value("DeltagareAvslutadeArbeteStudierAndel", h1, dimensions: ["kön": "män"]) == Decimal(string: "0.68"))  // line 1419
        #expect(d.unmapped.isEmpty, "\(d.unmapped)")
    }

    @Test func unmappedAreRowsAPersonWouldHesitateOver() throws {
        let unmapped = try docs.flatMap(\.unmapped)
        // A second total of the personnel note that leaves out one post: neither the note's total nor a post.
        #expect(unmapped.map(\.label) == ["Summa personalkostnader exkl projekledare SMAIL"])
        #expect(unmapped.map(\.source.line) == [1093])
        // `Summa 9935 | 9 349` sums the interventions and the other joint activities (line 948).
        #expect(try docs[1].value("KostnaderInsatserTotalt", h1, kind: .other) == 9_935_000)
        #expect(try docs[1].value("FinansiellaIntakter", h1, member: "Uttag överskottsfond KPA") == 94_658)  // line 1096
    }
}
