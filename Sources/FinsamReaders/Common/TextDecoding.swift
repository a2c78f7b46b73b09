import Foundation
import FinsamModel

/// Turns bytes into text, naming the encoding it chose so the user can see it.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "Windows-1252"
    case cp437 = "PC8 (CP437)"
}

/// Text with the encoding it was read in and what a user should know about that.
public struct DecodedText: Sendable {
    public var text: String
    public var encoding: TextEncoding
    /// (1-based line, message): a guessed encoding, replaced bytes, U+FFFD already in the file.
    public var warnings: [(line: Int, message: String)]
}

public enum TextDecoding {
    /// Decodes by BOM, then strict UTF-8, then UTF-16 without BOM, then the single-byte code page whose
    /// Swedish letters fit (Windows-1252 or PC8). Never silently mangles: every guess and every replaced byte is
    /// a warning with its line; binary and empty input are errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(InputError) -> (text: String, encoding: TextEncoding) {
        let d = try decodeReporting(bytes, path: path)
        return (d.text, d.encoding)
    }

    public static func decodeReporting(_ bytes: [UInt8], path: String) throws(InputError) -> DecodedText {
        if bytes.isEmpty { throw InputError(file: path, message: "filen är tom") }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if let s = String(validating: body, as: UTF8.self) { return DecodedText(text: s, encoding: .utf8BOM, warnings: replacementWarnings(s)) }
            let line = lineOfFirstInvalidUTF8(body)
            throw InputError(file: path, line: line, message: "filen börjar som UTF-8 (BOM) men har ogiltiga byte på rad \(line)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try utf16(bytes.dropFirst(2), littleEndian: bytes[0] == 0xFF, path: path, encoding: bytes[0] == 0xFF ? .utf16LE : .utf16BE)
        }
        if let little = utf16WithoutBOM(bytes) {
            var d = try utf16(bytes[...], littleEndian: little, path: path, encoding: little ? .utf16LE : .utf16BE)
            d.warnings.insert((1, "ingen BOM; läst som \(d.encoding.rawValue) efter mönstret av nollbyte"), at: 0)
            return d
        }
        if looksBinary(bytes) {
            throw InputError(file: path, message: "filen ser binär ut (NUL- eller styrtecken); väntade text, SIE 4 eller SIE 5 (XML)")
        }
        if let s = String(validating: bytes, as: UTF8.self) { return DecodedText(text: s, encoding: .utf8, warnings: replacementWarnings(s)) }
        let (validMultibyte, invalidLine) = utf8Evidence(bytes)
        if validMultibyte > 0 {
            // Mostly UTF-8 with damaged bytes: keep the UTF-8 and say where the damage is.
            let s = String(decoding: bytes, as: UTF8.self)
            return DecodedText(text: s, encoding: .utf8, warnings: [(invalidLine, "ogiltiga UTF-8-byte ersatta med \u{FFFD} från rad \(invalidLine)")])
        }
        let w = swedishLetterScore(bytes, table: windows1252High)
        let p = swedishLetterScore(bytes, table: cp437High)
        let table = p > w ? cp437High : windows1252High
        let encoding: TextEncoding = p > w ? .cp437 : .windows1252
        return DecodedText(
            text: decodeSingleByte(bytes, table: table), encoding: encoding,
            warnings: [(invalidLine, "inte UTF-8; läst som \(encoding.rawValue) (åäö passar bäst så, första icke-UTF-8-byte på rad \(invalidLine))")])
    }

    static func utf16(_ body: ArraySlice<UInt8>, littleEndian: Bool, path: String, encoding: TextEncoding) throws(InputError) -> DecodedText {
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var i = body.startIndex
        while i + 1 < body.endIndex {
            let a = UInt16(body[i]), b = UInt16(body[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        guard let s = String(validating: units, as: UTF16.self) else {
            throw InputError(file: path, message: "ogiltig \(encoding.rawValue): oparade surrogat")
        }
        var warnings = replacementWarnings(s)
        if body.count % 2 != 0 { warnings.append((max(1, s.split(separator: "\n", omittingEmptySubsequences: false).count), "udda antal byte: sista byten ignorerad")) }
        return DecodedText(text: s, encoding: encoding, warnings: warnings)
    }

    /// UTF-16 text without a BOM has a NUL in every other byte (ASCII text): returns whether little-endian.
    static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        let sample = Array(bytes.prefix(4096))
        guard sample.count >= 16 else { return nil }
        var evenZero = 0, oddZero = 0
        for (i, b) in sample.enumerated() where b == 0 {
            if i % 2 == 0 { evenZero += 1 } else { oddZero += 1 }
        }
        let half = sample.count / 2
        if oddZero * 10 > half * 7 && evenZero * 20 < half { return true }
        if evenZero * 10 > half * 7 && oddZero * 20 < half { return false }
        return nil
    }

    /// How many well-formed multi-byte UTF-8 sequences there are, and the line of the first invalid byte.
    static func utf8Evidence(_ bytes: [UInt8]) -> (validMultibyte: Int, firstInvalidLine: Int) {
        var valid = 0
        var line = 1
        var firstInvalid: Int?
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1 }
            if b < 0x80 { i += 1; continue }
            let length = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
            if length > 0, i + length <= bytes.count, bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                valid += 1
                i += length
            } else {
                if firstInvalid == nil { firstInvalid = line }
                i += 1
            }
        }
        return (valid, firstInvalid ?? 1)
    }

    static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int { utf8Evidence(bytes).firstInvalidLine }

    /// Letters of Swedish text (åäöÅÄÖé) a code page would give for the file's high bytes, minus box-drawing and
    /// control characters it would give: the better-fitting code page scores higher.
    static func swedishLetterScore(_ bytes: [UInt8], table: [Unicode.Scalar]) -> Int {
        let letters: Set<Unicode.Scalar> = ["å", "ä", "ö", "Å", "Ä", "Ö", "é", "ü"]
        var score = 0
        for b in bytes where b >= 0x80 {
            let u = table[Int(b) - 0x80]
            if letters.contains(u) { score += 2 } else if u.value < 0xA0 || (0x2500...0x259F).contains(u.value) { score -= 1 }
        }
        return score
    }

    /// U+FFFD already in the text means a program before us lost characters: say where.
    static func replacementWarnings(_ s: String) -> [(line: Int, message: String)] {
        // U+FFFD is EF BF BD in UTF-8, and those bytes in a row are nothing else.
        var text = s
        let hasReplacement = text.withUTF8 { b in
            // 0xEF leads only U+F000…U+FFFF, rare in Swedish text: `memchr` finds each.
            guard let base = b.baseAddress else { return false }
            var i = 0
            while i + 2 < b.count, let hit = memchr(base + i, 0xEF, b.count - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if i + 2 < b.count && b[i + 1] == 0xBF && b[i + 2] == 0xBD { return true }
                i += 1
            }
            return false
        }
        guard hasReplacement else { return [] }
        var count = 0
        var first: Int?
        var line = 1
        for u in s.unicodeScalars {
            if u == "\n" { line += 1 }
            if u == "\u{FFFD}" {
                count += 1
                if first == nil { first = line }
            }
        }
        return [(first ?? 1, "\(count) ersättningstecken (\u{FFFD}) i filen, första på rad \(first ?? 1): tecken har gått förlorade före finsam")]
    }

    /// NUL bytes or many control characters outside tab/CR/LF/FF.
    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(8192)
        var control = 0
        for b in sample {
            if b == 0 { return true }
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { control += 1 }
        }
        return control * 100 > max(sample.count, 1)
    }

    public static func decodeSingleByte(_ bytes: some Collection<UInt8>, table: [Unicode.Scalar]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            scalars.append(b < 0x80 ? Unicode.Scalar(b) : table[Int(b) - 0x80])
        }
        return String(scalars)
    }

    /// Windows-1252 0x80–0xFF. Undefined positions map to the C1 control of the same value, as Python does.
    public static let windows1252High: [Unicode.Scalar] = {
        let special: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
            0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return special.map { Unicode.Scalar($0)! } + (0xA0...0xFF).map { Unicode.Scalar(UInt32($0))! }
    }()

    /// Code page 437 (PC8), as SIE 4 files declare with `#FORMAT PC8`.
    public static let cp437High: [Unicode.Scalar] = [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC,
        0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00A2,
        0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310,
        0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
        0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C,
        0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
        0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF,
        0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
        0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2,
        0x25A0, 0x00A0,
    ].map { Unicode.Scalar(UInt32($0))! }
}
