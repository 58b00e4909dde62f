import XCTest
import OkmoCore

/// The byte writer the commands print diagnostics with must print what `render` says, in every
/// format: scripts and CI filters read these lines.
final class DiagnosticFormatTests: XCTestCase {
    func testLineBytesAreTheRenderedLine() {
        let ds = [
            Diagnostic(.warning, "listing-no-date", "entry has no date line", at: SourceLocation(file: "seeds/000_a.txt", line: 9983)),
            Diagnostic(.note, "place-fuzzy", "'Пенза' read as Penza Oblast (a close spelling)", at: SourceLocation(file: "папка/файл.txt", line: 1, column: 12)),
            Diagnostic(.error, "input-unreadable", "100% binary: a, b\r\nc", at: SourceLocation(file: "a:b,c.txt", line: 0, column: 0)),
            Diagnostic(.warning, "x", "", at: SourceLocation(file: "", line: 1_234_567_890, column: 10)),
        ]
        for format in DiagnosticFormat.allCases {
            var all: [UInt8] = []
            var expected = ""
            for d in ds {
                var one: [UInt8] = []
                format.render(d, line: &one)
                XCTAssertEqual(String(decoding: one, as: UTF8.self), format.render(d) + "\n", "\(format) \(d)")
                format.render(d, line: &all)
                expected += format.render(d) + "\n"
            }
            XCTAssertEqual(String(decoding: all, as: UTF8.self), expected)
        }
    }
}
