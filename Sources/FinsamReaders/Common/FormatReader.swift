import FinsamModel

/// One input format. Like beangulp's importers: recognise a file by its content, then read it.
public protocol FormatReader: Sendable {
    var format: DocumentFormat { get }
    /// Cheap and conservative: look at the content (and only as a hint at the name).
    func recognises(_ file: InputFile) -> Bool
    /// Read the file into documents (a board paper may hold several). Tables and rows only; concepts are the
    /// mapping stage's. Throws for input that cannot be read at all; problems in part go into diagnostics.
    func read(_ file: InputFile) throws(InputError) -> [Document]
}

/// The readers in the order they are asked: the most specific first.
public enum Readers {
    public static let all: [any FormatReader] = [SIE4Reader(), SIE5Reader(), TextReportReader()]

    public static func reader(for file: InputFile) -> (any FormatReader)? {
        all.first { $0.recognises(file) }
    }
}
