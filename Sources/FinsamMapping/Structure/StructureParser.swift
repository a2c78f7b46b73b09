import Foundation
import FinsamModel

/// Infers which rows each total sums, by collapsing the table bottom-up: the most certain, smallest total is
/// committed first and its items leave the sequence, so an outer total sees its subtotals, never their items.
///
/// A candidate is a run of adjacent rows (above or below the total, header rows between them ignored) that
/// adds up, within rounding, in the amount columns. Words only rank candidates and decide what happens when no
/// run adds up: a `Summa` still totals something (the layout tells what), a result is income minus costs, and
/// a row without a total word is never a total unless the figures say so in more than one column.
struct StructureParser {
    let table: Table
    let grid: FigureGrid
    let roles: [LabelRole]
    let labels: [String]
    let isValueRow: [Bool]
    let isHeaderRow: [Bool]
    let styled: [Bool]
    let costLike: [Bool]
    let incomeLike: [Bool]

    var alive: [Bool]
    /// Rows the repair pass found to be no total after all (a coincidence such as a region's contribution
    /// equal to its municipalities' together).
    var forbidden: Set<Int> = []
    var links: [Int: TotalLink] = [:]
    var fallbacks: Set<Int> = []
    var order: [Int] = []
    var span: [Int]

    /// Longest run of rows a candidate may have; tables are short, this only bounds pathological inputs.
    static let maxWindow = 80
    /// Result rows try signs on at most this many items (2^n combinations).
    static let maxSignedWindow = 7

    init(table: Table) {
        self.table = table
        grid = FigureGrid(table)
        labels = table.rows.map { LabelWords.normalised($0.label) }
        roles = table.rows.map { LabelRole(label: $0.label) }
        let grid = self.grid
        isValueRow = table.rows.indices.map { grid.hasAny($0) }
        isHeaderRow = table.rows.map(\.isHeader)
        styled = table.rows.map { !$0.style.isDisjoint(with: [.bold, .italic, .underline, .uppercase]) }
        alive = isValueRow
        span = Array(repeating: 1, count: table.rows.count)
        (costLike, incomeLike) = StructureParser.kinds(table: table, labels: labels, roles: roles)
    }

    /// Cost or income by the row's own words, else by the headers of its section: the header rows between
    /// it and the previous `Summa` (an `Utgifter/Kostnader` header makes the rows under it costs).
    static func kinds(table: Table, labels: [String], roles: [LabelRole]) -> ([Bool], [Bool]) {
        var cost = Array(repeating: false, count: labels.count)
        var income = Array(repeating: false, count: labels.count)
        var sectionCost = false
        var sectionIncome = false
        let titleWords = LabelWords.normalised(table.title)
        if LabelWords.isCostLike(titleWords) { sectionCost = true }
        for (r, row) in table.rows.enumerated() {
            let l = labels[r]
            if row.isHeader {
                if LabelWords.isCostLike(l) { sectionCost = true; sectionIncome = false }
                else if LabelWords.isIncomeLike(l) { sectionIncome = true; sectionCost = false }
                continue
            }
            if LabelWords.isCostLike(l) { cost[r] = true }
            else if LabelWords.isIncomeLike(l) { income[r] = true }
            else if !LabelWords.isResultLike(l) {
                cost[r] = sectionCost
                income[r] = sectionIncome
            }
            if roles[r] == .strongTotal && !sectionCost {
                // An income total closes the income section.
                sectionIncome = false
            }
        }
        return (cost, income)
    }

    // MARK: - Candidates

    enum Direction: Int { case above = 0, below = 1 }

    struct Candidate {
        var total: Int
        var items: [Int]
        var signs: [Int]
        var fit: SumFit
        var direction: Direction
        var span: Int
        var minus: Int
        var fallback = false

        var isFull: Bool { fit.isFull }
    }

    /// Alive value rows next to `t`, nearest first.
    func neighbours(of t: Int, _ direction: Direction) -> [Int] {
        var out: [Int] = []
        var r = direction == .above ? t - 1 : t + 1
        while r >= 0 && r < table.rows.count && out.count < StructureParser.maxWindow {
            if alive[r] && roles[r] != .breakdown { out.append(r) }
            r += direction == .above ? -1 : 1
        }
        return out
    }

    func acceptable(_ c: Candidate) -> Bool {
        let role = roles[c.total]
        switch role {
        case .strongTotal, .exclusionTotal, .weakTotal:
            if c.fit.isFull {
                // A single item only counts when it says something (not 0 = 0), and for a weak word in more
                // than one column: a row equal to the row above is no evidence of a total on its own.
                if c.items.count > 1 { return true }
                return c.fit.informativeSingle && (role != .weakTotal || c.fit.matched >= 2)
            }
            return c.fit.matched >= 1 && c.fit.failed >= 1 && c.fit.matched >= c.fit.failed
        case .plain:
            return c.fit.isFull && c.items.count >= 2 && c.fit.informative && (c.fit.matched >= 2 || styled[c.total])
        case .breakdown:
            return false
        }
    }

    /// Better first: adds up everywhere, in more columns, fewer failures, above (for a total word), fewer
    /// subtracted items, fewer rows.
    static func better(_ a: Candidate, _ b: Candidate, keyword: Bool) -> Bool {
        if a.isFull != b.isFull { return a.isFull }
        if a.fit.matched != b.fit.matched { return a.fit.matched > b.fit.matched }
        if a.fit.failed != b.fit.failed { return a.fit.failed < b.fit.failed }
        if keyword && a.direction != b.direction { return a.direction == .above }
        if a.minus != b.minus { return a.minus < b.minus }
        if a.span != b.span { return a.span < b.span }
        return a.direction.rawValue < b.direction.rawValue
    }

    func bestCandidate(for t: Int) -> Candidate? {
        let role = roles[t]
        guard role != .breakdown, !(role == .plain && forbidden.contains(t)) else { return nil }
        let keyword = role.isKeywordTotal
        let signed = role == .weakTotal && LabelWords.isResultLike(labels[t])
        var best: Candidate?
        func consider(_ c: Candidate) {
            guard acceptable(c) else { return }
            if let b = best, !StructureParser.better(c, b, keyword: keyword) { return }
            best = c
        }
        for direction in [Direction.above, .below] {
            let near = neighbours(of: t, direction)
            var running = RunningSum(grid: grid, total: t)
            var items: [Int] = []
            var leafSpan = 1
            for e in near {
                items.append(e)
                running.add(e)
                leafSpan += span[e]
                if items.count == 1 && !keyword { continue }
                let plus = Array(repeating: 1, count: items.count)
                let fit = running.fit(informativeItems: items.count == 1 ? 1 : 2)
                consider(Candidate(total: t, items: items, signs: plus, fit: fit, direction: direction, span: leafSpan, minus: 0))
                if signed && items.count <= StructureParser.maxSignedWindow {
                    let flippable = items.indices.filter { costLike[items[$0]] }
                    if !flippable.isEmpty {
                        for mask in 1..<(1 << flippable.count) {
                            var signs = plus
                            var minus = 0
                            for (bit, i) in flippable.enumerated() where mask & (1 << bit) != 0 {
                                signs[i] = -1
                                minus += 1
                            }
                            let f = grid.fit(total: t, items: items, signs: signs, informativeItems: 1)
                            consider(Candidate(total: t, items: items, signs: signs, fit: f, direction: direction, span: leafSpan, minus: minus))
                        }
                    }
                }
            }
        }
        if role == .exclusionTotal, let base = neighbours(of: t, .above).first, let baseLink = links[base] {
            for item in baseLink.items {
                let signs = [1, -item.sign]
                let fit = grid.fit(total: t, items: [base, item.row], signs: signs)
                consider(Candidate(total: t, items: [base, item.row], signs: signs, fit: fit, direction: .above, span: span[base] + 1, minus: 1))
            }
        }
        return best
    }

    // MARK: - Fallbacks (no run adds up in any column)

    /// What the layout says a `Summa` totals: the rows under its own heading (`Summa kortfristiga skulder` under
    /// `Kortfristiga skulder`), else the rows back to the previous total, else the subtotals just above it.
    func layoutFallback(for t: Int) -> Candidate? {
        if roles[t] == .exclusionTotal, let c = exclusionFallback(for: t) { return c }
        if let subject = LabelWords.totalSubject(labels[t]) {
            var r = t - 1
            var items: [Int] = []
            while r >= 0 {
                if isHeaderRow[r] && StructureParser.similar(labels[r], subject) {
                    if !items.isEmpty { return fallbackCandidate(t, items.reversed(), .above) }
                    break
                }
                if alive[r] && roles[r] != .breakdown { items.append(r) }
                if roles[r] == .strongTotal && links[r] == nil && alive[r] && r != t { break }
                r -= 1
            }
        }
        for direction in [Direction.above, .below] {
            let near = neighbours(of: t, direction)
            guard let first = near.first else { continue }
            let firstIsTotal = links[first] != nil
            var items: [Int] = []
            for e in near {
                let isTotal = links[e] != nil
                if isTotal != firstIsTotal { break }
                if !firstIsTotal && roles[e] == .strongTotal { break }
                items.append(e)
            }
            if !items.isEmpty { return fallbackCandidate(t, items, direction) }
        }
        return nil
    }

    /// A result is income minus costs: the two totals (or rows) above it, the cost subtracted unless printed
    /// negative already.
    func resultFallback(for t: Int) -> Candidate? {
        let near = neighbours(of: t, .above)
        guard near.count >= 2 else { return nil }
        let cost = near[0]
        guard costLike[cost] || LabelWords.isCostLike(labels[cost]) else { return nil }
        guard let income = near.dropFirst().first(where: { incomeLike[$0] || (links[$0] != nil && !costLike[$0]) })
        else { return nil }
        let signs = [1, grid.printedSign(cost) < 0 ? 1 : -1]
        var c = fallbackCandidate(t, [income, cost], .above, signs: signs)
        c?.minus = signs[1] < 0 ? 1 : 0
        return c
    }

    func exclusionFallback(for t: Int) -> Candidate? {
        guard let base = neighbours(of: t, .above).first, let baseLink = links[base] else { return nil }
        let excluded = labels[t].components(separatedBy: " ").drop { !$0.hasPrefix("exkl") && $0 != "utom" && $0 != "utan" }.dropFirst()
        let words = Set(excluded.filter { $0.count > 2 })
        let item = baseLink.items.max { a, b in
            Set(labels[a.row].components(separatedBy: " ")).intersection(words).count
                < Set(labels[b.row].components(separatedBy: " ")).intersection(words).count
        }
        guard let item else { return nil }
        return fallbackCandidate(t, [base, item.row], .above, signs: [1, -item.sign])
    }

    func fallbackCandidate(_ t: Int, _ items: [Int], _ direction: Direction, signs: [Int]? = nil) -> Candidate? {
        guard !items.isEmpty else { return nil }
        let s = signs ?? Array(repeating: 1, count: items.count)
        let fit = grid.fit(total: t, items: items, signs: s)
        var c = Candidate(
            total: t, items: items, signs: s, fit: fit, direction: direction,
            span: items.reduce(1) { $0 + span[$1] }, minus: s.filter { $0 < 0 }.count)
        c.fallback = true
        return c
    }

    static func similar(_ header: String, _ subject: String) -> Bool {
        if header.isEmpty { return false }
        return header == subject || subject.hasPrefix(header) || header.hasPrefix(subject)
    }

    // MARK: - Commit

    /// Extends a run over rows that are zero in every column and of the same level as its far end, so
    /// `Summa tillgångar` also lists an `Anläggningstillgångar 0` above the current assets.
    func extendedOverZeros(_ c: Candidate) -> Candidate {
        guard !c.fallback, c.direction == .above else { return c }
        var out = c
        let near = neighbours(of: c.total, .above)
        guard near.count > c.items.count, let far = c.items.last else { return c }
        let farIsTotal = links[far] != nil
        for e in near.dropFirst(c.items.count) {
            guard grid.isAllZero(e), (links[e] != nil) == farIsTotal, !unresolvedTotal(e) else { break }
            out.items.append(e)
            out.signs.append(1)
            out.span += span[e]
        }
        return out
    }

    /// A row with a total word whose own items are not known yet.
    func unresolvedTotal(_ r: Int) -> Bool {
        roles[r].isKeywordTotal && links[r] == nil && alive[r]
    }

    mutating func commit(_ c: Candidate) {
        let c = extendedOverZeros(c)
        if c.fallback { fallbacks.insert(c.total) }
        var pairs = zip(c.items, c.signs).map { SignedRow(row: $0.0, sign: $0.1) }
        pairs.sort { $0.row < $1.row }
        links[c.total] = TotalLink(total: c.total, items: pairs)
        order.append(c.total)
        span[c.total] = c.span
        for item in c.items { alive[item] = false }
    }

    mutating func parse() {
        while true {
            var best: [Int: Candidate] = [:]
            for t in table.rows.indices where alive[t] && links[t] == nil {
                var c = bestCandidate(for: t)
                if c == nil, roles[t] == .strongTotal, let zero = layoutFallback(for: t), zero.fit.failed == 0 {
                    // `Summa anläggningstillgångar 0` under its heading: nothing to prove, nothing wrong.
                    c = zero
                }
                if let c { best[t] = c }
            }
            /// How likely an item is to be a total still waiting for its own items: 2 for a `Summa` or a row
            /// whose run above adds up, 1 for one with some other candidate, 0 for an item.
            func pending(_ r: Int) -> Int {
                guard links[r] == nil && alive[r] else { return 0 }
                if roles[r] == .strongTotal || roles[r] == .exclusionTotal { return 2 }
                guard let c = best[r] else { return 0 }
                return c.direction == .above && c.isFull ? 2 : 1
            }
            // A row that may itself be a total takes its items before a larger total takes it (`Årets
            // kassaflöde` before `Likvida medel vid årets slut`).
            var chosen: Candidate?
            var chosenKey = (Int.max, Int.max, Int.max, Int.max, Int.max, Int.max)
            for (t, c) in best {
                let keyword = roles[t].isKeywordTotal
                let key = (
                    c.isFull ? 0 : 1, c.items.map(pending).max() ?? 0,
                    keyword && c.direction == .below ? 1 : 0, c.span, keyword ? 0 : 1, t
                )
                if key < chosenKey {
                    chosen = c
                    chosenKey = key
                }
            }
            if let c = chosen {
                commit(c)
                continue
            }
            var fell: Candidate?
            for t in table.rows.indices where alive[t] && links[t] == nil {
                switch roles[t] {
                case .strongTotal, .exclusionTotal: fell = layoutFallback(for: t)
                case .weakTotal where LabelWords.isBottomLine(labels[t]): fell = resultFallback(for: t)
                default: fell = nil
                }
                if fell != nil { break }
            }
            guard let f = fell else { break }
            commit(f)
        }
    }

    /// Columns where a linked total disagrees with its items; a fallback, or a `Summa` left without items,
    /// counts as failing everywhere.
    func failures() -> Int {
        let everywhere = max(1, grid.columns.count)
        var n = 0
        for link in links.values {
            if fallbacks.contains(link.total) { n += everywhere; continue }
            n += grid.fit(total: link.total, items: link.items.map(\.row), signs: link.items.map(\.sign)).failed
        }
        for r in table.rows.indices where isValueRow[r] && links[r] == nil && roles[r] == .strongTotal { n += everywhere }
        return n
    }

    var plainTotals: [Int] { order.filter { roles[$0] == .plain } }

    /// Parses, and when some total then fails to add up, tries again without the totals inferred from figures
    /// alone (no total word): a coincidence, such as a region's contribution equal to its municipalities'
    /// together, must not break the `Summa` below it. Those that do no harm are then let back in one by one.
    mutating func run() -> [TotalLink] {
        let fresh = self
        parse()
        let failing = failures()
        guard failing > 0, !plainTotals.isEmpty else { return sortedLinks }
        func attempt(_ forbidden: Set<Int>) -> StructureParser {
            var p = fresh
            p.forbidden = forbidden
            p.parse()
            return p
        }
        var forbidden = Set(plainTotals)
        var best = attempt(forbidden)
        while !best.plainTotals.isEmpty && forbidden.count < table.rows.count {
            forbidden.formUnion(best.plainTotals)
            best = attempt(forbidden)
        }
        var bestFailures = best.failures()
        guard bestFailures < failing else { return sortedLinks }
        for p in forbidden.sorted() {
            let trial = attempt(forbidden.subtracting([p]))
            let f = trial.failures()
            if f <= bestFailures && trial.plainTotals.allSatisfy({ !forbidden.subtracting([p]).contains($0) }) {
                forbidden.remove(p)
                best = trial
                bestFailures = f
            }
        }
        self = best
        return sortedLinks
    }

    var sortedLinks: [TotalLink] { links.values.sorted { $0.total < $1.total } }
}

extension SumFit {
    /// A single item that is not zero where the total is not zero: `Årets resultat = Resultat efter
    /// finansiella poster`, not `0 = 0`.
    var informativeSingle: Bool { informative }
}

/// Sums of a growing run of items, column by column, so each longer candidate costs one row, not a re-sum.
struct RunningSum {
    let grid: FigureGrid
    let total: Int
    var sum: [Int64]
    var tolerance: [Int64]
    var nonzero: [Int]
    var any: [Bool]

    init(grid: FigureGrid, total: Int) {
        self.grid = grid
        self.total = total
        let k = grid.columns.count
        sum = Array(repeating: 0, count: k)
        tolerance = Array(repeating: 0, count: k)
        nonzero = Array(repeating: 0, count: k)
        any = Array(repeating: false, count: k)
    }

    mutating func add(_ row: Int) {
        for k in 0..<grid.columns.count where grid.has(row, k) {
            let v = grid.value(row, k)
            sum[k] += v
            tolerance[k] += grid.width(row, k)
            if v != 0 { nonzero[k] += 1 }
            any[k] = true
        }
    }

    func fit(informativeItems: Int) -> SumFit {
        var fit = SumFit()
        for k in 0..<grid.columns.count where grid.has(total, k) {
            let t = grid.value(total, k)
            if !any[k] && t == 0 { continue }
            if abs(t - sum[k]) <= tolerance[k] + grid.width(total, k) {
                if t != 0 || nonzero[k] > 0 { fit.matched += 1 }
                if t != 0 && nonzero[k] >= informativeItems { fit.informative = true }
            } else {
                fit.failed += 1
            }
        }
        return fit
    }
}
