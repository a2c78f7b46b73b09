import Foundation
import FinsamModel

/// Streams SIE 4 records into a `Ledger`: bytes in, balances and per-account voucher sums out. Vouchers are
/// checked as they pass (each must balance) and not kept, so memory does not grow with the number of
/// transactions. Amounts are integer öre; strings are made only for what is kept (names, not voucher texts).
struct SIE4Parser {
    var ledger: Ledger
    var text = SIE4Text()
    private let fieldStorage = SIE4Fields()
    private var fields: SIE4FieldList
    private(set) var line = 0

    // #KSUMMA
    private var crc = CRC32()
    private var checksumming = false
    private var checksumStartLine: Int?
    private var checksumVerified = false

    // The open voucher.
    private var voucherLine: Int?
    private var inBlock = false
    private var voucherSum: Int64 = 0
    private var voucherYear = 0
    /// The open voucher's series and number, copied from its line (which may be gone by its `}`).
    private let voucherLabel = VoucherLabel()
    private var unbalanced = 0
    /// Vouchers per fiscal year -8…8 (the file's years), counted without hashing.
    private var voucherCounts = [Int](repeating: 0, count: 17)

    /// Voucher sums per account and year. The hot path: per fiscal year a table indexed by account number
    /// (below 100 000: BAS accounts and their sub-accounts); other accounts by key in a dictionary.
    fileprivate struct Sum { var ore: Int64; var line: Int32; var count: Int32 }
    private var yearSums: [Int: AccountSums] = [:]
    /// The open voucher's year's table, as plain pointers (set per voucher, used per transaction).
    private var currentOre: UnsafeMutablePointer<Int64>?
    private var currentLine: UnsafeMutablePointer<Int32>?
    private var currentCount: UnsafeMutablePointer<Int32>?
    /// Transactions on accounts outside the dense table (long or non-numeric account numbers).
    private var transSumsOther: [OtherAccount: Sum] = [:]
    private struct OtherAccount: Hashable {
        var year: Int
        var account: String
    }
    private var transactions = 0
    /// Fiscal years as integer YYYYMMDD ranges, rebuilt when a `#RAR` is read.
    private var yearRanges: [(year: Int, start: Int, end: Int)] = []
    private var unknownTags: [String: (count: Int, line: Int)] = [:]
    private var diagnosticCounts: [String: Int] = [:]
    private var outsideYear = 0
    private var outsideYearLine: Int?
    private var coverage: Day?
    private var coverageLine = 1
    private var firstVoucherDate: Int?
    private var lastVoucherDate: Int?

    static let diagnosticsPerCode = 20

    /// Off only in tests, which hold the one-pass reading of the common lines equal to the general path.
    var readsCommonLinesInOnePass = true
    /// Lines read by `processLine`, the general path.
    private(set) var generalLines = 0

    init(path: String) {
        ledger = Ledger(path: path, format: .sie4)
        fields = SIE4FieldList(fieldStorage)
    }

    // MARK: Driving

    /// Parses a whole buffer.
    static func parse(_ bytes: [UInt8], path: String) throws(InputError) -> Ledger {
        try parseCounting(bytes, path: path, onePass: true).ledger
    }

    /// `parse`, also saying how many lines took the general path (for the tests of the one-pass reading).
    static func parseCounting(_ bytes: [UInt8], path: String, onePass: Bool) throws(InputError) -> (ledger: Ledger, generalLines: Int) {
        var parser = SIE4Parser(path: path)
        parser.readsCommonLinesInOnePass = onePass
        var failure: InputError?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(InputError) {
                let consumed = try parser.consume(buffer, final: true)
                precondition(consumed == buffer.count)
            } catch { failure = error }
        }
        if let failure { throw failure }
        return (try parser.finish(), parser.generalLines)
    }

    /// Parses a file in chunks of `chunkSize` bytes, so that a file of any size is read in constant memory.
    static func parseFile(_ path: String, chunkSize: Int = 4 << 20) throws(InputError) -> Ledger {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(file: path, message: "filen kan inte öppnas") }
        defer { close(fd) }
        var parser = SIE4Parser(path: path)
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var filled = 0
        var failure: InputError?
        while failure == nil {
            if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + filled, raw.count - filled) }
            if n < 0 { throw InputError(file: path, message: "läsfel: \(String(cString: strerror(errno)))") }
            filled += n
            let final = n == 0
            buffer.withUnsafeBufferPointer { all in
                let chunk = UnsafeBufferPointer(rebasing: all[0..<filled])
                do throws(InputError) {
                    let consumed = try parser.consume(chunk, final: final)
                    if consumed > 0 {
                        // Move the incomplete last line to the front.
                        let rest = filled - consumed
                        if rest > 0 {
                            memmove(UnsafeMutableRawPointer(mutating: all.baseAddress!), all.baseAddress! + consumed, rest)
                        }
                        filled = rest
                    }
                } catch { failure = error }
            }
            if final { break }
        }
        if let failure { throw failure }
        return try parser.finish()
    }

    /// Processes every complete line of `buffer` (all of it when `final`) and returns the bytes consumed.
    mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>, final: Bool) throws(InputError) -> Int {
        var start = 0
        if line == 0 && buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            start = 3
            ledger.readingNotes.append("filen börjar med UTF-8-BOM")
        }
        let count = buffer.count
        guard let base = buffer.baseAddress else { return 0 }
        // U+FFFD starts with 0xEF. The common lines have none; the others are searched one by one.
        while start < count {
            if readsCommonLinesInOnePass, let next = commonLine(base, start, count) {
                start = next
                continue
            }
            guard let nl = memchr(base + start, 0x0A, count - start) else {
                if final {
                    if SIE4Parser.find(0xEF, base, from: start, to: count) < count {
                        text.scanForReplacement(buffer, from: start, to: count, line: line + 1)
                    }
                    try processLine(buffer, start: start, end: count)
                    return count
                }
                return start
            }
            let end = UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) - base
            if SIE4Parser.find(0xEF, base, from: start, to: end) < end {
                text.scanForReplacement(buffer, from: start, to: end, line: line + 1)
            }
            try processLine(buffer, start: start, end: end)
            start = end + 1
        }
        return count
    }

    // MARK: The common lines, in one pass

    /// The lines that make up nearly all of a large file, read in one pass from the line's first byte to its
    /// line break, without looking for the break first: `{` and `}` alone on their line, `#VER` with plain
    /// fields, and inside a voucher `#TRANS konto {…} belopp` with nothing after the amount. Returns the start
    /// of the next line, or nil for any other line (or one this cannot be sure of), which then takes the
    /// general path from its start. Only bytes that the general path would read the same way are accepted, so
    /// the outcome is the same.
    @inline(__always)
    private mutating func commonLine(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var i = start
        while i < count && SIE4Lexer.isSpace(base[i]) { i &+= 1 }
        guard i < count else { return nil }
        let first = base[i]
        if first == 0x23 {  // #
            guard !checksumming else { return nil }
            return inBlock ? transactionLine(base, i, count) : voucherLine(base, i, count)
        }
        guard first == 0x7B || first == 0x7D else { return nil }  // { }
        i &+= 1
        while i < count && SIE4Lexer.isSpace(base[i]) { i &+= 1 }
        guard let next = SIE4Parser.lineBreak(base, i, count) else { return nil }
        line &+= 1
        if first == 0x7B { openBlock() } else { closeBlock() }
        return next
    }

    /// `#TRANS konto {…} belopp` ending the line, from the `#` at `tagStart`; nil for anything else.
    @inline(__always)
    private mutating func transactionLine(_ base: UnsafePointer<UInt8>, _ tagStart: Int, _ count: Int) -> Int? {
        var i = tagStart
        guard count - i > 7, base[i + 1] == 0x54, base[i + 2] == 0x52, base[i + 3] == 0x41, base[i + 4] == 0x4E,
              base[i + 5] == 0x53, SIE4Lexer.isSpace(base[i + 6]) else { return nil }  // TRANS
        i &+= 7
        while i < count && SIE4Lexer.isSpace(base[i]) { i &+= 1 }
        // The account: one to five digits without a leading zero (below the table's size), then a space or
        // the object list.
        guard i < count, base[i] &- 0x31 < 9 else { return nil }
        let accountStart = i
        var number = 0
        while i < count {
            let d = base[i] &- 0x30
            if d >= 10 { break }
            number = number &* 10 &+ Int(d)
            i &+= 1
        }
        guard i &- accountStart <= 5, i < count, SIE4Lexer.isSpace(base[i]) || base[i] == 0x7B else { return nil }
        while i < count && SIE4Lexer.isSpace(base[i]) { i &+= 1 }
        // The object list, on this line, without quotes or non-ASCII bytes (which the general path checks for
        // U+FFFD).
        guard i < count, base[i] == 0x7B else { return nil }
        i &+= 1
        while i < count && base[i] != 0x7D {
            let b = base[i]
            if b == 0x22 || b == 0x0A || b >= 0x80 { return nil }
            i &+= 1
        }
        guard i < count else { return nil }
        i &+= 1
        while i < count && SIE4Lexer.isSpace(base[i]) { i &+= 1 }
        // The amount, parsed as it is scanned: `-`, 1–13 digits, `.` and one or two digits, then the line
        // break. Any other form (`12.500`, `.5`, fields after it) takes the general path.
        let negative = i < count && base[i] == 0x2D
        i &+= negative ? 1 : 0
        let digitsStart = i
        var whole: Int64 = 0
        if count &- i >= 8 {
            // Up to eight digits at once: amounts vary in length, so a loop's exit was mispredicted on most lines.
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let n = ByteWord.leadingDigits(word)
            whole = Int64(ByteWord.value(ofDigits: word, count: n))
            i &+= n
        }
        // Past eight digits, or near the end of the buffer: digit by digit.
        while i < count {
            let d = base[i] &- 0x30
            if d >= 10 { break }
            whole = whole &* 10 &+ Int64(d)
            i &+= 1
        }
        guard i > digitsStart, i &- digitsStart <= 13 else { return nil }
        var fraction: Int64 = 0
        if i < count && base[i] == 0x2E {
            i &+= 1
            guard i < count, base[i] &- 0x30 < 10 else { return nil }
            fraction = Int64(base[i] &- 0x30) &* 10
            i &+= 1
            if i < count, base[i] &- 0x30 < 10 {
                fraction &+= Int64(base[i] &- 0x30)
                i &+= 1
            }
        }
        guard let next = SIE4Parser.lineBreak(base, i, count) else { return nil }
        let magnitude = whole &* 100 &+ fraction
        let ore = negative ? -magnitude : magnitude
        line &+= 1
        addTransaction(ore, account: number)
        return next
    }

    /// `#VER serie nr datum …` from the `#` at `tagStart`, when its fields are plain tokens or quoted texts
    /// without backslashes and the line has no 0xEF (U+FFFD is counted by the general path); nil otherwise.
    /// The fields go into `fields` as the lexer would put them, for `voucher`.
    @inline(__always)
    private mutating func voucherLine(_ base: UnsafePointer<UInt8>, _ tagStart: Int, _ count: Int) -> Int? {
        var i = tagStart
        guard count - i > 5, base[i + 1] == 0x56, base[i + 2] == 0x45, base[i + 3] == 0x52,
              SIE4Lexer.isSpace(base[i + 4]) else { return nil }  // VER
        fields.count = 0
        fields.append(SIE4Field(start: i, end: i &+ 4, quoted: false, escaped: false, isList: false))
        i &+= 4
        var next = 0
        while true {
            while i < count && SIE4Lexer.isSpace(base[i]) { i &+= 1 }
            guard i < count else { return nil }
            let b = base[i]
            if b == 0x0A || b == 0x0D {
                guard let after = SIE4Parser.lineBreak(base, i, count) else { return nil }
                next = after
                break
            }
            if b == 0x22 {
                let j = SIE4Parser.quotedStop(base, i &+ 1, count)
                guard j < count, base[j] == 0x22 else { return nil }
                fields.append(SIE4Field(start: i &+ 1, end: j, quoted: true, escaped: false, isList: false))
                i = j &+ 1
            } else if b == 0x7B || b == 0x7D {
                return nil
            } else {
                let tokenStart = i
                while i < count {
                    let c = base[i]
                    if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { break }
                    if c == 0xEF { return nil }
                    i &+= 1
                }
                fields.append(SIE4Field(start: tokenStart, end: i, quoted: false, escaped: false, isList: false))
            }
        }
        guard fields.count > 3 else { return nil }
        line &+= 1
        voucher(UnsafeBufferPointer(start: base, count: count))
        return next
    }

    /// The first `"`, `\\`, line feed or 0xEF in `base[from..<count]` (or `count`): where a quoted text ends,
    /// or cannot be read the simple way. Eight bytes at a time, since voucher texts are the longest fields.
    @inline(__always)
    static func quotedStop(_ base: UnsafePointer<UInt8>, _ from: Int, _ count: Int) -> Int {
        var i = from
        let raw = UnsafeRawPointer(base)
        while i &+ 8 <= count {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let found = ByteWord.zeroBytes(x ^ ByteWord.repeated(0x22)) | ByteWord.zeroBytes(x ^ ByteWord.repeated(0x5C))
                | ByteWord.zeroBytes(x ^ ByteWord.repeated(0x0A)) | ByteWord.zeroBytes(x ^ ByteWord.repeated(0xEF))
            if found != 0 { return i &+ (found.trailingZeroBitCount >> 3) }
            i &+= 8
        }
        while i < count {
            let c = base[i]
            if c == 0x22 || c == 0x5C || c == 0x0A || c == 0xEF { return i }
            i &+= 1
        }
        return count
    }

    /// The start of the next line when `i` is at the line break (`\n` or `\r\n`), else nil.
    @inline(__always)
    static func lineBreak(_ base: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> Int? {
        guard i < count else { return nil }
        if base[i] == 0x0A { return i &+ 1 }
        if base[i] == 0x0D && i &+ 1 < count && base[i &+ 1] == 0x0A { return i &+ 2 }
        return nil
    }

    // MARK: Records

    private mutating func processLine(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end lineEnd: Int) throws(InputError) {
        line &+= 1
        generalLines &+= 1
        var end = lineEnd
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        if let brace = SIE4Parser.loneBrace(bytes, start, end) {
            // `{` and `}` alone on their line open and close a voucher; the checksum leaves braces out.
            if brace == 0x7B { openBlock() } else { closeBlock() }
            return
        }
        if inBlock && !checksumming, try fastTransaction(bytes, start, end) { return }
        let isChecksumLine = checksumming && SIE4Parser.startsWithKSUMMA(bytes, start, end)
        do {
            if checksumming && !isChecksumLine {
                try withUnsafeMutablePointer(to: &crc) { p throws(SIE4LexError) in
                    try SIE4Lexer.split(bytes, start: start, end: end, into: &fields, crc: p)
                }
            } else {
                try SIE4Lexer.split(bytes, start: start, end: end, into: &fields, crc: nil)
            }
        } catch {
            throw InputError(file: ledger.path, line: line, column: error.column, message: error.message)
        }
        if fields.isEmpty { return }
        let first = fields[0]
        if first.isList {
            if first.start == first.end && fields.count == 1 {
                if bytes[first.start - 1] == 0x7B { openBlock() } else { closeBlock() }
                return
            }
            report(.warning, "sie.rad", "raden börjar med en objektlista, inte med en #etikett; den läses inte", column: 0)
            return
        }
        guard first.end - first.start >= 2, bytes[first.start] == 0x23, !first.quoted else {
            report(.warning, "sie.rad", "raden börjar inte med en #etikett; den läses inte", column: 0)
            return
        }
        let tag = SIE4Parser.tagKey(bytes, first.start + 1, first.end)
        try record(tag, bytes)
    }

    private mutating func record(_ tag: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) {
        switch tag {
        case Tag.trans, Tag.rtrans, Tag.btrans: try transaction(tag, bytes)
        case Tag.ver: voucher(bytes)
        case Tag.ib: try balance(.ib, "#IB", bytes)
        case Tag.ub: try balance(.ub, "#UB", bytes)
        case Tag.res: try balance(.res, "#RES", bytes)
        case Tag.psaldo: try periodAmount(.psaldo, "#PSALDO", bytes)
        case Tag.pbudget: try periodAmount(.pbudget, "#PBUDGET", bytes)
        case Tag.oib, Tag.oub: count(tag == Tag.oib ? "#OIB" : "#OUB")
        case Tag.konto:
            if let account = field(1, bytes) {
                ledger.accountNames[account] = (fields.count > 2 ? string(2, bytes) : "", line)
            }
        case Tag.ktyp:
            if let account = field(1, bytes), let kind = field(2, bytes) {
                if let type = Ledger.AccountType(ktyp: kind) { ledger.accountTypes[account] = type }
                else { report(.warning, "sie.ktyp", "okänd kontotyp \(kind) för konto \(account) (väntade T, S, K eller I)", column: 2) }
            }
        case Tag.rar: rar(bytes)
        case Tag.fnamn: ledger.companyName = string(1, bytes)
        case Tag.orgnr: ledger.orgnr = Ledger.normaliseOrgnr(string(1, bytes))
        case Tag.program:
            let name = string(1, bytes), version = string(2, bytes)
            ledger.program = version.isEmpty ? name : "\(name) \(version)"
        case Tag.format:
            let declared = string(1, bytes)
            ledger.readingNotes.append("#FORMAT \(declared)")
            if declared.uppercased() != "PC8" {
                report(.info, "sie.kodning", "#FORMAT \(declared): standarden känner bara PC8; texten läses som UTF-8 där den är giltig UTF-8, annars som PC8", column: 1)
            }
        case Tag.sietyp: ledger.sieType = string(1, bytes)
        case Tag.kptyp: ledger.chartType = string(1, bytes)
        case Tag.gen:
            if fields.count > 1 { ledger.generated = day(fields[1], bytes) }
        case Tag.omfattn:
            if fields.count > 1 { coverage = day(fields[1], bytes); coverageLine = line }
        case Tag.valuta:
            let currency = string(1, bytes)
            if currency.uppercased() != "SEK" {
                report(.warning, "sie.valuta", "redovisningsvalutan är \(currency), inte SEK; beloppen läses som de står", column: 1)
            }
        case Tag.ksumma: try checksum(bytes)
        case Tag.flagga, Tag.fnr, Tag.adress, Tag.bkod, Tag.ftyp, Tag.prosa, Tag.taxar, Tag.sru, Tag.dim, Tag.underdim,
             Tag.objekt, Tag.enhet:
            break
        default:
            let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[0].start..<fields[0].end]), as: UTF8.self)
            unknownTags[name, default: (0, line)].count += 1
        }
    }

    private mutating func transaction(_ tag: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) {
        transactions &+= 1
        guard inBlock else {
            report(.error, "sie.trans", "transaktionsrad utanför en verifikations { }; den räknas inte", column: 0)
            return
        }
        guard fields.count >= 3 else { throw failure("transaktionen saknar konto eller belopp", column: fields.count) }
        let amountIndex = fields[2].isList ? 3 : 2
        guard amountIndex < fields.count else { throw failure("transaktionen saknar belopp", column: amountIndex) }
        let f = fields[amountIndex]
        guard let ore = SIE4Number.ore(bytes, from: f.start, to: f.end) else {
            throw failure("beloppet \(raw(f, bytes)) är inget SIE-belopp (punkt som decimaltecken, högst två decimaler)", column: amountIndex)
        }
        // #RTRANS (added) is always followed by the same row as #TRANS, and #BTRANS (removed) is not part of
        // the voucher: reading only #TRANS gives the voucher as it stands (SIE filformat 4C, #RTRANS 5–6).
        guard tag == Tag.trans else { return }
        voucherSum &+= ore
        let a = fields[1]
        if let number = SIE4Parser.accountNumber(bytes, a.start, a.end), number < AccountSums.capacity {
            if currentOre == nil { openSums() }
            if currentCount![number] == 0 { currentLine![number] = Int32(truncatingIfNeeded: line) }
            currentOre![number] &+= ore
            currentCount![number] &+= 1
        } else {
            let account = string(1, bytes)
            guard !account.isEmpty else {
                report(.error, "sie.trans", "#TRANS utan kontonummer; beloppet räknas inte till något konto", column: 1)
                return
            }
            transSumsOther[OtherAccount(year: voucherYear, account: account), default: Sum(ore: 0, line: Int32(truncatingIfNeeded: line), count: 0)].add(ore)
        }
    }

    /// `#TRANS konto {…} belopp …` read straight from the bytes: the bulk of a large file. Anything unusual
    /// (letters in the account, quotes in the object list, an amount that does not read) returns false and
    /// the line takes the general path, which reports it. Fields after the amount are split only to check
    /// their quotes, as the general path would.
    @inline(__always)
    private mutating func fastTransaction(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(InputError) -> Bool {
        var i = start
        while i < end && SIE4Lexer.isSpace(bytes[i]) { i &+= 1 }
        guard end - i > 7, bytes[i] == 0x23, bytes[i + 1] == 0x54, bytes[i + 2] == 0x52, bytes[i + 3] == 0x41,
              bytes[i + 4] == 0x4E, bytes[i + 5] == 0x53, SIE4Lexer.isSpace(bytes[i + 6]) else { return false }
        i += 7
        while i < end && SIE4Lexer.isSpace(bytes[i]) { i &+= 1 }
        let accountStart = i
        while i < end && !SIE4Lexer.isSpace(bytes[i]) && bytes[i] != 0x7B { i &+= 1 }
        guard let number = SIE4Parser.accountNumber(bytes, accountStart, i), number < AccountSums.capacity else { return false }
        while i < end && SIE4Lexer.isSpace(bytes[i]) { i &+= 1 }
        guard i < end, bytes[i] == 0x7B else { return false }
        i &+= 1
        while i < end && bytes[i] != 0x7D {
            if bytes[i] == 0x22 { return false }
            i &+= 1
        }
        guard i < end else { return false }
        i &+= 1
        while i < end && SIE4Lexer.isSpace(bytes[i]) { i &+= 1 }
        let amountStart = i
        while i < end && !SIE4Lexer.isSpace(bytes[i]) { i &+= 1 }
        guard let ore = SIE4Number.ore(bytes, from: amountStart, to: i) else { return false }
        if i < end {
            do {
                try SIE4Lexer.split(bytes, start: i, end: end, into: &fields, crc: nil)
            } catch {
                throw InputError(file: ledger.path, line: line, column: 4 + error.column, message: error.message)
            }
        }
        addTransaction(ore, account: number)
        return true
    }

    /// A `#TRANS` of `ore` on account `number` at `line`, read by either path: counted into its voucher and its
    /// year's sums.
    @inline(__always)
    private mutating func addTransaction(_ ore: Int64, account number: Int) {
        transactions &+= 1
        voucherSum &+= ore
        if currentOre == nil { openSums() }
        if currentCount![number] == 0 { currentLine![number] = Int32(truncatingIfNeeded: line) }
        currentOre![number] &+= ore
        currentCount![number] &+= 1
    }

    private mutating func openSums() {
        let sums = yearSums[voucherYear] ?? AccountSums()
        yearSums[voucherYear] = sums
        useSums(sums)
    }

    private mutating func useSums(_ sums: AccountSums?) {
        currentOre = sums?.ore
        currentLine = sums?.line
        currentCount = sums?.count
    }

    private mutating func voucher(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let open = voucherLine {
            report(.error, "sie.ver", "verifikationen på rad \(open) avslutas aldrig med }; dess rader räknas ändå", column: 0)
            if inBlock { closeBlock() }
        }
        voucherLine = line
        inBlock = false
        voucherLabel.set(bytes, fields)
        let previousYear = voucherYear
        voucherYear = 0
        guard fields.count > 3, let date = SIE4Number.date(bytes, from: fields[3].start, to: fields[3].end) else {
            report(.error, "sie.ver", "verifikationen saknar giltigt datum (ÅÅÅÅMMDD); den räknas till år 0", column: 3)
            useSums(yearSums[0])
            return
        }
        firstVoucherDate = min(firstVoucherDate ?? date, date)
        lastVoucherDate = max(lastVoucherDate ?? date, date)
        if yearRanges.isEmpty {
            if previousYear != 0 || currentOre == nil { useSums(yearSums[0]) }
            return
        }
        for r in yearRanges where r.start <= date && date <= r.end {
            voucherYear = r.year
            // Vouchers come in date order, mostly of one year: look the table up only when the year changes.
            if r.year != previousYear || currentOre == nil { useSums(yearSums[r.year]) }
            return
        }
        outsideYear += 1
        if outsideYearLine == nil { outsideYearLine = line }
        useSums(yearSums[0])
    }

    private mutating func openBlock() {
        guard voucherLine != nil, !inBlock else {
            report(.error, "sie.ver", "{ utan föregående #VER", column: 0)
            return
        }
        inBlock = true
        voucherSum = 0
    }

    private mutating func closeBlock() {
        guard inBlock, let open = voucherLine else {
            report(.error, "sie.ver", "} utan öppen verifikation", column: 0)
            return
        }
        if voucherYear >= -8 && voucherYear <= 8 { voucherCounts[voucherYear &+ 8] &+= 1 } else { ledger.vouchers[voucherYear, default: 0] += 1 }
        if voucherSum != 0 {
            unbalanced += 1
            let label = SIE4Text.decode(voucherLabel.bytes)
            record(.error, "sie.ver-balans",
                   "verifikation \(label.trimmingCharacters(in: .whitespaces)) balanserar inte: transaktionerna summerar till \(SIE4Number.text(ore: voucherSum)) kr i stället för 0",
                   line: open, column: 0)
        }
        inBlock = false
        voucherLine = nil
    }

    private mutating func balance(_ kind: LedgerColumn.Kind, _ name: String, _ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) {
        count(name)
        guard fields.count >= 4, let year = integer(1, bytes), let account = field(2, bytes) else {
            throw failure("\(name) ska ha årsnr, konto och saldo", column: min(fields.count, 3))
        }
        let f = fields[3]
        guard let ore = SIE4Number.ore(bytes, from: f.start, to: f.end) else {
            throw failure("saldot \(raw(f, bytes)) är inget SIE-belopp (punkt som decimaltecken, högst två decimaler)", column: 3)
        }
        ledger.set(LedgerColumn(kind: kind, year: year), account: account, Ledger.Amount(ore: ore, line: line, column: 3), tag: name)
    }

    /// `#PSALDO`/`#PBUDGET årsnr period konto {objekt} saldo`: the account's own rows (empty object list) are
    /// summed over the year; rows per object are breakdowns of those and only counted.
    private mutating func periodAmount(_ kind: LedgerColumn.Kind, _ name: String, _ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) {
        count(name)
        guard fields.count >= 5, let year = integer(1, bytes), let account = field(3, bytes) else {
            throw failure("\(name) ska ha årsnr, period, konto, objektlista och saldo", column: min(fields.count, 4))
        }
        let hasList = fields[4].isList
        let amountIndex = hasList ? 5 : 4
        guard amountIndex < fields.count else { throw failure("\(name) saknar saldo", column: amountIndex) }
        let f = fields[amountIndex]
        guard let ore = SIE4Number.ore(bytes, from: f.start, to: f.end) else {
            throw failure("saldot \(raw(f, bytes)) är inget SIE-belopp", column: amountIndex)
        }
        if hasList && !SIE4Lexer.allSpace(bytes, fields[4].start, fields[4].end) {
            count(name + " per objekt")
            return
        }
        ledger.add(LedgerColumn(kind: kind, year: year), account: account, ore: ore, line: line, column: amountIndex)
    }

    private mutating func rar(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let year = integer(1, bytes) else {
            report(.warning, "sie.rar", "#RAR utan årsnummer", column: 1)
            return
        }
        let start = fields.count > 2 ? day(fields[2], bytes) : nil
        let end = fields.count > 3 ? day(fields[3], bytes) : nil
        if fields.count > 3 && (start == nil || end == nil) {
            report(.warning, "sie.rar", "#RAR \(year) har inga giltiga datum (ÅÅÅÅMMDD)", column: 2)
        }
        ledger.years[year] = Ledger.FiscalYear(start: start, end: end, line: line)
        yearRanges = ledger.years.compactMap { y, fy in
            guard let s = fy.start, let e = fy.end else { return nil }
            return (y, s.year * 10000 + s.month * 100 + s.day, e.year * 10000 + e.month * 100 + e.day)
        }.sorted { abs($0.year) < abs($1.year) }
    }

    private mutating func checksum(_ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) {
        if fields.count == 1 {
            if checksumStartLine == nil {
                checksumStartLine = line
                checksumming = true
                crc = CRC32()
            }
            return
        }
        let given = raw(fields[1], bytes)
        guard checksumming, let start = checksumStartLine else {
            report(.warning, "sie.ksumma", "avslutande #KSUMMA utan inledande #KSUMMA; kontrollsumman kan inte prövas", column: 1)
            return
        }
        checksumming = false
        guard let expected = UInt32(given) else {
            throw failure("kontrollsumman \(given) är inget tal", column: 1)
        }
        if crc.value != expected {
            throw failure("kontrollsumman stämmer inte: filen anger \(expected) men raderna \(start + 1)–\(line - 1) ger \(crc.value); filen har ändrats eller skadats efter att den skrevs", column: 1)
        }
        checksumVerified = true
        ledger.readingNotes.append("kontrollsumman (#KSUMMA \(expected)) stämmer för raderna \(start + 1)–\(line - 1)")
    }

    // MARK: End of file

    mutating func finish() throws(InputError) -> Ledger {
        if checksumming, let start = checksumStartLine {
            throw InputError(file: ledger.path, line: start, column: 0,
                             message: "filen inleds med #KSUMMA men saknar avslutande kontrollsumma: den är avkortad")
        }
        if let open = voucherLine {
            record(.error, "sie.ver", "verifikationen avslutas aldrig med } före filens slut", line: open, column: 0)
            if inBlock { closeBlock() }
        }
        for (year, sums) in yearSums {
            for account in 0..<AccountSums.capacity where sums.count[account] > 0 {
                ledger.add(LedgerColumn(kind: .trans, year: year), account: String(account), ore: sums.ore[account],
                           line: Int(sums.line[account]), column: 3, count: Int(sums.count[account]))
            }
        }
        for (key, sum) in transSumsOther {
            ledger.add(LedgerColumn(kind: .trans, year: key.year), account: key.account, ore: sum.ore, line: Int(sum.line), column: 3, count: Int(sum.count))
        }
        if let first = firstVoucherDate, let last = lastVoucherDate,
           let a = Day(year: first / 10000, month: (first / 100) % 100, day: first % 100),
           let b = Day(year: last / 10000, month: (last / 100) % 100, day: last % 100) {
            ledger.voucherDates = a...b
        }
        for (i, n) in voucherCounts.enumerated() where n > 0 { ledger.vouchers[i - 8, default: 0] += n }
        ledger.recordCounts["#TRANS"] = transactions
        ledger.recordCounts["#VER"] = ledger.vouchers.values.reduce(0, +)
        if outsideYear > 0, let first = outsideYearLine {
            record(.warning, "sie.ver-datum", "\(outsideYear) verifikationer är daterade utanför räkenskapsåren i #RAR (första på rad \(first)); de räknas till år 0",
                   line: first, column: 3)
        }
        for (code, n) in diagnosticCounts where n > SIE4Parser.diagnosticsPerCode {
            ledger.note(.info, code, "ytterligare \(n - SIE4Parser.diagnosticsPerCode) likadana anmärkningar visas inte", line: line)
        }
        for (tag, seen) in unknownTags.sorted(by: { $0.value.line < $1.value.line }) {
            ledger.note(.info, "sie.okand-post", "okänd post \(tag) (\(seen.count) st) lästes inte", line: seen.line, column: 0)
        }
        if text.replacementCharacters > 0, let first = text.firstReplacementLine {
            ledger.note(.warning, "sie.kodning",
                        "texten innehåller \(text.replacementCharacters) ersättningstecken (U+FFFD): tecken som å, ä och ö har förstörts vid en teckenkonvertering innan filen skrevs",
                        line: first)
        }
        if text.utf8Fields > 0, let first = text.firstUTF8Line {
            ledger.readingNotes.append("text lästes som UTF-8 (\(text.utf8Fields) fält, första på rad \(first))\(text.pc8Fields > 0 ? " och som PC8 (\(text.pc8Fields) fält)" : "")")
            if text.pc8Fields == 0 {
                ledger.note(.info, "sie.kodning", "filen är skriven i UTF-8 fast SIE 4 föreskriver PC8 (#FORMAT PC8)", line: first)
            }
        } else if text.pc8Fields > 0 {
            ledger.readingNotes.append("text lästes som PC8 (teckentabell 437)")
        }
        if let coverage, let start = ledger.years[0]?.start, let end = ledger.years[0]?.end, coverage < end {
            if coverage < start {
                ledger.note(.info, "sie.omfattning", "#OMFATTN \(coverage) ligger före räkenskapsåret och används inte", line: coverageLine)
            } else {
                ledger.note(.warning, "sie.omfattning", "saldona omfattar bara tiden till \(coverage) (#OMFATTN), inte hela räkenskapsåret till \(end)", line: coverageLine)
            }
        }
        if unbalanced > 0 { ledger.readingNotes.append("\(unbalanced) verifikationer balanserar inte") }
        return ledger
    }

    // MARK: Helpers

    private mutating func count(_ name: String) { ledger.recordCounts[name, default: 0] += 1 }

    private mutating func report(_ severity: Severity, _ code: String, _ message: String, column: Int?) {
        record(severity, code, message, line: line, column: column)
    }

    /// Adds a diagnostic, keeping at most `diagnosticsPerCode` of each kind (a file with a million bad rows
    /// says so once, with a count).
    private mutating func record(_ severity: Severity, _ code: String, _ message: String, line: Int, column: Int?) {
        diagnosticCounts[code, default: 0] += 1
        if diagnosticCounts[code]! <= SIE4Parser.diagnosticsPerCode {
            ledger.note(severity, code, message, line: line, column: column)
        }
    }

    private func failure(_ message: String, column: Int) -> InputError {
        InputError(file: ledger.path, line: line, column: column, message: message)
    }

    private mutating func string(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard index < fields.count else { return "" }
        return text.string(bytes, fields[index], line: line)
    }

    /// A field's text, nil when absent or empty.
    private mutating func field(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let s = string(index, bytes)
        return s.isEmpty ? nil : s
    }

    private func raw(_ f: SIE4Field, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self)
    }

    private func integer(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard index < fields.count else { return nil }
        return SIE4Number.integer(bytes, from: fields[index].start, to: fields[index].end)
    }

    private func day(_ f: SIE4Field, _ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let d = SIE4Number.date(bytes, from: f.start, to: f.end) else { return nil }
        return Day(year: d / 10000, month: (d / 100) % 100, day: d % 100)
    }

    @inline(__always)
    static func accountNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard end > start, end - start <= 12, bytes[start] != 0x30 || end - start == 1 else { return nil }
        return SIE4Number.digits(bytes, from: start, to: end)
    }

    /// `{` or `}` when it is all the line holds (besides spaces).
    @inline(__always)
    static func loneBrace(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt8? {
        var i = start
        while i < end && SIE4Lexer.isSpace(bytes[i]) { i &+= 1 }
        guard i < end, bytes[i] == 0x7B || bytes[i] == 0x7D else { return nil }
        let brace = bytes[i]
        i &+= 1
        while i < end && SIE4Lexer.isSpace(bytes[i]) { i &+= 1 }
        return i == end ? brace : nil
    }

    /// Offset of the first `byte` in `base[from..<to]`, or `to`.
    @inline(__always)
    static func find(_ byte: Int32, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        guard from < to, let p = memchr(base + from, byte, to - from) else { return to }
        return UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self) - base
    }

    static func startsWithKSUMMA(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end && SIE4Lexer.isSpace(bytes[i]) { i &+= 1 }
        guard end - i >= 7, bytes[i] == 0x23, bytes[i + 1] == 0x4B else { return false }
        return tagKey(bytes, i + 1, min(end, i + 7)) == Tag.ksumma && (end == i + 7 || SIE4Lexer.isSpace(bytes[i + 7]))
    }

    /// The tag's letters packed into an integer (tags have at most eight letters), upper-cased.
    @inline(__always)
    static func tagKey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        guard end - start <= 8 else { return 0 }
        var key: UInt64 = 0
        var i = start
        while i < end {
            var b = bytes[i]
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            key = key << 8 | UInt64(b)
            i &+= 1
        }
        return key
    }

    /// Tags packed as `tagKey` packs them, written out so that they are constants, not lazily built globals.
    enum Tag {
        static func key(_ s: StaticString) -> UInt64 {
            s.withUTF8Buffer { b in b.reduce(0) { $0 << 8 | UInt64($1) } }
        }
        static let trans: UInt64 = 0x5452414E53, rtrans: UInt64 = 0x525452414E53, btrans: UInt64 = 0x425452414E53
        static let ver: UInt64 = 0x564552, ib: UInt64 = 0x4942, ub: UInt64 = 0x5542, res: UInt64 = 0x524553
        static let oib: UInt64 = 0x4F4942, oub: UInt64 = 0x4F5542, psaldo: UInt64 = 0x5053414C444F
        static let pbudget: UInt64 = 0x50425544474554, konto: UInt64 = 0x4B4F4E544F, ktyp: UInt64 = 0x4B545950
        static let sru: UInt64 = 0x535255, rar: UInt64 = 0x524152, fnamn: UInt64 = 0x464E414D4E
        static let orgnr: UInt64 = 0x4F52474E52, program: UInt64 = 0x50524F4752414D, format: UInt64 = 0x464F524D4154
        static let sietyp: UInt64 = 0x534945545950, kptyp: UInt64 = 0x4B50545950, gen: UInt64 = 0x47454E
        static let omfattn: UInt64 = 0x4F4D464154544E, valuta: UInt64 = 0x56414C555441, ksumma: UInt64 = 0x4B53554D4D41
        static let flagga: UInt64 = 0x464C41474741, fnr: UInt64 = 0x464E52, adress: UInt64 = 0x414452455353
        static let bkod: UInt64 = 0x424B4F44, ftyp: UInt64 = 0x46545950, prosa: UInt64 = 0x50524F5341
        static let taxar: UInt64 = 0x5441584152, dim: UInt64 = 0x44494D, underdim: UInt64 = 0x554E44455244494D
        static let objekt: UInt64 = 0x4F424A454B54, enhet: UInt64 = 0x454E484554

        static let all: [(String, UInt64)] = [
            ("TRANS", trans), ("RTRANS", rtrans), ("BTRANS", btrans), ("VER", ver), ("IB", ib), ("UB", ub), ("RES", res),
            ("OIB", oib), ("OUB", oub), ("PSALDO", psaldo), ("PBUDGET", pbudget), ("KONTO", konto), ("KTYP", ktyp),
            ("SRU", sru), ("RAR", rar), ("FNAMN", fnamn), ("ORGNR", orgnr), ("PROGRAM", program), ("FORMAT", format),
            ("SIETYP", sietyp), ("KPTYP", kptyp), ("GEN", gen), ("OMFATTN", omfattn), ("VALUTA", valuta),
            ("KSUMMA", ksumma), ("FLAGGA", flagga), ("FNR", fnr), ("ADRESS", adress), ("BKOD", bkod), ("FTYP", ftyp),
            ("PROSA", prosa), ("TAXAR", taxar), ("DIM", dim), ("UNDERDIM", underdim), ("OBJEKT", objekt), ("ENHET", enhet),
        ]
    }
}

private extension SIE4Parser.Sum {
    @inline(__always) mutating func add(_ ore: Int64) {
        self.ore &+= ore
        count &+= 1
    }
}

/// Voucher sums of one fiscal year, indexed by account number: the hot loop adds without hashing.
final class AccountSums {
    static let capacity = 100_000
    let ore: UnsafeMutablePointer<Int64>
    let line: UnsafeMutablePointer<Int32>
    let count: UnsafeMutablePointer<Int32>

    init() {
        ore = .allocate(capacity: AccountSums.capacity)
        ore.initialize(repeating: 0, count: AccountSums.capacity)
        line = .allocate(capacity: AccountSums.capacity)
        line.initialize(repeating: 0, count: AccountSums.capacity)
        count = .allocate(capacity: AccountSums.capacity)
        count.initialize(repeating: 0, count: AccountSums.capacity)
    }

    deinit {
        ore.deallocate()
        line.deallocate()
        count.deallocate()
    }

}

/// The series and number of the open voucher, copied into a fixed buffer.
final class VoucherLabel {
    static let capacity = 64
    let base = UnsafeMutablePointer<UInt8>.allocate(capacity: VoucherLabel.capacity)
    var length = 0

    deinit { base.deallocate() }

    func set(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: SIE4FieldList) {
        length = 0
        for k in 1...2 where k < fields.count {
            if k > 1 && length < VoucherLabel.capacity { base[length] = 0x20; length += 1 }
            let f = fields[k]
            // A byte loop: the series and number are a few bytes, too short for a call of memmove.
            var j = f.start
            while j < f.end && length < VoucherLabel.capacity {
                base[length] = bytes[j]
                length &+= 1
                j &+= 1
            }
        }
    }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: length)) }
}

/// Eight bytes in a word, tested all at once.
enum ByteWord {
    @inline(__always) static func repeated(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// How many of the word's bytes, from its first (lowest), are ASCII digits: 0…8.
    @inline(__always) static func leadingDigits(_ x: UInt64) -> Int {
        // A digit is 0x30…0x39: high nibble 3, low nibble at most 9. Both tests stay inside their byte.
        let high = (x & 0xF0F0_F0F0_F0F0_F0F0) ^ 0x3030_3030_3030_3030
        let highWrong = (((high & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | high) & 0x8080_8080_8080_8080
        let lowWrong = (((x & 0x0F0F_0F0F_0F0F_0F0F) &+ 0x0606_0606_0606_0606) & 0x1010_1010_1010_1010) &<< 3
        return (highWrong | lowWrong).trailingZeroBitCount &>> 3
    }

    /// The number written by the word's first `count` bytes (digits, as `leadingDigits` counted them).
    @inline(__always) static func value(ofDigits x: UInt64, count: Int) -> UInt64 {
        guard count > 0 else { return 0 }
        // The digits moved to the top, zeros before them; then pairs, fours and eights combined by multiplying.
        var v = (x & 0x0F0F_0F0F_0F0F_0F0F) &<< UInt64(8 &* (8 &- count))
        v = (v &* 2561) &>> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
        return v
    }

    /// The high bit of each zero byte of `x`. Bytes above a zero byte may be marked too (the borrow runs
    /// on), so only the lowest mark is exact: enough to find the first.
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }
}
