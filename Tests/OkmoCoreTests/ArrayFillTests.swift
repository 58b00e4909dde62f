import XCTest
@testable import OkmoCore

/// `Array(filler:)` and `Array(filling:count:)` stand in for the standard library's
/// uninitialised and repeating initialisers: they must make the same arrays, of any size
/// (including none and sizes the allocator rounds up), for plain and reference elements.
final class ArrayFillTests: XCTestCase {
    /// Writes `0, 1, ... count-1`, or `written` of them when it is given.
    struct Counting: InPlaceFiller {
        typealias Element = Int
        let capacity: Int
        var written: Int? = nil
        func fill(_ room: UnsafeMutableBufferPointer<Int>) -> Int {
            let n = written ?? capacity
            for k in 0..<n { (room.baseAddress! + k).initialize(to: k) }
            return n
        }
    }

    /// Records the room it was given.
    final class RoomSeen: @unchecked Sendable { var sizes: [Int] = [] }
    struct Room: InPlaceFiller {
        typealias Element = Int
        let capacity: Int
        let seen: RoomSeen
        func fill(_ room: UnsafeMutableBufferPointer<Int>) -> Int { seen.sizes.append(room.count); return 0 }
    }

    struct Strings: InPlaceFiller {
        typealias Element = String
        let words: [String]
        var capacity: Int { words.count }
        func fill(_ room: UnsafeMutableBufferPointer<String>) -> Int {
            for (k, w) in words.enumerated() { (room.baseAddress! + k).initialize(to: w) }
            return words.count
        }
    }

    func testFilledArraysAreTheStandardOnes() {
        for n in [0, 1, 2, 3, 7, 8, 15, 16, 17, 100, 1000, 4097] {
            let a = [Int](filler: Counting(capacity: n))
            XCTAssertEqual(a, Array(0..<n), "n = \(n)")
            XCTAssertEqual(a.count, n)
            XCTAssertEqual([Int](filling: 7, count: n), [Int](repeating: 7, count: n), "n = \(n)")
            XCTAssertEqual([Bool](filling: true, count: n), [Bool](repeating: true, count: n), "n = \(n)")
        }
    }

    func testFewerThanCapacity() {
        let a = [Int](filler: Counting(capacity: 100, written: 37))
        XCTAssertEqual(a, Array(0..<37))
        // The array is an ordinary one: it grows and copies on write as any other.
        var b = a
        b.append(99)
        XCTAssertEqual(a.count, 37)
        XCTAssertEqual(b.count, 38)
        XCTAssertEqual(b.last, 99)
    }

    /// The filler sees the room it asked for, not what the allocator rounded it up to.
    func testRoomIsTheCapacityAskedFor() {
        let seen = RoomSeen()
        // A size the allocator rounds up, so that the array has more room than asked for
        // (glibc's does at 2 Ints: 16 bytes past the header leave room for a third);
        // AddressSanitizer's allocator rounds none, and there every size asks exactly.
        var sizes = [0, 1, 2, 5, 6, 33]
        let rounded = (1...64).first { n in
            var a: [Int] = []
            a.reserveCapacity(n)
            return a.capacity > n
        }
        if let rounded { sizes.append(rounded) }
        for n in sizes { _ = [Int](filler: Room(capacity: n, seen: seen)) }
        XCTAssertEqual(seen.sizes.filter { $0 > 0 }, sizes.filter { $0 > 0 })
    }

    func testReferenceElements() {
        let words = ["Пенза", "Курск", String(repeating: "Тамбов ", count: 20)]
        XCTAssertEqual([String](filler: Strings(words: words)), words)
        XCTAssertEqual([String](filling: "ё", count: 5), Array(repeating: "ё", count: 5))
    }
}
