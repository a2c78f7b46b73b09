import Foundation
import FinsamModel

/// The `Fakta` table as a CSV file: the same columns in the same order, the same natural sign and the same
/// `Cell` text as the sheet, in the dialect Swedish Excel opens with a double click: UTF-8 with a byte order
/// mark, `;` between fields, decimal comma, dates `yyyy-mm-dd`, CRLF line ends, and RFC 4180 quoting (a field
/// with `;`, `"`, CR or LF in quotes, its quotes doubled). Values are the exact decimals, not doubles. A text
/// field that begins with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (OWASP's guard against formula
/// injection), which Excel takes as "text" and does not show: a negated `Cell` such as `-'Alfa'!E12`, or a
/// label like `-därav`, would otherwise be opened as a formula.
/// Written in pieces of about 64 KB, never as one string.
struct FactsCSVWriter {
    let documents: [Document]
    let catalog: FactCatalog

    static let separator = UInt8(ascii: ";")
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let flushAt = 1 << 16

    /// Writes the file atomically; returns the number of fact rows.
    @discardableResult
    func write(to path: String) throws -> Int {
        var rows = 0
        try AtomicFile.stream(to: path) { append in rows = try write(append) }
        return rows
    }

    func write(_ append: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        var out = CSVBuffer()
        out.bytes.append(contentsOf: FactsCSVWriter.byteOrderMark)
        for (c, h) in FactsSheetWriter.headers.enumerated() {
            if c > 0 { out.separator() }
            out.text(h)
        }
        out.lineEnd()
        var rows = 0
        // The cell reference is put together in bytes, then written as any text field.
        var cell: [UInt8] = []
        for d in documents.indices {
            let org = documents[d].organisation.name
            let sheet = Array(catalog.layouts[d].quotedSheet.utf8)
            // Fields are read in place: a copy of each fact would retain and release its strings.
            try documents[d].facts.withUnsafeBufferPointer { facts in
                for i in facts.indices {
                    out.integer(d + 1)
                    out.separator()
                    out.text(org)
                    out.separator()
                    out.text(facts[i].concept)
                    out.separator()
                    if let m = facts[i].member { out.text(m) }
                    out.separator()
                    out.text(facts[i].scenario.rawValue)
                    out.separator()
                    if let start = facts[i].period.start { out.day(start) }
                    out.separator()
                    out.day(facts[i].period.end)
                    out.separator()
                    out.decimal(facts[i].value)
                    out.separator()
                    out.text(facts[i].unit.rawValue)
                    out.separator()
                    out.integer(facts[i].decimals)
                    out.separator()
                    out.text(facts[i].label)
                    out.separator()
                    out.text(facts[i].table)
                    out.separator()
                    out.text(facts[i].source.file)
                    out.separator()
                    out.integer(facts[i].source.line)
                    out.separator()
                    if let c = facts[i].source.column { out.integer(c) }
                    out.separator()
                    if let at = catalog.position(of: facts[i], document: d) {
                        // `-'Alfa'!E12`
                        cell.removeAll(keepingCapacity: true)
                        if at.negated { cell.append(UInt8(ascii: "-")) }
                        cell.append(contentsOf: sheet)
                        cell.append(UInt8(ascii: "!"))
                        cell.appendA1(row: at.row, col: at.col)
                        cell.withUnsafeBufferPointer { out.text($0) }
                    }
                    out.lineEnd()
                    rows += 1
                    if out.bytes.count >= FactsCSVWriter.flushAt {
                        try out.bytes.withUnsafeBytes(append)
                        out.bytes.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
        try out.bytes.withUnsafeBytes(append)
        return rows
    }
}

/// Bytes of CSV fields, appended without building strings per field.
struct CSVBuffer {
    var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(FactsCSVWriter.flushAt + 4096)
    }

    mutating func separator() { bytes.append(FactsCSVWriter.separator) }

    mutating func lineEnd() {
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// A text field, quoted when it holds `;`, `"`, CR or LF, guarded when it would open as a formula.
    mutating func text(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ text($0) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { text($0) }
        }
    }

    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
        let guarded = utf8.first.map(CSVBuffer.opensAsFormula) ?? false
        if utf8.contains(where: CSVBuffer.needsQuotes) {
            bytes.append(0x22)
            if guarded { bytes.append(CSVBuffer.textMark) }
            for b in utf8 {
                if b == 0x22 { bytes.append(0x22) }
                bytes.append(b)
            }
            bytes.append(0x22)
        } else {
            if guarded { bytes.append(CSVBuffer.textMark) }
            bytes.append(contentsOf: utf8)
        }
    }

    static let textMark = UInt8(ascii: "'")

    /// The first characters with which Excel, LibreOffice and Google Sheets read a CSV field as a formula.
    static func opensAsFormula(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@")
            || b == 0x09 || b == 0x0D
    }

    static func needsQuotes(_ b: UInt8) -> Bool {
        b == FactsCSVWriter.separator || b == 0x22 || b == 0x0D || b == 0x0A
    }

    mutating func integer(_ n: Int) {
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            digits(n.magnitude)
        } else {
            digits(UInt(n))
        }
    }

    mutating func digits(_ n: UInt) {
        digits(UInt64(n), minimum: 1)
    }

    /// `n` in decimal, zero-padded on the left to at least `minimum` digits.
    mutating func digits(_ n: UInt64, minimum: Int) { bytes.appendDigits(n, minimum: minimum) }

    mutating func day(_ d: Day) { bytes.appendDay(d) }

    /// The exact decimal with a decimal comma, as `Decimal.description` writes it with a point.
    mutating func decimal(_ value: Decimal) { bytes.appendDecimal(value, point: UInt8(ascii: ",")) }
}
