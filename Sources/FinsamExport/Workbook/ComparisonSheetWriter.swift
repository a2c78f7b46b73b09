import Foundation
import FinsamMapping
import FinsamModel

/// `Jämförelse`: organisations and periods as columns; under the column heads the charts (over the first
/// block, one column per organisation), then the ratios, each a formula over cells of the workbook with its
/// value stored, then every concept, each figure a formula referring to the cell that shows it on its
/// document's sheet.
struct ComparisonSheetWriter {
    let model: ComparisonModel
    let catalog: FactCatalog
    let styles: WorkbookStyles
    let sheetName: String

    static let firstValueColumn = 2
    static let organisationRow = 4
    static let periodRow = 5
    static let aboutRow = 6
    static let chartRow = 7

    /// Sheet rows of what the ratios and charts refer to.
    struct Written {
        var conceptRow: [String: Int] = [:]
        var ratioRow: [String: Int] = [:]
        /// Per ratio row: the stored value per column.
        var ratioValues: [Int: [Int: Double]] = [:]
        var otherCostsRow: Int?
        var benchmarkRow: Int?
        var lastRow = 0
    }

    func write(to sheet: XlsxSheet) {
        let first = ComparisonSheetWriter.firstValueColumn
        var widths = ColumnWidths(count: first + model.columns.count)
        sheet.string(0, 0, "Jämförelse mellan förbund", styles.title)
        sheet.string(1, 0, "Varje värde är en formel mot cellen på dokumentets blad; nyckeltalen räknas med formler. Första blocket visar varje förbunds senaste utfall och ritas i diagrammen.", styles.subtitle)
        writeHeader(sheet, widths: &widths)

        // Rows first: the ratios refer to concept rows written after them.
        var written = Written()
        let ratioTitle = ComparisonSheetWriter.chartRow + ComparisonCharts.height(mainCount: model.mainCount)
        var row = ratioTitle + 1
        for ratio in RatioDefinition.all {
            written.ratioRow[ratio.numerator + "/" + ratio.denominator] = row
            row += 1
        }
        let otherCostsRow = row
        written.benchmarkRow = row + 1
        let conceptTitle = row + 3
        for (i, r) in model.rows.enumerated() { written.conceptRow[r.concept] = conceptTitle + 1 + i }
        written.lastRow = conceptTitle + model.rows.count

        sheet.string(conceptTitle, 0, "Belopp och antal", styles.tableTitle)
        for r in model.rows {
            let row = written.conceptRow[r.concept]!
            sheet.string(row, 0, r.label)
            sheet.string(row, 1, r.concept, styles.subtitle)
            widths.fit(0, r.label)
            widths.fit(1, r.concept)
            let format = styles.value(NumberFormats.fact(unit: r.unit))
            for (j, value) in r.values.enumerated() {
                guard let value else { continue }
                if let formula = value.formula {
                    sheet.formula(row, first + j, formula, value: value.computed, format)
                } else {
                    sheet.number(row, first + j, value.value, format)
                    sheet.comment(row, first + j, "Värdet saknar cell i arbetsboken: \(value.provenance).")
                }
                widths.fit(first + j, length: SwedishText.amountWidth(value.value) + 2)
            }
        }

        sheet.string(ratioTitle, 0, "Beräknade nyckeltal", styles.tableTitle)
        for ratio in RatioDefinition.all {
            let row = written.ratioRow[ratio.numerator + "/" + ratio.denominator]!
            written.ratioValues[row] = writeRatio(ratio, row: row, sheet: sheet, written: written, widths: &widths)
        }
        writeOtherCosts(row: otherCostsRow, sheet: sheet, written: &written)
        let benchmark = written.benchmarkRow!
        sheet.string(benchmark, 0, "Riktmärke: eget kapital högst 20 % av medlemsavgifterna")
        sheet.string(benchmark, 1, "20 %", styles.subtitle)
        for j in model.columns.indices { sheet.number(benchmark, first + j, RatioDefinition.equityBenchmark, styles.percent) }

        if let equity = written.ratioRow[RatioDefinition.equityShare.numerator + "/" + RatioDefinition.equityShare.denominator], !model.columns.isEmpty {
            sheet.highlightAbove(RatioDefinition.equityBenchmark, firstRow: equity, firstCol: first, lastRow: equity, lastCol: first + model.columns.count - 1, styles.severity(.warning))
        }

        widths.apply(0, to: sheet, min: 30, max: 58)
        widths.apply(1, to: sheet, min: 18, max: 52)
        for j in model.columns.indices { widths.apply(first + j, to: sheet, min: 14, max: 28) }
        sheet.freeze(rows: ComparisonSheetWriter.aboutRow + 1, cols: first)
        sheet.printSetup(landscape: true, fitToWidth: true, repeatRows: ComparisonSheetWriter.organisationRow...ComparisonSheetWriter.aboutRow)

        ComparisonCharts(model: model, written: written, styles: styles, sheetName: sheetName).insert(into: sheet, at: ComparisonSheetWriter.chartRow)
    }

    private func writeHeader(_ sheet: XlsxSheet, widths: inout ColumnWidths) {
        let first = ComparisonSheetWriter.firstValueColumn
        let head = styles.columnHeaderSingleLine
        sheet.string(ComparisonSheetWriter.organisationRow, 0, "Förbund", styles.columnHeaderLeft)
        sheet.string(ComparisonSheetWriter.periodRow, 0, "Period", styles.columnHeaderLeft)
        sheet.string(ComparisonSheetWriter.aboutRow, 0, "Avser", styles.columnHeaderLeft)
        for r in [ComparisonSheetWriter.organisationRow, ComparisonSheetWriter.periodRow, ComparisonSheetWriter.aboutRow] {
            sheet.string(r, 1, "", styles.columnHeaderLeft)
        }
        if model.mainCount > 0 { sheet.string(3, first, "Senaste utfall per förbund (budget där utfall saknas)", styles.bold) }
        if model.columns.count > model.mainCount { sheet.string(3, first + model.mainCount, "Fler perioder", styles.bold) }
        for (j, col) in model.columns.enumerated() {
            sheet.string(ComparisonSheetWriter.organisationRow, first + j, col.name, head)
            sheet.string(ComparisonSheetWriter.periodRow, first + j, SwedishText.period(col.period), head)
            let kinds = Array(Set(col.kinds.map(SwedishText.kind))).sorted().joined(separator: ", ")
            sheet.string(ComparisonSheetWriter.aboutRow, first + j, SwedishText.scenario(col.scenario) + ", " + kinds.lowercased(), head)
            widths.fit(first + j, col.name)
            widths.fit(first + j, SwedishText.scenario(col.scenario) + ", " + kinds)
        }
    }

    /// A ratio per column: within the one table that prints both figures where there is one (its cells
    /// referenced directly), else over this sheet's rows.
    private func writeRatio(_ ratio: RatioDefinition, row: Int, sheet: XlsxSheet, written: Written, widths: inout ColumnWidths) -> [Int: Double] {
        var stored: [Int: Double] = [:]
        let first = ComparisonSheetWriter.firstValueColumn
        sheet.string(row, 0, ratio.label)
        sheet.string(row, 1, ratio.explanation, styles.subtitle)
        let format = ratio.display == .percent ? styles.percentOneDecimal : styles.kronor
        let numeratorRow = model.rows.first(where: { $0.concept == ratio.numerator })
        let denominatorRow = model.rows.first(where: { $0.concept == ratio.denominator })
        for (j, col) in model.columns.enumerated() {
            if ratio.fullYearOnly && !col.period.isFullYear { continue }
            var numerator: (term: String, value: Decimal)?
            var denominator: (term: String, value: Decimal)?
            if ratio.sameTableFirst,
               let (n, d) = catalog.pairInOneTable(organisation: col.organisation, numerator: ratio.numerator, denominator: ratio.denominator, scenario: col.scenario, period: col.period, preferring: col.documents),
               let nc = catalog.cell(n), let dc = catalog.cell(d) {
                numerator = ((nc.negated ? "-" : "") + nc.cell.qualified, catalog.fact(n).value)
                denominator = (dc.negated ? "(-" + dc.cell.qualified + ")" : dc.cell.qualified, catalog.fact(d).value)
            } else if let nr = written.conceptRow[ratio.numerator], let dr = written.conceptRow[ratio.denominator],
                      let nv = numeratorRow?.values[j], let dv = denominatorRow?.values[j] {
                numerator = (CellAddress.a1(row: nr, col: first + j), nv.value)
                denominator = (CellAddress.a1(row: dr, col: first + j), dv.value)
            }
            guard let numerator, let denominator, denominator.value != 0 else { continue }
            let value = numerator.value.xlsxDouble / denominator.value.xlsxDouble
            sheet.formula(row, first + j, "=" + numerator.term + "/" + denominator.term, value: value, format)
            stored[j] = value
        }
        widths.fit(0, ratio.label)
        widths.fit(1, ratio.explanation)
        return stored
    }

    /// What is left of the costs after administration and interventions, for the cost-structure chart.
    private func writeOtherCosts(row: Int, sheet: XlsxSheet, written: inout Written) {
        let first = ComparisonSheetWriter.firstValueColumn
        guard let admin = written.ratioRow[RatioDefinition.administrationShare.numerator + "/" + RatioDefinition.administrationShare.denominator],
              let interventions = written.ratioRow[RatioDefinition.interventionShare.numerator + "/" + RatioDefinition.interventionShare.denominator]
        else { return }
        written.otherCostsRow = row
        sheet.string(row, 0, "Övriga kostnaders andel")
        sheet.string(row, 1, "1 − administration − insatser", styles.subtitle)
        for j in model.columns.indices {
            guard let a = written.ratioValues[admin]?[j], let i = written.ratioValues[interventions]?[j] else { continue }
            let formula = "=MAX(0,1-\(CellAddress.a1(row: admin, col: first + j))-\(CellAddress.a1(row: interventions, col: first + j)))"
            sheet.formula(row, first + j, formula, value: max(0, (1 - a) - i), styles.percentOneDecimal)
        }
    }
}
