import Foundation

/// A mapping note (`Row.mappingNote`, `LabelMapper.Match.how`) assembled as UTF-8 bytes and made a `String`
/// once. Interpolating and concatenating Strings grew and re-flagged the text at every piece, and the mapping
/// writes a note for most rows of a batch; the bytes are the same, as joining Strings joins their UTF-8.
struct NoteText {
    private var bytes: [UInt8] = []

    init(capacity: Int = 96) {
        bytes.reserveCapacity(capacity)
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// An integer as `"\(n)"` prints it.
    mutating func add(_ n: Int) {
        add(String(n))
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
