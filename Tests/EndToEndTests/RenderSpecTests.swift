import XCTest
import Foundation
import OkmoCore

/// The official Mustache spec driven from outside through `okmo-report render`, as
/// ../shared/tools/mustache_spec.py does: template, partials and context written to files.
final class RenderSpecTests: XCTestCase {
    func testSpecThroughTheBinary() throws {
        let specDir = URL(fileURLWithPath: CLITests.root).deletingLastPathComponent().appendingPathComponent("shared/reference/mustache/specs").path
        guard FileManager.default.fileExists(atPath: specDir) else {
            throw XCTSkip("Mustache spec not found at \(specDir) (../shared/reference is absent in a user's clone; CI has it)")
        }
        let tmp = CLIRunner.makeTemp()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        var lines: [String] = []
        var total = 0, passed = 0
        for module in ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance", "~dynamic-names"] {
            let doc = try JSONParser.parse(try FileReader.read(specDir + "/" + module + ".json"))
            var ok = 0, n = 0
            for (k, t) in (doc["tests"]?.arrayValue ?? []).enumerated() {
                n += 1
                let dir = tmp + "/\(module)-\(k)"
                try FileManager.default.createDirectory(atPath: dir + "/partials", withIntermediateDirectories: true)
                try Data((t["template"]?.stringValue ?? "").utf8).write(to: URL(fileURLWithPath: dir + "/template.mustache"))
                try Data(JSONWriter.compact(t["data"] ?? .null).utf8).write(to: URL(fileURLWithPath: dir + "/context.json"))
                for (name, body) in t["partials"]?.objectValue ?? [:] {
                    try Data((body.stringValue ?? "").utf8).write(to: URL(fileURLWithPath: dir + "/partials/" + name + ".mustache"))
                }
                let r = CLIRunner.run(["render", dir + "/template.mustache", "--context", dir + "/context.json", "--partials", dir + "/partials"])
                if r.code == 0 && r.out == t["expected"]?.stringValue { ok += 1 } else {
                    XCTFail("\(module): \(t["name"]?.stringValue ?? "?"): exit \(r.code), got \(r.out.debugDescription)")
                }
            }
            lines.append("\(module) \(ok)/\(n)")
            total += n; passed += ok
        }
        print("Mustache spec through okmo-report render: " + lines.joined(separator: ", ") + " — \(passed)/\(total)")
        XCTAssertEqual(passed, total)
    }

    func testRenderErrorsHaveTheirPlace() throws {
        let tmp = CLIRunner.makeTemp()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let t = tmp + "/report.html.mustache"
        try Data("<ul>\n{{#regions}}\n<li>{{name}}</li>\n".utf8).write(to: URL(fileURLWithPath: t))
        let r = CLIRunner.run(["render", t])
        XCTAssertEqual(r.code, 65)
        XCTAssertTrue(r.err.contains("\(t):2:1: error: unclosed section 'regions' opened at \(t):2:1"), r.err)
        let p = tmp + "/p.mustache"
        try Data("{{> chart}}".utf8).write(to: URL(fileURLWithPath: p))
        let m = CLIRunner.run(["render", p])
        XCTAssertEqual(m.code, 0)
        XCTAssertTrue(m.err.contains("partial 'chart' not found in \(tmp)/"), m.err)
        let c = tmp + "/ctx.json"
        try Data("{\"a\": [1,}".utf8).write(to: URL(fileURLWithPath: c))
        XCTAssertEqual(CLIRunner.run(["render", p, "--context", c]).code, 65)
    }
}
