import Foundation

/// What each rule checks, for SARIF's rule list and for `--format json`.
public enum RuleCatalogue {
    public struct Entry: Sendable {
        public var id: String
        public var sv: String
        public var en: String
    }

    static let known: [Entry] = [
        Entry(id: "sum.total", sv: "En summa ska vara lika med sina poster", en: "A total equals its items"),
        Entry(id: "sum.result", sv: "Ett resultat ska vara intäkterna minus kostnaderna", en: "A result equals income less costs"),
        Entry(id: "column.difference", sv: "En differenskolumn ska vara skillnaden mellan två beloppskolumner", en: "A difference column is one amount column less another"),
        Entry(id: "column.ratio", sv: "En kvotkolumn ska vara en beloppskolumn delad med en annan", en: "A ratio column is one amount column over another"),
        Entry(id: "row.ratio", sv: "En procentrad ska vara raden ovanför delad med sin summa eller budget", en: "A percentage row is the row above over its total or budget"),
        Entry(id: "column.total", sv: "En summakolumn (S:a) ska vara summan av kolumnerna före den", en: "A total column (S:a) is the sum of the columns before it"),
        Entry(id: "note.reference", sv: "En rad som hänvisar till en not ska stämma med notens summa", en: "A line that refers to a note equals the note's total"),
        Entry(id: "repeat.table", sv: "Samma uppgift i två tabeller ska stämma", en: "The same figure in two tables agrees"),
        Entry(id: "repeat.document", sv: "Samma uppgift i två dokument från samma förbund ska stämma", en: "The same figure in two documents of one organisation agrees"),
        Entry(id: "mappings.identities", sv: "Identitetsfilen ska gå att läsa", en: "The identities file can be read"),
    ]

    /// The entry for a rule id; identities (`identity.<id>`) are described by their own names in the findings.
    public static func entry(_ id: String) -> Entry {
        if let e = known.first(where: { $0.id == id }) { return e }
        if id.hasPrefix("identity.") {
            let name = String(id.dropFirst("identity.".count))
            return Entry(id: id, sv: "Identitet mellan räkenskaperna: \(name)", en: "Identity between the statements: \(name)")
        }
        return Entry(id: id, sv: id, en: id)
    }
}
