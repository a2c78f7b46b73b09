import Foundation
import FinsamModel

/// What the first pages say about the document: who, what kind, which period.
struct DocumentHeader {
    var organisation = Organisation(name: "okänd")
    var kind: DocumentKind = .other
    var title: String?
    var period: Period?
    var decisionDate: Day?

    static let swedishMonths = [
        "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
        "september": 9, "oktober": 10, "november": 11, "december": 12,
    ]

    init(lines: [ReportLine]) {
        let head = lines.prefix(80)
        let text = head.map(\.text).joined(separator: "\n")
        organisation = DocumentHeader.organisation(in: lines)
        for line in head where !line.text.isEmpty {
            let lower = line.text.lowercased()
            if let k = DocumentHeader.kind(of: lower) {
                kind = k
                title = line.text.trimmingCharacters(in: CharacterSet(charactersIn: " .*#"))
                break
            }
        }
        period = DocumentHeader.period(in: text, kind: kind)
        if let m = text.firstMatch(of: /(?i)beslutad[^\n]*?(\d{4}-\d{2}-\d{2})/) { decisionDate = Day(iso: m.1) }
    }

    static func kind(of lower: String) -> DocumentKind? {
        if lower.hasPrefix("årsredovisning") { return .arsredovisning }
        if lower.hasPrefix("delårsrapport") || lower.hasPrefix("delårsredovisning") || lower.hasPrefix("delårsbokslut") {
            return .delarsrapport
        }
        if lower.hasPrefix("verksamhetsplan") { return .verksamhetsplan }
        if lower.hasPrefix("kallelse") || lower.contains("styrelsemöte") { return .kallelse }
        if lower.hasPrefix("bokslut") { return .bokslut }
        return nil
    }

    static func organisation(in lines: [ReportLine]) -> Organisation {
        var name: String?
        let words = lines.prefix(120).map(\.text)
        for (i, t) in words.enumerated() {
            if let m = t.firstMatch(of: /(?i)^(samordningsförbundet|finsam)\s*(.*)$/) {
                var rest = String(m.2).trimmingCharacters(in: .whitespaces)
                if rest.isEmpty, i + 1 < words.count { rest = words[i + 1].trimmingCharacters(in: .whitespaces) }
                if rest.isEmpty { continue }
                name = "\(m.1.prefix(1).uppercased())\(m.1.dropFirst().lowercased()) \(rest)"
                break
            }
        }
        var orgnr: String?
        for line in lines {
            if let m = line.text.firstMatch(of: /\b(\d{6})-?(\d{4})\b/),
               line.text.lowercased().contains("org") || m.1.hasPrefix("2220")
            {
                orgnr = "\(m.1)-\(m.2)"
                break
            }
        }
        return Organisation(name: name ?? "okänd organisation", orgnr: orgnr)
    }

    static func period(in text: String, kind: DocumentKind) -> Period? {
        if let m = text.firstMatch(of: /(\d{4}-\d{2}-\d{2})\s*[-–]\s*(\d{4}-\d{2}-\d{2})/),
           let s = Day(iso: m.1), let e = Day(iso: m.2)
        {
            return Period(start: s, end: e)
        }
        if let m = text.firstMatch(of: /(?i)(\d{1,2})\s+(\p{L}+)\s*[-–]\s*(\d{1,2})\s+(\p{L}+)\s+(\d{4})/),
           let m1 = swedishMonths[m.2.lowercased()], let m2 = swedishMonths[m.4.lowercased()], let y = Int(m.5),
           let s = Day(year: y, month: m1, day: Int(m.1)!), let e = Day(year: y, month: m2, day: Int(m.3)!)
        {
            return Period(start: s, end: e)
        }
        if let m = text.firstMatch(of: /(?i)till och med\s+(\d{4}-\d{2}-\d{2})/), let e = Day(iso: m.1) {
            return Period(start: Day(year: e.year, month: 1, day: 1), end: e)
        }
        if let m = text.firstMatch(of: /(?i)(?:årsredovisning|verksamhetsplan|delårsrapport|budget)\D{0,20}(\d{4})/),
           let y = Int(m.1)
        {
            return Period(start: Day(year: y, month: 1, day: 1), end: Day(year: y, month: 12, day: 31)!)
        }
        return nil
    }
}
