import Foundation

extension Array where Element: Sendable {
    /// `map(transform)`, the elements shared out over the cores; the results keep the order of the elements.
    public func concurrentMap<R>(_ transform: @Sendable (Element) -> R) -> [R] {
        guard count > 1 else { return map(transform) }
        var results = [R?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            // Each iteration writes its own slot only.
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = transform(self[i]) }
        }
        return results.map { $0! }
    }
}
