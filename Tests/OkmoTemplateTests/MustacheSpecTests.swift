import XCTest
import OkmoCore
@testable import OkmoTemplate

/// Every case of the official Mustache spec (`../shared/reference/mustache/specs`), optional
/// modules included (lambdas excepted: they need code, and contexts here are JSON).
final class MustacheSpecTests: XCTestCase {
    static let specDir: String = {
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/reference/mustache/specs").path
    }()

    static let modules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance", "~dynamic-names"]

    func testEverySpecCase() throws {
        guard FileReader.kind(MustacheSpecTests.specDir) == .directory else {
            throw XCTSkip("Mustache spec not found at \(MustacheSpecTests.specDir) (../shared/reference is absent in a user's clone; CI has it)")
        }
        var summary: [String] = []
        var total = 0, passed = 0
        for module in MustacheSpecTests.modules {
            let doc = try JSONParser.parse(try FileReader.read(MustacheSpecTests.specDir + "/" + module + ".json"))
            var ok = 0, n = 0
            for t in doc["tests"]?.arrayValue ?? [] {
                n += 1
                let name = t["name"]?.stringValue ?? "?"
                var partials: [String: String] = [:]
                for (k, v) in t["partials"]?.objectValue ?? [:] { partials[k] = v.stringValue ?? "" }
                do {
                    let tpl = try Template(source: t["template"]?.stringValue ?? "", name: "template.mustache")
                    let out = try tpl.render(t["data"] ?? .null, partials: .memory(partials)).text
                    if out == t["expected"]?.stringValue { ok += 1 } else {
                        XCTFail("\(module): \(name): got \(out.debugDescription), want \((t["expected"]?.stringValue ?? "").debugDescription)")
                    }
                } catch {
                    XCTFail("\(module): \(name): \(error)")
                }
            }
            summary.append("\(module) \(ok)/\(n)")
            total += n; passed += ok
        }
        print("Mustache spec: " + summary.joined(separator: ", ") + " — \(passed)/\(total)")
        XCTAssertEqual(passed, total)
        XCTAssertEqual(total, 184, "the spec suite changed size; update this test")
    }
}

final class TemplateErrorTests: XCTestCase {
    func error(_ source: String, name: String = "templates/report.html.mustache") -> TemplateError? {
        do { _ = try Template(source: source, name: name); return nil } catch { return error }
    }

    func testUnclosedSectionNamesWhereItOpened() {
        let e = error("<h1>{{title}}</h1>\n<ul>\n    {{#regions}}\n<li>{{name}}</li>\n")!
        XCTAssertEqual(e.kind, .unclosedSection(name: "regions"))
        XCTAssertEqual(e.location, SourceLocation(file: "templates/report.html.mustache", line: 3, column: 5))
        XCTAssertTrue(e.message.contains("unclosed section 'regions' opened at templates/report.html.mustache:3:5"), e.message)
    }

    func testMismatchedClose() {
        let e = error("{{#a}}\n{{#b}}\n{{/a}}\n")!
        guard case .mismatchedClose(let expected, let found, let opened) = e.kind else { return XCTFail("\(e)") }
        XCTAssertEqual(expected, "b"); XCTAssertEqual(found, "a"); XCTAssertEqual(opened.line, 2)
        XCTAssertEqual(e.location.line, 3)
    }

    func testCloseWithoutOpen() {
        let e = error("x\n  {{/people}}")!
        XCTAssertEqual(e.kind, .unexpectedClose(name: "people"))
        XCTAssertEqual(e.location.line, 2); XCTAssertEqual(e.location.column, 3)
    }

    func testUnclosedTagAndTriple() {
        XCTAssertEqual(error("Привет, {{name")?.kind, .unclosedTag)
        XCTAssertEqual(error("Привет, {{name")?.location.column, 9)
        XCTAssertEqual(error("{{{raw}}")?.kind, .unclosedTag)
    }

    func testBadDelimitersAndEmptyName() {
        XCTAssertEqual(error("{{=<% =}}")?.kind, .badDelimiters)
        XCTAssertEqual(error("{{ }}")?.kind, .emptyTagName)
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let src = String(repeating: "{{#a}}", count: 10_000) + String(repeating: "{{/a}}", count: 10_000)
        guard case .nestingTooDeep? = error(src)?.kind else { return XCTFail("10,000 nested sections must be refused") }
    }

    func testPartialThatIncludesItself() throws {
        let t = try Template(source: "{{>self}}", name: "t.mustache")
        XCTAssertThrowsError(try t.render(.object([:]), partials: .memory(["self": "x{{>self}}"]))) { e in
            guard case .recursionTooDeep? = (e as? TemplateError)?.kind else { return XCTFail("\(e)") }
        }
    }

    func testPartialNamesCannotLeaveTheFolder() throws {
        for name in ["../../etc/passwd", "/etc/passwd", "a/../../b", "..", "~root"] {
            let t = try Template(source: "{{>\(name)}}", name: "t.mustache")
            XCTAssertThrowsError(try t.render(.object([:]), partials: .folder("/tmp"))) { e in
                guard case .partialOutsideFolder? = (e as? TemplateError)?.kind else { return XCTFail("\(name): \(e)") }
            }
        }
    }

    func testMissingPartialRendersEmptyWithAWarning() throws {
        let t = try Template(source: "a\n{{> chart}}\nb", name: "templates/report.md.mustache")
        let r = try t.render(.object([:]), partials: .folder("templates"))
        XCTAssertEqual(r.text, "a\nb")
        XCTAssertEqual(r.warnings.first?.message, "partial 'chart' not found in templates/")
        XCTAssertEqual(r.warnings.first?.location.line, 2)
    }

    func testStrictReportsMissingVariablesWithTheirPlace() throws {
        let t = try Template(source: "Hello\n  {{nmae}}", name: "t.mustache")
        XCTAssertTrue(try t.render(.object(["name": .string("x")])).warnings.isEmpty)
        let w = try t.render(.object(["name": .string("x")]), strict: true).warnings
        XCTAssertEqual(w.count, 1)
        XCTAssertEqual(w.first?.location, SourceLocation(file: "t.mustache", line: 2, column: 3))
    }
}

final class EscapingTests: XCTestCase {
    func testMarkdownEscapingKeepsATableRow() throws {
        let t = try Template(source: "| {{title}} | {{n}} |", name: "report.md.mustache")
        let out = try t.render(.object(["title": .string("a | b *c*"), "n": .int(3)]), escaping: Escaping.forTemplate(named: "report.md.mustache")).text
        XCTAssertEqual(out, "| a \\| b \\*c\\* | 3 |")
    }

    func testHTMLEscapingAndRawForms() throws {
        let t = try Template(source: "{{x}} {{{x}}} {{& x}}", name: "report.html.mustache")
        XCTAssertEqual(try t.render(.object(["x": .string("<script>")])).text, "&lt;script&gt; <script> <script>")
    }

    func testEscapingChosenByFileName() {
        XCTAssertEqual(Escaping.forTemplate(named: "templates/report.md.mustache"), .markdown)
        XCTAssertEqual(Escaping.forTemplate(named: "templates/report.html.mustache"), .html)
        XCTAssertEqual(Escaping.forTemplate(named: "x.mustache"), .html)
    }

    func testParseOnceRenderMany() throws {
        let t = try Template(source: "{{#items}}{{.}},{{/items}}", name: "t")
        for n in 0..<3 {
            XCTAssertEqual(try t.render(.object(["items": .array((0..<n).map { .int($0) })])).text, (0..<n).map { "\($0)," }.joined())
        }
    }
}

final class InheritanceWarningTests: XCTestCase {
    func testAWarningInAnOverriddenBlockPointsAtTheTemplateThatWroteIt() throws {
        let layout = "<h1>{{title}}</h1>\n{{$body}}{{/body}}\n"
        let child = try Template(source: "{{<layout}}\n{{$body}}\nHello {{nmae}}\n{{/body}}\n{{/layout}}\n", name: "report.html.mustache")
        let r = try child.render(.object(["title": .string("T")]), partials: .memory(["layout": layout]), strict: true)
        XCTAssertEqual(r.text, "<h1>T</h1>\nHello \n\n", "the layout line keeps its line end, as the spec's standalone block does")
        XCTAssertEqual(r.warnings.map(\.location), [SourceLocation(file: "report.html.mustache", line: 3, column: 7)])
    }
}
