/// The checksum of SIE 4 `#KSUMMA`: CRC-32 with the reflected polynomial EDB88320, preset to FFFFFFFF and
/// inverted at the end (SIE filformat 4B/4C, section 10), the same as zlib's `crc32`.
struct CRC32: Sendable {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        return c
    }

    private(set) var state: UInt32 = 0xFFFF_FFFF

    mutating func add(_ byte: UInt8) {
        state = (state >> 8) ^ CRC32.table[Int((state ^ UInt32(byte)) & 0xFF)]
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        CRC32.table.withUnsafeBufferPointer { t in
            var s = state
            var i = start
            while i < end {
                s = (s >> 8) ^ t[Int((s ^ UInt32(bytes[i])) & 0xFF)]
                i &+= 1
            }
            state = s
        }
    }

    var value: UInt32 { state ^ 0xFFFF_FFFF }
}
