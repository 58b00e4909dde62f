/// A date or range named in prose, before its year is settled.
struct DateMention: Equatable, Sendable {
    enum Precision: Equatable, Sendable { case day, month, year }
    var year: Int?
    var month: Int?
    var day: Int?
    var endYear: Int?
    var endMonth: Int?
    var endDay: Int?
    var precision: Precision
    /// Token range of the mention, for context checks.
    var first: Int
    var last: Int
    var scalarStart: Int
    var scalarEnd: Int
}

/// Reads dates in Russian, English and French prose and numeric forms:
///
///     ru   := "с"? D (("-"|"и") D | "по" D)? MONTH YEAR? | "с" D MONTH "по" D MONTH YEAR? | "в" MONTH YEAR
///     en   := MONTH D (("-" | "and") D)? ","? YEAR? | D ("-" D)? MONTH ","? YEAR? | "in" MONTH ","? YEAR?
///     num  := DD.MM.YYYY | DD/MM/YYYY | YYYY-MM-DD
///     year := ("in" | "в") YYYY ("году" | "года")?
///
/// Day numbers must be 1–31 and written next to the month; "20 30 September" is not a range.
struct DateExtractor {
    let lex: Lexicons

    // Connectors of the date grammar.
    static let yearWords = WordList(["года", "году", "год", "г", "гг", "годах", "годов", "year"])
    static let dayRangeLinks = WordList(["по", "to", "until", "till", "au", "and", "и"])
    static let dayPairLinks = WordList(["и", "and", "по", "to", "au"])
    static let monthRangeOpenerWords = ["с", "from", "между", "between"]
    static let monthRangeOpeners = WordList(monthRangeOpenerWords)
    static let monthRangeLinks = WordList(["по", "to", "until", "till", "и", "and"])
    static let monthPrepositions = WordList(["in", "в", "во", "early", "late", "mid", "начале", "конце", "середине", "en"])
    static let yearPrepositions = WordList(["in", "в", "во", "since", "с", "до", "until", "by", "en", "of", "for", "за"])
    static let openerWords = ["с", "from", "between"]
    static let openers = WordList(openerWords)
    /// `openers` and `monthRangeOpeners` in one list: the words that may open a date without
    /// a number or month, asked of every word (one list's test, where each list was asked).
    static let anyOpener = WordList(openerWords + monthRangeOpenerWords)
    static let dashes = WordList(["-", "–", "—"])
    static let and = WordList(["and"])

    private func month(_ tokens: [WordToken], _ i: Int) -> (month: Int, end: Int, short: Bool)? {
        guard i < tokens.count, tokens[i].kind == .word, let (e, ms) = lex.months.longestMatch(tokens, at: i) else { return nil }
        return (ms[0].month, e, ms.allSatisfy(\.short))
    }

    private func dayNumber(_ tokens: [WordToken], _ i: Int) -> Int? {
        guard i < tokens.count, tokens[i].kind == .number, tokens[i].keys.count <= 2, let v = Int(tokens[i].norm), (1...31).contains(v) else { return nil }
        return v
    }

    private func yearNumber(_ tokens: [WordToken], _ i: Int) -> (year: Int, end: Int)? {
        guard i < tokens.count, tokens[i].kind == .number, tokens[i].keys.count == 4, let v = Int(tokens[i].norm), (1000...2999).contains(v) else { return nil }
        var e = i + 1
        if e < tokens.count, DateExtractor.yearWords.contains(tokens[e]) { e += 1 }
        return (v, e)
    }

    private func isDash(_ t: WordToken) -> Bool { t.kind == .punct && DateExtractor.dashes.contains(t) }

    /// Adjacent tokens: no letters or digits skipped between them (commas allowed where said).
    func mentions(_ tokens: [WordToken], scalars: [Unicode.Scalar]) -> [DateMention] {
        var out: [DateMention] = []
        var i = 0
        func push(_ m: DateMention) { out.append(m); i = m.last + 1 }
        // The word lists and the month table, once: read per token, each static asked its
        // once-guard (two calls a token) and each month test was a call.
        let anyOpener = DateExtractor.anyOpener
        let months = lex.months
        while i < tokens.count {
            // Most tokens start no date: punctuation never does, and a word only when it is a
            // month or an opener ("с", "from", "between"). Passed over on the buffer.
            i = tokens.withUnsafeBufferPointer { b in
                var k = i
                while k < b.count {
                    switch b[k].kind {
                    case .punct: k += 1; continue
                    case .word where !(anyOpener.contains(b[k])
                                       || (months.mayMatch(b, at: k) && month(tokens, k) != nil)): k += 1; continue
                    default: return k
                    }
                }
                return k
            }
            guard i < tokens.count else { break }
            let t = tokens[i]
            // Numeric forms are read from the text itself: the tokenizer drops the dots.
            if t.kind == .number, let m = numeric(tokens, i, scalars) { push(m); continue }
            // "с 21 по 23 апреля", "с 12 января по 30 апреля", "с 21 апреля" (range opener)
            let opener = DateExtractor.openers.contains(t) && i + 1 < tokens.count && tokens[i + 1].kind == .number
            let j = opener ? i + 1 : i
            // "20 30 September": a day right after another bare number is not a date.
            let afterNumber = j > 0 && tokens[j - 1].kind == .number && tokens[j - 1].end + 1 >= tokens[j].start
            if !afterNumber, let d1 = dayNumber(tokens, j) {
                var k = j + 1
                var d2: Int?
                var m1: Int?
                // D MONTH ... (по|-) D MONTH
                if let (mm, me, _) = month(tokens, k) {
                    m1 = mm
                    var k2 = me
                    if k2 < tokens.count, isDash(tokens[k2]) || DateExtractor.dayRangeLinks.contains(tokens[k2]),
                       let dd = dayNumber(tokens, k2 + 1), let (m2, me2, _) = month(tokens, k2 + 2) {
                        k2 = me2
                        var m = DateMention(year: nil, month: mm, day: d1, endYear: nil, endMonth: m2, endDay: dd, precision: .day,
                                            first: i, last: k2 - 1, scalarStart: tokens[i].start, scalarEnd: tokens[k2 - 1].end)
                        if let (y, ye) = yearAfter(tokens, k2) { m.year = y; m.endYear = y; m.last = ye - 1; m.scalarEnd = tokens[ye - 1].end }
                        push(m); continue
                    }
                    var m = DateMention(year: nil, month: mm, day: d1, endYear: nil, endMonth: nil, endDay: nil, precision: .day,
                                        first: i, last: me - 1, scalarStart: tokens[i].start, scalarEnd: tokens[me - 1].end)
                    if let (y, ye) = yearAfter(tokens, me) { m.year = y; m.last = ye - 1; m.scalarEnd = tokens[ye - 1].end }
                    push(m); continue
                }
                // D (-|и|and|по|to) D MONTH
                if k < tokens.count, isDash(tokens[k]) || DateExtractor.dayPairLinks.contains(tokens[k]), let dd = dayNumber(tokens, k + 1), dd > d1 {
                    d2 = dd
                    k += 2
                    if let (mm, me, _) = month(tokens, k) {
                        m1 = mm
                        var m = DateMention(year: nil, month: m1, day: d1, endYear: nil, endMonth: m1, endDay: d2, precision: .day,
                                            first: i, last: me - 1, scalarStart: tokens[i].start, scalarEnd: tokens[me - 1].end)
                        if let (y, ye) = yearAfter(tokens, me) { m.year = y; m.endYear = y; m.last = ye - 1; m.scalarEnd = tokens[ye - 1].end }
                        push(m); continue
                    }
                }
            }
            // MONTH D (-|and D)? ,? YEAR?
            if let (mm, me, _) = month(tokens, i), let d1 = dayNumber(tokens, me) {
                var last = me
                var endDay: Int?
                if me + 2 < tokens.count, isDash(tokens[me + 1]) || DateExtractor.and.contains(tokens[me + 1]), let dd = dayNumber(tokens, me + 2), dd > d1 {
                    endDay = dd; last = me + 2
                }
                var m = DateMention(year: nil, month: mm, day: d1, endYear: nil, endMonth: endDay == nil ? nil : mm, endDay: endDay, precision: .day,
                                    first: i, last: last, scalarStart: tokens[i].start, scalarEnd: tokens[last].end)
                if let (y, ye) = yearAfter(tokens, last + 1) { m.year = y; if endDay != nil { m.endYear = y }; m.last = ye - 1; m.scalarEnd = tokens[ye - 1].end }
                push(m); continue
            }
            // "с апреля 2015 года по апрель 2017 года", "from April to June 2020": one range of months.
            if opener || DateExtractor.monthRangeOpeners.contains(t), let (m1, me1, _) = month(tokens, i + 1) {
                var k = me1
                var y1: Int?
                if let (y, ye) = yearAfter(tokens, k) { y1 = y; k = ye }
                if k < tokens.count, DateExtractor.monthRangeLinks.contains(tokens[k]) || isDash(tokens[k]), let (m2, me2, _) = month(tokens, k + 1) {
                    var m = DateMention(year: y1, month: m1, day: nil, endYear: nil, endMonth: m2, endDay: nil, precision: .month,
                                        first: i, last: me2 - 1, scalarStart: tokens[i].start, scalarEnd: tokens[me2 - 1].end)
                    if let (y2, ye2) = yearAfter(tokens, me2) { m.endYear = y2; if m.year == nil { m.year = y2 }; m.last = ye2 - 1; m.scalarEnd = tokens[ye2 - 1].end }
                    push(m); continue
                }
            }
            // (in|в|early|late|начале|конце)? MONTH ,? YEAR  — or MONTH alone after "in"/"в"
            if let (mm, me, short) = month(tokens, i) {
                if let (y, ye) = yearAfter(tokens, me) {
                    push(DateMention(year: y, month: mm, day: nil, endYear: nil, endMonth: nil, endDay: nil, precision: .month,
                                     first: i, last: ye - 1, scalarStart: tokens[i].start, scalarEnd: tokens[ye - 1].end))
                    continue
                }
                if !short, i > 0, DateExtractor.monthPrepositions.contains(tokens[i - 1]) {
                    push(DateMention(year: nil, month: mm, day: nil, endYear: nil, endMonth: nil, endDay: nil, precision: .month,
                                     first: i, last: me - 1, scalarStart: tokens[i].start, scalarEnd: tokens[me - 1].end))
                    continue
                }
            }
            // (in|в) YYYY (году)?
            if let (y, ye) = yearNumber(tokens, i), i > 0, DateExtractor.yearPrepositions.contains(tokens[i - 1]) || (ye > i + 1) {
                var m = DateMention(year: y, month: nil, day: nil, endYear: nil, endMonth: nil, endDay: nil, precision: .year,
                                    first: i, last: ye - 1, scalarStart: tokens[i].start, scalarEnd: tokens[ye - 1].end)
                // "in 2014-2018", "в 2024–2025 годах": a period of years.
                if ye < tokens.count, isDash(tokens[ye]), let (y2, ye2) = yearNumber(tokens, ye + 1) {
                    m.endYear = y2; m.last = ye2 - 1; m.scalarEnd = tokens[ye2 - 1].end
                }
                push(m)
                continue
            }
            i += 1
        }
        return out
    }

    private func yearAfter(_ tokens: [WordToken], _ i: Int) -> (Int, Int)? {
        var k = i
        if k < tokens.count, tokens[k].normBytes.equals(",") { k += 1 }
        return yearNumber(tokens, k)
    }

    /// DD.MM.YYYY, DD/MM/YYYY or YYYY-MM-DD starting at number token `i`.
    private func numeric(_ tokens: [WordToken], _ i: Int, _ s: [Unicode.Scalar]) -> DateMention? {
        var p = tokens[i].start
        func digits(_ maxN: Int) -> (Int, Int)? {
            var v = 0, n = 0
            while p < s.count, n < maxN, s[p].value >= 48, s[p].value <= 57 { v = v * 10 + Int(s[p].value - 48); p += 1; n += 1 }
            if p < s.count, s[p].value >= 48, s[p].value <= 57 { return nil }
            return n == 0 ? nil : (v, n)
        }
        guard let (a, an) = digits(4) else { return nil }
        var y = 0, m = 0, d = 0
        if an == 4 {
            guard p < s.count, s[p] == "-" else { return nil }
            p += 1
            guard let (mm, mn) = digits(2), mn == 2, p < s.count, s[p] == "-" else { return nil }
            p += 1
            guard let (dd, dn) = digits(2), dn == 2 else { return nil }
            (y, m, d) = (a, mm, dd)
        } else {
            guard an <= 2, p < s.count, s[p] == "." || s[p] == "/" else { return nil }
            let sep = s[p]
            p += 1
            guard let (mm, mn) = digits(2), mn <= 2, p < s.count, s[p] == sep else { return nil }
            p += 1
            guard let (yy, yn) = digits(4), yn == 4 else { return nil }
            (y, m, d) = (yy, mm, a)
        }
        guard (1...12).contains(m), (1...31).contains(d) else { return nil }
        var last = i
        while last + 1 < tokens.count, tokens[last + 1].start < p { last += 1 }
        return DateMention(year: y, month: m, day: d, endYear: nil, endMonth: nil, endDay: nil, precision: .day,
                           first: i, last: last, scalarStart: tokens[i].start, scalarEnd: p)
    }
}
