#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OkmoCore

/// Lower case, substring search and scalar counts on UTF-8 bytes, for the tables that match
/// whole lines (listing boilerplate, notes junk, online markers): every line of every input
/// passes through them, and `String.lowercased()`, `String.contains` and `unicodeScalars.count`
/// cost more than the rest of the match.
enum UTF8Bytes {
    // Word-at-a-time tests: eight bytes of a line loaded as one `UInt64` (little-endian, so
    // the first byte is the lowest lane), each lane tested at once.

    static let lanes1: UInt64 = 0x0101_0101_0101_0101
    static let lanesHigh: UInt64 = 0x8080_8080_8080_8080

    /// 0x80 in each lane of `x` that is zero, and nowhere else (`WordLanes.zero`).
    @inline(__always)
    static func zeroLanes(_ x: UInt64) -> UInt64 { WordLanes.zero(x) }

    /// 0x80 in each lane of `w` that equals `byte`, and nowhere else (`WordLanes.equal`).
    @inline(__always)
    static func lanes(_ w: UInt64, equalTo byte: UInt8) -> UInt64 { WordLanes.equal(w, byte) }

    /// 0x80 in each lane of `w` from `lo` through `hi` (0 < lo ≤ hi < 0x80), and nowhere else,
    /// when every lane is below 0x80: exact, since adding at most 0x7F to a lane below 0x80
    /// carries into no other.
    @inline(__always)
    static func lanes(_ w: UInt64, from lo: UInt8, through hi: UInt8) -> UInt64 {
        (w &+ lanes1 &* UInt64(0x80 - lo)) & ~(w &+ lanes1 &* UInt64(0x7F - hi)) & lanesHigh
    }

    /// 0x80 in each lane of `w` below `n` (n ≤ 0x80), and nowhere else (`WordLanes.below`).
    @inline(__always)
    static func lanes(_ w: UInt64, below n: UInt8) -> UInt64 { WordLanes.below(w, n) }

    /// How many scalars the bytes hold (lead bytes, not continuation bytes).
    static func scalarCount<C: Collection>(_ b: C) -> Int where C.Element == UInt8 {
        if let n = b.withContiguousStorageIfAvailable(scalarCount) { return n }
        var n = 0
        for c in b where c & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// How many of the eight bytes of `w` are continuation bytes (10xxxxxx): bit 7 set and
    /// bit 6 clear.
    @inline(__always)
    static func continuationBytes(_ w: UInt64) -> Int { (w & ~(w << 1) & lanesHigh).nonzeroBitCount }

    /// `scalarCount` eight bytes a step: a continuation byte is 10xxxxxx, so a lane counts
    /// unless its bit 7 is set and its bit 6 is clear. The generic loop took about six
    /// instructions a byte, and every distinct line of a listing is counted.
    static func scalarCount(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = b.count
        guard let base = b.baseAddress else { return 0 }
        var continuation = 0
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            continuation += continuationBytes(w)
            i += 8
        }
        while i < n { if base[i] & 0xC0 == 0x80 { continuation += 1 }; i += 1 }
        return n - continuation
    }

    /// The scalars of a string, decoded from its UTF-8 in one pass (a `String` always holds
    /// valid UTF-8). `Array(s.unicodeScalars)` counts them first and then copies them through
    /// the view's index, which costs about three times as much.
    ///
    /// Since the bytes are valid, every value decoded is a scalar and is stored without the
    /// check `Unicode.Scalar.init?` makes; eight ASCII bytes are widened a step. The checked
    /// loop took about 29 instructions a scalar, 4% of the notes' extraction.
    static func scalars(_ s: String) -> [Unicode.Scalar] {
        s.withUTF8Bytes(scalars(utf8:))
    }

    /// `scalars` of valid UTF-8 (a string's bytes, or a slice of them cut at scalar
    /// boundaries).
    static func scalars(utf8 b: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        // Written into the array's storage: never more scalars than bytes.
        [Unicode.Scalar](filler: ScalarDecoder(bytes: b))
    }

    /// `scalars(utf8:)`, in an array of `pool`'s when there is one and it has the room.
    static func scalars(utf8 b: UnsafeBufferPointer<UInt8>, pool: ArrayPool<Unicode.Scalar>?) -> [Unicode.Scalar] {
        pool?.make(filler: ScalarDecoder(bytes: b)) ?? scalars(utf8: b)
    }

    /// Decodes valid UTF-8 into an array's room (`scalars(utf8:)`).
    private struct ScalarDecoder: InPlaceFiller {
        typealias Element = Unicode.Scalar
        let bytes: UnsafeBufferPointer<UInt8>
        var capacity: Int { bytes.count }

        func fill(_ out: UnsafeMutableBufferPointer<Unicode.Scalar>) -> Int {
            guard let src = bytes.baseAddress, let base = out.baseAddress else { return 0 }
            let n = bytes.count
            return UnsafeMutableRawPointer(base).withMemoryRebound(to: UInt32.self, capacity: n) { d in
                var i = 0, k = 0
                while i < n {
                    if i &+ 8 <= n {
                        // Eight ASCII bytes widened as a vector: two unpacks and two stores,
                        // where a byte at a time took three instructions a byte.
                        let v = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<UInt8>.self)
                        if unsafeBitCast(v, to: UInt64.self) & lanesHigh == 0 {
                            UnsafeMutableRawPointer(d + k).storeBytes(of: SIMD8<UInt32>(truncatingIfNeeded: v), as: SIMD8<UInt32>.self)
                            i &+= 8
                            k &+= 8
                            continue
                        }
                    }
                    let c = UInt32(src[i])
                    if c < 0x80 { d[k] = c; i &+= 1 }
                    else if c < 0xE0 {
                        // Four two-byte scalars (a Russian word) in one step when the next
                        // eight bytes are lead, continuation, lead, continuation...
                        if i &+ 8 <= n {
                            let w = UnsafeRawPointer(src).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                            if w & 0xC0E0_C0E0_C0E0_C0E0 == 0x80C0_80C0_80C0_80C0 {
                                for j in 0..<4 {
                                    let pair = UInt32(truncatingIfNeeded: w >> UInt64(16 &* j))
                                    d[k &+ j] = (pair & 0x1F) << 6 | (pair >> 8) & 0x3F
                                }
                                i &+= 8
                                k &+= 4
                                continue
                            }
                        }
                        d[k] = (c & 0x1F) << 6 | UInt32(src[i &+ 1] & 0x3F); i &+= 2
                    }
                    else {
                        let (v, length) = UTF8Bytes.decode(src + i, lead: c)
                        d[k] = v
                        i &+= length
                    }
                    k &+= 1
                }
                return k
            }
        }
    }

    /// A string of scalars, encoded straight to UTF-8 in the string's own storage, sized
    /// exactly: `String(String.UnicodeScalarView(_:))` appends them one at a time through the
    /// view, and encoding into an array first made an allocation more (a number's text, a
    /// place, a figure: up to 15 bytes, the string needs none).
    static func string<C: Collection<Unicode.Scalar>>(_ scalars: C) -> String {
        var length = 0
        for u in scalars { length += TextDecoder.utf8Length(u.value) }
        return String(unsafeUninitializedCapacity: length) { out in
            guard let base = out.baseAddress else { return 0 }
            var k = 0
            for u in scalars { k &+= TextDecoder.writeUTF8(u.value, to: base + k) }
            return k
        }
    }

    /// Whether every scalar of the bytes is its own `Character` and no two different byte
    /// strings of such scalars are canonically equivalent: ASCII but CR, U+0080–U+02FF (no
    /// combining marks), Cyrillic but its combining marks (U+0483–U+0489), general punctuation
    /// U+2010–U+2027 and U+2030–U+205E, and №. On such text, splitting and comparing bytes gives
    /// what `String` gives, so a caller can take the byte path and keep `String` for the rest.
    static func isSimple(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            // Eight bytes a step where they are ASCII but CR, or four Russian letters (D0 or
            // D1 and a continuation byte each): a title is asked whole, twice.
            if i + 8 <= n, let base = b.baseAddress {
                let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & lanesHigh == 0 && lanes(w, equalTo: 0x0D) == 0
                    || w & 0xC0FE_C0FE_C0FE_C0FE == 0x80D0_80D0_80D0_80D0 {
                    i += 8
                    continue
                }
            }
            let c = b[i]
            if c < 0x80 { if c == 0x0D { return false }; i += 1; continue }
            if c >= 0xC2 && c <= 0xCB { i += 2; continue }
            if c == 0xD0 || c == 0xD1 || c == 0xD3 { i += 2; continue }
            if c == 0xD2, i + 1 < n, b[i + 1] < 0x83 || b[i + 1] > 0x89 { i += 2; continue }
            if c == 0xE2, i + 2 < n {
                let d = b[i + 1], e = b[i + 2]
                if d == 0x80 && e >= 0x90 && e <= 0xA7 || d == 0x80 && e >= 0xB0 || d == 0x81 && e <= 0x9E || d == 0x84 && e == 0x96 { i += 3; continue }
            }
            return false
        }
        return true
    }

    /// Whether UTF-8 bytes hold more than `limit` scalars: counts only as far as it must.
    static func hasMoreScalars(than limit: Int, utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count > limit else { return false }
        var n = 0
        for c in b where c & 0xC0 != 0x80 {
            n += 1
            if n > limit { return true }
        }
        return false
    }

    /// The scalar of valid UTF-8 whose lead byte `lead` (the byte at `p`) is past ASCII, and
    /// its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, lead c: UInt32) -> (value: UInt32, length: Int) {
        if c < 0xE0 { return ((c & 0x1F) << 6 | UInt32(p[1] & 0x3F), 2) }
        if c < 0xF0 { return ((c & 0x0F) << 12 | UInt32(p[1] & 0x3F) << 6 | UInt32(p[2] & 0x3F), 3) }
        return ((c & 0x07) << 18 | UInt32(p[1] & 0x3F) << 12 | UInt32(p[2] & 0x3F) << 6 | UInt32(p[3] & 0x3F), 4)
    }

    /// The first scalar of valid UTF-8, nil when there is none (or its bytes are cut short).
    static func firstScalar(_ b: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard let p = b.baseAddress, let c = b.first else { return nil }
        if c < 0x80 { return Unicode.Scalar(c) }
        guard (c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4) <= b.count else { return nil }
        return Unicode.Scalar(decode(p, lead: UInt32(c)).value)
    }

    /// Lower case for the letters the tables use: ASCII, Latin-1 (À-Þ) and Russian (А-Я, Ё);
    /// every other byte as it is.
    static func lower(_ s: [UInt8]) -> [UInt8] { s.withUnsafeBufferPointer(lower) }

    /// `lower` of bytes, into a new array in one copy: a copy of an array made unique by a
    /// write went the slow way (about 270 instructions a line of a listing).
    static func lower(_ s: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = Array(s)
        out.withUnsafeMutableBufferPointer { lowerInPlace($0) }
        return out
    }

    /// `lower` in place. Eight bytes a step while they are ASCII (`lowerASCIIWord`), the other
    /// scalars one by one (`lowerScalar`).
    static func lowerInPlace(_ out: UnsafeMutableBufferPointer<UInt8>) {
        guard let base = out.baseAddress else { return }
        var i = 0
        let n = out.count
        while i < n {
            if i + 8 <= n && lowerASCIIWord(base, at: i) { i += 8; continue }
            i += lowerScalar(out, at: i)
        }
    }

    /// Lowers the eight bytes at `i` when all are ASCII, and says whether it did: A-Z found on
    /// all lanes at once (`lanes(_:from:through:)`), and bit 5 set on those.
    @inline(__always)
    static func lowerASCIIWord(_ base: UnsafeMutablePointer<UInt8>, at i: Int) -> Bool {
        let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
        guard w & lanesHigh == 0 else { return false }
        let upper = lanes(w, from: 0x41, through: 0x5A)
        UnsafeMutableRawPointer(base).storeBytes(of: w | (upper >> 2), toByteOffset: i, as: UInt64.self)
        return true
    }

    /// Lowers the scalar at `i` if it is A-Z, À-Þ or a Russian capital, and gives its length
    /// in bytes (1 for a lead byte cut off by the end).
    @inline(__always)
    static func lowerScalar(_ out: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> Int {
        let c = out[i]
        if c < 0x80 {
            if c >= 65 && c <= 90 { out[i] = c + 32 }
            return 1
        }
        guard i + 1 < out.count else { return 1 }
        // Written only when lowered (every lowered pair changes its second byte).
        let d = out[i + 1], (x, y) = lowerPair(c, d)
        if y != d { out[i] = x; out[i + 1] = y }
        return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
    }

    /// An ASCII byte lowered: A-Z to a-z.
    @inline(__always)
    static func lowerASCII(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }

    /// The first two bytes of a scalar past ASCII (lead `c`), lowered: À-Þ, А-Я and Ё; the
    /// bytes as they are for any other scalar, and for a longer one (no rule opens with its
    /// lead).
    @inline(__always)
    static func lowerPair(_ c: UInt8, _ d: UInt8) -> (UInt8, UInt8) {
        if c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97 { return (c, d + 0x20) }         // À-Þ
        if c == 0xD0 && d >= 0x90 && d <= 0x9F { return (c, d + 0x20) }                      // А-П
        if c == 0xD0 && d >= 0xA0 && d <= 0xAF { return (0xD1, d - 0x20) }                   // Р-Я
        if c == 0xD0 && d == 0x81 { return (0xD1, 0x91) }                                    // Ё
        return (c, d)
    }

    /// Whether `lowersWithoutTables` knows the scalar at `i` (ASCII, Latin-1, Russian letters,
    /// U+2000-203F): whether the Unicode tables lower it as `lowerScalar` does.
    @inline(__always)
    static func isKnownScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let c = b[i]
        if c < 0x80 { return true }
        guard i + 1 < b.count else { return false }
        let d = b[i + 1]
        switch c {
        case 0xC2, 0xC3: return true                                                          // Latin-1
        case 0xD0: return d == 0x81 || d >= 0x90                                               // Ё А-Я а-п
        case 0xD1: return d <= 0x8F || d == 0x91                                               // р-я ё
        case 0xE2: return d == 0x80 && i + 2 < b.count                                         // U+2000-203F
        default: return false
        }
    }

    /// Exactly `s.lowercased()` as UTF-8. When every scalar is one `lower` knows the case of
    /// (ASCII, Latin-1, Russian letters, general punctuation: nearly every line), on the bytes;
    /// otherwise through the Unicode tables.
    static func lowercased(_ s: String) -> [UInt8] {
        s.withUTF8Bytes { lowercased(utf8: $0) }
    }

    /// `lowercased` of valid UTF-8 that ends on a scalar boundary (a string's bytes, or a
    /// prefix of them cut there), without making the string first. ASCII is passed over
    /// eight bytes a step: a paragraph's junk test lowers its first two hundred bytes.
    static func lowercased(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        lowercased(utf8: bytes, into: &out)
        return out
    }

    /// `lowercased(utf8:)` into `out` (emptied; its capacity is kept): for callers that lower
    /// many texts and keep none, where the lowered copy of each was an array of its own.
    ///
    /// The copy is lowered and its scalars checked in one pass (`lowerInPlaceIfKnown`), where
    /// the bytes were checked in a pass of their own first: a meeting without a place lowers
    /// every paragraph it spans to look for the online markers.
    static func lowercased(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: bytes)
        guard out.withUnsafeMutableBufferPointer({ lowerInPlaceIfKnown($0) }) else {
            // A scalar this pass does not know the case of: the Unicode tables lower the whole text.
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: String(decoding: bytes, as: UTF8.self).lowercased().utf8)
            return
        }
    }

    /// `lowerInPlace` of bytes whose every scalar `lowersWithoutTables` knows, and true; false
    /// at the first scalar it does not know (the bytes before it lowered, the rest as they
    /// were: an unknown scalar is none `lowerScalar` lowers).
    static func lowerInPlaceIfKnown(_ out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        guard let base = out.baseAddress else { return true }
        var i = 0
        let n = out.count
        while i < n {
            if i + 8 <= n && lowerASCIIWord(base, at: i) { i += 8; continue }
            // Asked before lowering, which may change the lead byte (Р-Я, Ё).
            guard isKnownScalar(UnsafeBufferPointer(out), at: i) else { return false }
            i += lowerScalar(out, at: i)
        }
        return true
    }

    /// Whether every scalar of the bytes is one `lowerInPlace` lowers as the Unicode tables do
    /// (or leaves alone, as they do): ASCII, Latin-1, Russian letters and U+2000-203F.
    static func lowersWithoutTables(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        let n = bytes.count
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & lanesHigh == 0 { i += 8; continue }
            guard isKnownScalar(bytes, at: i) else { return false }
            let c = bytes[i]
            i += c < 0x80 ? 1 : c >= 0xE0 ? 3 : 2
        }
        return true
    }

    /// Whether `needle` occurs in `hay`, byte for byte.
    static func occurs(_ needle: [UInt8], in hay: [UInt8]) -> Bool {
        hay.withUnsafeBufferPointer { occurs(needle, in: $0) }
    }

    /// The first byte is found with `memchr`, which scans many bytes per step.
    static func occurs(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        needle.withUnsafeBufferPointer { occurs($0, in: hay) }
    }

    static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = needle.first, hay.count >= needle.count, let base = hay.baseAddress else { return needle.isEmpty }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            guard let hit = memchr(base + i, Int32(f), last - i + 1) else { return false }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if has(needle, in: hay, at: i) { return true }
            i += 1
        }
        return false
    }

    /// Whether `hay` holds `needle` at `offset`, byte for byte (false where it would run past
    /// either end): what the rule tables compare a line with.
    @inline(__always)
    static func has(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset >= 0, offset + needle.count <= hay.count else { return false }
        var k = 0
        while k < needle.count { if hay[offset + k] != needle[k] { return false }; k += 1 }
        return true
    }

    /// Whether `raw`, lowered (`lowerInPlace`), holds `t` at `p` (false where `t` would run
    /// past the end). Lowering goes scalar by scalar and keeps each scalar's length, so the
    /// lowered bytes at `p` are those of each scalar there lowered on its own: the listing
    /// rules are matched so against a line, which was lowered whole into a copy for them (a
    /// copy and a lowering of every title). `t` is valid UTF-8 and `p` a scalar's start (no
    /// text of such a `t` starts at a continuation byte, lowered or not).
    @inline(__always)
    static func lowers(_ raw: UnsafeBufferPointer<UInt8>, at p: Int, to t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p >= 0, t.count <= raw.count - p else { return false }
        var j = 0
        let n = t.count
        while j < n {
            let c = raw[p + j]
            if c < 0x80 {
                if lowerASCII(c) != t[j] { return false }
                j += 1
                continue
            }
            // The two bytes `lowerScalar` may change (it changes no longer scalar, and leaves
            // a lead byte at the line's end as it is); the other bytes as they are.
            let width = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            if width == 2 && p + j + 1 < raw.count {
                let (x, y) = lowerPair(c, raw[p + j + 1])
                if x != t[j] || (j + 1 < n && y != t[j + 1]) { return false }
                j += 2
                continue
            }
            var k = 0
            while k < width && j < n {
                if p + j >= raw.count || raw[p + j] != t[j] { return false }
                j += 1; k += 1
            }
        }
        return true
    }

    /// The first byte of `raw` lowered (`lowerInPlace`), nil for no bytes: the one byte of
    /// the lowered line the rule tables are bucketed by.
    @inline(__always)
    static func loweredFirstByte(_ raw: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard let c = raw.first else { return nil }
        if c < 0x80 { return lowerASCII(c) }
        return raw.count > 1 ? lowerPair(c, raw[1]).0 : c
    }
}
