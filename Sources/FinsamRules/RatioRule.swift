import Foundation
import FinsamMapping
import FinsamModel

/// Percentages recomputed: a `Förbrukningskvot` column is one amount column over another (the pair read from
/// the table), a percentage row under an amount row is that row over its group's total (`Fördelning
/// kvinnor/män`) or over the budget of the same year (`Utfall mot budget`).
struct RatioRule {
    static func check(_ ctx: TableContext, groups: [ColumnTotalRule.Group]) -> RuleOutcome {
        var out = RuleOutcome(ctx)
        for k in ctx.ratioColumns { out.merge(checkColumn(ctx, k)) }
        out.merge(checkRows(ctx, groups: groups))
        return out
    }

    enum Verdict { case consistent, nearly, wrong }

    /// Within rounding, within a percentage point, or wrong; nil when the ratio is undefined.
    static func verdict(printed: Figure, numerator: Figure, denominator: Figure) -> (Verdict, Decimal)? {
        guard let consistent = isConsistent(printed: printed, numerator: numerator, denominator: denominator) else { return nil }
        let exact = numerator.value / denominator.value
        if consistent { return (.consistent, exact) }
        return ((printed.value - exact).magnitude < onePoint ? .nearly : .wrong, exact)
    }

    /// `verdict`'s first part alone (the exact quotient is for messages): whether the printed ratio is the
    /// quotient within rounding; nil when the ratio is undefined.
    static func isConsistent(printed: Figure, numerator: Figure, denominator: Figure) -> Bool? {
        guard denominator.value != 0 else { return nil }
        // In integers where the figures fit: four Decimal divisions a row and column pair cost more than the
        // rest of the rule.
        if let n = FixedInterval(value: numerator.value, decimals: numerator.decimals),
           let d = FixedInterval(value: denominator.value, decimals: denominator.decimals),
           let p = FixedInterval(value: printed.value, decimals: printed.decimals),
           let overlaps = n.quotient(over: d, overlaps: p)
        {
            return overlaps
        }
        guard let computed = numerator.interval / denominator.interval else { return nil }
        return computed.overlaps(printed.interval)
    }

    /// A percentage point.
    static let onePoint = Decimal(string: "0.01")!

    static func samePeriodYear(_ ctx: TableContext, _ a: Int, _ b: Int) -> Bool {
        guard let pa = ctx.table.columns[a].period, let pb = ctx.table.columns[b].period else { return true }
        return pa.end.year == pb.end.year
    }

    static func checkColumn(_ ctx: TableContext, _ k: Int) -> RuleOutcome {
        var out = RuleOutcome(ctx)
        let rows = ctx.rows.indices.filter { ctx.percent($0, k) != nil }
        var best: (score: Int, num: Int, den: Int)?
        for num in ctx.amountColumns {
            for den in ctx.amountColumns where den != num && samePeriodYear(ctx, num, den) {
                var score = 0
                for r in rows {
                    guard let n = ctx.figure(r, num), let d = ctx.figure(r, den),
                          let consistent = isConsistent(printed: Figure(ctx.percent(r, k)!), numerator: n, denominator: d)
                    else { continue }
                    if consistent { score += 1 }
                }
                // Utfall over budget is what a consumption ratio is; prefer it on a tie.
                let preferred = ctx.table.columns[num].scenario == .utfall && ctx.table.columns[den].scenario == .budget
                let key = score * 2 + (preferred ? 1 : 0)
                if best == nil || key > best!.score { best = (key, num, den) }
            }
        }
        guard let best, best.score / 2 >= 2 else { return out }
        let defined = rows.filter { r in
            (ctx.amount(r, best.den)?.value ?? 0) != 0 && ctx.isAmount(r, best.num)
        }
        guard best.score / 2 * 2 >= defined.count else { return out }
        for r in defined {
            let p = Figure(ctx.percent(r, k)!)
            let n = ctx.figure(r, best.num)!, d = ctx.figure(r, best.den)!
            // The exact quotient (a Decimal division) only for a finding.
            guard let consistent = isConsistent(printed: p, numerator: n, denominator: d) else { continue }
            if consistent {
                out.cover([k, best.num, best.den].map { CellRef(table: ctx.tableIndex, row: r, column: $0) })
                continue
            }
            guard let (v, exact) = verdict(printed: p, numerator: n, denominator: d) else { continue }
            out.findings.append(finding(ctx, r, k, num: best.num, den: best.den, printed: p, exact: exact, verdict: v, rowNumerator: r, rowDenominator: r))
        }
        return out
    }

    static func checkRows(_ ctx: TableContext, groups: [ColumnTotalRule.Group]) -> RuleOutcome {
        var out = RuleOutcome(ctx)
        // Only a row of percentages is checked here.
        guard ctx.hasPercentCells else { return out }
        let budgets = ctx.amountColumns.filter { ctx.table.columns[$0].scenario == .budget }
        for p in ctx.rows.indices {
            let percents = ctx.table.columns.indices.filter { c in ctx.isPercentText(p, c) }
            guard !percents.isEmpty, !ctx.amountColumns.contains(where: { ctx.isAmount(p, $0) }) else { continue }
            guard let a = (0..<p).reversed().first(where: { r in ctx.amountColumns.contains { ctx.isAmount(r, $0) } }) else { continue }
            for c in percents {
                let den: Int?
                if let g = groups.first(where: { $0.items.contains(c) }) {
                    den = g.total
                } else {
                    let sameYear = budgets.filter { $0 != c && samePeriodYear(ctx, c, $0) }
                    den = sameYear.count == 1 ? sameYear[0] : nil
                }
                guard let den, let n = ctx.figure(a, c), let d = ctx.figure(a, den) else { continue }
                let printed = Figure(ctx.cell(p, c)!)
                guard let consistent = isConsistent(printed: printed, numerator: n, denominator: d) else { continue }
                if consistent {
                    out.cover([CellRef(table: ctx.tableIndex, row: p, column: c), CellRef(table: ctx.tableIndex, row: a, column: c),
                                           CellRef(table: ctx.tableIndex, row: a, column: den)])
                    continue
                }
                guard let (v, exact) = verdict(printed: printed, numerator: n, denominator: d) else { continue }
                out.findings.append(finding(ctx, p, c, num: c, den: den, printed: printed, exact: exact, verdict: v, rowNumerator: a, rowDenominator: a))
            }
        }
        return out
    }

    static func finding(_ ctx: TableContext, _ r: Int, _ k: Int, num: Int, den: Int, printed: Figure, exact: Decimal, verdict: Verdict, rowNumerator: Int, rowDenominator: Int) -> Finding {
        let n = ctx.amount(rowNumerator, num)!, d = ctx.amount(rowDenominator, den)!
        let scaleN = ctx.scale(num), scaleD = ctx.scale(den)
        let pp = (printed.value - exact).shifted(by: 2)
        var sv = "\(ctx.label(r)) (rad \(ctx.line(r))): kvoten är \(Format.percent(printed.value, decimals: max(0, printed.decimals - 2))) men \(Format.amount(n.value, scale: scaleN)) / \(Format.amount(d.value, scale: scaleD)) är \(Format.percent(exact))"
        var en = "\(ctx.label(r)) (line \(ctx.line(r))): the ratio is \(Format.percent(printed.value, decimals: max(0, printed.decimals - 2))) but \(Format.amount(n.value, scale: scaleN)) / \(Format.amount(d.value, scale: scaleD)) is \(Format.percent(exact))"
        if verdict == .nearly {
            sv += " (under en procentenhet ifrån: avrundat på annat sätt eller räknat på andra belopp)"
            en += " (less than a percentage point off: rounded differently or computed from other amounts)"
        } else {
            sv += " (\(Format.grouped(pp.rounded(1))) procentenheter ifrån)"
            en += " (\(pp.rounded(1)) percentage points off)"
        }
        return Finding(
            rule: rowNumerator == r ? "column.ratio" : "row.ratio", severity: verdict == .nearly ? .warning : .error,
            message: sv, messageEN: en, expected: exact, actual: printed.value, difference: printed.value - exact,
            locations: [ctx.location(r, k), ctx.location(rowNumerator, num), ctx.location(rowDenominator, den)],
            documentSource: ctx.document.source)
    }
}
