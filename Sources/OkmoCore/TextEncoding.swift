#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The encodings an input file can arrive in. Analysts paste from web pages, Word and old
/// Windows mail clients, so Windows-1251 and UTF-16 are real, not hypothetical.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1251 = "Windows-1251"
}

/// Why a file could not be read as text at all.
public enum DecodingFailure: Error, Equatable, Sendable {
    /// NUL bytes or mostly control characters: an image, an archive, a PDF.
    case binary(offset: Int)
}

/// Turns raw input bytes into UTF-8 text with LF line ends, in one place, so every parser
/// downstream sees one form. The steps: BOM sniffing (UTF-8, UTF-16), NUL detection (binary),
/// UTF-8 validation, then Windows-1251 as the fallback for Russian text that is not UTF-8.
public enum TextDecoder {
    public struct Result: Sendable {
        public var bytes: [UInt8]
        public var encoding: TextEncoding
        public var hadCRLF: Bool
        /// False when `decode(_:checkingUTF8:)` left the UTF-8 check to the caller.
        public var utf8Checked = true
    }

    public static func decode(_ input: [UInt8]) -> Swift.Result<Result, DecodingFailure> {
        decode(input, checkingUTF8: true)
    }

    /// `decode`, and with `checkingUTF8: false` without the UTF-8 check: bytes that are
    /// not UTF-16 come back as they are (`utf8Checked` false), and the caller checks them.
    /// Should they not be UTF-8, `decodeWindows1251` of the result's bytes is what `decode`
    /// gives (the CR step and that decoding commute: Windows-1251 maps bytes below 0x80 to
    /// themselves, and no other byte to a CR or LF). For the listing parser, which checks
    /// only the lines it has not met before: the check of every byte was 7% of a listing
    /// check's instructions, on lines that were nearly all a known place, a known title
    /// with another number, or a date line.
    public static func decode(_ input: [UInt8], checkingUTF8: Bool) -> Swift.Result<Result, DecodingFailure> {
        var encoding = TextEncoding.utf8
        var checked = true
        var utf8: [UInt8]
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8BOM
            utf8 = Array(input[3...])
        } else if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            let le = input[0] == 0xFF
            encoding = le ? .utf16LE : .utf16BE
            utf8 = transcodeUTF16(Array(input[2...]), littleEndian: le)
        } else {
            utf8 = input
        }
        if encoding != .utf16LE && encoding != .utf16BE {
            if let nul = firstNUL(utf8) { return .failure(.binary(offset: nul)) }
            if looksBinary(utf8) { return .failure(.binary(offset: 0)) }
            if !checkingUTF8 {
                checked = false
            } else if !isValidUTF8(utf8) {
                utf8 = decodeWindows1251(utf8)
                encoding = .windows1251
            }
        } else if utf8.contains(0) {
            return .failure(.binary(offset: 0))
        }
        let (normalised, hadCR) = normaliseLineEnds(utf8)
        return .success(Result(bytes: normalised, encoding: encoding, hadCRLF: hadCR, utf8Checked: checked))
    }

    /// The offset of the first NUL byte, found with `memchr` (many bytes a step): `firstIndex`
    /// took five instructions a byte, 2% of a listing check.
    static func firstNUL(_ b: [UInt8]) -> Int? {
        b.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, let hit = memchr(base, 0, buf.count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
    }

    /// Control characters other than tab, LF, CR, FF make up more than 5% of the sample: not text.
    ///
    /// Eight bytes a step: a word with no byte below 0x20 (most of them) is one test, and
    /// only a word with one (nearly always a line's end) is counted lane by lane. Byte by
    /// byte, the 64 KB sample of every file was 0.7% of a listing check.
    static func looksBinary(_ b: [UInt8]) -> Bool {
        let n = min(b.count, 65536)
        guard n > 0 else { return false }
        var control = 0
        b.withUnsafeBufferPointer { buf in
            let base = UnsafeRawPointer(buf.baseAddress!)
            var i = 0
            while i + 8 <= n {
                let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let below = WordLanes.below(w, 0x20)
                if below != 0 {
                    let allowed = WordLanes.equal(w, 0x09) | WordLanes.equal(w, 0x0A) | WordLanes.equal(w, 0x0C) | WordLanes.equal(w, 0x0D)
                    var bad = below & ~allowed
                    while bad != 0 { control += 1; bad &= bad &- 1 }
                }
                i += 8
            }
            while i < n {
                let x = buf[i]
                if x < 0x20 && x != 0x09 && x != 0x0A && x != 0x0D && x != 0x0C { control += 1 }
                i += 1
            }
        }
        return control * 20 > n
    }

    public static func isValidUTF8(_ b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer(isValidUTF8)
    }

    /// Eight bytes a step while they are ASCII and two-byte scalars (Latin, Cyrillic and their
    /// punctuation, « »): in each word, the continuation bytes (10xxxxxx) must be exactly the
    /// bytes after the two-byte leads (110xxxxx, not C0 or C1), the last lead's continuation
    /// being the next word's first byte. A word with a longer scalar's lead (1110xxxx and up)
    /// is read scalar by scalar to its end. Before, only runs of ASCII or of two-byte scalars
    /// that started on a lead went eight bytes a step, and each change between them (every
    /// space between Russian words) went through the byte loop; the check was 7% of a
    /// listing check's instructions, and this took 1.4% off them.
    public static func isValidUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return true }
        let n = buf.count
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        // 0x80 when the last byte before `i` is a two-byte lead (its continuation is at `i`).
        var carry: UInt64 = 0
        while i + 8 <= n {
            // Sixteen ASCII bytes a step while they last (wrapping: i + 16 ≤ n).
            if carry == 0 {
                while i &+ 16 <= n {
                    let a = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), b = UnsafeRawPointer(base + i).loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    if (a | b) & high != 0 { break }
                    i &+= 16
                }
                if i + 8 > n { break }
            }
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let hi = w & high
            if hi | carry == 0 { i += 8; continue }
            // Per lane, bit 7 of the lane: 10xxxxxx, and 110xxxxx.
            let cont = w & ~(w << 1) & high
            let lead = w & (w << 1) & ~(w << 2) & high
            if hi & ~(cont | lead) == 0 {
                // C0 and C1 (bits 1-4 of the lead clear) make overlong scalars: adding 0x7E to
                // those bits sets bit 7 unless they are clear, and carries into no other lane.
                let overlong = lead & ~((w & 0x1E1E_1E1E_1E1E_1E1E) &+ 0x7E7E_7E7E_7E7E_7E7E)
                guard overlong == 0, cont == (lead << 8) | carry else { return false }
                carry = (lead >> 56) & 0x80
                i += 8
                continue
            }
            // A longer scalar: scalar by scalar, from the lead before `i` if one is open, to
            // the word's end or past it.
            guard let j = scalarsEnd(base, from: carry != 0 ? i - 1 : i, to: i + 8, count: n) else { return false }
            carry = 0
            i = j
        }
        return scalarsEnd(base, from: carry != 0 ? i - 1 : i, to: n, count: n) != nil
    }

    /// Where the valid scalars from `j` on end, at `end` or just past it (a scalar that
    /// straddles it); nil when some bytes there are none.
    @inline(__always)
    private static func scalarsEnd(_ base: UnsafePointer<UInt8>, from j: Int, to end: Int, count n: Int) -> Int? {
        var j = j
        while j < end {
            let len = scalarLength(base, at: j, count: n)
            if len == 0 { return nil }
            j += len
        }
        return j
    }

    /// The length of the valid UTF-8 scalar at `i`, or 0 when the bytes there are none.
    @inline(__always)
    private static func scalarLength(_ base: UnsafePointer<UInt8>, at i: Int, count n: Int) -> Int {
        let c = base[i]
        if c < 0x80 { return 1 }
        // C2–DF and a continuation byte are always valid, with no scalar to build.
        if c >= 0xC2 && c <= 0xDF { return i + 1 < n && base[i + 1] & 0xC0 == 0x80 ? 2 : 0 }
        // C0 and C1 lead only overlong scalars: they fall to the last case.
        var need = 0
        var minScalar: UInt32 = 0
        var scalar: UInt32 = 0
        if c & 0xF0 == 0xE0 { need = 2; minScalar = 0x800; scalar = UInt32(c & 0x0F) }
        else if c & 0xF8 == 0xF0 { need = 3; minScalar = 0x10000; scalar = UInt32(c & 0x07) }
        else { return 0 }
        if i + need >= n { return 0 }
        for k in 1...need {
            let cc = base[i + k]
            if cc & 0xC0 != 0x80 { return 0 }
            scalar = (scalar << 6) | UInt32(cc & 0x3F)
        }
        if scalar < minScalar || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return 0 }
        return need + 1
    }

    static func transcodeUTF16(_ b: [UInt8], littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(b.count / 2)
        var i = 0
        while i + 1 < b.count {
            units.append(littleEndian ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1]))
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 2)
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { out.append($0) }
        return out
    }

    /// CRLF and lone CR become LF. Returns whether any CR was seen.
    static func normaliseLineEnds(_ b: [UInt8]) -> ([UInt8], Bool) {
        // memchr finds a CR (or that there is none) many bytes per step.
        guard b.withUnsafeBufferPointer({ $0.baseAddress.map { memchr($0, 0x0D, b.count) != nil } ?? false }) else { return (b, false) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0D {
                out.append(0x0A)
                if i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(c)
            }
            i += 1
        }
        return (out, true)
    }

    public static func decodeWindows1251(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count * 2)
        for c in b {
            if c < 0x80 { out.append(c); continue }
            let scalar = cp1251High[Int(c) - 0x80]
            appendUTF8(scalar, to: &out)
        }
        return out
    }

    @inline(__always) public static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        var bytes: UInt32 = 0
        withUnsafeMutableBytes(of: &bytes) { b in
            let n = writeUTF8(s, to: b.baseAddress!.assumingMemoryBound(to: UInt8.self))
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[..<n]))
        }
    }

    /// How many bytes scalar `s` takes in UTF-8.
    @inlinable @inline(__always)
    public static func utf8Length(_ s: UInt32) -> Int { s < 0x80 ? 1 : s < 0x800 ? 2 : s < 0x10000 ? 3 : 4 }

    /// Writes scalar `s` as UTF-8 at `p` (room for `utf8Length(s)` bytes) and returns how many
    /// bytes it wrote: the one encoder of the project's own writers.
    @inlinable @inline(__always)
    public static func writeUTF8(_ s: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
        if s < 0x80 { p[0] = UInt8(truncatingIfNeeded: s); return 1 }
        if s < 0x800 {
            p[0] = UInt8(truncatingIfNeeded: 0xC0 | s >> 6); p[1] = UInt8(truncatingIfNeeded: 0x80 | s & 0x3F)
            return 2
        }
        if s < 0x10000 {
            p[0] = UInt8(truncatingIfNeeded: 0xE0 | s >> 12); p[1] = UInt8(truncatingIfNeeded: 0x80 | s >> 6 & 0x3F)
            p[2] = UInt8(truncatingIfNeeded: 0x80 | s & 0x3F)
            return 3
        }
        p[0] = UInt8(truncatingIfNeeded: 0xF0 | s >> 18); p[1] = UInt8(truncatingIfNeeded: 0x80 | s >> 12 & 0x3F)
        p[2] = UInt8(truncatingIfNeeded: 0x80 | s >> 6 & 0x3F); p[3] = UInt8(truncatingIfNeeded: 0x80 | s & 0x3F)
        return 4
    }

    /// Windows-1251, bytes 0x80...0xFF (0x98 is unassigned and becomes U+FFFD).
    static let cp1251High: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ] + (0x0410...0x044F).map { UInt32($0) }
}
