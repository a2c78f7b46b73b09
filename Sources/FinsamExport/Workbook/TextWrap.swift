/// How many lines wrapped text takes in a column, for setting row heights: LibreOffice does not grow a row for
/// wrapped text written by another program, so the writer sets the height itself.
enum TextWrap {
    /// Lines `text` needs in a column `width` characters wide, breaking at spaces (and inside longer words).
    static func lines(_ text: String, width: Double) -> Int {
        if let ascii = asciiLines(text, width: width) { return ascii }
        if let scalars = scalarLines(text, width: width) { return scalars }
        var filling = Filling(width: width)
        for (i, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { filling.breakLine() }
            for word in paragraph.split(separator: " ") { filling.place(word.count) }
        }
        return max(1, filling.lines)
    }

    /// `lines` for ASCII text without CR, where a character is a byte: the same count without splitting the
    /// string into substrings (titles and headers of every table go through here). Nil for other text.
    static func asciiLines(_ text: String, width: Double) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            var filling = Filling(width: width)
            for b in bytes { filling.take(UInt32(b)) }
            return filling.finish()
        }
    }

    /// `lines` for text whose every scalar is a character of its own (Swedish letters, quotes, dashes): the
    /// findings' messages and most labels. Counts scalars instead of grapheme clusters; nil for other text.
    static func scalarLines(_ text: String, width: Double) -> Int? {
        var filling = Filling(width: width)
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar.value) else { return nil }
            filling.take(scalar.value)
        }
        return filling.finish()
    }

    /// Scalars that are always a character of their own: no mark, joiner or format character below U+0300 or
    /// in these blocks joins them to a neighbour (UAX #29), so counting them counts characters. CR is left out
    /// since it pairs with an LF after it.
    static func standsAlone(_ v: UInt32) -> Bool {
        (v < 0x300 && v != 0x0D) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v)
            || (0x20A0...0x20C0).contains(v) || (0x2200...0x22FF).contains(v)
    }

    /// Words of `n` characters placed one after another, a space apart, on lines `width` characters wide; a
    /// word longer than a line runs on over the next ones.
    struct Filling {
        let width: Double
        var lines = 1
        var used = 0
        /// Characters of the word `take` is in the middle of.
        var word = 0

        /// The text one character at a time (a byte or a scalar, each a character): LF breaks the line, a
        /// space ends a word. `finish()` after the last gives the count.
        mutating func take(_ code: UInt32) {
            switch code {
            case 0x0A:
                place(word)
                word = 0
                breakLine()
            case 0x20:
                place(word)
                word = 0
            default:
                word += 1
            }
        }

        mutating func finish() -> Int {
            place(word)
            word = 0
            return max(1, lines)
        }

        mutating func place(_ n: Int) {
            guard n > 0 else { return }
            if used == 0 {
                used = n
            } else if Double(used + 1 + n) <= width {
                used += 1 + n
            } else {
                lines += 1
                used = n
            }
            while Double(used) > width {
                lines += 1
                used -= Int(width)
            }
        }

        mutating func breakLine() {
            lines += 1
            used = 0
        }
    }

    /// The length in characters of each line of `text` (split at LF, empty lines kept), as
    /// `text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)` gives them, without
    /// copying the text into characters when it is ASCII or its scalars are characters of their own.
    static func paragraphLengths(_ text: String) -> [Int] {
        // A CR may pair with the LF after it into one character: then only the general rule is right.
        guard !text.utf8.contains(0x0D) else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)
        }
        // Otherwise an LF is always a character of its own, so lines can be cut at LF bytes; a line's length is
        // its byte count when it is ASCII, else its character count. Read as bytes: a comment's text is long,
        // and stepping through a string's UTF-8 view index by index cost more than writing the comment.
        var text = text
        return text.withUTF8 { bytes in
            var out: [Int] = []
            var start = 0
            var ascii = true
            for i in 0..<bytes.count {
                let b = bytes[i]
                if b == 0x0A {
                    out.append(ascii ? i - start : characters(UnsafeBufferPointer(rebasing: bytes[start..<i])))
                    start = i + 1
                    ascii = true
                } else if b >= 0x80 {
                    ascii = false
                }
            }
            out.append(ascii ? bytes.count - start : characters(UnsafeBufferPointer(rebasing: bytes[start...])))
            return out
        }
    }

    /// The characters in a line (UTF-8, without LF or CR): its scalars when each stands alone, else grapheme
    /// clusters.
    private static func characters(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        var i = 0
        while i < line.count {
            // Valid UTF-8 (it comes from a String): the lead byte gives the length.
            let b = UInt32(line[i])
            let value: UInt32
            switch b {
            case ..<0x80:
                value = b
                i += 1
            case ..<0xE0:
                value = (b & 0x1F) << 6 | UInt32(line[i + 1] & 0x3F)
                i += 2
            case ..<0xF0:
                value = (b & 0x0F) << 12 | UInt32(line[i + 1] & 0x3F) << 6 | UInt32(line[i + 2] & 0x3F)
                i += 3
            default:
                value = (b & 0x07) << 18 | UInt32(line[i + 1] & 0x3F) << 12 | UInt32(line[i + 2] & 0x3F) << 6 | UInt32(line[i + 3] & 0x3F)
                i += 4
            }
            guard standsAlone(value) else { return String(decoding: line, as: UTF8.self).count }
            n += 1
        }
        return n
    }

    /// Points for a row of `lines` lines of the default font.
    static func height(lines: Int) -> Double { 15 * Double(lines) }
}
