import Foundation
import FinsamModel

/// Answers of a pattern test kept by the text it was asked of, for tests asked again and again of the same few
/// texts (column headers, unit words). The tests are pure functions of the text, so the answer is the same
/// whichever reader thread asked first; the lock only guards the dictionary.
final class PatternMemo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    let capacity = 20_000

    private let lock = NSLock()
    private var answers: [Key: Value] = [:]

    func value(_ text: Key, _ compute: () -> Value) -> Value {
        if let known = lock.withLock({ answers[text] }) { return known }
        let found = compute()
        lock.withLock {
            // Bounds what a long batch (or a fuzzer) can make it hold: past the capacity it starts over.
            if answers.count >= capacity { answers.removeAll() }
            answers[text] = found
        }
        return found
    }
}

/// The memos the text reader keeps.
enum PatternMemos {
    static let scenarios = PatternMemo<String, Scenario?>()
    static let scales = PatternMemo<String, PrintedScale?>()
    static let withoutUnitWords = PatternMemo<String, String>()
    /// Column headers repeat from table to table and from report to report of the same period and kind.
    static let columnMeanings = PatternMemo<ColumnHeaderQuestion, ColumnMeaning>()
}
