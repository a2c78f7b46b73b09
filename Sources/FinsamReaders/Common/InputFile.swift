import Foundation
import FinsamModel

/// One input: the path as the user gave it and its bytes.
public struct InputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public static func load(_ path: String) throws(InputError) -> InputFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "filen kan inte läsas")
        }
        return InputFile(path: path, bytes: [UInt8](data))
    }

    /// The first bytes, for recognising a format without decoding the whole file.
    public func prefix(_ n: Int) -> ArraySlice<UInt8> { bytes.prefix(n) }
}
