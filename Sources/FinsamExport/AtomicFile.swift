import Foundation

/// Writes a file so that readers see the old content or the new, never a half-written one: a temporary file
/// in the same folder, then a rename. A destination that is not a regular file (`/dev/null`, `/dev/stdout`, a
/// pipe) cannot be replaced by a rename without destroying it, so it is written straight through; a symbolic
/// link is followed, so the rename replaces the file it points to, not the link.
public enum AtomicFile {
    /// The temporary file's path; the folder is created when missing (`-o ut/finsam.xlsx` in a fresh checkout).
    public static func temporaryPath(besides path: String) -> String {
        let url = URL(fileURLWithPath: destination(path))
        let dir = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    }

    public static func write(_ data: Data, to path: String) throws {
        if isSpecial(path) {
            try writeThrough(data, to: path)
            return
        }
        let tmp = temporaryPath(besides: path)
        guard FileManager.default.createFile(atPath: tmp, contents: data) else { throw failure(path, errno) }
        try commit(temporary: tmp, to: path)
    }

    /// Writes a file in pieces: `body` gets a function that appends bytes. Atomic like `write(_:to:)`.
    public static func stream(to path: String, _ body: (_ append: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let special = isSpecial(path)
        let target = special ? path : temporaryPath(besides: path)
        guard let file = fopen(target, "w") else { throw failure(special ? path : target, errno) }
        var closed = false
        defer {
            if !closed { fclose(file) }
        }
        do {
            try body { piece in
                guard piece.count > 0 else { return }
                if fwrite(piece.baseAddress, 1, piece.count, file) != piece.count { throw failure(path, errno) }
            }
            closed = true
            if fclose(file) != 0 { throw failure(path, errno) }
        } catch {
            if !special { unlink(target) }
            throw error
        }
        if !special { try commit(temporary: target, to: path) }
    }

    /// Renames a finished temporary file over the destination (or copies it into a device or pipe).
    public static func commit(temporary: String, to path: String) throws {
        if isSpecial(path) {
            defer { unlink(temporary) }
            try writeThrough(try Data(contentsOf: URL(fileURLWithPath: temporary)), to: path)
            return
        }
        if rename(temporary, destination(path)) != 0 {
            let err = errno
            unlink(temporary)
            throw failure(path, err)
        }
    }

    /// True when the path exists and is neither a regular file nor a link to one.
    static func isSpecial(_ path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        return (st.st_mode & S_IFMT) != S_IFREG
    }

    /// The file a symbolic link points to, else the path itself.
    static func destination(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return path }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    private static func writeThrough(_ data: Data, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw failure(path, errno) }
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
    }

    private static func failure(_ path: String, _ err: Int32) -> Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "kan inte skriva \(path): \(String(cString: strerror(err)))"])
    }
}
