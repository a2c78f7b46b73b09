import Foundation
import FinsamModel
import FinsamRules

/// The words the workbook prints for the model's vocabularies.
enum SwedishText {
    static func kind(_ k: DocumentKind) -> String {
        switch k {
        case .arsredovisning: "Årsredovisning"
        case .delarsrapport: "Delårsrapport"
        case .verksamhetsplan: "Verksamhetsplan"
        case .kallelse: "Kallelse"
        case .bokslut: "Bokslut"
        case .other: "Övrigt"
        }
    }

    /// Short enough for a sheet name.
    static func kindShort(_ k: DocumentKind) -> String {
        switch k {
        case .arsredovisning: "ÅR"
        case .delarsrapport: "Delår"
        case .verksamhetsplan: "VP"
        case .kallelse: "Kallelse"
        case .bokslut: "Bokslut"
        case .other: "Dok"
        }
    }

    static func scenario(_ s: Scenario) -> String {
        switch s {
        case .utfall: "Utfall"
        case .budget: "Budget"
        case .prognos: "Prognos"
        case .differens: "Differens"
        case .kvot: "Kvot"
        }
    }

    static func severity(_ s: Severity) -> String {
        switch s {
        case .error: "fel"
        case .warning: "varning"
        case .info: "info"
        }
    }

    static func format(_ f: DocumentFormat) -> String {
        switch f {
        case .textReport: "Textrapport"
        case .sie4: "SIE 4"
        case .sie5: "SIE 5"
        case .xlsx: "Excel"
        case .csv: "CSV"
        }
    }

    static func unit(_ u: MeasureUnit) -> String {
        switch u {
        case .sek: "kr"
        case .pure: "kvot"
        case .personer: "personer"
        }
    }

    static let months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

    /// `2023` for a calendar year, `jan–jun 2023` within one year, else `2023-07-01–2024-06-30`; an instant
    /// is its day.
    static func period(_ p: Period) -> String {
        guard let start = p.start else { return p.end.description }
        let end = p.end
        if start.year == end.year, start.day == 1, end == Day.lastDay(ofMonth: end.month, year: end.year) {
            if start.month == 1 && end.month == 12 { return String(end.year) }
            if start.month == end.month { return "\(months[start.month - 1]) \(end.year)" }
            return "\(months[start.month - 1])–\(months[end.month - 1]) \(end.year)"
        }
        return "\(start)–\(end)"
    }

    /// `Samordningsförbundet ÖSTRA SÖDERTÖRN` → `Östra Södertörn`: the name people use, for sheet names and
    /// chart labels.
    static func shortName(_ organisation: String) -> String {
        var s = organisation.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["samordningsförbundet", "samordningsförbund", "finsamförbundet", "finsam"] {
            if s.lowercased().hasPrefix(prefix + " ") {
                s = String(s.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                break
            }
        }
        if s.isEmpty { s = organisation.trimmingCharacters(in: .whitespacesAndNewlines) }
        if s.contains(where: \.isLetter), s == s.uppercased() { s = s.lowercased().capitalized }
        if let first = s.first, first.isLowercase { s = first.uppercased() + s.dropFirst() }
        return s.isEmpty ? "Okänd" : s
    }

    /// A sort key that orders Å, Ä, Ö after Z, as Swedish does.
    static func sortKey(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            switch ch {
            case "å": out += "{1"
            case "ä", "æ": out += "{2"
            case "ö", "ø": out += "{3"
            case "é": out += "e"
            default: out.append(ch)
            }
        }
        return out
    }

    /// `10 759 000` (in the printed scale, without the scale's name), with a decimal comma where there are
    /// decimals: the rules' formatting, so findings and cell comments print figures alike.
    static func amount(_ value: Decimal, scale: PrintedScale = .kr) -> String {
        Format.grouped(value.shifted(by: -scale.exponent))
    }

    /// About how many characters `amount` prints, without formatting: for column widths.
    static func amountWidth(_ value: Decimal) -> Int {
        let v = abs(value.xlsxDouble)
        let digits = v < 1 ? 1 : Int(log10(v)) + 1
        return digits + (digits - 1) / 3 + (value < 0 ? 1 : 0)
    }
}
