/// What `LineParts` asks of every byte of a field, eight bytes at a time: whether a markup byte (`<`, `&`, `\`,
/// `*`, `[`) or two spaces in a row stand in it, whether two dots do, and how many ASCII digits it has.
///
/// Most of a report is prose, read byte by byte with a test per byte before this; a word of eight bytes answers
/// all three questions with a few bit operations (each mask has the high bit of a byte set where that byte
/// matches, so the masks combine and count without a carry from one byte into the next).
enum FieldScan {
    struct Found: Equatable {
        /// A markup byte, or a space right after a space.
        var markupOrDoubleSpace = false
        /// A dot right after a dot.
        var doubleDot = false
        var digits = 0
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit of each byte of `x` that equals `c` (exact: no byte is flagged by its neighbour).
    @inline(__always)
    private static func equal(_ x: UInt64, _ c: UInt8) -> UInt64 {
        let y = x ^ (ones &* UInt64(c))
        return ~(((y & lows) &+ lows) | y) & highs
    }

    /// The high bit of each ASCII digit byte of `x`.
    @inline(__always)
    private static func digits(_ x: UInt64) -> UInt64 {
        let low = x & lows
        // low + 0x50 reaches the high bit from 0x30 on, low + 0x46 from 0x3A on; no sum passes 0xFF.
        let fromZero = low &+ ones &* 0x50
        let pastNine = low &+ ones &* 0x46
        return fromZero & ~pastNine & ~x & highs
    }

    /// The sum of the eight byte lanes of `x`, added in pairs as 16-bit lanes first (the sum may pass 255).
    @inline(__always)
    private static func laneSum(_ x: UInt64) -> Int {
        let pairs = (x & 0x00FF_00FF_00FF_00FF) &+ (x >> 8 & 0x00FF_00FF_00FF_00FF)
        return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
    }

    /// The bytes `from..<to` of `base`.
    static func scan(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Found {
        var found = Found()
        var markup: UInt64 = 0
        var dots: UInt64 = 0
        var digitCount = 0
        // Digits counted per byte lane (a 1 in each lane per digit), summed across the lanes before a lane can
        // pass 255: no population count per word (the baseline x86-64 has no instruction for it).
        var lanes: UInt64 = 0
        var wordsInLanes = 0
        // The flags of the previous word's last byte, moved to the first byte of the next.
        var spaceCarry: UInt64 = 0
        var dotCarry: UInt64 = 0
        var i = from
        func word(_ x: UInt64) {
            let space = equal(x, 0x20)
            let dot = equal(x, UInt8(ascii: "."))
            markup |= equal(x, UInt8(ascii: "<")) | equal(x, UInt8(ascii: "&")) | equal(x, UInt8(ascii: "\\")) | equal(x, UInt8(ascii: "*"))
                | equal(x, UInt8(ascii: "[")) | (space & (space << 8 | spaceCarry))
            dots |= dot & (dot << 8 | dotCarry)
            lanes &+= digits(x) >> 7
            wordsInLanes += 1
            if wordsInLanes == 255 {
                digitCount += laneSum(lanes)
                lanes = 0
                wordsInLanes = 0
            }
            spaceCarry = space >> 56
            dotCarry = dot >> 56
        }
        let raw = UnsafeRawPointer(base)
        while i + 8 <= to {
            word(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < to {
            // The rest padded with zero bytes, which are none of the bytes looked for.
            var last: UInt64 = 0
            withUnsafeMutableBytes(of: &last) { $0.baseAddress!.copyMemory(from: raw + i, byteCount: to - i) }
            word(UInt64(littleEndian: last))
        }
        found.markupOrDoubleSpace = markup != 0
        found.doubleDot = dots != 0
        found.digits = digitCount + laneSum(lanes)
        return found
    }

    /// `scan` byte by byte: the definition.
    static func scanByBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Found {
        var found = Found()
        var previous: UInt8 = 0
        for b in bytes {
            switch b {
            case 0x30...0x39: found.digits += 1
            case UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "["): found.markupOrDoubleSpace = true
            case 0x20 where previous == 0x20: found.markupOrDoubleSpace = true
            case UInt8(ascii: ".") where previous == UInt8(ascii: "."): found.doubleDot = true
            default: break
            }
            previous = b
        }
        return found
    }
}
