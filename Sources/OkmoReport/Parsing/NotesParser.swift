import OkmoCore

/// Turns meeting notes and news (Russian or English, pasted from web pages) into meetings.
///
/// The file is cleaned of navigation junk (`data/notes-boilerplate.tsv`), split into articles
/// (a bare address line or a rule line ends one), and each article into paragraphs. An article
/// describes one meeting, unless three or more of its paragraphs each give their own dated
/// occasion: then it is a chronicle, and each such paragraph starts a meeting.
struct NotesParser {
    let lex: Lexicons
    var defaultYear: Int?
    /// Norms of words seen before: the pipeline passes its worker's, shared by the files the
    /// worker parses (a parser runs on one thread).
    var words = WordCache()
    /// The bytes of text past which a document is read in parts (see `parse`).
    var partBytes = 1 << 20

    // MARK: Lines and documents

    /// Whether `t` has at most `limit` space-separated chunks holding an ASCII or Cyrillic
    /// letter (a scalar led by D0 or D1: all letters). Each such chunk holds a word at least.
    static func lettered(chunksOf t: String, atMost limit: Int) -> Bool {
        t.withUTF8Bytes { lettered(chunksOf: $0, atMost: limit) }
    }

    static func lettered(chunksOf b: UnsafeBufferPointer<UInt8>, atMost limit: Int) -> Bool {
        var chunks = 0
        var counted = false
        for c in b {
            if c == 0x20 { counted = false; continue }
            if !counted && ((c | 0x20) &- 0x61 < 26 || c == 0xD0 || c == 0xD1) {
                counted = true
                chunks += 1
                if chunks > limit { return false }
            }
        }
        return true
    }

    /// A line the junk table (`data/notes-boilerplate.tsv`) names, compared on the lower-cased
    /// line's bytes.
    func isJunk(_ t: String) -> Bool { t.withUTF8Bytes(isJunk(utf8:)) }

    /// `isJunk` of a line's UTF-8 bytes.
    func isJunk(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        // A paragraph is far longer than any rule: only its first bytes are lowered, cut at a
        // scalar boundary, and exact rules are skipped (see `Lexicons.notesJunkWindow`).
        // Most lines open with no rule's first bytes: refused before any lowering.
        guard lex.notesJunkRules.mayMatch(line: b) else { return false }
        let (l, long): ([UInt8], Bool)
        if let w = lex.notesJunkWindow, b.count > w {
            var cut = w
            while cut > 0, UTF8.isContinuation(b[cut]) { cut -= 1 }
            (l, long) = (UTF8Bytes.lowercased(utf8: UnsafeBufferPointer(rebasing: b[..<cut])), true)
        } else {
            (l, long) = (UTF8Bytes.lowercased(utf8: b), false)
        }
        return l.withUnsafeBufferPointer { lex.notesJunkRules.matches(lowered: $0, long: long) }
    }

    /// List bullets dropped from the start of a line, as UTF-8.
    static let bullets: [[UInt8]] = ["• ", "· ", "▪ ", "► "].map { Array($0.utf8) }
    /// Whether a byte opens some bullet.
    static let bulletLeads: [Bool] = (0..<256).map { b in bullets.contains { $0.first == UInt8(b) } }

    static func url(in t: String) -> String? { t.withUTF8Bytes(url(utf8:)) }

    /// `url(in:)` of a line's UTF-8 bytes: a string is made only of a line that opens with an
    /// address's first byte.
    static func url(utf8 b: UnsafeBufferPointer<UInt8>) -> String? {
        // The prefixes first: `contains` walks the whole line as `Character`s. And their first
        // byte before them: `hasPrefix` compares `Character`s, and a line that does not open
        // with the byte can't open with the prefix.
        guard let f = b.first, f == UInt8(ascii: "h") || f == UInt8(ascii: "w") else { return nil }
        let t = String(decoding: b, as: UTF8.self)
        // A line of no space byte has no space `Character`: only the others are walked.
        guard t.hasPrefix("http://") || t.hasPrefix("https://") || t.hasPrefix("www."), !b.contains(0x20) || !t.contains(" ") else { return nil }
        return t
    }

    static func isRule(_ t: String) -> Bool { t.withUTF8Bytes(isRule(utf8:)) }

    /// `isRule` of a line's UTF-8 bytes: a string is made only of a line that opens with a
    /// rule's first byte.
    static func isRule(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        // The first byte first (-, =, _ or the lead byte of —): nearly every line fails there.
        guard let f = b.first, ruleLeads[Int(f)] else { return false }
        // The character test next: it fails at the first letter, where `count` walks the line.
        let t = String(decoding: b, as: UTF8.self)
        return t.allSatisfy { $0 == "-" || $0 == "=" || $0 == "_" || $0 == "—" } && t.count >= 3
    }

    /// A line made only of subject and city names (a page's tag list): not text.
    /// Asked of a line's UTF-8 bytes.
    func isTagLine(utf8 t: UnsafeBufferPointer<UInt8>) -> Bool {
        // More than ten space-separated chunks with a letter are more than ten words: most
        // lines asked are an article's first paragraph, which the tokenizer read whole.
        guard NotesParser.lettered(chunksOf: t, atMost: 10) else { return false }
        let all = Tokenizer.tokens(UTF8Bytes.scalars(utf8: t))
        let tokens = all.filter { $0.kind == .word }
        guard !tokens.isEmpty, tokens.count <= 10 else { return false }
        let ms = lex.gazetteer.matches(in: all, placeLine: true)
        let covered = ms.reduce(0) { $0 + ($1.end - $1.start) }
        return !ms.isEmpty && covered >= tokens.count
    }

    func parse(_ src: SourceText, diagnostics: inout [Diagnostic]) -> [Meeting] {
        // The lines, folded, as bytes (`NotesLines`: in place where folding leaves them as
        // they are): a string is made only of the text a meeting shows (its title), where
        // every line was a string, checked as UTF-8 again when it was made (13M instructions
        // on 3 MB of notes).
        var lines = NotesLines(source: src.bytes)
        var docs: [NotesDocument] = []
        var current = NotesDocument(lines: [], url: nil)
        var pendingURL: String?
        var sawLong = false
        // A line's folded bytes, when it is not folded already, kept from line to line.
        var folded: [UInt8] = []
        for i in 0..<src.lineCount {
            let r = src.range(ofLine: i)
            if r.count > 200_000 {
                lines.append(Normalise.spaces(String(decoding: src.bytes[r.lowerBound..<(r.lowerBound + 200_000)], as: UTF8.self)))
                diagnostics.append(Diagnostic(.warning, "line-too-long", "line of \(r.count) bytes: only its first 200 kB are read", at: src.location(line: i)))
            } else if src.isValidUTF8 {
                let isFolded = src.bytes.withUnsafeBufferPointer { all in
                    let b = UnsafeBufferPointer(rebasing: all[r])
                    if Normalise.isFolded(b) { return true }
                    Normalise.foldSpaces(b, into: &folded)
                    return false
                }
                if isFolded { lines.append(source: r) } else { folded.withUnsafeBufferPointer { lines.append($0) } }
            } else {
                lines.append(Normalise.spaces(src.line(i)))
            }
            lines.dropBullets(ofLast: NotesParser.bullets, leads: NotesParser.bulletLeads)
            let verdict = lines.withLine(i) { t -> LineVerdict in
                if t.isEmpty { return .junk }
                // Rules, addresses and breadcrumbs open with one of a few bytes, and only
                // those lines are made strings and asked as `Character`s.
                if NotesParser.isRule(utf8: t) { return .rule }
                if let u = NotesParser.url(utf8: t) { return .url(u) }
                let breadcrumb = !sawLong && t.first == 0x2D && t.count >= 2 && t[1] == 0x20 && {
                    let s = String(decoding: t, as: UTF8.self)
                    return s.hasPrefix("- ") && s.split(separator: " ").count <= 12
                }()
                if isJunk(utf8: t) || breadcrumb || (!sawLong && isTagLine(utf8: t)) { return .junk }
                if !sawLong && UTF8Bytes.hasMoreScalars(than: 200, utf8: t) { sawLong = true }
                return .text
            }
            switch verdict {
            case .junk: continue
            case .rule:
                if !current.lines.isEmpty { docs.append(current); current = NotesDocument(lines: [], url: nil) }
            case .url(let u):
                // An address before any text opens the next article (its address at the top);
                // one after text ends the article: its own address (at the foot), or, when the
                // article has one from the top already, the next one's. Two articles with their
                // addresses at the top were one document, and so was every article after one
                // whose address at the foot was followed by another's at the top.
                if current.lines.isEmpty {
                    pendingURL = u
                } else {
                    if current.url == nil { current.url = u } else { pendingURL = u }
                    docs.append(current); current = NotesDocument(lines: [], url: nil); sawLong = false
                }
            case .text:
                if current.lines.isEmpty, let u = pendingURL { current.url = u; pendingURL = nil }
                // A document is read whole: its paragraphs are all held until its meetings are
                // read, about 25 bytes of memory for each byte of text. Past `partBytes`, one
                // with no address or rule lines (a feed pasted whole) is cut at the next
                // paragraph's start (after a blank or junk line), or at any line past twice
                // that, and each part is read as a document of its own, with the address.
                if current.bytes >= partBytes, let last = current.lines.last, last + 1 < i || current.bytes >= 2 * partBytes {
                    if !current.isPart, let first = current.lines.first {
                        diagnostics.append(Diagnostic(.note, "notes-long-document",
                                                      "document of more than \(partBytes / 1024) KB: read in parts of about that size, each with its own year, headline and chronicle",
                                                      at: src.location(line: first)))
                    }
                    docs.append(current)
                    current = NotesDocument(lines: [], url: current.url, isPart: true)
                }
                current.lines.append(i)
                current.bytes += r.count + 1
            }
        }
        if !current.lines.isEmpty { docs.append(current) }
        var meetings: [Meeting] = []
        for d in docs { meetings.append(contentsOf: meetingsOf(d, lines: lines, src: src, diagnostics: &diagnostics)) }
        if meetings.isEmpty {
            diagnostics.append(Diagnostic(.warning, "notes-no-text", "no article text found (only navigation or blank lines)", at: src.location(line: 0)))
        }
        return meetings
    }

    /// What a line is to the document: text, or a line that ends an article (a rule, an
    /// address), or junk.
    private enum LineVerdict { case text, junk, rule, url(String) }

    /// The first bytes of a rule line (`isRule`): -, =, _ and the lead byte of —.
    static let ruleLeads: [Bool] = (0..<256).map { $0 == 0x2D || $0 == 0x3D || $0 == 0x5F || $0 == 0xE2 }

    // MARK: Paragraphs

    /// Joins hard-wrapped lines (a line without a closing stop, followed by one that starts in
    /// lower case) into paragraphs.
    func paragraphs(_ d: NotesDocument, text: [String]) -> [NotesParagraph] {
        paragraphs(d, lines: NotesLines(text))
    }

    func paragraphs(_ d: NotesDocument, lines: NotesLines) -> [NotesParagraph] {
        let dx = DateExtractor(lex: lex)
        var out: [NotesParagraph] = []
        var k = 0
        let numbers = d.lines
        while k < numbers.count {
            let first = numbers[k]
            var last = numbers[k]
            // A paragraph of several lines has bytes of its own, the lines joined by spaces and
            // moved into it; one of a single line is that line where it is (`storage(ofLine:)`).
            var joined: [UInt8]?
            while k + 1 < numbers.count, numbers[k + 1] == last + 1 {
                let joins = lines.withLine(numbers[k + 1]) { next -> Bool in
                    // The next line's first scalar first (`classify` answers as its
                    // properties do): it rarely opens in lower case.
                    guard let f = UTF8Bytes.firstScalar(next), Tokenizer.classify(f).lower else { return false }
                    if let joined { return joined.withUnsafeBufferPointer { !NotesParser.endsWithStop($0) } }
                    return lines.withLine(first) { !NotesParser.endsWithStop($0) }
                }
                guard joins else { break }
                var buf = joined.take() ?? lines.withLine(first) { Array($0) }
                buf.append(0x20)
                lines.withLine(numbers[k + 1]) { buf.append(contentsOf: $0) }
                joined = consume buf
                last = numbers[k + 1]
                k += 1
            }
            let p: NotesParagraph
            if let buf = joined.take() {
                p = NotesParagraph(firstLine: first, lastLine: last, bytes: consume buf, dates: dx, words: words)
            } else {
                let (storage, range) = lines.storage(ofLine: first)
                p = NotesParagraph(firstLine: first, lastLine: last, storage: storage, range: range, dates: dx, words: words)
            }
            p.contexts = p.dates.map { context(of: $0, in: p) }
            out.append(p)
            k += 1
        }
        return out
    }

    /// Whether the text's last `Character` is one that ends a line for good (. ! ? : ; » " ”):
    /// on the bytes, when the last two scalars are each their own `Character` (nearly all
    /// text, `UTF8Bytes.isSimple`); else from a string of the text.
    static func endsWithStop(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !b.isEmpty else { return false }
        // The starts of the last scalar and of the one before it.
        func start(before i: Int) -> Int {
            var k = i - 1
            while k > 0 && UTF8.isContinuation(b[k]) { k -= 1 }
            return k
        }
        let last = start(before: b.count)
        if UTF8Bytes.isSimple(UnsafeBufferPointer(rebasing: b[(last > 0 ? start(before: last) : 0)...])) {
            guard let u = UTF8Bytes.firstScalar(UnsafeBufferPointer(rebasing: b[last...])) else { return false }
            return NotesParser.stops.contains(u)
        }
        guard let end = String(decoding: b, as: UTF8.self).last else { return false }
        return NotesParser.stopCharacters.contains(end)
    }

    static let stopCharacters = ".!?:;»\"”"
    static let stops = Set(stopCharacters.unicodeScalars)

    // MARK: Dates in context

    struct Context {
        var excluded: Bool
        var future: Bool
    }

    func context(of m: DateMention, in p: NotesParagraph) -> Context {
        let toks = p.tokens
        var excluded = false
        // An exclusion word right before (one filler word allowed): since, dated (from), до, от.
        for back in 1...3 where m.first - back >= 0 {
            if let (e, roles) = lex.dateContext.longestMatch(toks, at: m.first - back), roles.contains("exclude"), e >= m.first - 1, e <= m.first {
                excluded = true
            }
        }
        // A legal act: decree words shortly before in the sentence, or "No." / "№" right after.
        let sentence = p.sentenceOf[m.first]
        var k = m.first - 1
        var steps = 0
        while k >= 0, steps < 10, p.sentenceOf[k] == sentence {
            if let (_, roles) = lex.dateContext.longestMatch(toks, at: k), roles.contains("decree") { excluded = true }
            k -= 1; steps += 1
        }
        var a = m.last + 1
        while a < toks.count, a <= m.last + 3 {
            if toks[a].normBytes.equals("no") || toks[a].normBytes.equals("№") || toks[a].normBytes.equals("n") { excluded = true }
            a += 1
        }
        if let y = m.year, y < 1990 { excluded = true }
        // The date's sentence: the run of tokens that share its number.
        let from = p.firstToken(ofSentence: sentence)
        var to = m.first
        while to + 1 < toks.count, p.sentenceOf[to + 1] == sentence { to += 1 }
        var future = false
        for i in from...to where toks[i].kind == .word {
            if let (_, roles) = lex.dateContext.longestMatch(toks, at: i), roles.contains("future") { future = true; break }
        }
        return Context(excluded: excluded, future: future)
    }

    /// The article's year when a date does not state one: the latest year the text names
    /// (not a "since"/"until" year), or the year after a reported period ("results for 2024").
    func inferredYear(_ ps: [NotesParagraph]) -> Int? {
        var best: Int?
        for p in ps {
            assert(p.contexts.count == p.dates.count, "a paragraph not read by `paragraphs`")
            for (j, m) in p.dates.enumerated() {
                guard let y = max(m.year ?? 0, m.endYear ?? 0) as Int?, y >= 1990, y <= 2100 else { continue }
                if p.contexts[j].excluded { continue }
                var year = y
                if m.precision == .year, m.first >= 1, p.tokens[m.first - 1].normBytes.equals("for") || p.tokens[m.first - 1].normBytes.equals("за") {
                    var k = m.first - 2
                    var steps = 0
                    while k >= 0, steps < 5 {
                        if let (_, roles) = lex.dateContext.longestMatch(p.tokens, at: k), roles.contains("period") { year = y + 1; break }
                        k -= 1; steps += 1
                    }
                }
                best = max(best ?? year, year)
            }
        }
        return best
    }

    // MARK: Meetings

    static let occasionKinds: Set<String> = ["meeting", "conference", "forum", "round-table", "lecture"]

    /// An occasion word (meeting, forum, webinar, заседание...) in the given sentence.
    func hasOccasion(_ p: NotesParagraph, sentence: Int) -> Bool {
        var i = p.firstToken(ofSentence: sentence)
        while i < p.tokens.count && p.sentenceOf[i] == sentence {
            if let (e, ks) = lex.kinds.longestMatch(p.tokens, at: i) {
                if ks.contains(where: { NotesParser.occasionKinds.contains($0.kind) }) { return true }
                i = e
            } else { i += 1 }
        }
        return false
    }

    /// A chronicle paragraph's own dated occasion: a date that is not excluded, not in a
    /// sentence about plans, with an occasion word in its sentence.
    func chronicleDate(_ p: NotesParagraph) -> DateMention? {
        assert(p.contexts.count == p.dates.count, "a paragraph not read by `paragraphs`")
        for (j, m) in p.dates.enumerated() {
            let c = p.contexts[j]
            if c.excluded || c.future { continue }
            if m.precision == .year && m.endYear != nil { continue }  // a period: "in 2014-2018"
            let sentence = p.sentenceOf[m.first]
            guard hasOccasion(p, sentence: sentence) else { continue }
            // A bare month or year dates a meeting only with a verb of holding ("was held in 2019").
            if m.precision != .day && !hasRole("holding", p, sentence: sentence) { continue }
            return m
        }
        return nil
    }

    func hasRole(_ role: String, _ p: NotesParagraph, sentence: Int) -> Bool {
        var i = p.firstToken(ofSentence: sentence)
        while i < p.tokens.count && p.sentenceOf[i] == sentence {
            if let (_, roles) = lex.dateContext.longestMatch(p.tokens, at: i), roles.contains(role) { return true }
            i += 1
        }
        return false
    }


    func meetingsOf(_ d: NotesDocument, lines: NotesLines, src: SourceText, diagnostics: inout [Diagnostic]) -> [Meeting] {
        let ps = paragraphs(d, lines: lines)
        guard !ps.isEmpty else { return [] }
        // Publication lines: short lines that are mostly a date ("28.11.2019", "5 декабря 2025, 14:52").
        var pub: Day?
        // Words counted only in a paragraph with a date, and without a filtered copy of its
        // tokens (an array made for each of a document's first eight paragraphs).
        func words(_ tokens: ArraySlice<WordToken>) -> Int { tokens.reduce(0) { $0 + ($1.kind == .word ? 1 : 0) } }
        for k in ps.indices.prefix(8) {
            let p = ps[k]
            if let m = p.dates.first, p.scalars.count <= 120, m.precision != .year, words(p.tokens[...]) <= 9,
               words(p.tokens[..<m.first]) <= 2 {
                ps[k].isPublicationLine = true
                if pub == nil, m.precision == .day, let y = m.year, let day = Day(year: y, month: m.month ?? 0, day: m.day ?? 0) { pub = day }
            }
        }
        // Headline: the first line that is neither a date line nor prose.
        if let h = ps.firstIndex(where: { !$0.isPublicationLine }) {
            let p = ps[h]
            // The length first: only a short paragraph is made a string to be asked.
            if p.scalars.count <= 250 && h + 1 < ps.count {
                let t = p.text
                let endsLikeProse = t.hasSuffix(":") || (t.hasSuffix(".") && !t.hasSuffix("..."))
                if !endsLikeProse { p.isHeadline = true }
            }
        }
        let year = inferredYear(ps)
        let body = ps.indices.filter { !ps[$0].isPublicationLine && !ps[$0].isHeadline }
        // Chronicle: three or more paragraphs with their own dated occasion.
        // Each paragraph's own date, asked once (it weighs every date's context).
        let own = body.map { (k: $0, date: chronicleDate(ps[$0])) }.filter { $0.date != nil }
        let dated = own.map(\.k)
        let dates = own.map { $0.date! }
        // Year, month and day (0 when missing) as a key of three numbers, where each was a
        // string made by interpolation and hashed.
        struct DayKey: Hashable { let year: Int, month: Int, day: Int }
        let distinct = Set(dates.map { DayKey(year: $0.year ?? 0, month: $0.month ?? 0, day: $0.day ?? 0) })
        if dated.count >= 3 && distinct.count >= 3 {
            var out: [Meeting] = []
            for (n, k) in dated.enumerated() {
                let next = n + 1 < dated.count ? dated[n + 1] : ps.count
                let span = Array(k..<next)
                let m = dates[n]
                let y = m.year ?? chronicleYear(dates, at: n) ?? nearestYear(ps, from: k) ?? pub?.year ?? year ?? defaultYear
                out.append(meeting(ps, span: span, dateAt: (k, m), year: y, title: openingClause(ps[k].text), titleFrom: k, url: d.url, src: src, diagnostics: &diagnostics))
            }
            return out
        }
        // One meeting: the first own day date, else the publication date, else a month.
        var chosen: (Int, DateMention)?
        for k in body {
            let p = ps[k]
            if let j = p.dates.indices.first(where: { p.dates[$0].precision == .day && !p.contexts[$0].excluded }) { chosen = (k, p.dates[j]); break }
        }
        var usePub = false
        if chosen == nil && pub != nil { usePub = true }
        if chosen == nil && !usePub {
            for k in body {
                let p = ps[k]
                if let j = p.dates.indices.first(where: { p.dates[$0].precision == .month && !p.contexts[$0].excluded && !p.contexts[$0].future }) {
                    chosen = (k, p.dates[j]); break
                }
            }
        }
        let titleFrom = ps.firstIndex(where: \.isHeadline) ?? body.first ?? 0
        let headline = ps[titleFrom].isHeadline ? ps[titleFrom].text : shortened(firstSentence(ps[titleFrom].text))
        let y = chosen?.1.year ?? pub?.year ?? year ?? defaultYear
        var m = meeting(ps, span: Array(ps.indices), dateAt: chosen, year: y, title: headline, titleFrom: titleFrom, url: d.url, src: src, diagnostics: &diagnostics)
        if usePub, let p = pub { m.start = p; m.end = p; m.id = Meeting.makeID(title: m.title, start: p) }
        return [m]
    }

    /// A chronicle runs in order: a date without a year takes the year of the next dated
    /// meeting when it falls before it in that year, else the year of the previous one.
    func chronicleYear(_ dates: [DateMention], at n: Int) -> Int? {
        let m = dates[n]
        if let next = dates[(n + 1)...].first(where: { $0.year != nil && $0.precision != .year }), let y = next.year {
            if (m.month ?? 0, m.day ?? 0) <= (next.month ?? 13, next.day ?? 32) { return y }
            return y - 1
        }
        return dates[..<n].last(where: { $0.year != nil })?.year
    }

    func nearestYear(_ ps: [NotesParagraph], from k: Int) -> Int? {
        for dist in 0..<ps.count {
            for j in [k + dist, k - dist] where j >= 0 && j < ps.count {
                let p = ps[j]
                if let d = p.dates.indices.first(where: { p.dates[$0].year != nil && !p.contexts[$0].excluded }), let y = p.dates[d].year, y >= 1990 { return y }
            }
        }
        return nil
    }

    /// Sorts the strings and keeps each once: a meeting gathers its region codes and organisation ids
    /// as found, repeats and all, where a set or dictionary hashed each at every hit.
    static func sortDistinct(_ a: inout [String]) {
        a.sort()
        guard a.count > 1 else { return }
        var kept = 1
        for k in 1..<a.count where a[k] != a[kept - 1] {
            a[kept] = a[k]
            kept += 1
        }
        a.removeLast(a.count - kept)
    }

    /// "in Moscow", "в Тамбове", "city of Georgievsk", "г. Москва": a place where something happens.
    /// On the tokens' keys and bytes (`WordList`): a set of strings made the word's string and
    /// hashed it, and a Russian word's hash first asked the Unicode tables whether it was in
    /// normal form.
    func isLocative(_ tokens: [WordToken], _ i: Int) -> Bool {
        guard i > 0 else { return false }
        if lex.locative.contains(tokens[i - 1]) { return true }
        if tokens[i - 1].normBytes.equals("of"), i > 1, NotesParser.placeNouns.contains(tokens[i - 2]) { return true }
        return false
    }

    static let placeNouns = WordList(["city", "town", "village"])

    func firstSentence(_ s: String) -> String {
        var out = ""
        var prev: Character = " "
        for ch in s {
            if (prev == "." || prev == "!" || prev == "?") && ch == " " && out.count > 20 { break }
            out.append(ch); prev = ch
        }
        return out
    }

    /// A chronicle paragraph's opening clause: up to the first comma, or full stop before a
    /// space or the end, after 25 characters; shortened.
    func openingClause(_ s: String) -> String {
        // On bytes when every scalar up to the cut is its own Character (nearly all text):
        // the same cut. Only the bytes up to the cut and the three scalars from there are
        // asked, not the whole paragraph (a chronicle's long paragraphs made that a cost of
        // its own): a combining mark after the comma, the full stop or the space after it
        // would join them into other Characters, which the Character walk does not cut at.
        let cut = s.withUTF8Bytes { b -> Int? in
            // The first 26 scalars, which no cut falls within.
            var n = 0
            var i = 0
            while i < b.count && n <= 25 {
                n += 1
                i += 1
                while i < b.count && b[i] & 0xC0 == 0x80 { i += 1 }
            }
            // Then the first comma, or full stop before a space or the end: ASCII bytes, never
            // inside a scalar, so found eight bytes a step where none is either (a chronicle's
            // paragraph was walked a scalar at a time to its first comma).
            while i < b.count {
                if i + 8 <= b.count, let base = b.baseAddress {
                    let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if UTF8Bytes.lanes(w, equalTo: 0x2C) | UTF8Bytes.lanes(w, equalTo: 0x2E) == 0 { i += 8; continue }
                }
                let c = b[i]
                if c == 0x2C || (c == 0x2E && (i + 1 == b.count || b[i + 1] == 0x20)) { break }
                i += 1
            }
            var end = i
            for _ in 0..<3 where end < b.count { end += 1; while end < b.count && b[end] & 0xC0 == 0x80 { end += 1 } }
            return UTF8Bytes.isSimple(UnsafeBufferPointer(rebasing: b[0..<end])) ? i : nil
        }
        // The bytes up to the cut are simple (asked above, and a trimmed part of simple text is
        // simple), so the shortening need not ask again.
        if let cut, let simple = s.withUTF8Bytes({ NotesParser.shortenedSimple(UnsafeBufferPointer(rebasing: $0[0..<cut]), limit: 120, knownSimple: true) }) {
            return simple
        }
        if let cut { return shortened(String(decoding: s.utf8.prefix(cut), as: UTF8.self)) }
        return shortened(openingClauseOfCharacters(s))
    }

    /// The opening clause cut on `Character`s: up to the first comma, or full stop before a
    /// space or the end, after 25 characters.
    func openingClauseOfCharacters(_ s: String) -> String {
        var n = 0
        var i = s.startIndex
        while i < s.endIndex {
            let ch = s[i]
            let next = s.index(after: i)
            if n > 25 && (ch == "," || (ch == "." && (next == s.endIndex || s[next] == " "))) { break }
            n += 1
            i = next
        }
        return String(s[..<i])
    }

    func shortened(_ s: String, limit: Int = 120) -> String {
        if let simple = s.withUTF8Bytes({ NotesParser.shortenedSimple($0, limit: limit) }) { return simple }
        var t = s.trimmingCharacters()
        while let l = t.last, l == "." || l == "," || l == ":" { t.removeLast() }
        return shortenedOfCharacters(t, limit: limit)
    }

    /// `shortened` on the bytes, when every scalar of the trimmed text is its own `Character`
    /// (nearly all text), else nil: trimmed, its final stops dropped, counted and cut in one
    /// buffer, and one string made. Counting and cutting `Character`s of a long clause walked
    /// its grapheme breaks, 14,000 instructions a title, and the trimmed and the stripped text
    /// were strings of their own.
    static func shortenedSimple(_ b: UnsafeBufferPointer<UInt8>, limit: Int, knownSimple: Bool = false) -> String? {
        let trimmed = String.trimmedRange(b)
        var t = UnsafeBufferPointer(rebasing: b[trimmed])
        guard knownSimple || UTF8Bytes.isSimple(t) else { return nil }
        var z = t.count
        while z > 0, t[z - 1] == 0x2E || t[z - 1] == 0x2C || t[z - 1] == 0x3A { z -= 1 }
        t = UnsafeBufferPointer(rebasing: t[0..<z])
        guard let base = t.baseAddress else { return "" }
        // Counted only as far as one scalar past the limit: that decides. Eight bytes a step
        // while a step stays within the limit (`UTF8Bytes.scalarCount`'s count of a word),
        // then a scalar at a time.
        var n = 0, i = 0, cut = 0
        while i + 8 <= t.count {
            let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Scalars that start in these eight bytes; stepping past them may not reach the limit.
            let starts = 8 - UTF8Bytes.continuationBytes(w)
            guard n + starts < limit, i + 8 < t.count, t[i + 8] & 0xC0 != 0x80 else { break }
            n += starts
            i += 8
        }
        while i < t.count && n <= limit {
            if n == limit { cut = i }
            n += 1
            i += 1
            while i < t.count && t[i] & 0xC0 == 0x80 { i += 1 }
        }
        guard n > limit else { return String(decoding: t, as: UTF8.self) }
        // The last space before the cut, if any, then the ellipsis, in one string.
        var end = cut
        var k = cut
        while k > 0 { k -= 1; if t[k] == 0x20 { end = k; break } }
        return String(unsafeUninitializedCapacity: end + 3) { out in
            out.baseAddress!.update(from: base, count: end)
            out[end] = 0xE2; out[end + 1] = 0x80; out[end + 2] = 0xA6
            return end + 3
        }
    }

    /// `shortened`'s cut on `Character`s, of a trimmed text.
    func shortenedOfCharacters(_ t: String, limit: Int) -> String {
        guard t.count > limit else { return t }
        var cut = String(t.prefix(limit))
        if let sp = cut.lastIndex(of: " ") { cut = String(cut[..<sp]) }
        return cut + "…"
    }

    func day(_ y: Int?, _ m: Int?, _ d: Int?) -> Day? {
        guard let y, let m, let d else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// `titleFrom`: the paragraph the title is, or was cut from (its tokens are the title's,
    /// up to the cut).
    func meeting(_ ps: [NotesParagraph], span: [Int], dateAt: (Int, DateMention)?, year: Int?, title: String, titleFrom: Int, url: String?,
                 src: SourceText, diagnostics: inout [Diagnostic]) -> Meeting {
        var start: Day?, end: Day?
        if let (k, m) = dateAt {
            let at = src.location(line: ps[k].firstLine)
            if year == nil && m.precision != .year {
                diagnostics.append(Diagnostic(.warning, "notes-no-year", "the meeting's date has no year and the text names none; pass --year", at: at))
            }
            switch m.precision {
            case .day:
                start = day(m.year ?? year, m.month, m.day)
                end = m.endDay != nil ? day(m.endYear ?? m.year ?? year, m.endMonth ?? m.month, m.endDay) : start
                if start == nil && year != nil {
                    diagnostics.append(Diagnostic(.warning, "date-impossible", "impossible date in the text; left empty", at: at))
                }
            case .month:
                if let y = m.year ?? year, let mo = m.month {
                    start = Day(year: y, month: mo, day: 1)
                    let ey = m.endYear ?? y, em = m.endMonth ?? mo
                    end = Day(year: ey, month: em, day: Day.daysIn(month: em, year: ey))
                }
            case .year:
                break
            }
            if let s = start, let e = end, e < s { end = s }
        }
        let spanPs = span.map { ps[$0] }
        var cyr = 0, lat = 0
        for p in spanPs { cyr += p.cyrillic; lat += p.latin }
        let language = cyr > lat ? "ru" : "en"

        // Regions, organisations, figures, topics over the meeting's paragraphs.
        // Every unambiguous match's codes, repeats and all: sorted and made distinct once at
        // the end, where a set hashed each code of each match.
        var regionCodes: [String] = []
        regionCodes.reserveCapacity(16)
        // Organisation ids as found, repeats and all: sorted and made distinct once at the
        // end, where a dictionary hashed each id and looked its name up at every hit.
        var orgIDs: [String] = []
        var figures: [Figure] = []
        let tagger = TopicTagger(lex: lex)
        var topicHits = tagger.newCounts()
        var participants: Int?
        var place: String?
        let qx = QuantityExtractor(lex: lex)
        var regionMatches: [[RegionMatch]] = []
        for (n, p) in spanPs.enumerated() {
            // The paragraph's arrays read once: each read of a property of the paragraph (a
            // class) retained and released the array, a dozen pairs a paragraph.
            let tokens = p.tokens, scalars = p.scalars
            let matches = lex.gazetteer.matches(in: tokens)
            regionMatches.append(matches)
            for m in matches where !m.isAmbiguous {
                // Most matches name one subject: appended alone, not through the generic
                // append of a collection.
                if m.codes.count == 1 { regionCodes.append(m.codes[0]) } else { regionCodes.append(contentsOf: m.codes) }
            }
            if place == nil, let (k, dm) = dateAt, span[n] == k {
                let sentence = p.sentenceOf.isEmpty ? 0 : p.sentenceOf[dm.first]
                if let m = matches.first(where: { !$0.isAmbiguous && p.sentenceOf[$0.start] == sentence && isLocative(tokens, $0.start) }) {
                    place = UTF8Bytes.string(scalars[tokens[m.start].start..<tokens[m.end - 1].end])
                }
            }
            // On the tokens' buffer: through the array, each position's look-up took the
            // buffer anew.
            tokens.withUnsafeBufferPointer { buf in
                var i = 0
                while i < buf.count {
                    if let (e, ws) = lex.organizations.longestMatch(buf, at: i) {
                        for w in ws where !w.capsOnly || (i..<e).allSatisfy({ buf[$0].allCaps || buf[$0].kind != .word }) {
                            orgIDs.append(w.id)
                        }
                        i = e
                    } else { i += 1 }
                }
            }
            let numbers = NumberScanner.scan(scalars, russian: language == "ru", tokens: tokens)
            let qs = qx.quantities(tokens, scalars: scalars, numbers: numbers, dates: p.dates)
            if participants == nil, !p.isPublicationLine { participants = qx.headCount(tokens, quantities: qs, numbers: numbers) }
            for q in qs {
                let f = Figure(text: q.text, value: q.value, unit: q.unit == "headcount" ? "people" : q.unit)
                if !figures.contains(f) { figures.append(f) }
            }
            tagger.count(tokens, into: &topicHits)
        }
        if place == nil {
            // Else the first place after "in" / "в": "состоялась в Тамбове", "held in Chelyabinsk".
            for (n, p) in spanPs.enumerated() where !p.isPublicationLine {
                if let m = regionMatches[n].first(where: { !$0.isAmbiguous && isLocative(p.tokens, $0.start) }) {
                    place = UTF8Bytes.string(p.scalars[p.tokens[m.start].start..<p.tokens[m.end - 1].end])
                    break
                }
            }
        }
        if place == nil {
            // Markers are searched in the lower-cased text, on its bytes, a paragraph at a time
            // (no marker holds the line break that joined them), each lowered into one buffer:
            // the first marker of the table found in any paragraph names the place. The text
            // joined and lowered whole was two copies of the article.
            var found = lex.online.count
            var lowered: [UInt8] = []
            for p in spanPs where found > 0 {
                p.withBytes { UTF8Bytes.lowercased(utf8: $0, into: &lowered) }
                lowered.withUnsafeBufferPointer { hay in
                    for k in 0..<found where lex.onlineMarkers[k].withUnsafeBufferPointer({ UTF8Bytes.occurs($0, in: hay) }) { found = k; break }
                }
            }
            if found < lex.online.count { place = lex.online[found].place }
        }
        // The topics counted twice or more and the title's, sorted and each once: two short
        // lists, joined and sorted, where two sets were made, hashed and sorted.
        var topics = tagger.names(of: topicHits, atLeast: 2)
        topics.append(contentsOf: tagger.topics(ofTitle: Tokenizer.tokens(title, cutFrom: ps[titleFrom].text, sourceTokens: ps[titleFrom].tokens, words: words)))
        NotesParser.sortDistinct(&topics)
        NotesParser.sortDistinct(&regionCodes)
        NotesParser.sortDistinct(&orgIDs)
        let regions = regionCodes.compactMap { lex.gazetteer.regionRef($0) }
        let organizations = orgIDs.map { OrganizationRef(id: $0, name: lex.organizationNames[$0]?.en ?? $0) }
        let first = spanPs.first!.firstLine, last = spanPs.last!.lastLine
        return Meeting(id: Meeting.makeID(title: title, start: start), source: SourceSpan(file: src.path, line: first + 1, endLine: last + 1),
                       url: url, language: language, title: title, start: start, end: end, place: place, regions: regions,
                       participants: participants, organizations: organizations,
                       figures: figures, topics: topics)
    }
}
