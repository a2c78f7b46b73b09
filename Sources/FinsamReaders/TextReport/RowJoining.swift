import Foundation
import FinsamModel

/// Rows whose label stands on another line than their figures.
extension TableLayout {
    /// `RegExPro` followed by `Region Uppsala\t1 245\t…`: a label row and an owner row carrying its figures.
    /// Only where the pattern repeats (three pairs or more) or the figure row has no label of its own.
    static func joinOwnerRows(_ rows: [RawRow]) -> [RawRow] {
        func isPlainHeader(_ r: RawRow) -> Bool {
            !r.hasCells && !r.label.isEmpty && !r.style.contains(.bold) && !r.style.contains(.underline) && !r.style.contains(.uppercase)
                && !r.style.contains(.italic)
        }
        var pairStarts = Set<Int>()
        var i = 0
        while i + 1 < rows.count {
            if isPlainHeader(rows[i]) && rows[i + 1].hasCells && rows[i + 1].label.isEmpty {
                pairStarts.insert(i)
                i += 2
                continue
            }
            // A run of header/figure-row pairs.
            var j = i
            var run: [Int] = []
            while j + 1 < rows.count && isPlainHeader(rows[j]) && rows[j + 1].hasCells && !rows[j + 1].label.isEmpty
                && TotalWords.isTotal(rows[j + 1].label) == false
                && (j + 2 >= rows.count || !rows[j + 2].hasCells || TotalWords.isTotal(rows[j + 2].label))
            {
                run.append(j)
                j += 2
            }
            if run.count >= 3 {
                pairStarts.formUnion(run)
                i = j
            } else {
                i += 1
            }
        }
        guard !pairStarts.isEmpty else { return rows }
        var out: [RawRow] = []
        var k = 0
        while k < rows.count {
            if pairStarts.contains(k) {
                var merged = rows[k + 1]
                let owner = merged.label
                merged.label = rows[k].label
                merged.labelField = rows[k].labelField
                if !owner.isEmpty { merged.qualifier = [owner, merged.qualifier].compactMap { $0 }.joined(separator: ", ") }
                merged.labelNote = owner.isEmpty
                    ? "etiketten från raden ovan (rad \(rows[k].line.number))"
                    : "etiketten från rad \(rows[k].line.number); ”\(owner)” är ägaren"
                out.append(merged)
                k += 2
                continue
            }
            out.append(rows[k])
            k += 1
        }
        return out
    }

    /// A row with figures and no label continues the row above (`\t2022\t0\t0\t4 (3)` under a question); a
    /// header row right above it gives it its label.
    static func continueLabels(_ rows: [RawRow], title: String) -> [RawRow] {
        // Most tables have a label on every row with figures: nothing to continue, no row to copy.
        guard rows.contains(where: { $0.label.isEmpty && $0.hasCells }) else { return rows }
        var out: [RawRow] = []
        for var row in rows {
            if row.label.isEmpty && row.hasCells {
                if let last = out.last, !last.hasCells, !last.label.isEmpty {
                    row.label = last.label
                    row.labelNote = "etiketten från raden ovan (rad \(last.line.number))"
                    out.removeLast()
                } else if let last = out.last(where: { !$0.label.isEmpty }) {
                    row.label = last.label
                    row.labelNote = "fortsätter raden ovan (rad \(last.line.number))"
                } else {
                    row.label = title
                    row.labelNote = "raden saknar etikett; tabellens rubrik används"
                }
            }
            out.append(row)
        }
        return out
    }
}
