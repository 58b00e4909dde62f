/// A hash map from 128-bit digests to small values: the merge state of a build, which holds one
/// entry per event of the corpus, and the parsers' memo tables.
///
/// `Dictionary` keeps its load under 3/4 and stores key and value together, so 423,000 events
/// took a 2²⁰-slot table of 24-byte entries for each of three maps (72 MB, most of the memory of
/// a 50 MB build). Here the tables fill to 7/8, and the digest is its own hash (its second lane
/// is already mixed), so the same events take 2¹⁹ slots.
///
/// Laid out for the cache: a byte per slot (`tags`) says whether it is used and holds seven more
/// bits of the digest. A look-up walks the tags and reads a key only when its tag matches (one
/// in 128 of the others), so a key that is not there (most look-ups of a memo, and of the
/// merge's table of repeats) costs one cache line of tags. Before, the walk read both halves
/// of every key it passed. (The merge's table of titles and places, which adds an entry for
/// nearly every event, is a `DigestIndex`.) Keys and values stay in arrays of their own:
/// one array of key-value entries was faster still, but one allocation of 24 MB in place of
/// several smaller ones raised the peak memory of the 100 MB build by 12 MB (1.98× the input,
/// against a limit of 2×).
///
/// Its methods are `@inlinable` so that the build's maps are specialised for their value types
/// in the module that uses them; unspecialised, each call looked up `Array<Value>`'s metadata.
/// The look-ups are inlined too: the listing parser makes several an entry, and a call cost
/// about a quarter of a look-up that finds nothing.
public struct DigestMap<Value: Sendable>: Sendable {
    /// 0 for an empty slot; else 0x80 and the top seven bits of the key's second lane.
    @usableFromInline var tags: [UInt8]
    @usableFromInline var keys: [Digest128.Value]
    @usableFromInline var values: [Value]
    @usableFromInline let placeholder: Value
    @usableFromInline var _count = 0
    public var count: Int { _count }

    /// `placeholder` fills empty slots; it is never returned.
    @inlinable
    public init(placeholder: Value) {
        self.placeholder = placeholder
        tags = Array(repeating: 0, count: 16)
        keys = Array(repeating: Digest128.Value(a: 0, b: 0), count: 16)
        values = Array(repeating: placeholder, count: 16)
    }

    /// The slot's tag: never 0, and from bits the slot index does not use (tables stay far
    /// below 2⁵⁷ slots).
    @inlinable @inline(__always)
    static func tag(_ k: Digest128.Value) -> UInt8 { UInt8(truncatingIfNeeded: k.b >> 57) | 0x80 }

    @inlinable @inline(__always)
    func find(_ k: Digest128.Value) -> (slot: Int, found: Bool) {
        let tag = DigestMap.tag(k)
        return tags.withUnsafeBufferPointer { t in
            linearProbe(from: Int(truncatingIfNeeded: k.b), mask: t.count - 1) { i in
                let x = t[i]
                return x == 0 ? .empty : x == tag && keys[i] == k ? .match : .other
            }
        }
    }

    @inlinable @inline(__always)
    public subscript(key: Digest128.Value) -> Value? {
        let (i, found) = find(key)
        return found ? values[i] : nil
    }

    /// Whether `key` has a value: a look-up that copies no value out (a reference value
    /// would be retained and released).
    @inlinable @inline(__always)
    public func contains(_ key: Digest128.Value) -> Bool { find(key).found }

    /// Sets the value of `key`, adding it when it is new.
    @inlinable
    public mutating func set(_ value: Value, for key: Digest128.Value) {
        let (i, found) = find(key)
        if found { values[i] = value; return }
        insert(value, for: key, at: i)
    }

    /// The value of `key` when it has one; otherwise `value` becomes its value and the result
    /// is nil. One walk of the table where a look-up and then `set` made two.
    @inlinable
    public mutating func valueOrInsert(_ value: Value, for key: Digest128.Value) -> Value? {
        let (i, found) = find(key)
        if found { return values[i] }
        insert(value, for: key, at: i)
        return nil
    }

    /// Empties the table and keeps its slots. A memo that starts afresh at its limit is soon
    /// as full again: made anew, it grew from 16 slots by doubling, each doubling moving every
    /// entry into fresh memory; a listing's table of the file's places was made anew for
    /// each file. The values are set to the placeholder, so references they held are let go.
    @inlinable
    public mutating func removeAll() {
        tags.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        let p = placeholder
        values.withUnsafeMutableBufferPointer { $0.update(repeating: p) }
        _count = 0
    }

    /// Adds `key`, which is not in the table, at `slot` (where `find` stopped).
    @inlinable @inline(__always)
    mutating func insert(_ value: Value, for key: Digest128.Value, at slot: Int) {
        var i = slot
        if (_count + 1) * 8 > tags.count * 7 {
            grow()
            i = find(key).slot
        }
        tags[i] = DigestMap.tag(key)
        keys[i] = key
        values[i] = value
        _count += 1
    }

    /// Doubles the table. The entries are moved on the arrays' buffers: through subscripts,
    /// each of the two writes an entry asked whether its array was shared, and a merge of
    /// 420,000 events spent a sixth of its time here.
    @inlinable
    mutating func grow() {
        let (oldTags, oldKeys, oldValues) = (tags, keys, values)
        let capacity = tags.count * 2
        let mask = capacity - 1
        var newTags = [UInt8](repeating: 0, count: capacity)
        var newKeys = Array(repeating: Digest128.Value(a: 0, b: 0), count: capacity)
        var newValues = Array(repeating: placeholder, count: capacity)
        newTags.withUnsafeMutableBufferPointer { t in
            newKeys.withUnsafeMutableBufferPointer { nk in
                newValues.withUnsafeMutableBufferPointer { nv in
                    oldTags.withUnsafeBufferPointer { ot in
                        oldKeys.withUnsafeBufferPointer { ok in
                            oldValues.withUnsafeBufferPointer { ov in
                                for k in 0..<ot.count where ot[k] != 0 {
                                    var i = Int(truncatingIfNeeded: ok[k].b) & mask
                                    while t[i] != 0 { i = (i + 1) & mask }
                                    t[i] = ot[k]
                                    nk[i] = ok[k]
                                    nv[i] = ov[k]
                                }
                            }
                        }
                    }
                }
            }
        }
        tags = newTags
        keys = newKeys
        values = newValues
    }
}
