import Foundation
import FinsamModel

/// JSON text in exactly the layout `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]`, built straight into bytes. The `--json` of a national batch runs to hundreds of MB;
/// `JSONEncoder` builds a tree of boxed values for it first and took a third of the batch's serial time, and
/// this writer lets each document be written on its own core. Keys must be given in sorted order by the caller
/// (`JSONContractStream` does so); `JSONStreamTests` holds the output equal to `JSONEncoder`'s.
struct PrettyJSON {
    private(set) var bytes: [UInt8] = []
    private var depth: Int
    /// Per open container: nothing written in it yet.
    private var empty: [Bool] = []

    /// `depth` is the nesting level the first value is written at (its closing bracket's indentation).
    init(depth: Int = 0, capacity: Int = 4096) {
        self.depth = depth
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A key of the object being written; its value follows.
    mutating func key(_ name: StaticString) {
        nextSlot()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: PrettyJSON.keySeparator)
    }

    /// A key that is data (a dimension's name).
    mutating func key(_ name: String) {
        nextSlot()
        string(name)
        bytes.append(contentsOf: PrettyJSON.keySeparator)
    }

    /// The next element of the array being written; its value follows.
    mutating func element() { nextSlot() }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                PrettyJSON.escape(b, into: &bytes)
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var m = n.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buf in
            var i = buf.count
            repeat {
                i -= 1
                buf[i] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
            } while m > 0
            bytes.append(contentsOf: buf[i...])
        }
    }

    /// As `JSONEncoder` writes a `Decimal`: its description, a plain number.
    mutating func decimal(_ d: Decimal) { bytes.appendDecimal(d, point: UInt8(ascii: ".")) }

    /// A day as a string, `"2024-12-31"`.
    mutating func day(_ d: Day) {
        bytes.append(UInt8(ascii: "\""))
        bytes.appendDay(d)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func null() { bytes.append(contentsOf: PrettyJSON.nullLiteral) }

    mutating func optionalString(_ s: String?) { if let s { string(s) } else { null() } }
    mutating func optionalInt(_ n: Int?) { if let n { int(n) } else { null() } }
    mutating func optionalDecimal(_ d: Decimal?) { if let d { decimal(d) } else { null() } }

    /// Bytes already laid out by another `PrettyJSON` started at this one's depth (a document written on
    /// another core), as the next element of the array being written.
    mutating func element(raw: [UInt8]) {
        nextSlot()
        bytes.append(contentsOf: raw)
    }

    mutating func removeAll(keepingCapacity: Bool = true) { bytes.removeAll(keepingCapacity: keepingCapacity) }

    // MARK: - Layout

    private static let keySeparator: [UInt8] = Array(" : ".utf8)
    private static let nullLiteral: [UInt8] = Array("null".utf8)

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        empty.append(true)
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        // An empty container is written with a blank line inside, as JSONEncoder does.
        if empty.removeLast() { bytes.append(UInt8(ascii: "\n")) }
        newline()
        bytes.append(bracket)
    }

    private mutating func nextSlot() {
        if empty[empty.count - 1] {
            empty[empty.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        newline()
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static func escape(_ b: UInt8, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        }
    }
}
