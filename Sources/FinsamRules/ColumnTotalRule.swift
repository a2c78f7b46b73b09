import Foundation
import FinsamMapping
import FinsamModel

/// A column headed `S:a`, `Summa` or `Totalt` is the sum of the columns before it back to the previous such
/// column: `K + M = S:a` in each group of a participant table.
struct ColumnTotalRule {
    struct Group {
        var total: Int
        var items: [Int]
    }

    static func isTotalHeader(_ header: String) -> Bool {
        let words = LabelWords.normalised(header).split(separator: " ")
        guard let last = words.last else { return false }
        return ["s:a", "summa", "totalt", "total", "sa"].contains(String(last))
    }

    /// The groups the figures confirm: for each total column, the run of columns before it that adds up in
    /// most rows.
    static func groups(_ ctx: TableContext) -> [Group] {
        let columns = ctx.amountColumns
        var out: [Group] = []
        var start = 0
        for (i, c) in columns.enumerated() where ctx.isTotalColumn(c) {
            let candidates = Array(columns[start..<i])
            start = i + 1
            guard !candidates.isEmpty else { continue }
            var best: (Int, [Int])?
            for n in 1...candidates.count {
                let items = Array(candidates.suffix(n))
                let score = ctx.rows.indices.filter { r in consistency(ctx, r, c, items) == true }.count
                if best == nil || score > best!.0 { best = (score, items) }
            }
            let rowsWithTotal = ctx.rows.indices.filter { ctx.isAmount($0, c) }.count
            if let best, best.0 >= 2, best.0 * 2 >= rowsWithTotal { out.append(Group(total: c, items: best.1)) }
        }
        return out
    }

    /// nil when the row has no total in the column.
    static func consistency(_ ctx: TableContext, _ r: Int, _ total: Int, _ items: [Int]) -> Bool? {
        if let fast = fixedConsistency(ctx, r, total, items) { return fast }
        guard let t = ctx.figure(r, total) else { return nil }
        let figures = items.compactMap { ctx.figure(r, $0) }
        if figures.isEmpty { return nil }
        let sum = figures.reduce(Interval.exactly(0)) { $0 + $1.interval }
        return sum.overlaps(t.interval)
    }

    /// `consistency` in fixed point; nil also where a figure does not fit it.
    static func fixedConsistency(_ ctx: TableContext, _ r: Int, _ total: Int, _ items: [Int]) -> Bool?? {
        guard let t = ctx.fixedFigure(r, total).interval else { return ctx.isAmount(r, total) ? nil : .some(nil) }
        var sum = FixedInterval.zero, any = false
        for c in items {
            switch ctx.fixedFigure(r, c) {
            case .absent: continue
            case .unfit: return nil
            case let .figure(v, h):
                sum = sum + FixedInterval(value: v, half: h)
                any = true
            }
        }
        return any ? sum.overlaps(t) : .some(nil)
    }

    static func check(_ ctx: TableContext, groups: [Group]) -> RuleOutcome {
        var out = RuleOutcome(ctx)
        for g in groups {
            for r in ctx.rows.indices {
                guard let ok = consistency(ctx, r, g.total, g.items) else { continue }
                let cols = [g.total] + g.items
                if ok {
                    out.cover(cols.filter { ctx.isAmount(r, $0) }.map { CellRef(table: ctx.tableIndex, row: r, column: $0) })
                    continue
                }
                let t = ctx.amount(r, g.total)!
                let sum = g.items.compactMap { ctx.amount(r, $0)?.value }.reduce(0, +)
                let names = g.items.map { Format.column(ctx.table.columns[$0]) }.joined(separator: " + ")
                let namesEN = g.items.map { Format.column(ctx.table.columns[$0], english: true) }.joined(separator: " + ")
                let scale = ctx.scale(g.total)
                let totalName = Format.column(ctx.table.columns[g.total])
                out.findings.append(Finding(
                    rule: "column.total", severity: .error,
                    message: "\(ctx.label(r)) (rad \(ctx.line(r))): \(totalName) är \(Format.amount(t.value, scale: scale)) men \(names) ger \(Format.amount(sum, scale: scale)) (differens \(Format.amount(t.value - sum, scale: scale)))",
                    messageEN: "\(ctx.label(r)) (line \(ctx.line(r))): \(Format.column(ctx.table.columns[g.total], english: true)) is \(Format.amount(t.value, scale: scale)) but \(namesEN) gives \(Format.amount(sum, scale: scale)) (difference \(Format.amount(t.value - sum, scale: scale)))",
                    expected: sum, actual: t.value, difference: t.value - sum,
                    locations: [ctx.location(r, g.total)] + g.items.map { ctx.location(r, $0) },
                    documentSource: ctx.document.source))
            }
        }
        return out
    }
}
