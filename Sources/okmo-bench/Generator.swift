import OkmoCore

/// The generator's choices, from SplitMix64: the same numbers for the same seed, on every machine.
struct Random {
    private var source: SplitMix64
    init(state: UInt64) { source = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { source.next() }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

/// Corpora for `make bench`, made by recombining and varying the seeds with places from data/:
/// the same bytes for the same size every time.
struct Generator {
    struct Region { var en: String; var ru: String; var capitalEn: String; var capitalRu: String; var type: String }
    var regions: [Region] = []
    var seedNotes: [String] = []
    var rng = Random(state: 2020)

    /// Why a generator can't be made: the corpora are built from `data/regions.tsv` and the
    /// notes in `seeds/`, so a run from another folder would otherwise pick from empty lists.
    struct MissingInput: Error, CustomStringConvertible {
        var root: String
        var description: String {
            "found no regions in \(root)/data/regions.tsv or no notes in \(root)/seeds/: run it from the project's root, or pass --root DIR"
        }
    }

    init(root: String) throws {
        let text = String(decoding: (try? FileReader.read(root + "/data/regions.tsv")) ?? [], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("RU-") {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count >= 7 else { continue }
            regions.append(Region(en: c[1], ru: c[2], capitalEn: c[5], capitalRu: c[6], type: c[3]))
        }
        for f in (try? FileReader.listFiles(in: root + "/seeds", extensions: [".txt"])) ?? [] where !f.contains("/000_") {
            seedNotes.append(String(decoding: (try? FileReader.read(f)) ?? [], as: UTF8.self))
        }
        if regions.isEmpty || seedNotes.isEmpty { throw MissingInput(root: root) }
    }

    static let kindsEn = ["Round table", "Lesson", "Quiz", "Contest", "Exhibition", "Conference", "Meeting with the head of the municipality",
                          "Action", "Festival", "Business game", "Excursion", "Lecture", "Forum", "Information hour", "Open lesson", "Classroom hour"]
    static let kindsRu = ["Круглый стол", "Урок", "Викторина", "Конкурс", "Выставка", "Конференция", "Встреча с главой", "Акция", "Фестиваль",
                          "Деловая игра", "Экскурсия", "Лекция", "Форум", "Классный час"]
    static let themesEn = ["Local democracy: building trust", "Democracy begins with a choice", "We are the future voters", "Territory of health",
                           "Hand over the batteries", "The origins of local self-government", "Active citizenship", "My city, my choice"]
    static let themesRu = ["Местная демократия: укрепление доверия", "Молодёжь и выборы", "Чистый город", "История местного самоуправления",
                           "Инициативный бюджет", "Мой двор — моя забота"]
    static let monthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let monthsRu = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]

    mutating func place() -> String {
        let r = rng.pick(regions)
        let short = r.en.replacing(" Oblast", with: "").replacing(" Krai", with: "")
        switch rng.int(6) {
        case 0: return "\(r.capitalEn) city, \(short) region"
        case 1: return "\(r.capitalEn) city, \(r.en)"
        case 2: return "г. \(r.capitalRu), \(r.ru)"
        case 3: return "Rural settlement \(rng.pick(["Novoselki", "Kut-Yakh", "Berezovka", "Lesnoe"])), \(r.en)"
        case 4: return "\(rng.pick(["Ileksky", "Vadinsky", "Kirsanovsky", "Volsky"])) district, \(short) region"
        default: return "\(r.capitalEn) urban district, \(r.en)"
        }
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// One listing file of about `bytes` bytes.
    mutating func listing(bytes: Int) -> [UInt8] {
        var s = "National Russian Congress of municipalities\n« National Russian Congress of municipalities » takes part in the European Local Democracy Week - a paneuropean event coordinated by the Congress of Local and Regional Authorities of the Council of Europe - as « Partner association »\n« Read less\n"
        while s.utf8.count < bytes {
            let ru = rng.int(4) == 0
            let title = ru ? "\(rng.pick(Generator.kindsRu)) «\(rng.pick(Generator.themesRu))» №\(rng.int(500))"
                           : "\(rng.pick(Generator.kindsEn)) \"\(rng.pick(Generator.themesEn))\" \(rng.int(500))"
            s += title + "\n"
            if rng.int(10) != 0 { s += place() + "\n" }
            if rng.int(12) != 0 {
                let m = 1 + rng.int(12), d = 1 + rng.int(25), len = rng.int(6)
                s += ru ? "С \(Generator.two(d)).\(Generator.two(m)).2020 по \(Generator.two(d + len)).\(Generator.two(m)).2020\n"
                        : "From \(Generator.two(d))/\(Generator.two(m))/2020 to \(Generator.two(d + len))/\(Generator.two(m))/2020\n"
            }
        }
        s += "The contents of this web page are published under the responsibility of National Russian Congress of municipalities\n"
        return Array(s.utf8)
    }

    /// One notes file of about `bytes` bytes: seed articles with other dates and places, each
    /// ended by its address line.
    mutating func notes(bytes: Int) -> [UInt8] {
        var s = ""
        var n = 0
        while s.utf8.count < bytes {
            var a = rng.pick(seedNotes)
            let r = rng.pick(regions)
            let m = rng.int(12), d = 1 + rng.int(26)
            a = a.replacing("9 сентября", with: "\(d) \(Generator.monthsRu[m])")
                .replacing("January 24-25", with: "\(Generator.monthsEn[m]) \(d)-\(d + 1)")
                .replacing("April 21-23", with: "\(Generator.monthsEn[m]) \(d)-\(d + 2)")
                .replacing("Murmansk", with: r.capitalEn)
                .replacing("75 регионов", with: "\(10 + rng.int(70)) регионов")
                .replacing("8,000", with: "\(1 + rng.int(9)),\(100 + rng.int(899))")
            n += 1
            s += a + "\n\nhttp://example.org/news/\(n)\n\n"
        }
        return Array(s.utf8)
    }

    /// A Markdown document of about `bytes` bytes using every construct of CommonMark and GFM tables.
    mutating func markdown(bytes: Int) -> [UInt8] {
        var s = ""
        var i = 0
        while s.utf8.count < bytes {
            i += 1
            s += """
            # Глава \(i): *местное* самоуправление

            Раздел \(i)
            ---------

            Абзац с **полужирным**, *курсивом*, `кодом`, [ссылкой](https://okmo.ru/\(i) "заголовок"), ![рисунок](img/\(i).png),
            <https://example.org/\(i)>, сущностями &amp; &copy; &#1046; и экранированием \\*звёздочек\\*.\u{20}\u{20}
            Жёсткий перенос строки и [ссылка по метке][ref\(i)].

            > Цитата с *выделением*
            > - и списком
            > - внутри

            1. Первый пункт
            2. Второй пункт с `кодом`

               продолжение второго пункта
            3. Третий

            - плотный
            - список

            ```swift
            let x = \(i) * 2 // код
            ```

                отступ кода \(i)

            <div class="note">HTML-блок \(i)</div>

            | Регион | Мероприятий | Доля |
            |:-------|------------:|:----:|
            | Пенза  | \(i) | \(i % 100) % |
            | Тамбов | \(i + 1) | \\| |

            ***

            [ref\(i)]: https://okmo.ru/ref/\(i) "Метка"


            """
        }
        return Array(s.utf8)
    }
}
