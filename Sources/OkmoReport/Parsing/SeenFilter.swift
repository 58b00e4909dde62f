import OkmoCore

/// Which line digests a memo has seen once: a bit per digest in 2¹⁸ bits (32 KB), where a
/// digest map of the same lines took 2 MB of keys and two or three cache misses an insert.
///
/// It may say "seen" of a line it was never given (two digests on one bit; about one line in
/// sixteen once it holds its 2¹⁴): then that line is kept in the memo on its first sight,
/// which costs a slot and changes no answer, since a memo's answers are functions of the line.
///
/// Small, so that it stays in the core's cache: it is asked at nearly every line, at a random
/// bit. With 2²⁰ bits (128 KB, and a memo has two filters) and 2¹⁶ lines before starting
/// afresh, a listing check of the bench's 50 MB took 8–17% more processor time at one worker
/// and 7% more time at two, though 0.4% fewer instructions: the filters and the memo's tables
/// pushed each other out of a core's 1 MB second-level cache. 2¹⁷ bits was no faster than
/// 2¹⁸.
///
/// A class over memory of its own, not a struct over an array: every test of an array's bit
/// asked the runtime whether the array was shared (it never is), at nearly every line.
/// One worker's memo owns each filter, and nothing else holds it.
final class SeenFilter: @unchecked Sendable {
    private let bits: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) private(set) var count = 0
    static let words = 1 << 12
    /// Lines it holds before it starts afresh (see `ListingParser.Memo.limit`).
    static let limit = 1 << 14

    init() {
        bits = .allocate(capacity: SeenFilter.words)
        bits.initialize(repeating: 0, count: SeenFilter.words)
    }

    deinit { bits.deallocate() }

    /// Whether `key` was marked before; marks it.
    @inline(__always)
    func testAndSet(_ key: Digest128.Value) -> Bool {
        if count >= SeenFilter.limit {
            bits.update(repeating: 0, count: SeenFilter.words)
            count = 0
        }
        // The first lane: the memo tables index by the second.
        let bit = Int(truncatingIfNeeded: key.a) & (SeenFilter.words * 64 - 1)
        let mask: UInt64 = 1 << UInt64(bit & 63)
        let w = bits[bit >> 6]
        if w & mask != 0 { return true }
        bits[bit >> 6] = w | mask
        count += 1
        return false
    }
}
