import Foundation
import FinsamModel

/// Who is who in a batch: which documents belong to the same organisation, which sheet each document gets,
/// and which document each finding belongs to.
struct BatchPlacement {
    /// Per document: a key shared by the documents of one organisation.
    let organisationKey: [String]
    /// Organisation keys in Swedish alphabetical order of their short names.
    let organisations: [String]
    /// Per organisation key: the short name (`Östra Södertörn`).
    let shortName: [String: String]
    /// Per document: its sheet.
    let sheetName: [String]
    /// Per finding: the document it is about, by its first location (nil when it matches none). Empty until
    /// `place(_:documents:)`: the workbook's documents are laid out before the rules have finished.
    private(set) var findingDocument: [Int?] = []

    init(documents: [Document], findings: [Finding], names: inout SheetNames) {
        // The organisation number identifies; a document without one joins a same-named document that has one.
        var numberByName: [String: String] = [:]
        for d in documents {
            if let nr = d.organisation.orgnr { numberByName[d.organisation.name.lowercased()] = numberByName[d.organisation.name.lowercased()] ?? nr }
        }
        let keys = documents.map { d -> String in
            d.organisation.orgnr ?? numberByName[d.organisation.name.lowercased()] ?? "namn:" + d.organisation.name.lowercased()
        }
        organisationKey = keys
        var short: [String: String] = [:]
        for (i, d) in documents.enumerated() where short[keys[i]] == nil {
            short[keys[i]] = SwedishText.shortName(d.organisation.name)
        }
        shortName = short
        organisations = Array(Set(keys)).sorted { (SwedishText.sortKey(short[$0]!), $0) < (SwedishText.sortKey(short[$1]!), $1) }

        let counts = Dictionary(grouping: keys.indices, by: { keys[$0] }).mapValues(\.count)
        sheetName = documents.indices.map { i in
            let org = short[keys[i]]!
            if counts[keys[i]] == 1 { return names.unique(org) }
            let d = documents[i]
            let when = d.period.start.map { s in
                s.month == 1 && s.day == 1 && d.period.end.month == 12 && d.period.end.day == 31 && s.year == d.period.end.year
            } == true ? String(d.period.end.year) : d.period.end.description
            let what = d.format == .sie4 || d.format == .sie5 ? SwedishText.format(d.format).replacingOccurrences(of: " ", with: "") : SwedishText.kindShort(d.kind)
            return names.unique(SheetNames.compose(org, what + " " + when))
        }

        place(findings, documents: documents)
    }

    /// Which document each finding is about.
    mutating func place(_ findings: [Finding], documents: [Document]) {
        // A board paper yields several documents from one file: a line decides which.
        var byFile: [String: [Int]] = [:]
        for (i, d) in documents.enumerated() { byFile[d.source, default: []].append(i) }
        findingDocument = findings.map { f in
            if let loc = f.locations.first, let candidates = byFile[loc.file] {
                if let hit = candidates.first(where: { documents[$0].lines?.contains(loc.line) ?? false }) { return hit }
                if let hit = candidates.first(where: { documents[$0].lines == nil }) { return hit }
                return candidates.first
            }
            if let source = f.documentSource { return byFile[source]?.first }
            return nil
        }
    }
}
