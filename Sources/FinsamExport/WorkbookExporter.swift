import CXlsxWriter
import Foundation
import FinsamModel
import FinsamMapping

/// The consolidated workbook: an overview, then one sheet of facts per document.
public struct WorkbookExporter {
    public var mappings: MappingSet
    public var created: Date?

    public init(mappings: MappingSet, created: Date? = nil) {
        self.mappings = mappings
        self.created = created
    }

    public func write(documents: [Document], findings: [Finding], to path: String) throws {
        let wb = try XlsxWorkbook(
            path: path,
            properties: .init(
                title: "Finsam – sammanställning", subject: "Samordningsförbundens räkenskaper", created: created))
        let bold = wb.format("bold") { format_set_bold($0) }
        let header = wb.format("header") { f in
            format_set_bold(f)
            format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_bg_color(f, 0xDDEBF7)
        }
        let money = wb.format("money") { format_set_num_format($0, "#,##0;[Red]-#,##0") }
        let ratio = wb.format("ratio") { format_set_num_format($0, "0.0%") }

        let overview = wb.addSheet("Översikt")
        let heads = ["Organisation", "Org.nr", "Dokument", "Period", "Källa", "Fakta", "Omappade", "Fel", "Varningar", "Info"]
        for (c, h) in heads.enumerated() { overview.write(0, c, h, header) }
        for (r, doc) in documents.enumerated() {
            let mine = findings.filter { $0.documentSource == doc.source }
            overview.write(r + 1, 0, doc.organisation.name)
            overview.write(r + 1, 1, doc.organisation.orgnr ?? "")
            overview.write(r + 1, 2, doc.kind.rawValue)
            overview.write(r + 1, 3, doc.period.description)
            overview.write(r + 1, 4, doc.source)
            overview.write(r + 1, 5, Double(doc.facts.count))
            overview.write(r + 1, 6, Double(doc.unmapped.count))
            overview.write(r + 1, 7, Double(mine.filter { $0.severity == .error }.count))
            overview.write(r + 1, 8, Double(mine.filter { $0.severity == .warning }.count))
            overview.write(r + 1, 9, Double(mine.filter { $0.severity == .info }.count))
        }
        for (c, w) in [34.0, 13, 16, 24, 40, 8, 10, 6, 10, 6].enumerated() { overview.columnWidth(c, w) }
        overview.freeze(rows: 1)
        overview.autofilter(firstRow: 0, firstCol: 0, lastRow: max(documents.count, 1), lastCol: heads.count - 1)

        for doc in documents {
            let sheet = wb.addSheet("\(doc.organisation.name.replacingOccurrences(of: "Samordningsförbundet ", with: "")) \(doc.kind.rawValue.prefix(4)) \(doc.period.end.year)")
            sheet.write(0, 0, "\(doc.organisation.name) – \(doc.title ?? doc.kind.rawValue)", bold)
            let cols = ["Begrepp", "Etikett", "Medlem", "Tabell", "Scenario", "Period", "Värde", "Enhet", "Källa"]
            for (c, h) in cols.enumerated() { sheet.write(1, c, h, header) }
            for (i, f) in doc.facts.enumerated() {
                let r = i + 2
                sheet.write(r, 0, f.concept)
                sheet.write(r, 1, f.label)
                sheet.write(r, 2, f.member ?? "")
                sheet.write(r, 3, f.table)
                sheet.write(r, 4, f.scenario.rawValue)
                sheet.write(r, 5, f.period.description)
                sheet.write(r, 6, f.value, f.unit == .pure ? ratio : money)
                sheet.write(r, 7, f.unit.rawValue)
                sheet.write(r, 8, "\(f.source.file):\(f.source.line)")
            }
            for (c, w) in [30.0, 40, 18, 28, 10, 24, 14, 9, 40].enumerated() { sheet.columnWidth(c, w) }
            sheet.freeze(rows: 2)
        }
        try wb.close()
    }
}
