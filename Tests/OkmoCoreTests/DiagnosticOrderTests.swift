import XCTest
@testable import OkmoCore

final class DiagnosticOrderTests: XCTestCase {
    /// The order before files were ranked: every field compared, paths as UTF-8 bytes.
    private func reference(_ ds: [Diagnostic]) -> [Diagnostic] {
        ds.sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity > b.severity }
            if a.code != b.code { return a.code < b.code }
            return a.message < b.message
        }
    }

    /// Ranked files give the order of the full comparison, on diagnostics grouped by file as
    /// the pipeline appends them and on shuffled ones, with ties in every field.
    func testRankedSortIsTheFieldByFieldOrder() {
        let files = ["b.txt", "a.txt", "a/b.txt", "Ä.txt", "z/я.txt", "a.txt.bak", "A.txt"]
        let codes = ["listing-no-date", "event-repeated", "date-impossible"]
        var g = LCG(state: 29)
        func next(_ n: Int) -> Int { Int(g.next() >> 33) % n }
        for round in 0..<40 {
            var ds: [Diagnostic] = []
            for f in files.shuffled(using: &g) {
                for _ in 0..<next(30) {
                    let sev = [Severity.note, .warning, .error][next(3)]
                    // Lines past 2³² - 1 tie in the sort's key (which holds a line in 32 bits)
                    // and are told apart by the comparison of the whole fields.
                    let line = next(4) == 0 ? Int(UInt32.max) + next(3) : 1 + next(5)
                    ds.append(Diagnostic(sev, codes[next(3)], "m\(next(3))", at: SourceLocation(file: f, line: line, column: 1 + next(2))))
                }
            }
            if round % 2 == 1 { ds.shuffle(using: &g) }
            XCTAssertEqual(ds.sortedForOutput(), reference(ds))
        }
        XCTAssertEqual([Diagnostic]().sortedForOutput(), [])
    }
}

/// A seeded generator, so the shuffles are the same on every run.
private struct LCG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}
