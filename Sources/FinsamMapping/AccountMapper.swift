import Foundation
import FinsamModel

/// The mapping stage for ledgers (SIE): builds the resultaträkning and balansräkning from the ledger table
/// by the account charts, as tables whose rows are the accounts (each pointing at its SIE record) and whose
/// statement lines total them (`Table.totals`), and turns the statement lines into facts shaped like a text
/// report's: same concepts, natural sign, RR over the fiscal year, BR at its end. Accounts no rule covers
/// are listed as unmapped with their SIE line.
public struct AccountMapper: Sendable {
    public let mappings: MappingSet

    public init(mappings: MappingSet) {
        self.mappings = mappings
    }

    /// Whether a document is a ledger this mapper reads.
    public static func handles(_ document: Document) -> Bool {
        document.tables.contains { $0.kind == .ledger }
    }

    /// One column of a statement: which ledger column it reads.
    struct Source {
        var ledgerColumn: Int
        var key: LedgerColumn
        var column: Column
    }

    public func map(_ document: Document) -> Document {
        var doc = document
        doc.facts = []
        doc.unmapped = []
        guard let ledgerIndex = doc.tables.firstIndex(where: { $0.kind == .ledger }) else { return doc }
        var ledger = doc.tables[ledgerIndex]
        let keys = ledger.columns.map { LedgerColumn(header: $0.header) }
        let accounts = mappings.accounts
        let selection = accounts.selection(orgnr: doc.organisation.orgnr)
        let compiled = selection?.compiled ?? []

        // Each account's rule, and the statement its concept belongs to.
        var lineOf: [String: (statement: Int, concept: String, member: String?)] = [:]
        for (r, row) in ledger.rows.enumerated() {
            guard let account = row.account else { continue }
            let found = selection?.rule(for: account, in: compiled)
            if let found, let concept = found.rule.concept, let s = Self.statement(of: concept, account: account, accounts.statements) {
                lineOf[account] = (s, concept, found.rule.member)
                ledger.rows[r].concept = concept
                ledger.rows[r].member = found.rule.member
                ledger.rows[r].mappingNote = "\(accounts.statements[s].title): \(found.how)"
            } else if let found, let reason = found.rule.ignore {
                ledger.rows[r].mappingNote = "utanför räkningarna: \(reason) (\(found.how))"
            } else {
                ledger.rows[r].mappingNote = found == nil ? "ingen regel täcker kontot" : "regeln pekar inte på någon rad i statements.yaml"
                // One entry per record: each balance has a line of its own, and the user goes to that line.
                for cell in row.cells.compactMap({ $0 }).filter({ $0.value != 0 }).sorted(by: { ($0.line ?? 0) < ($1.line ?? 0) }) {
                    doc.unmapped.append(UnmappedRow(
                        label: "\(account) \(row.label)", values: [cell.text],
                        source: SourceLocation(file: row.source.file, line: cell.line ?? row.source.line, column: cell.column),
                        table: ledger.title))
                }
            }
        }
        if let selection {
            ledger.readingNotes.append("kontoplan \(selection.chart.chart) (\(selection.chart.label ?? selection.chart.chart)), vald efter \(selection.why)")
        }
        doc.tables[ledgerIndex] = ledger

        var yearResults: [Int: Decimal] = [:]
        // The resultaträkning first: the balansräkning shows its result for the year.
        let order = accounts.statements.indices.sorted { (accounts.statements[$0].kind == .balansrakning ? 1 : 0) < (accounts.statements[$1].kind == .balansrakning ? 1 : 0) }
        for s in order {
            let layout = accounts.statements[s]
            let sources = layout.kind == .balansrakning ? balanceSources(keys, ledger) : resultSources(keys, ledger)
            guard !sources.isEmpty else { continue }
            var builder = StatementBuilder(
                layout: layout, sources: sources, ledger: ledger, document: doc, mappings: mappings, yearResults: yearResults,
                accountsOfLine: { concept in
                    ledger.rows.indices.filter { r in
                        guard let a = ledger.rows[r].account, let l = lineOf[a] else { return false }
                        return l.statement == s && l.concept == concept
                    }.map { ($0, lineOf[ledger.rows[$0].account!]!.member) }
                })
            var table = builder.build()
            table.readingNotes.insert(contentsOf: sources.map { "kolumn \($0.key): \(Self.describe($0.key))" }, at: 0)
            let index = doc.tables.count
            doc.tables.append(table)
            doc.facts += builder.facts(tableIndex: index)
            if layout.kind == .resultatrakning { yearResults.merge(builder.results()) { a, _ in a } }
        }
        return doc
    }

    /// The statement a concept is a line of; a concept in both (Årets resultat) goes by the account's class:
    /// balance accounts (1–2) to the balansräkning, the rest to the resultaträkning.
    static func statement(of concept: String, account: String, _ statements: [StatementLayout]) -> Int? {
        let candidates = statements.indices.filter { statements[$0].lines.contains { $0.concept == concept } }
        if candidates.count <= 1 { return candidates.first }
        let balance = account.first == "1" || account.first == "2"
        return candidates.first { (statements[$0].kind == .balansrakning) == balance } ?? candidates.first
    }

    static func describe(_ key: LedgerColumn) -> String {
        switch key.kind {
        case .res: "årets resultat per konto (#RES)"
        case .trans: "summan av årets verifikationer per konto (filen saknar #RES)"
        case .psaldo: "summan av årets periodsaldon per konto (filen saknar #RES och verifikationer)"
        case .pbudget: "årets budget per konto (#PBUDGET)"
        case .ub: "utgående balans (#UB)"
        case .ib: "ingående balans år \(key.year) (#IB \(key.year)), i stället för saknad #UB \(key.year - 1)"
        }
    }

    /// RR columns: per year the account results (#RES), else the vouchers, else the period movements; the
    /// budget where there is one.
    func resultSources(_ keys: [LedgerColumn?], _ ledger: Table) -> [Source] {
        let years = Set(keys.compactMap { $0?.year }).sorted(by: >)
        var out: [Source] = []
        for y in years {
            for kind in [LedgerColumn.Kind.res, .trans, .psaldo] {
                if let i = keys.firstIndex(of: LedgerColumn(kind: kind, year: y)), let period = ledger.columns[i].period {
                    out.append(Source(ledgerColumn: i, key: keys[i]!, column: Column(header: keys[i]!.description, scenario: .utfall, period: period)))
                    break
                }
            }
            if let i = keys.firstIndex(of: LedgerColumn(kind: .pbudget, year: y)), let period = ledger.columns[i].period {
                out.append(Source(ledgerColumn: i, key: keys[i]!, column: Column(header: keys[i]!.description, scenario: .budget, period: period)))
            }
        }
        return out
    }

    /// BR columns: per year the closing balances; a year without them is read from the next year's opening
    /// balances when the file has those.
    func balanceSources(_ keys: [LedgerColumn?], _ ledger: Table) -> [Source] {
        let years = Set(keys.compactMap { $0?.year }).sorted(by: >)
        var out: [Source] = []
        for y in years {
            let i = keys.firstIndex(of: LedgerColumn(kind: .ub, year: y)) ?? keys.firstIndex(of: LedgerColumn(kind: .ib, year: y + 1))
            guard let i, let period = ledger.columns[i].period else { continue }
            out.append(Source(ledgerColumn: i, key: keys[i]!, column: Column(header: keys[i]!.description, scenario: .utfall, period: period)))
        }
        return out
    }
}

/// Builds one statement table from the ledger and its layout.
struct StatementBuilder {
    let layout: StatementLayout
    let sources: [AccountMapper.Source]
    let ledger: Table
    let document: Document
    let mappings: MappingSet
    /// The resultaträkning's result per fiscal year, for the balansräkning's line of the year's result.
    let yearResults: [Int: Decimal]
    let accountsOfLine: (String) -> [(row: Int, member: String?)]

    private(set) var rows: [Row] = []
    private(set) var totals: [TotalLink] = []
    /// Rows that are statement lines (facts), by concept and member.
    private var lineRows: [String: [Int]] = [:]
    private var isLine: Set<Int> = []
    /// Per line row and column: where its figure comes from (its first account's record).
    private var origin: [Int: [SourceLocation?]] = [:]

    init(layout: StatementLayout, sources: [AccountMapper.Source], ledger: Table, document: Document, mappings: MappingSet,
         yearResults: [Int: Decimal], accountsOfLine: @escaping (String) -> [(row: Int, member: String?)]) {
        self.yearResults = yearResults
        self.layout = layout
        self.sources = sources
        self.ledger = ledger
        self.document = document
        self.mappings = mappings
        self.accountsOfLine = accountsOfLine
    }

    /// The sign that makes a ledger amount (debit positive) natural for a concept: costs and assets as they
    /// are, income, liabilities, equity and results (credit positive) negated.
    func naturalSign(_ concept: String) -> Decimal {
        mappings.concepts[concept]?.balance == .debit ? 1 : -1
    }

    mutating func build() -> Table {
        let parts = Set(layout.lines.flatMap { $0.signedParts.map(\.concept) })
        var done = Set<String>()
        for line in layout.lines where !parts.contains(line.concept) {
            emit(line.concept, &done)
        }
        return Table(
            title: layout.title, kind: layout.kind, columns: sources.map(\.column), rows: rows,
            source: SourceLocation(file: document.source, line: 1), totals: totals)
    }

    /// Emits a line after its parts (depth first), so the table reads like a printed statement.
    @discardableResult
    private mutating func emit(_ concept: String, _ done: inout Set<String>) -> [Int] {
        if done.contains(concept) { return lineRows[concept] ?? [] }
        done.insert(concept)
        guard let line = layout.lines.first(where: { $0.concept == concept }) else { return [] }
        var items: [SignedRow] = []
        var partValues: [(rows: [Int], sign: Int)] = []
        for part in line.signedParts {
            let partRows = emit(part.concept, &done)
            items += partRows.map { SignedRow(row: $0, sign: part.sign) }
            partValues.append((partRows, part.sign))
        }
        let sign = naturalSign(concept)
        let accounts = accountsOfLine(concept).filter { a in sources.contains { ledger.rows[a.row].cells[$0.ledgerColumn] != nil } }
        var memberGroups: [String: [Int]] = [:]
        var plain: [Int] = []
        for a in accounts {
            if let m = a.member { memberGroups[m, default: []].append(a.row) } else { plain.append(a.row) }
        }
        var made: [Int] = []
        // One line per member (e.g. each member's contribution), totalling its accounts.
        for member in memberGroups.keys.sorted() {
            let accountRows = memberGroups[member]!.map { addAccount($0, concept: concept, member: member, sign: sign) }
            made.append(addLine(concept, member: member, items: accountRows.map { SignedRow(row: $0) }))
        }
        if !memberGroups.isEmpty && plain.isEmpty && line.parts == nil && line.result != true && line.equityRest != true {
            lineRows[concept] = made
            return made
        }
        var own = plain.map { SignedRow(row: addAccount($0, concept: concept, member: nil, sign: sign)) }
        own += made.map { SignedRow(row: $0) }
        if line.result == true, let row = addYearResult() { own.append(SignedRow(row: row)) }
        if line.equityRest == true {
            if let row = addUnbookedResult() { own.append(SignedRow(row: row)) }
            if let row = addYearResult() {
                rows[row].label = "Avgår: årets resultat, som står på egen rad"
                own.append(SignedRow(row: row, sign: -1))
            }
        }
        let all = own + items
        let shown = line.always == true || all.contains { rows[$0.row].cells.contains { $0 != nil } }
        guard shown else {
            lineRows[concept] = []
            return []
        }
        let r = addLine(concept, member: nil, items: all)
        lineRows[concept] = [r]
        return [r]
    }

    /// An account row: the ledger's figures in the concept's natural sign, each pointing at its SIE record.
    private mutating func addAccount(_ ledgerRow: Int, concept: String, member: String?, sign: Decimal) -> Int {
        let source = ledger.rows[ledgerRow]
        var row = source
        row.cells = sources.map { s in
            guard var cell = source.cells[s.ledgerColumn] else { return nil }
            cell.value = cell.value * sign
            cell.text = Self.text(cell.value)
            return cell
        }
        row.concept = concept
        row.member = member
        let firstLine = row.cells.compactMap { $0?.line }.first
        row.source = SourceLocation(file: source.source.file, line: firstLine ?? source.source.line)
        rows.append(row)
        origin[rows.count - 1] = row.cells.map { c in c.map { SourceLocation(file: source.source.file, line: $0.line ?? source.source.line, column: $0.column) } }
        return rows.count - 1
    }

    /// The closing balances of the balance accounts, summed per column (debit positive). They sum to the
    /// part of the year's result not yet booked to equity: zero once it is.
    private func unbooked(_ s: AccountMapper.Source) -> Decimal {
        var total: Decimal = 0
        for row in ledger.rows {
            guard let a = row.account, a.first == "1" || a.first == "2", let c = row.cells[s.ledgerColumn] else { continue }
            total += c.value
        }
        return total
    }

    /// The year's result not yet booked to equity, as a row of its own.
    private mutating func addUnbookedResult() -> Int? {
        let cells: [Cell?] = sources.map { s in
            let total = unbooked(s)
            return total == 0 ? nil : Cell(value: total, text: Self.text(total), decimals: 2, column: 0)
        }
        guard cells.contains(where: { $0 != nil }) else { return nil }
        rows.append(Row(
            label: "Årets resultat, ännu inte överfört till eget kapital (balanskontonas saldon summerar till det)",
            cells: cells, source: SourceLocation(file: document.source, line: 1),
            mappingNote: "beräknat: summan av balanskontonas saldon"))
        return rows.count - 1
    }

    /// The year's result as the resultaträkning has it (a printed balansräkning shows it on a line of its own
    /// within equity); without a resultaträkning for the year, the part not yet booked.
    private mutating func addYearResult() -> Int? {
        let cells: [Cell?] = sources.map { s in
            let total = yearResults[s.key.kind == .ib ? s.key.year - 1 : s.key.year] ?? unbooked(s)
            return total == 0 ? nil : Cell(value: total, text: Self.text(total), decimals: 2, column: 0)
        }
        guard cells.contains(where: { $0 != nil }) else { return nil }
        rows.append(Row(
            label: "Årets resultat enligt resultaträkningen", cells: cells, source: SourceLocation(file: document.source, line: 1),
            mappingNote: "från resultaträkningen (SIE)"))
        return rows.count - 1
    }

    /// The result per fiscal year (utfall columns), after `build`.
    func results() -> [Int: Decimal] {
        guard let r = lineRows["AretsResultat"]?.first else { return [:] }
        var out: [Int: Decimal] = [:]
        for (c, s) in sources.enumerated() where s.column.scenario == .utfall {
            if let v = rows[r].cells[c]?.value { out[s.key.year] = v }
        }
        return out
    }

    /// A statement line: the sum of its items, column by column.
    private mutating func addLine(_ concept: String, member: String?, items: [SignedRow]) -> Int {
        var cells: [Cell?] = []
        var from: [SourceLocation?] = []
        for c in sources.indices {
            var total: Decimal = 0
            var any = false
            var place: SourceLocation?
            for item in items {
                guard let cell = rows[item.row].cells[c] else { continue }
                any = true
                total += item.sign < 0 ? -cell.value : cell.value
                if place == nil { place = origin[item.row]?[c] }
            }
            let always = layout.lines.first { $0.concept == concept }?.always == true
            cells.append(any || always ? Cell(value: total, text: Self.text(total), decimals: 2, column: place?.column ?? 0, line: place?.line) : nil)
            from.append(place)
        }
        let label = mappings.concepts[concept]?.label ?? concept
        let first = from.compactMap { $0 }.first
        rows.append(Row(
            label: member.map { "\(label) – \($0)" } ?? label, cells: cells,
            source: SourceLocation(file: document.source, line: first?.line ?? 1), concept: concept, member: member,
            mappingNote: "summa av \(items.count) rader"))
        let r = rows.count - 1
        origin[r] = from
        isLine.insert(r)
        if !items.isEmpty { totals.append(TotalLink(total: r, items: items)) }
        return r
    }

    /// The statement lines as facts.
    func facts(tableIndex: Int) -> [Fact] {
        var out: [Fact] = []
        for r in isLine.sorted() {
            let row = rows[r]
            guard let concept = row.concept, let def = mappings.concepts[concept] else { continue }
            for (c, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                let column = sources[c].column
                let place = origin[r]?[c] ?? SourceLocation(file: document.source, line: row.source.line)
                out.append(Fact(
                    concept: concept, member: row.member, label: row.label, table: layout.title, scenario: column.scenario,
                    period: FactBuilder.period(for: def, column: column, document: document), value: cell.value, unit: .sek,
                    decimals: 2, source: SourceLocation(file: place.file, line: place.line, column: place.column),
                    tableIndex: tableIndex, rowIndex: r, columnIndex: c))
            }
        }
        return out
    }

    static func text(_ value: Decimal) -> String {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, 2, .plain)
        let s = "\(rounded)"
        guard let dot = s.firstIndex(of: ".") else { return s + ".00" }
        let decimals = s.distance(from: dot, to: s.endIndex) - 1
        return decimals == 1 ? s + "0" : s
    }
}
