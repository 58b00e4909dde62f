import XCTest
import OkmoCore

/// The word-at-a-time lane tests must mark exactly the lanes their byte-at-a-time definitions
/// name: the binary test counts the marked lanes, and the fold check asks each one. A carry or
/// a borrow from one lane into the next would mark a lane beside a real one.
final class WordLanesTests: XCTestCase {
    func testLanesAreMarkedExactlyAsTheirBytes() {
        var state: UInt64 = 11
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
        // Every byte value in every lane, beside neighbours of every kind (random, all zero,
        // all 0xFF, and the byte itself), so that a carry either way shows.
        for value in 0..<256 {
            for lane in 0..<8 {
                for fill in 0..<4 {
                    var w: UInt64 = [next(), 0, ~0, 0x0101_0101_0101_0101 &* UInt64(value)][fill]
                    w = (w & ~(0xFF << UInt64(8 * lane))) | UInt64(value) << UInt64(8 * lane)
                    let bytes = (0..<8).map { UInt8(truncatingIfNeeded: w >> UInt64(8 * $0)) }
                    func expected(_ marks: (UInt8) -> Bool) -> UInt64 {
                        bytes.indices.reduce(0) { $0 | (marks(bytes[$1]) ? 0x80 << UInt64(8 * $1) : 0) }
                    }
                    XCTAssertEqual(WordLanes.zero(w), expected { $0 == 0 }, "zero \(bytes)")
                    for byte: UInt8 in [0x00, 0x20, 0x7F, 0x80, 0xC2, 0xFF] {
                        XCTAssertEqual(WordLanes.equal(w, byte), expected { $0 == byte }, "equal \(byte) \(bytes)")
                    }
                    for n: UInt8 in [0x00, 0x01, 0x20, 0x30, 0x7F, 0x80] {
                        XCTAssertEqual(WordLanes.below(w, n), expected { $0 < n }, "below \(n) \(bytes)")
                    }
                    XCTAssertEqual(WordLanes.asciiDigits(w), expected { $0 >= 0x30 && $0 <= 0x39 }, "digits \(bytes)")
                    let zeroed = bytes.indices.reduce(UInt64(0)) { $0 | UInt64(bytes[$1] >= 0x30 && bytes[$1] <= 0x39 ? 0x30 : bytes[$1]) << UInt64(8 * $1) }
                    XCTAssertEqual(WordLanes.digitsAsZero(w), zeroed, "digits as zero \(bytes)")
                }
            }
        }
    }
}
