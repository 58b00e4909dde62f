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
            // The longest numbers, which the text form's size is worked out for.
            Diagnostic(.warning, "warning", "w", at: SourceLocation(file: "f", line: Int.min, column: Int.max)),
            Diagnostic(.note, "n", "", at: SourceLocation(file: "f", line: 9, column: 10)),
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

    /// A render in parts, joined, is the serial render, whatever the number of parts against the
    /// number of diagnostics (none, fewer than parts, not a multiple): a run lost, repeated or
    /// out of order would drop, repeat or reorder lines of a check's output.
    func testPartsJoinedAreTheSerialRender() {
        let all = (0..<23).map { i in
            Diagnostic(i % 3 == 0 ? .note : .warning, "code-\(i)", "message \(i) «\(i * 7)»", at: SourceLocation(file: "f\(i % 4).txt", line: i + 1, column: i % 5))
        }
        for format in DiagnosticFormat.allCases {
            for count in [0, 1, 2, 5, 23] {
                let ds = Array(all.prefix(count))
                var serial: [UInt8] = []
                for d in ds { format.render(d, line: &serial) }
                for parts in [-1, 0, 1, 2, 3, 4, 7, 30] {
                    let runs = format.render(ds, parts: parts)
                    XCTAssertEqual(runs.count, max(1, parts), "\(format), \(count) diagnostics, \(parts) parts")
                    XCTAssertEqual(String(decoding: runs.flatMap { $0 }, as: UTF8.self), String(decoding: serial, as: UTF8.self), "\(format), \(count) diagnostics, \(parts) parts")
                }
            }
        }
    }
}
