/// Text of SIE 4 fields. The standard says PC8 (code page 437); some programs write UTF-8 and still declare
/// `#FORMAT PC8`. Each field with non-ASCII bytes is read as UTF-8 when it is valid UTF-8 (PC8's å, ä, ö are
/// 0x86, 0x84, 0x94: lone continuation bytes, never valid UTF-8) and as PC8 otherwise; the file's choices are
/// counted so the reader can say which it found.
struct SIE4Text {
    var utf8Fields = 0
    var pc8Fields = 0
    /// U+FFFD in valid UTF-8: the text was already damaged before the file was written.
    var replacementCharacters = 0
    var firstReplacementLine: Int?
    var firstUTF8Line: Int?

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, _ field: SIE4Field, line: Int) -> String {
        string(bytes, from: field.start, to: field.end, escaped: field.escaped, line: line)
    }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, escaped: Bool, line: Int) -> String {
        var ascii = true
        var k = start
        while k < end { if bytes[k] >= 0x80 { ascii = false; break }; k &+= 1 }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        var text: String
        if ascii {
            text = String(decoding: slice, as: UTF8.self)
        } else if let utf8 = String(validating: slice, as: UTF8.self) {
            utf8Fields += 1
            if firstUTF8Line == nil { firstUTF8Line = line }
            text = utf8
        } else {
            pc8Fields += 1
            text = TextDecoding.decodeSingleByte(slice, table: TextDecoding.cp437High)
        }
        if escaped { text = text.replacingOccurrences(of: "\\\"", with: "\"") }
        return text
    }

    /// Bytes kept aside (a voucher's series and number), read as UTF-8 when valid and as PC8 otherwise.
    static func decode(_ bytes: [UInt8]) -> String {
        String(validating: bytes, as: UTF8.self) ?? TextDecoding.decodeSingleByte(bytes, table: TextDecoding.cp437High)
    }

    /// Counts U+FFFD (EF BF BD) in a line that is not otherwise decoded (voucher texts), so the damage of a
    /// file is reported in full.
    mutating func scanForReplacement(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, line: Int) {
        var k = start
        while k + 2 < end {
            if bytes[k] == 0xEF && bytes[k + 1] == 0xBF && bytes[k + 2] == 0xBD {
                replacementCharacters += 1
                if firstReplacementLine == nil { firstReplacementLine = line }
                k &+= 3
            } else {
                k &+= 1
            }
        }
    }
}

/// Amounts and dates of SIE 4, read from bytes.
enum SIE4Number {
    /// `-1234.56`, `1234`, `0.5` → öre. Nil for anything else: more than two decimals, a comma, a plus sign,
    /// more than 13 digits of kronor.
    @inline(__always)
    static func ore(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int64? {
        var i = start
        if i >= end { return nil }
        var negative = false
        if bytes[i] == 0x2D { negative = true; i &+= 1 }
        var whole: Int64 = 0
        var digits = 0
        while i < end, bytes[i] &- 0x30 < 10 {
            whole = whole &* 10 &+ Int64(bytes[i] &- 0x30)
            digits &+= 1
            i &+= 1
        }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if i < end && bytes[i] == 0x2E {
            i &+= 1
            while i < end, bytes[i] &- 0x30 < 10 {
                // Trailing zeros beyond öre are harmless (`12.500`); other digits are not.
                if fractionDigits >= 2 {
                    if bytes[i] != 0x30 { return nil }
                } else {
                    fraction = fraction &* 10 &+ Int64(bytes[i] &- 0x30)
                    fractionDigits &+= 1
                }
                i &+= 1
            }
            if fractionDigits == 0 && digits == 0 { return nil }
        } else if digits == 0 {
            return nil
        }
        // At most 13 digits of kronor (ten thousand billion): sums of millions of them still fit in Int64.
        if i != end || digits > 13 { return nil }
        if fractionDigits == 1 { fraction &*= 10 }
        let value = whole &* 100 &+ fraction
        return negative ? -value : value
    }

    /// `YYYYMMDD` as the integer YYYYMMDD, nil unless eight digits.
    @inline(__always)
    static func date(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard end - start == 8 else { return nil }
        return digits(bytes, from: start, to: end)
    }

    /// The decimal digits `start..<end` as a number, nil when any byte is not a digit. Callers bound the length.
    @inline(__always)
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var v = 0
        var i = start
        while i < end {
            let d = bytes[i] &- 0x30
            if d >= 10 { return nil }
            v = v &* 10 &+ Int(d)
            i &+= 1
        }
        return v
    }

    /// A whole number (`0`, `-1`), nil otherwise.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var i = start
        var negative = false
        if i < end && bytes[i] == 0x2D { negative = true; i &+= 1 }
        guard i < end, end - i <= 18 else { return nil }
        var v = 0
        while i < end {
            let d = bytes[i] &- 0x30
            if d >= 10 { return nil }
            v = v &* 10 &+ Int(d)
            i &+= 1
        }
        return negative ? -v : v
    }

    /// The öre amount as SIE writes it: `-1234.50`.
    static func text(ore: Int64) -> String {
        let sign = ore < 0 ? "-" : ""
        let m = ore.magnitude
        let fraction = m % 100
        return "\(sign)\(m / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
