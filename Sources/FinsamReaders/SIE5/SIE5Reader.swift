import FinsamModel

/// SIE 5: the XML format (placeholder until the expat reader lands).
public struct SIE5Reader: FormatReader {
    public init() {}
    public var format: DocumentFormat { .sie5 }
    public func recognises(_ file: InputFile) -> Bool { false }
    public func read(_ file: InputFile) throws(InputError) -> [Document] { [] }
}
