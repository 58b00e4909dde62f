import XCTest
import Foundation
@testable import OkmoCore

final class TextDecoderTests: XCTestCase {
    func decode(_ b: [UInt8]) -> TextDecoder.Result? {
        if case .success(let r) = TextDecoder.decode(b) { return r }
        return nil
    }

    func testPlainUTF8PassesThrough() {
        let r = decode(Array("Пенза\nPenza\n".utf8))!
        XCTAssertEqual(r.encoding, .utf8)
        XCTAssertEqual(String(decoding: r.bytes, as: UTF8.self), "Пенза\nPenza\n")
    }

    func testBOMIsDroppedAndReported() {
        let r = decode([0xEF, 0xBB, 0xBF] + Array("Тамбов".utf8))!
        XCTAssertEqual(r.encoding, .utf8BOM)
        XCTAssertEqual(String(decoding: r.bytes, as: UTF8.self), "Тамбов")
    }

    func testCRLFAndLoneCRBecomeLF() {
        let r = decode(Array("a\r\nb\rc\n".utf8))!
        XCTAssertEqual(String(decoding: r.bytes, as: UTF8.self), "a\nb\nc\n")
        XCTAssertTrue(r.hadCRLF)
    }

    func testWindows1251IsReadAsRussian() {
        let text = "Круглый стол «Местная демократия», Тамбовская область — ёлка №5"
        let cp = Array(text.data(using: .windowsCP1251)!)
        let r = decode(cp)!
        XCTAssertEqual(r.encoding, .windows1251)
        XCTAssertEqual(String(decoding: r.bytes, as: UTF8.self), text)
    }

    func testEveryWindows1251ByteMatchesFoundation() {
        for b in 0x80...0xFF where b != 0x98 {
            let ours = String(decoding: TextDecoder.decodeWindows1251([UInt8(b)]), as: UTF8.self)
            let theirs = String(data: Data([UInt8(b)]), encoding: .windowsCP1251)
            XCTAssertEqual(ours, theirs, "byte \(b)")
        }
    }

    func testUTF16WithBOM() {
        let s = "Мурманск, Murmansk\n"
        var le: [UInt8] = [0xFF, 0xFE]
        for u in s.utf16 { le.append(UInt8(u & 0xFF)); le.append(UInt8(u >> 8)) }
        XCTAssertEqual(String(decoding: decode(le)!.bytes, as: UTF8.self), s)
        var be: [UInt8] = [0xFE, 0xFF]
        for u in s.utf16 { be.append(UInt8(u >> 8)); be.append(UInt8(u & 0xFF)) }
        XCTAssertEqual(String(decoding: decode(be)!.bytes, as: UTF8.self), s)
    }

    func testNULBytesAreBinary() {
        guard case .failure(.binary(let offset)) = TextDecoder.decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]) else {
            return XCTFail("a file with NUL bytes must be refused")
        }
        XCTAssertEqual(offset, 4)
    }

    func testControlNoiseIsBinary() {
        var b: [UInt8] = []
        for i in 0..<1000 { b.append(UInt8((i * 7) % 31 + 1)) }
        guard case .failure = TextDecoder.decode(b) else { return XCTFail("control characters are not text") }
    }

    func testUTF8Validation() {
        XCTAssertTrue(TextDecoder.isValidUTF8(Array("ok ё 😀".utf8)))
        XCTAssertFalse(TextDecoder.isValidUTF8([0xC0, 0x80]))        // overlong
        XCTAssertFalse(TextDecoder.isValidUTF8([0xED, 0xA0, 0x80]))  // surrogate
        XCTAssertFalse(TextDecoder.isValidUTF8([0xE2, 0x82]))        // cut short
        XCTAssertFalse(TextDecoder.isValidUTF8([0xF4, 0x90, 0x80, 0x80]))  // beyond U+10FFFF
    }
}

final class SourceTextTests: XCTestCase {
    func testLines() {
        let s = SourceText(path: "x", bytes: Array("a\nbb\n\nc".utf8))
        XCTAssertEqual(s.lineCount, 4)
        XCTAssertEqual((0..<4).map(s.line), ["a", "bb", "", "c"])
        XCTAssertEqual(SourceText(path: "x", bytes: Array("a\n".utf8)).lineCount, 1)
        XCTAssertEqual(SourceText(path: "x", bytes: []).lineCount, 0)
    }
}

final class JSONTests: XCTestCase {
    func testWriterSortsKeysAndIndents() {
        let v = JSONValue.object(["b": .int(1), "a": .array([.string("Москва"), .null, .bool(true)]), "c": .object([:]), "d": .array([])])
        XCTAssertEqual(JSONWriter.pretty(v), """
        {
          "a": [
            "Москва",
            null,
            true
          ],
          "b": 1,
          "c": {},
          "d": []
        }

        """)
    }

    func testEscapes() {
        XCTAssertEqual(JSONWriter.compact(.string("a\"b\\c\n\u{1}")), "\"a\\\"b\\\\c\\n\\u0001\"")
        XCTAssertEqual(JSONWriter.formatNumber(8000), "8000")
        XCTAssertEqual(JSONWriter.formatNumber(2.5), "2.5")
    }

    func testRoundTrip() throws {
        let text = #"{"x": [1, 2.5, -3.25e1, "é\u00e9\ud83d\ude00", {"y": null}], "z": false}"#
        let v = try JSONParser.parse(text)
        XCTAssertEqual(v["x"]?.arrayValue?[3], .string("éé😀"))
        XCTAssertEqual(try JSONParser.parse(JSONWriter.compact(v)), v)
    }

    func testParserErrorsCarryPlace() {
        XCTAssertThrowsError(try JSONParser.parse("{\n  \"a\": tru\n}")) { e in
            let err = e as! JSONParser.Error
            XCTAssertEqual(err.line, 2)
        }
        XCTAssertThrowsError(try JSONParser.parse(String(repeating: "[", count: 10_000)))
        XCTAssertThrowsError(try JSONParser.parse("{} x"))
    }
}

final class EscapeAndHashTests: XCTestCase {
    func testHTML() { XCTAssertEqual(Escape.html("<script>a&'\"</script>"), "&lt;script&gt;a&amp;&#39;&quot;&lt;/script&gt;") }

    func testMarkdownKeepsTablesIntact() {
        XCTAssertEqual(Escape.markdown("a|b *c* _d_ # [e]\nf"), "a\\|b \\*c\\* \\_d\\_ \\# \\[e\\] f")
    }

    func testStableHashIsStable() {
        // Fixed value: ids in records.json must never change between runs or machines.
        XCTAssertEqual(StableHash.hex(["round table", "penza", "2020-10-15"]), StableHash.hex(["round table", "penza", "2020-10-15"]))
        XCTAssertEqual(StableHash.hex(["a"]), "089be907b544")
        XCTAssertNotEqual(StableHash.hex(["ab", "c"]), StableHash.hex(["a", "bc"]))
    }
}

final class EditDistanceTests: XCTestCase {
    func testLevenshtein() {
        func d(_ a: String, _ b: String, _ limit: Int = .max) -> Int { EditDistance.levenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit) }
        XCTAssertEqual(d("--yaer", "--year"), 2)
        XCTAssertEqual(d("orenbourg", "orenburg"), 1)
        XCTAssertEqual(d("", "abc"), 3)
        XCTAssertEqual(d("Пенза", "Пенза"), 0)
        XCTAssertEqual(d("kharkiv", "kirov", 1), 2, "stops early past the limit")
    }
}
