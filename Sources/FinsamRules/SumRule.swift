import Foundation
import FinsamModel

/// Every total the structure inference linked must equal the sum of its items, within rounding.
struct SumRule {
    static func findings(table: Table, links: [TotalLink], document: Document) -> [Finding] {
        var out: [Finding] = []
        for link in links {
            let total = table.rows[link.total]
            for c in table.columns.indices {
                guard let t = total.cells[c] else { continue }
                let items = link.items.compactMap { s -> (value: Decimal, decimals: Int, sign: Int)? in
                    table.rows[s.row].cells[c].map { ($0.value, $0.decimals, s.sign) }
                }
                if items.isEmpty { continue }
                let sum = items.reduce(Decimal(0)) { $0 + ($1.sign < 0 ? -$1.value : $1.value) }
                let consistency = Consistency.check(total: t.value, totalDecimals: t.decimals, items: items)
                guard consistency != .exact else { continue }
                let first = table.rows[link.items.first!.row].source.line
                let last = table.rows[link.items.last!.row].source.line
                let diff = t.value - sum
                let scale = table.columns[c].scale
                let message = "\(total.label) (rad \(total.source.line)) är \(Format.amount(t.value, scale: scale)) men posterna rad \(first)–\(last) summerar till \(Format.amount(sum, scale: scale)) (differens \(Format.amount(diff, scale: scale)))"
                out.append(
                    Finding(
                        rule: "sum.total", severity: consistency == .rounding ? .info : .error,
                        message: consistency == .rounding ? message + ", inom avrundning" : message,
                        messageEN: "\(total.label) (line \(total.source.line)) is \(t.value) but items on lines \(first)–\(last) sum to \(sum) (difference \(diff))",
                        expected: sum, actual: t.value, difference: diff,
                        locations: [SourceLocation(file: total.source.file, line: total.source.line, column: t.column)]
                            + link.items.map { table.rows[$0.row].source },
                        documentSource: document.source))
            }
        }
        return out
    }
}

/// Swedish number formatting for messages: `10 759 000`, with the unit the table was printed in.
public enum Format {
    public static func amount(_ value: Decimal, scale: PrintedScale = .kr) -> String {
        let printed = value.shifted(by: -scale.exponent)
        return grouped(printed)
    }

    public static func grouped(_ value: Decimal) -> String {
        let s = "\(value)"
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1)
        let int = Array(parts[0])
        var out = ""
        for (i, ch) in int.enumerated() {
            if i > 0 && (int.count - i) % 3 == 0 { out.append(" ") }
            out.append(ch)
        }
        if parts.count == 2 { out += "," + parts[1] }
        return (negative ? "-" : "") + out
    }
}
