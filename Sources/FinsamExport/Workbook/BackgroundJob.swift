import Foundation

/// Work on a thread of its own, outside Swift's cooperative pool: whoever needs its result waits for it
/// without the job taking a pool thread from the rules (and a job that waits itself blocks no pool thread).
/// `value()` returns when it is done and rethrows its error.
public final class BackgroundJob<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the job's thread before `done` is signalled, read after the wait.
    private var result: Result<Value, Error>?
    private var waited = false
    private let lock = NSLock()

    public init(name: String, _ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try work() }
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Waits for the job (once; later calls return at once) and returns its result.
    public func value() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if !waited {
            done.wait()
            waited = true
        }
        return try result!.get()
    }

    deinit {
        // Never leave the thread writing into a file nobody waits for.
        if !waited { done.wait() }
    }
}

extension BackgroundJob where Value == Void {
    func wait() throws { try value() }
}
