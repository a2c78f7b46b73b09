import CXlsxWriter
import FinsamModel

/// The comparison's native charts, over the first block of `Jämförelse` (one column per organisation):
/// income, costs and result; the cost structure; equity against the 20 % line.
struct ComparisonCharts {
    let model: ComparisonModel
    let written: ComparisonSheetWriter.Written
    let styles: WorkbookStyles
    let sheetName: String

    static let blue: UInt32 = 0x4472C4
    static let orange: UInt32 = 0xED7D31
    static let grey: UInt32 = 0xA5A5A5
    static let green: UInt32 = 0x70AD47
    static let red: UInt32 = 0xC00000

    /// Up to this many organisations the three charts stand side by side; more, and they are stacked, each
    /// as wide as the organisations need.
    static let sideBySideUpTo = 8
    static let chartRows = 20

    /// Rows the charts take under the column heads.
    static func height(mainCount: Int) -> Int {
        if mainCount == 0 { return 2 }
        return mainCount <= sideBySideUpTo ? chartRows + 1 : 3 * chartRows + 1
    }

    func insert(into sheet: XlsxSheet, at firstRow: Int) {
        let n = model.mainCount
        guard n > 0 else {
            sheet.string(firstRow, 0, "Inga diagram: batchen har inget förbund med utfall.", styles.subtitle)
            return
        }
        let charts: [(String, XlsxChart?)] = [
            ("intäkter, kostnader och resultat", incomeCostsResult()),
            ("kostnadsstruktur", costStructure()),
            ("eget kapital mot 20 %-gränsen", equityAgainstBenchmark()),
        ]
        let sideBySide = n <= ComparisonCharts.sideBySideUpTo
        let xScale = sideBySide ? 1.2 : min(6, Double(n) * 0.3)
        // A chart is 480 × 288 pixels at scale 1; rows are 20 pixels high.
        let yScale = Double(ComparisonCharts.chartRows - 1) * 20 / 288
        var slot = 0
        var missing: [String] = []
        for (name, chart) in charts {
            guard let chart else {
                missing.append(name)
                continue
            }
            if sideBySide {
                sheet.insert(chart, row: firstRow, col: 0, xScale: xScale, yScale: yScale, offset: (x: slot * Int(480 * xScale + 12), y: 4))
            } else {
                sheet.insert(chart, row: firstRow + slot * ComparisonCharts.chartRows, col: 0, xScale: xScale, yScale: yScale, offset: (x: 0, y: 4))
            }
            slot += 1
        }
        if !missing.isEmpty {
            let noteRow = firstRow + ComparisonCharts.height(mainCount: n) - 1
            sheet.string(noteRow, 0, "Diagram saknas för " + missing.joined(separator: ", ") + ": inget förbund har de värden som behövs.", styles.subtitle)
        }
    }

    private var categories: String {
        let first = ComparisonSheetWriter.firstValueColumn
        return CellAddress.range(sheet: sheetName, firstRow: ComparisonSheetWriter.organisationRow, firstCol: first,
                                 lastRow: ComparisonSheetWriter.organisationRow, lastCol: first + model.mainCount - 1)
    }

    private func values(row: Int) -> String {
        let first = ComparisonSheetWriter.firstValueColumn
        return CellAddress.range(sheet: sheetName, firstRow: row, firstCol: first, lastRow: row, lastCol: first + model.mainCount - 1)
    }

    /// True when some organisation of the first block has a value in the row.
    private func hasValues(concept: String) -> Bool {
        guard let r = model.rows.first(where: { $0.concept == concept }) else { return false }
        return r.values.prefix(model.mainCount).contains { $0 != nil }
    }

    private func hasValues(ratioRow row: Int?) -> Bool {
        guard let row, let values = written.ratioValues[row] else { return false }
        return values.keys.contains { $0 < model.mainCount }
    }

    private func incomeCostsResult() -> XlsxChart? {
        let series: [(String, String, UInt32)] = [
            ("VerksamhetensIntakter", "Intäkter", ComparisonCharts.blue),
            ("VerksamhetensKostnader", "Kostnader", ComparisonCharts.orange),
            ("AretsResultat", "Resultat", ComparisonCharts.green),
        ].filter { hasValues(concept: $0.0) }
        guard !series.isEmpty else { return nil }
        let chart = styles.wb.addChart(LXW_CHART_COLUMN)
        chart.title("Intäkter, kostnader och resultat per förbund")
        for (concept, name, color) in series {
            chart.series(name: name, categories: categories, values: values(row: written.conceptRow[concept]!), color: color)
        }
        chart.valueAxis(numberFormat: "#,##0,\" tkr\"")
        chart.categoryLabelsLow()
        chart.legendBottom()
        chart.gaps()
        return chart
    }

    private func costStructure() -> XlsxChart? {
        let admin = written.ratioRow[RatioDefinition.administrationShare.numerator + "/" + RatioDefinition.administrationShare.denominator]
        let interventions = written.ratioRow[RatioDefinition.interventionShare.numerator + "/" + RatioDefinition.interventionShare.denominator]
        let series: [(Int?, String, UInt32)] = [
            (interventions, "Insatser", ComparisonCharts.blue),
            (admin, "Administration (kansli och styrelse)", ComparisonCharts.orange),
            (written.otherCostsRow, "Övrigt", ComparisonCharts.grey),
        ]
        guard hasValues(ratioRow: admin) || hasValues(ratioRow: interventions) else { return nil }
        let chart = styles.wb.addChart(LXW_CHART_COLUMN_STACKED)
        chart.title("Kostnadsstruktur, andel av kostnaderna")
        for (row, name, color) in series {
            guard let row else { continue }
            chart.series(name: name, categories: categories, values: values(row: row), color: color)
        }
        chart.valueAxis(numberFormat: "0%", min: 0, max: 1)
        chart.legendBottom()
        chart.gaps()
        return chart
    }

    private func equityAgainstBenchmark() -> XlsxChart? {
        let equity = written.ratioRow[RatioDefinition.equityShare.numerator + "/" + RatioDefinition.equityShare.denominator]
        guard hasValues(ratioRow: equity), let equity, let benchmark = written.benchmarkRow else { return nil }
        let chart = styles.wb.addChart(LXW_CHART_LINE)
        chart.title("Eget kapital / medlemsavgifter (helår) mot riktmärket 20 %")
        let share = chart.series(name: "Eget kapital / medlemsavgifter", categories: categories, values: values(row: equity))
        chart.markersOnly(share, color: ComparisonCharts.blue)
        let line = chart.series(name: "Riktmärke 20 %", categories: categories, values: values(row: benchmark))
        chart.dashedLine(line, color: ComparisonCharts.red)
        chart.valueAxis(numberFormat: "0%", min: 0)
        chart.legendBottom()
        chart.gaps()
        return chart
    }
}
