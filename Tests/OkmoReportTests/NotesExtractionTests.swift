import XCTest
import OkmoCore
@testable import OkmoReport

/// Dates, head counts, figures and organisations in prose, and the traps they must not fall into.
final class NotesDateTests: XCTestCase {
    let lex = Repo.lex

    /// Dates a meeting could take from this text: mentions not excluded by their context.
    func dates(_ text: String) -> [DateMention] {
        let p = NotesParagraph(firstLine: 0, lastLine: 0, text: text, dates: DateExtractor(lex: lex))
        let np = NotesParser(lex: lex, defaultYear: nil)
        return p.dates.filter { m in
            let c = np.context(of: m, in: p)
            return !c.excluded && m.precision != .year && !(m.precision == .month && c.future)
        }
    }

    /// A paragraph read by the parser holds each date's context, worked out once, and it is
    /// the context itself, date by date (a paragraph made elsewhere holds none).
    func testParagraphsKeepEachDateContext() {
        let texts = ["Постановлением от 12 марта 2019 года № 5 совещание, состоявшееся 9 сентября 2021 года, перенесено.",
                     "The forum will be held on 21-23 April 2025. Since 2014 the council met on 3 May 2016 and on 5 June 2017.",
                     "Results for 2023 were discussed in December; the next session is planned for March."]
        let np = NotesParser(lex: lex, defaultYear: nil)
        let read = np.paragraphs(NotesDocument(lines: Array(texts.indices), url: nil), text: texts)
        XCTAssertEqual(read.count, texts.count)
        var dates = 0
        for (k, p) in read.enumerated() {
            let made = NotesParagraph(firstLine: k, lastLine: k, text: texts[k], dates: DateExtractor(lex: lex))
            XCTAssertEqual(p.contexts.count, p.dates.count)
            XCTAssertTrue(made.contexts.isEmpty)
            for j in p.dates.indices {
                let want = np.context(of: p.dates[j], in: p)
                XCTAssertEqual(p.contexts[j].excluded, want.excluded, texts[k])
                XCTAssertEqual(p.contexts[j].future, want.future, texts[k])
                XCTAssertEqual(np.context(of: made.dates[j], in: made).excluded, want.excluded, texts[k])
                dates += 1
            }
        }
        XCTAssertGreaterThanOrEqual(dates, 6)
    }

    /// A paragraph of one line that folding left as it was reads that line in the file's own
    /// bytes, not a copy; a line folded apart, and hard-wrapped lines joined, are bytes of
    /// their own. Each paragraph's bytes are its text either way.
    func testParagraphsOfOneLineReadTheFileInPlace() {
        let file = Array("Совещание прошло 5 мая 2021 года без\nперерыва и завершилось.\nСтрока  с  пробелами.\nЗаседание 7 мая 2021 года.\n".utf8)
        let ends = file.indices.filter { file[$0] == 0x0A }
        let starts = [0] + ends.dropLast().map { $0 + 1 }
        var lines = NotesLines(source: file)
        lines.append(source: starts[0]..<ends[0])
        lines.append(source: starts[1]..<ends[1])
        lines.append("Строка с пробелами.")
        lines.append(source: starts[3]..<ends[3])
        let np = NotesParser(lex: lex, defaultYear: nil)
        let ps = np.paragraphs(NotesDocument(lines: [0, 1, 2, 3], url: nil), lines: lines)
        XCTAssertEqual(ps.map(\.text), ["Совещание прошло 5 мая 2021 года без перерыва и завершилось.", "Строка с пробелами.", "Заседание 7 мая 2021 года."])
        let fileRange = file.withUnsafeBufferPointer { b in UInt(bitPattern: b.baseAddress!)..<UInt(bitPattern: b.baseAddress! + b.count) }
        let inFile = ps.map { p in p.withBytes { fileRange.contains(UInt(bitPattern: $0.baseAddress!)) } }
        XCTAssertEqual(inFile, [false, false, true])
        XCTAssertEqual(ps[2].withBytes { UInt(bitPattern: $0.baseAddress!) }, fileRange.lowerBound + UInt(starts[3]))
        for p in ps { XCTAssertEqual(p.withBytes { Array($0) }, Array(p.text.utf8)) }
        XCTAssertEqual(ps.map(\.dates.count), [1, 0, 1])
    }

    /// A paragraph borrows its list of stops from the word cache and gives it back, so the
    /// next paragraph's stops go to the same room; its sentences are those of a paragraph
    /// made without a cache.
    func testParagraphsBorrowTheStopsList() {
        let cache = WordCache(starts: lex.wordStarts)
        let text = "Первое. Второе предложение! Третье? Четвёртое… И пятое, с г. Москва и т. д. Шестое."
        let with = NotesParagraph(firstLine: 0, lastLine: 0, text: text, dates: DateExtractor(lex: lex), words: cache)
        let without = NotesParagraph(firstLine: 0, lastLine: 0, text: text, dates: DateExtractor(lex: lex))
        XCTAssertEqual(with.sentenceOf, without.sentenceOf)
        XCTAssertGreaterThanOrEqual(Set(with.sentenceOf).count, 5)
        let lent = cache.lendStops()
        XCTAssertTrue(lent.isEmpty)
        XCTAssertGreaterThanOrEqual(lent.capacity, 6)
    }

    func describe(_ m: DateMention) -> String {
        func f(_ y: Int?, _ mo: Int?, _ d: Int?) -> String { "\(y.map(String.init) ?? "?")-\(mo.map(String.init) ?? "?")-\(d.map(String.init) ?? "?")" }
        let a = f(m.year, m.month, m.day)
        if m.endDay == nil && m.endMonth == nil { return a }
        return a + ".." + f(m.endYear ?? m.year, m.endMonth ?? m.month, m.endDay)
    }

    func testRussianForms() {
        let cases: [(String, String)] = [
            ("Совещание состоялось 9 сентября.", "?-9-9"),
            ("состоялось 9 сентября 2021 года", "2021-9-9"),
            ("форум пройдет 21-23 апреля в Москве", "?-4-21..?-4-23"),
            ("с 21 по 23 апреля в Москве", "?-4-21..?-4-23"),
            ("Съезд, который прошел 7-8 февраля в Москве", "?-2-7..?-2-8"),
            ("семинар прошел в феврале 2018 года", "2018-2-?"),
            ("с 12 января по 30 апреля 2020 года", "2020-1-12..2020-4-30"),
            ("с 30 сентября по 2 октября 2020 г.", "2020-9-30..2020-10-2"),
            ("28.11.2019", "2019-11-28"),
            ("ЕКАТЕРИНБУРГ. 24 марта. Председатель уехал", "?-3-24"),
            // Month ranges opened by "с", "между", "from", "between" (each opener's list).
            ("с апреля 2015 года по апрель 2017 года", "2015-4-?..2017-4-?"),
            ("между мартом и июнем 2020 года", "2020-3-?..2020-6-?"),
            ("from April to June 2020", "2020-4-?..2020-6-?"),
            ("between May and July 2021", "2021-5-?..2021-7-?"),
        ]
        for (text, want) in cases { XCTAssertEqual(dates(text).first.map(describe), want, text) }
    }

    func testEnglishForms() {
        let cases: [(String, String)] = [
            ("was held in Murmansk on January 24-25.", "?-1-24..?-1-25"),
            ("happened from April 21-23 at the Russia National Center", "?-4-21..?-4-23"),
            ("was held on July 15, 2020.", "2020-7-15"),
            ("took part in a meeting on 06 August, 2020.", "2020-8-6"),
            ("The next session will be held in Tatarstan on January 29-30", "?-1-29..?-1-30"),
            ("was attended in February, 2018.", "2018-2-?"),
            ("which took place on July 29 and 31, 2020", "2020-7-29..2020-7-31"),
            ("October 5, 2010, The Kremlin, Moscow", "2010-10-5"),
            ("date 2021-04-21 Source: President of Russia", "2021-4-21"),
            ("between 26 and 28 September 2020", "2020-9-26..2020-9-28"),
            ("Du 11 au 17 octobre 2021", "2021-10-11..2021-10-17"),
        ]
        for (text, want) in cases { XCTAssertEqual(dates(text).first.map(describe), want, text) }
    }

    func testDatesThatAreNotTheMeetings() {
        for text in ["the decree dated from 07.05.2018 were discussed", "Stavropol is a member since 1991.", "the forum scheduled for April 2025",
                     "Decree of the President of the Russian Federation on May 07, 2018, No. 204", "will take place in June, 2017.",
                     "Указ Президента от 7 мая 2018 г. № 204", "на период до 2030 года", "through 15 April, 2017", "until 2024",
                     "the Charter of the Cities on April 21, 1785", "on January 1, 1864", "закон от 06.10.2003 № 131-ФЗ"] {
            XCTAssertEqual(dates(text).map(describe), [], text)
        }
    }
}

final class TrapTests: XCTestCase {
    let lex = Repo.lex

    /// At least 100 strings that must give no date, no region, no head count and no figure.
    static let traps: [String] = [
        // bare numbers, codes, versions
        "100M", "6005", "2GIS", "Room 101", "version 2.5.1", "Windows 10", "COVID-19", "ISO 3166-2", "SVO", "the 5th International Forum",
        "XII RUSSIA MUNICIPAL FORUM", "20242025", "13.18 Понедельник", "09:46", "12:00", "14:52", "Votes: 0 ( + 0 / - 0 ).", "18+", "page 2 of 10", "3/4",
        // house numbers and postcodes
        "ул. Ленина, д. 15, кв. 3", "д. 24, корп. 2, стр. 1", "индекс 630099", "Postal code 08500", "Soborna Square 1", "16a Parkova Street",
        "36 Khreshchatyk Street", "Rynok Sq., 1", "3 rue des Francs Bourgeois, 67000", "school number 222", "Okrug No. 78", "кабинет 305",
        // decree and law numbers
        "No. 204", "№ 131-ФЗ", "131-FZ", "Federal Law No. 131-FZ", "Federal LAW # 131-FZ", "Decree No. 204", "Постановление № 1234",
        "Федеральный закон № 33-ФЗ", "приказ № 45", "ст. 17", "article 40 of the Constitution", "ГОСТ 7.0.97-2016", "resolution 15/2",
        // phone numbers
        "8 (495) 730-41-95", "+7 (812) 123-45-67", "тел. 8-800-555-35-35", "phone: +7 495 123 45 67", "факс (3532) 77-12-34", "+33 3 88 41 20 00",
        // words that look like months
        "May I help you", "You may attend the session", "Mar-a-Lago", "Jan Novak said", "Марта Ивановна пришла", "Мая Плисецкая танцевала",
        "June Carter sang", "April showers", "Августа Ивановна", "March forward together", "a sept-member board", "Dec fraction", "Oct team",
        "Nov mirror", "Jul style", "Феврал был тих", "Маем не назовешь",
        // historic dates and periods that are not meetings
        "the Charter of the Cities on April 21, 1785", "Statute of Zemstvo Institutions on January 1, 1864", "в 1917 году", "since 1991",
        "с 1991 года", "founded in 1991", "until 2024", "до 2030 года", "by 2030", "dated from 07.05.2018", "от 7 мая 2018 года № 204",
        "through 15 April, 2017", "scheduled for April 2025", "in 2014-2018", "в 2024–2025 годах", "1941-1945",
        // names that look like places
        "Vladimir Putin addressed the participants", "Владимир Путин", "Sergei Korolev", "Engels wrote", "Орел и решка", "Pushkin's poems",
        "Uğur İbrahim Altay", "Mr Kirov said", "Altay", "Алтай", "Kharkiv region", "Lviv oblast", "Gagauz Autonomous Region", "Kyiv city",
        "Minsk region", "Istanbul", "Kocaeli Metropolitan Municipality", "Strasbourg", "Grand Est region",
        // counts of things that are not people, without a unit
        "16 regional days", "over 87 large and medium-sized cities", "22 digests", "13 «I like my town»", "the 10th anniversary", "75th anniversary",
        "2 октября", "Chapter 3", "12-Star City", "1450100 inhabitants",
    ]

    func testTrapsYieldNothing() {
        XCTAssertGreaterThanOrEqual(TrapTests.traps.count, 100)
        let np = NotesParser(lex: lex, defaultYear: nil)
        let qx = QuantityExtractor(lex: lex)
        var failures: [String] = []
        for t in TrapTests.traps {
            let p = NotesParagraph(firstLine: 0, lastLine: 0, text: t, dates: DateExtractor(lex: lex))
            let dates = p.dates.filter { m in
                let c = np.context(of: m, in: p)
                return !c.excluded && m.precision != .year && !(m.precision == .month && c.future)
            }
            let regions = lex.regions(t)
            let numbers = NumberScanner.scan(p.scalars, russian: t.unicodeScalars.contains { $0.value >= 0x400 && $0.value < 0x500 })
            let qs = qx.quantities(p.tokens, scalars: p.scalars, numbers: numbers, dates: p.dates)
            let head = qx.headCount(p.tokens, quantities: qs, numbers: numbers)
            // "2 октября" alone is a date: it is here for its number, which must not be a figure.
            let datesOK = t == "2 октября" || dates.isEmpty
            if !datesOK || !regions.isEmpty || head != nil || !qs.filter({ $0.unit != "people" || !t.contains("inhabitants") }).isEmpty && !t.hasSuffix("inhabitants") {
                failures.append("\(t): dates \(dates.count), regions \(regions), head \(String(describing: head)), figures \(qs.map(\.text))")
            }
        }
        XCTAssertEqual(failures, [])
    }

    func testRangeIsOneRangeNotTheThirdOfJanuary() {
        let p = NotesParagraph(firstLine: 0, lastLine: 0, text: "с 12 января по 30 апреля", dates: DateExtractor(lex: lex))
        XCTAssertEqual(p.dates.count, 1)
        XCTAssertEqual(p.dates.first?.day, 12); XCTAssertEqual(p.dates.first?.month, 1)
        XCTAssertEqual(p.dates.first?.endDay, 30); XCTAssertEqual(p.dates.first?.endMonth, 4)
    }

    func testTwoBareNumbersAreNotARange() {
        let p = NotesParagraph(firstLine: 0, lastLine: 0, text: "20 30 September", dates: DateExtractor(lex: lex))
        XCTAssertFalse(p.dates.contains { $0.day == 20 })
    }
}

final class QuantityTests: XCTestCase {
    let lex = Repo.lex

    func extract(_ t: String) -> (head: Int?, figures: [String]) {
        let p = NotesParagraph(firstLine: 0, lastLine: 0, text: t, dates: DateExtractor(lex: lex))
        let ru = t.unicodeScalars.contains { $0.value >= 0x400 && $0.value < 0x500 }
        let numbers = NumberScanner.scan(p.scalars, russian: ru)
        let qx = QuantityExtractor(lex: lex)
        let qs = qx.quantities(p.tokens, scalars: p.scalars, numbers: numbers, dates: p.dates)
        return (qx.headCount(p.tokens, quantities: qs, numbers: numbers),
                qs.map { "\(JSONWriter.formatNumber($0.value)) \($0.unit == "headcount" ? "people" : $0.unit)" })
    }

    func testHeadCounts() {
        let cases: [(String, Int?)] = [
            ("About 8,000 representatives of municipalities will take part", 8000), ("Approximately 4,000 attendees participated", 4000),
            ("В нем приняли участие 300 человек.", 300), ("Всего было около 200 человек.", 200), ("собравшую на площадке 750 представителей", 750),
            ("Over 80 participants representing 27 regions", 80), ("The total number of participants exceeded 90.", 90),
            ("В нем приняли участие представители 75 регионов.", nil), ("with the population of about 60 million people", nil),
            ("2.5 million employees of local administrations", nil), ("representatives of 16 cities from 12 countries", nil),
            ("On August 13 representatives of the committee", nil), ("in 2017. The forum participants got acquainted", nil),
            ("nearly 4 000 участников", 4000),
            // "the number of participants ... 300": the participant word in any case form.
            ("Число участников превысило 300.", 300), ("Общее количество участников форума составило 1200.", 1200),
        ]
        for (t, want) in cases { XCTAssertEqual(extract(t).head, want, t) }
    }

    /// A head count past what an `Int` holds is no head count, not a crash (the notes fuzzer
    /// found one: a count written with twenty-odd digits).
    func testHeadCountsPastAnIntAreNone() {
        let huge = String(repeating: "9", count: 25)
        XCTAssertNil(extract("Over \(huge) participants attended").head)
        XCTAssertNil(extract("The total number of participants exceeded \(huge).").head)
        XCTAssertNil(extract("Число участников превысило \(huge).").head)
        XCTAssertEqual(extract("Over 9000000000000000 participants attended").head, 9_000_000_000_000_000)
    }

    func testFigures() {
        let cases: [(String, [String])] = [
            ("Local budgets’ revenues exceeded 8 trillion rubles", ["8000000000000 RUB"]),
            ("доходы превысили 8 трлн рублей", ["8000000000000 RUB"]),
            ("выделено 1,5 млрд руб. на проекты", ["1500000000 RUB"]),
            ("Tax revenues grew by an impressive 26% compared to 2023", ["26 percent"]),
            ("emissions have been reduced by 32%", ["32 percent"]),
            ("more than 8,700 hectares of forests", ["8700 hectare"]),
            ("more than 287 kilometers of coastline", ["287 km"]),
            ("a record-breaking 41,313 applications", ["41313 applications"]),
            ("получил грант в размере 500 000 рублей", ["500000 RUB"]),
            ("представители 75 регионов", ["75 regions"]),
            ("снизилась на 12,5 процента", ["12.5 percent"]),
        ]
        for (t, want) in cases { XCTAssertEqual(extract(t).figures, want, t) }
    }
}

final class NotesParserTests: XCTestCase {
    func parse(_ text: String, year: Int? = nil) -> ([Meeting], [Diagnostic]) {
        var d: [Diagnostic] = []
        let m = NotesParser(lex: Repo.lex, defaultYear: year).parse(SourceText(path: "n.txt", bytes: Array(text.utf8)), diagnostics: &d)
        return (m, d)
    }

    func testJunkHeadlineURLAndSeveralArticles() {
        let (ms, _) = parse("""
        Skip to content
        Мероприятия
        Совет муниципальных образований провел заседание

        Заседание состоялось 9 сентября 2021 года в Калуге. В нем приняли участие 120 человек.
        http://example.org/news/1
        Read also:
        Forum of municipalities held in Kazan

        The forum was held on October 5, 2022 in Kazan. Over 500 participants attended.
        """)
        XCTAssertEqual(ms.count, 2)
        XCTAssertEqual(ms.map(\.title), ["Совет муниципальных образований провел заседание", "Forum of municipalities held in Kazan"])
        XCTAssertEqual(ms.map { $0.start?.description }, ["2021-09-09", "2022-10-05"])
        XCTAssertEqual(ms.map(\.participants), [120, 500])
        XCTAssertEqual(ms.map(\.url), ["http://example.org/news/1", nil])
        XCTAssertEqual(ms.map(\.language), ["ru", "en"])
        XCTAssertEqual(ms.map { $0.regions.map(\.code) }, [["RU-KLU"], ["RU-TA"]])
        XCTAssertEqual(ms.map(\.place), ["Калуге", "Kazan"])
    }

    /// Every address line after text ends an article: its own address when it has none yet
    /// (address at the foot), else the next article's (address at the top). Articles with
    /// their addresses at the top, and an article after one whose own address at the foot was
    /// followed by another's at the top, are documents of their own, not one.
    func testEveryAddressAfterTextEndsAnArticle() {
        let a = "Совет муниципальных образований провел заседание\n\nЗаседание состоялось 9 сентября 2021 года в Калуге.\n"
        let b = "Forum of municipalities held in Kazan\n\nThe forum was held on October 5, 2022 in Kazan.\n"
        let c = "Ассоциация провела семинар\n\nСеминар прошел 12 марта 2020 года в Твери.\n"
        // Addresses at the top.
        let top = parse("http://example.org/a\n" + a + "http://example.org/b\n" + b + "http://example.org/c\n" + c).0
        XCTAssertEqual(top.map(\.url), ["http://example.org/a", "http://example.org/b", "http://example.org/c"])
        XCTAssertEqual(top.map { $0.start?.description }, ["2021-09-09", "2022-10-05", "2020-03-12"])
        // At the foot.
        let foot = parse(a + "http://example.org/a\n" + b + "http://example.org/b\n" + c + "http://example.org/c\n").0
        XCTAssertEqual(foot.map(\.url), ["http://example.org/a", "http://example.org/b", "http://example.org/c"])
        // An address at the foot, then two in a row (the article's own and a feed's): the
        // second opens the next article, whose own address at the foot then ends it.
        let mixed = parse(a + "http://example.org/a\nhttp://feed.example/2\n" + b + "http://example.org/b\n" + c).0
        XCTAssertEqual(mixed.map(\.title), ["Совет муниципальных образований провел заседание", "Forum of municipalities held in Kazan",
                                            "Ассоциация провела семинар"])
        XCTAssertEqual(mixed.map(\.url), ["http://example.org/a", "http://feed.example/2", "http://example.org/b"])
        XCTAssertEqual(mixed.map { $0.regions.map(\.code) }, [["RU-KLU"], ["RU-TA"], ["RU-TVE"]])
    }

    /// A document past `partBytes` of text, with no address or rule line to end it, is read in
    /// parts: cut at a paragraph's start, or at any line past twice the size when it has no
    /// blank line, each part a document (here a meeting) of its own with the address, and one
    /// note says so. Held whole, its paragraphs took 26 times its size in memory (9 MB of
    /// pasted feed, 233 MB).
    func testALongDocumentIsReadInParts() {
        let paragraph = "Совет муниципальных образований обсудил вопросы местного самоуправления и бюджета.\n"
        func read(_ text: String, part: Int) -> ([Meeting], [Diagnostic]) {
            var np = NotesParser(lex: Repo.lex, defaultYear: 2021)
            np.partBytes = part
            var d: [Diagnostic] = []
            let ms = np.parse(SourceText(path: "n.txt", bytes: Array(text.utf8)), diagnostics: &d)
            return (ms, d)
        }
        let size = paragraph.utf8.count
        // Twenty paragraphs between blank lines, an address at the top: parts of four paragraphs.
        let spaced = "http://example.org/feed\n" + Array(repeating: paragraph, count: 20).joined(separator: "\n")
        let (whole, quiet) = read(spaced, part: 1 << 20)
        XCTAssertEqual(whole.count, 1)
        XCTAssertFalse(quiet.contains { $0.code == "notes-long-document" })
        let (parts, d) = read(spaced, part: 4 * size)
        XCTAssertEqual(parts.count, 5)
        XCTAssertEqual(parts.map(\.url), Array(repeating: "http://example.org/feed", count: 5))
        XCTAssertEqual(parts.map { ($0.source.endLine ?? 0) - $0.source.line }, Array(repeating: 6, count: 5))
        XCTAssertEqual(d.filter { $0.code == "notes-long-document" }.map(\.location.line), [2])
        // No blank line: cut at any line past twice the size.
        let packed = Array(repeating: paragraph, count: 20).joined()
        let (lines, _) = read(packed, part: 4 * size)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines.map { ($0.source.endLine ?? 0) - $0.source.line + 1 }, [8, 8, 4])
    }

    /// The place is a subject or city named after a locative word ("в", "in", "at"), or after
    /// "city of" / "town of": a name elsewhere in the text is no place.
    func testPlaceAfterLocativeWords() {
        func place(_ body: String) -> String? { parse("Forum\n\n" + body).0.first?.place }
        XCTAssertEqual(place("The forum was held on 5 May 2021 in the city of Kazan."), "Kazan")
        XCTAssertEqual(place("The forum was held on 5 May 2021 at Kazan."), "Kazan")
        XCTAssertEqual(place("Форум муниципальных образований прошёл 5 мая 2021 года в Калуге."), "Калуге")
        XCTAssertNil(place("The forum was held on 5 May 2021. Kazan sent a delegation."))
    }

    /// A meeting with no place named takes the first online marker of the table found in
    /// its text, in any case and in any paragraph (the table's order decides, not the
    /// text's), also in a paragraph that only the Unicode tables lower.
    func testOnlineMarkersNameThePlace() {
        func place(_ body: String) -> String? {
            parse("Заседание совета\n\n" + body).0.first?.place
        }
        XCTAssertEqual(place("Заседание прошло 9 сентября 2021 года в режиме ВИДЕОКОНФЕРЕНЦИИ."), "videoconference")
        XCTAssertEqual(place("Заседание прошло 9 сентября 2021 года онлайн."), "online")
        XCTAssertEqual(place("The meeting was held ONLINE on 5 May 2021.\n\nIt was a Video-Conference."), "videoconference")
        XCTAssertEqual(place("It was a video conference.\n\nThe meeting was held online on 5 May 2021."), "videoconference")
        XCTAssertEqual(place("Ἑλλάς: the meeting was held Online on 5 May 2021."), "online")
        XCTAssertNil(place("Заседание прошло 9 сентября 2021 года."))
    }

    /// Lines of checked UTF-8 are folded on their bytes: the meetings are those read from
    /// the same text left unchecked (through each line's string), with double, leading,
    /// trailing and no-break spaces, tabs and a BOM in the lines.
    func testCheckedLinesFoldAsTheirStrings() {
        let text = "  Совет\u{00A0}муниципальных  образований провел\tзаседание \n\n"
            + "\u{FEFF}Заседание состоялось  9 сентября 2021 года в\u{00A0}Калуге.\u{2009}В нем приняли участие 120 человек. \n ---  \n"
            + "Forum  of municipalities held in Kazan\n\nThe forum was held on October 5, 2022 in Kazan.  Over 500 participants attended.\n"
        let bytes = Array(text.utf8)
        func meetings(_ checked: Bool) -> [Meeting] {
            var d: [Diagnostic] = []
            return NotesParser(lex: Repo.lex).parse(SourceText(path: "n.txt", bytes: bytes, validUTF8: checked), diagnostics: &d)
        }
        let checked = meetings(true)
        XCTAssertEqual(checked, meetings(false))
        XCTAssertEqual(checked.map(\.title), ["Совет муниципальных образований провел заседание", "Forum of municipalities held in Kazan"])
    }

    /// Each token's sentence: a stop before a space and a capital (or digit, or opening
    /// quote) ends one, unless the word before it is an initial or a short lower-case
    /// abbreviation; "!" and "?" belong to the sentence they end.
    func testSentenceNumbers() {
        let cases: [(String, [Int])] = [
            ("Он пришёл. Она ушла.", [0, 0, 1, 1]),
            ("Выступил А. Иванов. Потом", [0, 0, 0, 1]),
            ("Итоги! Всё?", [0, 0, 1, 1]),
            ("в 2020 г. Москва", [0, 0, 0, 1]),
            ("ул. Ленина", [0, 0]),
            ("в 5.30 Начало", [0, 0, 0, 0]),
            ("Конец. «Начало» и 2021. 5 мая", [0, 1, 1, 1, 1, 1, 2, 2]),
        ]
        for (text, want) in cases {
            let p = NotesParagraph(firstLine: 0, lastLine: 0, text: text, dates: DateExtractor(lex: Repo.lex))
            XCTAssertEqual(p.sentenceOf, want, text)
        }
    }

    /// Hard-wrapped lines join: a line that ends without a stop, followed by one that opens
    /// in lower case (any script), is one paragraph with it; a stop, a closing quote, an
    /// upper-case or non-letter opening, or a gap keeps them apart.
    func testHardWrappedLinesJoin() {
        let np = NotesParser(lex: Repo.lex)
        func joined(_ lines: [String]) -> [String] {
            np.paragraphs(NotesDocument(lines: Array(lines.indices), url: nil), text: lines).map(\.text)
        }
        XCTAssertEqual(joined(["Заседание совета состоялось", "в Калуге 9 сентября 2021 года."]), ["Заседание совета состоялось в Калуге 9 сентября 2021 года."])
        XCTAssertEqual(joined(["The meeting took place", "état", "ёлка", "and ended"]), ["The meeting took place état ёлка and ended"])
        XCTAssertEqual(joined(["Он сказал.", "и ушёл"]), ["Он сказал.", "и ушёл"])
        XCTAssertEqual(joined(["Форум «Города»", "прошёл"]), ["Форум «Города»", "прошёл"])
        XCTAssertEqual(joined(["Форум прошёл", "В Калуге"]), ["Форум прошёл", "В Калуге"])
        XCTAssertEqual(joined(["Форум прошёл", "2021 года", "«и»"]), ["Форум прошёл", "2021 года", "«и»"])
        XCTAssertEqual(joined(["Итоги:", "все"]), ["Итоги:", "все"])
        let gap = np.paragraphs(NotesDocument(lines: [0, 2], url: nil), text: ["Форум прошёл", "", "в Калуге"]).map(\.text)
        XCTAssertEqual(gap, ["Форум прошёл", "в Калуге"])
    }

    /// Whether a line ends a paragraph (its last `Character` is a stop) is asked on the bytes
    /// when the last two scalars are their own `Character`s: it gives what the last
    /// `Character` gives, also where a combining mark, an emoji sequence or a flag would join
    /// scalars; and the first scalar of the bytes is the string's.
    func testLineEndsAsTheLastCharacter() {
        let stops = ".!?:;»\"”"
        var texts: [String] = ["", ".", "a.", "Он сказал.", "Итоги:", "«Города»", "x\u{201D}", "x.\u{301}", "x\u{301}.", ".\u{301}",
                               "e\u{301}", "\u{1F600}.", "\u{1F1F7}\u{1F1FA}", "a\r", ".\r", "\u{0600}.", "\u{0600}:", "x\u{200D}.", "ё!", "»", "Ё?"]
        for a in ["", "x", "ё", "\u{301}", "\u{0600}", "\u{200D}", "\u{1F1F7}", " "] {
            for b in stops.map(String.init) + ["a", "е", "\u{301}", "\u{1F600}", "\u{1F1FA}"] { texts.append("Слово" + a + b) }
        }
        for t in texts {
            let bytes = Array(t.utf8)
            let want = t.last.map { stops.contains($0) } ?? false
            XCTAssertEqual(bytes.withUnsafeBufferPointer(NotesParser.endsWithStop), want, t.debugDescription)
            XCTAssertEqual(bytes.withUnsafeBufferPointer(UTF8Bytes.firstScalar), t.unicodeScalars.first, t.debugDescription)
            for limit in [0, 1, 3, 5] {
                XCTAssertEqual(bytes.withUnsafeBufferPointer { UTF8Bytes.hasMoreScalars(than: limit, utf8: $0) }, t.unicodeScalars.count > limit, t.debugDescription)
            }
        }
    }

    /// The lines of a file: read in place where they are folded already, kept apart where
    /// folding changed them or a bullet was dropped, in order either way.
    func testLinesAreReadInPlaceOrMade() {
        let source = Array("Первая строка\nвторая  строка\n• третья\n• · четвёртая\n•\u{301} пятая\n• \u{301}шестая".utf8)
        let src = SourceText(path: "t.txt", bytes: source, encoding: .utf8, validUTF8: true)
        var lines = NotesLines(source: source)
        for i in 0..<src.lineCount {
            let r = src.range(ofLine: i)
            let folded = Normalise.spaces(src.line(i))
            if folded == src.line(i) { lines.append(source: r) } else { lines.append(folded) }
            lines.dropBullets(ofLast: NotesParser.bullets, leads: NotesParser.bulletLeads)
        }
        let read = (0..<lines.count).map { i in lines.withLine(i) { String(decoding: $0, as: UTF8.self) } }
        // A bullet with a combining mark is not "• " as Characters: kept. A mark on the space
        // after a bullet is part of the second Character, dropped with it.
        XCTAssertEqual(read, ["Первая строка", "вторая строка", "третья", "четвёртая", "•\u{301} пятая", "шестая"])
    }

    /// A list bullet opening a line is dropped, whichever of the four it is; a line that only
    /// shares a bullet's first byte keeps it.
    func testBulletsAreDropped() {
        for bullet in ["•", "·", "▪", "►"] {
            let (ms, _) = parse("\(bullet) Совет муниципальных образований провел заседание\n\nЗаседание состоялось 9 сентября 2021 года в Калуге.")
            XCTAssertEqual(ms.map(\.title), ["Совет муниципальных образований провел заседание"], bullet)
        }
        let (ms, _) = parse("– Совет муниципальных образований провел заседание\n\nЗаседание состоялось 9 сентября 2021 года в Калуге.")
        XCTAssertEqual(ms.map(\.title), ["– Совет муниципальных образований провел заседание"])
    }

    func testYearFromTextThenOptionThenWarning() {
        XCTAssertEqual(parse("Заседание\n\nЗаседание прошло 9 сентября. Отчет за период с апреля 2015 года по апрель 2017 года.").0.first?.start?.description, "2017-09-09")
        XCTAssertEqual(parse("Meeting\n\nThe meeting was held on 9 September.", year: 2020).0.first?.start?.description, "2020-09-09")
        let (ms, d) = parse("Meeting\n\nThe meeting was held on 9 September.")
        XCTAssertNil(ms.first?.start)
        XCTAssertTrue(d.contains { $0.code == "notes-no-year" })
    }

    func testPublicationDateIsTheFallback() {
        let (ms, _) = parse("Новости\n28.11.2019\nСъезд ОКМО\n\nДелегаты обсудили доклад.")
        XCTAssertEqual(ms.first?.start?.description, "2019-11-28")
        XCTAssertEqual(ms.first?.organizations.map(\.id), ["OKMO"])
    }

    func testChronicleGivesOneMeetingPerDatedParagraph() {
        let (ms, _) = parse("""
        Cooperation with associations

        The city is a member of the Union since 1991.
        The meeting of the Board of the Association was held on July 15, 2020 in Georgievsk.
        The issues of cadastral registration were discussed.
        On August 13 representatives took part in the expert platform meeting "Role of local government".
        A webinar "Social policy" was held on August 21, 2020 as part of the expert online platform.
        """)
        XCTAssertEqual(ms.map { $0.start?.description }, ["2020-07-15", "2020-08-13", "2020-08-21"])
        XCTAssertEqual(ms.map(\.source.line), [4, 6, 7])
        XCTAssertEqual(ms.first?.source.endLine, 5)
        XCTAssertEqual(ms.first?.place, "Georgievsk")
        XCTAssertNil(ms[1].participants)
    }

    /// A chronicle needs three dated paragraphs on three different dates, told apart by year,
    /// month and day: three days of one month are three meetings; one date three times (a
    /// meeting told in three paragraphs) is one.
    func testChronicleNeedsThreeDistinctDates() {
        let sameMonth = parse("""
        News

        The meeting of the Board of the Association was held on July 15, 2020 in Georgievsk.
        The forum of the Association was held on July 16, 2020 in Penza.
        The conference of the Association was held on July 17, 2020 in Tula.
        """).0
        XCTAssertEqual(sameMonth.map { $0.start?.description }, ["2020-07-15", "2020-07-16", "2020-07-17"])
        let sameDay = parse("""
        News

        The meeting of the Board of the Association was held on July 15, 2020 in Georgievsk.
        The forum of the Association was held on July 15, 2020 in Penza.
        The conference of the Association was held on July 15, 2020 in Tula.
        """).0
        XCTAssertEqual(sameDay.count, 1)
        XCTAssertEqual(sameDay.first?.start?.description, "2020-07-15")
    }

    func testOrganisationVariantsOfMachineTranslation() {
        let (ms, _) = parse("Forum\n\nThe forum of VARNMU and WARMSU and VARSU was held with the Union of Russian Cities and ОКМО and ОАТОС on 5 May 2024.")
        XCTAssertEqual(ms.first?.organizations.map(\.id), ["OATOS", "OKMO", "RCU", "VARMSU"])
        XCTAssertEqual(parse("Forum\n\nThe forum was held in a rcu-like format on 5 May 2024.").0.first?.organizations.map(\.id), [])
    }
}
