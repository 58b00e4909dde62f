import XCTest
import OkmoCore
@testable import OkmoReport

/// The counts skip work for municipalities and district regions seen before and keep months
/// as numbers; they must come out as counting every event afresh does.
final class AggregatesTests: XCTestCase {
    func testCountsMatchCountingEveryEventAfresh() {
        var x: UInt64 = 0x2F69_2D6A_3C1B_7E55
        func pick(_ n: Int) -> Int { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int(x >> 33) % n }
        let regions = [RegionRef(code: "RU-MOW", name: "Moscow"), RegionRef(code: "RU-SPE", name: "Saint Petersburg"), RegionRef(code: "RU-KDA", name: "Krasnodar Krai")]
        let districts = ["Central", "Northwestern", "Southern"]
        let towns = ["Сочи", "СОЧИ", "сочи", "Анапа", "Ёлкино", "Елкино", "Kazan"]
        var events: [Event] = []
        for i in 0..<3000 {
            let hasRegion = pick(5) != 0
            // Runs of one region, as listings send them, and jumps between regions.
            let r = regions[(i / 7 + pick(2)) % regions.count]
            let start = pick(6) == 0 ? nil : Day(year: [999, 2019, 2020, 2021][pick(4)], month: 1 + pick(12), day: 1 + pick(28))
            events.append(Event(id: "ev-\(i)", source: SourceSpan(file: "f", line: i + 1, endLine: nil), title: "t", location: nil,
                                municipality: pick(4) == 0 ? nil : towns[pick(towns.count)], municipalityType: nil,
                                region: hasRegion ? r : nil, federalDistrict: hasRegion && pick(6) != 0 ? districts[pick(districts.count)] : nil,
                                start: start, end: nil, kind: nil, topics: []))
        }
        // One district twice in a row with two regions: both regions count.
        for r in regions.prefix(2) {
            events.append(Event(id: "ev-volga-\(r.code)", source: SourceSpan(file: "f", line: 1, endLine: nil), title: "t", location: nil,
                                municipality: nil, municipalityType: nil, region: r, federalDistrict: "Volga", start: nil, end: nil, kind: nil, topics: []))
        }
        var agg = Aggregates(year: nil)
        for e in events { agg.add(e) }

        var municipalities: Set<String> = []
        var regionMunicipalities: [String: Set<String>] = [:]
        var districtRegions: [String: Set<String>] = [:]
        var byYearMonth: [String: Int] = [:]
        for e in events {
            if let r = e.region {
                if let d = e.federalDistrict { districtRegions[d, default: []].insert(r.code) }
                if let m = e.municipality {
                    municipalities.insert(r.code + "|" + Normalise.key(m))
                    regionMunicipalities[r.code, default: []].insert(Normalise.key(m))
                }
            }
            byYearMonth[e.start.map { String($0.description.prefix(7)) } ?? "no date", default: 0] += 1
        }
        XCTAssertEqual(agg.municipalities, municipalities)
        XCTAssertEqual(agg.regionMunicipalities, regionMunicipalities)
        XCTAssertEqual(agg.districtRegions, districtRegions)
        XCTAssertEqual(agg.byYearMonth, byYearMonth)
        XCTAssertTrue(byYearMonth.keys.contains { $0.hasPrefix("0999-") }, "years below 1000 are padded as descriptions pad them")
    }
}

/// The Markdown tidier reads line by line; it must give what reading a byte at a time gave.
final class TidyMarkdownTests: XCTestCase {
    static func reference(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var newlines = 0
        var started = false
        for c in b {
            if c == 0x0A {
                newlines += 1
                if started && newlines <= 2 { out.append(c) }
            } else {
                started = true
                newlines = 0
                out.append(c)
            }
        }
        while out.last == 0x0A { out.removeLast() }
        out.append(0x0A)
        return out
    }

    func testTidyingMatchesTheByteAtATimeReference() {
        var cases: [[UInt8]] = [[], [0x0A], [0x0A, 0x0A, 0x0A], Array("a".utf8), Array("\n\n\na\n\n\n\nb\nc\n\n".utf8), Array("| x |\n\n\n\n| y |".utf8)]
        let pieces = ["\n", "\n\n\n", "Заседание", "a b", " ", "| c |"]
        cases += Mixes.joinings(of: pieces, count: 500, longest: 31, seed: 0x7F4A_7C15_9E37_79B9).map { Array($0.utf8) }
        for b in cases {
            XCTAssertEqual(ReportBuilder.tidyMarkdown(b), TidyMarkdownTests.reference(b), String(decoding: b, as: UTF8.self).debugDescription)
        }
    }
}
