import Foundation
import Synchronization

/// A progress line on stderr for batches: files done / total and the current file, redrawn at most ten
/// times a second, and only when stderr is a terminal (never in logs or pipes).
final class ProgressLine: Sendable {
    private let state = Mutex<(last: ContinuousClock.Instant?, shown: Bool)>((nil, false))
    let enabled: Bool

    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    func update(done: Int, total: Int, file: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let draw = state.withLock { s -> Bool in
            if done < total, let last = s.last, now - last < .milliseconds(100) { return false }
            s.last = now
            s.shown = true
            return true
        }
        guard draw else { return }
        let name = (file as NSString).lastPathComponent
        let line = "[\(done)/\(total)] \(name)"
        let width = 78
        let clipped = line.count > width ? String(line.prefix(width - 1)) + "…" : line
        FileHandle.standardError.write("\r\u{1B}[2K\(clipped)".data(using: .utf8)!)
    }

    /// Clears the line before the summary is printed.
    func finish() {
        guard enabled, state.withLock({ $0.shown }) else { return }
        FileHandle.standardError.write("\r\u{1B}[2K".data(using: .utf8)!)
    }
}
