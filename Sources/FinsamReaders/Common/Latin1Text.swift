import Foundation

/// Case-folded prefix tests by bytes for text of printable ASCII and precomposed Latin-1 letters (U+00C0…U+00FF),
/// where every scalar is a character of its own and `lowercased()` maps A–Z and À–Þ (not `×`) one to one within
/// the same byte length. Nil for any other text, which the caller answers with `lowercased()`.
enum Latin1Text {
    /// Whether `text.lowercased()` has one of `prefixes` (lower-case) as a prefix.
    static func hasPrefixIgnoringCase(_ text: String, _ prefixes: [StaticString]) -> Bool? {
        var t = text
        return t.withUTF8 { bytes -> Bool? in
            guard simple(bytes) else { return nil }
            return prefixes.contains { p in
                p.withUTF8Buffer { p in
                    guard p.count <= bytes.count else { return false }
                    for i in 0..<p.count where lowered(bytes, at: i) != p[i] { return false }
                    return true
                }
            }
        }
    }

    /// Whether `text.lowercased()` contains `needle` (lower-case), for `simple` text; nil otherwise.
    static func containsIgnoringCase(_ text: String, _ needle: StaticString) -> Bool? {
        var t = text
        return t.withUTF8 { bytes -> Bool? in
            guard simple(bytes) else { return nil }
            return contains(bytes, needle)
        }
    }

    /// Whether `text.lowercased()` contains any of `needles` (lower-case), for `simple` text (asked once for all
    /// of them); nil otherwise.
    static func containsAnyIgnoringCase(_ text: String, _ needles: [StaticString]) -> Bool? {
        var t = text
        return t.withUTF8 { bytes -> Bool? in
            guard simple(bytes) else { return nil }
            return needles.contains { contains(bytes, $0) }
        }
    }

    /// Whether the lower-cased `simple` bytes contain `needle`.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { p in
            guard p.count > 0, p.count <= bytes.count else { return false }
            var i = 0
            while i + p.count <= bytes.count {
                var j = 0
                while j < p.count && lowered(bytes, at: i + j) == p[j] { j += 1 }
                if j == p.count { return true }
                i += 1
            }
            return false
        }
    }

    /// `text.count <= limit`: text of at most `limit` bytes has at most `limit` characters; longer text is counted
    /// by bytes where it is ASCII and Latin-1 letters (a long line of prose need not be cut into graphemes).
    static func countIsAtMost(_ text: String, _ limit: Int) -> Bool {
        if text.utf8.count <= limit { return true }
        var t = text
        let decided: Bool? = t.withUTF8 { bytes in
            // In ASCII and Latin-1 letters every scalar is a character but LF after CR. A prefix of k such scalars
            // holds at least k - 1 whole characters whatever follows (a later scalar can only join the last), so
            // the count stops once it passes `limit + 1`.
            var scalars = 0
            var previous: UInt8 = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if !(b == 0x0A && previous == 0x0D) { scalars += 1 }
                    i += 1
                } else if b == 0xC3, i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 {
                    scalars += 1
                    i += 2
                } else {
                    return nil
                }
                previous = b
                if scalars > limit + 1 { return false }
            }
            return scalars <= limit
        }
        return decided ?? (text.count <= limit)
    }

    /// `text.lowercased().hasPrefix(prefix)` for a lower-case ASCII `prefix`, by bytes where the text is `simple`.
    static func lowercasedHasPrefix(_ text: String, _ prefix: StaticString) -> Bool {
        hasPrefixIgnoringCase(text, [prefix]) ?? text.lowercased().hasPrefix(prefix.description)
    }

    /// Printable ASCII and C3 80…C3 BF only.
    static func simple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b <= 0x7E {
                i += 1
            } else if b == 0xC3, i + 1 < n, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0xBF {
                i += 2
            } else {
                return false
            }
        }
        return true
    }

    /// The byte at `i` of the lower-cased text (for `simple` text).
    @inline(__always)
    static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt8 {
        let b = bytes[i]
        if b >= 0x41 && b <= 0x5A { return b | 0x20 }
        if b >= 0x80 && b <= 0x9E && b != 0x97 && i > 0 && bytes[i - 1] == 0xC3 { return b + 0x20 }
        return b
    }
}
