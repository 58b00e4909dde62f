/// FNV-1a, 64 bits: a hash that is the same in every process and on every machine.
///
/// Swift's `Hasher` is seeded per process, so it must never reach an output; record ids are
/// built from this instead.
public struct StableHash: Sendable {
    public internal(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ s: String) {
        // On the contiguous bytes: iterating `utf8` cost several times the hash itself.
        s.withUTF8Bytes { put(contentsOf: $0) }
        endField()
    }

    @inline(__always)
    public mutating func put(_ b: UInt8) { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }

    /// `put` for each byte, with the state in a local: through `self` it was stored and
    /// loaded again at every byte.
    public mutating func put(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        var v = value
        for b in bytes { v = (v ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        value = v
    }

    /// The separator `combine` writes after each string.
    public mutating func endField() { value = (value ^ 0x1F) &* 0x0000_0100_0000_01B3 }

    public static func hex(_ parts: [String], digits: Int = 12) -> String {
        var h = StableHash()
        for p in parts { h.combine(p) }
        return hex(h, digits: digits)
    }

    /// The first `digits` hex digits of the hash, zero-padded.
    public static func hex(_ h: StableHash, digits: Int = 12) -> String {
        hex(h, digits: digits, prefix: "")
    }

    /// A byte's two lower-case hex digits (high digit in the high byte), by the byte.
    static let hexPairs: [UInt16] = (0..<256).map { (b: Int) -> UInt16 in
        func digit(_ d: Int) -> UInt16 { UInt16(d < 10 ? 0x30 + d : 0x57 + d) }
        return digit(b >> 4) << 8 | digit(b & 0xF)
    }

    /// `prefix` + `hex(h, digits:)`, written into one string: every record's id is made here.
    public static func hex(_ h: StableHash, digits: Int = 12, prefix: String) -> String {
        let n = max(0, min(digits, 16))
        return prefix.withUTF8Bytes { pre in
            String(unsafeUninitializedCapacity: pre.count + n) { out in
                // On the pointers: the generic `initialize(fromContentsOf:)` and a digit loop
                // shifting by its index cost about 320 instructions an id.
                guard let base = out.baseAddress else { return 0 }
                if let p = pre.baseAddress { base.initialize(from: p, count: pre.count) }
                let digits = base + pre.count
                // The first `n` digits are the top 4n bits: the last of them is written first,
                // two at a time from a table of a byte's two digits (a digit at a time, an
                // id's twelve were a loop of a shift, a test and two adds each).
                var v = h.value >> UInt64(64 - 4 * n)
                var k = n
                StableHash.hexPairs.withUnsafeBufferPointer { pairs in
                    while k >= 2 {
                        k -= 2
                        let p = pairs[Int(truncatingIfNeeded: v & 0xFF)]
                        digits[k] = UInt8(truncatingIfNeeded: p >> 8)
                        digits[k + 1] = UInt8(truncatingIfNeeded: p)
                        v >>= 8
                    }
                }
                if k == 1 {
                    let d = UInt8(truncatingIfNeeded: v & 0xF)
                    digits[0] = d &+ (d < 10 ? 0x30 : 0x57)
                }
                return pre.count + n
            }
        }
    }
}

/// A 128-bit digest of strings (two independent 64-bit lanes: FNV-1a, and a multiply-rotate
/// lane finished with SplitMix64's mixer). For keys that must not be confused but need not be
/// kept: two different keys among a billion share a digest with probability about 10⁻²¹.
public struct Digest128: Sendable {
    public struct Value: Hashable, Sendable {
        public var a: UInt64
        public var b: UInt64
        @inlinable public init(a: UInt64, b: UInt64) { self.a = a; self.b = b }
    }
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public mutating func combine(_ s: String) {
        s.withUTF8Bytes { for byte in $0 { put(byte) } }
        endField()
    }

    @inline(__always)
    public mutating func put(_ byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        b = ((b ^ UInt64(byte)) &* 0xFF51_AFD7_ED55_8CCD)
        b = (b << 29) | (b >> 35)
    }

    /// A digest whose lanes start from `lanes` (a digest made by `of`, say), for `put` to
    /// go on from.
    public init(lanes: Value) { a = lanes.a; b = lanes.b }

    /// The separator `combine` writes after each string.
    public mutating func endField() { put(0x1F) }

    /// The first lane is FNV-1a from the same basis as `StableHash`: the stable hash of the
    /// bytes fed so far, for callers that need both without hashing twice.
    public var stable: StableHash {
        var h = StableHash()
        h.value = a
        return h
    }

    public var value: Value {
        var z = b &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Value(a: a, b: z ^ (z >> 31))
    }
}

/// Something that takes bytes one at a time: a hash, or an array. Lets a normaliser feed a hash
/// directly instead of building a string only to hash it.
public protocol ByteSink {
    mutating func put(_ b: UInt8)
}

extension StableHash: ByteSink {}
extension Digest128: ByteSink {}

extension Array: ByteSink where Element == UInt8 {
    @inline(__always)
    public mutating func put(_ b: UInt8) { append(b) }
}

extension Digest128 {
    /// The digest of a whole byte string, sixteen bytes (two words) a step: two lanes, each
    /// multiplying its state XOR one word by the other word XOR a constant, full width
    /// (64×64→128 bits, the halves XORed, as wyhash does), finished with SplitMix64's mixer.
    /// For the listing parser's line memo and merge keys, which digest every line and title
    /// of a corpus: `put` takes three multiplies a byte, this two per sixteen bytes. (Eight
    /// bytes a step, each lane multiplying by a constant, took twice the multiplies in a
    /// chain twice as long; the digests were 7% of the instructions of a listing's `check`.)
    /// It is a different function from `put`'s, so keys of one table must all be made with
    /// the one or the other; `seed` keeps the keys of different tables apart.
    public static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> Value {
        of(bytes, lanes: Value(a: seed, b: seed &* 0x9E37_79B9_7F4A_7C15))
    }

    /// `of(_:seed:)` from a seed of two lanes: a digest of other bytes, say, which the bytes'
    /// digest then depends on as a whole (what `seed` does with one word).
    @inline(__always)
    public static func of(_ bytes: UnsafeRawBufferPointer, lanes seed: Value) -> Value {
        of(bytes, lanes: seed) { $0 }
    }

    /// `of(_:seed:)` of the bytes with every ASCII digit read as "0": the listing parser's
    /// title memo key (a title's kind and topics do not depend on its digits), in one pass
    /// over the bytes, where copying the title with its digits made "0" first and hashing the
    /// copy was a scan for the first digit, a copy and a loop over the rest.
    public static func ofDigitsAsZero(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> Value {
        of(bytes, lanes: Value(a: seed, b: seed &* 0x9E37_79B9_7F4A_7C15)) { WordLanes.digitsAsZero($0) }
    }

    /// Where the last step of `of` over `n` bytes starts: the sixteen-byte steps take every
    /// byte before it.
    @inline(__always)
    static func tailStart(_ n: Int) -> Int { n <= 16 ? 0 : ((n &- 17) >> 4 &+ 1) << 4 }

    /// The digest of the words `word` makes of the bytes' words: each byte of a word stands
    /// in its own lane, so a lane-wise `word` gives the digest of the bytes it maps.
    @inline(__always)
    private static func of(_ bytes: UnsafeRawBufferPointer, lanes seed: Value, _ word: (UInt64) -> UInt64) -> Value {
        of(bytes, lanes: seed, steps: word, tail: word)
    }

    /// `of(_:lanes:_:)` with one `word` for the words of the sixteen-byte steps, in order, and
    /// another for the last one to sixteen bytes, which may be read twice (`tailStart`): a
    /// `steps` that does more than map a word sees each byte once.
    @inline(__always)
    static func of(_ bytes: UnsafeRawBufferPointer, lanes seed: Value, steps: (UInt64) -> UInt64, tail word: (UInt64) -> UInt64) -> Value {
        let n = bytes.count
        var (a, b) = start(seed)
        if let base = bytes.baseAddress, n > 0 {
            var i = 0
            while n - i > 16 {
                step(&a, &b, steps(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)), steps(base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
                i += 16
            }
            // The last one to sixteen bytes in at most two words, as wyhash reads them: the
            // last sixteen (overlapping words already read) when there were sixteen, else
            // the first and last eight, else the first and last four, else the first,
            // middle and last byte. Each reads every byte of its tail, so with the length
            // mixed in below, two strings of one length differ in some word. (Each byte
            // stays in a lane of its own, zero lanes around it, for `word`.)
            let w0: UInt64, w1: UInt64
            if n >= 16 {
                w0 = base.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
                w1 = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 8 {
                w0 = base.loadUnaligned(as: UInt64.self)
                w1 = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4 {
                w0 = UInt64(base.loadUnaligned(as: UInt32.self))
                w1 = UInt64(base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            } else {
                w0 = UInt64(base.load(as: UInt8.self)) << 16
                    | UInt64(base.load(fromByteOffset: n >> 1, as: UInt8.self)) << 8
                    | UInt64(base.load(fromByteOffset: n - 1, as: UInt8.self))
                w1 = 0
            }
            step(&a, &b, word(w0), word(w1))
        }
        assert(bytes.isEmpty || n - tailStart(n) >= 1 && n - tailStart(n) <= 16)
        return finish(a, b, count: n)
    }

    /// The two lanes' states after the words' steps, and the length mixed in.
    @inline(__always)
    static func finish(_ a: UInt64, _ b: UInt64, count n: Int) -> Value {
        let a = mum(a ^ UInt64(n), 0x1D8E_4E27_C47D_124F)
        let b = mum(b ^ (UInt64(n) << 32 | UInt64(n)), 0xA076_1D64_78BD_642F)
        return Value(a: mix(a), b: mix(b ^ a))
    }

    /// The lanes' starting states from a seed of two lanes.
    @inline(__always)
    static func start(_ seed: Value) -> (UInt64, UInt64) { (seed.a ^ 0xA076_1D64_78BD_642F, seed.b ^ 0xE703_7ED1_A0B4_28DB) }

    @inline(__always)
    static func mum(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let r = x.multipliedFullWidth(by: y)
        return r.high ^ r.low
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Each lane takes both words of a step, one XORed into its state and the other into a
    /// constant, and the lanes swap the words' places: a pair of words that leaves one lane's
    /// constant factor zero leaves the other's not.
    @inline(__always)
    static func step(_ a: inout UInt64, _ b: inout UInt64, _ w0: UInt64, _ w1: UInt64) {
        a = mum(a ^ w0, w1 ^ 0x8EBC_6AF0_9C88_C6E3)
        b = mum(b ^ w1, w0 ^ 0x5899_65CC_7537_4CC3)
    }
}
