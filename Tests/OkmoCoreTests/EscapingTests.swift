import XCTest
@testable import OkmoCore

/// The run-copying escapers against byte-at-a-time references: every byte value, specials at
/// the ends and side by side, Cyrillic between them.
final class EscapingTests: XCTestCase {
    static func referenceHTML(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for b in s.utf8 {
            switch b {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            default: out.append(b)
            }
        }
        return out
    }

    static func referenceMarkdown(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for b in s.utf8 {
            if "\\`*_[]<>|#~&".utf8.contains(b) { out += [0x5C, b] } else if b == 0x0A || b == 0x0D { out.append(0x20) } else { out.append(b) }
        }
        return out
    }

    func testEscapersMatchTheByteAtATimeReferences() {
        var cases = ["", "plain", "Заседание", "<script>alert('x')</script>", "a|b", "&&", "line\r\nnext"]
        cases += (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let pieces = ["<", ">", "&", "\"", "'", "|", "*", "_", "\\", "\n", "Юг", "ab", " ", "€", "#~`[]"]
        var x: UInt64 = 0xD1B5_4A32_D192_ED03
        for _ in 0..<600 {
            var s = ""
            x = x &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(x >> 60) {
                x = x &* 6364136223846793005 &+ 1442695040888963407
                s += pieces[Int(x >> 33) % pieces.count]
            }
            cases.append(s)
        }
        for s in cases {
            var h: [UInt8] = [0x41]
            Escape.appendHTML(s, to: &h)
            XCTAssertEqual(h, [0x41] + EscapingTests.referenceHTML(s), s.debugDescription)
            var m: [UInt8] = [0x41]
            Escape.appendMarkdown(s, to: &m)
            XCTAssertEqual(m, [0x41] + EscapingTests.referenceMarkdown(s), s.debugDescription)
            XCTAssertEqual(Array(Escape.html(s).utf8), EscapingTests.referenceHTML(s))
            XCTAssertEqual(Array(Escape.markdown(s).utf8), EscapingTests.referenceMarkdown(s))
        }
    }
}
