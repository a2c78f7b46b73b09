import FinsamModel

/// A ledger's own checks (each voucher balances, `#UB` = `#IB` + the year's vouchers, `#RES` = the year's
/// vouchers, balances sum to zero, damaged text) are made by the SIE readers while they stream, since the
/// vouchers are not kept; they arrive as diagnostics and are reported as findings here, with the SIE line.
public enum LedgerFindings {
    public static func findings(_ documents: [Document]) -> [Finding] {
        documents.filter { $0.format == .sie4 || $0.format == .sie5 }.flatMap { doc in
            doc.diagnostics.filter { $0.severity >= .warning }.map { d in
                Finding(rule: d.code, severity: d.severity, message: d.message, locations: [d.location], documentSource: doc.source)
            }
        }
    }
}
