import Foundation
import FinsamModel

/// What a SIE file (4 or 5) says about the books, read but not yet interpreted: the organisation, the fiscal
/// years, the chart of accounts and, per account, the balances and the sums of the year's vouchers. The
/// vouchers themselves are checked while streaming and not kept.
struct Ledger {
    struct FiscalYear {
        var start: Day?
        var end: Day?
        var line: Int
    }

    /// An amount and where it was read.
    struct Amount {
        var ore: Int64
        var line: Int
        /// 0-based field index of the amount in its record.
        var column: Int
        var count: Int = 1
    }

    enum AccountType: String {
        case asset, liability, equity, cost, income

        /// `#KTYP`: T tillgång, S skuld, K kostnad, I intäkt.
        init?(ktyp: String) {
            switch ktyp.uppercased() {
            case "T": self = .asset
            case "S": self = .liability
            case "K": self = .cost
            case "I": self = .income
            default: return nil
            }
        }

        var isBalance: Bool { self == .asset || self == .liability || self == .equity }
    }

    var path: String
    var format: DocumentFormat
    var companyName: String?
    var orgnr: String?
    var program: String?
    /// `#SIETYP` (`1`…`4`) or `5`.
    var sieType: String?
    var chartType: String?
    var generated: Day?
    var years: [Int: FiscalYear] = [:]
    var accountNames: [String: (name: String, line: Int)] = [:]
    var accountTypes: [String: AccountType] = [:]
    var amounts: [LedgerColumn: [String: Amount]] = [:]
    /// Records read, by kind, for the reading notes (`#VER` 295, `#TRANS` 1330, `#OUB` 8, …).
    var recordCounts: [String: Int] = [:]
    var vouchers: [Int: Int] = [:]
    var diagnostics: [Diagnostic] = []
    var readingNotes: [String] = []
    /// The first and last voucher date, for files without fiscal years (SIE 4I).
    var voucherDates: ClosedRange<Day>?
    /// SIE 5: whether an XML signature is present.
    var signed: Bool?

    init(path: String, format: DocumentFormat) {
        self.path = path
        self.format = format
    }

    func location(_ line: Int, _ column: Int? = nil) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    mutating func note(_ severity: Severity, _ code: String, _ message: String, line: Int, column: Int? = nil) {
        diagnostics.append(Diagnostic(severity: severity, code: code, message: message, location: location(line, column)))
    }

    /// Records a balance; a second record for the same account and year is reported, and the first is kept.
    mutating func set(_ column: LedgerColumn, account: String, _ amount: Amount, tag: String) {
        if let earlier = amounts[column]?[account] {
            note(.warning, "sie.dubblett", "\(tag) för konto \(account) år \(column.year) finns redan på rad \(earlier.line); raden läses inte",
                 line: amount.line, column: amount.column)
            return
        }
        amounts[column, default: [:]][account] = amount
    }

    /// Adds to a sum per account (vouchers, period movements, budgets), keeping the first line.
    mutating func add(_ column: LedgerColumn, account: String, ore: Int64, line: Int, column field: Int, count: Int = 1) {
        if var existing = amounts[column]?[account] {
            existing.ore &+= ore
            existing.count &+= count
            amounts[column]![account] = existing
        } else {
            amounts[column, default: [:]][account] = Amount(ore: ore, line: line, column: field, count: count)
        }
    }

    /// Balance (1–2) or result (3–8) account: the declared type when there is one, else the BAS class.
    func isBalanceAccount(_ account: String) -> Bool {
        if let t = accountTypes[account] { return t.isBalance }
        return account.first == "1" || account.first == "2"
    }

    /// The fiscal year (as `#RAR` numbers it) a date falls in.
    func year(of date: Day) -> Int? {
        years.first { ($0.value.start.map { $0 <= date } ?? false) && ($0.value.end.map { date <= $0 } ?? false) }?.key
    }

    /// `5566391537`, `556639-1537`, `19556639-1537` → `556639-1537`; anything else as given, nil when empty.
    static func normaliseOrgnr(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        var digits = trimmed.filter(\.isASCII).filter(\.isNumber)
        if digits.count == 12, trimmed.filter({ $0 == "-" }).count <= 1 { digits = String(digits.dropFirst(2)) }
        guard digits.count == 10, trimmed.allSatisfy({ $0.isNumber || $0 == "-" }) else { return trimmed }
        return "\(digits.prefix(6))-\(digits.suffix(4))"
    }
}
