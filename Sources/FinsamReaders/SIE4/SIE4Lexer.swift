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
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, into fields: inout ContiguousArray<SIE4Field>,
        crc: UnsafeMutablePointer<CRC32>?
    ) throws(SIE4LexError) {
        fields.removeAll(keepingCapacity: true)
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

    @inline(__always)
    static func hasQuote(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Bool {
        var k = from
        while k < end { if bytes[k] == 0x22 { return true }; k &+= 1 }
        return false
    }
}
