import FinsamModel

/// What a reader noticed about its own input and a user must see in `finsam check` and the workbook, not only
/// in `inspect`: a ledger's own checks (each voucher balances, `#UB` = `#IB` + the year's vouchers, `#RES` =
/// the year's vouchers, balances sum to zero; made while the vouchers stream past, since they are not kept),
/// damaged or guessed text encodings, a table that mixes units. Informational notes stay in `inspect`.
public enum ReaderFindings {
    public static func findings(_ documents: [Document]) -> [Finding] {
        documents.flatMap { doc in
            doc.diagnostics.filter { $0.severity >= .warning }.map { d in
                Finding(rule: d.code, severity: d.severity, message: d.message, locations: [d.location], documentSource: doc.source)
            }
        }
    }
}
