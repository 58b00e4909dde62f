/// A hash map from 128-bit digests to small values: the merge state of a build, which holds one
/// entry per event of the corpus.
///
/// `Dictionary` keeps its load under 3/4 and stores key and value together, so 423,000 events
/// took a 2²⁰-slot table of 24-byte entries for each of three maps (72 MB, most of the memory of
/// a 50 MB build). Here keys and values sit in parallel arrays filled to 7/8, and the digest is
/// its own hash (its second lane is already mixed), so the same events take 2¹⁹ slots.
///
/// Its methods are `@inlinable` so that the build's maps are specialised for their value types
/// in the module that uses them; unspecialised, each call looked up `Array<Value>`'s metadata.
public struct DigestMap<Value: Sendable>: Sendable {
    @usableFromInline var lo: [UInt64]
    @usableFromInline var hi: [UInt64]
    @usableFromInline var used: [Bool]
    @usableFromInline var values: [Value]
    @usableFromInline let placeholder: Value
    @usableFromInline internal(set) var _count = 0
    public var count: Int { _count }

    /// `placeholder` fills empty slots; it is never returned.
    @inlinable
    public init(placeholder: Value) {
        self.placeholder = placeholder
        lo = Array(repeating: 0, count: 16)
        hi = Array(repeating: 0, count: 16)
        used = Array(repeating: false, count: 16)
        values = Array(repeating: placeholder, count: 16)
    }

    @inlinable @inline(__always)
    func find(_ k: Digest128.Value) -> (slot: Int, found: Bool) {
        let mask = used.count - 1
        var i = Int(truncatingIfNeeded: k.b) & mask
        while used[i] {
            if hi[i] == k.b && lo[i] == k.a { return (i, true) }
            i = (i + 1) & mask
        }
        return (i, false)
    }

    @inlinable
    public subscript(key: Digest128.Value) -> Value? {
        let (i, found) = find(key)
        return found ? values[i] : nil
    }

    /// Sets the value of `key`, adding it when it is new.
    @inlinable
    public mutating func set(_ value: Value, for key: Digest128.Value) {
        var (i, found) = find(key)
        if found { values[i] = value; return }
        if (_count + 1) * 8 > used.count * 7 {
            grow()
            i = find(key).slot
        }
        lo[i] = key.a; hi[i] = key.b; used[i] = true; values[i] = value
        _count += 1
    }

    @inlinable
    mutating func grow() {
        let old = (lo, hi, used, values)
        let capacity = used.count * 2
        lo = Array(repeating: 0, count: capacity)
        hi = Array(repeating: 0, count: capacity)
        used = Array(repeating: false, count: capacity)
        values = Array(repeating: placeholder, count: capacity)
        for k in 0..<old.2.count where old.2[k] {
            let key = Digest128.Value(a: old.0[k], b: old.1[k])
            let i = find(key).slot
            lo[i] = key.a; hi[i] = key.b; used[i] = true; values[i] = old.3[k]
        }
    }
}
