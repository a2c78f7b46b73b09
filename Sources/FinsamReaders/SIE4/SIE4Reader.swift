import FinsamModel

/// SIE 4 (types 1–4, 4E and 4I): the tagged text format of Swedish accounting programs.
public struct SIE4Reader: FormatReader {
    public init() {}

    public var format: DocumentFormat { .sie4 }

    /// The first record is a SIE tag (`#FLAGGA` by the standard; `#SIETYP`, `#PROGRAM`, `#FORMAT`, `#GEN` or
    /// `#KSUMMA` from programs that order differently), after an optional BOM and blank lines.
    public func recognises(_ file: InputFile) -> Bool {
        var head = Array(file.prefix(256))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        guard let first = head.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else { return false }
        let rest = head[first...]
        return ["#FLAGGA", "#SIETYP", "#PROGRAM", "#FORMAT", "#GEN", "#KSUMMA"].contains { tag in
            let t = Array(tag.utf8)
            guard rest.count > t.count, rest.starts(with: t) else { return false }
            let next = rest[rest.startIndex + t.count]
            return next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A
        }
    }

    public func read(_ file: InputFile) throws(InputError) -> [Document] {
        [try LedgerDocument.make(try SIE4Parser.parse(file.bytes, path: file.path))]
    }

    /// Reads a file of any size in constant memory (the benchmark's path): balances and voucher sums only.
    public static func readFile(_ path: String) throws(InputError) -> Document {
        try LedgerDocument.make(try SIE4Parser.parseFile(path))
    }
}
