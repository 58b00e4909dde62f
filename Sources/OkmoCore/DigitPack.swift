/// The ASCII digits of a byte string, in order, packed as `Digest128.of(_:digitsOf:lanes:)`
/// packs them (four bits each, a digit's value plus one, sixteen to a word), up to 79 digits
/// (four full words and the one being filled), without an allocation: the listing parser
/// gathers a title's digits in the same pass as the title's memo key
/// (`Digest128.ofDigitsAsZero(_:seed:digits:)`), where reading them again for the title's
/// merge digest was a second scan of every title. A string with more digits sets `overflow`,
/// and its digits must be read from its bytes.
public struct DigitPack: Sendable {
    /// The full words, in order: the first `full` of them. The counts are bytes: the
    /// listing parser keeps a pack for every line of a file (`ListingParser.LineTemplate`),
    /// where two `Int`s made it 64 bytes, 48 now, and its array 88 bytes a line, 64 now.
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var full: UInt8 = 0
    /// The word being filled, and how many digits it holds.
    var packed: UInt64 = 0
    var count: UInt8 = 0
    /// Whether there were more digits than the pack holds.
    public private(set) var overflow = false

    public init() {}

    /// The digits of `bytes`, eight bytes a step.
    public init(_ bytes: UnsafeRawBufferPointer) { push(bytes, from: 0) }

    /// Adds the digits of the bytes from `i` on.
    @inline(__always)
    mutating func push(_ bytes: UnsafeRawBufferPointer, from start: Int) {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return }
        // Wrapping arithmetic: i ≤ n throughout.
        var i = start
        while i &+ 8 <= n {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let lanes = WordLanes.asciiDigits(w)
            if lanes != 0 { pushOutOfLine(word: w, lanes: lanes) }
            i &+= 8
        }
        if i < n {
            let w = DigitPack.tail(base, from: i, count: n)
            let lanes = WordLanes.asciiDigits(w)
            if lanes != 0 { pushOutOfLine(word: w, lanes: lanes) }
        }
    }

    /// `push(word:lanes:)` as a call: inlined in the scan, the pack's state took the
    /// registers of the scan's constants, which it then loaded at every word (26 instructions
    /// a word where a word without digits needs about ten); most words have no digit.
    @inline(never)
    mutating func pushOutOfLine(word w: UInt64, lanes: UInt64) { push(word: w, lanes: lanes) }

    /// Adds a digit, given as a byte 0x30-0x39 in the low lane of `digit`.
    @inline(__always)
    mutating func push(_ digit: UInt64) {
        packed = packed << 4 | ((digit & 0xF) &+ 1)
        count &+= 1
        if count == 16 {
            switch full {
            case 0: words.0 = packed
            case 1: words.1 = packed
            case 2: words.2 = packed
            case 3: words.3 = packed
            default: overflow = true
            }
            // Past the fifth word the pack has overflowed, and `full` is no longer read.
            if full < 5 { full &+= 1 }
            packed = 0
            count = 0
        }
    }

    /// Adds the digits of a word (eight bytes, the first in the lowest lane) whose digit lanes
    /// `lanes` marks (`WordLanes.asciiDigits`, maybe masked), first lane first.
    @inline(__always)
    mutating func push(word w: UInt64, lanes: UInt64) {
        var m = lanes
        while m != 0 {
            push(w >> UInt64(m.trailingZeroBitCount & ~7))
            m &= m &- 1
        }
    }

    /// The bytes from `i` to `n` (fewer than eight), in the low lanes of a word, zero lanes
    /// above them (a zero is no digit).
    @inline(__always)
    static func tail(_ base: UnsafeRawPointer, from i: Int, count n: Int) -> UInt64 {
        if n >= 8 { return base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) >> UInt64(truncatingIfNeeded: (8 &- (n &- i)) &* 8) }
        var v: UInt64 = 0
        var k = n
        while k > i { k &-= 1; v = v << 8 | UInt64(base.load(fromByteOffset: k, as: UInt8.self)) }
        return v
    }

    /// The pack's words, `head`'s two words before them, into `out` (room for six words);
    /// how many it wrote.
    @inline(__always)
    func write(after head: Digest128.Value, into out: UnsafeMutablePointer<UInt64>) -> Int {
        out[0] = head.a
        out[1] = head.b
        out[2] = words.0
        out[3] = words.1
        out[4] = words.2
        out[5] = words.3
        var k = 2 &+ Int(full)
        if count > 0 { out[k] = packed; k &+= 1 }
        return k
    }
}

extension Digest128 {
    /// The digest of `head` followed by the ASCII digits of `bytes`, in their order: with a
    /// digest of the bytes with their digits read as "0" (`ofDigitsAsZero`) as `head`, a
    /// digest of the bytes themselves, since the two together say what the bytes are. The
    /// listing parser keeps the head of each title's key by the title's memo key and digests
    /// only the digits of each entry's title (see `Event.mergeDigest`).
    ///
    /// The digits are packed four bits each (a digit's value plus one, so that a word says
    /// how many it holds), sixteen to a word, after `head`'s two words, and the words digested
    /// with `of(_:lanes:)`: two sequences of digits never make the same words.
    public static func of(_ head: Value, digitsOf bytes: UnsafeRawBufferPointer, lanes seed: Value) -> Value {
        let pack = DigitPack(bytes)
        if !pack.overflow { return of(head, digits: pack, lanes: seed) }
        // More than 79 digits: packed into an array.
        var words = [head.a, head.b]
        var packed: UInt64 = 0, count = 0
        for c in bytes where c &- 0x30 < 10 {
            packed = packed << 4 | (UInt64(c & 0xF) &+ 1)
            count += 1
            if count == 16 { words.append(packed); packed = 0; count = 0 }
        }
        if count > 0 { words.append(packed) }
        return words.withUnsafeBytes { of($0, lanes: seed) }
    }

    /// `of(_:digitsOf:lanes:)` of bytes whose digits `digits` holds (it must not overflow).
    public static func of(_ head: Value, digits: DigitPack, lanes seed: Value) -> Value {
        precondition(!digits.overflow, "a digit pack that overflowed")
        // Fewer than sixteen digits (nearly every title): the steps `of(_:lanes:)` takes over
        // the head's two words and the pack's one, or the head's alone, without writing them
        // out (the words' buffer and the loop were half of an entry's merge digest).
        if digits.full == 0 {
            var (a, b) = start(seed)
            if digits.count == 0 {
                step(&a, &b, head.a, head.b)
                return finish(a, b, count: 16)
            }
            // 24 bytes: one step of sixteen, then the last sixteen (the head's second word
            // again, and the pack's).
            step(&a, &b, head.a, head.b)
            step(&a, &b, head.b, digits.packed)
            return finish(a, b, count: 24)
        }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 7) { words in
            let k = digits.write(after: head, into: words.baseAddress!)
            return of(UnsafeRawBufferPointer(start: words.baseAddress!, count: k * 8), lanes: seed)
        }
    }

    /// `ofDigitsAsZero(_:seed:)`, with the bytes' digits gathered into `digits` on the way:
    /// the hash's sixteen-byte steps pack the digits of the words they read, and the bytes of
    /// its last step, which it may read twice, are scanned once more.
    public static func ofDigitsAsZero(_ bytes: UnsafeRawBufferPointer, seed: UInt64, digits: inout DigitPack) -> Value {
        let v = of(bytes, lanes: Value(a: seed, b: seed &* 0x9E37_79B9_7F4A_7C15), steps: { w in
            let lanes = WordLanes.asciiDigits(w)
            guard lanes != 0 else { return w }
            digits.push(word: w, lanes: lanes)
            let all = (lanes >> 7) &* 0xFF
            return w & ~all | 0x3030_3030_3030_3030 & all
        }, tail: WordLanes.digitsAsZero)
        digits.push(bytes, from: tailStart(bytes.count))
        return v
    }
}
