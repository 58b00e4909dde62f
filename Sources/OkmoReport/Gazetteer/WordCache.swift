/// The norm strings of the words a tokenizer has made lately, by their bytes.
///
/// Every word token carries its lower-cased norm as a `String`, and making one from bytes
/// checks them as UTF-8 again: about 180 instructions a word, 6% of the notes' extraction.
/// Running text repeats its word forms ("и", "в", "года", "района"), so a small table of
/// the last norm seen in each slot hands most words a string already made.
///
/// Direct-mapped by the word's hash. A slot holds a norm of up to 16 bytes and those bytes as
/// two words (zero past the norm's end); a norm has no zero byte, so the two words are the
/// norm, and a hit compares them in full: the string handed out is always the one the bytes
/// would make. A slot is 40 bytes, so a look-up touches one cache line or two. One cache
/// serves one thread (a worker, across its files).
///
/// Norms of 17 to 32 bytes (Russian words of nine to sixteen letters: an eighth of the
/// words of real Russian notes) have a smaller table of their own, whose slots hold four
/// words: each such word made a string of its own (a heap allocation, and a check of its
/// bytes), and worked out no `starts`.
final class WordCache {
    private struct Slot { var lo: UInt64 = 0, hi: UInt64 = 0, norm = "", starts: UInt32 = 0 }
    private struct LongSlot { var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0, norm = "", starts: UInt32 = 0 }
    /// Slots of the long norms' table (a power of two).
    let longSlots: Int
    private let long: UnsafeMutablePointer<LongSlot>
    /// A power of two; tests use one slot, where every word collides.
    let slots: Int
    // One thread owns a cache, and no access overlaps another. The table is memory of the
    // cache's own, not an array: an array asked whether it was uniquely held (a call) at
    // every look-up, once per word of every text.
    private let table: UnsafeMutablePointer<Slot>
    /// Hits and look-ups, for the tests and for measuring.
    private(set) var hits = 0, lookups = 0

    /// Works out which tables may start a phrase at a word (`WordKeys.starts`) on the
    /// word form's first sight; without it, tokens leave that to each table's filter.
    let starts: WordStarts?

    init(slots: Int = 1 << 12, longSlots: Int = 1 << 10, starts: WordStarts? = nil) {
        precondition(slots > 0 && slots & (slots - 1) == 0 && longSlots > 0 && longSlots & (longSlots - 1) == 0)
        self.slots = slots
        self.longSlots = longSlots
        self.starts = starts
        table = UnsafeMutablePointer<Slot>.allocate(capacity: slots)
        table.initialize(repeating: Slot(), count: slots)
        long = UnsafeMutablePointer<LongSlot>.allocate(capacity: longSlots)
        long.initialize(repeating: LongSlot(), count: longSlots)
    }

    deinit {
        table.deinitialize(count: slots)
        table.deallocate()
        long.deinitialize(count: longSlots)
        long.deallocate()
    }

    /// Bytes a caller's buffer must hold past a norm's end: `norm` reads the first sixteen
    /// bytes whatever the norm's length (and masks what lies past it), a long norm's first
    /// thirty-two.
    static let slack = 32

    /// The norm of the `count` bytes at `bytes` (valid UTF-8 without a zero byte, as every
    /// norm is), `hash` being any hash of them.
    /// With `keys` (the word's), its `starts` are set from the slot, or worked out with the
    /// norm when the slot is made (never for a norm longer than a slot holds: those are
    /// rare, and each table then asks its filter as it did).
    @inline(__always)
    func norm(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64, keys: inout WordKeys) -> String {
        guard count > 0 && count <= 32 else { return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self) }
        if count > 16 { return longNorm(bytes, count: count, hash: hash, keys: &keys) }
        let raw = UnsafeRawPointer(bytes)
        let a = masked(raw.loadUnaligned(as: UInt64.self), keep: count)
        let b = masked(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self), keep: count - 8)
        let s = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (slots - 1)
        lookups &+= 1
        if table[s].lo == a && table[s].hi == b {
            hits &+= 1
            keys.starts = table[s].starts
            return table[s].norm
        }
        let made = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        keys.starts = starts?.starts(keys) ?? 0
        table[s] = Slot(lo: a, hi: b, norm: made, starts: keys.starts)
        return made
    }

    /// `w` with only its first `n` bytes (little-endian), zero past them.
    @inline(__always)
    private func masked(_ w: UInt64, keep n: Int) -> UInt64 { n >= 8 ? w : n <= 0 ? 0 : w & ((1 << UInt64(8 * n)) &- 1) }

    /// `norm` for a norm of 17 to 32 bytes, from the long norms' table.
    private func longNorm(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64, keys: inout WordKeys) -> String {
        let raw = UnsafeRawPointer(bytes)
        let w0 = raw.loadUnaligned(as: UInt64.self), w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let w2 = masked(raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), keep: count - 16)
        let w3 = masked(raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self), keep: count - 24)
        let s = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (longSlots - 1)
        lookups &+= 1
        if long[s].w0 == w0 && long[s].w1 == w1 && long[s].w2 == w2 && long[s].w3 == w3 {
            hits &+= 1
            keys.starts = long[s].starts
            return long[s].norm
        }
        let made = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        keys.starts = starts?.starts(keys) ?? 0
        long[s] = LongSlot(w0: w0, w1: w1, w2: w2, w3: w3, norm: made, starts: keys.starts)
        return made
    }
}
