import Foundation
import FinsamMapping
import FinsamModel

/// A `Differens` column is one amount column less another. Which two, and in which order, is read from the
/// table itself: the pair and order that explain most rows, the order decided per kind of row, since tables
/// often print a favourable difference as positive (budget − utfall for costs, utfall − budget for income).
struct DifferenceRule {
    enum Order { case firstMinusSecond, secondMinusFirst }

    struct Reading {
        var first: Int
        var second: Int
        /// Per row: which orders it is consistent with.
        var fits: [Int: (Bool, Bool)]
    }

    static func check(_ ctx: TableContext) -> (RuleOutcome, covered: Set<Int>) {
        var out = RuleOutcome(ctx)
        var coveredColumns = Set<Int>()
        var rowKinds: [RowKind]?
        for d in ctx.differenceColumns {
            guard let reading = bestReading(ctx, d) else { continue }
            coveredColumns.insert(d)
            // The kinds of row only decide anything where rows that fit one order only disagree on which; else
            // every kind takes the one order they agree on (or the first, where no row decides).
            let order: [Group: Order]
            var kinds: [RowKind] = []
            if let uniform = uniformOrder(reading) {
                order = [.income: uniform, .cost: uniform, .result: uniform, .other: uniform]
            } else {
                kinds = rowKinds ?? ctx.rowKinds()
                rowKinds = kinds
                order = ordersByKind(kinds, reading)
            }
            for (r, fit) in reading.fits.sorted(by: { $0.key < $1.key }) {
                let wanted = kinds.isEmpty ? order[.other]! : (order[group(kinds[r])] ?? order[.other] ?? .firstMinusSecond)
                let ok = wanted == .firstMinusSecond ? fit.0 : fit.1
                if ok {
                    out.cover([d, reading.first, reading.second].compactMap { c in
                        ctx.cell(r, c) == nil ? nil : CellRef(table: ctx.tableIndex, row: r, column: c)
                    })
                    continue
                }
                let other = wanted == .firstMinusSecond ? fit.1 : fit.0
                out.findings.append(finding(ctx, r, d, reading, wanted, reversed: other))
            }
        }
        return (out, coveredColumns)
    }

    enum Group: Hashable { case income, cost, result, other }

    static func group(_ kind: RowKind) -> Group {
        switch kind {
        case .income, .liability: .income
        case .cost, .asset: .cost
        case .result: .result
        case .other: .other
        }
    }

    static func figure(_ ctx: TableContext, _ r: Int, _ c: Int) -> Figure? {
        ctx.figure(r, c)
    }

    /// Whether the printed difference agrees with `a − b` within rounding.
    static func fits(_ d: Figure, _ a: Figure?, _ b: Figure?) -> Bool {
        let x = a ?? Figure(value: 0, decimals: d.decimals), y = b ?? Figure(value: 0, decimals: d.decimals)
        return (x.interval - y.interval).overlaps(d.interval)
    }

    static func bestReading(_ ctx: TableContext, _ d: Int) -> Reading? {
        let rows = ctx.rows.indices.filter { ctx.isAmount($0, d) }
        guard rows.count >= 2 else { return nil }
        var best: (score: Int, reading: Reading)?
        let header = ctx.table.columns[d].header.lowercased()
        for a in ctx.amountColumns {
            for b in ctx.amountColumns where b > a {
                var rowFits: [Int: (Bool, Bool)] = [:]
                var score = 0
                for r in rows {
                    let f: (Bool, Bool)
                    switch (ctx.fixedFigure(r, a), ctx.fixedFigure(r, b), ctx.fixedFigure(r, d)) {
                    case (.absent, .absent, _):
                        continue
                    case let (x, y, .figure(dv, dh)) where x.fits && y.fits:
                        // In fixed point; a missing figure is a zero printed as precisely as the difference.
                        let zero = FixedInterval(value: 0, half: dh)
                        let xi = x.interval ?? zero, yi = y.interval ?? zero, di = FixedInterval(value: dv, half: dh)
                        f = ((xi - yi).overlaps(di), (yi - xi).overlaps(di))
                    default:
                        let x = figure(ctx, r, a), y = figure(ctx, r, b), dv = figure(ctx, r, d)!
                        f = (DifferenceRule.fits(dv, x, y), DifferenceRule.fits(dv, y, x))
                    }
                    rowFits[r] = f
                    if f.0 || f.1 { score += 1 }
                }
                // A header naming both columns' scenarios (`budget-prognos`) breaks ties.
                let named = [ctx.table.columns[a].scenario, ctx.table.columns[b].scenario].allSatisfy { header.contains($0.rawValue) }
                let key = score * 2 + (named ? 1 : 0)
                if best == nil || key > best!.score {
                    best = (key, Reading(first: a, second: b, fits: rowFits))
                }
            }
        }
        guard let best, best.score / 2 >= 2, best.score / 2 * 2 >= best.reading.fits.count else { return nil }
        return best.reading
    }

    /// The order `ordersByKind` gives every kind when no two rows that fit one order only disagree on which:
    /// nil where they do.
    static func uniformOrder(_ reading: Reading) -> Order? {
        var first = false, second = false
        for f in reading.fits.values where f.0 != f.1 {
            if f.0 { first = true } else { second = true }
            if first && second { return nil }
        }
        return second ? .secondMinusFirst : .firstMinusSecond
    }

    /// The order each kind of row uses: the majority of its rows that fit one order only; rows of a kind
    /// with no such row follow the table's majority.
    static func ordersByKind(_ kinds: [RowKind], _ reading: Reading) -> [Group: Order] {
        var votes: [Group: (Int, Int)] = [:]
        var all = (0, 0)
        for (r, f) in reading.fits where f.0 != f.1 {
            let g = group(kinds[r])
            var v = votes[g] ?? (0, 0)
            if f.0 { v.0 += 1; all.0 += 1 } else { v.1 += 1; all.1 += 1 }
            votes[g] = v
        }
        let overall: Order = all.1 > all.0 ? .secondMinusFirst : .firstMinusSecond
        var out: [Group: Order] = [.other: overall]
        for g in [Group.income, .cost, .result, .other] {
            guard let v = votes[g], v.0 != v.1 else { continue }
            out[g] = v.1 > v.0 ? .secondMinusFirst : .firstMinusSecond
        }
        for g in [Group.income, .cost, .result] where out[g] == nil { out[g] = overall }
        return out
    }

    static func finding(_ ctx: TableContext, _ r: Int, _ d: Int, _ reading: Reading, _ order: Order, reversed: Bool) -> Finding {
        let (a, b) = order == .firstMinusSecond ? (reading.first, reading.second) : (reading.second, reading.first)
        let x = figure(ctx, r, a) ?? Figure(value: 0, decimals: 0)
        let y = figure(ctx, r, b) ?? Figure(value: 0, decimals: 0)
        let printed = figure(ctx, r, d)!
        let computed = x.value - y.value
        let scale = ctx.scale(d)
        let names = (Format.column(ctx.table.columns[a]), Format.column(ctx.table.columns[b]))
        let namesEN = (Format.column(ctx.table.columns[a], english: true), Format.column(ctx.table.columns[b], english: true))
        var sv = "\(ctx.label(r)) (rad \(ctx.line(r))): differensen är \(Format.amount(printed.value, scale: scale)) men \(names.0) − \(names.1) är \(Format.amount(computed, scale: scale)) (skillnad \(Format.amount(printed.value - computed, scale: scale)))"
        var en = "\(ctx.label(r)) (line \(ctx.line(r))): the difference is \(Format.amount(printed.value, scale: scale)) but \(namesEN.0) − \(namesEN.1) is \(Format.amount(computed, scale: scale)) (off by \(Format.amount(printed.value - computed, scale: scale)))"
        var severity = Severity.error
        if reversed {
            severity = .warning
            sv += "; raden räknar differensen åt andra hållet än tabellens övriga rader av samma slag"
            en += "; the row takes the difference the other way round from the table's other rows of its kind"
        } else if let hint = hint(ctx, r, d, a, b, printed: printed) {
            sv += "; \(hint.sv)"
            en += "; \(hint.en)"
        }
        return Finding(
            rule: "column.difference", severity: severity, message: sv, messageEN: en, expected: computed,
            actual: printed.value, difference: printed.value - computed,
            locations: [ctx.location(r, d), ctx.location(r, a), ctx.location(r, b)], documentSource: ctx.document.source)
    }

    /// A printed figure with the wrong sign, or an item without a difference under a total. Of two figures
    /// whose flipped sign would explain the difference, the one whose flip also mends the total it is an item
    /// of is named.
    static func hint(_ ctx: TableContext, _ r: Int, _ d: Int, _ a: Int, _ b: Int, printed: Figure) -> Explanation? {
        let x = figure(ctx, r, a), y = figure(ctx, r, b)
        let scale = ctx.scale(d)
        var flips: [(column: Int, value: Decimal)] = []
        if let y, y.value != 0, fits(printed, x, -y) { flips.append((b, y.value)) }
        if let x, x.value != 0, fits(printed, -x, y) { flips.append((a, x.value)) }
        if flips.count == 2, let parent = ctx.parents[r], let link = ctx.links[parent] {
            flips.sort { lhs, _ in mendsTotal(ctx, link, row: r, column: lhs.column) }
        }
        if let flip = flips.first {
            return Explanation(
                sv: "med omvänt tecken på \(Format.column(ctx.table.columns[flip.column])) (\(Format.amount(-flip.value, scale: scale))) stämmer differensen",
                en: "with the opposite sign on \(Format.column(ctx.table.columns[flip.column], english: true)) (\(Format.amount(-flip.value, scale: scale))) the difference agrees")
        }
        guard ctx.links[r] != nil else { return nil }
        let missing = ctx.descendants(of: r).filter { row in
            ctx.links[row] == nil && !ctx.isAmount(row, d) && (figure(ctx, row, a)?.value ?? 0) != (figure(ctx, row, b)?.value ?? 0)
        }.sorted()
        if !missing.isEmpty {
            let lines = Format.lines(missing.map { ctx.line($0) }, run: false)
            return Explanation(sv: "\(lines) saknar differens", en: "\(Format.lines(missing.map { ctx.line($0) }, run: false, english: true)) has no difference")
        }
        return nil
    }
}

extension DifferenceRule {
    /// Whether the total `link` adds up in `column` once `row`'s figure there changes sign (and not before).
    static func mendsTotal(_ ctx: TableContext, _ link: TotalLink, row: Int, column: Int) -> Bool {
        guard let t = ctx.amount(link.total, column) else { return false }
        var before = Interval.exactly(0), after = Interval.exactly(0)
        for item in link.items {
            guard let cell = ctx.amount(item.row, column) else { continue }
            let f = Figure(cell)
            let i = item.sign < 0 ? -f.interval : f.interval
            before = before + i
            after = after + (item.row == row ? -i : i)
        }
        let total = Figure(t).interval
        return !before.overlaps(total) && after.overlaps(total)
    }
}
