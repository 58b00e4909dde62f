/// A map from 128-bit digests to values whose entries are kept in the order they came, in
/// chunks of their own, and found through a table of 8-byte slots: the merge state of a
/// build and of `check`, which adds an entry for nearly every event of the corpus and finds
/// one again only for a repeat.
///
/// `DigestMap` writes each new entry's key and value into slots spread over its whole table
/// (tens of megabytes for a corpus of 400,000 events): two cache misses an entry, on the main
/// thread, whose random writes also pushed the workers' tables out of the shared cache (the
/// merge took a quarter of `check`'s time on 50 MB of listings at two workers, against a tenth
/// of its processor time). Here a new entry writes one slot, in a table a fifth of the size,
/// and appends its key and value where the last ones went; an entry is read back only when
/// its slot's bits of the key match (a repeat; else a slot of the walk with the same home
/// and the same bits above it, one in 4,096 such slots at the bench's 2¹⁹).
///
/// An entry keeps only the key's first lane: the slot keeps 31 bits of the second (its top
/// bits, which also say where the slot is), so a key is told apart by 95 bits, where a
/// collision of two of a corpus's million events is about one chance in 10¹⁷. Keeping
/// both lanes made an entry 32 bytes for the merge's 16 of value, where it is 24 now: the
/// merge's memory is fresh pages, each a page fault (about 1.3 µs on the machine of the
/// README's table for one thread touching pages in a loop, more with the workers faulting
/// at the same time): 13.5 → 10.2 MB and about 800 faults fewer for the 420,000 events of
/// the bench's 50 MB of listings, on the main thread. And the table grows from its slots
/// alone, in their order, without reading the entries back.
///
/// A class over memory of its own: one merge owns it, and as an array-backed struct each new
/// entry asked the runtime three times whether an array was shared (the slots, the list of
/// chunks, the last chunk), and called for the chunk size (a static of a generic type).
public final class DigestIndex<Value: Sendable>: @unchecked Sendable {
    /// 0 for an empty slot; else the top 32 bits of the key's second lane (with the top bit
    /// set, so that no used slot is 0) above the entry's number. The key's home slot is in
    /// the 31 bits below the top bit (`home`), so a slot says where it belongs.
    @usableFromInline @exclusivity(unchecked) var slots: UnsafeMutableBufferPointer<UInt64>
    /// The entries (key and value) in the order they came, in chunks of `digestIndexChunkSize`:
    /// a chunk is filled and never moved. Two arrays of them all doubled as they grew, each
    /// time copied whole into fresh pages (page faults, the kernel zeroing each page): for the
    /// 420,000 events of 50 MB of listings, the merge took 60 ms of `check`'s time at one
    /// worker with them, 46 ms with chunks.
    @usableFromInline @exclusivity(unchecked) var chunks: [UnsafeMutablePointer<Entry>] = []
    @usableFromInline @exclusivity(unchecked) var entries = 0

    @usableFromInline struct Entry: Sendable {
        /// The key's first lane (its second is in the slot).
        @usableFromInline var lane: UInt64
        @usableFromInline var value: Value
        @inlinable init(lane: UInt64, value: Value) { self.lane = lane; self.value = value }
    }

    public init() {
        slots = .allocate(capacity: 16)
        slots.initialize(repeating: 0)
    }

    deinit {
        for (c, chunk) in chunks.enumerated() {
            chunk.deinitialize(count: min(digestIndexChunkSize, entries - c * digestIndexChunkSize))
            chunk.deallocate()
        }
        slots.deallocate()
    }

    /// Entries so far.
    public var count: Int { entries }

    /// Entry `e`.
    @inlinable @inline(__always)
    func entry(at e: Int) -> Entry { chunks[e >> digestIndexChunkBits][e & (digestIndexChunkSize - 1)] }

    /// The keys' first lanes in the order they came (for the tests).
    var firstLanes: [UInt64] { (0..<entries).map { entry(at: $0).lane } }

    @inlinable @inline(__always)
    static func tag(_ k: Digest128.Value) -> UInt64 { (k.b >> 32 | 0x8000_0000) << 32 }

    /// Where a key with tag `tag` (or a used slot, read as its tag) starts its walk, before
    /// the table's mask: the tag's 31 bits below its top bit.
    @inlinable @inline(__always)
    static func home(_ tag: UInt64) -> Int { Int(truncatingIfNeeded: tag >> 32 & 0x7FFF_FFFF) }

    /// The slot where `key` is, or the empty one where it would go.
    @inlinable @inline(__always)
    func find(_ key: Digest128.Value) -> (slot: Int, entry: Int?) {
        let tag = DigestIndex.tag(key)
        let s = slots
        let (i, found) = linearProbe(from: DigestIndex.home(tag), mask: s.count - 1) { i in
            let x = s[i]
            return x == 0 ? .empty : x & 0xFFFF_FFFF_0000_0000 == tag && entry(at: DigestIndex.entry(x)).lane == key.a ? .match : .other
        }
        return (i, found ? DigestIndex.entry(s[i]) : nil)
    }

    /// The entry a used slot numbers.
    @inlinable @inline(__always)
    static func entry(_ slot: UInt64) -> Int { Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) }

    /// The slot where a look-up of `key` starts, read: a read that brings the slot's cache line
    /// in. The merge reads those of a run of keys before it looks any of them up, so that their
    /// misses overlap (a look-up is a walk that waits on each), and folds them into a value it
    /// uses (`Opaque.use`), so that the reads are not optimised away.
    @inlinable @inline(__always)
    public func touch(_ key: Digest128.Value) -> UInt64 {
        slots[DigestIndex.home(DigestIndex.tag(key)) & (slots.count - 1)]
    }

    @inlinable
    public subscript(key: Digest128.Value) -> Value? {
        find(key).entry.map { entry(at: $0).value }
    }

    /// The value of `key` when it has one; otherwise `value` becomes its value and the result
    /// is nil.
    @inlinable
    public func valueOrInsert(_ value: Value, for key: Digest128.Value) -> Value? {
        let (i, entry) = find(key)
        if let entry { return self.entry(at: entry).value }
        precondition(entries < 0x7FFF_FFFF, "more entries than an index slot numbers")
        slots[i] = DigestIndex.tag(key) | UInt64(entries)
        let within = entries & (digestIndexChunkSize - 1)
        if within == 0 { chunks.append(.allocate(capacity: digestIndexChunkSize)) }
        (chunks[chunks.count - 1] + within).initialize(to: Entry(lane: key.a, value: value))
        entries += 1
        // Filled to 7/8 at most, as `DigestMap`.
        if entries * 8 > slots.count * 7 { grow() }
        return nil
    }

    /// Doubles the table, its slots moved in the order they lie, each to where its tag says
    /// it belongs.
    @inlinable
    func grow() {
        let capacity = slots.count * 2
        let mask = capacity - 1
        let s = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: capacity)
        s.initialize(repeating: 0)
        for x in slots where x != 0 {
            var i = DigestIndex.home(x) & mask
            while s[i] != 0 { i = (i + 1) & mask }
            s[i] = x
        }
        slots.deallocate()
        slots = s
    }
}

/// Entries a chunk of a `DigestIndex` holds, as a power of two: constants outside the generic
/// type, which a static of it is not (it was a call at every entry).
@usableFromInline let digestIndexChunkBits = 14
@usableFromInline let digestIndexChunkSize = 1 << digestIndexChunkBits
