import XCTest
@testable import OkmoCore

final class DigestMapTests: XCTestCase {
    /// Model check against `Dictionary` through several growths, with updates and misses.
    func testBehavesLikeADictionary() {
        var map = DigestMap<Int32>(placeholder: -1)
        var model: [Digest128.Value: Int32] = [:]
        func key(_ i: Int) -> Digest128.Value { var h = Digest128(); h.combine("key \(i % 70_000)"); return h.value }
        for i in 0..<100_000 {
            let k = key(i)
            XCTAssertEqual(map[k], model[k])
            let v = Int32(i)
            map.set(v, for: k)
            model[k] = v
        }
        XCTAssertEqual(map.count, model.count)
        XCTAssertEqual(map.count, 70_000)
        for (k, v) in model { XCTAssertEqual(map[k], v) }
        var h = Digest128()
        h.combine("never inserted")
        XCTAssertNil(map[h.value])
    }

    /// Keys that agree in the lane used as the hash still stay apart.
    func testKeysSharingOneLane() {
        var map = DigestMap<Int32>(placeholder: 0)
        for i in 0..<1000 { map.set(Int32(i), for: Digest128.Value(a: UInt64(i), b: 42)) }
        for i in 0..<1000 { XCTAssertEqual(map[Digest128.Value(a: UInt64(i), b: 42)], Int32(i)) }
        XCTAssertNil(map[Digest128.Value(a: 5000, b: 42)])
        XCTAssertEqual(map.count, 1000)
    }
}
