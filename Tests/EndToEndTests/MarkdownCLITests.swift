import XCTest
import Foundation
import OkmoCore

/// The CommonMark examples through `okmo-report markdown` (stdin and file), as
/// ../shared/tools/commonmark_spec.py drives them: the same count as in-process.
final class MarkdownCLITests: XCTestCase {
    func testSpecThroughTheBinary() throws {
        let path = URL(fileURLWithPath: CLITests.root).deletingLastPathComponent().appendingPathComponent("shared/reference/commonmark/spec.json").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("CommonMark spec not found at \(path) (../shared/reference is absent in a user's clone; CI has it)")
        }
        let examples = try JSONParser.parse(Array(FileManager.default.contents(atPath: path)!)).arrayValue!
        var passed = 0
        for e in examples {
            let r = CLIRunner.run(["markdown"], stdin: Data((e["markdown"]?.stringValue ?? "").utf8))
            if r.code == 0 && r.out == e["html"]?.stringValue { passed += 1 }
        }
        print("CommonMark spec through okmo-report markdown: \(passed)/\(examples.count)")
        XCTAssertGreaterThanOrEqual(passed, 652)
    }

    func testFileSafeAndMissing() throws {
        let tmp = CLIRunner.makeTemp()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try Data("# Доклад\n\n<i>x</i> [y](javascript:z)\n".utf8).write(to: URL(fileURLWithPath: tmp + "/c.md"))
        XCTAssertEqual(CLIRunner.run(["markdown", tmp + "/c.md"]).out, "<h1>Доклад</h1>\n<p><i>x</i> <a href=\"javascript:z\">y</a></p>\n")
        XCTAssertEqual(CLIRunner.run(["markdown", "--safe", tmp + "/c.md"]).out, "<h1>Доклад</h1>\n<p>&lt;i&gt;x&lt;/i&gt; <a href=\"\">y</a></p>\n")
        XCTAssertEqual(CLIRunner.run(["markdown", tmp + "/none.md"]).code, 66)
    }
}
