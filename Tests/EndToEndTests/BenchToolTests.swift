import XCTest
import Foundation

/// `okmo-bench`'s corpus generator, run as `make bench` runs it: the same bytes for the same
/// size, and a clear message (not a crash) when it can't find the data it recombines.
final class BenchToolTests: XCTestCase {
    var tmp: String!

    override func setUp() { tmp = CLIRunner.makeTemp() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    /// `swift test` builds every product, so the generator sits beside the binary under test.
    var bench: String { CLITests.product("okmo-bench") }

    func generate(_ args: [String], cwd: String) -> CLIRunner.Run {
        CLIRunner.run(["generate"] + args, cwd: cwd, executable: bench)
    }

    func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for sub in ["listings", "notes"] {
            for f in (try? FileManager.default.contentsOfDirectory(atPath: dir + "/" + sub)) ?? [] {
                out[sub + "/" + f] = FileManager.default.contents(atPath: dir + "/" + sub + "/" + f)
            }
        }
        return out
    }

    func testSameSizeGivesSameBytes() {
        let a = generate(["--size", "0.2", "--out", tmp + "/a", "--root", CLITests.root], cwd: tmp)
        let b = generate(["--size", "0.2", "--out", tmp + "/b", "--root", CLITests.root], cwd: tmp)
        XCTAssertEqual(a.code, 0, a.err)
        XCTAssertEqual(b.code, 0, b.err)
        let fa = files(tmp + "/a"), fb = files(tmp + "/b")
        XCTAssertEqual(Set(fa.keys), ["listings/part-001.txt", "notes/part-001.txt"])
        XCTAssertGreaterThan(fa.values.reduce(0) { $0 + $1.count }, 150_000)
        XCTAssertEqual(fa, fb)
    }

    func testMissingDataIsAMessageNotACrash() {
        let r = generate(["--size", "0.1", "--out", tmp + "/c"], cwd: tmp)
        XCTAssertEqual(r.code, 66)
        XCTAssertTrue(r.err.contains("found no regions in ./data/regions.tsv"), r.err)
        XCTAssertTrue(r.err.contains("--root"), r.err)
        XCTAssertFalse(r.err.contains("crashed"), r.err)
    }

    func testIncompleteOptionIsUsage() {
        let r = CLIRunner.run(["run", "--bin"], cwd: tmp, executable: bench)
        XCTAssertEqual(r.code, 64)
        XCTAssertTrue(r.err.contains("incomplete option --bin"), r.err)
    }
}
