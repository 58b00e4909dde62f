import XCTest
import Foundation
import OkmoCore

/// Runs the built `okmo-report` as a user or a CI job would, and checks stdout, stderr, exit
/// codes and the files it writes.
final class CLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static var binary: String {
        // OKMO_BIN: the binary under test (CI points it at the AddressSanitizer build).
        if let b = ProcessInfo.processInfo.environment["OKMO_BIN"], FileManager.default.isExecutableFile(atPath: b) { return b }
        return product("okmo-report")
    }

    /// A built executable of the package: the debug build `swift test` makes, else the release one.
    static func product(_ name: String) -> String {
        for p in [".build/debug/" + name, ".build/release/" + name] where FileManager.default.isExecutableFile(atPath: root + "/" + p) {
            return root + "/" + p
        }
        return root + "/.build/debug/" + name
    }
    var tmp: String!

    override func setUp() {
        tmp = NSTemporaryDirectory() + "okmo-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    typealias Run = CLIRunner.Run

    @discardableResult
    func run(_ args: [String], env: [String: String] = [:], cwd: String? = nil, stdin: Data? = nil) -> Run {
        CLIRunner.run(args, env: env, cwd: cwd, stdin: stdin)
    }

    func seedFiles() -> [String] {
        (try! FileManager.default.contentsOfDirectory(atPath: CLITests.root + "/seeds")).filter { $0.hasSuffix(".txt") }.sorted().map { "seeds/" + $0 }
    }

    func read(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    // MARK: build

    func testBuildOfTheSeedsWritesThreeFiles() throws {
        let r = run(["build", "--input", "seeds", "--out", tmp + "/out"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix("5 files: 111 events, 17 meetings"), r.out)
        for f in ["report.md", "report.html", "records.json"] { XCTAssertTrue(FileManager.default.fileExists(atPath: tmp + "/out/" + f), f) }
        let json = try JSONParser.parse(Array(read(tmp + "/out/records.json")))
        XCTAssertEqual(json["schema"], .string("okmo-report/records@1"))
        let e = json["events"]!.arrayValue![0]
        XCTAssertEqual(Set(e.objectValue!.keys), ["id", "source", "title", "location", "municipality", "municipalityType", "region", "federalDistrict", "start", "end", "kind", "topics"])
        let m = json["meetings"]!.arrayValue![0]
        XCTAssertEqual(Set(m.objectValue!.keys), ["id", "source", "url", "language", "title", "start", "end", "place", "regions", "participants", "organizations", "figures", "topics"])
        XCTAssertEqual(Set(m["source"]!.objectValue!.keys), ["file", "line", "endLine"])
    }

    func testSameInputsSameBytes() {
        let files = seedFiles()
        var a: [String] = [], b: [String] = []
        for f in files { a += ["--input", f] }
        for f in files.reversed() { b += ["--input", f] }
        XCTAssertEqual(run(["build", "--out", tmp + "/a"] + a, env: ["TZ": "UTC", "LANG": "C", "LC_ALL": "C"]).code, 0)
        XCTAssertEqual(run(["build", "--out", tmp + "/b"] + b, env: ["TZ": "Asia/Vladivostok", "LANG": "ru_RU.UTF-8", "LC_ALL": "ru_RU.UTF-8"]).code, 0)
        for f in ["report.md", "report.html", "records.json"] {
            XCTAssertEqual(read(tmp + "/a/" + f), read(tmp + "/b/" + f), f)
        }
        // Twice in a row, the same bytes too (no clock, no hash seed in any output).
        XCTAssertEqual(run(["build", "--out", tmp + "/c"] + a).code, 0)
        XCTAssertEqual(read(tmp + "/a/records.json"), read(tmp + "/c/records.json"))
        XCTAssertEqual(read(tmp + "/a/report.html"), read(tmp + "/c/report.html"))
    }

    func testAFailedBuildLeavesThePreviousReport() throws {
        XCTAssertEqual(run(["build", "--input", "seeds", "--out", tmp + "/out"]).code, 0)
        let before = ["report.md", "report.html", "records.json"].map { read(tmp + "/out/" + $0) }
        let attrs = try FileManager.default.attributesOfItem(atPath: tmp + "/out/report.md")
        // A broken template: an unclosed section.
        try FileManager.default.copyItem(atPath: CLITests.root + "/templates", toPath: tmp + "/templates")
        let html = tmp + "/templates/report.html.mustache"
        try (String(contentsOfFile: html, encoding: .utf8) + "\n{{#broken}}\n").write(toFile: html, atomically: true, encoding: .utf8)
        let r = run(["build", "--input", "seeds", "--out", tmp + "/out", "--templates", tmp + "/templates"])
        XCTAssertEqual(r.code, 65, r.err)
        XCTAssertTrue(r.err.contains("report.html.mustache:"), r.err)
        XCTAssertTrue(r.err.contains("unclosed section 'broken'"), r.err)
        XCTAssertEqual(["report.md", "report.html", "records.json"].map { read(tmp + "/out/" + $0) }, before)
        let after = try FileManager.default.attributesOfItem(atPath: tmp + "/out/report.md")
        XCTAssertEqual(attrs[.modificationDate] as? Date, after[.modificationDate] as? Date)
        XCTAssertEqual((try FileManager.default.contentsOfDirectory(atPath: tmp + "/out")).sorted(), ["records.json", "report.html", "report.md"], "no temporary files left")
    }

    // MARK: inputs

    func events(_ r: Run) throws -> [JSONValue] {
        let j = try JSONParser.parse(Array(r.outBytes))
        func strip(_ v: JSONValue) -> JSONValue {
            guard case .object(var o) = v else { return v }
            if case .object(var s)? = o["source"] { s["file"] = nil; o["source"] = .object(s) }
            return .object(o)
        }
        return (j["events"]!.arrayValue! + j["meetings"]!.arrayValue!).map(strip)
    }

    /// `check` prints each file's diagnostics as the file is merged (`Pipeline.stream`'s
    /// `fileDiagnostics`); what it prints is still the whole run's diagnostics in output
    /// order, as `parse` lists them. The second listing repeats the first's entry on its
    /// first lines and has a line skipped below: the merge's warning (line 1) is made after
    /// the parse's (line 4), and is printed before it.
    func testCheckPrintsTheDiagnosticsOfAllFilesInOutputOrder() throws {
        let entry = "Quiz \"Budget day\"\nPenza city, Penza Oblast\nFrom 01/10/2020 to 01/10/2020\n"
        try Data(entry.utf8).write(to: URL(fileURLWithPath: tmp + "/a.txt"))
        try Data((entry + "1234\nLecture \"Water\"\nTula city, Tula Oblast\nFrom 02/10/2020 to 02/10/2020\n").utf8).write(to: URL(fileURLWithPath: tmp + "/b.txt"))
        let parsed = run(["parse", "seeds", tmp])
        let j = try JSONParser.parse(Array(parsed.outBytes))
        let expected = j["diagnostics"]!.arrayValue!.map { d -> String in
            "\(d["file"]!.stringValue!):\(d["line"]!.intValue!):\(d["column"]!.intValue!): \(d["severity"]!.stringValue!): \(d["message"]!.stringValue!) [\(d["code"]!.stringValue!)]"
        }
        let b = expected.filter { $0.hasPrefix(tmp + "/b.txt:") }
        XCTAssertTrue(b.count >= 2 && b[0].hasPrefix(tmp + "/b.txt:1:") && b[0].contains("event-duplicate"), b.joined(separator: "\n"))
        let checked = run(["check", "--input", "seeds", "--input", tmp])
        XCTAssertEqual(checked.err.split(separator: "\n").map(String.init), expected)
    }

    func testCP1251BOMAndCRLFCopiesGiveTheSameRecords() throws {
        for seed in ["seeds/000_ac0dc2e505284f69.txt", "seeds/001_52d1e74b23f989c1.txt"] {
            let text = try String(contentsOfFile: CLITests.root + "/" + seed, encoding: .utf8)
            let original = try events(run(["parse", seed]))
            XCTAssertFalse(original.isEmpty)
            let variants: [(String, Data)] = [
                ("cp1251.txt", text.data(using: .windowsCP1251, allowLossyConversion: true)!),
                ("bom.txt", Data([0xEF, 0xBB, 0xBF]) + text.data(using: .utf8)!),
                ("crlf.txt", text.replacingOccurrences(of: "\n", with: "\r\n").data(using: .utf8)!),
            ]
            for (name, data) in variants {
                let path = tmp + "/" + name
                try data.write(to: URL(fileURLWithPath: path))
                let r = run(["parse", path])
                XCTAssertEqual(r.code, 0, "\(seed) \(name): \(r.err)")
                if name == "cp1251.txt" && seed.contains("001") {
                    XCTAssertTrue(r.out.contains("\"input-encoding\""), "a Windows-1251 file is read with a warning")
                }
                XCTAssertEqual(try events(r), original, "\(seed) as \(name)")
            }
        }
    }

    func testABinaryFileIsAnErrorAndTheOtherInputsAreStillRead() throws {
        let bin = tmp + "/scan.txt"
        try Data([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xFF]).write(to: URL(fileURLWithPath: bin))
        let r = run(["parse", bin, "seeds/000_ac0dc2e505284f69.txt"])
        XCTAssertEqual(r.code, 65)
        let j = try JSONParser.parse(Array(r.outBytes))
        XCTAssertEqual(j["events"]?.arrayValue?.count, 111)
        let d = j["diagnostics"]!.arrayValue!.first { $0["code"] == .string("input-binary") }
        XCTAssertEqual(d?["severity"], .string("error"))
        XCTAssertEqual(d?["file"], .string(bin))
        let c = run(["check", "--input", bin, "--input", "seeds"])
        XCTAssertEqual(c.code, 65)
        XCTAssertTrue(c.err.contains("\(bin):1:1: error:"), c.err)
        XCTAssertTrue(c.out.contains("111 events"), c.out)
        let b = run(["build", "--input", bin, "--input", "seeds", "--out", tmp + "/out"])
        XCTAssertEqual(b.code, 65)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp + "/out/report.md"))
    }

    // MARK: the command line

    func testHelpTyposAndMissingInputs() {
        let h = run(["build", "--help"])
        XCTAssertEqual(h.code, 0)
        XCTAssertTrue(h.out.contains("Usage: okmo-report build"), h.out)
        XCTAssertTrue(h.out.contains("--year YYYY"), h.out)
        XCTAssertEqual(run(["help", "parse"]).code, 0)
        XCTAssertEqual(run(["--version"]).out, "okmo-report 0.1.0\n")
        let typo = run(["build", "--yaer", "2020"])
        XCTAssertEqual(typo.code, 64)
        XCTAssertTrue(typo.err.contains("unknown option '--yaer'; did you mean '--year'?"), typo.err)
        let eq = run(["build", "--lang=de"])
        XCTAssertEqual(eq.code, 64)
        XCTAssertTrue(eq.err.contains("takes one of ru, en"), eq.err)
        let cmd = run(["biuld"])
        XCTAssertEqual(cmd.code, 64)
        XCTAssertTrue(cmd.err.contains("did you mean 'build'?"), cmd.err)
        let missing = run(["build", "--input", "no/such/file.txt", "--out", tmp + "/out"])
        XCTAssertEqual(missing.code, 66)
        XCTAssertTrue(missing.err.contains("'no/such/file.txt' does not exist"), missing.err)
        XCTAssertEqual(run(["parse", "no/such/file.txt"]).code, 66)
        XCTAssertEqual(run([]).code, 64)
    }

    func testDiagnosticFormatsAndStrict() throws {
        let t = run(["check", "--input", "seeds", "--diagnostics", "text"])
        XCTAssertEqual(t.code, 1, "check fails on warnings, as build --strict does")
        XCTAssertTrue(t.err.contains("seeds/000_ac0dc2e505284f69.txt:105:1: warning: entry has no date line [listing-no-date]"), t.err)
        let j = run(["check", "--input", "seeds", "--diagnostics", "json"])
        let first = try JSONParser.parse(String(j.err.split(separator: "\n")[0]))
        XCTAssertEqual(Set(first.objectValue!.keys), ["file", "line", "column", "severity", "code", "message"])
        let g = run(["check", "--input", "seeds", "--diagnostics", "github"])
        XCTAssertTrue(g.err.contains("::warning file=seeds/000_ac0dc2e505284f69.txt,line=105,col=1::entry has no date line"), g.err)
        XCTAssertEqual(run(["build", "--input", "seeds", "--out", tmp + "/o", "--strict"]).code, 1)
        XCTAssertEqual(run(["build", "--input", "seeds/002_c7699a6aed5e1bdb.txt", "--out", tmp + "/o2", "--strict"]).code, 0)
    }

    func testChaptersQuoteLiveFiguresAndBrokenOnesStopTheBuild() throws {
        let ch = tmp + "/chapters"
        try FileManager.default.createDirectory(atPath: ch, withIntermediateDirectories: true)
        try Data("## Итоги\n\nВ отчёт вошло {{events_phrase}}, *{{regions_covered}}* субъектов.\n".utf8).write(to: URL(fileURLWithPath: ch + "/a.md"))
        let r = run(["build", "--input", "seeds", "--out", tmp + "/out", "--chapters", ch])
        XCTAssertEqual(r.code, 0, r.err)
        let md = String(decoding: read(tmp + "/out/report.md"), as: UTF8.self)
        XCTAssertTrue(md.contains("В отчёт вошло 111\u{A0}мероприятий, *18* субъектов."), md)
        let html = String(decoding: read(tmp + "/out/report.html"), as: UTF8.self)
        XCTAssertTrue(html.contains("<h2>Итоги</h2>\n<p>В отчёт вошло 111\u{A0}мероприятий, <em>18</em> субъектов.</p>"), html)
        XCTAssertTrue(html.contains("<li><a href=\"#chapter-1\">Итоги</a></li>"))
        try Data("## Итоги\n\n{{#events}}\n".utf8).write(to: URL(fileURLWithPath: ch + "/b.md"))
        let bad = run(["build", "--input", "seeds", "--out", tmp + "/out", "--chapters", ch])
        XCTAssertEqual(bad.code, 65)
        XCTAssertTrue(bad.err.contains(ch + "/b.md:3:1: error: unclosed section 'events'"), bad.err)
        XCTAssertEqual(run(["build", "--input", "seeds", "--out", tmp + "/o2", "--chapters", tmp + "/nope"]).code, 66)
    }

    func testInputTextIsAlwaysEscaped() throws {
        let listing = "Round table \"<script>alert(1)</script> | *bold* _x_ [l](javascript:y)\"\nPenza city\nFrom 01/10/2020 to 01/10/2020\n"
        try Data(listing.utf8).write(to: URL(fileURLWithPath: tmp + "/l.txt"))
        XCTAssertEqual(run(["build", "--input", tmp + "/l.txt", "--out", tmp + "/out"]).code, 0)
        let html = String(decoding: read(tmp + "/out/report.html"), as: UTF8.self)
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | *bold* _x_ [l](javascript:y)"), html)
        let md = String(decoding: read(tmp + "/out/report.md"), as: UTF8.self)
        XCTAssertTrue(md.contains("\\<script\\>alert(1)\\</script\\> \\| \\*bold\\* \\_x\\_ \\[l\\](javascript:y)"), md)
        // The appendix row stays one table row of seven cells.
        let row = md.split(separator: "\n").first { $0.contains("alert(1)") }!
        XCTAssertEqual(row.filter { $0 == "|" }.count - row.components(separatedBy: "\\|").count + 1, 8)
    }

    func testUnwritableOutput() throws {
        FileManager.default.createFile(atPath: tmp + "/afile", contents: Data("x".utf8))
        let r = run(["build", "--input", "seeds", "--out", tmp + "/afile"])
        XCTAssertEqual(r.code, 73, r.err)
        XCTAssertTrue(r.err.contains("not a folder"), r.err)
    }

    func testInstalledLayoutFindsDataFromAnyFolder() throws {
        let prefix = tmp + "/prefix"
        try FileManager.default.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: prefix + "/share/okmo-report", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLITests.binary, toPath: prefix + "/bin/okmo-report")
        try FileManager.default.copyItem(atPath: CLITests.root + "/data", toPath: prefix + "/share/okmo-report/data")
        try FileManager.default.copyItem(atPath: CLITests.root + "/templates", toPath: prefix + "/share/okmo-report/templates")
        try FileManager.default.copyItem(atPath: CLITests.root + "/seeds", toPath: tmp + "/seeds")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: prefix + "/bin/okmo-report")
        p.arguments = ["build", "--input", "seeds", "--out", "report"]
        p.currentDirectoryURL = URL(fileURLWithPath: tmp)
        p.standardOutput = Pipe(); p.standardError = Pipe()
        try p.run(); p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tmp + "/report/report.html"))
    }

    // MARK: streaming build

    /// The report lists at most --list-limit records per list and says where the rest are;
    /// its figures and records.json still count every record.
    func testListLimitCutsListsNotFigures() throws {
        let full = run(["build", "--input", "seeds", "--out", tmp + "/full", "--lang", "en"])
        let cut = run(["build", "--input", "seeds", "--out", tmp + "/cut", "--lang", "en", "--list-limit", "3"])
        XCTAssertEqual(full.code, 0, full.err)
        XCTAssertEqual(cut.code, 0, cut.err)
        XCTAssertEqual(read(tmp + "/full/records.json"), read(tmp + "/cut/records.json"))
        let md = String(decoding: read(tmp + "/cut/report.md"), as: UTF8.self).replacing("\u{A0}", with: " ")
        XCTAssertTrue(md.contains("The first 3 of 111 events are shown; records.json lists them all"), md)
        XCTAssertTrue(md.contains("The first 3 of 17 meetings are shown"), md)
        XCTAssertEqual(md.components(separatedBy: "\n").filter { $0.hasPrefix("| ") && $0.hasSuffix(".txt:" + ($0.split(separator: ":").last ?? "")) }.count, 3,
                       "the appendix stops after three rows")
        let fullMD = String(decoding: read(tmp + "/full/report.md"), as: UTF8.self).replacing("\u{A0}", with: " ")
        XCTAssertFalse(fullMD.contains("are shown;"), "nothing is cut below the default limit")
        let summary = { (s: String) in s.components(separatedBy: "\n").filter { $0.hasPrefix("| ") && $0.hasSuffix(" records |") } }
        XCTAssertEqual(summary(md), summary(fullMD), "the key figures rest on every record")
        XCTAssertEqual(run(["build", "--input", "seeds", "--out", tmp + "/x", "--list-limit", "-1"]).code, 64)
    }

    /// Files parsed in parallel give the same bytes as one at a time.
    func testParallelParseGivesTheSameBytes() {
        XCTAssertEqual(run(["build", "--input", "seeds", "--out", tmp + "/one"], env: ["OKMO_JOBS": "1"]).code, 0)
        XCTAssertEqual(run(["build", "--input", "seeds", "--out", tmp + "/many"], env: ["OKMO_JOBS": "4"]).code, 0)
        for f in ["records.json", "report.md", "report.html"] { XCTAssertEqual(read(tmp + "/one/" + f), read(tmp + "/many/" + f), f) }
    }

    /// A build stopped by bad data removes its spool files, and the output folder it created.
    func testStoppedBuildLeavesNoSpool() throws {
        let bad = tmp + "/in"
        try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: true)
        try Data([0x00, 0xFF, 0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: bad + "/junk.txt"))
        try "Round table\nPenza city\nFrom 01/02/2020 to 01/02/2020\n".write(toFile: bad + "/ok.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(run(["build", "--input", bad, "--out", tmp + "/new"]).code, 65)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp + "/new"), "the folder the build made is gone")
        try FileManager.default.createDirectory(atPath: tmp + "/old", withIntermediateDirectories: true)
        try "previous".write(toFile: tmp + "/old/records.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(run(["build", "--input", bad, "--out", tmp + "/old"]).code, 65)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp + "/old"), ["records.json"], "no spool left behind")
        XCTAssertEqual(String(decoding: read(tmp + "/old/records.json"), as: UTF8.self), "previous")
    }
}
