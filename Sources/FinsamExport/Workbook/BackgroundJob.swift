import Foundation

/// Work on a thread of its own, outside Swift's cooperative pool: the workbook's thread waits for it at the
/// end without taking a pool thread from the rules. `wait()` returns when it is done and rethrows its error.
final class BackgroundJob: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the job's thread before `done` is signalled, read after the wait.
    private var failure: Error?
    private var waited = false

    init(_ work: @escaping @Sendable () throws -> Void) {
        let thread = Thread { [self] in
            do { try work() } catch { failure = error }
            done.signal()
        }
        thread.name = "finsam-fakta-csv"
        thread.start()
    }

    func wait() throws {
        if !waited {
            done.wait()
            waited = true
        }
        if let failure { throw failure }
    }

    deinit {
        // Never leave the thread writing into a file nobody waits for.
        if !waited { done.wait() }
    }
}
