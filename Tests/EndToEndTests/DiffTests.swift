import XCTest
import Foundation

/// `okmo-report diff` on crafted pairs of inputs: each change gives exactly the expected report.
final class DiffTests: XCTestCase {
    var tmp: String!
    override func setUp() { tmp = CLIRunner.makeTemp() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    static let base = """
    Round table "Local democracy"
    Penza city
    From 01/10/2020 to 01/10/2020
    Quiz "Building trust"
    Tula city
    From 02/10/2020 to 02/10/2020
    Lesson "Local self-government"
    Orenburg city
    From 03/10/2020 to 03/10/2020

    """

    /// Writes `files` into a folder named `name`, builds records.json from it, returns its path.
    func records(_ name: String, _ files: [String: Data], data: String? = nil) -> String {
        let dir = tmp + "/" + name
        try! FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        for (f, d) in files { try! d.write(to: URL(fileURLWithPath: dir + "/in/" + f)) }
        var args = ["build", "--input", "in", "--out", "out"]
        if let data { args += ["--data", data] }
        let r = CLIRunner.run(args, cwd: dir)
        XCTAssertEqual(r.code, 0, r.err)
        return dir + "/out/records.json"
    }

    func diff(_ a: String, _ b: String, json: Bool = false) -> CLIRunner.Run {
        CLIRunner.run(["diff", a, b] + (json ? ["--format", "json"] : []), cwd: tmp)
    }

    func d(_ s: String) -> Data { Data(s.utf8) }

    func testIdenticalInputsSayNoChanges() {
        let a = records("a", ["l.txt": d(DiffTests.base)])
        let b = records("b", ["l.txt": d(DiffTests.base)])
        let r = diff(a, b)
        XCTAssertEqual(r.code, 0)
        XCTAssertEqual(r.out, "No changes between \(a) and \(b).\n")
        // Build folders work as well as records files.
        XCTAssertEqual(diff(tmp + "/a/out", tmp + "/b/out").code, 0)
    }

    func testAnEventAdded() {
        let a = records("a", ["l.txt": d(DiffTests.base)])
        let b = records("b", ["l.txt": d(DiffTests.base + "Contest \"Young voter\"\nOmsk city\nFrom 04/10/2020 to 04/10/2020\n")])
        let r = diff(a, b)
        XCTAssertEqual(r.code, 1)
        XCTAssertEqual(r.out, """
        # Changes from \(a) to \(b)

        ## Headline figures

        | Figure | Old | New | Change |
        |---|---:|---:|---:|
        | Events | 3 | 4 | +1 |
        | Federal subjects with events | 3 | 4 | +1 |
        | Municipalities | 3 | 4 | +1 |
        | Meetings | 0 | 0 | 0 |
        | Meeting participants (stated) | 0 | 0 | 0 |
        | Errors | 0 | 0 | 0 |
        | Warnings | 0 | 0 | 0 |

        ## Events

        ### Added (1)

        - Contest "Young voter" — in/l.txt:10 (\(idOf(b, "Contest")))

        ## Counts that moved

        ### Federal subjects

        | | Old | New | Change |
        |---|---:|---:|---:|
        | Omsk Oblast (RU-OMS) | 0 | 1 | +1 |

        ### Federal districts

        | | Old | New | Change |
        |---|---:|---:|---:|
        | Siberian | 0 | 1 | +1 |

        ### Topics

        | | Old | New | Change |
        |---|---:|---:|---:|
        | elections-youth | 0 | 1 | +1 |

        ### Months

        | | Old | New | Change |
        |---|---:|---:|---:|
        | 2020-10 | 3 | 4 | +1 |

        ### Kinds

        | | Old | New | Change |
        |---|---:|---:|---:|
        | contest | 0 | 1 | +1 |

        """)
    }

    func idOf(_ recordsPath: String, _ titlePrefix: String) -> String {
        let s = try! String(contentsOfFile: recordsPath, encoding: .utf8)
        let lines = s.components(separatedBy: "\n")
        // ids come before titles in sorted keys: find the event block by its title.
        guard let t = lines.firstIndex(where: { $0.contains("\"title\": \"\(titlePrefix)") }) else { return "?" }
        for k in stride(from: t, through: 0, by: -1) where lines[k].contains("\"id\": ") {
            return lines[k].components(separatedBy: "\"")[3]
        }
        return "?"
    }

    func testAnEventRemoved() {
        let a = records("a", ["l.txt": d(DiffTests.base)])
        let b = records("b", ["l.txt": d(DiffTests.base.components(separatedBy: "\n").dropFirst(3).joined(separator: "\n"))])
        let r = diff(a, b)
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.out.contains("### Removed (1)\n\n- Round table \"Local democracy\" — in/l.txt:1 (\(idOf(a, "Round table")))\n"), r.out)
        XCTAssertTrue(r.out.contains("| Penza Oblast (RU-PNZ) | 1 | 0 | −1 |"), r.out)
        XCTAssertFalse(r.out.contains("### Added"))
    }

    func testADateCorrectedIsAChangeNotAnAddAndARemove() {
        let a = records("a", ["l.txt": d(DiffTests.base)])
        let b = records("b", ["l.txt": d(DiffTests.base.replacingOccurrences(of: "From 02/10/2020 to 02/10/2020", with: "From 12/10/2020 to 13/10/2020"))])
        let r = diff(a, b)
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.out.contains("""
        ### Changed (1)

        - Quiz "Building trust" — in/l.txt:4 (\(idOf(a, "Quiz")) → \(idOf(b, "Quiz")))
          - start: 2020-10-02 → 2020-10-12
          - end: 2020-10-02 → 2020-10-13

        """), r.out)
        XCTAssertFalse(r.out.contains("### Added")); XCTAssertFalse(r.out.contains("### Removed"))
        XCTAssertFalse(r.out.contains("## Counts that moved"), "the month is the same")
    }

    func testATitleTypoFixed() {
        let a = records("a", ["l.txt": d(DiffTests.base.replacingOccurrences(of: "Building trust", with: "Bulding trust"))])
        let b = records("b", ["l.txt": d(DiffTests.base)])
        let r = diff(a, b)
        XCTAssertTrue(r.out.contains("  - title: Quiz \"Bulding trust\" → Quiz \"Building trust\"\n"), r.out)
        XCTAssertTrue(r.out.contains("### Changed (1)"), r.out)
        XCTAssertFalse(r.out.contains("### Added")); XCTAssertFalse(r.out.contains("### Removed"))
    }

    func testAPlaceReResolvedToAnotherRegion() throws {
        let a = records("a", ["l.txt": d(DiffTests.base)])
        // The same input with a corrected table: Tula now (wrongly, for the test) in Kaluga Oblast.
        let data = tmp + "/data"
        try FileManager.default.copyItem(atPath: CLITests.root + "/data", toPath: data)
        let cities = try String(contentsOfFile: data + "/cities.tsv", encoding: .utf8)
        try cities.replacingOccurrences(of: "RU-TUL\tTula\t", with: "RU-KLU\tTula\t").write(toFile: data + "/cities.tsv", atomically: true, encoding: .utf8)
        let b = records("b", ["l.txt": d(DiffTests.base)], data: data)
        let r = diff(a, b)
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.out.contains("- Quiz \"Building trust\" — in/l.txt:4 (\(idOf(a, "Quiz")))\n  - region: Tula Oblast (RU-TUL) → Kaluga Oblast (RU-KLU)\n"), r.out)
        XCTAssertTrue(r.out.contains("| Kaluga Oblast (RU-KLU) | 0 | 1 | +1 |"), r.out)
        XCTAssertTrue(r.out.contains("| Tula Oblast (RU-TUL) | 1 | 0 | −1 |"), r.out)
        XCTAssertFalse(r.out.contains("### Federal districts"), "both are in the Central district")
    }

    func testEntriesMovedBetweenFilesKeepTheirIds() {
        let lines = DiffTests.base.components(separatedBy: "\n")
        let a = records("a", ["l.txt": d(DiffTests.base)])
        let b = records("b", ["l.txt": d(lines[0..<6].joined(separator: "\n") + "\n"), "m.txt": d(lines[6..<9].joined(separator: "\n") + "\n")])
        let r = diff(a, b)
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.out.contains("### Moved to another file, same content (1)\n\n- in/l.txt → in/m.txt: 1\n"), r.out)
        XCTAssertFalse(r.out.contains("### Changed")); XCTAssertFalse(r.out.contains("### Added")); XCTAssertFalse(r.out.contains("### Removed"))
        // Reordered within a file: nothing to report.
        let c = records("c", ["l.txt": d((lines[6..<9] + lines[0..<6]).joined(separator: "\n") + "\n")])
        XCTAssertEqual(diff(a, c).code, 0, diff(a, c).out)
    }

    func testAFileReencodedWithCRLFAndWindows1251() {
        let ru = """
        Круглый стол «Местная демократия»
        г. Пенза, Пензенская область
        С 01.10.2020 по 01.10.2020

        """
        let a = records("a", ["l.txt": d(ru)])
        let b = records("b", ["l.txt": ru.replacingOccurrences(of: "\n", with: "\r\n").data(using: .windowsCP1251)!])
        let r = diff(a, b)
        // The records are the same; only the new warning about the encoding differs.
        XCTAssertTrue(r.out.contains("| Warnings | 0 | 1 | +1 |"), r.out)
        XCTAssertFalse(r.out.contains("## Events"), r.out)
    }

    func testJSONFormatAndTrouble() throws {
        let a = records("a", ["l.txt": d(DiffTests.base)])
        let b = records("b", ["l.txt": d(DiffTests.base.replacingOccurrences(of: "Orenburg city", with: "Omsk city"))])
        let r = diff(a, b, json: true)
        XCTAssertEqual(r.code, 1)
        let j = try JSONSerialization.jsonObject(with: r.outBytes) as! [String: Any]
        XCTAssertEqual(j["identical"] as? Bool, false)
        let changed = (j["events"] as! [String: Any])["changed"] as! [[String: Any]]
        XCTAssertEqual(changed.count, 1)
        XCTAssertNotNil((changed[0]["fields"] as! [String: Any])["region"])
        XCTAssertEqual(diff(a, tmp + "/none.json").code, 2)
        FileManager.default.createFile(atPath: tmp + "/bad.json", contents: Data("{\"schema\": \"other\"}".utf8))
        let bad = diff(a, tmp + "/bad.json")
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.err.contains("not a records file"), bad.err)
        XCTAssertEqual(CLIRunner.run(["diff", a]).code, 2)
    }
}
