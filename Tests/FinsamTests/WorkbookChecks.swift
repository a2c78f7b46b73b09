import Foundation
import Testing
@testable import FinsamExport
@testable import FinsamModel

/// Checks any written workbook against the batch it was written from, through the file alone.
enum WorkbookChecks {
    /// Writes the batch to a temporary file, reads it back and removes the file: the reader and the file's bytes.
    static func written(_ batch: WorkbookBatch, exporter: WorkbookExporter, name: String = "out.xlsx") throws -> (WorkbookReader, Data) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("finsam-wb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(name)
        try exporter.write(batch, to: url.path)
        return (try WorkbookReader(path: url.path), try Data(contentsOf: url))
    }

    /// Document number (1-based, as `Översikt` numbers them) → the name of its sheet, from `Översikt`.
    static func documentSheets(_ wb: WorkbookReader) -> [Int: String] {
        guard let overview = wb.sheet("Översikt") else { return [:] }
        var header: [String: Int] = [:]
        for c in 0..<30 { if let t = overview.value(3, c).text { header[t] = c } }
        var out: [Int: String] = [:]
        guard let nr = header["Nr"], let blad = header["Blad"] else { return [:] }
        for r in 4..<overview.rowCount {
            if let n = overview.value(r, nr).number, let s = overview.value(r, blad).text { out[Int(n)] = s }
        }
        return out
    }

    /// Every fact's printed figure stands on its document's sheet, on the row whose source-line column holds
    /// the fact's line, in its table column under the header that column printed: found by reading the sheet,
    /// not by asking the layout. Returns the number of facts checked.
    @discardableResult
    static func everyFactInItsCell(_ wb: WorkbookReader, _ documents: [Document], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let sheets = documentSheets(wb)
        var checked = 0
        for (d, doc) in documents.enumerated() {
            guard let name = sheets[d + 1], let sheet = wb.sheet(name) else {
                Issue.record("document \(d + 1) has no sheet", sourceLocation: sourceLocation)
                continue
            }
            // Rows by source line; header rows (`Rad` in column A) above each table.
            var rowsByLine: [Int: [Int]] = [:]
            var headerAbove: [Int: Int] = [:]
            var lastHeader = -1
            for r in 0..<sheet.rowCount {
                if sheet.value(r, 0).text == "Rad" { lastHeader = r }
                if let line = sheet.value(r, 0).number, lastHeader >= 0 {
                    rowsByLine[Int(line), default: []].append(r)
                    headerAbove[r] = lastHeader
                }
            }
            for f in doc.facts {
                guard let t = f.tableIndex, let c = f.columnIndex, let rowIndex = f.rowIndex else { continue }
                let table = doc.tables[t]
                let printed = table.rows[rowIndex].cells[c]!
                let header = table.columns[c].header
                // A ledger row's cells come from different SIE lines (#UB 0, #UB -1): the sheet lists the row's line.
                let candidates = rowsByLine[table.rows[rowIndex].source.line] ?? []
                // Figures start after `Rad`, the label, `Not` and, when a table has one, `Avser`.
                let hit = candidates.contains { r in
                    guard let h = headerAbove[r], sheet.value(h, 2).text == "Not" else { return false }
                    let first = sheet.value(h, 3).text == "Avser" ? 4 : 3
                    let headerMatches = header.isEmpty || sheet.value(h, first + c).text == header
                    // Amounts are held in kronor; a count a table of thousands prints is held as its fact reads it.
                    let shown = sheet.value(r, first + c).number
                    return headerMatches && (shown == printed.value.xlsxDouble || (f.unit != .sek && shown == f.value.xlsxDouble))
                }
                #expect(hit, "\(f.source) \(f.concept): \(printed.text) not found under ”\(header)” on \(name)", sourceLocation: sourceLocation)
                // The natural-sign value is the printed one or its negation.
                // A count in a table of thousands (`Antal anställda 5` under TSEK) is a count, not thousands.
                let unscaled = f.unit == .sek ? printed.value : printed.value.shifted(by: -table.columns[c].scale.exponent)
                #expect(
                    [printed.value, -printed.value, unscaled].contains(f.value), "\(f.source) \(f.concept) \(f.value) vs \(printed.value)",
                    sourceLocation: sourceLocation)
                checked += 1
            }
        }
        return checked
    }

    /// Every formula of the workbook, evaluated over the stored values, gives the value stored with it.
    /// Returns the number of formulas checked.
    @discardableResult
    static func everyFormulaComputesItsValue(_ wb: WorkbookReader, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let evaluator = WorkbookFormulaEvaluator(workbook: wb)
        var count = 0
        for sheet in wb.sheets {
            for (ref, cell) in sheet.cells {
                guard let formula = cell.formula else { continue }
                count += 1
                do {
                    let computed = try evaluator.evaluate(formula, on: sheet.name)
                    guard let stored = cell.value.number else {
                        Issue.record("\(sheet.name)!\(ref) =\(formula) has no stored number", sourceLocation: sourceLocation)
                        continue
                    }
                    #expect(abs(computed - stored) <= 1e-9 * max(1, abs(stored)),
                            "\(sheet.name)!\(ref) =\(formula): stored \(stored), computes \(computed)", sourceLocation: sourceLocation)
                } catch {
                    Issue.record("\(sheet.name)!\(ref) =\(formula): \(error)", sourceLocation: sourceLocation)
                }
            }
        }
        return count
    }

    /// Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, unique without regard to case.
    static func sheetNamesValid(_ wb: WorkbookReader, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var seen = Set<String>()
        for s in wb.sheets {
            #expect(s.name.count <= 31 && !s.name.isEmpty, "\(s.name)", sourceLocation: sourceLocation)
            #expect(!s.name.contains(where: { "[]:*?/\\".contains($0) }), "\(s.name)", sourceLocation: sourceLocation)
            #expect(seen.insert(s.name.lowercased()).inserted, "duplicate \(s.name)", sourceLocation: sourceLocation)
        }
    }
}
