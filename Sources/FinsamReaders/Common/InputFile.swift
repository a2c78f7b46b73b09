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

    /// Inputs larger than this are refused before they are read (`FINSAM_MAX_INPUT_MB`, default 2048): a
    /// batch must not be taken down by one oversized or runaway file.
    public static var maximumBytes: Int {
        let mb = ProcessInfo.processInfo.environment["FINSAM_MAX_INPUT_MB"].flatMap(Int.init) ?? 2048
        return mb * 1_048_576
    }

    public static func load(_ path: String) throws(InputError) -> InputFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumBytes {
            throw InputError(file: path, message: "filen är \(size / 1_048_576) MB, större än gränsen \(maximumBytes / 1_048_576) MB (FINSAM_MAX_INPUT_MB)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "filen kan inte läsas (saknas, är en mapp eller saknar läsrättighet)")
        }
        return InputFile(path: path, bytes: [UInt8](data))
    }

    /// The first bytes, for recognising a format without decoding the whole file.
    public func prefix(_ n: Int) -> ArraySlice<UInt8> { bytes.prefix(n) }
}
