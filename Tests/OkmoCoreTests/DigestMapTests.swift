import XCTest
@testable import OkmoCore

final class DigestMapTests: XCTestCase {
    /// Model check against `Dictionary` through several growths, with updates and misses.
    /// Every other step goes through `valueOrInsert`, which must be a look-up, then `set` when
    /// the key is missing.
    func testBehavesLikeADictionary() {
        var map = DigestMap<Int32>(placeholder: -1)
        var model: [Digest128.Value: Int32] = [:]
        func key(_ i: Int) -> Digest128.Value { var h = Digest128(); h.combine("key \(i % 70_000)"); return h.value }
        for i in 0..<100_000 {
            let k = key(i)
            XCTAssertEqual(map[k], model[k])
            XCTAssertEqual(map.contains(k), model[k] != nil)
            let v = Int32(i)
            if i % 2 == 0 {
                map.set(v, for: k)
                model[k] = v
            } else {
                XCTAssertEqual(map.valueOrInsert(v, for: k), model[k])
                if model[k] == nil { model[k] = v }
            }
        }
        XCTAssertEqual(map.count, model.count)
        XCTAssertEqual(map.count, 70_000)
        for (k, v) in model { XCTAssertEqual(map[k], v) }
        var h = Digest128()
        h.combine("never inserted")
        XCTAssertNil(map[h.value])
        XCTAssertFalse(map.contains(h.value))
    }

    /// `removeAll` leaves a table that answers as a new one, keeps its slots, and lets go of
    /// the references its values held; filled again, it answers as a model does.
    func testRemoveAllEmptiesAndKeepsTheSlots() {
        final class Box: Sendable { let n: Int; init(_ n: Int) { self.n = n } }
        let placeholder = Box(-1)
        var map = DigestMap<Box>(placeholder: placeholder)
        func key(_ i: Int) -> Digest128.Value { var h = Digest128(); h.combine("k\(i)"); return h.value }
        weak var held: Box?
        do {
            let b = Box(7)
            held = b
            map.set(b, for: key(-7))
        }
        for i in 0..<5_000 { map.set(Box(i), for: key(i)) }
        let slots = map.tags.count
        XCTAssertNotNil(held)
        map.removeAll()
        XCTAssertNil(held, "the value's reference is let go")
        XCTAssertEqual(map.count, 0)
        XCTAssertEqual(map.tags.count, slots)
        for i in -7..<5_000 { XCTAssertNil(map[key(i)]); XCTAssertFalse(map.contains(key(i))) }
        var model: [Digest128.Value: Int] = [:]
        for i in stride(from: 0, to: 9_000, by: 3) { map.set(Box(i), for: key(i)); model[key(i)] = i }
        XCTAssertEqual(map.count, model.count)
        for i in 0..<9_000 { XCTAssertEqual(map[key(i)]?.n, model[key(i)]) }
    }

    /// Keys that agree in the lane used as the hash still stay apart.
    func testKeysSharingOneLane() {
        var map = DigestMap<Int32>(placeholder: 0)
        for i in 0..<1000 { map.set(Int32(i), for: Digest128.Value(a: UInt64(i), b: 42)) }
        for i in 0..<1000 { XCTAssertEqual(map[Digest128.Value(a: UInt64(i), b: 42)], Int32(i)) }
        XCTAssertNil(map[Digest128.Value(a: 5000, b: 42)])
        XCTAssertEqual(map.count, 1000)
    }

    /// Keys in one slot chain whose tags differ (the top bits of the second lane) or agree
    /// (then only the whole key tells them apart), and the key of all zeros, which empty
    /// slots also hold.
    func testTagsAndTheZeroKey() {
        var map = DigestMap<Int32>(placeholder: 0)
        var keys: [Digest128.Value] = [Digest128.Value(a: 0, b: 0)]
        for top in 0..<8 as Range<UInt64> {
            for a in 0..<4 as Range<UInt64> { keys.append(Digest128.Value(a: a, b: top << 57 | 7)) }
        }
        XCTAssertNil(map[keys[0]])
        for (i, k) in keys.enumerated() { map.set(Int32(i + 1), for: k) }
        for (i, k) in keys.enumerated() { XCTAssertEqual(map[k], Int32(i + 1)) }
        XCTAssertNil(map[Digest128.Value(a: 9, b: 3 << 57 | 7)])
        XCTAssertEqual(map.count, keys.count)
    }
}
