import XCTest
import OkmoCore
@testable import OkmoReport

/// Paths and shared, read-only test fixtures.
enum Repo {
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()
    static let shared = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("shared").path
    static let lex: Lexicons = try! Lexicons.load(from: root + "/data")
    static var golden: String { root + "/Tests/OkmoReportTests/Golden" }

    /// Compares `actual` with a golden file; `OKMO_RECORD_GOLDEN=1` writes it instead (review the diff).
    static func assertGolden(_ actual: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let path = golden + "/" + name
        if ProcessInfo.processInfo.environment["OKMO_RECORD_GOLDEN"] == "1" {
            try! AtomicFile.write(actual, to: path)
            return
        }
        guard let expected = FileReader.readIfRegularFile(path) else {
            return XCTFail("golden file \(name) missing; run with OKMO_RECORD_GOLDEN=1 and review it", file: file, line: line)
        }
        if expected != actual {
            let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let i = Array(zip(e, a)).firstIndex { $0.0 != $0.1 } ?? min(e.count, a.count)
            XCTFail("\(name) differs at line \(i + 1):\n  want: \(i < e.count ? e[i] : "<end>")\n  got:  \(i < a.count ? a[i] : "<end>")", file: file, line: line)
        }
    }
}

extension Lexicons {
    func regions(_ text: String, placeLine: Bool = false) -> [String] {
        var out: [String] = []
        for c in gazetteer.matches(in: Tokenizer.tokens(text), placeLine: placeLine).filter({ !$0.isAmbiguous }).flatMap(\.codes) where !out.contains(c) {
            out.append(c)
        }
        return out
    }
}

/// Deterministic mixes of pieces of text, for the tests that compare a fast path with the
/// plain one it replaces.
enum Mixes {
    /// `count` strings, each up to `longest` pieces drawn from `pieces` by a fixed generator.
    static func joinings(of pieces: [String], count: Int, longest: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
        return (0..<count).map { _ in
            (0..<Int(next() % UInt64(longest + 1))).map { _ in pieces[Int(next() >> 33) % pieces.count] }.joined()
        }
    }
}
