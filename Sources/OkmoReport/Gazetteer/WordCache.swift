import OkmoCore

/// The keys of the word forms a tokenizer has read lately (`WordKeys`), with which phrase
/// tables may start a phrase at each (`WordKeys.starts`), by the forms' bytes.
///
/// Running text repeats its word forms ("и", "в", "года", "района"), and working the bits out
/// asks ten tables' filters: a small table of the last form seen in each slot answers most
/// words from one look-up. (It also handed out each word's norm as a string made before,
/// when a token's norm was a `String`; a norm is now plain bytes, `NormBytes`.)
///
/// Direct-mapped by the word's hash. A slot holds a norm of up to 16 bytes as two words (zero
/// past the norm's end); a norm has no zero byte, so the two words are the norm, and a hit
/// compares them in full: the keys handed out are always the form's own. One cache serves one
/// thread (a worker, across its files).
///
/// Norms of 17 to 32 bytes (Russian words of nine to sixteen letters: an eighth of the words
/// of real Russian notes) have a smaller table of their own, whose slots hold four words.
/// Longer norms get no bits: each table then asks its own filter.
final class WordCache {
    private static let noKeys = WordKeys(utf8: [UInt8]())
    private struct Slot { var lo: UInt64 = 0, hi: UInt64 = 0, keys = WordCache.noKeys }
    private struct LongSlot { var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0, keys = WordCache.noKeys }
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

    /// Works out which tables may start a phrase at a word (`WordKeys.starts`) on the word
    /// form's first sight; without it, the cache hands out 0 (each table asks its filter).
    let starts: WordStarts?

    /// 2¹³ slots (320 KB) and 2¹¹ long ones (112 KB): at 2¹² and 2¹⁰, one word in eighteen of
    /// the bench's notes missed and had its start bits worked out again (ten filters asked);
    /// at 2¹³ the notes took 4.6M instructions fewer on 3 MB; 2¹⁴, twice the memory again,
    /// saved 2.3M more and ran no faster.
    init(slots: Int = 1 << 13, longSlots: Int = 1 << 11, starts: WordStarts? = nil) {
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
        scratchBytes?.deallocate()
        tokenRoomStart.deallocate()
    }

    /// Room for the tokenizer's tokens (`TokenBatch`), kept for the cache's life and grown to
    /// the longest text's worst case (a token per scalar), up to `tokenRoomLimit`: a text's
    /// tokens then go to its array in one batch, which is made their exact size. With a batch
    /// of 64, each text's array was reserved up front for a token every five scalars, half as
    /// much again as notes use, and the paragraphs of a document held that room to its end.
    static let tokenRoomLimit = 1 << 13
    private var tokenRoomStart = UnsafeMutablePointer<WordToken>.allocate(capacity: 64)
    private var tokenRoomCount = 64

    /// The token room, with room for `count` tokens or `tokenRoomLimit`, whichever is fewer.
    func tokenRoom(atLeast count: Int) -> (UnsafeMutablePointer<WordToken>, capacity: Int) {
        let wanted = min(count, WordCache.tokenRoomLimit)
        if wanted > tokenRoomCount {
            tokenRoomStart.deallocate()
            tokenRoomCount = min(max(wanted, 2 * tokenRoomCount), WordCache.tokenRoomLimit)
            tokenRoomStart = .allocate(capacity: tokenRoomCount)
        }
        return (tokenRoomStart, tokenRoomCount)
    }

    /// The arrays of the notes paragraphs read with this cache, given back when a paragraph
    /// dies (its document's meetings read) for the next ones to take over (`ArrayPool`). At
    /// most 4.5 MB of tokens, 1 MB of scalars and 0.5 MB of sentence numbers are kept: 3 MB
    /// of the bench's notes end with a fourteenth of the tokens' room kept and an eighth of
    /// the scalars', and reuse 98% of their paragraphs' arrays.
    let tokenArrays = ArrayPool<WordToken>(maxCapacity: 1 << 14, budget: 1 << 16)
    let scalarArrays = ArrayPool<Unicode.Scalar>(maxCapacity: 1 << 16, budget: 1 << 18)
    let intArrays = ArrayPool<Int>(maxCapacity: 1 << 14, budget: 1 << 16)

    /// The list of a paragraph's stops (`Tokenizer.Tally.stops`), lent for one paragraph and
    /// kept from paragraph to paragraph: the sentence splitter reads it and the paragraph keeps
    /// only its sentence numbers, and a list of its own was an allocation a paragraph.
    private var stopsRoom: [Int] = []

    /// The stops list, empty, with the room of the longest lent before.
    func lendStops() -> [Int] {
        var s: [Int] = []
        swap(&s, &stopsRoom)
        s.removeAll(keepingCapacity: true)
        return s
    }

    /// Takes the list `lendStops` lent back (the caller's copy is left empty).
    func takeBack(stops: inout [Int]) {
        swap(&stops, &stopsRoom)
    }

    /// The tokenizer's scratch bytes (`Tokenizer.tokens`), kept from text to text: a
    /// paragraph's scratch (two bytes a scalar) was a heap allocation and a clearing of its
    /// own, freed at the paragraph's end.
    private var scratchBytes: UnsafeMutablePointer<UInt8>?
    private var scratchCount = 0

    /// At least `count` bytes of scratch, valid until the next call (cleared when made).
    func scratch(atLeast count: Int) -> UnsafeMutablePointer<UInt8> {
        if count > scratchCount || scratchBytes == nil {
            scratchBytes?.deallocate()
            scratchCount = max(count, 2 * scratchCount, 4096)
            let b = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCount)
            b.initialize(repeating: 0, count: scratchCount)
            scratchBytes = b
        }
        return scratchBytes!
    }

    /// The keys of the word whose norm is `norm` (its bytes at `bytes`), with their `starts`:
    /// from the slot, or worked out when the slot is made. A norm longer than a slot holds
    /// (rare) gets its keys worked out every time and `starts` 0: each table then asks its
    /// filter.
    ///
    /// The keys are a function of the norm's bytes, so a slot hands out the keys of the form
    /// it holds, and a word form seen before (nearly every word) takes all five keys from its
    /// slot. The slot is chosen by a hash of the norm's inline words (`slotHash`), two
    /// multiplies a word: the tokenizer hashed each letter with FNV-1a as it read it for the
    /// slot alone (the keys' FNV comes from the slot, or from the bytes on a miss), a chain of
    /// dependent multiplies a letter.
    @inline(__always)
    func keys(of norm: NormBytes, bytes: UnsafeMutablePointer<UInt8>) -> WordKeys {
        guard let w = norm.inlineWords, norm.count > 0 else { return WordKeys(utf8: UnsafeBufferPointer(start: bytes, count: norm.count)) }
        if norm.count > 16 { return longKeys(w, bytes: bytes, count: norm.count) }
        let s = WordCache.slot(WordCache.slotHash(w.0, w.1), count: slots)
        lookups &+= 1
        if table[s].lo == w.0 && table[s].hi == w.1 {
            hits &+= 1
            return table[s].keys
        }
        let made = worked(UnsafeBufferPointer(start: bytes, count: norm.count))
        table[s] = Slot(lo: w.0, hi: w.1, keys: made)
        return made
    }

    /// A hash of a norm's words for the slot (zero past the norm, so equal norms hash alike).
    @inline(__always)
    static func slotHash(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &* 0xBF58_476D_1CE4_E5B9)
    }

    /// The slot of a hash in a table of `count` slots (a power of two): its top bits, which
    /// the multiplies mix best.
    @inline(__always)
    static func slot(_ h: UInt64, count: Int) -> Int {
        Int(truncatingIfNeeded: h >> UInt64(64 - count.trailingZeroBitCount))
    }

    /// `keys` for a norm of 17 to 32 bytes, from the long norms' table.
    private func longKeys(_ w: (UInt64, UInt64, UInt64, UInt64), bytes: UnsafeMutablePointer<UInt8>, count: Int) -> WordKeys {
        let s = WordCache.slot(WordCache.slotHash(w.0, w.1) ^ WordCache.slotHash(w.2, w.3) &* 0x2545_F491_4F6C_DD1D, count: longSlots)
        lookups &+= 1
        if long[s].w0 == w.0 && long[s].w1 == w.1 && long[s].w2 == w.2 && long[s].w3 == w.3 {
            hits &+= 1
            return long[s].keys
        }
        let made = worked(UnsafeBufferPointer(start: bytes, count: count))
        long[s] = LongSlot(w0: w.0, w1: w.1, w2: w.2, w3: w.3, keys: made)
        return made
    }

    /// A form's keys and `starts`, on its first sight.
    private func worked(_ bytes: UnsafeBufferPointer<UInt8>) -> WordKeys {
        var keys = WordKeys(utf8: bytes)
        keys.starts = starts?.starts(keys) ?? 0
        return keys
    }
}
