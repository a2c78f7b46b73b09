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
    /// Result-like rows may subtract items; bottom lines may fall back to income minus costs.
    let resultLike: [Bool]
    let bottomLine: [Bool]
    /// Not a breakdown (`varav`): may be an item.
    let eligible: [Bool]
    let cashFlowTable: Bool
    /// Per row, whether its words name a cash flow (`kassaflöde`) and the period's (`årets`, `periodens`):
    /// read once, as every candidate of a cash-flow table asks them of its total and its rows.
    let flowWord: [Bool]
    let periodWord: [Bool]
    /// Buffers the candidate search reuses from one total to the next (see `SearchScratch`).
    let scratch: SearchScratch

    var alive: [Bool]
    /// Rows the repair pass found to be no total after all (a coincidence such as a region's contribution
    /// equal to its municipalities' together).
    var forbidden: Set<Int> = []
    var links: TotalLinks
    var fallbacks: Set<Int> = []
    var order: [Int] = []
    var span: [Int]

    /// Longest run of rows a candidate may have; tables are short, this only bounds pathological inputs.
    static let maxWindow = 80
    /// Result rows try signs on at most this many items.
    static let maxSignedWindow = 7
    /// Beyond this many rows (a ledger dump, a mangled extraction) only rows with a total word are tried as
    /// totals, so the search stays near linear.
    static let largeTable = 300

    init(table: Table) {
        self.init(table: table, facts: table.rows.indices.map { LabelFacts.of(table.rows[$0].label) })
    }

    /// `facts`: `LabelFacts.of` each row's label, in row order, looked up by a caller that needs them too.
    init(table: Table, facts: [LabelFacts]) {
        precondition(facts.count == table.rows.count)
        self.table = table
        let grid = FigureGrid(table)
        self.grid = grid
        let n = table.rows.count
        var labels: [String] = [], roles: [LabelRole] = [], isValueRow: [Bool] = [], isHeaderRow: [Bool] = [], styled: [Bool] = []
        var cost: [Bool] = [], income: [Bool] = [], resultLike: [Bool] = [], bottomLine: [Bool] = [], eligible: [Bool] = []
        var flowWord: [Bool] = [], periodWord: [Bool] = []
        labels.reserveCapacity(n)
        roles.reserveCapacity(n)
        isValueRow.reserveCapacity(n)
        isHeaderRow.reserveCapacity(n)
        styled.reserveCapacity(n)
        cost.reserveCapacity(n)
        income.reserveCapacity(n)
        resultLike.reserveCapacity(n)
        bottomLine.reserveCapacity(n)
        eligible.reserveCapacity(n)
        flowWord.reserveCapacity(n)
        periodWord.reserveCapacity(n)
        // One pass by index, each label's facts looked up once: a row is read field by field, never copied.
        for r in table.rows.indices {
            let f = facts[r]
            labels.append(f.words)
            roles.append(f.role)
            isValueRow.append(grid.hasAny(r))
            isHeaderRow.append(table.rows[r].cells.allSatisfy { $0 == nil })
            styled.append(!table.rows[r].style.isDisjoint(with: [.bold, .italic, .underline, .uppercase]))
            cost.append(f.costLike)
            income.append(f.incomeLike)
            resultLike.append(f.resultLike)
            bottomLine.append(f.bottomLine)
            eligible.append(f.role != .breakdown)
            flowWord.append(f.namesCashFlow)
            periodWord.append(f.namesPeriod)
        }
        self.labels = labels
        self.roles = roles
        self.isValueRow = isValueRow
        self.isHeaderRow = isHeaderRow
        self.styled = styled
        self.resultLike = resultLike
        self.bottomLine = bottomLine
        self.eligible = eligible
        self.flowWord = flowWord
        self.periodWord = periodWord
        alive = isValueRow
        span = Array(repeating: 1, count: n)
        links = TotalLinks(rows: n)
        let title = TitleFacts.of(table.title)
        (costLike, incomeLike) = StructureParser.kinds(
            titleIsCostLike: title.costLike, isHeader: isHeaderRow, roles: roles, cost: cost, income: income, result: resultLike)
        cashFlowTable = table.kind == .kassaflodesanalys || title.namesCashFlow
        scratch = SearchScratch(width: grid.columns.count)
    }

    /// Cost or income by the row's own words, else by the headers of its section: the header rows between
    /// it and the previous `Summa` (an `Utgifter/Kostnader` header makes the rows under it costs).
    static func kinds(table: Table, labels: [String], roles: [LabelRole]) -> ([Bool], [Bool]) {
        kinds(
            title: table.title, isHeader: table.rows.map(\.isHeader), roles: roles, cost: labels.map(LabelWords.isCostLike),
            income: labels.map(LabelWords.isIncomeLike), result: labels.map(LabelWords.isResultLike))
    }

    /// `kinds` from each label's words already read: `cost`, `income`, `result` are `LabelWords.isCostLike`,
    /// `isIncomeLike`, `isResultLike` of the normalised labels.
    static func kinds(title: String, isHeader: [Bool], roles: [LabelRole], cost costWords: [Bool], income incomeWords: [Bool], result resultWords: [Bool]) -> ([Bool], [Bool]) {
        kinds(
            titleIsCostLike: LabelWords.isCostLike(LabelWords.normalised(title)), isHeader: isHeader, roles: roles, cost: costWords,
            income: incomeWords, result: resultWords)
    }

    /// `kinds` with the title's words already read: `titleIsCostLike` is `LabelWords.isCostLike` of them.
    static func kinds(titleIsCostLike: Bool, isHeader: [Bool], roles: [LabelRole], cost costWords: [Bool], income incomeWords: [Bool], result resultWords: [Bool]) -> ([Bool], [Bool]) {
        var cost = Array(repeating: false, count: isHeader.count)
        var income = Array(repeating: false, count: isHeader.count)
        var sectionCost = titleIsCostLike
        var sectionIncome = false
        for r in isHeader.indices {
            if isHeader[r] {
                if costWords[r] { sectionCost = true; sectionIncome = false }
                else if incomeWords[r] { sectionIncome = true; sectionCost = false }
                continue
            }
            if costWords[r] { cost[r] = true }
            else if incomeWords[r] { income[r] = true }
            else if !resultWords[r] {
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
        out.reserveCapacity(16)
        neighbours(of: t, direction, into: &out)
        return out
    }

    /// `!neighbours(of: t, direction).isEmpty`, without listing them.
    func hasNeighbour(of t: Int, _ direction: Direction) -> Bool {
        let step = direction == .above ? -1 : 1
        var r = t + step
        while r >= 0 && r < alive.count {
            if alive[r] && eligible[r] { return true }
            r += step
        }
        return false
    }

    /// `neighbours(of:_:)` written to raw memory `out` (room for `maxWindow` rows); returns how many.
    /// (Named apart from `neighbours(of:_:into:)`: an array passed `&out` would convert to a pointer.)
    func neighbourRows(of t: Int, _ direction: Direction, into out: UnsafeMutablePointer<Int>) -> Int {
        let step = direction == .above ? -1 : 1
        let n = alive.count
        var count = 0
        alive.withUnsafeBufferPointer { alive in
            eligible.withUnsafeBufferPointer { eligible in
                var r = t + step
                while r >= 0 && r < n && count < StructureParser.maxWindow {
                    if alive[r] && eligible[r] {
                        out[count] = r
                        count += 1
                    }
                    r += step
                }
            }
        }
        return count
    }

    /// `neighbours(of:_:)` written over `out`, which keeps its capacity.
    func neighbours(of t: Int, _ direction: Direction, into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        let step = direction == .above ? -1 : 1
        let n = alive.count
        alive.withUnsafeBufferPointer { alive in
            eligible.withUnsafeBufferPointer { eligible in
                var r = t + step
                while r >= 0 && r < n && out.count < StructureParser.maxWindow {
                    if alive[r] && eligible[r] { out.append(r) }
                    r += step
                }
            }
        }
    }

    func acceptable(_ c: Candidate) -> Bool {
        acceptable(role: roles[c.total], total: c.total, length: c.items.count, fit: c.fit)
    }

    func acceptable(role: LabelRole, total: Int, length: Int, fit: SumFit) -> Bool {
        switch role {
        case .strongTotal, .exclusionTotal, .weakTotal:
            if fit.isFull {
                // A single item only counts when it says something (not 0 = 0), and for a weak word in more
                // than one column: a row equal to the row above is no evidence of a total on its own.
                if length > 1 { return true }
                return fit.informativeSingle && (role != .weakTotal || fit.matched >= 2)
            }
            return fit.matched >= 1 && fit.failed >= 1 && fit.matched >= fit.failed
        case .plain:
            guard length >= 2 && fit.informative && fit.large else { return false }
            if fit.isFull { return fit.matched >= 2 || styled[total] }
            // Without a total word, only a clear majority of the columns makes a total that is off in one.
            return fit.matched >= 2 && fit.matched > fit.failed
        case .breakdown:
            return false
        }
    }

    /// Better first: adds up everywhere, in more columns, fewer failures, above (for a total word), fewer
    /// subtracted items, fewer rows.
    static func better(_ a: Candidate, _ b: Candidate, keyword: Bool) -> Bool {
        if keyword && a.direction != b.direction { return a.direction == .above }
        if a.isFull != b.isFull { return a.isFull }
        if a.fit.matched != b.fit.matched { return a.fit.matched > b.fit.matched }
        if a.fit.failed != b.fit.failed { return a.fit.failed < b.fit.failed }
        if a.fit.deviation != b.fit.deviation { return a.fit.deviation < b.fit.deviation }
        if keyword && a.direction != b.direction { return a.direction == .above }
        if a.minus != b.minus { return a.minus < b.minus }
        if a.span != b.span { return a.span < b.span }
        return a.direction.rawValue < b.direction.rawValue
    }

    /// A candidate before its rows are listed: the search weighs many and keeps one.
    struct Probe {
        var fit: SumFit
        var direction: Direction
        var length: Int
        /// Bit i set: the i-th nearest row is subtracted.
        var minusMask: UInt64
        var minus: Int
        var span: Int
    }

    func acceptable(_ p: Probe, total t: Int) -> Bool {
        acceptable(role: roles[t], total: t, length: p.length, fit: p.fit)
    }

    /// Better first. A total word prefers the rows above it, when they add up at all: below it, income
    /// always equals costs plus the result, which says nothing about what the word totals.
    static func better(_ a: Probe, _ b: Probe, keyword: Bool) -> Bool {
        let da = a.direction.rawValue, db = b.direction.rawValue
        if keyword && da != db { return da < db }
        if a.fit.isFull != b.fit.isFull { return a.fit.isFull }
        if a.fit.matched != b.fit.matched { return a.fit.matched > b.fit.matched }
        if a.fit.failed != b.fit.failed { return a.fit.failed < b.fit.failed }
        if a.fit.deviation != b.fit.deviation { return a.fit.deviation < b.fit.deviation }
        if a.minus != b.minus { return a.minus < b.minus }
        if a.span != b.span { return a.span < b.span }
        return da < db
    }

    func bestCandidate(for t: Int) -> Candidate? {
        let role = roles[t]
        guard role != .breakdown, !(role == .plain && (forbidden.contains(t) || table.rows.count > StructureParser.largeTable)) else { return nil }
        // `Årets kassaflöde` adds the `Kassaflöde från …` rows and nothing else, however the rows above it
        // happen to add up (changes in receivables and liabilities often cancel).
        let periodCashFlow = cashFlowTable && flowWord[t] && periodWord[t]
        if role == .plain && !periodCashFlow && !mayProvePlainTotal(t) { return nil }
        let keyword = role.isKeywordTotal
        let signed = role == .weakTotal && resultLike[t]
        var best: Probe?
        func consider(_ p: Probe) {
            guard acceptable(p, total: t) || (periodCashFlow && p.fit.isFull) else { return }
            if let b = best, !StructureParser.better(p, b, keyword: keyword) { return }
            best = p
        }
        // The rows of a run and the places of its cost rows, in the scratch's raw memory (at most `maxWindow`
        // each): arrays there were taken and handed back per call, and emptied per direction, at a
        // generic `replaceSubrange` and an exclusivity check each.
        let near = scratch.near, flippable = scratch.flippable
        for direction in [Direction.above, .below] {
            let above = direction.rawValue == 0
            if periodCashFlow && !above { continue }
            // A total word prefers any run above that is acceptable to every run below (`better`): once one is
            // found, none below can replace it, so they are not summed.
            if keyword && !above && best != nil { continue }
            let count = candidateRows(of: t, direction, periodCashFlow: periodCashFlow, into: near)
            var running = RunningSum(grid: grid, total: t, scratch: scratch.sums)
            var leafSpan = 1
            var flippableCount = 0
            for i in 0..<count {
                let e = near[i]
                running.add(e)
                leafSpan += span[e]
                if costLike[e] {
                    flippable[flippableCount] = i
                    flippableCount += 1
                }
                let length = i + 1
                // A row equal to the single row under it is restated there (`Årets resultat` under
                // `Resultat efter finansiella poster`): the lower one is the total, not this one.
                if length == 1 && (!keyword || !above) && !periodCashFlow { continue }
                let fit = running.fit(informativeItems: length == 1 ? 1 : 2)
                consider(Probe(fit: fit, direction: direction, length: length, minusMask: 0, minus: 0, span: leafSpan))
                guard signed && length <= StructureParser.maxSignedWindow && flippableCount > 0 else { continue }
                // One or two subtracted rows: costs, or costs and depreciation, from income. Each sum is the
                // running one with those rows taken twice off (`RunningSum.fit(subtracting:_:)`).
                for a in 0..<flippableCount {
                    for b in a..<flippableCount {
                        // b == a: the a-th cost row alone; b > a: it and the b-th.
                        var minusMask: UInt64 = 1 << UInt64(flippable[a])
                        if b > a { minusMask |= 1 << UInt64(flippable[b]) }
                        let f = running.fit(subtracting: near[flippable[a]], b > a ? near[flippable[b]] : nil)
                        consider(Probe(fit: f, direction: direction, length: length, minusMask: minusMask, minus: minusMask.nonzeroBitCount, span: leafSpan))
                    }
                }
            }
        }
        var chosen: Candidate?
        if let p = best {
            _ = candidateRows(of: t, p.direction, periodCashFlow: periodCashFlow, into: near)
            let items = Array(UnsafeBufferPointer(start: near, count: p.length))
            let signs = items.indices.map { p.minusMask & (1 << UInt64($0)) != 0 ? -1 : 1 }
            chosen = Candidate(total: t, items: items, signs: signs, fit: p.fit, direction: p.direction, span: p.span, minus: p.minus)
        }
        if role == .exclusionTotal, let base = neighbours(of: t, .above).first, let baseLink = links[base] {
            for item in baseLink.items {
                let signs = [1, -item.sign]
                let fit = grid.fit(total: t, items: [base, item.row], signs: signs)
                let c = Candidate(total: t, items: [base, item.row], signs: signs, fit: fit, direction: .above, span: span[base] + 1, minus: 1)
                guard acceptable(c) else { continue }
                if let b = chosen, !StructureParser.better(c, b, keyword: true) { continue }
                chosen = c
            }
        }
        return chosen
    }

    /// Whether a row without a total word could pass `acceptable` with any run: that needs a matching
    /// column where its own figure is large (`SumFit.large` reads only the total's figure and width) and,
    /// unless the row is styled, two matching columns, so two columns with a figure. Rows that cannot are
    /// not searched (most small figures: counts, notes in thousands).
    func mayProvePlainTotal(_ t: Int) -> Bool {
        var present = 0
        var large = false
        for k in 0..<grid.columns.count where grid.has(t, k) {
            present += 1
            if abs(grid.value(t, k)) >= 200 * max(1, grid.width(t, k)) { large = true }
        }
        return large && (present >= 2 || styled[t])
    }

    /// The rows a candidate for `t` runs over in `direction`, nearest first: for `Årets kassaflöde`, only the
    /// `Kassaflöde från …` rows next to it.
    /// Written to `near` (room for `maxWindow` rows); returns how many.
    func candidateRows(of t: Int, _ direction: Direction, periodCashFlow: Bool, into near: UnsafeMutablePointer<Int>) -> Int {
        let count = neighbourRows(of: t, direction, into: near)
        guard periodCashFlow else { return count }
        for i in 0..<count where !flowWord[near[i]] { return i }
        return count
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

    /// A cash-flow statement's subtotals have a fixed shape: `Kassaflöde från …` totals the rows back to the
    /// previous subtotal, `Årets kassaflöde` the `Kassaflöde från …` rows, and cash at the end is cash at the
    /// start plus the period's cash flow.
    func cashFallback(for t: Int) -> Candidate? {
        let l = labels[t]
        let near = neighbours(of: t, .above)
        if TextSearch.contains(l, "likvida medel") && TextSearch.contains(l, "slut") {
            guard let start = near.first(where: { TextSearch.contains(labels[$0], "likvida medel") && (TextSearch.contains(labels[$0], "början") || TextSearch.contains(labels[$0], "ingående")) }),
                  let flow = near.first(where: { flowWord[$0] && periodWord[$0] })
            else { return nil }
            return fallbackCandidate(t, [flow, start].sorted(by: >), .above)
        }
        guard TextSearch.contains(l, "kassaflöde") || TextSearch.contains(l, "medel från verksamheten") else { return nil }
        if TextSearch.contains(l, "årets") || TextSearch.contains(l, "periodens") {
            let flows = near.prefix { flowWord[$0] }
            return flows.isEmpty ? nil : fallbackCandidate(t, Array(flows), .above)
        }
        let items = near.prefix { links[$0] == nil && !(roles[$0].isKeywordTotal && flowWord[$0]) }
        return items.isEmpty ? nil : fallbackCandidate(t, Array(items), .above)
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
            // Each row's candidate as its place in `found` (-1: none): a plain integer per row, where an
            // array of optional candidates cost a generic copy per row to set up and a release to tear down.
            var found: [Candidate] = []
            var place = [Int32](repeating: -1, count: table.rows.count)
            for t in table.rows.indices where alive[t] && links[t] == nil {
                var c = bestCandidate(for: t)
                if c == nil, roles[t] == .strongTotal, let zero = layoutFallback(for: t), zero.fit.failed == 0 {
                    // `Summa anläggningstillgångar 0` under its heading: nothing to prove, nothing wrong.
                    c = zero
                }
                if let c {
                    place[t] = Int32(found.count)
                    found.append(c)
                }
            }
            /// How likely an item is to be a total still waiting for its own items: 2 for a `Summa` or a row
            /// whose run above adds up, 1 for one with some other candidate, 0 for an item.
            func pending(_ r: Int) -> Int {
                guard links[r] == nil && alive[r] else { return 0 }
                if roles[r] == .strongTotal || roles[r] == .exclusionTotal { return 2 }
                guard place[r] >= 0 else { return 0 }
                let c = found[Int(place[r])]
                return c.direction == .above ? 2 : 1
            }
            // A row that may itself be a total takes its items before a larger total takes it (`Årets
            // kassaflöde` before `Likvida medel vid årets slut`), even where the larger total adds up and
            // the smaller one only partly: its printed figure is what the larger one adds.
            var ranked: [(key: (Int, Int, Int, Int, Int, Int), candidate: Candidate)] = []
            ranked.reserveCapacity(found.count)
            // Keys end in the row, so the sort below orders them the same whatever order they are listed in.
            for c in found {
                let t = c.total
                let keyword = roles[t].isKeywordTotal
                let waiting = c.items.map(pending).max() ?? 0
                let key = (
                    waiting >= 2 ? 1 : 0, c.isFull ? 0 : 1, waiting, keyword && c.direction == .below ? 1 : 0, c.span * 2 + (keyword ? 0 : 1), t
                )
                ranked.append((key, c))
            }
            ranked.sort { $0.key < $1.key }
            if let (chosenKey, c) = ranked.first {
                // A `Summa` among the items that nothing adds up to yet takes its rows by layout first, so
                // the larger total does not swallow it unchecked.
                if let s = c.items.first(where: { item in
                    // The cheap tests first; all are pure, so their order changes no answer.
                    links[item] == nil && (roles[item] == .strongTotal || roles[item] == .exclusionTotal || roles[item] == .weakTotal)
                        && (place[item] < 0 || found[Int(place[item])].direction == .below) && hasNeighbour(of: item, .above)
                        && (roles[item] == .strongTotal || roles[item] == .exclusionTotal
                            || (chosenKey.0 == 0 && roles[item] == .weakTotal && cashFlowTable && cashFallback(for: item) != nil))
                }),
                   let f = roles[s] == .weakTotal ? cashFallback(for: s) : layoutFallback(for: s)
                {
                    commit(f)
                    continue
                }
                // A total that adds up only partly but lies inside the first one's run goes first: inner
                // totals before outer, so the outer one sees it (a header row carrying its section's total
                // that is off in one column).
                if c.isFull, let inner = ranked.dropFirst().first(where: { !$0.candidate.isFull && $0.key.0 == 0
                    && !Set($0.candidate.items).isDisjoint(with: c.items) && $0.candidate.span < c.span }) {
                    commit(inner.candidate)
                    continue
                }
                // Besides the first, every other total that adds up fully, waits for nothing and shares no row
                // with those taken: they do not affect each other, so one pass takes them all.
                var used = Set(c.items + [c.total])
                var take = [c]
                for (key, other) in ranked.dropFirst() where key.0 == 0 && key.1 == 0 && key.2 == 0 {
                    let rows = other.items + [other.total]
                    if rows.contains(where: used.contains) { continue }
                    // Nor may one lie inside the other's run.
                    let lo = rows.min()!, hi = rows.max()!
                    if take.contains(where: { t in let r = t.items + [t.total]; return r.min()! <= hi && lo <= r.max()! }) { continue }
                    used.formUnion(rows)
                    take.append(other)
                }
                for t in take { commit(t) }
                continue
            }
            var fell: Candidate?
            for t in table.rows.indices where alive[t] && links[t] == nil {
                switch roles[t] {
                case .strongTotal, .exclusionTotal: fell = layoutFallback(for: t)
                case .weakTotal where bottomLine[t]: fell = resultFallback(for: t)
                case .weakTotal where cashFlowTable: fell = cashFallback(for: t)
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
        for link in links.inRowOrder {
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
        // Only the search's state changes in a parse: kept as it was, rather than a copy of the whole parser,
        // which most tables (nothing failing) never need.
        let entry = (alive: alive, forbidden: forbidden, links: links, fallbacks: fallbacks, order: order, span: span)
        parse()
        let failing = failures()
        guard failing > 0, !plainTotals.isEmpty else { return sortedLinks }
        var fresh = self
        fresh.alive = entry.alive
        fresh.forbidden = entry.forbidden
        fresh.links = entry.links
        fresh.fallbacks = entry.fallbacks
        fresh.order = entry.order
        fresh.span = entry.span
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

    var sortedLinks: [TotalLink] { links.inRowOrder }
}

extension SumFit {
    /// A single item that is not zero where the total is not zero: `Årets resultat = Resultat efter
    /// finansiella poster`, not `0 = 0`.
    var informativeSingle: Bool { informative }
}

/// Sums of a growing run of items, column by column, so each longer candidate costs one row, not a re-sum.
/// Kept in raw memory: the search adds rows millions of times in a test run, and unoptimised builds pay for
/// every array access. Holds only pointers (into the grid's storage and a scratch buffer, both kept alive by
/// the parser that makes it), so making one per candidate run retains and allocates nothing.
struct RunningSum {
    let width: Int
    let total: Int
    let values: UnsafeMutablePointer<Int64>
    let widths: UnsafeMutablePointer<Int64>
    let present: UnsafeMutablePointer<Bool>
    /// `sum`, `tolerance`, `nonzero`, `any` side by side, `width` each.
    let s: UnsafeMutablePointer<Int64>

    /// Over `scratch` (at least `4 × grid.columns.count` long), zeroed here.
    init(grid: FigureGrid, total: Int, scratch: ScratchBuffer) {
        self.total = total
        width = grid.columns.count
        values = grid.storage.doubled
        widths = grid.storage.halfWidth
        present = grid.storage.present
        precondition(scratch.count >= 4 * width)
        s = scratch.pointer
        s.update(repeating: 0, count: 4 * width)
    }

    // Forced inline (here and the two fits): they run per row and per probe of the search, and left to the
    // optimiser `fit` became a call of its own.
    @inline(__always)
    mutating func add(_ row: Int) {
        let base = row * width
        for k in 0..<width where present[base + k] {
            let v = values[base + k]
            s[k] += v
            s[width + k] += widths[base + k]
            if v != 0 { s[2 * width + k] += 1 }
            s[3 * width + k] = 1
        }
    }

    /// `grid.fit(total:near:length:minusMask:)` for the rows added so far with `first` (and `second`) among
    /// them subtracted: their figures come off twice; the rounding widths, the nonzero counts and whether a
    /// column has any figure do not depend on the signs. A subtracted item counts as informative alone.
    @inline(__always)
    func fit(subtracting first: Int, _ second: Int?) -> SumFit {
        var fit = SumFit()
        let base = total * width
        let f = first * width, g = (second ?? 0) * width
        for k in 0..<width where present[base + k] {
            let t = values[base + k]
            var sum = s[k]
            if present[f + k] { sum -= 2 * values[f + k] }
            if second != nil && present[g + k] { sum -= 2 * values[g + k] }
            let nonzero = s[2 * width + k]
            if s[3 * width + k] == 0 && t == 0 { continue }
            if abs(t - sum) <= s[width + k] + widths[base + k] {
                if t != 0 || nonzero > 0 { fit.matched += 1 }
                if t != 0 && nonzero >= 1 { fit.informative = true }
                if abs(t) >= 200 * max(1, widths[base + k]) { fit.large = true }
            } else {
                fit.failed += 1
                fit.deviation += abs(t - sum)
            }
        }
        return fit
    }

    @inline(__always)
    func fit(informativeItems: Int) -> SumFit {
        var fit = SumFit()
        let base = total * width
        for k in 0..<width where present[base + k] {
            let t = values[base + k]
            let sum = s[k], nonzero = s[2 * width + k]
            if s[3 * width + k] == 0 && t == 0 { continue }
            if abs(t - sum) <= s[width + k] + widths[base + k] {
                if t != 0 || nonzero > 0 { fit.matched += 1 }
                if t != 0 && nonzero >= Int64(informativeItems) { fit.informative = true }
                if abs(t) >= 200 * max(1, widths[base + k]) { fit.large = true }
            } else {
                fit.failed += 1
                fit.deviation += abs(t - sum)
            }
        }
        return fit
    }
}

/// What one table's candidate search reuses between totals: the running sums and the row lists. Belongs to
/// one parser (and the copies it makes of itself), which runs on one thread.
final class SearchScratch {
    let sums: ScratchBuffer
    /// A run's rows, nearest first, and the places among them of its cost rows: `maxWindow` each.
    let near: UnsafeMutablePointer<Int>
    let flippable: UnsafeMutablePointer<Int>

    init(width: Int) {
        sums = ScratchBuffer(count: 4 * width)
        near = .allocate(capacity: StructureParser.maxWindow)
        flippable = .allocate(capacity: StructureParser.maxWindow)
        near.initialize(repeating: 0, count: StructureParser.maxWindow)
        flippable.initialize(repeating: 0, count: StructureParser.maxWindow)
    }

    deinit {
        near.deallocate()
        flippable.deallocate()
    }
}

/// Zeroed raw memory owned by a class, so a struct can carry it and it is freed once.
final class ScratchBuffer {
    let pointer: UnsafeMutablePointer<Int64>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(1, count))
        pointer.initialize(repeating: 0, count: max(1, count))
    }

    deinit { pointer.deallocate() }
}

/// The links found so far, by total row: the search asks of every row it passes whether it is a total, which a
/// dictionary answered by hashing the row. Each row holds the place of its link (-1: none) in a list.
struct TotalLinks {
    private var place: [Int32]
    private var list: [TotalLink] = []

    init(rows: Int) {
        place = Array(repeating: -1, count: rows)
    }

    subscript(row: Int) -> TotalLink? {
        get {
            let k = place[row]
            return k < 0 ? nil : list[Int(k)]
        }
        set {
            let k = place[row]
            guard let link = newValue else {
                // Not asked for by the search; kept exact: the row is no total, its old link is left unused.
                place[row] = -1
                return
            }
            if k >= 0 {
                list[Int(k)] = link
            } else {
                place[row] = Int32(list.count)
                list.append(link)
            }
        }
    }

    /// The links by their total's row, ascending.
    var inRowOrder: [TotalLink] {
        var out: [TotalLink] = []
        out.reserveCapacity(list.count)
        for k in place where k >= 0 { out.append(list[Int(k)]) }
        return out
    }
}
