import Foundation
import Testing
@testable import FinsamModel
@testable import FinsamReaders

/// The SIE 4 parser reads `{`, `}`, `#VER` and `#TRANS` lines in one pass over their bytes and leaves every
/// other line to the general path. These tests build ledgers from ordinary and unusual lines (tabs, CR-less
/// lines, escaped quotes, U+FFFD, object lists, amounts the fast path must refuse) and hold the outcome of
/// both readings equal: amounts, lines, diagnostics, counts and errors with their line and column.
@Suite("SIE 4: one-pass lines read as the general path reads them")
struct SIE4OnePassTests {
    static let header: [String] = [
        "#FLAGGA 0", "#PROGRAM \"prov\" 1", "#FORMAT PC8", "#SIETYP 4", "#FNAMN \"Prov AB\"", "#ORGNR 556677-8899",
        "#RAR 0 20240101 20241231", "#RAR -1 20230101 20231231", "#KONTO 1930 \"Bank\"", "#IB 0 1930 100.00",
    ]

    /// Transaction lines: the common form, then forms the one-pass reading must hand on or read alike.
    static let transactions: [[UInt8]] = [
        "   #TRANS 1930 {} 100.00", "#TRANS 1930 {} -100.00", "\t#TRANS\t3010\t{}\t-5.5", "#TRANS 1930 {} 5.", "#TRANS 1930 {} .5",
        "#TRANS 1930 {} 12.500", "#TRANS 0 {} 1.00", "#TRANS 01930 {} 1.00", "#TRANS 193000 {} 1.00", "#TRANS 99999 {} 1.00",
        "#TRANS 1930{} 1.00", "#TRANS 1930 {1 \"Nord\"} 1.00", "#TRANS 1930 {1 Nord} 1.00", "#TRANS 1930 {} 1.00 20240101 \"text\"",
        "#TRANS 1930 {} 1.00 ", "#trans 1930 {} 1.00", "#TRANS 1930 {} -0", "#TRANS A1 {} 1.00", "#TRANS 1930 { } 3",
        "#TRANS 1930 {}  7.1  ", "#RTRANS 1930 {} 1.00", "#BTRANS 1930 {} 1.00", "#TRANS 1930 {} 1.00\t", "#TRANS 1930 {} 1234567890123.00",
    ].map { Array($0.utf8) } + SIE4OnePassTests.nonASCIITransactions

    static let nonASCIITransactions: [[UInt8]] = {
        let u = { (s: String) -> [UInt8] in Array(s.utf8) }
        return [u("#TRANS 1930 {1 S") + [0x84, 0xEF, 0xBF, 0xBD] + u("} 1.00"), u("#TRANS 1930 {\r} 1.00")]
    }()

    /// Lines that stop the file with an error; each file gets at most one, so that what comes before it is compared too.
    static let fatal: [[UInt8]] = [
        "#TRANS 1930 {} +1.00", "#TRANS 1930 {} -", "#TRANS 1930 {} 1\r0", "#TRANS 1930 {} 1,00", "#TRANS 1930 {} 1.2.3",
        "#TRANS 1930 {} 12.501", "#TRANS 1930 {} 12345678901234.00", "#TRANS 1930 {} 1.00 \"open", "#TRANS 1930 {}",
        "#TRANS 1930 {} 1.00\r", "#VER \"A\" \"8\" 20240110 \"open", "{ x", "{\r",
    ].map { Array($0.utf8) }

    static let vouchers: [[UInt8]] = [
        "#VER \"A\" \"1\" 20240105 \"Text\" 20240105", "#VER A 2 20240106 \"Med \\\"citat\\\"\" 20240106", "#VER \"A\" \"3\" 20240107",
        "#VER \"A\" \"4\"", "#VER \"A\" \"5\" 2024010", "#VER \"A\" \"9\" 20240111 {1 x}", "#VER\t\"A\"\t\"10\"\t20240112\t\"t\"",
        "#VER \"A\" \"11\" 20250101 \"utanför\"", "#ver \"A\" \"13\" 20240113", "#VER \"A\" \"14\" 20240114 ab\"c d\"",
        "#VER \"A\"\"15\" 20240114 \"x\"y", "#VER \"\" \"\" 20240115 \"\"", "#VER \"A\" \"16\" 20240116 \"C:\\Dir\\\"",
        "#VER \"A\" \"17\" 20240117 \"x\"\r", "#VER \"A\" \"18\" 20240118 \"a\rb\"", "#VER \"A\" \"19\" 20240119 \"a\" }",
        "#VERX \"A\" \"20\" 20240120", "#VER \"A\" \"21\" 20240121 \"a\"  \"b\"  ", "#VER", "#VER ",
        "#VER \"A\" \"22\" 20240122 \"a longer voucher text than eight bytes\" 20240122 \"sign\"",
    ].map { Array($0.utf8) } + SIE4OnePassTests.nonASCIIVouchers

    static let nonASCIIVouchers: [[UInt8]] = {
        let u = { (s: String) -> [UInt8] in Array(s.utf8) }
        var lines: [[UInt8]] = []
        lines.append(u("#VER \"A\" \"6\" 20240108 \"R") + [0x84] + u("ttelse\""))
        lines.append(u("#VER \"A\" \"7\" 20240109 \"Bad ") + [0xEF, 0xBF, 0xBD, 0x22])
        lines.append(u("#VER \"A\" 24") + [0xEF] + u(" 20240124"))
        lines.append(u("#VER \"A\" \"25\" 20240125 x") + [0x01] + u("y"))
        return lines
    }()
    static let opens: [[UInt8]] = ["{", "  {  ", "{\t"].map { Array($0.utf8) }
    static let closes: [[UInt8]] = ["}", " } ", "}\t", "} x", "}\r"].map { Array($0.utf8) }

    /// A deterministic generator (SplitMix64), so that a failing file can be made again.
    struct Numbers {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static func file(seed: UInt64) -> [UInt8] {
        var r = Numbers(state: seed)
        let breakBytes: [UInt8] = r.next(2) == 0 ? [0x0D, 0x0A] : [0x0A]
        var lines: [[UInt8]] = header.map { Array($0.utf8) }
        var fatalLeft = r.next(3) == 0
        for _ in 0..<30 {
            lines.append(r.next(2) == 0 ? r.pick(vouchers) : vouchers[0])
            lines.append(r.next(5) == 0 ? r.pick(opens) : [0x7B])
            for _ in 0..<r.next(5) {
                if fatalLeft && r.next(40) == 0 {
                    lines.append(r.pick(fatal))
                    fatalLeft = false
                } else {
                    lines.append(r.next(3) == 0 ? r.pick(transactions) : transactions[0])
                }
            }
            lines.append(r.next(5) == 0 ? r.pick(closes) : [0x7D])
        }
        var bytes: [UInt8] = r.next(5) == 0 ? [0xEF, 0xBB, 0xBF] : []
        for line in lines { bytes += line + breakBytes }
        if r.next(3) == 0 { bytes.removeLast(breakBytes.count) }
        return bytes
    }

    /// Everything the parser found, as text: amounts with their lines, diagnostics, counts, notes; or the error.
    static func outcome(_ bytes: [UInt8], onePass: Bool) -> (summary: String, generalLines: Int) {
        do {
            let (ledger, general) = try SIE4Parser.parseCounting(bytes, path: "prov.se", onePass: onePass)
            var out: [String] = []
            for (column, byAccount) in ledger.amounts.sorted(by: { "\($0.key)" < "\($1.key)" }) {
                for (account, a) in byAccount.sorted(by: { $0.key < $1.key }) {
                    out.append("\(column) \(account) \(a.ore) \(a.line):\(a.column) ×\(a.count)")
                }
            }
            out += ledger.diagnostics.map { "\($0)" }
            out += ledger.recordCounts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            out += ledger.vouchers.sorted { $0.key < $1.key }.map { "ver \($0.key)=\($0.value)" }
            out += ledger.readingNotes
            out.append("\(String(describing: ledger.voucherDates))")
            return (out.joined(separator: "\n"), general)
        } catch {
            return ("error \(error)", -1)
        }
    }

    @Test func generatedLedgersReadAlike() {
        var generalSaved = 0
        var failures = 0
        for seed in UInt64(1)...300 {
            let bytes = SIE4OnePassTests.file(seed: seed)
            let fast = SIE4OnePassTests.outcome(bytes, onePass: true)
            let general = SIE4OnePassTests.outcome(bytes, onePass: false)
            #expect(fast.summary == general.summary, "seed \(seed)")
            if fast.generalLines >= 0 { generalSaved += general.generalLines - fast.generalLines }
            if fast.generalLines < 0 { failures += 1 }
        }
        // The files exercise both paths and the errors: the one-pass reading took thousands of lines, and
        // some files stopped on a fatal line.
        #expect(generalSaved > 10_000)
        #expect(failures > 10)
    }

    @Test func everyLineKindReadsAlikeAlone() {
        for line in SIE4OnePassTests.transactions + SIE4OnePassTests.fatal + SIE4OnePassTests.vouchers {
            for breakBytes: [UInt8] in [[0x0A], [0x0D, 0x0A], []] {
                var bytes: [UInt8] = []
                for l in SIE4OnePassTests.header { bytes += Array(l.utf8) + [0x0A] }
                bytes += Array("#VER \"A\" \"1\" 20240105 \"Text\"\n{\n".utf8) + line + breakBytes
                bytes += Array("}\n".utf8) + line + breakBytes
                let fast = SIE4OnePassTests.outcome(bytes, onePass: true)
                let general = SIE4OnePassTests.outcome(bytes, onePass: false)
                #expect(fast.summary == general.summary, "\(String(decoding: line, as: UTF8.self).debugDescription)")
            }
        }
    }
}

@Suite("SIE 4: amounts read eight digits at a time")
struct SIE4AmountWordTests {
    @Test func digitsAndTheirValueMatchAByteLoop() {
        var r = SIE4OnePassTests.Numbers(state: 99)
        let alphabet: [UInt8] = Array("0123456789".utf8) + [0x2E, 0x2D, 0x20, 0x0D, 0x0A, 0x2F, 0x3A, 0x00, 0xB0, 0xB9, 0x39 | 0x80, 0x7F]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<8 { bytes.append(r.next(3) == 0 ? r.pick(alphabet) : UInt8(0x30 + r.next(10))) }
            let word = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            var n = 0
            var value: UInt64 = 0
            while n < 8, bytes[n] >= 0x30, bytes[n] <= 0x39 { value = value * 10 + UInt64(bytes[n] - 0x30); n += 1 }
            #expect(ByteWord.leadingDigits(word) == n, "\(bytes)")
            #expect(ByteWord.value(ofDigits: word, count: n) == value, "\(bytes)")
        }
    }

    @Test func amountsOfEveryLengthReadAlike() {
        var r = SIE4OnePassTests.Numbers(state: 7)
        var header: [UInt8] = []
        for l in SIE4OnePassTests.header { header += Array(l.utf8) + [0x0A] }
        header += Array("#VER \"A\" \"1\" 20240105 \"Text\"\n{\n".utf8)
        for _ in 0..<1_000 {
            var amount = r.next(2) == 0 ? "-" : ""
            for _ in 0..<r.next(16) { amount += String(r.next(10)) }
            if r.next(3) > 0 { amount += "." }
            for _ in 0..<r.next(4) { amount += String(r.next(10)) }
            if r.next(6) == 0 { amount += r.pick([" ", "x", ".", "-", "\r"]) }
            // At the end of the buffer too, where fewer than eight bytes are left.
            let tail: [UInt8] = r.next(4) == 0 ? [] : Array("\n}\n".utf8)
            let bytes = header + Array("#TRANS 1930 {} \(amount)".utf8) + tail
            let fast = SIE4OnePassTests.outcome(bytes, onePass: true)
            let general = SIE4OnePassTests.outcome(bytes, onePass: false)
            #expect(fast.summary == general.summary, "\(amount.debugDescription)")
        }
    }
}
