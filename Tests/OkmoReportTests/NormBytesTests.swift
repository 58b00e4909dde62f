import Dispatch
import XCTest
@testable import OkmoReport

/// A token's norm held as plain bytes (`NormBytes`) answers every question as its string did:
/// its bytes, equality and prefixes, inline (up to 32 bytes) and long (kept once).
final class NormBytesTests: XCTestCase {
    /// Words of every length around the inline limit, ASCII and Russian, and pairs that differ
    /// only in their last byte, at each of the four words' edges, or past the limit.
    private func words() -> [String] {
        var out = ["", "a", "я", "ab", "аб", "-", ",", "№", "ﬁ", "ё"]
        for n in 1...40 {
            let ascii = String((0..<n).map { Character(Unicode.Scalar(UInt8(0x61 + ($0 * 7 + n) % 26))) })
            out += [ascii, String(ascii.dropLast()) + "z", ascii + "q"]
            let russian = String((0..<n).map { Character(Unicode.Scalar(UInt32(0x430 + ($0 * 5 + n) % 32))!) })
            out += [russian, String(russian.dropLast()) + "ю", russian + "к"]
        }
        // The same first 32 bytes, then different tails (long norms of equal length).
        let head = String(repeating: "абвгдежз", count: 2)
        out += [head, head + "и", head + "й", head + "ий", head + "ийк", head + "ийл", head + "x"]
        return out
    }

    func testBytesAndStringRoundTrip() {
        for w in words() {
            let n = NormBytes(w)
            XCTAssertEqual(n.string, w)
            XCTAssertEqual(n.count, w.utf8.count, w)
            XCTAssertEqual(n.withBytes { Array($0) }, Array(w.utf8), w)
        }
    }

    /// Calls `body` with every ordered pair of the words and their norms.
    private func forEachPair(_ body: (String, NormBytes, String, NormBytes) -> Void) {
        let ws = words()
        let norms = ws.map(NormBytes.init)
        for i in ws.indices {
            for j in ws.indices { body(ws[i], norms[i], ws[j], norms[j]) }
        }
    }

    func testEqualityIsTheStringsEquality() {
        var equal = 0
        forEachPair { a, na, b, nb in
            XCTAssertEqual(na == nb, a == b, "\(a) \(b)")
            if a == b { equal += 1 }
        }
        XCTAssertGreaterThan(equal, words().count)  // duplicates among the words
        // A long norm made again is the same norm: kept once.
        // (Upper case, so that no token's norm, which is lowered, has made it before.)
        let long = String(repeating: "Достопримечательность", count: 2) + "NormBytesTests"
        let kept = LongNorms.shared.count
        XCTAssertEqual(NormBytes(long), NormBytes(String(long)))
        XCTAssertEqual(LongNorms.shared.count, kept + 1)
    }

    func testPrefixIsTheBytesPrefix() {
        var prefixes = 0
        forEachPair { a, na, b, nb in
            let want = a.utf8.starts(with: b.utf8)
            XCTAssertEqual(na.hasPrefix(nb), want, "\(a) \(b)")
            XCTAssertEqual(nb.withBytes { na.starts(with: $0, whole: false) }, want)
            XCTAssertEqual(nb.withBytes { na.starts(with: $0, whole: true) }, a == b)
            if want && a != b { prefixes += 1 }
        }
        XCTAssertGreaterThan(prefixes, 100)
        XCTAssertTrue(NormBytes("no").equals("no"))
        XCTAssertFalse(NormBytes("no").equals("n"))
        XCTAssertTrue(NormBytes("за").equals("за"))
        XCTAssertTrue(NormBytes("n").equals("n"))
        XCTAssertTrue(NormBytes("№").equals("№"))
        XCTAssertFalse(NormBytes("n").equals("№"))
        XCTAssertFalse(NormBytes("").equals("n"))
    }

    /// Long norms are kept once however many are made, as the table grows and from several
    /// threads at once: equal words have equal norms, and every norm gives its word back.
    func testLongNormsAreKeptOnceAcrossGrowthAndThreads() {
        let kept = LongNorms.shared.count
        // (Upper case, so that no token's norm has made one of them before.)
        let words = (0..<5_000).map { "ДОЛГОЕ-СЛОВО-NormBytesTests-\($0)-" + String(repeating: "Я", count: $0 % 7) }
        let first = words.map(NormBytes.init)
        XCTAssertEqual(LongNorms.shared.count, kept + words.count)
        XCTAssertEqual(first.map(\.string), words)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            XCTAssertEqual(words.map(NormBytes.init), first)
        }
        XCTAssertEqual(LongNorms.shared.count, kept + words.count)
    }

    /// A token's offsets are kept in 32 bits: past that they stay at its largest value (a
    /// slice of them is empty, never out of bounds), and below it they are what was given.
    func testTokenOffsetsSaturate() {
        var t = WordToken(norm: "x", kind: .word, start: 5, end: 6, capitalized: false, allCaps: false, hyphenBefore: false)
        XCTAssertEqual([t.start, t.end], [5, 6])
        t.start = Int(UInt32.max) + 10
        t.end = 1 << 40
        XCTAssertEqual([t.start, t.end], [Int(UInt32.max), Int(UInt32.max)])
        t.end = Int(UInt32.max) - 1
        XCTAssertEqual(t.end, Int(UInt32.max) - 1)
    }

    /// Tokens keep their norm bytes whatever came before them in the tokenizer's scratch:
    /// a long word, then short ones (the bytes past a short norm are cleared), and words
    /// past the inline limit.
    func testTokenNormsAfterLongerWords() {
        let long = String(repeating: "абвгдежзийклмнопрст", count: 3)
        let text = "\(long) а \(long.uppercased()) ab Абв \(long)x яя"
        let tokens = Tokenizer.tokens(text)
        XCTAssertEqual(tokens.map(\.norm), [long, "а", long, "ab", "абв", long + "x", "яя"])
        XCTAssertEqual(tokens.map(\.normBytes), tokens.map { NormBytes($0.norm) })
        XCTAssertEqual(tokens.map(\.keys), tokens.map { WordKeys($0.norm) })
    }

    /// A word map answers a token by its norm as a dictionary keyed by the norm did: the
    /// value set last for a word, nothing for other words (including one that differs in a
    /// last byte, or shares a filter bit).
    func testWordMapAnswersAsADictionary() {
        var m = WordMap<Double>()
        m.set(1, for: "тыс")
        m.set(1000, for: "тыс")
        m.set(1e6, for: "million")
        let tokens = Tokenizer.tokens("Тыс million тысяча millions ТЫС")
        XCTAssertEqual(tokens.map { m.value(of: $0) }, [1000, 1e6, nil, nil, 1000])
        var words: [String] = []
        for n in 0..<300 { words.append("w\(n)") }
        var d: [String: Double] = [:]
        var many = WordMap<Double>()
        for (n, w) in words.enumerated() where n % 3 == 0 { d[w] = Double(n); many.set(Double(n), for: w) }
        for t in Tokenizer.tokens(words.joined(separator: " ")) { XCTAssertEqual(many.value(of: t), d[t.norm], t.norm) }
    }
}
