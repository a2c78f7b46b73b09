/// What a column of a ledger table (`TableKind.ledger`, read from SIE) holds: the kind of SIE record and the
/// fiscal year (0 current, -1 prior, as `#RAR` numbers them). The header is the record name and year, e.g.
/// `UB 0`, so a user of `finsam inspect` sees the SIE terms and the mapping stage can read it back.
public struct LedgerColumn: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// Opening balance of a balance account (`#IB`, SIE 5 `OpeningBalance`).
        case ib = "IB"
        /// Closing balance of a balance account (`#UB`, SIE 5 `ClosingBalance`).
        case ub = "UB"
        /// The year's result on a result account (`#RES`, SIE 5 `ClosingBalance` on a cost or income account).
        case res = "RES"
        /// The sum of the year's vouchers per account (`#TRANS` in `#VER`, SIE 5 `LedgerEntry`).
        case trans = "TRANS"
        /// The sum of the year's period movements without object (`#PSALDO`).
        case psaldo = "PSALDO"
        /// The sum of the year's period budgets without object (`#PBUDGET`, SIE 5 `Budget`).
        case pbudget = "PBUDGET"
    }

    public var kind: Kind
    public var year: Int

    public init(kind: Kind, year: Int) {
        self.kind = kind
        self.year = year
    }

    /// Reads a header written by `description`.
    public init?(header: String) {
        let parts = header.split(separator: " ")
        guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])), let year = Int(parts[1]) else { return nil }
        self.init(kind: kind, year: year)
    }

    public var description: String { "\(kind.rawValue) \(year)" }
}
