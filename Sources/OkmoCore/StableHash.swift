/// FNV-1a, 64 bits: a hash that is the same in every process and on every machine.
///
/// Swift's `Hasher` is seeded per process, so it must never reach an output; record ids are
/// built from this instead.
public struct StableHash: Sendable {
    public internal(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ s: String) {
        var s = s
        // On the contiguous bytes: iterating `utf8` cost several times the hash itself.
        s.withUTF8 { for b in $0 { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 } }
        endField()
    }

    @inline(__always)
    public mutating func put(_ b: UInt8) { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }

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

    /// `prefix` + `hex(h, digits:)`, written into one string: every record's id is made here.
    public static func hex(_ h: StableHash, digits: Int = 12, prefix: String) -> String {
        let n = max(0, min(digits, 16))
        var p = prefix
        return p.withUTF8 { pre in
            String(unsafeUninitializedCapacity: pre.count + n) { out in
                _ = out.initialize(fromContentsOf: pre)
                for k in 0..<n {
                    let d = UInt8((h.value >> UInt64(60 - 4 * k)) & 0xF)
                    out[pre.count + k] = d < 10 ? 0x30 + d : 0x57 + d
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
        var s = s
        s.withUTF8 { for byte in $0 { put(byte) } }
        endField()
    }

    @inline(__always)
    public mutating func put(_ byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        b = ((b ^ UInt64(byte)) &* 0xFF51_AFD7_ED55_8CCD)
        b = (b << 29) | (b >> 35)
    }

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
