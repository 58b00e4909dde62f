import XCTest
import Foundation

/// Hostile inputs, generated in code: every run ends with one of the contract's exit codes and a
/// message naming the file, never a signal, a hang or a file written outside --out.
final class HostileInputTests: XCTestCase {
    var tmp: String!
    override func setUp() { tmp = CLIRunner.makeTemp() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    static let allowed: Set<Int32> = [0, 1, 65, 66, 73]

    func file(_ name: String, _ data: Data) -> String {
        let p = tmp + "/" + name
        try! data.write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Deterministic noise.
    func noise(_ n: Int, seed: UInt64) -> Data {
        var s = seed
        var d = Data(count: n)
        for i in 0..<n {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            d[i] = UInt8(truncatingIfNeeded: s >> 33)
        }
        return d
    }

    func expectClean(_ r: CLIRunner.Run, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(HostileInputTests.allowed.contains(r.code), "\(what): exit \(r.code)\n\(r.err.prefix(500))", file: file, line: line)
    }

    func testInputFiles() throws {
        var utf16 = Data([0xFF, 0xFE])
        for u in "Круглый стол \"Демократия\"\nPenza city\nFrom 01/10/2020 to 01/10/2020\n".utf16 { utf16.append(UInt8(u & 0xFF)); utf16.append(UInt8(u >> 8)) }
        let cases: [(String, Data, Int32, String?)] = [
            ("random.txt", noise(200_000, seed: 1), 65, "input-binary"),
            ("nul.txt", Data("Round table\n\u{0}\u{0}\nPenza city\n".utf8), 65, "input-binary"),
            ("invalid-utf8.txt", Data([0x52, 0x6F, 0x75, 0x6E, 0x64, 0xFF, 0xFE, 0xC0, 0x0A, 0xE2, 0x28, 0xA1, 0x0A]), 0, "input-encoding"),
            ("utf16.txt", utf16, 0, nil),
            ("blank-lines.txt", Data(repeating: 0x0A, count: 1_000_000), 0, "input-empty"),
            ("crlf-only.txt", Data(String(repeating: "\r\n", count: 10_000).utf8), 0, "input-empty"),
            ("dates.txt", Data("Quiz \"A\"\nPenza city\nFrom 99/99/9999 to 00/00/0000\nQuiz \"B\"\nPenza city\nFrom 29/02/2021 to 01/01/0001\n".utf8), 0, "date-impossible"),
            ("empty.txt", Data(), 0, "input-empty"),
            // U+02BC, a letter to Unicode, first in a word: the tokenizer once looped on it.
            ("modifier-apostrophe-notes.txt", Data("Встреча ʼx в Пензе 5 марта 2024 года.\nʼ\n".utf8), 0, nil),
            ("modifier-apostrophe-listing.txt", Data("Quiz ʼA\nʼPenza city\nFrom 01/10/2020 to 01/10/2020\n".utf8), 0, nil),
        ]
        for (name, data, code, diag) in cases {
            let p = file(name, data)
            let r = CLIRunner.run(["parse", p])
            expectClean(r, name)
            XCTAssertEqual(r.code, code, "\(name): \(r.err.prefix(300))")
            if let diag {
                XCTAssertTrue(r.out.contains("\"code\": \"\(diag)\""), "\(name) should report \(diag)")
                XCTAssertTrue(r.out.contains("\"file\": \"\(p)\""), "\(name): the diagnostic names the file")
            }
        }
        // UTF-16 decoded: the entry is read.
        let r = CLIRunner.run(["parse", tmp + "/utf16.txt"])
        XCTAssertTrue(r.out.contains("Круглый стол"), r.out.prefix(400).description)
    }

    func testHugeLinesAreReadInLinearTime() throws {
        // One 50 MB line of prose, and a listing whose title line is 50 MB.
        var words = Data()
        let chunk = Data("Совещание прошло 9 сентября 2021 года в Калуге, приняли участие 120 человек. ".utf8)
        while words.count < 50_000_000 { words.append(chunk) }
        let notes = file("huge-notes.txt", words + Data("\n".utf8))
        let r = CLIRunner.run(["check", "--input", notes])
        expectClean(r, "huge notes line")
        XCTAssertTrue(r.err.contains("\(notes):1:1: warning:"), r.err.prefix(300).description)
        let listing = file("huge-listing.txt", Data("Round table \"X\"\nPenza city\nFrom 01/10/2020 to 01/10/2020\n".utf8) + words + Data("\nPenza city\nFrom 01/10/2020 to 01/10/2020\n".utf8))
        let l = CLIRunner.run(["check", "--input", listing])
        expectClean(l, "huge listing line")
        XCTAssertTrue(l.err.contains("\(listing):4:1: warning:") && l.err.contains("line-too-long"), l.err.prefix(500).description)
    }

    func testTemplates() throws {
        let ctx = file("ctx.json", Data("{\"a\": {\"b\": 1}}".utf8))
        let cases: [(String, String, String)] = [
            ("nested.mustache", String(repeating: "{{#a}}", count: 10_000) + String(repeating: "{{/a}}", count: 10_000), "nested deeper than"),
            ("unclosed-tag.mustache", "<p>{{title</p>", "unclosed tag"),
            ("unclosed-section.mustache", "line\n{{#a}}\n", "unclosed section 'a'"),
            ("self.mustache", "x{{>self}}", "include itself"),
            ("escape.mustache", "{{> ../../etc/passwd}}", "points outside"),
            ("absolute.mustache", "{{>/etc/passwd}}", "points outside"),
            ("bad-delims.mustache", "{{=<% =}}", "set-delimiter"),
        ]
        for (name, src, msg) in cases {
            let p = file(name, Data(src.utf8))
            let r = CLIRunner.run(["render", p, "--context", ctx, "--partials", tmp])
            expectClean(r, name)
            XCTAssertEqual(r.code, 65, "\(name): \(r.err)")
            XCTAssertTrue(r.err.contains(p + ":") && r.err.contains(msg), "\(name): \(r.err.prefix(300))")
        }
        // A template the build uses: broken, the build stops and writes nothing.
        try FileManager.default.copyItem(atPath: CLITests.root + "/templates", toPath: tmp + "/t")
        try Data("{{> ../../../../etc/passwd}}".utf8).write(to: URL(fileURLWithPath: tmp + "/t/report.md.mustache"))
        let b = CLIRunner.run(["build", "--input", "seeds", "--out", tmp + "/out", "--templates", tmp + "/t"])
        XCTAssertEqual(b.code, 65, b.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp + "/out"))
    }

    func testUnreadableAndVanishingInputsAndBadOutputs() throws {
        try FileManager.default.createSymbolicLink(atPath: tmp + "/dangling.txt", withDestinationPath: tmp + "/nowhere")
        let d = CLIRunner.run(["parse", tmp + "/dangling.txt"])
        XCTAssertEqual(d.code, 66)
        XCTAssertTrue(d.err.contains("cannot read '\(tmp!)/dangling.txt': a symbolic link to nothing"), d.err)
        // A loop of links is no missing file either.
        try FileManager.default.createSymbolicLink(atPath: tmp + "/loop.txt", withDestinationPath: tmp + "/loop.txt")
        let l = CLIRunner.run(["parse", tmp + "/loop.txt"])
        XCTAssertEqual(l.code, 66)
        XCTAssertTrue(l.err.contains("cannot read '\(tmp!)/loop.txt': Too many levels of symbolic links"), l.err)
        let m = CLIRunner.run(["parse", tmp + "/absent.txt"])
        XCTAssertEqual(m.code, 66)
        XCTAssertTrue(m.err.contains("'\(tmp!)/absent.txt' does not exist"), m.err)
        // A named pipe is refused, never waited on.
        XCTAssertEqual(mkfifo(tmp + "/pipe.txt", 0o644), 0)
        XCTAssertEqual(CLIRunner.run(["parse", tmp + "/pipe.txt"]).code, 66)
        // --out where nothing can be created, and --out that is a file.
        let ro = CLIRunner.run(["build", "--input", "seeds", "--out", "/proc/okmo-report-out"])
        XCTAssertEqual(ro.code, 73, ro.err)
        XCTAssertTrue(ro.err.contains("/proc/okmo-report-out"), ro.err)
        _ = FileManager.default.createFile(atPath: tmp + "/f", contents: Data())
        XCTAssertEqual(CLIRunner.run(["build", "--input", "seeds", "--out", tmp + "/f/sub"]).code, 73)
    }

    /// A folder's pipe or broken link with an input's name is an input that can't be read, as
    /// when it is named on its own: an error naming it and exit 66, never a silent loss (it
    /// used to be left out of the folder's files) and never a wait on the pipe. The previous
    /// report stays.
    func testUnreadableEntriesOfAFolderAreReported() throws {
        let dir = tmp + "/in"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("Round table \"Local democracy\"\nPenza city\nFrom 01/10/2020 to 01/10/2020\n".utf8).write(to: URL(fileURLWithPath: dir + "/a.txt"))
        let out = tmp + "/out"
        XCTAssertEqual(CLIRunner.run(["build", "--input", dir, "--out", out]).code, 0)
        let before = FileManager.default.contents(atPath: out + "/records.json")
        try FileManager.default.createSymbolicLink(atPath: dir + "/gone.txt", withDestinationPath: tmp + "/nowhere")
        XCTAssertEqual(mkfifo(dir + "/pipe.md", 0o644), 0)
        // Neither a .txt nor a .md: not an input, so not reported.
        XCTAssertEqual(mkfifo(dir + "/other.fifo", 0o644), 0)
        let r = CLIRunner.run(["build", "--input", dir, "--out", out])
        XCTAssertEqual(r.code, 66, r.err)
        XCTAssertTrue(r.err.contains(dir + "/gone.txt:1:1: error: cannot read '\(dir)/gone.txt': a symbolic link to nothing [input-unreadable]"), r.err)
        XCTAssertTrue(r.err.contains(dir + "/pipe.md:1:1: error: '\(dir)/pipe.md' is not a regular file [input-unreadable]"), r.err)
        XCTAssertFalse(r.err.contains("other.fifo"), r.err)
        XCTAssertEqual(FileManager.default.contents(atPath: out + "/records.json"), before)
        let c = CLIRunner.run(["check", "--input", dir])
        XCTAssertEqual(c.code, 66, c.err)
        XCTAssertTrue(c.err.contains("gone.txt"), c.err)
    }

    func testNothingIsWrittenOutsideOut() throws {
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: tmp))
        XCTAssertEqual(CLIRunner.run(["build", "--input", CLITests.root + "/seeds", "--out", tmp + "/only-here"], cwd: tmp).code, 0)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: tmp))
        XCTAssertEqual(after.subtracting(before), ["only-here"])
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: tmp + "/only-here")), ["records.json", "report.md", "report.html"])
    }

    func testMalformedArgumentsNeverCrash() {
        for args in [["build", "--input"], ["build", "--year", "99999"], ["build", "--year=abc"], ["render"], ["render", "a", "b"],
                     ["diff"], ["parse"], ["markdown", "--safe", "--safe"], ["--inp"], ["build", "--", "--input"], [String(repeating: "x", count: 100_000)]] {
            let r = CLIRunner.run(args)
            XCTAssertTrue([0, 1, 2, 64, 65, 66].contains(r.code), "\(args.prefix(3)): exit \(r.code)")
            XCTAssertFalse(r.err.isEmpty && r.code != 0, "\(args.prefix(3)) says why")
        }
    }
}
