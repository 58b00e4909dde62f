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

    /// The digest of a head and a string's digits is the word digest of the head's two words
    /// and the digits packed as it says (four bits each, value plus one, sixteen to a word),
    /// whatever the length and wherever the digits stand: the eight-bytes-a-step scan and its
    /// overlapping tail must find each digit once, in order. Digit strings that differ, in a
    /// digit, in a leading zero or in length, digest apart; other bytes change nothing.
    func testDigitsDigestIsTheDigestOfTheDigitsInOrder() {
        func packed(_ bytes: [UInt8]) -> [UInt64] {
            let digits = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }
            var words: [UInt64] = []
            var k = 0
            while k < digits.count {
                words.append(digits[k..<min(k + 16, digits.count)].reduce(0) { $0 << 4 | UInt64($1 - 0x30 + 1) })
                k += 16
            }
            return words
        }
        let head = Digest128.Value(a: 0x1234, b: 0x5678), lanes = Digest128.Value(a: 9, b: 10)
        var x: UInt64 = 5
        for n in 0...80 {
            for _ in 0..<6 {
                var bytes: [UInt8] = []
                for _ in 0..<n {
                    x = x &* 6364136223846793005 &+ 1442695040888963407
                    let r = UInt8(truncatingIfNeeded: x >> 56)
                    bytes.append(r % 3 == 0 ? 0x30 + r % 10 : r)
                }
                check(bytes)
            }
            // All digits, past the 79 a `DigitPack` holds.
            check((0..<n + 10).map { UInt8(0x30 + $0 % 10) })
        }
        // More digits than the pack's byte counts could number (256 words of sixteen).
        check((0..<5000).map { UInt8(0x30 + $0 % 10) })
        func check(_ bytes: [UInt8]) {
            let want = ([head.a, head.b] + packed(bytes)).withUnsafeBytes { Digest128.of($0, lanes: lanes) }
            XCTAssertEqual(bytes.withUnsafeBytes { Digest128.of(head, digitsOf: $0, lanes: lanes) }, want, "\(bytes)")
            // The pack gathered with the title key's digest, and on its own.
            var pack = DigitPack()
            XCTAssertEqual(bytes.withUnsafeBytes { Digest128.ofDigitsAsZero($0, seed: 7, digits: &pack) },
                           bytes.withUnsafeBytes { Digest128.ofDigitsAsZero($0, seed: 7) }, "\(bytes)")
            let alone = bytes.withUnsafeBytes { DigitPack($0) }
            let count = bytes.filter { $0 >= 0x30 && $0 <= 0x39 }.count
            XCTAssertEqual(pack.overflow, count > 79, "\(bytes)")
            XCTAssertEqual(alone.overflow, count > 79, "\(bytes)")
            if count <= 79 {
                XCTAssertEqual(Digest128.of(head, digits: pack, lanes: lanes), want, "\(bytes)")
                XCTAssertEqual(Digest128.of(head, digits: alone, lanes: lanes), want, "\(bytes)")
            }
        }
        var seen: [Digest128.Value: String] = [:]
        for s in ["", "1", "01", "10", "0", "00", "9", "19", "198", "981", String(repeating: "7", count: 16), String(repeating: "7", count: 17),
                  "1" + String(repeating: "0", count: 16), String(repeating: "0", count: 16) + "1"] {
            let d = Array(s.utf8).withUnsafeBytes { Digest128.of(head, digitsOf: $0, lanes: lanes) }
            if let other = seen[d] { XCTFail("\(s) and \(other) digest alike") }
            seen[d] = s
            let spread = Array(("№ " + s.map { "\($0)a" }.joined() + " «x»").utf8)
            XCTAssertEqual(spread.withUnsafeBytes { Digest128.of(head, digitsOf: $0, lanes: lanes) }, d, s)
        }
    }
}
