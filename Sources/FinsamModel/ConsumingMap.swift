extension Array {
    /// `map(transform)` that hands each element over instead of lending it: a transform that changes its element
    /// (the mapping sets concepts in a document's tables) then changes it in place, where a copy would share
    /// the storage the array still holds and have it copied whole.
    public consuming func consumingMap<R>(_ transform: (consuming Element) throws -> R) rethrows -> [R] {
        var rest = consume self
        rest.reverse()
        var results: [R] = []
        results.reserveCapacity(rest.count)
        while let element = rest.popLast() { results.append(try transform(consume element)) }
        return results
    }
}
