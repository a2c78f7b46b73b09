import FinsamModel

/// SIE 5: the XML format (`<Sie>` for a full export, `<SieEntry>` for an import file), read with expat as a
/// stream of events, never as a tree.
public struct SIE5Reader: FormatReader {
    public init() {}

    public var format: DocumentFormat { .sie5 }

    /// The root element is `Sie` or `SieEntry` in the SIE 5 namespace, within the first kilobytes.
    public func recognises(_ file: InputFile) -> Bool {
        let head = String(decoding: file.prefix(4096), as: UTF8.self)
        guard head.contains("http://www.sie.se/sie5") else { return false }
        return head.contains("<Sie ") || head.contains("<Sie>") || head.contains("<SieEntry ") || head.contains("<SieEntry>")
            || head.contains(":Sie ") || head.contains(":SieEntry ")
    }

    public func read(_ file: InputFile) throws(InputError) -> [Document] {
        [try LedgerDocument.make(try SIE5Parser.parse(file.bytes, path: file.path))]
    }
}
