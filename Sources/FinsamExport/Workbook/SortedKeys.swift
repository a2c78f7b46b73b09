/// Lookup tables kept as sorted arrays (`CellIndex`, `FactCatalog`): a national batch has hundreds of
/// thousands of keys, and an array of them costs a fraction of a dictionary of arrays.
extension Array {
    /// The indices in ascending order of `key`, equal keys in the order they are listed.
    /// Each key is taken once, not at every comparison, and sorted beside its index, so the sort compares
    /// plain values.
    func indicesSorted<Key: Comparable>(by key: (Element) -> Key) -> [Int] {
        var keyed: [(key: Key, index: Int)] = []
        keyed.reserveCapacity(count)
        for i in indices { keyed.append((key(self[i]), i)) }
        keyed.sort { a, b in a.key != b.key ? a.key < b.key : a.index < b.index }
        return keyed.map(\.index)
    }
}

extension Array where Element: Comparable {
    /// The first index whose element is not less than `value` (`count` when there is none), in a sorted array.
    func lowerBound(of value: Element) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
