/// `RepeatedFigureRule.PackedKey` → a number, by open addressing with a multiplicative hash: the repeat rule
/// looks up the group of every figure it compares, and a `Dictionary` hashes each key through SipHash.
struct PackedTable {
    private var keys: [RepeatedFigureRule.PackedKey]
    /// -1 for an empty slot.
    private var values: [Int32]
    private var mask: Int
    private var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: RepeatedFigureRule.PackedKey(a: 0, b: 0), count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    private static func slot(_ k: RepeatedFigureRule.PackedKey, _ mask: Int) -> Int {
        var h = k.a &* 0x9E37_79B9_7F4A_7C15
        h ^= (k.b ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h) & mask
    }

    /// The number of `key`, or `next` when the key is new (then numbered so).
    mutating func id(_ key: RepeatedFigureRule.PackedKey, next: Int32) -> (id: Int32, inserted: Bool) {
        var i = PackedTable.slot(key, mask)
        while values[i] >= 0 {
            if keys[i] == key { return (values[i], false) }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = next
        count += 1
        if count * 2 > values.count { grow() }
        return (next, true)
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        let size = values.count * 2
        keys = Array(repeating: RepeatedFigureRule.PackedKey(a: 0, b: 0), count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
        for (k, v) in zip(oldKeys, oldValues) where v >= 0 {
            var i = PackedTable.slot(k, mask)
            while values[i] >= 0 { i = (i + 1) & mask }
            keys[i] = k
            values[i] = v
        }
    }
}
