/// Values the process holds until it ends. A national batch is millions of small objects (documents, rows,
/// facts, findings); releasing them one by one when a command returns took a quarter to half a second at 1×,
/// after every file was already written, while the system takes a process's memory back at once. Commands run
/// once per process (the tests start the binary), so nothing accumulates.
enum ProcessLifetime {
    /// Appended to at the end of a command, never read.
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ values: Any...) {
        kept.append(contentsOf: values)
    }
}
