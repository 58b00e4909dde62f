import XCTest
import OkmoCore
@testable import OkmoReport

/// records.json is written from the records' fields (`writeJSON`), and defined by their value
/// trees (`json`, which `Records.jsonBytes` and the diff read): the two must give the same
/// bytes for any record, every optional field present or absent.
final class RecordsWriterTests: XCTestCase {
    struct Picker {
        var x: UInt64
        mutating func next(_ n: Int) -> Int {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Int(x >> 33) % n
        }
        mutating func text() -> String {
            let words = ["Заседание", "\"Совета\"", "a\\b", "tab\there", "line\nbreak", "ё", "", "Moscow", "\u{1}", "€"]
            return (0..<next(4)).map { _ in words[next(words.count)] }.joined(separator: " ")
        }
        mutating func maybe(_ s: String) -> String? { next(3) == 0 ? nil : s }
        mutating func day() -> Day? { next(4) == 0 ? nil : Day(year: 1950 + next(150), month: 1 + next(12), day: 1 + next(28)) }
        mutating func region() -> RegionRef { RegionRef(code: "RU-" + text(), name: text()) }
    }

    /// At indents 0 and 2, `write` gives the pretty bytes of the value tree `json`.
    private func assertWritten(_ json: JSONValue, _ write: (inout [UInt8], Int) -> Void, file: StaticString = #filePath, line: UInt = #line) {
        for indent in [0, 2] {
            var expected: [UInt8] = []
            JSONWriter.write(json, into: &expected, indent: indent, pretty: true)
            var out: [UInt8] = []
            write(&out, indent)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(decoding: expected, as: UTF8.self), file: file, line: line)
        }
    }

    func testEventsAreWrittenAsTheirValueTrees() {
        var p = Picker(x: 0x5851_F42D_4C95_7F2D)
        for _ in 0..<400 {
            let e = Event(id: "ev-" + p.text(), source: SourceSpan(file: p.text(), line: p.next(100_000) - 5, endLine: p.next(2) == 0 ? nil : 7),
                          title: p.text(), location: p.maybe(p.text()), municipality: p.maybe(p.text()), municipalityType: p.maybe(p.text()),
                          region: p.next(3) == 0 ? nil : p.region(), federalDistrict: p.maybe(p.text()), start: p.day(), end: p.day(),
                          kind: p.maybe(p.text()), topics: (0..<p.next(4)).map { _ in p.text() })
            assertWritten(e.json) { e.writeJSON(into: &$0, indent: $1) }
        }
    }

    func testMeetingsAreWrittenAsTheirValueTrees() {
        var p = Picker(x: 0x1405_7B7E_F767_814F)
        for _ in 0..<400 {
            let m = Meeting(id: "mt-" + p.text(), source: SourceSpan(file: p.text(), line: p.next(1000), endLine: p.next(2) == 0 ? nil : p.next(2000)),
                            url: p.maybe("https://" + p.text()), language: p.next(2) == 0 ? "ru" : "en", title: p.text(), start: p.day(), end: p.day(),
                            place: p.maybe(p.text()), regions: (0..<p.next(4)).map { _ in p.region() },
                            participants: p.next(3) == 0 ? nil : p.next(5000),
                            organizations: (0..<p.next(3)).map { _ in OrganizationRef(id: p.text(), name: p.text()) },
                            figures: (0..<p.next(3)).map { _ in Figure(text: p.text(), value: [0, 1.5, 8000, -2, 1e20, 0.1][p.next(6)], unit: p.text()) },
                            topics: (0..<p.next(4)).map { _ in p.text() })
            assertWritten(m.json) { m.writeJSON(into: &$0, indent: $1) }
        }
    }
}
