import XCTest
import OkmoCore
@testable import OkmoReport

final class ArrayPoolTests: XCTestCase {
    /// An array given back is handed out again, empty, with its room, to a request it holds;
    /// a request it does not hold gets a new array, of a power of two's room.
    func testAnArrayGivenBackIsTakenAgain() {
        let pool = ArrayPool<Int>()
        var a = pool.take(minimumCapacity: 40)
        XCTAssertGreaterThanOrEqual(a.capacity, 64)
        a.append(contentsOf: 0..<40)
        let room = a.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress!) }
        pool.give(a)
        a = []
        XCTAssertEqual(pool.count, 1)
        let big = pool.take(minimumCapacity: 100)
        XCTAssertEqual(pool.reused, 0)
        XCTAssertGreaterThanOrEqual(big.capacity, 128)
        var b = pool.take(minimumCapacity: 33)
        XCTAssertEqual(pool.reused, 1)
        XCTAssertTrue(b.isEmpty)
        XCTAssertGreaterThanOrEqual(b.capacity, 64)
        b.append(1)
        XCTAssertEqual(b.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress!) }, room)
        XCTAssertEqual(pool.count, 0)
        XCTAssertEqual(pool.kept, 0)
    }

    /// The pool keeps no array past its largest, and no more room in all than its budget.
    func testThePoolKeepsWithinItsBudget() {
        let pool = ArrayPool<Int>(maxCapacity: 2_048, budget: 4_500)
        pool.give([Int](repeating: 0, count: 3_000))
        XCTAssertEqual(pool.count, 0)
        // One array, given and taken again and again, is kept once.
        let room = pool.take(minimumCapacity: 1_000).capacity
        XCTAssertTrue((1_024..<2_048).contains(room))
        for _ in 0..<10 { pool.give(pool.take(minimumCapacity: 1_000)) }
        XCTAssertEqual(pool.kept, room)
        XCTAssertEqual(pool.count, 1)
        // Ten held at once, then given back: four fit the budget.
        var held: [[Int]] = []
        for _ in 0..<10 { held.append(pool.take(minimumCapacity: 1_000)) }
        for a in held { pool.give(a) }
        XCTAssertEqual(pool.count, 4_500 / room)
        XCTAssertLessThanOrEqual(pool.kept, 4_500)
    }

    /// A notes document's paragraphs, read with a word cache, give their arrays back when
    /// they die, and the next document's take them over; the paragraphs are the same as
    /// those read without a cache, which keep nothing.
    func testParagraphsTakeOverTheArraysOfTheDead() throws {
        let lex = Repo.lex
        let text = String(decoding: Array(try Data(contentsOf: URL(fileURLWithPath: Repo.root + "/seeds/003_c272a9e7d33d7694.txt"))), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let cache = WordCache(starts: lex.wordStarts)
        let np = NotesParser(lex: lex, defaultYear: nil, words: cache)
        let plain = NotesParser(lex: lex, defaultYear: nil)
        let doc = NotesDocument(lines: Array(lines.indices).filter { !lines[$0].isEmpty }, url: nil)
        func read(_ p: NotesParser) -> [[String]] {
            p.paragraphs(doc, text: lines).map { q in q.tokens.map(\.norm) + q.sentenceOf.map(String.init) + [String(String.UnicodeScalarView(q.scalars))] }
        }
        let first = read(np)
        XCTAssertGreaterThan(first.count, 10)
        XCTAssertEqual(cache.tokenArrays.reused, 0)
        XCTAssertEqual(cache.tokenArrays.count, first.count)
        let second = read(np)
        XCTAssertEqual(second, first)
        XCTAssertEqual(read(plain), first)
        XCTAssertGreaterThanOrEqual(cache.tokenArrays.reused, first.count * 9 / 10)
        XCTAssertGreaterThanOrEqual(cache.scalarArrays.reused, first.count * 9 / 10)
        XCTAssertGreaterThanOrEqual(cache.intArrays.reused, first.count * 9 / 10)
    }
}
