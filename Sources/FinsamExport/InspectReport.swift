import Foundation
import FinsamModel

/// `finsam inspect`: what was recognised in a file, for a mapping author.
public enum InspectReport {
    public static func render(_ doc: Document) -> String {
        var out = "Dokument: \(doc.title ?? "–") (\(doc.kind.rawValue), \(doc.format.rawValue))\n"
        out += "  Organisation: \(doc.organisation.name), org.nr \(doc.organisation.orgnr ?? "saknas")\n"
        out += "  Period: \(doc.period)\n"
        if let lines = doc.lines { out += "  Rader: \(lines.lowerBound)–\(lines.upperBound)\n" }
        for d in doc.diagnostics { out += "  \(d.severity.rawValue): \(d.message) (\(d.location))\n" }
        for table in doc.tables {
            out += "\nTabell: \(table.title) [\(table.kind.rawValue)\(table.noteNumber.map { ", not \($0)" } ?? "")] rad \(table.source.line)\n"
            for note in table.readingNotes { out += "  läsning: \(note)\n" }
            for (i, c) in table.columns.enumerated() {
                out += "  kolumn \(i + 1): ”\(c.header)” → \(c.scenario.rawValue), \(c.period?.description ?? "dokumentets period"), \(c.unit.rawValue) i \(c.scale.rawValue)\(c.member.map { ", \($0)" } ?? "")\n"
            }
            for row in table.rows {
                let values = row.cells.map { $0?.text ?? "·" }.joined(separator: " | ")
                let mapped = row.concept.map { "→ \($0)\(row.member.map { "[\($0)]" } ?? "")" } ?? (row.isHeader ? "(rubrik)" : row.mappingNote.map { "omappad: \($0)" } ?? "omappad")
                out += "  \(row.source.line): \(row.label)\(row.qualifier.map { " (\($0))" } ?? "") : \(values)  \(mapped)\n"
            }
        }
        out += "\n\(doc.facts.count) fakta, \(doc.unmapped.count) omappade rader\n"
        return out
    }
}
