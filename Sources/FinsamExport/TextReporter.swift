import Foundation
import FinsamModel
import Rainbow

/// Findings as a compiler prints diagnostics: `file:line:col: fel: message`, grouped per document.
public struct TextReporter {
    public var colour: Bool
    public var english: Bool

    public init(colour: Bool, english: Bool = false) {
        self.colour = colour
        self.english = english
    }

    public func render(documents: [Document], findings: [Finding], errors: [InputError]) -> String {
        var out = ""
        for e in errors {
            out += "\(e.description.bold): \(paint(english ? "error" : "fel", .error))\n"
        }
        let bySource = Dictionary(grouping: findings, by: { $0.documentSource ?? "" })
        var printedSources = Set<String>()
        for doc in documents where !printedSources.contains(doc.source) {
            printedSources.insert(doc.source)
            let list = bySource[doc.source] ?? []
            out += header("\(doc.source) — \(doc.organisation.name), \(doc.kind.rawValue) \(doc.period)") + "\n"
            for f in list { out += line(f) }
        }
        if let cross = bySource[""], !cross.isEmpty {
            out += header(english ? "Across documents" : "Mellan dokument") + "\n"
            for f in cross { out += line(f) }
        }
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        out += english
            ? "\(counts[.error] ?? 0) errors, \(counts[.warning] ?? 0) warnings, \(counts[.info] ?? 0) notes\n"
            : "\(counts[.error] ?? 0) fel, \(counts[.warning] ?? 0) varningar, \(counts[.info] ?? 0) upplysningar\n"
        return out
    }

    func line(_ f: Finding) -> String {
        let place = f.locations.first?.description ?? "?"
        let word: String
        switch f.severity {
        case .error: word = english ? "error" : "fel"
        case .warning: word = english ? "warning" : "varning"
        case .info: word = english ? "note" : "info"
        }
        let message = english ? (f.messageEN ?? f.message) : f.message
        return "\(colour ? place.bold : place): \(paint(word, f.severity)): \(message) [\(f.rule)]\n"
    }

    func header(_ s: String) -> String { colour ? s.underline : s }

    func paint(_ s: String, _ severity: Severity) -> String {
        guard colour else { return s }
        switch severity {
        case .error: return s.red.bold
        case .warning: return s.yellow.bold
        case .info: return s.cyan
        }
    }
}
