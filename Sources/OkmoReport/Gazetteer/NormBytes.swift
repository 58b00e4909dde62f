import Dispatch
import OkmoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A token's normalised bytes (lower case, ё as е), held in the token itself.
///
/// The norm was a `String`, which made a token a type with a destructor: an array of tokens
/// was destroyed element by element, every copy of a token went through its value witness,
/// and a word's norm was made as a string (checked as UTF-8) or fetched from a cache and
/// retained. Held as plain bytes, a token is plain data: its arrays are freed and copied as
/// memory.
///
/// Up to 32 bytes sit inline, zero past the norm's end: a Russian word of sixteen letters.
/// That leaves out about one word in 800 of the bench's generated notes, and one Russian word
/// in 125 of the seeds' and the development set's notes. A longer norm is kept once for the
/// life of the process (`LongNorms`), and the token holds its address and length; two equal
/// long norms have the same address.
struct NormBytes: Equatable, Sendable {
    /// The most bytes held inline.
    static let inlineCapacity = 32
    /// The bytes, zero past the end; for a long norm, the address of its bytes and its length.
    private var words: (UInt64, UInt64, UInt64, UInt64)
    /// The length in bytes when inline; `inlineCapacity + 1` for a long norm.
    private var tag: UInt32

    /// The norm's length in bytes.
    var count: Int { tag <= NormBytes.inlineCapacity ? Int(tag) : Int(words.1) }

    init(_ s: String) {
        self = s.withUTF8Bytes { NormBytes($0) }
    }

    init(_ b: UnsafeBufferPointer<UInt8>) {
        if b.count > NormBytes.inlineCapacity {
            words = (UInt64(UInt(bitPattern: LongNorms.shared.intern(b))), UInt64(b.count), 0, 0)
            tag = UInt32(NormBytes.inlineCapacity + 1)
            return
        }
        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        if b.count > 0 { withUnsafeMutableBytes(of: &w) { $0.copyMemory(from: UnsafeRawBufferPointer(b)) } }
        words = w
        tag = UInt32(b.count)
    }

    /// The `n` bytes at `p` (at most `inlineCapacity`), where the 32 bytes from `p` may be read
    /// and those past the norm are zero (the tokenizer's scratch, which clears them): four
    /// loads, not a copy.
    @inline(__always)
    init(zeroPadded p: UnsafePointer<UInt8>, count n: Int) {
        let raw = UnsafeRawPointer(p)
        words = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                 raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        tag = UInt32(n)
    }

    /// `w` with only its first `n` bytes (little-endian), zero past them.
    @inline(__always)
    static func masked(_ w: UInt64, keep n: Int) -> UInt64 { n >= 8 ? w : n <= 0 ? 0 : w & ((1 << UInt64(8 * n)) &- 1) }

    /// An inline norm's bytes as four words, zero past its end (nil for a long norm): what a
    /// word cache keys a norm by.
    var inlineWords: (UInt64, UInt64, UInt64, UInt64)? { tag <= NormBytes.inlineCapacity ? words : nil }

    static func == (a: NormBytes, b: NormBytes) -> Bool {
        a.tag == b.tag && a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    /// Calls `body` with the bytes.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if tag > NormBytes.inlineCapacity {
            return body(UnsafeBufferPointer(start: UnsafePointer<UInt8>(bitPattern: UInt(words.0)), count: Int(words.1)))
        }
        return withUnsafeBytes(of: words) { raw in
            body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: Int(tag)))
        }
    }

    /// The norm as a string.
    var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// Whether the norm is `w` (`whole`), or starts with it.
    @inline(__always)
    func starts(with w: UnsafeBufferPointer<UInt8>, whole: Bool) -> Bool {
        withBytes { b in (!whole || b.count == w.count) && UTF8Bytes.has(w, in: b, at: 0) }
    }

    /// Whether the norm starts with `p` (or is it): on the words when both are inline, a
    /// phrase trie's test of a stem against every token whose hash hits it.
    @inline(__always)
    func hasPrefix(_ p: NormBytes) -> Bool {
        let n = p.count
        guard n <= count else { return false }
        if tag <= NormBytes.inlineCapacity && p.tag <= NormBytes.inlineCapacity {
            return words.0 & NormBytes.masked(~0, keep: n) == p.words.0 && words.1 & NormBytes.masked(~0, keep: n - 8) == p.words.1
                && words.2 & NormBytes.masked(~0, keep: n - 16) == p.words.2 && words.3 & NormBytes.masked(~0, keep: n - 24) == p.words.3
        }
        return hasLongPrefix(p)
    }

    @inline(never)
    private func hasLongPrefix(_ p: NormBytes) -> Bool { p.withBytes { starts(with: $0, whole: false) } }

    /// Whether the norm is `s`. (Through `withUTF8Buffer`: a one-scalar literal such as "n"
    /// is held as a scalar, without the pointer `utf8Start` would need.)
    func equals(_ s: StaticString) -> Bool {
        s.withUTF8Buffer { starts(with: $0, whole: true) }
    }
}

/// The norms longer than a token holds (`NormBytes`), each kept once, at an address that
/// stays valid for the life of the process, so that a token holding it stays plain data.
///
/// It grows with the distinct long word forms read (a form of seventeen letters or more, in
/// Russian), never with the text's length: each costs its bytes and about 64 more. The
/// workers share it under a lock, which only such a word takes. It is an open-addressed
/// table of (digest, address, length): a dictionary keyed by byte arrays made an array and
/// hashed it with SipHash at every long word. On a hostile input, 30 MB of distinct
/// 20-letter Russian words (every word long and new), `check` takes 1.16–1.22 s and 607 MB at
/// its peak, against 1.04–1.05 s and 558 MB when norms were strings (the dictionary took
/// 1.88 s and 646 MB).
final class LongNorms: @unchecked Sendable {
    static let shared = LongNorms()
    private let lock = DispatchSemaphore(value: 1)
    private struct Slot { var digest: UInt64 = 0, bytes: UnsafeMutablePointer<UInt8>? = nil, count = 0 }
    /// A power of two, at most half full.
    private var slots = [Slot](repeating: Slot(), count: 1024)
    /// How many distinct long norms are kept (`count` reads it under the lock).
    private var stored = 0

    /// How many distinct long norms are kept (for the tests).
    var count: Int {
        lock.wait(); defer { lock.signal() }
        return stored
    }

    func intern(_ b: UnsafeBufferPointer<UInt8>) -> UnsafePointer<UInt8> {
        let digest = Digest128.of(UnsafeRawBufferPointer(b), seed: 0x4C4F_4E47).a
        lock.wait(); defer { lock.signal() }
        var k = Int(truncatingIfNeeded: digest) & (slots.count - 1)
        while let p = slots[k].bytes {
            if slots[k].digest == digest && slots[k].count == b.count && (b.isEmpty || memcmp(p, b.baseAddress!, b.count) == 0) {
                return UnsafePointer(p)
            }
            k = (k + 1) & (slots.count - 1)
        }
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(b.count, 1))
        if let base = b.baseAddress { p.initialize(from: base, count: b.count) }
        slots[k] = Slot(digest: digest, bytes: p, count: b.count)
        stored += 1
        if stored * 2 > slots.count { grow() }
        return UnsafePointer(p)
    }

    private func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for s in old where s.bytes != nil {
            var k = Int(truncatingIfNeeded: s.digest) & (slots.count - 1)
            while slots[k].bytes != nil { k = (k + 1) & (slots.count - 1) }
            slots[k] = s
        }
    }
}
