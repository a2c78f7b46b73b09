import Foundation

/// One field of a SIE 4 record, as byte offsets into the buffer holding its line.
struct SIE4Field {
    /// First and one-past-last byte of the content: inside the quotes of a quoted field, inside the braces of
    /// an object list.
    var start: Int
    var end: Int
    var quoted: Bool
    /// A quoted field with `\"` inside: its text needs unescaping.
    var escaped: Bool
    /// `{…}`: an object list (or the `{`/`}` of a voucher block when alone on its line).
    var isList: Bool
}

/// Memory for the fields of the current record, allocated once per parse. Records have far fewer fields
/// than `capacity`; fields past it are still scanned (for quotes and the checksum) but not kept.
final class SIE4Fields {
    static let capacity = 64
    let base: UnsafeMutablePointer<SIE4Field> = .allocate(capacity: SIE4Fields.capacity)
    deinit { base.deallocate() }
}

/// The fields of the current record: a pointer and a count, so that the hot loop appends and reads without
/// reference counting or the uniqueness checks of an array.
struct SIE4FieldList {
    let base: UnsafeMutablePointer<SIE4Field>
    var count = 0

    init(_ storage: SIE4Fields) { base = storage.base }

    @inline(__always) mutating func append(_ field: SIE4Field) {
        if count < SIE4Fields.capacity {
            base[count] = field
            count &+= 1
        }
    }

    @inline(__always) subscript(_ i: Int) -> SIE4Field { base[i] }
    var isEmpty: Bool { count == 0 }
}

/// A line that cannot be split into fields: an unterminated quote or object list.
struct SIE4LexError: Error {
    var column: Int
    var message: String
}

/// Splits SIE 4 records into fields without making strings. Fields are separated by spaces or tabs; any field
/// may be quoted (`"…"`, with `\"` for a quote inside); `{…}` is an object list. When `crc` is given, the
/// record's characters that `#KSUMMA` covers are added to it: tags and field contents, without separators,
/// field quotes, braces or the backslash of an escaped quote (SIE filformat 4B/4C, 10.14).
enum SIE4Lexer {
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// Fields of the line `bytes[start..<end]` (line end and carriage return already removed).
    static func split(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, into fields: inout SIE4FieldList,
        crc: UnsafeMutablePointer<CRC32>?
    ) throws(SIE4LexError) {
        fields.count = 0
        var i = start
        while true {
            while i < end && isSpace(bytes[i]) { i &+= 1 }
            if i >= end { return }
            let b = bytes[i]
            if b == 0x7B {  // {
                let listStart = i + 1
                var j = listStart
                // Inside an object list: tokens, quoted or not, up to the closing brace.
                while true {
                    while j < end && isSpace(bytes[j]) { j &+= 1 }
                    if j >= end {
                        // A `{` alone on its line opens a voucher block.
                        if listStart == end || allSpace(bytes, listStart, end) {
                            fields.append(SIE4Field(start: listStart, end: listStart, quoted: false, escaped: false, isList: true))
                            return
                        }
                        throw SIE4LexError(column: fields.count, message: "objektlistan saknar avslutande }")
                    }
                    if bytes[j] == 0x7D { break }
                    if bytes[j] == 0x22 {
                        let (_, close, _) = try quoted(bytes, j, end, column: fields.count, crc: crc)
                        j = close + 1
                    } else {
                        let tokenStart = j
                        while j < end && !isSpace(bytes[j]) && bytes[j] != 0x7D { j &+= 1 }
                        crc?.pointee.add(bytes, from: tokenStart, to: j)
                    }
                }
                fields.append(SIE4Field(start: listStart, end: j, quoted: false, escaped: false, isList: true))
                i = j + 1
            } else if b == 0x7D {  // } closing a voucher block; like `{`, the empty field starts after the brace
                fields.append(SIE4Field(start: i + 1, end: i + 1, quoted: false, escaped: false, isList: true))
                i &+= 1
            } else if b == 0x22 {
                let (open, close, escaped) = try quoted(bytes, i, end, column: fields.count, crc: crc)
                fields.append(SIE4Field(start: open + 1, end: close, quoted: true, escaped: escaped, isList: false))
                i = close + 1
            } else {
                let tokenStart = i
                while i < end && !isSpace(bytes[i]) { i &+= 1 }
                crc?.pointee.add(bytes, from: tokenStart, to: i)
                fields.append(SIE4Field(start: tokenStart, end: i, quoted: false, escaped: false, isList: false))
            }
        }
    }

    static func allSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        var k = from
        while k < to { if !isSpace(bytes[k]) { return false }; k &+= 1 }
        return true
    }

    /// A quoted field starting at `open`: returns the offsets of both quotes. `\"` is a quote inside the
    /// field. A backslash right before the last quote of the line (`"C:\Dir\"`) is read as a backslash, since
    /// the field would otherwise never end.
    @inline(__always)
    static func quoted(
        _ bytes: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int, column: Int, crc: UnsafeMutablePointer<CRC32>?
    ) throws(SIE4LexError) -> (Int, Int, Bool) {
        if crc == nil, let fast = plainQuoted(bytes, open, end) { return fast }
        var j = open + 1
        var escaped = false
        while j < end {
            let c = bytes[j]
            if c == 0x22 { break }
            if c == 0x5C && j + 1 < end && bytes[j + 1] == 0x22 && hasQuote(bytes, j + 2, end) {
                escaped = true
                crc?.pointee.add(0x22)
                j &+= 2
                continue
            }
            crc?.pointee.add(c)
            j &+= 1
        }
        if j >= end { throw SIE4LexError(column: column, message: "citattecknet som börjar fältet avslutas aldrig") }
        return (open, j, escaped)
    }

    /// A quoted field without escapes, found with `memchr`: the common case when no checksum is summed.
    @inline(__always)
    static func plainQuoted(_ bytes: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int) -> (Int, Int, Bool)? {
        let base = bytes.baseAddress!
        guard open + 1 < end, let q = memchr(base + open + 1, 0x22, end - open - 1) else { return nil }
        let close = UnsafeRawPointer(q).assumingMemoryBound(to: UInt8.self) - base
        if memchr(base + open + 1, 0x5C, close - open - 1) != nil { return nil }
        return (open, close, false)
    }

    @inline(__always)
    static func hasQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Bool {
        var k = from
        while k < end { if bytes[k] == 0x22 { return true }; k &+= 1 }
        return false
    }
}
