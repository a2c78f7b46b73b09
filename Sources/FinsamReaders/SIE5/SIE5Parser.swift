import CExpat
import Foundation
import FinsamModel

/// Reads SIE 5 into a `Ledger` with expat's event interface: accounts and their opening and closing
/// balances per fiscal year, journal entries summed per account (each entry must balance; struck-out
/// ledger entries, `<Overstrike>`, do not count), and whether the file carries an XML signature. A DTD is
/// refused outright (SIE 5 has none, and entity declarations are the way to the billion-laughs attack);
/// expat's amplification limits are set as a second guard.
final class SIE5Parser {
    static let sieNamespace = "http://www.sie.se/sie5"
    static let signatureNamespace = "http://www.w3.org/2000/09/xmldsig#"
    static let maximumDepth = 64

    var ledger: Ledger
    let parser: XML_Parser
    var failure: InputError?

    /// Local names of the open elements, outermost first (namespace checked where it matters).
    var stack: [String] = []
    struct Year { var start: String; var end: String; var primary: Bool }
    var fiscalYears: [Year] = []
    var yearIndex: [String: Int] = [:]  // "2014-01" (start or end month) → #RAR-style number

    // The open account and the balance being read under it.
    var account: String?
    var accountIsResult = false
    struct PendingBalance { var kind: String; var month: String; var ore: Int64; var line: Int; var perObject: Bool }
    var pendingBalance: PendingBalance?

    // The open journal entry and ledger entry.
    var entryLine = 0
    var entryLabel = ""
    var entryYear = 0
    var entrySum: Int64 = 0
    var entryOpen = false
    struct PendingEntry { var account: String; var ore: Int64; var line: Int; var struck: Bool }
    var pendingEntry: PendingEntry?
    var unbalanced = 0
    var entries = 0
    var ledgerEntries = 0
    var struck = 0
    var firstDate: Day?
    var lastDate: Day?

    init(path: String) {
        ledger = Ledger(path: path, format: .sie5)
        parser = XML_ParserCreateNS(nil, 0x20)
    }

    deinit { XML_ParserFree(parser) }

    static func parse(_ bytes: [UInt8], path: String, chunkSize: Int = 1 << 20) throws(InputError) -> Ledger {
        let p = SIE5Parser(path: path)
        return try p.run(bytes, chunkSize: chunkSize)
    }

    func run(_ bytes: [UInt8], chunkSize: Int) throws(InputError) -> Ledger {
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)
        _ = XML_SetBillionLaughsAttackProtectionMaximumAmplification(parser, 10)
        _ = XML_SetBillionLaughsAttackProtectionActivationThreshold(parser, 1 << 20)
        XML_SetStartDoctypeDeclHandler(parser) { data, name, _, _, _ in
            SIE5Parser.from(data).refuse("filen har en DTD (<!DOCTYPE>); SIE 5 har ingen, och en DTD kan bära entitetsbomber: filen läses inte")
        }
        XML_SetEntityDeclHandler(parser) { data, _, _, _, _, _, _, _, _ in
            SIE5Parser.from(data).refuse("filen deklarerar entiteter; de läses inte")
        }
        XML_SetElementHandler(parser, { data, name, attributes in
            SIE5Parser.from(data).start(name, attributes)
        }, { data, name in
            SIE5Parser.from(data).end(name)
        })
        var offset = 0
        var status = XML_STATUS_OK
        bytes.withUnsafeBufferPointer { buffer in
            repeat {
                let n = min(chunkSize, buffer.count - offset)
                let last = offset + n == buffer.count
                let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                status = XML_Parse(parser, base + offset, Int32(n), last ? 1 : 0)
                offset += n
                if status != XML_STATUS_OK || last { break }
            } while true
        }
        if let failure { throw failure }
        if status != XML_STATUS_OK {
            let message = String(cString: XML_ErrorString(XML_GetErrorCode(parser)))
            throw InputError(file: ledger.path, line: Int(XML_GetCurrentLineNumber(parser)),
                             column: Int(XML_GetCurrentColumnNumber(parser)), message: "ogiltig XML: \(message)")
        }
        return finish()
    }

    static func from(_ data: UnsafeMutableRawPointer?) -> SIE5Parser {
        Unmanaged<SIE5Parser>.fromOpaque(data!).takeUnretainedValue()
    }

    var line: Int { Int(XML_GetCurrentLineNumber(parser)) }

    func refuse(_ message: String) {
        if failure == nil { failure = InputError(file: ledger.path, line: line, column: Int(XML_GetCurrentColumnNumber(parser)), message: message) }
        XML_StopParser(parser, 0)
    }

    // MARK: Events

    func start(_ rawName: UnsafePointer<CChar>?, _ rawAttributes: UnsafeMutablePointer<UnsafePointer<CChar>?>?) {
        let (namespace, name) = SIE5Parser.split(rawName)
        let parent = stack.last
        stack.append(name)
        if stack.count > SIE5Parser.maximumDepth {
            // SIE 5 nests a handful of levels; thousands are an attack on memory and time, not a ledger.
            refuse("XML nästlad djupare än \(SIE5Parser.maximumDepth) nivåer: filen läses inte")
            return
        }
        if namespace == SIE5Parser.signatureNamespace {
            if name == "Signature" { ledger.signed = true }
            return
        }
        guard namespace == SIE5Parser.sieNamespace else { return }
        let a = SIE5Parser.attributes(rawAttributes)
        switch name {
        case "Sie", "SieEntry":
            ledger.sieType = name == "Sie" ? "5" : "5 (SieEntry, bokföringsorder)"
            if stack.count > 1 { ledger.note(.warning, "sie5.struktur", "<\(name)> inuti ett annat element", line: line) }
        case "SoftwareProduct":
            ledger.program = [a["name"], a["version"]].compactMap { $0 }.joined(separator: " ")
        case "FileCreation":
            if let t = a["time"], t.count >= 10 { ledger.generated = Day(iso: t.prefix(10)) }
        case "Company":
            ledger.companyName = a["name"]
            ledger.orgnr = a["organizationId"].flatMap(Ledger.normaliseOrgnr)
        case "FiscalYear":
            if let s = a["start"], let e = a["end"] {
                fiscalYears.append(Year(start: s, end: e, primary: a["primary"] == "true" || a["primary"] == "1"))
                numberYears()
            }
        case "AccountingCurrency":
            if let c = a["currency"], c.uppercased() != "SEK" {
                ledger.note(.warning, "sie.valuta", "redovisningsvalutan är \(c), inte SEK; beloppen läses som de står", line: line)
            }
        case "Account" where parent == "Accounts":
            guard let id = a["id"] else {
                ledger.note(.error, "sie5.konto", "<Account> utan id", line: line)
                return
            }
            account = id
            ledger.accountNames[id] = (a["name"] ?? "", line)
            if let t = a["type"].flatMap(Ledger.AccountType.init(rawValue:)) { ledger.accountTypes[id] = t }
            accountIsResult = a["type"] == "cost" || a["type"] == "income"
        case "OpeningBalance", "ClosingBalance", "Budget":
            guard parent == "Account", account != nil else { return }
            guard let month = a["month"], let amountText = a["amount"], let ore = SIE5Parser.ore(amountText) else {
                ledger.note(.error, "sie5.saldo", "<\(name)> saknar month eller ett giltigt amount", line: line)
                return
            }
            pendingBalance = PendingBalance(kind: name, month: month, ore: ore, line: line, perObject: false)
        case "ObjectReference":
            if parent == "OpeningBalance" || parent == "ClosingBalance" || parent == "Budget" { pendingBalance?.perObject = true }
        case "JournalEntry":
            entryOpen = true
            entryLine = line
            entrySum = 0
            entryLabel = [a["id"], a["text"].map { "”\($0)”" }].compactMap { $0 }.joined(separator: " ")
            entryYear = 0
            if let d = a["journalDate"].flatMap({ Day(iso: $0) }) {
                firstDate = min(firstDate ?? d, d)
                lastDate = max(lastDate ?? d, d)
                entryYear = year(of: d) ?? 0
            }
        case "LedgerEntry":
            guard entryOpen else { return }
            guard let id = a["accountId"], let amountText = a["amount"], let ore = SIE5Parser.ore(amountText) else {
                ledger.note(.error, "sie5.kontering", "<LedgerEntry> saknar accountId eller ett giltigt amount", line: line)
                return
            }
            pendingEntry = PendingEntry(account: id, ore: ore, line: line, struck: false)
        case "Overstrike":
            if parent == "LedgerEntry" { pendingEntry?.struck = true }
        default:
            break
        }
    }

    func end(_ rawName: UnsafePointer<CChar>?) {
        let (namespace, name) = SIE5Parser.split(rawName)
        stack.removeLast()
        guard namespace == SIE5Parser.sieNamespace else { return }
        switch name {
        case "Account":
            if stack.last == "Accounts" { account = nil }
        case "OpeningBalance", "ClosingBalance", "Budget":
            guard let b = pendingBalance, let account else { return }
            pendingBalance = nil
            if b.perObject {
                ledger.recordCounts["<\(name)> per objekt", default: 0] += 1
                return
            }
            // Opening balances name the year's first month, closing balances its last; a budget any month in it.
            guard let y = name == "Budget" ? yearContaining(month: b.month) : yearIndex[b.month] else {
                ledger.note(.warning, "sie5.saldo", "<\(name) month=\"\(b.month)\"> hör inte till något räkenskapsår i <FiscalYears>", line: b.line)
                return
            }
            ledger.recordCounts["<\(name)>", default: 0] += 1
            let amount = Ledger.Amount(ore: b.ore, line: b.line, column: 0)
            switch name {
            case "OpeningBalance": ledger.set(LedgerColumn(kind: .ib, year: y), account: account, amount, tag: "<OpeningBalance>")
            case "ClosingBalance":
                // One element for both kinds of account: the closing balance of a balance account, the year's
                // result of a cost or income account (SIE 5, <ClosingBalance>).
                let kind: LedgerColumn.Kind = accountIsResult ? .res : .ub
                ledger.set(LedgerColumn(kind: kind, year: y), account: account, amount, tag: "<ClosingBalance>")
            default: ledger.add(LedgerColumn(kind: .pbudget, year: y), account: account, ore: b.ore, line: b.line, column: 0)
            }
        case "LedgerEntry":
            guard let e = pendingEntry else { return }
            pendingEntry = nil
            ledgerEntries += 1
            if e.struck { struck += 1; return }
            entrySum &+= e.ore
            ledger.add(LedgerColumn(kind: .trans, year: entryYear), account: e.account, ore: e.ore, line: e.line, column: 0)
        case "JournalEntry":
            guard entryOpen else { return }
            entryOpen = false
            entries += 1
            ledger.vouchers[entryYear, default: 0] += 1
            if entrySum != 0 {
                unbalanced += 1
                if unbalanced <= SIE4Parser.diagnosticsPerCode {
                    ledger.note(.error, "sie.ver-balans",
                                "verifikation \(entryLabel) balanserar inte: konteringarna summerar till \(SIE4Number.text(ore: entrySum)) kr i stället för 0",
                                line: entryLine)
                }
            }
        default:
            break
        }
    }

    func finish() -> Ledger {
        if ledger.signed == nil { ledger.signed = false }
        ledger.recordCounts["<JournalEntry>"] = entries
        ledger.recordCounts["<LedgerEntry>"] = ledgerEntries
        if struck > 0 { ledger.recordCounts["<LedgerEntry> struken (<Overstrike>)"] = struck }
        if let a = firstDate, let b = lastDate { ledger.voucherDates = a...b }
        if unbalanced > SIE4Parser.diagnosticsPerCode {
            ledger.note(.info, "sie.ver-balans", "ytterligare \(unbalanced - SIE4Parser.diagnosticsPerCode) obalanserade verifikationer visas inte", line: line)
        }
        if ledger.sieType == nil { ledger.note(.warning, "sie5.struktur", "rotelementet är varken <Sie> eller <SieEntry> i SIE 5:s namnrymd", line: 1) }
        return ledger
    }

    // MARK: Helpers

    /// Fiscal years numbered as SIE 4's `#RAR`: the primary year 0, earlier years -1, -2, later +1.
    func numberYears() {
        let sorted = fiscalYears.sorted { $0.start < $1.start }
        let primary = sorted.firstIndex { $0.primary } ?? (sorted.count - 1)
        yearIndex = [:]
        ledger.years = [:]
        for (i, y) in sorted.enumerated() {
            let n = i - primary
            yearIndex[y.start] = n
            yearIndex[y.end] = yearIndex[y.end] ?? n
            let start = Day(iso: y.start + "-01")
            let end = SIE5Parser.monthEnd(y.end)
            ledger.years[n] = Ledger.FiscalYear(start: start, end: end, line: line)
        }
    }

    func year(of day: Day) -> Int? { ledger.year(of: day) }

    /// The fiscal year a month (`YYYY-MM`) falls in; months of the same width compare as text.
    func yearContaining(month: String) -> Int? {
        let sorted = fiscalYears.sorted { $0.start < $1.start }
        let primary = sorted.firstIndex { $0.primary } ?? (sorted.count - 1)
        return sorted.firstIndex { $0.start <= month && month <= $0.end }.map { $0 - primary }
    }

    static func monthEnd(_ month: String) -> Day? {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), (1000...9999).contains(y) else { return nil }
        return Day.lastDay(ofMonth: m, year: y)
    }

    static func split(_ raw: UnsafePointer<CChar>?) -> (String, String) {
        guard let raw else { return ("", "") }
        let s = String(cString: raw)
        guard let space = s.lastIndex(of: " ") else { return ("", s) }
        return (String(s[..<space]), String(s[s.index(after: space)...]))
    }

    static func attributes(_ raw: UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> [String: String] {
        var out: [String: String] = [:]
        guard var p = raw else { return out }
        while let key = p.pointee, let value = (p + 1).pointee {
            out[split(key).1] = String(cString: value)
            p += 2
        }
        return out
    }

    static func ore(_ text: String) -> Int64? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("+") { t.removeFirst() }
        if t.hasPrefix(".") { t = "0" + t }
        if t.hasPrefix("-.") { t = "-0" + t.dropFirst() }
        let bytes = Array(t.utf8)
        return bytes.withUnsafeBufferPointer { SIE4Number.ore($0, from: 0, to: $0.count) }
    }
}
