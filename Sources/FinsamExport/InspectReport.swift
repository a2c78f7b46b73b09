import Foundation
import FinsamModel

/// `finsam inspect`: what was recognised in a file, for a mapping author: the document, each table with its
/// unit and how its figures were read, its columns with scenario and period, and each row's concept (and why)
/// or that it is unmapped.
public enum InspectReport {
    public static func render(_ doc: Document) -> String {
        var out = "Dokument: \(doc.title ?? "–") (\(doc.kind.rawValue), \(doc.format.rawValue))\n"
        out += "  Organisation: \(doc.organisation.name), org.nr \(doc.organisation.orgnr ?? "saknas")\n"
        out += "  Period: \(doc.period)\n"
        if let d = doc.decisionDate { out += "  Beslutsdatum: \(d)\n" }
        if let lines = doc.lines { out += "  Rader: \(lines.lowerBound)–\(lines.upperBound)\n" }
        for d in doc.diagnostics { out += "  \(d.severity.rawValue): \(d.message) (\(d.location))\n" }
        for table in doc.tables {
            out += "\nTabell: \(table.title) [\(table.kind.rawValue)\(table.noteNumber.map { ", not \($0)" } ?? "")] rad \(table.source.line)\n"
            for note in table.readingNotes { out += "  läsning: \(note)\n" }
            for (i, c) in table.columns.enumerated() {
                let header = [c.group, c.header.isEmpty ? nil : c.header].compactMap { $0 }.joined(separator: " / ")
                let unit = c.unit == .sek ? "SEK i \(c.scale.rawValue)" : c.unit.rawValue
                out += "  kolumn \(i + 1): ”\(header.isEmpty ? "–" : header)” → \(c.scenario.rawValue), \(c.period?.description ?? "dokumentets period"), \(unit)\(c.member.map { ", \($0)" } ?? "")\n"
            }
            for row in table.rows {
                let values = row.cells.map { $0?.text ?? "·" }.joined(separator: " | ")
                var line = "  \(row.source.line): \(row.label)"
                if let q = row.qualifier { line += " (\(q))" }
                if !row.noteRefs.isEmpty { line += " [not \(row.noteRefs.joined(separator: ", "))]" }
                if let p = row.period { line += " {\(p)}" }
                line += " : \(values)"
                if let r = row.remark { line += " «\(r)»" }
                if let concept = row.concept {
                    line += "  → \(concept)\(row.member.map { "[\($0)]" } ?? "")"
                } else if row.isHeader {
                    line += "  (rubrik)"
                } else {
                    line += "  omappad"
                }
                if let note = row.mappingNote { line += "  — \(note)" }
                out += line + "\n"
            }
        }
        let unmapped = doc.unmapped.count
        out += "\n\(doc.facts.count) fakta, \(unmapped) omappade rader\n"
        if unmapped > 0 {
            out += "Omappade:\n"
            for u in doc.unmapped {
                out += "  \(u.source.line): \(u.label) : \(u.values.joined(separator: " | "))\(u.table.map { "  (\($0))" } ?? "")\n"
            }
        }
        return out
    }
}
