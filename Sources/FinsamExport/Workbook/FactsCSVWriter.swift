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
        for (d, doc) in documents.enumerated() {
            let org = doc.organisation.name
            let sheet = catalog.layouts[d].quotedSheet
            for f in doc.facts {
                out.integer(d + 1)
                out.separator()
                out.text(org)
                out.separator()
                out.text(f.concept)
                out.separator()
                if let m = f.member { out.text(m) }
                out.separator()
                out.text(f.scenario.rawValue)
                out.separator()
                if let start = f.period.start { out.day(start) }
                out.separator()
                out.day(f.period.end)
                out.separator()
                out.decimal(f.value)
                out.separator()
                out.text(f.unit.rawValue)
                out.separator()
                out.integer(f.decimals)
                out.separator()
                out.text(f.label)
                out.separator()
                out.text(f.table)
                out.separator()
                out.text(f.source.file)
                out.separator()
                out.integer(f.source.line)
                out.separator()
                if let c = f.source.column { out.integer(c) }
                out.separator()
                if let at = catalog.position(of: f, document: d) {
                    // `-'Alfa'!E12`: no field separator, quote or line break can occur in it but through the
                    // sheet name, which `text` quotes when needed.
                    var cell = at.negated ? "-" : ""
                    cell += sheet
                    cell += "!"
                    cell += CellAddress.a1(row: at.row, col: at.col)
                    out.text(cell)
                }
                out.lineEnd()
                rows += 1
                if out.bytes.count >= FactsCSVWriter.flushAt {
                    try out.bytes.withUnsafeBytes(append)
                    out.bytes.removeAll(keepingCapacity: true)
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
        var s = s
        s.withUTF8 { utf8 in
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
