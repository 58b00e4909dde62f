import XCTest
@testable import OkmoCore

final class DigestIndexTests: XCTestCase {
    /// Model check against `Dictionary` through many growths: `valueOrInsert` answers the
    /// first value of a key, or nil and adds it; the subscript and the count agree; the
    /// entries are kept in the order they came.
    func testBehavesLikeADictionaryOfFirstValues() {
        let index = DigestIndex<Int32>()
        var model: [Digest128.Value: Int32] = [:]
        var order: [Digest128.Value] = []
        func key(_ i: Int) -> Digest128.Value { var h = Digest128(); h.combine("key \(i % 70_000)"); return h.value }
        for i in 0..<100_000 {
            let k = key(i)
            XCTAssertEqual(index[k], model[k])
            XCTAssertEqual(index.valueOrInsert(Int32(i), for: k), model[k])
            if model[k] == nil { model[k] = Int32(i); order.append(k) }
        }
        XCTAssertEqual(index.count, 70_000)
        for (k, v) in model { XCTAssertEqual(index[k], v) }
        XCTAssertEqual(index.firstLanes, order.map(\.a))
        var h = Digest128()
        h.combine("never inserted")
        XCTAssertNil(index[h.value])
    }

    /// Keys that agree in the second lane (the slot and the tag) stay apart by the first;
    /// the key of all zeros is a key like any other (an empty slot is 0, a used one never).
    func testKeysSharingTheSecondLaneAndTheZeroKey() {
        let index = DigestIndex<Int32>()
        let zero = Digest128.Value(a: 0, b: 0)
        XCTAssertNil(index[zero])
        XCTAssertNil(index.valueOrInsert(-1, for: zero))
        for i in 0..<1000 { XCTAssertNil(index.valueOrInsert(Int32(i), for: Digest128.Value(a: UInt64(i) + 1, b: 42))) }
        for i in 0..<1000 { XCTAssertEqual(index[Digest128.Value(a: UInt64(i) + 1, b: 42)], Int32(i)) }
        XCTAssertEqual(index[zero], -1)
        XCTAssertNil(index[Digest128.Value(a: 5000, b: 42)])
        XCTAssertEqual(index.count, 1001)
    }

    /// The index keeps its entries in memory of its own: each value is kept while the index
    /// lives (across chunks) and let go once when it dies, a value never inserted (its key was
    /// there) never held.
    func testValuesAreHeldWhileTheIndexLivesAndLetGoOnce() {
        final class Tally { var alive = 0 }
        final class Counted: @unchecked Sendable {
            let n: Int, tally: Tally
            init(_ n: Int, _ tally: Tally) { self.n = n; self.tally = tally; tally.alive += 1 }
            deinit { tally.alive -= 1 }
        }
        let tally = Tally()
        func key(_ i: Int) -> Digest128.Value { Digest128.Value(a: UInt64(i), b: UInt64(i) &* 0x9E37_79B9_7F4A_7C15) }
        do {
            let index = DigestIndex<Counted>()
            let n = 2 * digestIndexChunkSize + 5
            for i in 0..<n { XCTAssertNil(index.valueOrInsert(Counted(i, tally), for: key(i))) }
            XCTAssertEqual(index.valueOrInsert(Counted(-1, tally), for: key(7))?.n, 7)
            XCTAssertEqual(tally.alive, n)
            XCTAssertEqual(index[key(n - 1)]?.n, n - 1)
            XCTAssertEqual(index[key(digestIndexChunkSize)]?.n, digestIndexChunkSize)
        }
        XCTAssertEqual(tally.alive, 0)
    }

    /// `touch` reads the slot where a look-up starts: empty (0) before the key is in, its slot
    /// after, so the read is of the right slot.
    func testTouchReadsTheSlotALookUpStartsAt() {
        let index = DigestIndex<Int32>()
        let k = Digest128.Value(a: 7, b: 0xABCD_0000_0000_0003)
        XCTAssertEqual(index.touch(k), 0)
        _ = index.valueOrInsert(1, for: k)
        XCTAssertEqual(index.touch(k), DigestIndex<Int32>.tag(k) | 0)
        XCTAssertNotEqual(index.touch(k), 0)
    }
}
