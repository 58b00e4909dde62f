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
/// would make. A slot is 32 bytes, so a look-up touches one cache line. One cache serves one
/// thread (a worker, across its files).
final class WordCache {
    private struct Slot { var lo: UInt64 = 0, hi: UInt64 = 0, norm = "", starts: UInt32 = 0 }
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

    init(slots: Int = 1 << 12, starts: WordStarts? = nil) {
        precondition(slots > 0 && slots & (slots - 1) == 0)
        self.slots = slots
        self.starts = starts
        table = UnsafeMutablePointer<Slot>.allocate(capacity: slots)
        table.initialize(repeating: Slot(), count: slots)
    }

    deinit {
        table.deinitialize(count: slots)
        table.deallocate()
    }

    /// Bytes a caller's buffer must hold past a norm's end: `norm` reads the first sixteen
    /// bytes whatever the norm's length (and masks what lies past it).
    static let slack = 16

    /// The norm of the `count` bytes at `bytes` (valid UTF-8 without a zero byte, as every
    /// norm is), `hash` being any hash of them.
    /// With `keys` (the word's), its `starts` are set from the slot, or worked out with the
    /// norm when the slot is made (never for a norm longer than a slot holds: those are
    /// rare, and each table then asks its filter as it did).
    @inline(__always)
    func norm(_ bytes: UnsafePointer<UInt8>, count: Int, hash: UInt64, keys: inout WordKeys) -> String {
        guard count > 0 && count <= 16 else { return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self) }
        let raw = UnsafeRawPointer(bytes)
        @inline(__always) func masked(_ w: UInt64, keep n: Int) -> UInt64 { n >= 8 ? w : n <= 0 ? 0 : w & ((1 << UInt64(8 * n)) &- 1) }
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
}
