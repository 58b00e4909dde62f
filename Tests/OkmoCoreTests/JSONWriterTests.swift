import XCTest
@testable import OkmoCore

/// The typed writers (`JSONObjectWriter`, `writeInt`, the run-copying `writeString`) must give
/// the bytes of the value-tree writer, which defines records.json; a difference would change
/// every records file and every diff of one.
final class JSONWriterTests: XCTestCase {
    /// The string writer a byte at a time, as it was: the reference for the run-copying one.
    static func referenceString(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x7F: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        return out + [0x22]
    }

    func testStringsAreEscapedAsByteAtATime() {
        var cases = ["", "a", "\"", "\\", "\u{7F}", "Заседание «Совета» \"МО\"\t\n", String(repeating: "я", count: 300)]
        cases += (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        // Escapes at the start, the end and side by side, among Cyrillic and ASCII runs.
        var x: UInt64 = 0x2545_F491_4F6C_DD1D
        let pieces = ["\"", "\\", "\n", "\u{1}", "\u{7F}", "ab", "Юг", " ", "€", "\r\t"]
        for _ in 0..<500 {
            var s = ""
            for _ in 0..<Int(x % 9) {
                x = x &* 6364136223846793005 &+ 1442695040888963407
                s += pieces[Int(x >> 33) % pieces.count]
            }
            x = x &* 6364136223846793005 &+ 1442695040888963407
            cases.append(s)
        }
        for s in cases {
            var out: [UInt8] = [0x41]
            JSONWriter.writeString(s, into: &out)
            XCTAssertEqual(out, [0x41] + JSONWriterTests.referenceString(s), s.debugDescription)
        }
    }

    func testIntegersAreWrittenAsStringOfThem() {
        var values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 { x = x &* 6364136223846793005 &+ 1442695040888963407; values.append(Int(truncatingIfNeeded: x >> (x & 63))) }
        for v in values {
            var out: [UInt8] = []
            JSONWriter.writeInt(v, into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(v))
        }
    }

    /// Objects nested in arrays and objects, empty and not, at several indents.
    func testObjectWriterMatchesTheValueTree() {
        for indent in [0, 1, 2, 5, 20] {
            let tree: JSONValue = .object([
                "a": .string("x\"y"),
                "b": .array([]),
                "c": .array([.object(["k": .int(-3), "l": .null]), .object([:])]),
                "d": .object(["e": .array([.string("1"), .string("2")])]),
            ])
            var expected: [UInt8] = []
            JSONWriter.write(tree, into: &expected, indent: indent, pretty: true)
            var out: [UInt8] = []
            var o = JSONObjectWriter(opening: &out, indent: indent)
            o.key("a", into: &out); JSONWriter.writeOptional("x\"y", into: &out)
            o.key("b", into: &out); JSONWriter.writeStrings([], indent: o.fieldIndent, into: &out)
            o.key("c", into: &out)
            let inner = o.fieldIndent
            JSONWriter.writeArray(count: 2, indent: inner, into: &out) { i, out in
                var p = JSONObjectWriter(opening: &out, indent: inner + 1)
                if i == 0 {
                    p.key("k", into: &out); JSONWriter.writeInt(-3, into: &out)
                    p.key("l", into: &out); JSONWriter.writeOptional(nil, into: &out)
                }
                p.close(into: &out)
            }
            o.key("d", into: &out)
            var d = JSONObjectWriter(opening: &out, indent: inner)
            d.key("e", into: &out); JSONWriter.writeStrings(["1", "2"], indent: d.fieldIndent, into: &out)
            d.close(into: &out)
            o.close(into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(decoding: expected, as: UTF8.self), "indent \(indent)")
        }
    }

    func testDiagnosticsAreWrittenAsTheirValueTrees() {
        let severities: [Severity] = [.error, .warning, .note]
        for (k, message) in ["", "line \"x\" skipped\tnow", "Дата «30/02/2020» невозможна\n", "\u{1}\\"].enumerated() {
            for indent in [0, 2] {
                let d = Diagnostic(severities[k % 3], "code-\(k)", message, at: SourceLocation(file: "a/\(message).txt", line: k * 1000 - 1, column: k + 1))
                var expected: [UInt8] = []
                JSONWriter.write(d.json, into: &expected, indent: indent, pretty: true)
                var out: [UInt8] = []
                d.writeJSON(into: &out, indent: indent)
                XCTAssertEqual(String(decoding: out, as: UTF8.self), String(decoding: expected, as: UTF8.self))
            }
        }
    }
}
