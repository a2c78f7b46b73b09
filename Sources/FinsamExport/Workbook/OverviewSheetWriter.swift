import Foundation
import FinsamModel

/// `Översikt`: one row per document with its key figures (formulas referring to the cells that show them),
/// counts of findings by severity (counted live in `Avvikelser`) and a link to its sheet, as an Excel table.
struct OverviewSheetWriter {
    let batch: WorkbookBatch
    let placement: BatchPlacement
    let catalog: FactCatalog
    let styles: WorkbookStyles
    let findingsSheet: String
    let created: Date?
    /// The CSV holding the facts when the workbook has no `Fakta` sheet.
    var factsFile: FactsFile? = nil

    static let headerRow = 3
    /// Widest the title column gets; longer titles wrap.
    static let titleWidth = 44.0
    static let headers = [
        "Nr", "Organisation", "Org.nr", "Dokument", "Titel", "Från", "Till", "Avser", "Intäkter", "Kostnader",
        "Resultat", "Eget kapital", "Summa tillgångar", "Soliditet", "Medlemsavgifter", "EU-bidrag", "Fel",
        "Varningar", "Info", "Fakta", "Omappade", "Blad", "Källa",
    ]
    /// Key figures: header → concept.
    static let keyFigures: [(column: Int, concept: String)] = [
        (8, "VerksamhetensIntakter"), (9, "VerksamhetensKostnader"), (10, "AretsResultat"), (11, "EgetKapital"),
        (12, "SummaTillgangar"), (13, "Soliditet"), (14, "Medlemsavgifter"), (15, "EUBidrag"),
    ]

    func write(to sheet: XlsxSheet) {
        let docs = batch.documents
        var widths = ColumnWidths(count: OverviewSheetWriter.headers.count)
        sheet.string(0, 0, "Finsam – samordningsförbundens räkenskaper", styles.title)
        let facts = docs.reduce(0) { $0 + $1.facts.count }
        let unmapped = docs.reduce(0) { $0 + $1.unmapped.count }
        let counts = Dictionary(grouping: batch.findings, by: \.severity).mapValues(\.count)
        var summary = "\(docs.count) dokument från \(batch.inputFiles.count) filer · \(facts) fakta · \(unmapped) omappade rader · \(counts[.error] ?? 0) fel, \(counts[.warning] ?? 0) varningar, \(counts[.info] ?? 0) upplysningar"
        if !batch.errors.isEmpty { summary += " · \(batch.errors.count) filer kunde inte läsas helt (se Källor)" }
        if let factsFile { summary += " · fakta i \(factsFile.name)" }
        if let created { summary += " · skapad \(OverviewSheetWriter.timestamp(created))" }
        sheet.string(1, 0, summary, styles.subtitle)
        for (c, h) in OverviewSheetWriter.headers.enumerated() { widths.fit(c, length: h.count + 3) }

        let findingRows = FindingsSheetWriter.dataRows(count: batch.findings.count)
        let severityRange = CellAddress.quoted(findingsSheet) + "!" + rangeText(FindingsSheetWriter.severityColumn, findingRows)
        let numberRange = CellAddress.quoted(findingsSheet) + "!" + rangeText(FindingsSheetWriter.documentNumberColumn, findingRows)
        var findingCount: [Int: [Severity: Int]] = [:]
        for (i, f) in batch.findings.enumerated() {
            if let d = placement.findingDocument[i] { findingCount[d, default: [:]][f.severity, default: 0] += 1 }
        }

        for (d, doc) in docs.enumerated() {
            let row = OverviewSheetWriter.headerRow + 1 + d
            let scenario = ComparisonModel.primaryScenario(doc)
            sheet.number(row, 0, d + 1, styles.centered)
            sheet.string(row, 1, doc.organisation.name)
            sheet.string(row, 2, doc.organisation.orgnr ?? "")
            sheet.string(row, 3, SwedishText.kind(doc.kind))
            // A long title wraps within its column rather than being cut off by the next one.
            // Text averages narrower than the digit a column width counts (about 50 letters in 44 widths).
            let titleLines = TextWrap.lines(doc.title ?? "", width: OverviewSheetWriter.titleWidth * 1.1)
            sheet.string(row, 4, doc.title ?? "", styles.wrappedInline)
            if titleLines > 1 { sheet.row(row, height: TextWrap.height(lines: min(titleLines, 4))) }
            if let start = doc.period.start { sheet.number(row, 5, start.excelSerial, styles.date) }
            sheet.number(row, 6, doc.period.end.excelSerial, styles.date)
            sheet.string(row, 7, SwedishText.scenario(scenario))
            widths.fit(1, doc.organisation.name)
            widths.fit(2, doc.organisation.orgnr ?? "")
            widths.fit(3, SwedishText.kind(doc.kind))
            widths.fit(4, doc.title ?? "")

            var written: [String: Double] = [:]
            for (col, concept) in OverviewSheetWriter.keyFigures {
                let org = placement.organisationKey[d]
                var value: SourcedValue?
                if let p = catalog.best(organisation: org, concept: concept, scenario: scenario, period: doc.period, preferring: [d], only: d) {
                    value = catalog.sourced(p)
                } else if let parts = ComparisonModel.partsConcept[concept] {
                    value = catalog.sourced(sumOf: catalog.memberParts(organisation: org, concept: parts, scenario: scenario, period: doc.period, preferring: [d], only: d))
                }
                guard let value else { continue }
                let format = styles.value(NumberFormats.fact(unit: value.unit))
                if let formula = value.formula {
                    sheet.formula(row, col, formula, value: value.computed, format)
                } else {
                    sheet.number(row, col, value.value, format)
                }
                written[concept] = value.computed
                widths.fit(col, length: SwedishText.amountWidth(value.value) + 2)
            }
            // Soliditet the report does not print: equity over total assets, computed here.
            if written["Soliditet"] == nil, let equity = written["EgetKapital"], let assets = written["SummaTillgangar"], assets != 0 {
                let formula = "=" + CellAddress.a1(row: row, col: 11) + "/" + CellAddress.a1(row: row, col: 12)
                sheet.formula(row, 13, formula, value: equity / assets, styles.value(NumberFormats.percent))
                sheet.comment(row, 13, "Beräknad: eget kapital / summa tillgångar (rapporten anger ingen soliditet för perioden).")
            }

            let nr = CellAddress.a1(row: row, col: 0)
            for (col, severity) in [(16, Severity.error), (17, .warning), (18, .info)] {
                let formula = "=COUNTIFS(\(severityRange),\"\(SwedishText.severity(severity))\",\(numberRange),\(nr))"
                sheet.formula(row, col, formula, value: Double(findingCount[d]?[severity] ?? 0), styles.count)
            }
            sheet.number(row, 19, doc.facts.count, styles.count)
            sheet.number(row, 20, doc.unmapped.count, styles.count)
            let target = CellRef(sheet: placement.sheetName[d], row: 0, col: 0)
            sheet.link(row, 21, to: target, text: placement.sheetName[d], styles.link)
            sheet.string(row, 22, doc.source)
            widths.fit(21, placement.sheetName[d])
            widths.fit(22, doc.source)
        }
        let lastRow = OverviewSheetWriter.headerRow + max(docs.count, 1)
        sheet.table(name: "Oversikt", firstRow: OverviewSheetWriter.headerRow, firstCol: 0, lastRow: lastRow, headers: OverviewSheetWriter.headers,
                    // Nr centred: right-aligned, its figures ran into the names beside them.
                    headerFormats: [styles.columnHeaderCentered] + styles.tableHeaders(OverviewSheetWriter.headers, numeric: Set(8...20)).dropFirst())
        for c in OverviewSheetWriter.headers.indices {
            switch c {
            case 0: sheet.column(c, width: 5)
            case 5, 6: sheet.column(c, width: 11.5)
            case 16, 17, 18, 19, 20: widths.apply(c, to: sheet, min: 6, max: 12)
            case 4: widths.apply(c, to: sheet, min: 8, max: OverviewSheetWriter.titleWidth)
            default: widths.apply(c, to: sheet, min: 8, max: c == 22 ? 60 : 40)
            }
        }
        sheet.freeze(rows: OverviewSheetWriter.headerRow + 1, cols: 2)
        sheet.printSetup(landscape: true, fitToWidth: true, repeatRows: OverviewSheetWriter.headerRow...OverviewSheetWriter.headerRow)
        // Sheet links and paths are for the screen: the printout ends with the counts.
        sheet.printArea(firstRow: 0, firstCol: 0, lastRow: lastRow, lastCol: 20)
        sheet.activate()
    }

    private func rangeText(_ col: Int, _ rows: ClosedRange<Int>) -> String {
        CellAddress.absolute(row: rows.lowerBound, col: col) + ":" + CellAddress.absolute(row: rows.upperBound, col: col)
    }

    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "sv_SE")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: date)
    }
}
