import Foundation

/// Substring tests over UTF-8 bytes for the hot loops of the readers and the mapping. With Foundation imported,
/// `String.contains(String)` goes through `NSString` (a copy to UTF-16 and a Unicode-aware search), and a
/// Swift `Regex` runs a backtracking interpreter: both cost microseconds for a label of twenty letters.
public enum TextSearch {
    /// Whether the bytes of `needle` occur in `text`. A byte search knows no canonical equivalence, so as an
    /// exact test it is only right where both are `latin1` (see `contains`); as a cheap test before a regex
    /// whose every match contains an ASCII `needle`, it never rejects a text the regex would match.
    public static func bytes(of needle: StaticString, in text: String) -> Bool {
        needle.withUTF8Buffer { n in
            var t = text
            return t.withUTF8 { find(n, in: $0) }
        }
    }

    /// Whether any of `needles` occurs in `text` as bytes (see `bytes(of:in:)`).
    public static func bytes(ofAny needles: [StaticString], in text: String) -> Bool {
        var t = text
        return t.withUTF8 { h in needles.contains { $0.withUTF8Buffer { find($0, in: h) } } }
    }

    /// Whether the bytes of `needle` (lower-case ASCII) occur in `text` with ASCII letters in either case: a test
    /// before a case-insensitive regex (`(?i)not`) whose every match contains `needle`.
    public static func bytes(ofIgnoringCase needle: StaticString, in text: String) -> Bool {
        needle.withUTF8Buffer { n in
            var t = text
            return t.withUTF8 { h in
                let count = n.count
                guard count > 0, count <= h.count else { return false }
                var i = 0
                while i <= h.count - count {
                    var j = 0
                    while j < count {
                        let b = h[i + j]
                        let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                        if lower != n[j] { break }
                        j += 1
                    }
                    if j == count { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether `text` holds an ASCII digit.
    public static func hasDigit(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `text.contains(needle)` as Foundation answers it (canonical equivalence), by bytes where that gives the
    /// same answer: both texts ASCII or precomposed Latin-1 letters (`å`, `ä`, `ö`, `é`), which have no
    /// combining marks and so one spelling each.
    public static func contains(_ text: String, _ needle: String) -> Bool {
        var t = text, n = needle
        let fast: Bool? = t.withUTF8 { h in
            n.withUTF8 { nb in
                guard latin1(h), latin1(nb) else { return nil }
                return find(nb, in: h)
            }
        }
        if let fast { return fast }
        return slowContains(text, needle)
    }

    /// Every scalar ASCII or in U+00C0…U+00FF (two bytes led by 0xC3).
    public static func latin1(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
            } else if b == 0xC3, i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 {
                i += 2
            } else {
                return false
            }
        }
        return true
    }

    /// Whether `text` is ASCII or precomposed Latin-1 letters only (see `latin1(_:)`).
    public static func isLatin1(_ text: String) -> Bool {
        var t = text
        return t.withUTF8 { latin1($0) }
    }

    /// Whether `needle`'s bytes occur in `haystack`'s: for texts that are both `latin1`, the same answer as
    /// `contains(_:_:)`.
    public static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count, h = haystack.count
        // Foundation finds no empty string in any text.
        if n == 0 { return false }
        if n > h { return false }
        let first = needle[0]
        var i = 0
        while i <= h - n {
            if haystack[i] == first {
                var j = 1
                while j < n && haystack[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }

    static func slowContains(_ text: String, _ needle: String) -> Bool {
        text.contains(needle)
    }
}
