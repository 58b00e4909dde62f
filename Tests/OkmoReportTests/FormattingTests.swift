import XCTest
import OkmoCore
@testable import OkmoReport

final class FormattingTests: XCTestCase {
    /// The CLDR rule for Russian cardinals, written from the rule text (integers: v = 0):
    /// one: i % 10 = 1 and i % 100 != 11; few: i % 10 = 2..4 and i % 100 != 12..14; many: otherwise.
    func cldrRussian(_ i: Int) -> String {
        if i % 10 == 1 && i % 100 != 11 { return "one" }
        if (2...4).contains(i % 10) && !(12...14).contains(i % 100) { return "few" }
        return "many"
    }

    func testRussianPluralsAgainstCLDRFrom0To1000() {
        for n in 0...1000 { XCTAssertEqual(Plural.category(n, lang: "ru"), cldrRussian(n), "n = \(n)") }
    }

    func testEnglishPlurals() {
        XCTAssertEqual(Plural.category(1, lang: "en"), "one")
        for n in [0, 2, 11, 21, 101, 1000] { XCTAssertEqual(Plural.category(n, lang: "en"), "other") }
    }

    func messages(_ lang: String) throws -> Messages { try Messages.load(folder: Repo.root + "/templates", lang: lang) }

    func testPluralWordsInTheMessageTables() throws {
        let ru = try messages("ru"), en = try messages("en")
        XCTAssertEqual(ru.count(1, "plural.event"), "1\u{A0}мероприятие")
        XCTAssertEqual(ru.count(2, "plural.event"), "2\u{A0}мероприятия")
        XCTAssertEqual(ru.count(5, "plural.event"), "5\u{A0}мероприятий")
        XCTAssertEqual(ru.count(21, "plural.event"), "21\u{A0}мероприятие")
        XCTAssertEqual(ru.count(112, "plural.event"), "112\u{A0}мероприятий")
        XCTAssertEqual(ru.count(18, "plural.region_loc"), "18\u{A0}субъектах")
        XCTAssertEqual(ru.count(21, "plural.region_loc"), "21\u{A0}субъекте")
        XCTAssertEqual(en.count(1, "plural.event"), "1\u{A0}event")
        XCTAssertEqual(en.count(8000, "plural.event"), "8,000\u{A0}events")
        // Every plural key has every form its language needs.
        for (m, forms) in [(ru, ["one", "few", "many"]), (en, ["one", "other"])] {
            let keys = Set(m.table.keys.filter { $0.hasPrefix("plural.") }.map { String($0.split(separator: ".").dropLast().joined(separator: ".")) })
            for k in keys { for f in forms { XCTAssertTrue(m.has(k + "." + f), "\(m.lang): \(k).\(f)") } }
        }
    }

    func testNumbers() {
        XCTAssertEqual(Format.number(8000, lang: "ru"), "8\u{A0}000")
        XCTAssertEqual(Format.number(1_234_567, lang: "ru"), "1\u{A0}234\u{A0}567")
        XCTAssertEqual(Format.number(999, lang: "ru"), "999")
        XCTAssertEqual(Format.number(8000, lang: "en"), "8,000")
        XCTAssertEqual(Format.decimal(2.5, lang: "ru"), "2,5")
        XCTAssertEqual(Format.decimal(2.5, lang: "en"), "2.5")
        XCTAssertEqual(Format.percent(1, of: 3, lang: "ru"), "33,3\u{A0}%")
        XCTAssertEqual(Format.percent(1, of: 3, lang: "en"), "33.3%")
        XCTAssertEqual(Format.percent(0, of: 0, lang: "en"), "—")
    }

    func testDateRanges() throws {
        let ru = try messages("ru"), en = try messages("en")
        let d = { (y: Int, m: Int, dd: Int) in Day(year: y, month: m, day: dd)! }
        XCTAssertEqual(ru.dateRange(d(2020, 10, 12), d(2020, 10, 18)), "12–18\u{A0}октября\u{A0}2020")
        XCTAssertEqual(en.dateRange(d(2020, 10, 12), d(2020, 10, 18)), "12–18\u{A0}October\u{A0}2020")
        XCTAssertEqual(ru.dateRange(d(2020, 9, 30), d(2020, 10, 2)), "30\u{A0}сентября – 2\u{A0}октября\u{A0}2020")
        XCTAssertEqual(ru.dateRange(d(2020, 12, 30), d(2021, 1, 2)), "30\u{A0}декабря\u{A0}2020 – 2\u{A0}января\u{A0}2021")
        XCTAssertEqual(ru.dateRange(d(2021, 9, 9), d(2021, 9, 9)), "9\u{A0}сентября\u{A0}2021")
        XCTAssertEqual(en.dateRange(nil, nil), "no date given")
    }
}

/// The whole records file and both reports of the seeds, compared byte for byte with golden
/// files that were reviewed by eye. Re-record with OKMO_RECORD_GOLDEN=1 and review the diff.
final class GoldenTests: XCTestCase {
    func seedRecords() -> Records {
        _ = FileManager.default.changeCurrentDirectoryPath(Repo.root)
        let files = try! Pipeline.expand(["seeds"])
        return Pipeline(lex: Repo.lex).run(files: files)
    }

    func testSeedRecords() {
        Repo.assertGolden(seedRecords().jsonBytes(), "seeds.records.json")
    }

    func testSeedReports() throws {
        let records = seedRecords()
        for lang in ["ru", "en"] {
            let r = try ReportBuilder(lex: Repo.lex, templatesFolder: Repo.root + "/templates", lang: lang, year: nil, strict: true).build(records: records)
            XCTAssertEqual(r.warnings, [], "the shipped templates use only values the model provides")
            Repo.assertGolden(r.markdown, "report.\(lang).md")
            Repo.assertGolden(r.html, "report.\(lang).html")
        }
    }

    /// The report renders with the context made before the chapters, the chapters added:
    /// it must be the context made afresh with them.
    func testContextWithChaptersIsTheContextMadeAfresh() throws {
        let messages = try Messages.load(folder: Repo.root + "/templates", lang: "en")
        var model = ReportModel(aggregates: Aggregates(records: seedRecords(), year: nil), diagnostics: [], lex: Repo.lex, messages: messages)
        for output in [ReportModel.Output.markdown, .html] {
            let before = model.context(for: output)
            model.chapters = [ReportModel.Chapter(id: "c1", title: "One", markdown: "# One", html: "<h1>One</h1>")]
            XCTAssertEqual(model.withChapters(before), model.context(for: output))
            XCTAssertNotEqual(before, model.context(for: output))
            model.chapters = []
        }
    }

    func testYearFilter() throws {
        let records = seedRecords()
        let agg = Aggregates(records: records, year: 2020)
        XCTAssertTrue(agg.listedEvents.allSatisfy { $0.start?.year == 2020 })
        XCTAssertTrue(agg.listedMeetings.allSatisfy { $0.start?.year == 2020 })
        XCTAssertEqual(agg.eventCount + agg.undatedEventCount, records.events.count, "the seed listing is all 2020, plus undated entries")
        XCTAssertEqual(agg.byMonth.values.reduce(0, +), agg.eventCount)
    }
}

final class SourceDateEpochTests: XCTestCase {
    func testUnixTimeToDay() {
        XCTAssertEqual(Day(unixTime: 0)?.description, "1970-01-01")
        XCTAssertEqual(Day(unixTime: 951_782_400)?.description, "2000-02-29")
        XCTAssertEqual(Day(unixTime: 1_700_000_000)?.description, "2023-11-14")
        XCTAssertEqual(Day(unixTime: 1_798_675_199)?.description, "2026-12-30")
        XCTAssertEqual(Day(unixTime: 1_798_761_599)?.description, "2026-12-31")
        XCTAssertEqual(Day(unixTime: -86_400)?.description, "1969-12-31")
    }

    func testDayIsWrittenZeroPadded() {
        XCTAssertEqual(Day(year: 5, month: 3, day: 7)?.description, "0005-03-07")
        XCTAssertEqual(Day(year: 9999, month: 12, day: 31)?.description, "9999-12-31")
        XCTAssertEqual(Day(year: 1024, month: 10, day: 10)?.description, "1024-10-10")
    }
}
