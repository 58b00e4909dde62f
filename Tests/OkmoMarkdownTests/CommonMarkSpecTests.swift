import XCTest
import Foundation
import OkmoCore
@testable import OkmoMarkdown

/// Every example of the CommonMark spec (`../shared/reference/commonmark/spec.json`), HTML
/// normalised as the spec's own runner does, counted per section. The count may never drop
/// below the recorded figure.
final class CommonMarkSpecTests: XCTestCase {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/reference").path
    /// The recorded figure: raise it when more pass, never lower it.
    static let recordedPassing = 652

    /// Whitespace between block tags folded and runs of whitespace in text collapsed outside
    /// <pre>: the same loose comparison as the spec's normalize.py.
    static func normalize(_ html: String) -> String {
        var out = ""
        var inPre = false
        var i = html.startIndex
        var pendingSpace = false
        while i < html.endIndex {
            let c = html[i]
            if c == "<" {
                let close = html[i...].firstIndex(of: ">") ?? html.endIndex
                let tag = String(html[i..<(close == html.endIndex ? close : html.index(after: close))])
                let lower = tag.lowercased()
                if lower.hasPrefix("<pre") { inPre = true }
                if lower.hasPrefix("</pre") { inPre = false }
                let blockTag = ["p", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "table", "thead", "tbody", "tr", "th", "td", "div"]
                    .contains { lower.hasPrefix("<" + $0) || lower.hasPrefix("</" + $0) }
                if blockTag {
                    while out.last == " " { out.removeLast() }
                    pendingSpace = false
                } else if pendingSpace { out.append(" "); pendingSpace = false }
                out += tag
                if blockTag { while i < html.endIndex, html[i] != ">" { i = html.index(after: i) } ; if i < html.endIndex { i = html.index(after: i) }
                    while i < html.endIndex, html[i].isWhitespace && !inPre { i = html.index(after: i) }
                    continue }
                i = close == html.endIndex ? close : html.index(after: close)
                continue
            }
            if !inPre && c.isWhitespace { pendingSpace = true; i = html.index(after: i); continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(c)
            i = html.index(after: i)
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    func testEveryExample() throws {
        let path = CommonMarkSpecTests.shared + "/commonmark/spec.json"
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("CommonMark spec not found at \(path) (../shared/reference is absent in a user's clone; CI has it)")
        }
        let examples = try JSONParser.parse(Array(FileManager.default.contents(atPath: path)!)).arrayValue!
        var bySection: [(String, Int, Int)] = []
        var passed = 0
        var failures: [String] = []
        for e in examples {
            let section = e["section"]?.stringValue ?? "?"
            let got = MarkdownRenderer.html(from: e["markdown"]?.stringValue ?? "")
            let ok = got == e["html"]?.stringValue || CommonMarkSpecTests.normalize(got) == CommonMarkSpecTests.normalize(e["html"]?.stringValue ?? "")
            if bySection.last?.0 != section { bySection.append((section, 0, 0)) }
            bySection[bySection.count - 1].2 += 1
            if ok { passed += 1; bySection[bySection.count - 1].1 += 1 } else { failures.append("example \(e["example"]?.intValue ?? 0) (\(section))") }
        }
        for (s, ok, n) in bySection { print("CommonMark section \"\(s)\": \(ok) of \(n) pass, \(n - ok) fail") }
        print("CommonMark spec: \(passed)/\(examples.count)")
        XCTAssertEqual(examples.count, 652)
        XCTAssertGreaterThanOrEqual(passed, CommonMarkSpecTests.recordedPassing, "failing: \(failures.prefix(20))")
    }

    func testGFMTableExamples() throws {
        let path = CommonMarkSpecTests.shared + "/gfm/gfm_extension_examples.json"
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("GFM examples not found at \(path) (../shared/reference is absent in a user's clone; CI has it)")
        }
        let examples = try JSONParser.parse(Array(FileManager.default.contents(atPath: path)!)).arrayValue!.filter { $0["extension"]?.stringValue == "table" }
        XCTAssertEqual(examples.count, 8)
        for e in examples {
            XCTAssertEqual(MarkdownRenderer.html(from: e["markdown"]!.stringValue!), e["html"]!.stringValue!, "GFM example \(e["example"]?.intValue ?? 0)")
        }
    }
}

final class MarkdownSafetyTests: XCTestCase {
    func testSafeModeEscapesRawHTMLAndDropsDangerousLinks() {
        let md = "<script>alert(1)</script>\n\nHi <b onclick=x>there</b> [a](javascript:alert(1)) [b](data:text/html,x) ![c](data:image/png;base64,AA) [d](https://okmo.ru)\n"
        let safe = MarkdownRenderer.html(from: md, options: .safe)
        XCTAssertFalse(safe.contains("<script>"))
        XCTAssertTrue(safe.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(safe.contains("&lt;b onclick=x&gt;"))
        XCTAssertTrue(safe.contains("<a href=\"\">a</a>"))
        XCTAssertTrue(safe.contains("<a href=\"\">b</a>"))
        XCTAssertTrue(safe.contains("<img src=\"data:image/png;base64,AA\""))
        XCTAssertTrue(safe.contains("<a href=\"https://okmo.ru\">d</a>"))
        let standard = MarkdownRenderer.html(from: md)
        XCTAssertTrue(standard.contains("<script>alert(1)</script>"))
    }

    /// The spec's pathological shapes: each must finish (the suite would hang otherwise) and
    /// must not overflow the stack, whatever its depth. Speed is measured by `make bench`.
    func testPathologicalInputsFinish() {
        let cases = [
            String(repeating: "[", count: 50_000) + "a" + String(repeating: "]", count: 50_000),
            String(repeating: "> ", count: 50_000) + "a",
            String(repeating: "*", count: 100_000),
            String(repeating: "*a ", count: 50_000),
            String(repeating: "a* ", count: 50_000),
            String(repeating: "_a*b ", count: 20_000),
            String(repeating: "[a ", count: 50_000),
            String(repeating: "*a **a ", count: 10_000) + "b" + String(repeating: " a** a*", count: 10_000),
            String(repeating: "[a](<b", count: 20_000),
            String(repeating: "a\u{0}", count: 1000),
        ]
        for c in cases { XCTAssertFalse(MarkdownRenderer.html(from: c).isEmpty) }
        XCTAssertEqual(MarkdownRenderer.html(from: "a\u{0}b"), "<p>a\u{FFFD}b</p>\n")
    }
}
