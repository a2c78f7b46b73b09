import Foundation

/// Writes a file so that readers see the old content or the new, never a half-written one: a temporary file
/// in the same folder, then a rename.
public enum AtomicFile {
    public static func temporaryPath(besides path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        return (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    }

    public static func write(_ data: Data, to path: String) throws {
        let tmp = temporaryPath(besides: path)
        try data.write(to: URL(fileURLWithPath: tmp))
        try commit(temporary: tmp, to: path)
    }

    /// Renames a finished temporary file over the destination.
    public static func commit(temporary: String, to path: String) throws {
        if rename(temporary, path) != 0 {
            let err = errno
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "kan inte skriva \(path): \(String(cString: strerror(err)))"])
        }
    }
}
