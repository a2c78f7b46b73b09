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
        if let regular = try loadRegularFile(path) { return InputFile(path: path, bytes: regular) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumBytes { throw tooLarge(path, size) }
        guard let data = FileManager.default.contents(atPath: path) else { throw unreadable(path) }
        return InputFile(path: path, bytes: [UInt8](data))
    }

    /// A regular file read straight into its array: one copy from the page cache, no `Data` in between (for a
    /// ledger of hundreds of MB the second copy cost as much as a tenth of parsing it). Nil for anything else
    /// (missing, a folder, a pipe), which takes the general path and its messages.
    static func loadRegularFile(_ path: String) throws(InputError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        if size > maximumBytes { throw tooLarge(path, size) }
        // One byte more than `fstat` says, so that the read loop ends on end of file and a file that grew
        // meanwhile is noticed.
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n > 0 { count += n } else if n == 0 || errno != EINTR { failed = n < 0; break }
            }
        }
        if !failed && bytes.count > size {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                if bytes.count > maximumBytes { throw tooLarge(path, bytes.count) }
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n > 0 { bytes.append(contentsOf: chunk[0..<n]) } else if n == 0 || errno != EINTR { failed = n < 0; break }
            }
        }
        if failed { throw unreadable(path) }
        return bytes
    }

    static func tooLarge(_ path: String, _ size: Int) -> InputError {
        InputError(file: path, message: "filen är \(size / 1_048_576) MB, större än gränsen \(maximumBytes / 1_048_576) MB (FINSAM_MAX_INPUT_MB)")
    }

    static func unreadable(_ path: String) -> InputError {
        InputError(file: path, message: "filen kan inte läsas (saknas, är en mapp eller saknar läsrättighet)")
    }

    /// The first bytes, for recognising a format without decoding the whole file.
    public func prefix(_ n: Int) -> ArraySlice<UInt8> { bytes.prefix(n) }
}
