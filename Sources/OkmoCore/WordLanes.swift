/// Word-at-a-time tests: eight bytes loaded as one `UInt64` (little-endian, so the first byte
/// is the lowest lane), each lane tested at once. The exact per-lane tests the decoder's
/// binary check and the parsers' byte scans (`UTF8Bytes` in OkmoReport) share; the constants
/// are written out in each function, so that inlined across modules no global is read.
public enum WordLanes {
    /// 0x80 in each lane of `x` that is zero, and nowhere else (exact: no carry crosses lanes).
    @inlinable @inline(__always)
    public static func zero(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// 0x80 in each lane of `w` that equals `byte`, and nowhere else.
    @inlinable @inline(__always)
    public static func equal(_ w: UInt64, _ byte: UInt8) -> UInt64 { zero(w ^ (0x0101_0101_0101_0101 &* UInt64(byte))) }

    /// 0x80 in each lane of `w` below `n` (n ≤ 0x80), and nowhere else: adding 0x80 − n to a
    /// lane's low seven bits sets its high bit from n up, and carries into no other lane.
    @inlinable @inline(__always)
    public static func below(_ w: UInt64, _ n: UInt8) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((w & low7) &+ 0x0101_0101_0101_0101 &* UInt64(0x80 &- n)) | w) & 0x8080_8080_8080_8080
    }

    /// 0x80 in each lane of `w` that is an ASCII digit (0x30-0x39), and nowhere else
    /// ("hasbetween" of Bit Twiddling Hacks): exact, since a lane's low seven bits subtracted
    /// from 127 + 0x3A borrow from no other lane, added to 127 − 0x2F carry into none, and
    /// the lanes of 0x80 and up are masked out.
    @inlinable @inline(__always)
    public static func asciiDigits(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = w & 0x7F7F_7F7F_7F7F_7F7F
        return ((ones &* (127 + 0x3A)) &- low7) & ~w & (low7 &+ ones &* (127 - 0x2F)) & 0x8080_8080_8080_8080
    }

    /// `w` with each ASCII digit lane made "0" (0x30), the other lanes as they are.
    @inlinable @inline(__always)
    public static func digitsAsZero(_ w: UInt64) -> UInt64 {
        let digits = (asciiDigits(w) >> 7) &* 0xFF
        return w & ~digits | 0x3030_3030_3030_3030 & digits
    }
}
