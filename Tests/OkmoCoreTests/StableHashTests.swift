import XCTest
@testable import OkmoCore

/// Record ids are the first hex digits of a `StableHash`: the byte-built digits must be what
/// `String(_:radix:)`, zero-padded to 16, gives, or every id in every report changes.
final class StableHashTests: XCTestCase {
    func testHexDigitsAreTheZeroPaddedRadix16Digits() {
        var values: [UInt64] = [0, 1, 0xF, 0x10, 0xFFFF_FFFF_FFFF_FFFF, 0x0000_1234_5678_9ABC, 0x8000_0000_0000_0000]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 { x = x &* 6364136223846793005 &+ 1442695040888963407; values.append(x >> (x & 63)) }
        for v in values {
            var h = StableHash()
            h.value = v
            let full = String(v, radix: 16)
            let padded = String(repeating: "0", count: 16 - full.count) + full
            for digits in [0, 1, 3, 7, 12, 16, 20] {
                XCTAssertEqual(StableHash.hex(h, digits: digits), String(padded.prefix(digits)), "\(v) \(digits)")
            }
            XCTAssertEqual(StableHash.hex(h, digits: 12, prefix: "ev-"), "ev-" + padded.prefix(12))
        }
    }

    func testKnownHashOfTheFieldSeparatedStrings() {
        // FNV-1a 64 of "a" 0x1F: fixed forever, since ids are built from it.
        XCTAssertEqual(StableHash.hex(["a"], digits: 16), "089be907b544fdc9")
    }

    /// The digest's first lane stands in for a stable hash of the same bytes (event ids read
    /// it there): they must agree on any bytes.
    func testDigestFirstLaneIsTheStableHash() {
        var x: UInt64 = 7
        for n in 0..<500 {
            var h = StableHash(), d = Digest128()
            for _ in 0..<(n % 90) {
                x = x &* 6364136223846793005 &+ 1442695040888963407
                let b = UInt8(truncatingIfNeeded: x >> 56)
                h.put(b); d.put(b)
            }
            if n % 3 == 0 { h.combine("Пенза"); d.combine("Пенза") }
            XCTAssertEqual(d.stable.value, h.value)
        }
    }

    /// The word-wise digest reads a string's tail in overlapping loads: every byte must still
    /// count. Strings of each length up to 40 that differ in one byte (at every position, in
    /// a low and a high bit), and the zero strings of every length, must all digest apart.
    func testWordDigestSeesEveryByteOfTheTail() {
        var seen: [Digest128.Value: [UInt8]] = [:]
        func add(_ bytes: [UInt8]) {
            let d = bytes.withUnsafeBytes { Digest128.of($0, seed: 3) }
            if let other = seen[d], other != bytes { XCTFail("\(bytes) and \(other) digest alike") }
            seen[d] = bytes
        }
        var x: UInt64 = 11
        for n in 0...40 {
            add([UInt8](repeating: 0, count: n))
            var base: [UInt8] = []
            for _ in 0..<n { x = x &* 6364136223846793005 &+ 1442695040888963407; base.append(UInt8(truncatingIfNeeded: x >> 56)) }
            add(base)
            for p in 0..<n {
                for bit in [0, 7] as [UInt8] {
                    var v = base
                    v[p] ^= 1 << bit
                    add(v)
                }
            }
        }
        XCTAssertEqual(seen.count, 41 + 41 + 2 * (0...40).reduce(0, +) - 1)
    }
}
