import Foundation
import FinsamModel

/// Turns a `Ledger` into a `Document`: checks the ledger's own arithmetic and lays its balances out as one
/// table of kind `ledger` (a row per account, a column per record kind and year). Which statement line an
/// account belongs to is the mapping stage's business (`AccountMapper`).
enum LedgerDocument {
    static let tableTitle = "Kontosaldon (SIE)"

    static func make(_ ledgerIn: Ledger) throws(InputError) -> Document {
        var ledger = ledgerIn
        LedgerChecks.run(&ledger)
        guard let period = documentPeriod(ledger) else {
            throw InputError(file: ledger.path, message: "filen anger inget räkenskapsår (#RAR 0 med datum), har inga daterade verifikationer och inget datum då den skrevs")
        }
        let hasBalances = ledger.amounts.keys.contains { [.ib, .ub, .res, .psaldo].contains($0.kind) }
        let name = ledger.companyName.flatMap { $0.isEmpty ? nil : $0 } ?? (ledger.path as NSString).lastPathComponent
        var doc = Document(
            source: ledger.path, format: ledger.format, organisation: Organisation(name: name, orgnr: ledger.orgnr),
            kind: hasBalances ? .bokslut : .other, period: period,
            title: "SIE \(ledger.format == .sie5 ? "5" : (ledger.sieType ?? "4")) från \(ledger.program ?? "okänt program")",
            tables: [table(ledger)], diagnostics: ledger.diagnostics)
        if ledger.years[0]?.start == nil {
            let from = ledger.voucherDates != nil ? "verifikationernas datum" : "dagen då filen skrevs"
            doc.diagnostics.append(Diagnostic(
                severity: .info, code: "sie.rar", message: "räkenskapsåret saknas; dokumentets period är \(from), \(period)",
                location: ledger.location(ledger.years[0]?.line ?? 1)))
        }
        return doc
    }

    static func documentPeriod(_ ledger: Ledger) -> Period? {
        if let y = ledger.years[0], let start = y.start, let end = y.end { return Period(start: start, end: end) }
        if let dates = ledger.voucherDates { return Period(start: dates.lowerBound, end: dates.upperBound) }
        if let day = ledger.generated { return Period(start: day, end: day) }
        return nil
    }

    /// Balances of a year are at its end, opening balances at the end of the year before, sums over the year.
    static func period(_ column: LedgerColumn, _ ledger: Ledger) -> Period? {
        guard let y = ledger.years[column.year], let start = y.start, let end = y.end else { return nil }
        switch column.kind {
        case .ib: return .instant(start.previous)
        case .ub: return .instant(end)
        case .res, .trans, .psaldo, .pbudget: return Period(start: start, end: end)
        }
    }

    static func table(_ ledger: Ledger) -> Table {
        let kinds = LedgerColumn.Kind.allCases
        let columns = ledger.amounts.keys.sorted {
            $0.year != $1.year ? $0.year > $1.year : kinds.firstIndex(of: $0.kind)! < kinds.firstIndex(of: $1.kind)!
        }
        var accounts = Set<String>()
        for c in columns { accounts.formUnion(ledger.amounts[c]!.keys) }
        let rows = accounts.sorted(by: accountOrder).map { account -> Row in
            let cells = columns.map { c -> Cell? in
                guard let a = ledger.amounts[c]?[account] else { return nil }
                return Cell(value: Decimal(a.ore).shifted(by: -2), text: SIE4Number.text(ore: a.ore), decimals: 2,
                            column: a.column, line: a.line)
            }
            let declared = ledger.accountNames[account]
            let firstLine = cells.compactMap { $0?.line }.min() ?? 0
            return Row(
                label: declared.map { $0.name.isEmpty ? "Konto \(account)" : $0.name } ?? "Konto \(account)",
                cells: cells, source: ledger.location(declared?.line ?? firstLine), account: account)
        }
        var notes = ledger.readingNotes
        notes.append("belopp i kronor med öre, exakt som i bokföringen (decimals 2)")
        let counted = ledger.recordCounts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        if !counted.isEmpty { notes.append("lästa poster: " + counted.joined(separator: ", ")) }
        if let signed = ledger.signed { notes.append(signed ? "filen är signerad (XML-signatur finns; signaturen har inte verifierats)" : "filen är inte signerad") }
        return Table(
            title: tableTitle, kind: .ledger,
            columns: columns.map { c in
                Column(header: c.description, scenario: c.kind == .pbudget ? .budget : .utfall, period: period(c, ledger))
            },
            rows: rows, source: ledger.location(1), readingNotes: notes)
    }

    /// Account numbers in numeric order, others after them.
    static func accountOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): return x != y ? String(x).count == String(y).count ? x < y : a < b : a < b
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a < b
        }
    }
}

/// The ledger's own arithmetic: what must hold in any correct export, whatever the chart of accounts.
enum LedgerChecks {
    static func run(_ ledger: inout Ledger) {
        let years = Set(ledger.amounts.keys.map(\.year)).sorted(by: >)
        for y in years {
            let trans = ledger.amounts[LedgerColumn(kind: .trans, year: y)]
            let psaldo = ledger.amounts[LedgerColumn(kind: .psaldo, year: y)]
            if let trans, ledger.vouchers[y, default: 0] > 0 {
                rollForward(&ledger, year: y, movements: trans, code: "sie.ub", what: "verifikationerna")
                results(&ledger, year: y, movements: trans)
            } else if let psaldo {
                rollForward(&ledger, year: y, movements: psaldo, code: "sie.psaldo", what: "periodsaldona (#PSALDO)")
            }
            sums(&ledger, year: y)
        }
    }

    /// `#UB` = `#IB` + the year's movements, per balance account (a missing record is zero: SIE leaves out
    /// zero balances).
    static func rollForward(_ ledger: inout Ledger, year: Int, movements: [String: Ledger.Amount], code: String, what: String) {
        guard let ub = ledger.amounts[LedgerColumn(kind: .ub, year: year)] else { return }
        let ib = ledger.amounts[LedgerColumn(kind: .ib, year: year)] ?? [:]
        let accounts = Set(ub.keys).union(ib.keys).union(movements.keys).filter { ledger.isBalanceAccount($0) }
        var mismatches: [(String, SourceLocation, String)] = []
        for account in accounts.sorted(by: LedgerDocument.accountOrder) {
            let opening = ib[account]?.ore ?? 0, moved = movements[account]?.ore ?? 0, closing = ub[account]?.ore ?? 0
            guard opening &+ moved != closing else { continue }
            let place = ub[account] ?? ib[account] ?? movements[account]!
            mismatches.append((account, ledger.location(place.line, place.column),
                "#UB \(year) för konto \(account) är \(kr(closing)) men #IB \(kr(opening)) + \(what) \(kr(moved)) = \(kr(opening &+ moved)) (differens \(kr(closing &- opening &- moved)))"))
        }
        report(&ledger, mismatches, of: accounts.count, code: code, what: "#UB \(year) = #IB + \(what)")
    }

    /// Each mismatch up to `shown`; past that one summary, since a voucher export that covers only part of
    /// the year (or stale balances) makes every account disagree and the cause is the same.
    static let shown = 10

    static func report(_ ledger: inout Ledger, _ mismatches: [(String, SourceLocation, String)], of total: Int, code: String, what: String) {
        for m in mismatches.prefix(shown) {
            ledger.diagnostics.append(Diagnostic(severity: .error, code: code, message: m.2, location: m.1))
        }
        if mismatches.count > shown {
            ledger.diagnostics.append(Diagnostic(
                severity: .error, code: code,
                message: "\(what) stämmer inte för \(mismatches.count) av \(total) konton (de första \(shown) visas ovan; övriga: \(mismatches.dropFirst(shown).map(\.0).joined(separator: ", ")))",
                location: mismatches[shown].1))
        }
    }

    /// `#RES` = the year's vouchers, per result account.
    static func results(_ ledger: inout Ledger, year: Int, movements: [String: Ledger.Amount]) {
        guard let res = ledger.amounts[LedgerColumn(kind: .res, year: year)] else { return }
        let accounts = Set(res.keys).union(movements.keys).filter { !ledger.isBalanceAccount($0) }
        var mismatches: [(String, SourceLocation, String)] = []
        for account in accounts.sorted(by: LedgerDocument.accountOrder) {
            let result = res[account]?.ore ?? 0, moved = movements[account]?.ore ?? 0
            guard result != moved else { continue }
            let place = res[account] ?? movements[account]!
            mismatches.append((account, ledger.location(place.line, place.column),
                "#RES \(year) för konto \(account) är \(kr(result)) men årets verifikationer på kontot summerar till \(kr(moved)) (differens \(kr(result &- moved)))"))
        }
        report(&ledger, mismatches, of: accounts.count, code: "sie.res", what: "#RES \(year) = årets verifikationer")
    }

    /// Opening balances sum to zero; closing balances and results together sum to zero.
    static func sums(_ ledger: inout Ledger, year: Int) {
        let ib = ledger.amounts[LedgerColumn(kind: .ib, year: year)] ?? [:]
        let ub = ledger.amounts[LedgerColumn(kind: .ub, year: year)] ?? [:]
        let res = ledger.amounts[LedgerColumn(kind: .res, year: year)] ?? [:]
        let balanceIB = ib.filter { ledger.isBalanceAccount($0.key) }
        if !balanceIB.isEmpty {
            let total = balanceIB.values.reduce(Int64(0)) { $0 &+ $1.ore }
            if total != 0 {
                ledger.note(.warning, "sie.ib-summa", "de ingående balanserna (#IB \(year)) summerar till \(kr(total)) i stället för 0",
                            line: balanceIB.values.map(\.line).min()!)
            }
        }
        if !ub.isEmpty && !res.isEmpty {
            let total = ub.filter { ledger.isBalanceAccount($0.key) }.values.reduce(Int64(0)) { $0 &+ $1.ore }
                &+ res.filter { !ledger.isBalanceAccount($0.key) }.values.reduce(Int64(0)) { $0 &+ $1.ore }
            if total != 0 {
                ledger.note(.warning, "sie.ub-res", "utgående balanser och årets resultat (#UB och #RES \(year)) summerar till \(kr(total)) i stället för 0",
                            line: ub.values.map(\.line).min()!)
            }
        }
    }

    /// `1 234,50` as messages print amounts.
    static func kr(_ ore: Int64) -> String {
        let negative = ore < 0
        let m = ore.magnitude
        var digits = Array(String(m / 100))
        var grouped = ""
        while digits.count > 3 {
            grouped = " " + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = String(digits) + grouped
        let f = m % 100
        return (negative ? "-" : "") + grouped + "," + (f < 10 ? "0" : "") + String(f)
    }
}

extension Day {
    /// The day before.
    var previous: Day {
        if day > 1 { return Day(year: year, month: month, day: day - 1)! }
        if month > 1 { return Day.lastDay(ofMonth: month - 1, year: year) }
        return Day(year: year - 1, month: 12, day: 31) ?? self
    }
}
