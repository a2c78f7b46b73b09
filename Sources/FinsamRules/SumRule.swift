import Foundation
import FinsamMapping
import FinsamModel

/// A figure in a table, by position: what a rule checked.
public struct CellRef: Hashable, Sendable, Comparable {
    public var table: Int
    public var row: Int
    public var column: Int

    public init(table: Int, row: Int, column: Int) {
        self.table = table
        self.row = row
        self.column = column
    }

    public static func < (a: CellRef, b: CellRef) -> Bool { (a.table, a.row, a.column) < (b.table, b.row, b.column) }
}

/// What a table rule found, and which figures it found consistent (the figures a changed digit in would be
/// caught by it).
struct RuleOutcome {
    var findings: [Finding] = []
    private(set) var covered: Set<CellRef> = []
    /// Whether `covered` is gathered: the batch asks for findings only, `checkTable` for both.
    let tracksCovered: Bool

    init(_ ctx: TableContext) { tracksCovered = ctx.tracksCovered }

    /// The cells are only worked out when they are gathered.
    mutating func cover<S: Sequence>(_ cells: @autoclosure () -> S) where S.Element == CellRef {
        if tracksCovered { covered.formUnion(cells()) }
    }

    mutating func merge(_ other: RuleOutcome) {
        findings += other.findings
        if tracksCovered { covered.formUnion(other.covered) }
    }
}

/// Every total the structure inference linked must equal its signed items, within rounding, in every
/// amount column (and in a difference column no column rule explains).
struct SumRule {
    static func check(_ ctx: TableContext, differenceColumnsCovered: Set<Int>, explanations: Explanations) -> RuleOutcome {
        var out = RuleOutcome(ctx)
        let columns = ctx.amountColumns + ctx.differenceColumns.filter { !differenceColumnsCovered.contains($0) }
        for link in ctx.table.totals {
            // Each column's comparison once: the amount columns' also say whether the row agrees anywhere.
            let comparisons = columns.map { consistency(ctx, link, $0) }
            let confirmed = ctx.amountColumns.indices.contains { i in comparisons[i].map { $0.0 != .inconsistent } ?? false }
            let amountCells = ctx.amountColumns.filter { ctx.isAmount(link.total, $0) }.count
            for (i, c) in columns.enumerated() {
                guard var (result, total, computed, tolerance, items) = comparisons[i] else { continue }
                if result == .inconsistent && ctx.differenceColumns.contains(c) && link.items.contains(where: { $0.sign < 0 }) {
                    // A difference column printed favourable-positive adds a result's differences up, even
                    // where the amounts subtract costs from income.
                    let plus = TotalLink(total: link.total, items: link.items.map { SignedRow(row: $0.row, sign: 1) })
                    if let alt = consistency(ctx, plus, c), alt.0 != .inconsistent { (result, total, computed, tolerance, items) = alt }
                }
                func cells() -> [CellRef] {
                    [CellRef(table: ctx.tableIndex, row: link.total, column: c)] + items.map { CellRef(table: ctx.tableIndex, row: $0.row, column: c) }
                }
                switch result {
                case .exact:
                    out.cover(cells())
                case .rounding:
                    out.cover(cells())
                    out.findings.append(finding(ctx, link, c, total: total, computed: computed, severity: .info,
                                                note: Explanation(sv: "inom avrundning", en: "within rounding")))
                case .inconsistent:
                    let diff = total.value - computed
                    if !confirmed && amountCells >= 2 {
                        out.findings.append(finding(ctx, link, c, total: total, computed: computed, severity: .error,
                            note: Explanation(
                                sv: "raden stämmer inte i någon kolumn; posterna är de som står ovanför den enligt uppställningen",
                                en: "the row agrees in no column; the items are the rows laid out above it")))
                        continue
                    }
                    let label = LabelWords.normalised(ctx.rows[link.total].label)
                    if LabelWords.isResultLike(label) || link.items.contains(where: { $0.sign < 0 }),
                       let why = explanations.financialItems(
                           difference: diff, tolerance: tolerance, period: ctx.flowPeriod(c), scenario: ctx.table.columns[c].scenario)
                    {
                        out.findings.append(finding(ctx, link, c, total: total, computed: computed, severity: .warning, note: why))
                        continue
                    }
                    let hint = Explanations.sumHints(
                        difference: diff, tolerance: tolerance, items: items.map { (ctx.line($0.row), $0.figure.value) },
                        total: total.value, computed: computed, decimals: total.decimals)
                    out.findings.append(finding(ctx, link, c, total: total, computed: computed, severity: .error, note: hint))
                }
            }
        }
        return out
    }

    typealias Item = (row: Int, sign: Int, figure: Figure)

    /// The comparison of a total with its items in one column; nil when the column says nothing (no total, or
    /// no item and a zero total).
    static func consistency(_ ctx: TableContext, _ link: TotalLink, _ c: Int) -> (Consistency, Figure, Decimal, Decimal, [Item])? {
        // Most totals add up exactly: decided in fixed point first, and where the covered figures are not
        // gathered, without listing the items.
        if !ctx.tracksCovered, case let .figure(fixedTotal, _) = ctx.fixedFigure(link.total, c) {
            var sum: Int128 = 0, any = false, fits = true
            for s in link.items {
                switch ctx.fixedFigure(s.row, c) {
                case .absent: continue
                case .unfit: fits = false
                case let .figure(v, _):
                    sum += s.sign < 0 ? -v : v
                    any = true
                }
                if !fits { break }
            }
            if fits && any && sum == fixedTotal {
                let total = ctx.figure(link.total, c)!
                return (.exact, total, total.value, 0, [])
            }
        }
        guard let total = ctx.figure(link.total, c) else { return nil }
        let items: [Item] = link.items.compactMap { s in ctx.figure(s.row, c).map { (s.row, s.sign, $0) } }
        // A total with a figure where none of its items has one says nothing checkable, unless it is not zero
        // and the same rows add up to it in another column.
        if items.isEmpty {
            let elsewhere = ctx.amountColumns.contains { other in
                other != c && ctx.figure(link.total, other) != nil && link.items.contains { ctx.figure($0.row, other) != nil }
            }
            guard total.value != 0, elsewhere else { return nil }
            return (.inconsistent, total, 0, total.interval.width / 2, [])
        }
        // Most totals add up exactly: decided in fixed point, the Decimal figures only for a message.
        if fixedSumEqualsTotal(ctx, link, c, items) { return (.exact, total, total.value, 0, items) }
        let computed = items.reduce(Decimal(0)) { $0 + ($1.sign < 0 ? -$1.figure.value : $1.figure.value) }
        var interval = Interval.exactly(0)
        for i in items { interval = interval + (i.sign < 0 ? -i.figure.interval : i.figure.interval) }
        let tolerance = (interval.width + total.interval.width) / 2
        let result: Consistency = computed == total.value ? .exact : (interval.overlaps(total.interval) ? .rounding : .inconsistent)
        return (result, total, computed, tolerance, items)
    }

    /// Whether the signed items add up to the total exactly; false also where a figure does not fit fixed point.
    static func fixedSumEqualsTotal(_ ctx: TableContext, _ link: TotalLink, _ c: Int, _ items: [Item]) -> Bool {
        guard case let .figure(total, _) = ctx.fixedFigure(link.total, c) else { return false }
        var sum: Int128 = 0
        for item in items {
            guard case let .figure(v, _) = ctx.fixedFigure(item.row, c) else { return false }
            sum += item.sign < 0 ? -v : v
        }
        return sum == total
    }

    static func finding(_ ctx: TableContext, _ link: TotalLink, _ c: Int, total: Figure, computed: Decimal, severity: Severity, note: Explanation?) -> Finding {
        let scale = ctx.scale(c)
        let label = ctx.label(link.total)
        let diff = total.value - computed
        let signed = link.items.contains { $0.sign < 0 }
        let svItems: String, enItems: String
        if signed {
            let terms = link.items.enumerated().map { i, s -> String in
                let op = s.sign < 0 ? (i == 0 ? "−" : " − ") : (i == 0 ? "" : " + ")
                return "\(op)rad \(ctx.line(s.row))"
            }.joined()
            svItems = "\(terms) ger"
            enItems = terms.replacingOccurrences(of: "rad", with: "line") + " gives"
        } else {
            svItems = "posterna \(ctx.itemLines(link)) summerar till"
            enItems = "the items on \(ctx.itemLines(link, english: true)) sum to"
        }
        var sv = "\(label) (rad \(ctx.line(link.total))) är \(Format.amount(total.value, scale: scale)) men \(svItems) \(Format.amount(computed, scale: scale)) (differens \(Format.amount(diff, scale: scale)))\(ctx.columnPhrase(c))"
        var en = "\(label) (line \(ctx.line(link.total))) is \(Format.amount(total.value, scale: scale)) but \(enItems) \(Format.amount(computed, scale: scale)) (difference \(Format.amount(diff, scale: scale)))\(ctx.columnPhrase(c, english: true))"
        if let note {
            sv += severity == .info ? ", \(note.sv)" : "; \(note.sv)"
            en += severity == .info ? ", \(note.en)" : "; \(note.en)"
        }
        let rule = signed && LabelWords.isResultLike(LabelWords.normalised(label)) ? "sum.result" : "sum.total"
        return Finding(
            rule: rule, severity: severity, message: sv, messageEN: en, expected: computed, actual: total.value,
            difference: diff,
            locations: [ctx.location(link.total, c)] + link.items.map { ctx.location($0.row, c) },
            documentSource: ctx.document.source)
    }
}
