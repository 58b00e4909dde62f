import XCTest
import Foundation
import OkmoCore
@testable import OkmoReport

final class ListingDateTests: XCTestCase {
    func parse(_ s: String) -> (String?, String?)? {
        guard let p = ListingParser(lex: Repo.lex).dateLine(s) else { return nil }
        return (p.start.day_?.description, (p.end ?? p.start).day_?.description)
    }

    func testForms() {
        let cases: [(String, String, String)] = [
            ("From 30/10/2020 to 30/10/2020", "2020-10-30", "2020-10-30"),
            ("Du 11/10/2021 au 17/10/2021", "2021-10-11", "2021-10-17"),
            ("date From 01/09/2018 to 30/10/2018", "2018-09-01", "2018-10-30"),
            ("date 17/10/2018", "2018-10-17", "2018-10-17"),
            ("17.10.2018", "2018-10-17", "2018-10-17"),
            ("12.10.2020 - 18.10.2020", "2020-10-12", "2020-10-18"),
            ("12/10/2020 – 18/10/2020", "2020-10-12", "2020-10-18"),
            ("С 01.10.2020 по 15.10.2020", "2020-10-01", "2020-10-15"),
            ("с 1.10.2020 по 5.10.2020", "2020-10-01", "2020-10-05"),
            ("2020-10-12", "2020-10-12", "2020-10-12"),
            ("Дата: 15.10.2020", "2020-10-15", "2020-10-15"),
        ]
        for (s, a, b) in cases {
            let r = parse(s)
            XCTAssertEqual(r?.0, a, s); XCTAssertEqual(r?.1, b, s)
        }
    }

    func testNotDateLines() {
        for s in ["From the Atlantic to the Pacific Ocean", "Classroom hour for grades 5-7", "12.10", "Okrug No. 78",
                  "2020 year results", "From 12/10/2020 to be announced", "8 (495) 730-41-95"] {
            XCTAssertNil(parse(s), s)
        }
    }

    func testImpossibleDatesAreKeptOutWithAWarning() {
        XCTAssertEqual(parse("From 31/02/2020 to 05/03/2020")?.0, Optional<String>.none)
        for s in ["99/99/9999", "00/00/0000", "29/02/2021", "01/01/0001"] {
            let src = SourceText(path: "l.txt", bytes: Array("Round table \"X\"\nPenza city\nFrom \(s) to \(s)\n".utf8))
            var d: [Diagnostic] = []
            let r = ListingParser(lex: Repo.lex).parse(src, diagnostics: &d)
            XCTAssertEqual(r.events.count, 1, s)
            XCTAssertNil(r.events.first?.start, s)
            XCTAssertTrue(d.contains { $0.code == "date-impossible" && $0.location.line == 3 }, s)
        }
        XCTAssertEqual(parse("29/02/2020")?.0, "2020-02-29")
    }
}

final class ListingParserTests: XCTestCase {
    func parse(_ text: String) -> ([Event], [Diagnostic]) {
        var d: [Diagnostic] = []
        let r = ListingParser(lex: Repo.lex).parse(SourceText(path: "l.txt", bytes: Array(text.utf8)), diagnostics: &d)
        return (r.events, d)
    }

    /// A title that reads as it is written is read in place, in the file's bytes; a line that
    /// needs its spaces folded, or has a place icon, has storage of its own. The memo keeps
    /// readings with storage, and of a line read in place only that it is one (`plainText`):
    /// a title kept from one file (seen three times there) and found at another place in the
    /// next file is read with its own bytes, not the next file's bytes where it lay in the
    /// first, whether it reads in place or was folded.
    func testTitlesAreReadInPlaceAndTheMemoKeepsItsOwnBytes() {
        let parser = ListingParser(lex: Repo.lex)
        let src = SourceText(path: "a.txt", bytes: Array("Round table \"Budgets\"\nRound  table \"Budgets\"\nboussole Penza city\n".utf8), validUTF8: true)
        XCTAssertTrue(parser.read(src, line: 0).readsInPlace)
        XCTAssertEqual(parser.read(src, line: 0).text(in: src), "Round table \"Budgets\"")
        XCTAssertFalse(parser.read(src, line: 1).readsInPlace)
        XCTAssertEqual(parser.read(src, line: 1).text(in: src), "Round table \"Budgets\"")
        XCTAssertFalse(parser.read(src, line: 2).readsInPlace)

        // A blank line after each entry: a title right after a date line is read by its
        // template, and the memo keeps none (see the next test).
        let title = "Lecture \"Local budgets\" for students", folded = "Seminar  \"Local  budgets\""
        let entry = "\(title)\nPenza city, Penza region\nFrom 03/02/2020 to 04/02/2020\n\n"
        let foldedEntry = "\(folded)\nPenza city, Penza region\nFrom 05/02/2020 to 05/02/2020\n\n"
        let first = SourceText(path: "a.txt", bytes: Array((entry + foldedEntry + entry + foldedEntry + entry + foldedEntry).utf8), validUTF8: true)
        var d: [Diagnostic] = []
        _ = parser.parse(first, diagnostics: &d)
        let key = Array(title.utf8).withUnsafeBytes { ListingParser.lineKey($0) }
        XCTAssertEqual(parser.memo.plainText[key], true)
        XCTAssertNil(parser.memo.textLine[key])
        let foldedKey = Array(folded.utf8).withUnsafeBytes { ListingParser.lineKey($0) }
        XCTAssertEqual(parser.memo.textLine[foldedKey].map { $0.readsInPlace }, false)
        XCTAssertNil(parser.memo.plainText[foldedKey])
        let other = "Forum \"Young voters of the Penza region\"\nTula city, Tula Oblast\nFrom 05/03/2020 to 06/03/2020\n"
        let second = SourceText(path: "b.txt", bytes: Array((other + foldedEntry + other + entry).utf8), validUTF8: true)
        let r = parser.parse(second, diagnostics: &d)
        XCTAssertEqual(r.events.map(\.title), ["Forum \"Young voters of the Penza region\"", "Seminar \"Local budgets\"",
                                               "Forum \"Young voters of the Penza region\"", title])
    }

    /// A line right after a date line is read first as a title, by its template
    /// (`screensByKeptTemplate`), its line key left unmade: over the seeds' and the
    /// development set's listings, parsed once and then again with the memo of the first
    /// round (every template then known), the events and diagnostics are those of a parse
    /// that reads every line by its line key with a fresh memo. And a title read so is not
    /// kept, however often its line comes back.
    func testTitlesReadByTheirTemplatesReadAsByTheirLineKeys() throws {
        let lex = Repo.lex
        var sources: [SourceText] = []
        for dir in [Repo.root + "/seeds", Repo.shared + "/dev/events"] where FileManager.default.fileExists(atPath: dir) {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                guard case .success(let r) = TextDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))) else { continue }
                let src = SourceText(path: name, bytes: r.bytes, validUTF8: true)
                if ListingParser.looksLikeListing(src, lex: lex) { sources.append(src) }
            }
        }
        XCTAssertGreaterThan(sources.count, 1)
        func parse(_ src: SourceText, _ memo: ListingParser.Memo, guessing: Bool) -> ([Event], [Diagnostic]) {
            var parser = ListingParser(lex: lex, memo: memo)
            parser.guessesTitles = guessing
            var d: [Diagnostic] = []
            return (parser.parse(src, diagnostics: &d).events, d)
        }
        let shared = ListingParser.Memo()
        for round in 1...2 {
            for src in sources {
                let guessed = parse(src, shared, guessing: true), plain = parse(src, ListingParser.Memo(), guessing: false)
                XCTAssertEqual(guessed.0, plain.0, "\(src.path), round \(round)")
                XCTAssertEqual(guessed.1, plain.1, "\(src.path), round \(round)")
            }
        }
        let entries = (1...8).map { "Lecture \"Local budgets\" \($0)\nPenza city, Penza region\nFrom 0\($0)/02/2020 to 0\($0)/02/2020\n" }
        let text = (entries + entries).joined()
        let parser = ListingParser(lex: lex)
        var d: [Diagnostic] = []
        XCTAssertEqual(parser.parse(SourceText(path: "a.txt", bytes: Array(text.utf8), validUTF8: true), diagnostics: &d).events.count, 16)
        for k in 2...8 {
            let key = Array("Lecture \"Local budgets\" \(k)".utf8).withUnsafeBytes { ListingParser.lineKey($0) }
            XCTAssertNil(parser.memo.plainText[key], "title \(k)")
            XCTAssertNil(parser.memo.textLine[key], "title \(k)")
        }
        // A key left unmade is made when asked; a made one is taken as it is.
        let src = SourceText(path: "a.txt", bytes: Array(text.utf8), validUTF8: true)
        let made = Digest128.Value(a: 1, b: 2)
        XCTAssertEqual(ListingParser.key(ofLine: 3, lineKeys: [made, made, made, ListingParser.unmadeKey], in: src),
                       Array(entries[1].split(separator: "\n")[0].utf8).withUnsafeBytes { ListingParser.lineKey($0) })
        XCTAssertEqual(ListingParser.key(ofLine: 2, lineKeys: [made, made, made, ListingParser.unmadeKey], in: src), made)
    }

    /// A line's place key is of its text after a place icon's alt text, folded as keys are:
    /// the same place written with the icon, without it, with other spaces or case, shares
    /// its key; another place does not.
    func testPlaceKeyIsOfThePlaceTextAfterTheIcon() {
        let parser = ListingParser(lex: Repo.lex)
        let text = "boussole Penza city\nPenza city\nPenza  City\nboussole Tula city\nPenza\n"
        let src = SourceText(path: "a.txt", bytes: Array(text.utf8), validUTF8: true)
        let keys = (0..<5).map { parser.placeKey(of: parser.read(src, line: $0), in: src) }
        XCTAssertNotNil(parser.read(src, line: 0).placeStart)
        XCTAssertEqual(keys[0], keys[1])
        XCTAssertEqual(keys[1], keys[2])
        XCTAssertNotEqual(keys[0], keys[3])
        XCTAssertNotEqual(keys[1], keys[4])
    }

    /// `check`'s parse makes no events, but finds the same entries as `build`'s: the same merge
    /// digests, each entry's title line, and the same diagnostics. Asked of the sample listing
    /// and of a listing with duplicates, a place-less entry, an icon prefix and impossible dates.
    func testCheckParseMakesNoEventsAndTheSameKeys() throws {
        let sample = try String(contentsOfFile: Repo.root + "/seeds/000_ac0dc2e505284f69.txt", encoding: .utf8)
        let made = """
            Round table "Local democracy" 12
            boussole Penza city, Penza region
            From 03/02/2020 to 04/02/2020
            Акция «Чистый город» №198
            г. Тверь, Тверская область
            С 03.12.2020 по 07.12.2020
            Round table "Local democracy" 12
            boussole Penza city, Penza region
            From 03/02/2020 to 04/02/2020
            Lecture "Budgets"
            From 31/02/2020 to 05/03/2020
            Forum "Young voters"
            Tula city, Tula Oblast

            """
        for text in [sample, made] {
            let src = SourceText(path: "l.txt", bytes: Array(text.utf8), validUTF8: true)
            var dBuild: [Diagnostic] = [], dCheck: [Diagnostic] = []
            let built = ListingParser(lex: Repo.lex).parse(src, diagnostics: &dBuild)
            let checked = ListingParser(lex: Repo.lex, makesEvents: false).parse(src, diagnostics: &dCheck)
            XCTAssertGreaterThan(built.events.count, 2)
            XCTAssertTrue(checked.events.isEmpty)
            XCTAssertEqual(checked.lines, built.events.map { Int32($0.source.line) })
            XCTAssertEqual(checked.keys.map(\.titlePlace), built.keys.map(\.titlePlace))
            XCTAssertEqual(checked.keys.map(\.full), built.keys.map(\.full))
            XCTAssertEqual(dCheck, dBuild)
        }
    }

    /// `check` keeps each title's template digest by the title's memo key, which reads digits
    /// as "0", and hashes only the digits of each entry: titles that share a memo key but not
    /// their numbers must keep merge digests apart (and equal to `Event.mergeDigest`), and a
    /// repeat of the same title must share one, at a place and without one.
    func testTitlesThatDifferOnlyInTheirNumbersKeepTheirOwnMergeDigests() {
        let titles = ["Акция «Чистый город» №198", "Акция «Чистый город» №245", "Акция «Чистый город» №198", "Акция «Чистый город» №0198",
                      "Round table 12 on budgets 2020", "Round table 21 on budgets 2020", "Round table 12 on budgets 2002",
                      // More digits than a `DigitPack` holds.
                      "Report " + String(repeating: "1234567890", count: 9), "Report " + String(repeating: "1234567890", count: 8) + "1234567809"]
        // Bytes checked as UTF-8 (as the decoder's are) are screened as plain text, and each
        // screened title's key and digits are kept for its entry; unchecked ones are read.
        for place in ["Tula city, Tula Oblast\n", ""] {
          for valid in [true, false] {
            let text = titles.map { $0 + "\n" + place + "From 03/02/2020 to 04/02/2020\n" }.joined()
            var d: [Diagnostic] = []
            let checked = ListingParser(lex: Repo.lex, makesEvents: false).parse(SourceText(path: "l.txt", bytes: Array(text.utf8), validUTF8: valid), diagnostics: &d)
            XCTAssertEqual(checked.keys.count, titles.count)
            let want = titles.map { Event.mergeDigest(title: $0, location: place.isEmpty ? nil : String(place.dropLast())).value }
            XCTAssertEqual(checked.keys.map(\.titlePlace), want, place)
            XCTAssertEqual(Set(want).count, titles.count - 1)
          }
        }
    }

    /// A title's template key and digits kept from its screening are its file's alone: one
    /// memo parses a file, then another whose last title comes back whole (read in place
    /// from the memo, not screened) where the first file's was screened.
    func testKeptTitleKeysAreTheirFilesOwn() {
        let place = "Tula city, Tula Oblast"
        func file(_ titles: [String]) -> SourceText {
            SourceText(path: "l.txt", bytes: Array(titles.map { $0 + "\n" + place + "\nFrom 03/02/2020 to 04/02/2020\n" }.joined().utf8), validUTF8: true)
        }
        let parser = ListingParser(lex: Repo.lex, makesEvents: false)
        for titles in [["Gamma 30", "Gamma 31", "Gamma 32", "Gamma 33"], Array(repeating: "Beta 22", count: 4)] {
            var d: [Diagnostic] = []
            let r = parser.parse(file(titles), diagnostics: &d)
            XCTAssertEqual(r.keys.map(\.titlePlace), titles.map { Event.mergeDigest(title: $0, location: place).value }, titles[0])
        }
    }

    /// A line with a place word ("Library", "Hall", "Street") is the entry's place even when
    /// it names no subject; a line with none, after a title, is not.
    func testPlaceWordsMakeAPlaceLine() {
        let (events, _) = parse("Discussion lesson on local democracy\nCentral Library Hall\nFrom 10/10/2020 to 10/10/2020\n\n"
                                + "Quest game for pupils\nNowhere Vale\nFrom 11/10/2020 to 11/10/2020\n")
        XCTAssertEqual(events.map(\.location), ["Central Library Hall", nil])
        XCTAssertEqual(events.map(\.title), ["Discussion lesson on local democracy", "Nowhere Vale"])
    }

    func testCompactLayoutWithAndWithoutPlacesAndDates() {
        let (ev, d) = parse("""
        National Russian Congress of municipalities
        « Read less
        Round table "Sestroretsk is our common home!"
        Intracity municipality of St. Petersburg, the city of Sestroretsk
        From 30/10/2020 to 30/10/2020
        Round table "Problems and powers of intracity municipalities"
        From 27/10/2020 to 27/10/2020
        Film "Local Democracy in Questions and Answers"
        Novoaltaisk city, Altai region
        Action #Mymovement
        Barnaul city, Altai region
        From 19/10/2020 to 23/10/2020
        The contents of this web page are published under the responsibility of X
        """)
        XCTAssertEqual(ev.map(\.title), ["Round table \"Sestroretsk is our common home!\"", "Round table \"Problems and powers of intracity municipalities\"",
                                         "Film \"Local Democracy in Questions and Answers\"", "Action #Mymovement"])
        XCTAssertEqual(ev.map { $0.location ?? "-" }, ["Intracity municipality of St. Petersburg, the city of Sestroretsk", "-", "Novoaltaisk city, Altai region", "Barnaul city, Altai region"])
        XCTAssertEqual(ev.map { $0.region?.code ?? "-" }, ["RU-SPE", "-", "RU-ALT", "RU-ALT"])
        XCTAssertEqual(ev.map { $0.start?.description ?? "-" }, ["2020-10-30", "2020-10-27", "-", "2020-10-19"])
        XCTAssertEqual(ev.map(\.source.line), [3, 6, 8, 10])
        XCTAssertTrue(d.contains { $0.code == "listing-no-date" && $0.location.line == 8 })
    }

    func testBlankLineLayoutWithIconTextAndHeadings() {
        let (ev, _) = parse("""
        Ukraine Ukraine Kharkiv

        « Kharkiv » takes part in the European Local Democracy Week - a paneuropean event coordinated by the Congress of Local and Regional Authorities of the Council of Europe - as « 12-Star City »

        ELDW citizens participation activity

        Kharkiv Reform Office

        boussole Kharkiv
        date 17/10/2018

        Communication campaign

        ELDW Communication Campaign

        boussole Kharkiv
        date From 18/09/2018 to 21/10/2018

        The contents of this web page are published under the responsibility of Kharkiv
        """)
        XCTAssertEqual(ev.map(\.title), ["Kharkiv Reform Office", "ELDW Communication Campaign"])
        XCTAssertEqual(ev.map(\.location), ["Kharkiv", "Kharkiv"])
        XCTAssertEqual(ev.map { $0.end?.description }, ["2018-10-17", "2018-10-21"])
        XCTAssertNil(ev[0].region, "a page of another country gets no Russian region")
    }

    func testFrenchPrintLayoutWithoutPlaces() {
        let (ev, _) = parse("""
        Activité concernant le thème "Protection de l'environnement"

        Participation in ELDW

        Du 11/10/2021 au 17/10/2021

        «Green Participation in Action»

        Du 01/06/2021 au 30/09/2021
        """)
        XCTAssertEqual(ev.map(\.title), ["Participation in ELDW", "«Green Participation in Action»"])
        XCTAssertEqual(ev.map(\.location), [nil, nil])
    }

    func testRussianListing() {
        let (ev, _) = parse("""
        Круглый стол «Местная демократия: укрепление доверия»
        г. Оренбург, Оренбургская область
        С 15.10.2020 по 16.10.2020
        Урок «Что такое местное самоуправление?»
        Илекский район, Оренбургская область
        15.10.2020
        """)
        XCTAssertEqual(ev.count, 2)
        XCTAssertEqual(ev.map(\.kind), ["round-table", "lesson"])
        XCTAssertEqual(ev.map { $0.region?.code }, ["RU-ORE", "RU-ORE"])
        XCTAssertEqual(ev.map(\.municipality), ["Оренбург", "Илекский"])
        XCTAssertEqual(ev[0].end?.description, "2020-10-16")
    }

    /// Entries at one place line and with one title share the holders of their place and class
    /// fields (`EventPlace`, `EventClass`); an event stays a value all the same: changing one
    /// event's field leaves the others as they were, and events compare and hash by their
    /// fields, whoever made the holders.
    func testEventsShareTheirPlaceAndClassAndStayValues() {
        let (ev, _) = parse("""
        Quiz "Local Democracy"
        Penza city
        From 20/10/2020 to 21/10/2020
        Quiz "Local Democracy"
        Penza city
        From 22/10/2020 to 23/10/2020
        """)
        XCTAssertEqual(ev.count, 2)
        XCTAssertTrue(ev[0].place === ev[1].place, "the place line's holder is shared")
        XCTAssertTrue(ev[0].classification === ev[1].classification, "the title's holder is shared")
        var changed = ev[1]
        changed.location = "Kuznetsk"
        changed.kind = "lecture"
        XCTAssertEqual(changed.location, "Kuznetsk")
        XCTAssertEqual(ev[1].location, "Penza city")
        XCTAssertEqual(ev[0].location, "Penza city")
        XCTAssertEqual(ev[1].kind, ev[0].kind)
        XCTAssertEqual(changed.region, ev[1].region)
        XCTAssertEqual(changed.topics, ev[1].topics)
        // Made apart from the same fields: equal, with equal hashes.
        let e = ev[0]
        let rebuilt = Event(id: e.id, source: e.source, title: e.title, location: e.location, municipality: e.municipality,
                            municipalityType: e.municipalityType, region: e.region, federalDistrict: e.federalDistrict,
                            start: e.start, end: e.end, kind: e.kind, topics: e.topics)
        XCTAssertFalse(rebuilt.place === e.place)
        XCTAssertEqual(rebuilt, e)
        XCTAssertEqual(rebuilt.hashValue, e.hashValue)
        var other = rebuilt
        other.federalDistrict = "none of these"
        XCTAssertNotEqual(other, e)
        other = rebuilt
        other.topics = ["elections"]
        XCTAssertNotEqual(other, e)
    }

    func testEndBeforeStartKeepsTheStart() {
        let (ev, d) = parse("Quiz \"Local Democracy\"\nPenza city\nFrom 20/10/2020 to 10/10/2020\n")
        XCTAssertEqual(ev.first?.start?.description, "2020-10-20")
        XCTAssertNil(ev.first?.end)
        XCTAssertTrue(d.contains { $0.code == "date-end-before-start" })
    }

    func testDuplicatesAreMergedAndRepeatsNoted() {
        var d: [Diagnostic] = []
        let lex = Repo.lex
        let text = "Quiz \"A\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\nQuiz \"A\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\nQuiz \"A\"\nPenza city\nFrom 22/10/2020 to 23/10/2020\n"
        let r = ListingParser(lex: lex).parse(SourceText(path: "l.txt", bytes: Array(text.utf8)), diagnostics: &d)
        let merged = EventMerger.merge(r.events, diagnostics: &d)
        XCTAssertEqual(merged.count, 2)
        XCTAssertTrue(d.contains { $0.code == "event-duplicate" && $0.severity == .warning && $0.location.line == 4 })
        XCTAssertTrue(d.contains { $0.code == "event-repeated" && $0.severity == .note && $0.location.line == 7 })
        XCTAssertEqual(Set(merged.map(\.id)).count, 2)
    }

    /// Events that share title, place and start but not the end share an id recipe: the second
    /// takes "-2", the third "-3", and the first keeps the plain id.
    func testRepeatedIdsTakeNumberedSuffixes() {
        var d: [Diagnostic] = []
        let text = (1...3).map { "Quiz \"A\"\nPenza city\nFrom 20/10/2020 to 2\($0)/10/2020\n" }.joined()
        let r = ListingParser(lex: Repo.lex).parse(SourceText(path: "l.txt", bytes: Array(text.utf8)), diagnostics: &d)
        let merged = EventMerger.merge(r.events, diagnostics: &d)
        XCTAssertEqual(merged.count, 3)
        let id = r.events[0].id
        XCTAssertEqual(merged.map(\.id), [id, id + "-2", id + "-3"])
    }

    /// The merge's notes name the earlier event as interpolation wrote them: every width of
    /// line number, the extremes of `Int32`, an empty path and one that is not ASCII.
    func testMergeNotesNameTheEarlierEventAsInterpolated() {
        for path in ["", "a.txt", "папка/файл «1».txt"] {
            for line: Int32 in [0, 1, 9, 10, 99, 100, 1_234_567, 999_999_999, 1_000_000_000, .max, -1, -42, .min] {
                XCTAssertEqual(EventMerger.naming("same title and place as ", path, line, ", on other dates; kept as a separate event"),
                               "same title and place as \(path):\(line), on other dates; kept as a separate event")
            }
        }
        XCTAssertEqual(EventMerger.naming("", "", 7, ""), ":7")
    }

    /// The dated entries and the dateless ones, each run in file order, merge into the order a
    /// sort of the two together gives: on runs of every mix, lines split at random between them.
    func testEntryRunsMergeInFileOrder() {
        var rng = SplitMix64(seed: 0xE17)
        for _ in 0..<500 {
            var a: [ListingParser.Entry] = [], b: [ListingParser.Entry] = []
            for line in 0..<Int(rng.next() % 40) where rng.next() % 3 != 0 {
                if rng.next() % 4 == 0 { b.append(.init(title: line, place: nil, date: nil)) } else { a.append(.init(title: line, place: line + 1, date: line + 2)) }
            }
            let merged = ListingParser.merged(a, b)
            XCTAssertEqual(merged.map(\.title), (a + b).map(\.title).sorted())
            XCTAssertEqual(merged.filter { $0.date == nil }.map(\.title), b.map(\.title))
        }
    }

    /// `check`'s count from keys and lines gives the events and the diagnostics of the full
    /// merge, across files, with duplicates and repeats in both.
    func testCountFromKeysIsTheMerge() {
        let a = "Quiz \"A\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\nQuiz \"B\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\n"
        let b = "Quiz \"A\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\nQuiz «A»\nPenza  city\nFrom 22/10/2020 to 23/10/2020\nQuiz \"B\"\nPenza city\nFrom 01/11/2020 to 01/11/2020\nQuiz \"B\"\nPenza city\nFrom 01/11/2020 to 01/11/2020\n"
        var merger = EventMerger(), counter = EventMerger()
        var d1: [Diagnostic] = [], d2: [Diagnostic] = []
        var merged = 0, counted = 0
        for (name, text) in [("a.txt", a), ("b.txt", b), ("c.txt", a)] {
            var d0: [Diagnostic] = []
            let r = ListingParser(lex: Repo.lex).parse(SourceText(path: name, bytes: Array(text.utf8)), diagnostics: &d0)
            merged += merger.merge(r.events, keys: r.keys, diagnostics: &d1).count
            counted += counter.count(r.keys, lines: r.events.map { Int32($0.source.line) }, file: name, diagnostics: &d2)
        }
        XCTAssertEqual(counted, merged)
        XCTAssertEqual(merged, 4)
        XCTAssertEqual(d2, d1)
        XCTAssertEqual(d1.filter { $0.code == "event-duplicate" }.count, 4)
    }

    /// The merge keeps one table of titles and places and the dates of only their later
    /// events: it must answer as the plain rule does (an event is the same as the earliest one
    /// with its title, place and dates; another with its title and place is noted against the
    /// first such), on runs of a few titles and places and a few dates, where every order of
    /// repeats comes up: a later event's dates again, the first's again, across files; dates
    /// that share a start or an end with others are other dates.
    func testMergeIsThePlainRule() {
        let day = { (d: Int) in Day(year: 2020, month: 10, day: d)! }
        var rng = SplitMix64(seed: 0x5EED)
        for round in 0..<200 {
            var merger = EventMerger()
            var exact: [Digest128.Value: String] = [:], byTitlePlace: [Digest128.Value: String] = [:]
            var got: [Diagnostic] = [], want: [Diagnostic] = []
            var keptGot = 0, keptWant = 0
            for file in 0..<3 {
                let name = "f\(file).txt"
                var keys: [EventMerger.Keys] = [], lines: [Int32] = []
                for line in 1...Int.random(in: 1...12, using: &rng) {
                    let tp = Digest128.Value(a: UInt64(Int.random(in: 0..<3, using: &rng)), b: UInt64(round))
                    // Pairs that share a start, or an end, with another, and no dates at all.
                    let pairs: [(Day?, Day?)] = [(day(1), day(2)), (day(3), day(3)), (day(5), day(9)), (day(1), day(3)), (day(5), day(2)), (nil, nil)]
                    let (start, end) = pairs[Int.random(in: 0..<pairs.count, using: &rng)]
                    let k = EventMerger.Keys(titlePlace: Digest128(lanes: tp), start: start, end: end)
                    keys.append(k)
                    lines.append(Int32(line))
                    let here = "\(name):\(line)"
                    if let first = exact[k.full] {
                        want.append(Diagnostic(.warning, "event-duplicate", "the same event as \(first) (title, place and dates); merged into it",
                                               at: SourceLocation(file: name, line: line)))
                        continue
                    }
                    exact[k.full] = here
                    keptWant += 1
                    if let first = byTitlePlace[k.titlePlace] {
                        want.append(Diagnostic(.note, "event-repeated", "same title and place as \(first), on other dates; kept as a separate event",
                                               at: SourceLocation(file: name, line: line)))
                    } else {
                        byTitlePlace[k.titlePlace] = here
                    }
                }
                keptGot += merger.count(keys, lines: lines, file: name, diagnostics: &got)
            }
            XCTAssertEqual(keptGot, keptWant)
            XCTAssertEqual(got, want)
        }
    }

    /// `Keys.full` tells an event's dates apart under one title and place: every pair of a
    /// start and an end (or none) over two years gives its own digest, the same dates give the
    /// same one, and another title and place on those dates another again.
    func testFullKeysTellEveryPairOfDatesApart() {
        var days: [Day?] = [nil]
        for y in [2024, 2025] { for m in 1...12 { for d in [1, 2, 15, 28, 29, 30, 31] { if let day = Day(year: y, month: m, day: d) { days.append(day) } } } }
        let tp = Digest128(lanes: Digest128.Value(a: 0x1234_5678, b: 0x9ABC_DEF0))
        let other = Digest128(lanes: Digest128.Value(a: 0x1234_5679, b: 0x9ABC_DEF0))
        var seen: [Digest128.Value: (Day?, Day?)] = [:]
        var pairs = 0
        for s in days { for e in days {
            let k = EventMerger.Keys(titlePlace: tp, start: s, end: e)
            if let before = seen[k.full] { XCTFail("\(s as Any)–\(e as Any) shares its digest with \(before.0 as Any)–\(before.1 as Any)") }
            seen[k.full] = (s, e)
            pairs += 1
            XCTAssertEqual(EventMerger.Keys(titlePlace: tp, start: s, end: e).full, k.full)
            XCTAssertNotEqual(EventMerger.Keys(titlePlace: other, start: s, end: e).full, k.full)
            XCTAssertEqual(k.titlePlace, tp.value)
        } }
        XCTAssertEqual(seen.count, pairs)
        XCTAssertGreaterThan(pairs, 20_000)
    }

    /// The merge state carries across files: merging file by file gives what one merge of
    /// everything gives, diagnostics included.
    func testMergeFileByFileEqualsMergeOfAll() {
        let lex = Repo.lex
        let a = "Quiz \"A\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\nQuiz \"B\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\n"
        let b = "Quiz \"A\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\nQuiz «A»\nPenza  city\nFrom 22/10/2020 to 23/10/2020\nQuiz \"B\"\nPenza city\nFrom 01/11/2020 to 01/11/2020\n"
        var d0: [Diagnostic] = []
        let ea = ListingParser(lex: lex).parse(SourceText(path: "a.txt", bytes: Array(a.utf8)), diagnostics: &d0).events
        let eb = ListingParser(lex: lex).parse(SourceText(path: "b.txt", bytes: Array(b.utf8)), diagnostics: &d0).events
        var d1: [Diagnostic] = [], d2: [Diagnostic] = []
        let once = EventMerger.merge(ea + eb, diagnostics: &d1)
        var m = EventMerger()
        let stepwise = m.merge(ea, diagnostics: &d2) + m.merge(eb, diagnostics: &d2)
        XCTAssertEqual(once, stepwise)
        XCTAssertEqual(d1, d2)
        XCTAssertEqual(once.count, 4)
        XCTAssertTrue(d1.contains { $0.code == "event-duplicate" && $0.location.file == "b.txt" && $0.message.contains("a.txt:1") })
        XCTAssertTrue(d1.contains { $0.code == "event-repeated" && $0.location.line == 4 })
    }

    /// Listing detection with its shortcuts (folded lengths read off the bytes, and only when
    /// the file has a date line) decides as the rule read line by line on strings does, on
    /// the sample and development files and on generated mixes of dates, prose and titles.
    func testListingDetectionIsTheLineByLineRule() throws {
        let lex = Repo.lex
        let p = ListingParser(lex: lex)
        func reference(_ src: SourceText) -> Bool {
            var dates = 0, prose = 0, fromForm = 0
            for i in 0..<min(src.lineCount, 5000) {
                if src.range(ofLine: i).count > 2000 { prose += 1; continue }
                let t = Normalise.spaces(src.line(i))
                if t.isEmpty { continue }
                if t.contains("«"), lex.boilerplate.role(of: t) == .owner, ListingBoilerplate.ownerName(in: t) != nil { return true }
                if p.dateLine(t) != nil {
                    dates += 1
                    let l = t.lowercased()
                    if l.hasPrefix("from") || l.hasPrefix("du ") || l.hasPrefix("date") || l.hasPrefix("с ") { fromForm += 1 }
                } else if t.unicodeScalars.count >= 200 { prose += 1 }
            }
            return fromForm >= 1 && prose <= dates * 2 || dates >= 2 && dates >= prose
        }
        var files: [[UInt8]] = []
        for dir in [Repo.root + "/seeds", Repo.shared + "/dev/events", Repo.shared + "/dev/notes"] where FileManager.default.fileExists(atPath: dir) {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
                files.append(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))))
            }
        }
        let prose = String(repeating: "Заседание совета муниципальных образований прошло в Пензе. ", count: 5)
        let lines = ["С 03.12.2020 по 07.12.2020", "From 25/11/2020 to 25/11/2020", "28.11.2019", "Акция «Чистый город» №198",
                     "г. Тверь, Тверская область", prose, "  " + prose + "  ", "", "Penza city",
                     "« Kharkiv » takes part in the European Local Democracy Week", String(repeating: "x ", count: 1_100),
                     // Lines read in full that need their whitespace folded first.
                     "С  03.12.2020\tпо 07.12.2020 ", "«  Kharkiv »\u{A0} takes  part in the European Local Democracy Week",
                     "С 2020 года  «Чистый город» " + prose]
        var state: UInt64 = 41
        for _ in 0..<2_000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<(1 + Int(state >> 59)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += lines[Int(state >> 33) % lines.count] + "\n"
            }
            files.append(Array(text.utf8))
        }
        var listings = 0
        for bytes in files {
            guard case .success(let r) = TextDecoder.decode(bytes) else { continue }
            // Read as the decoder's checked bytes, and as bytes nobody checked.
            let src = SourceText(path: "t.txt", bytes: r.bytes, validUTF8: true)
            let answer = ListingParser.looksLikeListing(src, lex: lex)
            XCTAssertEqual(answer, reference(src), String(decoding: bytes.prefix(300), as: UTF8.self))
            XCTAssertEqual(ListingParser.looksLikeListing(SourceText(path: "t.txt", bytes: r.bytes), lex: lex), answer)
            if answer { listings += 1 }
        }
        XCTAssertGreaterThan(listings, 100)
        XCTAssertLessThan(listings, files.count - 100)
        // Bytes that are not UTF-8 (never the decoder's output, but a parser may be handed
        // them) are read as the strings that repair them.
        // (A run of stray continuation bytes is no scalar to the bytes and one each to the
        // repaired string: a line of them is prose only as the string.)
        let broken: [[UInt8]] = [[0xE2, 0x43, 0x20, 0x30, 0x33], [0xC2, 0xAB, 0xFF], [0xD0, 0x21], [UInt8](repeating: 0x80, count: 190)]
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<(2 + Int(state >> 60)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes += Array(lines[Int(state >> 33) % lines.count].utf8)
                if state & 3 == 0 { bytes.insert(contentsOf: broken[Int(state >> 20) % broken.count], at: Int(state >> 40) % (bytes.count + 1)) }
                bytes.append(0x0A)
            }
            let src = SourceText(path: "t.txt", bytes: bytes)
            XCTAssertEqual(ListingParser.looksLikeListing(src, lex: lex), reference(src), String(decoding: bytes.prefix(300), as: UTF8.self))
        }
    }

    /// The seen-lines filter says "seen" of every digest it was given (until it starts
    /// afresh at its limit), and of few it was not.
    func testSeenFilterRemembersWhatItWasGiven() {
        let f = SeenFilter()
        var state: UInt64 = 3
        func digest() -> Digest128.Value {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Digest128.of(withUnsafeBytes(of: state) { $0 }, seed: 7)
        }
        // Three quarters of what it holds before it starts afresh.
        let given = (0..<(3 * SeenFilter.limit / 4)).map { _ in digest() }
        var falseSeen = 0
        for d in given where f.testAndSet(d) { falseSeen += 1 }
        XCTAssertLessThan(falseSeen, given.count / 20)
        for d in given { XCTAssertTrue(f.testAndSet(d)) }
        let others = (0..<10_000).map { _ in digest() }
        XCTAssertLessThan(others.filter { f.testAndSet($0) }.count, 1_000)
        // Past its limit it starts afresh: a digest given before is new again.
        for _ in 0..<SeenFilter.limit { _ = f.testAndSet(digest()) }
        XCTAssertLessThan(given.prefix(1_000).filter { f.testAndSet($0) }.count, 100)
    }

    /// A worker keeps one memo for all its listings: every file parses to the same events and
    /// diagnostics with a memo shared in either order as with a fresh one each, and a memo
    /// past its limits starts afresh.
    func testSharedMemoGivesWhatFreshMemosGive() throws {
        let lex = Repo.lex
        var dirs = [Repo.root + "/seeds"]
        if FileManager.default.fileExists(atPath: Repo.root + "/../shared/dev/events") { dirs.append(Repo.root + "/../shared/dev/events") }
        var sources: [SourceText] = []
        for dir in dirs {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
                guard case .success(let r) = TextDecoder.decode(bytes) else { continue }
                let src = SourceText(path: name, bytes: r.bytes)
                if ListingParser.looksLikeListing(src, lex: lex) { sources.append(src) }
            }
        }
        XCTAssertGreaterThan(sources.count, 1)
        func parse(_ src: SourceText, _ memo: ListingParser.Memo) -> ([Event], [Diagnostic]) {
            var d: [Diagnostic] = []
            let r = ListingParser(lex: lex, memo: memo).parse(src, diagnostics: &d)
            return (r.events, d)
        }
        let fresh = sources.map { parse($0, ListingParser.Memo()) }
        let forward = ListingParser.Memo()
        let shared = sources.map { parse($0, forward) }
        let backward = ListingParser.Memo()
        let reversed = Array(sources.reversed().map { parse($0, backward) }.reversed())
        for k in sources.indices {
            XCTAssertEqual(fresh[k].0, shared[k].0, sources[k].path)
            XCTAssertEqual(fresh[k].1, shared[k].1, sources[k].path)
            XCTAssertEqual(fresh[k].0, reversed[k].0, sources[k].path)
            XCTAssertEqual(fresh[k].1, reversed[k].1, sources[k].path)
        }
        XCTAssertGreaterThan(forward.title.count, 0)
        XCTAssertGreaterThan(forward.line.count, 0)
        XCTAssertGreaterThan(forward.placeKey.count, 0)
        for k in 0...ListingParser.Memo.limit {
            let key = Digest128.Value(a: UInt64(k), b: UInt64(k) &* 0x9E37_79B9_7F4A_7C15)
            forward.placeLike.set(true, for: key)
            forward.placeKey.set(key, for: key)
        }
        let titles = forward.title.count, lines = forward.line.count
        forward.trim()
        XCTAssertEqual(forward.placeLike.count, 0)
        XCTAssertEqual(forward.placeKey.count, 0)
        XCTAssertEqual(forward.title.count, titles)
        XCTAssertEqual(forward.line.count, lines)
    }

    /// Titles come back a few times each and fill the memo of text lines, which then starts
    /// afresh; the date lines, which nearly all come back, are kept apart and stay. Files of
    /// entries whose titles are all new (each three times, so the memo takes them) and whose
    /// date line is always the same: past the text memo's limit, the date line's reading is
    /// still kept after each file. (A date line of the common shape is read without the memo,
    /// `ListingDate.parseCommonShape`; this one, of one-digit days, is not of it. Its reading
    /// holds its dates, no storage, so it is kept when it is there with the same dates.)
    func testTitlesDoNotPushDateLinesOutOfTheMemo() {
        let memo = ListingParser.Memo()
        let parser = ListingParser(lex: Repo.lex, memo: memo)
        let dateLine = "From 5/3/2020 to 5/3/2020"
        XCTAssertNil(Array(dateLine.utf8).withUnsafeBufferPointer { ListingDate.parseCommonShape($0) })
        var n = 0
        for file in 0..<4 {
            var text = ""
            for _ in 0..<(ListingParser.Memo.lineLimit / 2) {
                n += 1
                for _ in 0..<3 { text += "Round table \"Local democracy\" \(n)\nPenza city, Penza region\n\(dateLine)\n" }
            }
            var d: [Diagnostic] = []
            let r = parser.parse(SourceText(path: "f\(file).txt", bytes: Array(text.utf8), validUTF8: true), diagnostics: &d)
            XCTAssertEqual(r.events.count, 3 * (ListingParser.Memo.lineLimit / 2))
            XCTAssertGreaterThan(memo.plainText.count, ListingParser.Memo.lineLimit / 4)
            parser.memo.trim()
            let key = Array(dateLine.utf8).withUnsafeBytes { ListingParser.lineKey($0) }
            XCTAssertEqual(memo.line[key]?.cls, parser.read(dateLine).cls, "file \(file)")
        }
        XCTAssertLessThan(memo.plainText.count, n)
    }

    /// records.json written piece by piece while the records stream is the same bytes as the
    /// whole file written at once, with and without records in each list.
    func testStreamedRecordsFileEqualsTheWholeFile() throws {
        let files = try FileReader.listFiles(in: Repo.root + "/seeds", extensions: [".txt"])
        let records = Pipeline(lex: Repo.lex).run(files: files)
        let dir = NSTemporaryDirectory() + "okmo-spool-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (k, r) in [records, Records(events: records.events, meetings: [], diagnostics: []),
                       Records(events: [], meetings: records.meetings, diagnostics: records.diagnostics), Records()].enumerated() {
            let w = try RecordsFileWriter(folder: dir)
            // In uneven pieces, as files would deliver them.
            var i = 0, j = 0
            while i < r.events.count || j < r.meetings.count {
                let ne = min(r.events.count, i + 1 + k * 7), nm = min(r.meetings.count, j + 2)
                try w.append(events: Array(r.events[i..<ne]), meetings: Array(r.meetings[j..<nm]))
                i = ne; j = nm
            }
            try w.finish(diagnostics: r.diagnostics).commit(to: dir + "/records.json")
            XCTAssertEqual(FileReader.readIfRegularFile(dir + "/records.json"), r.jsonBytes(), "case \(k)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }, [], "spools removed")
        }
    }

    func testUnresolvedPlaceAndSkippedLineAreWarnings() {
        let (_, d) = parse("Quiz \"A\"\nSomewhere Unknown Village\nFrom 20/10/2020 to 21/10/2020\nstray line that is nothing\nQuiz \"B\"\nPenza city\nFrom 20/10/2020 to 21/10/2020\n")
        XCTAssertTrue(d.contains { $0.code == "place-unresolved" && $0.location.line == 2 })
        XCTAssertTrue(d.contains { $0.code == "listing-skipped-line" && $0.location.line == 4 })
    }

    func testIDsSurviveLineMovesAndWhitespace() {
        let a = Event.makeID(title: "Round table  \"X\"", location: "Penza city", start: Day(year: 2020, month: 10, day: 1))
        let b = Event.makeID(title: "Round table \"X\" ", location: "Penza  city", start: Day(year: 2020, month: 10, day: 1))
        XCTAssertEqual(a, b)
    }
}

final class KindTests: XCTestCase {
    func testHeadOfThePhraseDecides() {
        let k = KindClassifier(lex: Repo.lex)
        let cases: [(String, String)] = [
            ("Round table \"Democracy\"", "round-table"), ("Discussion lesson \"Russia\"", "lesson"), ("Quest game \"Conversation\"", "game"),
            ("Book exhibition \"The future\"", "exhibition"), ("Online quiz \"What\"", "quiz"), ("Essay competition", "contest"),
            ("Business game “Game of Goals”", "game"), ("Information hour \"I am\"", "lesson"), ("Environmental marathon", "campaign"),
            ("Public hearings of the draft budget", "meeting"), ("Online conference \"Active\"", "conference"), ("Historical excursion", "excursion"),
            ("Video Lectures: Local Democracy", "lecture"), ("Festival of national sports", "festival"), ("Film \"Local\"", "lecture"),
            ("Круглый стол «Демократия»", "round-table"), ("Урок-презентация «Истоки»", "lesson"), ("Акция «Открытка»", "campaign"),
            ("Кharkiv Reform Office", "other"), ("Всероссийский муниципальный форум", "forum"), ("Classroom hours, round tables", "lesson"),
        ]
        for (t, want) in cases { XCTAssertEqual(k.classify(t), want, t) }
    }

    func testTopicsFromTitles() {
        let t = TopicTagger(lex: Repo.lex)
        XCTAssertEqual(t.topics(ofTitle: "Environmental campaign \"Hand over the batteries\""), ["ecology"])
        XCTAssertTrue(t.topics(ofTitle: "Public hearings of the draft budget").contains("budget-finance"))
        XCTAssertTrue(t.topics(ofTitle: "Выборы в молодежный парламент").contains("elections-youth"))
    }
}

final class PipelineInputTests: XCTestCase {
    /// The pipeline checks a listing's UTF-8 a line at a time, and only lines it has not met
    /// (`ListingParser.parse(checkingLinesOf:)`): a file whose one byte that is not UTF-8
    /// comes late, after lines the memo holds, in a new title, a new place, a line too long
    /// to read or a note, is read as Windows-1251 all the same, to the records and
    /// diagnostics of the file checked as a whole first.
    func testALateByteThatIsNotUTF8ReadsTheFileAsWindows1251() throws {
        let dir = NSTemporaryDirectory() + "okmo-late-1251-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Entries whose titles share a template, whose place and dates come back: by the
        // last of them the memo holds the place line, the title's template and the dates.
        var known = ""
        for k in 1...6 { known += "Action \"Hand over the batteries\" \(k)\nPenza city, Penza Oblast\nFrom 0\(k)/10/2020 to 0\(k)/10/2020\n" }
        let a: UInt8 = 0xE0  // "а" in Windows-1251; in UTF-8 a lead byte with no continuation
        let cases: [(String, [UInt8])] = [
            ("title", Array(known.utf8) + Array("Lecture \"Budget\" 7 ".utf8) + [a] + Array("\nPenza city, Penza Oblast\nFrom 07/10/2020 to 07/10/2020\n".utf8)),
            ("place", Array(known.utf8) + Array("Action \"Hand over the batteries\" 7\nTula city, Tula Oblast ".utf8) + [a] + Array("\nFrom 07/10/2020 to 07/10/2020\n".utf8)),
            ("long", Array(known.utf8) + Array(repeating: 0x78, count: 12_000) + [a, 0x0A]),
            ("same-template", Array(known.utf8) + Array("Action \"Hand over the batteries\" 7".utf8) + [a] + Array("\nPenza city, Penza Oblast\nFrom 07/10/2020 to 07/10/2020\n".utf8)),
            ("notes", Array("The council met on 1 October 2020 in Penza.\nIt discussed the budget ".utf8) + [a] + Array(".\n".utf8)),
        ]
        for (name, bytes) in cases {
            let path = dir + "/" + name + ".txt"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let got = Pipeline(lex: Repo.lex).run(files: [path])
            // The file checked as a whole, then parsed and merged.
            var diagnostics: [Diagnostic] = []
            let src = try XCTUnwrap(Pipeline.load(path, diagnostics: &diagnostics))
            XCTAssertEqual(src.encoding, .windows1251, name)
            let parsed = Pipeline(lex: Repo.lex).parse(src, diagnostics: &diagnostics)
            let events = EventMerger.merge(parsed.events, diagnostics: &diagnostics)
            XCTAssertEqual(got.events, events, name)
            XCTAssertEqual(got.meetings.map(\.title), parsed.meetings.map(\.title), name)
            XCTAssertEqual(got.diagnostics, diagnostics.sortedForOutput(), name)
            XCTAssertTrue(got.diagnostics.contains { $0.code == "input-encoding" }, name)
            XCTAssertFalse(got.events.isEmpty && got.meetings.isEmpty, name)
        }
    }

    /// A file listed in a folder and gone before it is read (an input that vanishes during the
    /// build): an error diagnostic naming it, and the other inputs are still read.
    func testAFileThatVanishesIsAnErrorNotACrash() throws {
        let dir = NSTemporaryDirectory() + "okmo-vanish-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("Quiz \"A\"\nPenza city\nFrom 01/10/2020 to 01/10/2020\n".utf8).write(to: URL(fileURLWithPath: dir + "/a.txt"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/b.txt"))
        let files = try Pipeline.expand([dir])
        XCTAssertEqual(files.count, 2)
        try FileManager.default.removeItem(atPath: dir + "/b.txt")
        let r = Pipeline(lex: Repo.lex).run(files: files)
        XCTAssertEqual(r.events.count, 1)
        let d = r.diagnostics.first { $0.code == "input-unreadable" }
        XCTAssertEqual(d?.severity, .error)
        XCTAssertEqual(d?.location.file, dir + "/b.txt")
        XCTAssertTrue(d?.message.contains("does not exist") == true)
    }
}

