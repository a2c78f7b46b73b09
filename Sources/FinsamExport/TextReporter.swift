import Foundation
import FinsamModel

/// Findings as a compiler prints diagnostics, `file:line:col: fel: message [rule]`, grouped per document
/// (each enclosure of a board paper on its own), then those between documents, then a count.
public struct TextReporter {
    public var colour: Bool
    public var english: Bool

    public init(colour: Bool, english: Bool = false) {
        self.colour = colour
        self.english = english
    }

    /// The document a finding belongs to: its own for a finding within one (the enclosure whose lines hold
    /// its first location), none for one between documents.
    static func owner(of f: Finding, in documents: [Document]) -> Int? {
        guard let source = f.documentSource else { return nil }
        let line = f.locations.first?.line ?? 0
        let candidates = documents.indices.filter { documents[$0].source == source }
        return candidates.first { documents[$0].lines?.contains(line) == true } ?? candidates.first
    }

    public func render(documents: [Document], findings: [Finding], errors: [InputError]) -> String {
        var out = ""
        for e in errors {
            var at = e.file
            if let l = e.line {
                at += ":\(l)"
                if l > 0, let c = e.column { at += ":\(c + 1)" }
            }
            out += "\(place(at)): \(paint(word(.error), .error)): \(e.message)\n"
        }
        var byDocument: [Int: [Finding]] = [:]
        var between: [Finding] = []
        for f in findings {
            if let d = TextReporter.owner(of: f, in: documents) { byDocument[d, default: []].append(f) } else { between.append(f) }
        }
        for (i, doc) in documents.enumerated() {
            guard let list = byDocument[i], !list.isEmpty else { continue }
            out += header(title(doc)) + "\n"
            for f in list { out += line(f) }
        }
        if !between.isEmpty {
            out += header(english ? "Between documents" : "Mellan dokument") + "\n"
            for f in between { out += line(f, related: true) }
        }
        out += summary(findings: findings, documents: documents.count) + "\n"
        return out
    }

    func title(_ doc: Document) -> String {
        let what = doc.title ?? doc.kind.rawValue
        return "\(doc.source) — \(doc.organisation.name), \(what) \(doc.period)"
    }

    public func summary(findings: [Finding], documents: Int) -> String {
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        let e = counts[.error] ?? 0, w = counts[.warning] ?? 0, i = counts[.info] ?? 0
        if english {
            return "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s"), \(i) note\(i == 1 ? "" : "s") in \(documents) document\(documents == 1 ? "" : "s")"
        }
        return "\(e) fel, \(w) varning\(w == 1 ? "" : "ar"), \(i) upplysning\(i == 1 ? "" : "ar") i \(documents) dokument"
    }

    func word(_ s: Severity) -> String {
        switch s {
        case .error: english ? "error" : "fel"
        case .warning: english ? "warning" : "varning"
        case .info: english ? "note" : "info"
        }
    }

    /// One finding; one between documents also points at its other places, so an editor can jump there.
    func line(_ f: Finding, related: Bool = false) -> String {
        let message = english ? (f.messageEN ?? f.message) : f.message
        var out = "\(place(f.locations.first?.description ?? "?")): \(paint(word(f.severity), f.severity)): \(message) [\(f.rule)]\n"
        if related, let first = f.locations.first {
            for l in f.locations.dropFirst() where l.file != first.file {
                out += "\(place(l.description)): \(english ? "compare" : "jämför"): \(english ? "the other figure" : "den andra uppgiften")\n"
            }
        }
        return out
    }

    func place(_ s: String) -> String { ansi(s, "1") }
    func header(_ s: String) -> String { ansi(s, "4") }

    func paint(_ s: String, _ severity: Severity) -> String {
        switch severity {
        case .error: ansi(s, "1;31")
        case .warning: ansi(s, "1;33")
        case .info: ansi(s, "36")
        }
    }

    /// SGR codes written directly: whether to colour is the caller's decision (a terminal, no NO_COLOR),
    /// not a library's guess.
    func ansi(_ s: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
