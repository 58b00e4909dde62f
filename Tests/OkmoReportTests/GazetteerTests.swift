import XCTest
@testable import OkmoReport

final class GazetteerTests: XCTestCase {
    let lex = Repo.lex

    /// A subject's reference, as meetings look it up, is the one its `Region` makes, for
    /// every subject and for no other code.
    func testRegionRefsAreTheRegions() {
        let g = Repo.lex.gazetteer
        XCTAssertEqual(g.order.count, 83)
        for code in g.order {
            let r = g.region(code)
            XCTAssertEqual(g.regionRef(code), r.map { RegionRef(code: $0.code, name: $0.nameEn) }, code)
        }
        XCTAssertNil(g.regionRef("RU-XXX"))
        XCTAssertNil(g.regionRef(""))
    }

    func testEveryFederalSubjectIsLoaded() {
        XCTAssertEqual(lex.gazetteer.order.count, 83)
        XCTAssertEqual(Set(lex.gazetteer.order.compactMap { lex.gazetteer.region($0)?.district }).count, 8)
    }

    func testEnglishForms() {
        let cases: [(String, [String])] = [
            ("Orenburg region", ["RU-ORE"]), ("Orenburg Oblast", ["RU-ORE"]), ("Orenbourg Region", ["RU-ORE"]),
            ("Altai region", ["RU-ALT"]), ("Altai Republic", ["RU-AL"]), ("Republic of Altai", ["RU-AL"]),
            ("Khanty-Mansi Autonomous Okrug", ["RU-KHM"]), ("Khanty-Mansi Autonomous Area", ["RU-KHM"]),
            ("Yamalo-Nenets Autonomous District", ["RU-YAN"]), ("Yamalo-Nenets Autonomous Area", ["RU-YAN"]),
            ("Republic of Karelia", ["RU-KR"]), ("Tatarstan", ["RU-TA"]), ("Chechnya", ["RU-CE"]),
            ("Novgorod Region, Krasnoyarsk Territory", ["RU-NGR", "RU-KYA"]),
            ("Rostov, Kaliningrad and Ivanovo Regions", ["RU-ROS", "RU-KGD", "RU-IVA"]),
            ("Nizhny Novgorod, Kaluga, Amur and Sakhalin Regions", ["RU-NIZ", "RU-KLU", "RU-AMU", "RU-SAK"]),
            ("Moscow region", ["RU-MOS"]), ("Moscow", ["RU-MOW"]), ("St. Petersburg", ["RU-SPE"]),
            ("the meeting was held in Murmansk", ["RU-MUR"]), ("Kemerovo Oblast - Kuzbass", ["RU-KEM"]),
            ("Jewish Autonomous Oblast", ["RU-YEV"]), ("Stavropol Territory", ["RU-STA"]), ("Yugra", ["RU-KHM"]),
            ("Ville Penza, région de Penza", ["RU-PNZ"]), ("oblast de Tomsk", ["RU-TOM"]), ("kraï de Perm", ["RU-PER"]),
        ]
        for (text, want) in cases { XCTAssertEqual(lex.regions(text), want, text) }
    }

    func testRussianCaseFormsAndCoordinatedLists() {
        let cases: [(String, [String])] = [
            ("Белгородской, Иркутской, Калининградской, Калужской, Томской, Смоленской областей",
             ["RU-BEL", "RU-IRK", "RU-KGD", "RU-KLU", "RU-TOM", "RU-SMO"]),
            ("Оренбургская область", ["RU-ORE"]), ("в Оренбургской области", ["RU-ORE"]), ("Оренбургскую область", ["RU-ORE"]),
            ("Пермского края", ["RU-PER"]), ("Алтайский край", ["RU-ALT"]), ("Республика Алтай", ["RU-AL"]),
            ("в Республике Татарстан", ["RU-TA"]), ("Татарстана", ["RU-TA"]), ("Чечни", ["RU-CE"]),
            ("Ханты-Мансийского автономного округа — Югры", ["RU-KHM"]), ("Ямало-Ненецкого автономного округа", ["RU-YAN"]),
            ("в Москве", ["RU-MOW"]), ("Московской области", ["RU-MOS"]), ("в Подмосковье", ["RU-MOS"]),
            ("Санкт-Петербурга", ["RU-SPE"]), ("состоялась в Тамбове", ["RU-TAM"]), ("ЕКАТЕРИНБУРГ", ["RU-SVE"]),
            ("Свердловская областьЧелябинская область", ["RU-SVE", "RU-CHE"]), ("Кузбасса", ["RU-KEM"]),
            ("Новгородской и Псковской областях", ["RU-NGR", "RU-PSK"]), ("Ставропольского края", ["RU-STA"]),
        ]
        for (text, want) in cases { XCTAssertEqual(lex.regions(text), want, text) }
    }

    func testAmbiguousNamesAreReportedNotGuessed() {
        let ms = lex.gazetteer.matches(in: Tokenizer.tokens("в Алтае"))
        XCTAssertEqual(ms.count, 1)
        XCTAssertEqual(ms.first?.codes, ["RU-AL", "RU-ALT"])
        XCTAssertTrue(lex.regions("Altay").isEmpty)
    }

    /// A name part that two subjects of one type share names both in a coordinated list, in
    /// table order, and a part whose head does not take it ends the list. Built on tables of
    /// its own: the real ones have no such part.
    func testCoordinatedListPartOfTwoSubjects() {
        let regions = "code\tname_en\tname_ru\ttype\tdistrict\tcapital_en\tcapital_ru\n"
            + "XX-B\tTesta Oblast\tТестовская область\toblast\tX\tB\tБ\n"
            + "XX-A\tTesta Oblast\tТестовская область\toblast\tX\tA\tА\n"
            + "XX-C\tOther Oblast\tПрочинская область\toblast\tX\tC\tЦ\n"
            + "XX-K\tKrayna Krai\tКрайний край\tkrai\tX\tK\tК\n"
        let heads = "type\tlang\tform\noblast\tru\tобласт*\noblast\ten\toblast*\nkrai\tru\tкра*\n"
        var g = Gazetteer(regionsTSV: regions, namesTSV: "code\tlang\tform\n", headsTSV: heads, citiesTSV: "code\ten\tru\tflags\n")
        g.listSeparators = WordList([",", "и", "and"])
        let list = g.matches(in: Tokenizer.tokens("в Прочинской и Тестовской областях"))
        XCTAssertEqual(list.map(\.codes), [["XX-C"], ["XX-A", "XX-B"]])
        XCTAssertTrue(g.matches(in: Tokenizer.tokens("в Крайней и Прочинской областях")).allSatisfy { $0.codes != ["XX-K"] })
    }

    func testCitiesImplyTheirRegion() {
        XCTAssertEqual(lex.regions("Penza city", placeLine: true), ["RU-PNZ"])
        XCTAssertEqual(lex.regions("Petrozavodsk city", placeLine: true), ["RU-KR"])
        XCTAssertEqual(lex.regions("Troitsk urban district in Moscow", placeLine: true), ["RU-MOW"])
        XCTAssertEqual(lex.regions("г. Владимир"), ["RU-VLA"])
        XCTAssertEqual(lex.regions("во Владимире"), ["RU-VLA"])
    }

    func testSurnamesAndCommonWordsAreNotPlaces() {
        for s in ["Vladimir Putin", "Владимир Путин", "Sergei Korolev", "Engels wrote", "Орел и решка", "Mr Kirov said",
                  "Uğur İbrahim Altay", "Kharkiv region", "Lviv oblast", "Gagauz Autonomous Region", "Kyiv"] {
            XCTAssertTrue(lex.regions(s).isEmpty, s)
        }
    }
}

final class PlaceAnalyzerTests: XCTestCase {
    let pa = PlaceAnalyzer(lex: Repo.lex)

    func check(_ place: String, _ name: String?, _ type: String?, _ region: String?, file: StaticString = #filePath, line: UInt = #line) {
        let a = pa.analyze(place)
        XCTAssertEqual(a.municipality, name, place, file: file, line: line)
        XCTAssertEqual(a.municipalityType, type, place, file: file, line: line)
        XCTAssertEqual(a.regionCodes.first, region, place, file: file, line: line)
    }

    /// A part of generic words only ("Council", "Совет") names no municipality: the next part does.
    func testGenericPartsAreNoName() {
        check("Совет, Калуга", "Калуга", nil, "RU-KLU")
        check("Council, Kaluga", "Kaluga", nil, "RU-KLU")
        check("Администрация, Тамбов", "Тамбов", nil, "RU-TAM")
    }

    func testEnglishPlaceLines() {
        check("Intracity municipality of St. Petersburg, the city of Lomonosov", "Lomonosov", "intracity-municipality", "RU-SPE")
        check("Closed Administrative-territorial Unit Seversk, Tomsk region", "Seversk", "closed-territory", "RU-TOM")
        check("Ileksky district, Orenburg region", "Ileksky District", "municipal-district", "RU-ORE")
        check("Orenburg city, Orenburg region", "Orenburg", "city", "RU-ORE")
        check("Penza city", "Penza", "city", "RU-PNZ")
        check("Troitsk urban district in Moscow", "Troitsk Urban District", "urban-district", "RU-MOW")
        check("Urengoy village, Yamalo-Nenets Autonomous District", "Urengoy", "village", "RU-YAN")
        check("Rural settlement Kut-Yakh, Khanty-Mansi Autonomous Okrug", "Kut-Yakh", "rural-settlement", "RU-KHM")
        check("City of Ivangorod, Kingisepp Municipal District, Leningrad Region", "Ivangorod", "city", "RU-LEN")
        check("Intracity municipality of St. Petersburg, Okrug No. 78", "Okrug No. 78", "intracity-municipality", "RU-SPE")
        check("Municipality “Luganskoe”, Saratov region", "Luganskoe", nil, "RU-SAR")
        check("Council of municipalities of St. Petersburg", nil, "region", "RU-SPE")
    }

    func testRussianPlaceLines() {
        check("г. Оренбург, Оренбургская область", "Оренбург", "city", "RU-ORE")
        check("Илекский район, Оренбургская область", "Илекский", "municipal-district", "RU-ORE")
        check("ЗАТО Северск, Томская область", "Северск", "closed-territory", "RU-TOM")
        check("сельское поселение Кут-Ях, Ханты-Мансийский автономный округ — Югра", "Кут-Ях", "rural-settlement", "RU-KHM")
        check("городской округ Кашира, Московская область", "Кашира", "urban-district", "RU-MOS")
    }
}
