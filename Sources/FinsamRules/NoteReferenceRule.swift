import Foundation
import FinsamMapping
import FinsamModel

/// A statement line that refers to a note (`Not 2`, `3,4`) equals what the note adds up to: one of its
/// totals, or all its rows together when it has no grand total. With several notes, one of them or all of
/// them together.
struct NoteReferenceRule {
    let concepts: [String: ConceptDefinition]

    /// `contexts`: one per table of the document, in order.
    func check(_ document: Document, contexts: [TableContext]) -> [Finding] {
        var out: [Finding] = []
        var notes: [String: [Int]] = [:]
        for (i, t) in document.tables.enumerated() {
            if let n = t.noteNumber { notes[n, default: []].append(i) }
        }
        guard !notes.isEmpty else { return out }
        var known = NoteFigures()
        for (ti, table) in document.tables.enumerated() where table.noteNumber == nil {
            let ctx = contexts[ti]
            for (r, row) in table.rows.enumerated() where !row.noteRefs.isEmpty {
                let refs = row.noteRefs.filter { notes[$0] != nil }
                guard !refs.isEmpty else { continue }
                for c in ctx.amountColumns {
                    guard let cell = ctx.amount(r, c) else { continue }
                    if let f = check(ctx, r, c, Figure(cell), refs, notes, contexts, &known) { out.append(f) }
                }
            }
        }
        return out
    }

    struct NoteFigure {
        var figure: Figure
        var interval: Interval
        var location: SourceLocation
    }

    /// Each note table's figures by column, worked out once per document: every line that refers to the note
    /// asks for them again.
    struct NoteFigures {
        struct Key: Hashable {
            var table: Int
            var column: Int
        }
        var figures: [Key: [NoteFigure]] = [:]
    }

    /// What a note adds up to in the column of the same period and scenario: its top-level totals, and the
    /// sum of its top-level rows.
    func noteFigures(_ ctx: TableContext, period: Period, scenario: Scenario, _ known: inout NoteFigures) -> [NoteFigure] {
        guard let c = ctx.amountColumns.first(where: { c in
            ctx.table.columns[c].scenario == scenario && ctx.flowPeriod(c).end == period.end
        }) ?? (ctx.amountColumns.count == 1 ? ctx.amountColumns.first : nil) else { return [] }
        let key = NoteFigures.Key(table: ctx.tableIndex, column: c)
        if let figures = known.figures[key] { return figures }
        let figures = noteFigures(ctx, column: c)
        known.figures[key] = figures
        return figures
    }

    func noteFigures(_ ctx: TableContext, column c: Int) -> [NoteFigure] {
        let topLevel = ctx.rows.indices.filter { ctx.parents[$0] == nil && ctx.isAmount($0, c) }
        var out: [NoteFigure] = []
        // Any line of the note: a statement line may refer to the note it is a part of (depreciation to
        // the note on equipment). The totals come last, so they are what a finding quotes.
        for r in ctx.rows.indices where ctx.links[r] == nil && ctx.isAmount(r, c) {
            let f = Figure(ctx.amount(r, c)!)
            out.append(NoteFigure(figure: f, interval: f.interval, location: ctx.location(r, c)))
        }
        for r in ctx.rows.indices where ctx.links[r] != nil && ctx.isAmount(r, c) && !topLevel.contains(r) {
            let f = Figure(ctx.amount(r, c)!)
            out.append(NoteFigure(figure: f, interval: f.interval, location: ctx.location(r, c)))
        }
        for r in topLevel where ctx.links[r] != nil {
            let f = Figure(ctx.amount(r, c)!)
            out.append(NoteFigure(figure: f, interval: f.interval, location: ctx.location(r, c)))
        }
        if topLevel.count > 1 || !topLevel.contains(where: { ctx.links[$0] != nil }) {
            let figures = topLevel.map { Figure(ctx.amount($0, c)!) }
            if let first = figures.first {
                let sum = figures.reduce(Decimal(0)) { $0 + $1.value }
                let interval = figures.dropFirst().reduce(first.interval) { $0 + $1.interval }
                out.append(NoteFigure(figure: Figure(value: sum, decimals: figures.map(\.decimals).min()!), interval: interval,
                                      location: ctx.location(topLevel.last!, c)))
            }
        }
        return out
    }

    func matches(_ a: Figure, _ b: NoteFigure) -> Consistency {
        let x = a.value.magnitude, y = b.figure.value.magnitude
        if x == y { return .exact }
        let bi = b.figure.value < 0 ? -b.interval : b.interval
        return Interval(value: x, decimals: a.decimals).overlaps(bi) ? .rounding : .inconsistent
    }

    func rounding(_ ctx: TableContext, _ r: Int, _ c: Int, _ printed: Figure, _ note: NoteFigure, _ refs: [String]) -> Finding? {
        let scale = ctx.scale(c)
        let a = printed.value.magnitude, b = note.figure.value.magnitude
        // Only when the printed figures visibly differ.
        guard (a - b).magnitude >= Decimal(1).shifted(by: -min(printed.decimals, note.figure.decimals)) else { return nil }
        return Finding(
            rule: "note.reference", severity: .info,
            message: "\(ctx.label(r)) (rad \(ctx.line(r))) är \(Format.amount(a, scale: scale)) och Not \(refs.joined(separator: ", ")) summerar till \(Format.amount(b, scale: scale)) (rad \(note.location.line)), inom avrundning",
            messageEN: "\(ctx.label(r)) (line \(ctx.line(r))) is \(Format.amount(a, scale: scale)) and note \(refs.joined(separator: ", ")) adds up to \(Format.amount(b, scale: scale)) (line \(note.location.line)), within rounding",
            expected: b, actual: a, difference: a - b, locations: [ctx.location(r, c), note.location], documentSource: ctx.document.source)
    }

    func check(
        _ ctx: TableContext, _ r: Int, _ c: Int, _ printed: Figure, _ refs: [String], _ notes: [String: [Int]], _ contexts: [TableContext],
        _ known: inout NoteFigures
    ) -> Finding? {
        let period = ctx.flowPeriod(c)
        let scenario = ctx.table.columns[c].scenario
        var primary: [NoteFigure] = []
        var anyFigures = false
        for n in refs {
            var figures: [NoteFigure] = []
            for t in notes[n] ?? [] { figures += noteFigures(contexts[t], period: period, scenario: scenario, &known) }
            guard !figures.isEmpty else { continue }
            anyFigures = true
            if figures.contains(where: { matches(printed, $0) == .exact }) { return nil }
            if let near = figures.first(where: { matches(printed, $0) == .rounding }) {
                return rounding(ctx, r, c, printed, near, refs)
            }
            primary.append(figures.last!)
        }
        guard anyFigures, !primary.isEmpty else { return nil }
        if primary.count > 1 {
            let sum = primary.reduce(Decimal(0)) { $0 + $1.figure.value.magnitude }
            let interval = primary.dropFirst().reduce(primary[0].interval) { $0 + $1.interval }
            let together = NoteFigure(figure: Figure(value: sum, decimals: primary.map(\.figure.decimals).min()!), interval: interval,
                                      location: primary[0].location)
            if matches(printed, together) != .inconsistent { return nil }
        }
        let note = primary[0]
        let refsText = refs.count == 1 ? "Not \(refs[0])" : "Noterna \(refs.joined(separator: ", "))"
        let refsEN = refs.count == 1 ? "Note \(refs[0])" : "Notes \(refs.joined(separator: ", "))"
        let scale = ctx.scale(c)
        let noteValue = note.figure.value.magnitude
        let diff = printed.value.magnitude - noteValue
        // A note placed on the first line of a section, adding up to the section's total.
        if let parent = ctx.parents[r], let total = ctx.amount(parent, c), matches(Figure(total), note) != .inconsistent {
            return Finding(
                rule: "note.reference", severity: .info,
                message: "\(refsText) summerar till \(Format.amount(noteValue, scale: scale)), vilket är \(ctx.label(parent)) (rad \(ctx.line(parent))), inte raden som hänvisar till noten, \(ctx.label(r)) (rad \(ctx.line(r)))",
                messageEN: "\(refsEN) adds up to \(Format.amount(noteValue, scale: scale)), which is \(ctx.label(parent)) (line \(ctx.line(parent))), not the line referring to it, \(ctx.label(r)) (line \(ctx.line(r)))",
                expected: noteValue, actual: printed.value.magnitude, difference: diff,
                locations: [ctx.location(r, c), note.location, ctx.location(parent, c)], documentSource: ctx.document.source)
        }
        return Finding(
            rule: "note.reference", severity: .error,
            message: "\(ctx.label(r)) (rad \(ctx.line(r))) är \(Format.amount(printed.value.magnitude, scale: scale)) men \(refsText) summerar till \(Format.amount(noteValue, scale: scale)) (rad \(note.location.line), differens \(Format.amount(diff, scale: scale)))\(ctx.columnPhrase(c))",
            messageEN: "\(ctx.label(r)) (line \(ctx.line(r))) is \(Format.amount(printed.value.magnitude, scale: scale)) but \(refsEN) adds up to \(Format.amount(noteValue, scale: scale)) (line \(note.location.line), difference \(Format.amount(diff, scale: scale)))\(ctx.columnPhrase(c, english: true))",
            expected: noteValue, actual: printed.value.magnitude, difference: diff,
            locations: [ctx.location(r, c), note.location], documentSource: ctx.document.source)
    }
}
