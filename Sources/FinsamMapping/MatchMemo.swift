import Foundation

/// Answers of a pure function remembered for one batch. The label rules are evaluated by Swift Regex, which
/// costs microseconds per call, while a batch repeats its labels, headers and titles many times over (every
/// report of a förbund prints the same lines, year after year): each distinct question is answered once.
///
/// Shared by the tasks of a batch, so guarded by a lock; the answer is computed outside it (two tasks may both
/// compute one, and store the same value). Past `capacity` answers nothing more is stored, so a batch of
/// unlike texts costs a lookup per question, never unbounded memory.
final class MatchMemo<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Key: Value] = [:]
    private let capacity: Int

    init(capacity: Int = 1 << 17) {
        self.capacity = capacity
    }

    func value(for key: Key, compute: () -> Value) -> Value {
        lock.lock()
        let known = answers[key]
        lock.unlock()
        if let known { return known }
        let value = compute()
        lock.lock()
        if answers.count < capacity { answers[key] = value }
        lock.unlock()
        return value
    }
}

/// A text as a memo key, by its bytes. `String` equality and hashing follow canonical equivalence, which costs a
/// normalisation per hash for any non-ASCII text (every `å`, `ä`, `ö`) and would let a decomposed label reuse
/// what a precomposed one printed; by bytes, each spelling has its own entry.
struct ExactText: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (a: ExactText, b: ExactText) -> Bool {
        ExactText.sameBytes(a.text, b.text)
    }

    /// Whether two texts have the same UTF-8 bytes, compared as memory: `utf8.elementsEqual` walks the views
    /// element by element through the generic `Sequence` path, and a memo asks this on every hit.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        if a.utf8.count != b.utf8.count { return false }
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
