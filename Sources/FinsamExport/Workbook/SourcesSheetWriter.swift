import Foundation
import FinsamModel

/// `Källor`: each input file with its format, SHA-256, what it held and what was found in it, and the reason
/// when it could not be read.
struct SourcesSheetWriter {
    let batch: WorkbookBatch
    let placement: BatchPlacement
    let styles: WorkbookStyles
    /// The CSV holding the facts when the workbook has no `Fakta` sheet.
    var factsFile: FactsFile? = nil

    static let headerRow = 3
    static let headers = [
        "Fil", "Format", "SHA-256", "Organisation", "Org.nr", "Period", "Dokument", "Fakta", "Omappade", "Fel",
        "Varningar", "Info", "Inläsningsfel",
    ]

    /// Where the facts are when they are not in the workbook.
    static func factsLine(_ file: FactsFile) -> String {
        "Fakta (\(file.rows) rader, samma kolumner som bladet Fakta) finns i \(file.name): CSV med UTF-8, semikolon och decimalkomma."
    }

    func write(to sheet: XlsxSheet) {
        var widths = ColumnWidths(count: SourcesSheetWriter.headers.count)
        for (c, h) in SourcesSheetWriter.headers.enumerated() { widths.fit(c, length: h.count + 3) }
        let files = batch.inputFiles
        sheet.string(0, 0, "Källor", styles.title)
        sheet.string(1, 0, "\(files.count) filer. SHA-256 beräknas på filens bytes när den läses.", styles.subtitle)
        if let factsFile {
            sheet.string(2, 0, SourcesSheetWriter.factsLine(factsFile), styles.subtitle)
        }

        var docsByFile: [String: [Int]] = [:]
        for (d, doc) in batch.documents.enumerated() { docsByFile[doc.source, default: []].append(d) }
        var findingsByDoc: [Int: [Severity: Int]] = [:]
        for (i, f) in batch.findings.enumerated() {
            if let d = placement.findingDocument[i] { findingsByDoc[d, default: [:]][f.severity, default: 0] += 1 }
        }
        let errorsByFile = Dictionary(grouping: batch.errors, by: \.file)

        for (i, file) in files.enumerated() {
            let row = SourcesSheetWriter.headerRow + 1 + i
            let docs = (docsByFile[file] ?? []).map { (index: $0, doc: batch.documents[$0]) }
            func joined(_ values: [String]) -> String {
                var seen = Set<String>()
                return values.filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: "; ")
            }
            let cells: [(Int, String)] = [
                (0, file),
                (1, joined(docs.map { SwedishText.format($0.doc.format) })),
                (2, docs.first?.doc.sha256 ?? batch.hashes[file] ?? ""),
                (3, joined(docs.map(\.doc.organisation.name))),
                (4, joined(docs.map { $0.doc.organisation.orgnr ?? "" })),
                (5, joined(docs.map { $0.doc.period.description })),
                (6, joined(docs.map { $0.doc.title ?? SwedishText.kind($0.doc.kind) })),
                (12, (errorsByFile[file] ?? []).map(\.description).joined(separator: "\n")),
            ]
            for (c, text) in cells {
                sheet.string(row, c, text, c == 2 ? styles.hash : .none)
                widths.fit(c, length: text.split(separator: "\n").map(\.count).max() ?? 0)
            }
            sheet.number(row, 7, docs.reduce(0) { $0 + $1.doc.facts.count }, styles.count)
            sheet.number(row, 8, docs.reduce(0) { $0 + $1.doc.unmapped.count }, styles.count)
            for (c, s) in [(9, Severity.error), (10, .warning), (11, .info)] {
                sheet.number(row, c, docs.reduce(0) { $0 + (findingsByDoc[$1.index]?[s] ?? 0) }, styles.count)
            }
        }
        sheet.table(name: "Kallor", firstRow: SourcesSheetWriter.headerRow, firstCol: 0,
                    lastRow: SourcesSheetWriter.headerRow + max(files.count, 1), headers: SourcesSheetWriter.headers,
                    headerFormats: styles.tableHeaders(SourcesSheetWriter.headers, numeric: Set(Array(7...11))))
        for c in SourcesSheetWriter.headers.indices { widths.apply(c, to: sheet, min: 8, max: c == 2 ? 66 : 60) }
        sheet.freeze(rows: SourcesSheetWriter.headerRow + 1, cols: 1)
        sheet.printSetup(landscape: true, fitToWidth: true, repeatRows: SourcesSheetWriter.headerRow...SourcesSheetWriter.headerRow)
    }
}
