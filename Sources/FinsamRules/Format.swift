import Foundation
import FinsamModel

/// Swedish number formatting for messages: `10 759 000`, `9 017 tkr`, `31,2 %`.
public enum Format {
    /// The value in the scale the table printed it in, with that scale's name unless it is kronor.
    public static func amount(_ value: Decimal, scale: PrintedScale = .kr) -> String {
        let digits: String
        if let whole = FixedInterval.whole(value, shiftedBy: -scale.exponent) {
            digits = groupedWhole(whole)
        } else {
            digits = grouped(value.shifted(by: -scale.exponent))
        }
        switch scale {
        case .kr: return digits
        case .tkr: return digits + " tkr"
        case .mkr: return digits + " mkr"
        }
    }

    public static func percent(_ ratio: Decimal, decimals: Int = 1) -> String {
        grouped(ratio.shifted(by: 2).rounded(decimals)) + " %"
    }

    /// A value of `unit`, in `scale` for money.
    public static func value(_ value: Decimal, unit: MeasureUnit, scale: PrintedScale = .kr) -> String {
        switch unit {
        case .sek: return amount(value, scale: scale)
        case .pure: return percent(value)
        case .personer: return grouped(value)
        }
    }

    public static func grouped(_ value: Decimal) -> String {
        if let whole = FixedInterval.whole(value, shiftedBy: 0) { return groupedWhole(whole) }
        return value.swedishGrouped
    }

    /// `Decimal.swedishGrouped` of a whole number (which a Decimal prints as its digits alone), from its
    /// digits: a message's figures without going through the Decimal's description.
    static func groupedWhole(_ whole: Int128) -> String {
        let digits = Array(String(whole.magnitude).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        if whole < 0 { out.append(UInt8(ascii: "-")) }
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(UInt8(ascii: " ")) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `rad 98–109` for a run, `rad 320 och 326` or `rad 95, 110 och 111` for separate rows.
    public static func lines(_ lines: [Int], run: Bool, english: Bool = false) -> String {
        let sorted = Array(Set(lines)).sorted()
        let word = english ? "line" : "rad"
        guard let first = sorted.first, let last = sorted.last else { return "" }
        if sorted.count == 1 { return "\(word) \(first)" }
        if run { return "\(english ? "lines" : "rad") \(first)–\(last)" }
        let and = english ? "and" : "och"
        let head = sorted.dropLast().map(String.init).joined(separator: ", ")
        return "\(english ? "lines" : "rad") \(head) \(and) \(last)"
    }

    /// `Budget 2023` for a column, or its scenario and period when the header is empty.
    public static func column(_ column: Column, english: Bool = false) -> String {
        let h = column.header.trimmingCharacters(in: .whitespaces)
        if !h.isEmpty { return h }
        let scenario = english ? column.scenario.rawValue : column.scenario.swedish
        if let p = column.period { return "\(scenario) \(p)" }
        return scenario
    }
}

extension Scenario {
    var swedish: String {
        switch self {
        case .utfall: "utfall"
        case .budget: "budget"
        case .prognos: "prognos"
        case .differens: "differens"
        case .kvot: "kvot"
        }
    }
}

extension TableKind {
    /// `resultaträkningen`, for messages that name the statement a figure is in.
    var swedishDefinite: String {
        switch self {
        case .resultatrakning: "resultaträkningen"
        case .balansrakning: "balansräkningen"
        case .kassaflodesanalys: "kassaflödesanalysen"
        case .not: "noten"
        case .budget: "budgeten"
        case .prognos: "prognosen"
        case .driftsredovisning: "driftsredovisningen"
        case .flerarsoversikt: "flerårsöversikten"
        case .nyckeltal: "nyckeltalen"
        case .deltagare: "deltagartabellen"
        case .balanskrav: "balanskravsutredningen"
        case .ledger: "bokföringen"
        case .other: "tabellen"
        }
    }

    var englishName: String {
        switch self {
        case .resultatrakning: "the income statement"
        case .balansrakning: "the balance sheet"
        case .kassaflodesanalys: "the cash-flow statement"
        case .not: "the note"
        case .budget: "the budget"
        case .prognos: "the forecast"
        case .driftsredovisning: "the operating statement"
        case .flerarsoversikt: "the multi-year overview"
        case .nyckeltal: "the key figures"
        case .deltagare: "the participant table"
        case .balanskrav: "the balance requirement"
        case .ledger: "the ledger"
        case .other: "the table"
        }
    }
}
