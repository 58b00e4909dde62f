import XCTest
@testable import OkmoReport
import OkmoCore

/// The byte-level shortcuts must answer exactly what the `String` operations they replace
/// answered: these tests pin each one against its slow original.
final class ByteMatchingTests: XCTestCase {
    /// Deterministic strings over a pool of scalars with and without case, in every script the
    /// inputs carry and some they rarely do.
    private func samples(_ count: Int) -> [String] {
        let pool: [Unicode.Scalar] = Array("aZ09 ,.-«»“”„—–…№ÀÉÎÞßÿ×µªЁёАаЯяПпРрЇїЎўѢѣİıΣσςẞǅⅣⓐ😀\u{0301}\u{00A0}".unicodeScalars)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var out: [String] = []
        for _ in 0..<count {
            var s = String.UnicodeScalarView()
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 59)
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                s.append(pool[Int(state >> 33) % pool.count])
            }
            out.append(String(s))
        }
        return out
    }

    func testLowercasedMatchesTheStandardLibrary() {
        let fixed = ["", "ПРИВЕТ, Мир!", "Ёлка «ЁЖ» — ÀÉÎ", "İstanbul", "ΣΟΦΙΑ", "Їжак", "ẞ ǅ Ⅳ Ⓐ", "Read LESS", "№ 5 — «Жизнь»"]
        // ASCII runs of every length around the eight-byte step, and cut prefixes (the junk
        // test lowers a paragraph's head cut at a scalar boundary).
        let runs = Mixes.joinings(of: ["ABCDEFGH", "Penza CITY, ", "x", "Ё", "ПЕНЗА", "😀", "É", "—", " ", "İ"], count: 2_000, longest: 8, seed: 23)
        for s in fixed + samples(5000) + runs {
            XCTAssertEqual(UTF8Bytes.lowercased(s), Array(s.lowercased().utf8), s)
            let bytes = Array(s.utf8)
            for cut in 0...bytes.count where cut == bytes.count || !UTF8.isContinuation(bytes[cut]) {
                let head = String(decoding: bytes[..<cut], as: UTF8.self)
                XCTAssertEqual(bytes.withUnsafeBufferPointer { UTF8Bytes.lowercased(utf8: UnsafeBufferPointer(rebasing: $0[..<cut])) },
                               Array(head.lowercased().utf8), head)
            }
        }
    }

    func testScalarsDecodeLikeTheUnicodeScalarView() {
        // ASCII runs of every length against the other scalars (eight ASCII bytes go a step).
        // Every ASCII byte, in runs of eight and more.
        let ascii = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let runs = Mixes.joinings(of: ["abcdefgh", "Penza city, ", "x", "12", "Ё", "😀", "é", "—", " ", ascii], count: 2_000, longest: 8, seed: 19)
        for s in ["", "a", "Ёж 😀 №\u{0301}", String(repeating: "Пенза ", count: 50)] + samples(5000) + runs {
            XCTAssertEqual(UTF8Bytes.scalars(s), Array(s.unicodeScalars), s)
            let all = Array(s.unicodeScalars)
            XCTAssertEqual(UTF8Bytes.string(all[...]), s)
            if all.count > 2 { XCTAssertEqual(UTF8Bytes.string(all[1..<(all.count - 1)]), String(String.UnicodeScalarView(all[1..<(all.count - 1)]))) }
        }
    }

    /// What `isSimple` promises, checked against the standard library: each scalar is its own
    /// Character, and two simple strings are equal as Strings exactly when their bytes are.
    func testSimpleTextHasScalarCharactersAndByteEquality() {
        func simple(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { UTF8Bytes.isSimple($0) } }
        // Also inside runs of eight bytes, which are passed a step at a time: ASCII, and
        // four Russian letters.
        for s in ["e\u{301}", "a\r\nb", "\u{2000}", "a\u{200D}b", "Х\u{489}", "😀", "\u{037E}", "abcdefgh\r\nijklmnop", "абвгде\r\nжз",
                  "аб\u{483}вгдеж", "абвгдежз\u{301}", "abcdefghijklmno\u{301}"] {
            XCTAssertFalse(simple(s), s)
        }
        for s in ["Пенза — «Ёж» №5", "Łódź ÀÉÎ ʰ", "Ѐ Ӂ ҊҋӿԀ".filter { $0 != "Ԁ" }, "‐‧‰⁞", "абвгдежзийклмнопрстуфхцчшщъыьэюя ABCDEFGHIJ"] {
            XCTAssertTrue(simple(s), s)
        }
        let all = samples(3000) + ["é", "e\u{301}", "Й", "И\u{306}"]
        let simples = all.filter(simple)
        XCTAssertGreaterThan(simples.count, 100)
        for s in simples { XCTAssertEqual(s.count, s.unicodeScalars.count, s) }
        for (a, b) in Array(zip(simples, simples.dropFirst())) + Array(zip(simples, simples)) {
            XCTAssertEqual(a == b, Array(a.utf8) == Array(b.utf8), "\(a) / \(b)")
        }
    }

    /// The page's country line ("Ukraine Ukraine Kharkiv"): the byte path gives what the
    /// `String` path gives on every line, simple or not.
    func testCountryLineOnBytesMatchesTheStringVersion() {
        let words = ["Ukraine", "ukraine", "Россия", "Kharkiv", "É", "E\u{301}", "№", "—", "«Ёж»", "Х\u{489}", "Ukraine\u{200D}"]
        var state: UInt64 = 42
        var checked = 0
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let n = 1 + Int(state >> 61)
            var parts: [String] = []
            for _ in 0..<n {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                parts.append(words[Int(state >> 33) % 4 + (state >> 60 == 0 ? 4 : 0) + Int(state >> 62 == 0 ? (state >> 40) % 3 : 0)])
            }
            let line = parts.joined(separator: state & 1 == 0 ? " " : "  ")
            let expected = ListingParser.countryLineOfString(line)
            // The quick refusal compares bytes: words that are equal only up to canonical
            // equivalence were never taken for a country line, before or now.
            if expected != nil, !Array(line.utf8).withUnsafeBufferPointer(UTF8Bytes.isSimple) { continue }
            XCTAssertEqual(ListingParser.countryLine(line), expected, line)
            if expected != nil { checked += 1 }
        }
        XCTAssertGreaterThan(checked, 100)
        XCTAssertEqual(ListingParser.countryLine("Ukraine Ukraine Kharkiv"), "Ukraine")
        XCTAssertEqual(ListingParser.countryLine("Russian Federation Russian Federation Penza"), "Russian Federation")
        XCTAssertNil(ListingParser.countryLine("ukraine ukraine"))
    }

    /// The table reader before it read bytes: lines and cells split as `Character`s, cells
    /// trimmed scalar by scalar.
    private func referenceTSV(_ text: String) -> (columns: [String], rows: [[String]], lines: [Int]) {
        var cols: [String] = [], rows: [[String]] = [], lines: [Int] = []
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { cell -> String in
                var s = cell
                while let f = s.unicodeScalars.first, f == " " || f == "\t" || f == "\u{FEFF}" || f == "\u{A0}" { s = Substring(s.unicodeScalars.dropFirst()) }
                while let l = s.unicodeScalars.last, l == " " || l == "\t" || l == "\u{A0}" { s = Substring(s.unicodeScalars.dropLast()) }
                return String(s)
            }
            if cols.isEmpty { cols = cells; continue }
            rows.append(cells)
            lines.append(n)
        }
        return (cols, rows, lines)
    }

    /// `TSVTable` on bytes reads every table of `data/`, and text made of awkward pieces, as the
    /// `Character` reader did (text without CR: there the two differ on purpose, see below).
    func testTableOnBytesReadsAsTheCharacterReader() throws {
        var texts: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.root + "/data").sorted() where name.hasSuffix(".tsv") {
            texts.append(try String(contentsOfFile: Repo.root + "/data/" + name, encoding: .utf8))
        }
        XCTAssertGreaterThan(texts.count, 10)
        texts += Mixes.joinings(of: ["a", "Пенза", "\t", "\n", " ", "\u{00A0}", "\u{FEFF}", "#", "\u{0301}", "«", "—", "😀", "x y"],
                          count: 5_000, longest: 63, seed: 5)
        for t in texts {
            let table = TSVTable(path: "t.tsv", text: t)
            let ref = referenceTSV(t)
            XCTAssertEqual(table.columns, ref.columns, t.debugDescription)
            XCTAssertEqual(table.rows.map(\.cells), ref.rows, t.debugDescription)
            XCTAssertEqual(table.rows.map(\.line), ref.lines, t.debugDescription)
        }
    }

    /// A pattern's parts split on bytes are its parts split as `Character`s.
    func testPatternPartsOnBytesAreTheCharacterParts() {
        let pieces = ["Санкт-Петербург*", " ", "  ", "*", "St.", "область", "\u{0301}", "ё", "a*b", "№", "\u{00A0}"]
        for form in Mixes.joinings(of: pieces, count: 5_000, longest: 15, seed: 9) {
            let expected = form.split(separator: " ").map { p in (String(p.hasSuffix("*") ? p.dropLast() : p), p.hasSuffix("*")) }
            let got = PatternToken.parts(form)
            XCTAssertEqual(got.map(\.0), expected.map(\.0), form.debugDescription)
            XCTAssertEqual(got.map(\.stem), expected.map(\.1), form.debugDescription)
        }
    }

    /// The merge digest tells titles and places apart where their keys differ, however a
    /// title and a place split the same words between them, and no place is a place whose
    /// key is empty.
    func testMergeDigestKeepsTitleAndPlaceApart() {
        let words = ["quiz", "a", "penza", "city", "b", "2020"]
        var seen: [Digest128.Value: String] = [:]
        for n in 0..<(1 << words.count) {
            let chosen = words.enumerated().filter { n & (1 << $0.offset) != 0 }.map(\.element)
            for cut in 0...chosen.count {
                let title = chosen[..<cut].joined(separator: " "), place = chosen[cut...].joined(separator: " ")
                let d = Event.mergeDigest(title: title, location: place).value
                let pair = title + " | " + place
                if let other = seen[d] { XCTFail("\(pair) and \(other) share a digest") }
                seen[d] = pair
            }
        }
        XCTAssertGreaterThan(seen.count, 200)
        XCTAssertEqual(Event.mergeDigest(title: "Quiz", location: nil).value, Event.mergeDigest(title: "Quiz", location: "").value)
        XCTAssertEqual(Event.mergeDigest(title: "Quiz", location: nil).value, Event.mergeDigest(title: "quiz!", location: " ").value)
    }

    /// A pattern's plain words, taken as they are, are what the tokenizer makes of them: on
    /// every form of every table in `data/`, and on made forms of plain words, near misses
    /// (capitals, ё, a hyphen, digits, mixed alphabets) and marks.
    func testPlainPatternWordsAreTheTokenizersWords() throws {
        var forms: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.root + "/data").sorted() where name.hasSuffix(".tsv") {
            let t = TSVTable(path: name, text: try String(contentsOfFile: Repo.root + "/data/" + name, encoding: .utf8))
            for row in t.rows { for cell in row.cells { forms.append(cell); forms.append(cell.lowercased()) } }
        }
        XCTAssertGreaterThan(forms.count, 2_000)
        let pieces = ["слово", "область*", "ёлка", "Пенза", "st", "petersburg*", "Z", "a-b", "19", "мoсква", "\u{0301}", "я", "ъ", "*", " ", "'"]
        forms += Mixes.joinings(of: pieces, count: 5_000, longest: 24, seed: 11)
        var plain = 0
        for form in forms {
            let got = PatternToken.parse(form), want = PatternToken.parse(form, plainWords: false)
            XCTAssertEqual(got, want, form.debugDescription)
            plain += PatternToken.parts(form).filter { PatternToken.isPlainWord($0.0) }.count
        }
        XCTAssertGreaterThan(plain, 1_000)
    }

    /// A region name's "ё" made "е" scalar by scalar is what the generic `replacing` makes,
    /// marks and decomposed letters included.
    func testWithoutYoIsReplacing() {
        let pieces = ["ё", "Ё", "е\u{0308}", "ё\u{0301}", "оренбургская", "x", " ", "\u{0483}", "ёё", "е"]
        for t in Mixes.joinings(of: pieces, count: 3_000, longest: 12, seed: 12) {
            XCTAssertEqual(RegionForms.withoutYo(t), t.replacing("ё", with: "е"), t.debugDescription)
        }
    }

    /// A table saved with CRLF line ends reads as the same table with LF: as `Character`s,
    /// "\r\n" is one, and such a table read as a single line.
    func testTableWithCRLFReadsAsWithLF() throws {
        let lf = try String(contentsOfFile: Repo.root + "/data/regions.tsv", encoding: .utf8)
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = TSVTable(path: "regions.tsv", text: lf), b = TSVTable(path: "regions.tsv", text: crlf)
        XCTAssertGreaterThan(a.rows.count, 80)
        XCTAssertEqual(a.columns, b.columns)
        XCTAssertEqual(a.rows.map(\.cells), b.rows.map(\.cells))
        XCTAssertEqual(a.rows.map(\.line), b.rows.map(\.line))
    }

    /// The fold as it was first written, a byte at a time: the reference for `foldSpaces`,
    /// which copies each word in one append.
    private func foldSpacesByteAtATime(_ s: String) -> String {
        s.withUTF8Bytes { b -> String? in
            var out: [UInt8]? = nil
            var pending = false
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                let w = Normalise.spaceWidth(b, at: i)
                if w > 0 {
                    if out == nil && (c != 0x20 || pending || i == 0 || i + 1 == n) {
                        out = Array(b[0..<i])
                        while out?.last == 0x20 { out?.removeLast() }
                    }
                    pending = true
                    i += w
                    continue
                }
                if pending, out != nil, !(out!.isEmpty) { out!.append(0x20) }
                pending = false
                out?.append(c)
                i += 1
            }
            return out.map { String(decoding: $0, as: UTF8.self) }
        } ?? s
    }

    /// The quick pass of `Normalise.spaces` may only skip lines the full fold leaves alone, and
    /// the fold copies words as the byte-at-a-time fold did.
    func testFoldedLinesAreThoseTheFullFoldLeavesAlone() {
        let pieces = ["Пенза", "a", " ", "bc", "  ", "\t", "\u{00A0}", "\u{2009}", "\u{202F}", "\u{FEFF}", "«", "—", "№", "\u{1}", "😀", "\u{2028}", "ẞ"]
        var state: UInt64 = 7
        var folded = 0
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var line = ""
            for _ in 0..<Int(state >> 60) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line += pieces[Int(state >> 33) % (state >> 62 == 0 ? pieces.count : 3)]
            }
            var copy = line
            let quick = copy.withUTF8(Normalise.isFolded)
            if quick { folded += 1 }
            // Both ways: the quick pass (eight bytes a step where it can) neither lets a line
            // through that the fold would change nor sends one to the fold that it leaves alone.
            XCTAssertEqual(quick, Normalise.foldSpaces(line) == line, line.debugDescription)
            XCTAssertEqual(Normalise.spaces(line), Normalise.foldSpaces(line), line.debugDescription)
            XCTAssertEqual(Normalise.foldSpaces(line), foldSpacesByteAtATime(line), line.debugDescription)
        }
        XCTAssertGreaterThan(folded, 1000)
    }

    /// `Lexicons.notesJunkWindow` rests on this: lower case never takes a scalar below a third
    /// of its UTF-8 bytes, and maps each scalar on its own (a prefix lowers to a prefix).
    func testLowerCaseShrinksAScalarToNoLessThanAThird() {
        var sample = ""
        for v in UInt32(0)..<0x3_0000 {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(u)
            XCTAssertGreaterThanOrEqual(s.lowercased().utf8.count * 3, s.utf8.count, "U+\(String(v, radix: 16))")
            if v % 97 == 0 { sample.unicodeScalars.append(u) }
        }
        let all = Array(sample.unicodeScalars)
        for cut in stride(from: 0, to: all.count, by: 37) {
            let prefix = String(String.UnicodeScalarView(all[0..<cut]))
            XCTAssertTrue(sample.lowercased().hasPrefix(prefix.lowercased()))
        }
    }

    func testLongLinesAreJunkByPrefixRulesOnly() throws {
        let lex = Repo.lex
        let np = NotesParser(lex: lex, defaultYear: nil)
        let prefix = try XCTUnwrap(lex.notesJunk.first { $0.match == "prefix" }?.text)
        let exact = try XCTUnwrap(lex.notesJunk.first { $0.match == "exact" }?.text)
        let tail = String(repeating: " и текст статьи", count: 40)
        XCTAssertTrue(np.isJunk(prefix.uppercased() + tail))
        XCTAssertTrue(np.isJunk(exact.uppercased()))
        XCTAssertFalse(np.isJunk(exact + tail))
        XCTAssertFalse(np.isJunk(String(tail.dropFirst())))
    }

    /// Punctuation tokens take their norm and keys from a table made once: the same as the
    /// mark's own string and its keys, for every mark and for scalars that are none.
    func testPunctuationTokensAreTheirMarks() {
        for u in ",;:()«»\"“”„—–/!?-a€".unicodeScalars {
            let (norm, keys) = Tokenizer.punctuation(u)
            XCTAssertEqual(norm, NormBytes(String(u)))
            XCTAssertEqual(norm.string, String(u))
            XCTAssertEqual(keys, WordKeys(String(u)))
        }
        XCTAssertEqual(Tokenizer.hyphenKeys, WordKeys("-"))
        XCTAssertEqual(Tokenizer.hyphenNorm, NormBytes("-"))
        let tokens = Tokenizer.tokens("a, b; c: (d) «e» \"f\" “g” „h — i – j / k! l? m - n")
        XCTAssertEqual(tokens.filter { $0.kind == .punct }.count, 18)
        for t in tokens { XCTAssertEqual(t.keys, WordKeys(t.norm), t.norm) }
    }

    /// Rules that no first byte indexes (contains, and rules of no text) are asked of every
    /// line, beside the exact and prefix rules of the line's first byte.
    func testJunkRulesOfNoFirstByte() {
        let rules = NotesJunkRules([("contains", "подробнее"), ("exact", ""), ("prefix", "читать"), ("exact", "всё")])
        func junk(_ s: String, long: Bool = false) -> Bool {
            Array(s.utf8).withUnsafeBufferPointer { rules.matches(lowered: $0, long: long) }
        }
        XCTAssertTrue(junk("а также подробнее"))
        XCTAssertTrue(junk(""))
        XCTAssertTrue(junk("читать далее"))
        XCTAssertTrue(junk("всё"))
        XCTAssertFalse(junk("всё", long: true))
        XCTAssertFalse(junk("всё ещё"))
        XCTAssertFalse(junk("другое"))
    }

    /// The compiled junk rules (`NotesJunkRules`) and the first-byte guards in front of the
    /// rule, address and breadcrumb tests answer as the table's rules and the string tests do,
    /// on real lines, on every rule's text written several ways, and on lines of dashes.
    func testNotesLineTestsAreTheStringTests() throws {
        let lex = Repo.lex
        let np = NotesParser(lex: lex, defaultYear: nil)
        func junkReference(_ t: String) -> Bool {
            let l = t.lowercased()
            return lex.notesJunk.contains { r in
                switch r.match {
                case "exact": return l == r.text
                case "prefix": return l.utf8.starts(with: r.text.utf8)
                case "contains": return UTF8Bytes.occurs(Array(r.text.utf8), in: Array(l.utf8))
                default: return false
                }
            }
        }
        var lines = try noteLines().map { Normalise.spaces($0) }
        for r in lex.notesJunk {
            lines += [r.text, r.text.uppercased(), r.text + " x", "x " + r.text, String(r.text.dropLast()), r.text + String(repeating: " и текст", count: 30),
                      r.text.prefix(1).uppercased() + r.text.dropFirst(), String(r.text.prefix(3)), String(r.text.prefix(4)).uppercased()]
        }
        lines += ["---", "===", "___", "———", "-", "--", "-=_—", "- - -", "—x—", "-\u{301}--", "http://x.ru", "https://x.ru/a b", "www.x.ru", "wwwx", "hello",
                  "- Главная", "-Главная", "– Главная", "ГЛАВНАЯ", "ЁЛКА", "Ёлка", "Ђаво", "İstanbul", "ÀÉÎ news", "НOME", "HOMЕ", "µ news"]
        // Refused by the rules' openings before any lowering: most lines, and none that a
        // rule matches (the test of `isJunk` below checks every line against the reference).
        let refused = lines.filter { t in t.withUTF8Bytes { !lex.notesJunkRules.mayMatch(line: $0) } }.count
        XCTAssertGreaterThan(refused, lines.count / 2)
        var junk = 0
        for t in lines {
            let want = junkReference(t)
            XCTAssertEqual(np.isJunk(t), want, t)
            if want { junk += 1 }
            XCTAssertEqual(NotesParser.isRule(t), t.allSatisfy { $0 == "-" || $0 == "=" || $0 == "_" || $0 == "—" } && t.count >= 3, t)
            let url = (t.hasPrefix("http://") || t.hasPrefix("https://") || t.hasPrefix("www.")) && !t.contains(" ") ? t : nil
            XCTAssertEqual(NotesParser.url(in: t), url, t)
        }
        XCTAssertGreaterThan(junk, 5 * lex.notesJunk.count / 2)
    }

    /// The tokenizer's fast path for ASCII and Russian words gives the tokens (norms, offsets,
    /// case flags, keys) the general loop gives, and hands other letters over to it.
    func testFastWordsAreTheGeneralLoopsWords() {
        // A leading modifier-letter apostrophe (a letter to Unicode) is skipped, not a word.
        XCTAssertEqual(Tokenizer.tokens("ʼx ʼ 'y").map(\.norm), ["x", "y"])
        // An apostrophe joins two letters and is dropped; after a word's last letter it is not
        // part of the word (both loops share the test, so it is pinned here, not by comparison).
        let joined = Tokenizer.tokens("rock' roll d’Arc")
        XCTAssertEqual(joined.map(\.norm), ["rock", "roll", "darc"])
        XCTAssertEqual(joined.map(\.end), [4, 10, 16])
        var extra = ""
        for v in UInt32(0x80)..<0xC0 { extra.unicodeScalars.append(Unicode.Scalar(v)!) }
        for v in UInt32(0x2000)...0x2070 { extra.unicodeScalars.append(Unicode.Scalar(v)!) }
        // Apostrophes after a word, before a space, a digit, a mark or the end: no letter
        // follows, so the word ends before them.
        let fixed = ["областьЧелябинская", "O'Neil d’Arc ʼx", "ЁЛКА ёж Ё", "Łódź ÀÉ ºª µ", "ABC-где", extra, "İSTANBUL",
                     "rock' n roll' x'1 y'' z’ мир' дом’, a'", "ab'-cd ef’«gh»"]
        var more: [String] = []
        var state: UInt64 = 99
        for sample in samples(3000) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let k = Int(state >> 33) % (extra.unicodeScalars.count - 3)
            let bit = String(String.UnicodeScalarView(Array(extra.unicodeScalars)[k..<(k + 3)]))
            more.append(sample + bit + "Пенза" + sample)
        }
        for s in fixed + samples(5000) + more {
            let scalars = Array(s.unicodeScalars)
            XCTAssertEqual(Tokenizer.tokens(scalars), Tokenizer.tokens(scalars, fast: false), s.debugDescription)
        }
    }

    /// A title's topics, collected without the counts, are the sorted keys of the counts, on
    /// every line of the sample listings; by the ranks of their names (a table of 64 topics
    /// or fewer) as by a sort of the names found (any table).
    func testTitleTopicsAreTheSortedKeysOfTheHits() throws {
        let tagger = TopicTagger(lex: Repo.lex)
        XCTAssertLessThanOrEqual(tagger.topicIDs.count, 64, "the tables as shipped take the ranks")
        var tagged = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.root + "/seeds").sorted() {
            let text = try String(contentsOfFile: Repo.root + "/seeds/" + name, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let tokens = Tokenizer.tokens(String(line))
                let topics = tagger.topics(ofTitle: tokens)
                XCTAssertEqual(topics, tagger.hits(tokens).keys.sorted(), String(line))
                XCTAssertEqual(tagger.sortedTopics(ofTitle: tokens), topics, String(line))
                if topics.count > 1 { tagged += 1 }
            }
        }
        XCTAssertGreaterThan(tagged, 0)
    }

    /// A meeting's topic counts, kept by each topic's place, are the counts by name: one a
    /// phrase found, however many of its patterns name the topic.
    func testTopicCountsByPlaceAreTheCountsByName() throws {
        let lex = Repo.lex
        let tagger = TopicTagger(lex: lex)
        var counted = 0
        for line in try noteLines() {
            let tokens = Tokenizer.tokens(line)
            var byName: [String: Int] = [:]
            var i = 0
            while i < tokens.count {
                if let (e, topics) = lex.topics.longestMatch(tokens, at: i) {
                    for t in Set(topics.map(\.id)) { byName[t, default: 0] += 1 }
                    i = e
                } else { i += 1 }
            }
            var counts = tagger.newCounts()
            tagger.count(tokens, into: &counts)
            for n in [1, 2] {
                XCTAssertEqual(tagger.names(of: counts, atLeast: n).sorted(), byName.filter { $0.value >= n }.map(\.key).sorted(), line)
            }
            counted += byName.count
        }
        XCTAssertGreaterThan(counted, 50)
    }

    /// The title memo reads digits as "0" (`ListingParser.titleKey`): a title's kind and topics
    /// must not depend on its digits, for every seed and dev line with its numbers replaced by
    /// others of any length; a title keeps its key with other digits in the same places, and
    /// titles that differ in more than digits must not share a key.
    func testTitleAnalysisIgnoresDigitsWhenNoPatternHasOne() throws {
        let lex = Repo.lex
        XCTAssertFalse(lex.kinds.readsNumbers)
        XCTAssertFalse(lex.topics.readsNumbers)
        let p = ListingParser(lex: lex)
        let kinds = KindClassifier(lex: lex), tagger = TopicTagger(lex: lex)
        var dirs = [Repo.root + "/seeds"]
        if FileManager.default.fileExists(atPath: Repo.root + "/../shared/dev/events") { dirs.append(Repo.root + "/../shared/dev/events") }
        var state: UInt64 = 11
        var numbered = 0
        for dir in dirs {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                guard let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8) else { continue }
                for line in text.split(separator: "\n").prefix(400) {
                    let title = String(line)
                    // Each run of digits as another number of any length, and each digit as
                    // another digit.
                    var other = String.UnicodeScalarView(), sameShape = String.UnicodeScalarView()
                    var inDigits = false
                    for u in title.unicodeScalars {
                        if u.value >= 48 && u.value <= 57 {
                            state = state &* 6364136223846793005 &+ 1442695040888963407
                            if !inDigits { other.append(contentsOf: String(state >> 40).unicodeScalars.prefix(1 + Int(state >> 61))) }
                            sameShape.append(Unicode.Scalar(UInt8(48 + (state >> 33) % 10)))
                            inDigits = true
                        } else { inDigits = false; other.append(u); sameShape.append(u) }
                    }
                    let variant = String(other), sameLength = String(sameShape)
                    guard variant != title else { continue }
                    numbered += 1
                    XCTAssertEqual(p.titleKey(title), p.titleKey(sameLength), title)
                    for v in [variant, sameLength] {
                        XCTAssertEqual(kinds.classify(title), kinds.classify(v), title)
                        XCTAssertEqual(tagger.topics(ofTitle: Tokenizer.tokens(title)), tagger.topics(ofTitle: Tokenizer.tokens(v)), title)
                    }
                }
            }
        }
        XCTAssertGreaterThan(numbered, 50)
        XCTAssertNotEqual(p.titleKey("Акция №1"), p.titleKey("Акция №1 "))
        XCTAssertNotEqual(p.titleKey("Урок 12"), p.titleKey("Урок 1 2"))
        XCTAssertNotEqual(p.titleKey("Урок 12"), p.titleKey("Урок 12a"))
        XCTAssertEqual(p.titleKey("Урок 12"), p.titleKey("Урок 90"))
    }

    /// Whether a line opens with a kind (`opensWithKind`) is memoized by `titleKey`: on every
    /// seed and dev line, and on each numbered line's variant with other numbers (asked after
    /// it, so answered from the memo), the answer is the kind table's own at the first token.
    func testOpeningKindMemoAnswersAsTheKindTable() throws {
        let lex = Repo.lex
        let p = ListingParser(lex: lex)
        func direct(_ t: String) -> Bool { lex.kinds.longestMatch(Tokenizer.tokens(t), at: 0) != nil }
        var dirs = [Repo.root + "/seeds"]
        if FileManager.default.fileExists(atPath: Repo.root + "/../shared/dev/events") { dirs.append(Repo.root + "/../shared/dev/events") }
        var lines: [String] = ["Акция «Чистый город» №198", "Акция «Чистый город» №7", "Лекция 12 мая", "12 лекций", "Форум 2020 «Итоги»"]
        for dir in dirs {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                lines += ((try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? "").split(separator: "\n").prefix(400).map(String.init)
            }
        }
        var kinds = 0, fromMemo = 0
        for (n, title) in lines.enumerated() {
            XCTAssertEqual(p.opensWithKind(title), direct(title), title)
            if direct(title) { kinds += 1 }
            // The same title with each digit replaced by another (the same key).
            let variant = title.unicodeScalars.map { $0.value >= 48 && $0.value <= 57 ? String((Int($0.value) - 48 + n) % 10) : String($0) }.joined()
            guard variant != title else { continue }
            fromMemo += 1
            XCTAssertEqual(p.opensWithKind(variant), direct(variant), variant)
        }
        XCTAssertGreaterThan(kinds, 50)
        XCTAssertGreaterThan(fromMemo, 50)
    }

    /// The title key reads each digit as "0" in the hash's own words: two titles share a key
    /// exactly when their bytes with digits made "0" are equal, wherever the digits fall
    /// against the words and the tail (titles of every length up to three steps).
    func testTitleKeyIsTheDigestOfTheFoldedBytes() {
        let p = ListingParser(lex: Repo.lex)
        func folded(_ s: String) -> [UInt8] { s.utf8.map { $0 >= 0x30 && $0 <= 0x39 ? 0x30 : $0 } }
        let pieces = ["a", "Акция", " ", "№", "1", "98", "0", "9", "/", ":", "«", "»", "x7", "ё", "\u{1F600}", "2020"]
        let titles = Mixes.joinings(of: pieces, count: 3_000, longest: 14, seed: 5) + ["", "0", "abcdefgh", "abcdefg1", "abcdefgh12345678"]
            + (0...40).map { String(repeating: "x", count: $0) + "1" } + (0...40).map { String(repeating: "y", count: $0) + "2" }
        var byKey: [Digest128.Value: [UInt8]] = [:]
        for t in titles {
            let f = folded(t)
            if let seen = byKey[p.titleKey(t)] { XCTAssertEqual(seen, f, t) } else { byKey[p.titleKey(t)] = f }
        }
        XCTAssertEqual(Set(titles.map(folded)).count, byKey.count)
    }

    /// The key fold's tables, written out, are the functions they tabulate: each Russian
    /// letter of leads D0 and D1 lowered (`lowerRussian`, Ё and ё to е) and 0 for the other
    /// scalars there; each ASCII byte a lowered letter, a digit or a space.
    func testKeyTablesAreTheirDefinitions() {
        for x in 0..<128 {
            let v = UInt32(0x400 | x)
            var expected: UInt16 = 0
            if Normalise.isRussianLetter(v) {
                let w = Normalise.lowerRussian(v)
                expected = UInt16(0xC0 | (w >> 6)) << 8 | UInt16(0x80 | (w & 0x3F))
            }
            XCTAssertEqual(Normalise.russianPairs[x], expected, "U+\(String(v, radix: 16))")
        }
        for c in 0..<128 {
            let u = Unicode.Scalar(UInt8(c))
            let expected: UInt8 = u.properties.isUppercase && c < 0x5B ? UInt8(c + 32) : (u.properties.isLowercase && c > 0x60) || (0x30...0x39).contains(c) ? UInt8(c) : 0x20
            XCTAssertEqual(Normalise.asciiKeyBytes[c], expected, "\(c)")
        }
    }

    /// The keys an id and the merge digest hash are the generic fold's bytes, whether the quick
    /// fold reads the text or hands it back; and the id is FNV-1a of those keys and the date,
    /// as the contract's stable ids have always been.
    func testKeyBytesAreTheGenericFold() {
        let pieces = ["Акция", "a", "Z", " ", "  ", "\t", "«", "»", "—", "№", "ё", "Ё", "1", "x7", "\u{00A0}", "\u{00AA}", "µ",
                      "İ", "ẞ", "😀", "\u{0301}", "\"", ".", "-", "\u{2009}", "Я", "p",
                      // Runs of eight ASCII bytes and more, folded eight a step, with separators side by side.
                      "Conference", "City", ", ", " \"", "\" ", "~!", "@Ab9", "\u{7F}", "\u{01}"]
        // Every Russian letter in both cases, and the scalars beside them that share their lead bytes.
        let alphabet = (0x400...0x47F).map { String(Unicode.Scalar($0)!) }.joined()
        let texts = Mixes.joinings(of: pieces, count: 4_000, longest: 12, seed: 11) + samples(500) + ["", " ", "«»", "a b", alphabet, "Ёлка ЁЖИК ёж"]
        var quick = 0
        func generic(_ s: String) -> [UInt8] {
            var out: [UInt8] = []
            Normalise.key(s, into: &out)
            return out
        }
        for (n, t) in texts.enumerated() {
            let other = texts[(n * 7 + 3) % texts.count]
            let expected = generic(t) + [0x1F] + generic(other) + [0x1F]
            XCTAssertEqual(Normalise.withKeyBytes(t, other) { Array($0) }, expected, "\(t.debugDescription) \(other.debugDescription)")
            XCTAssertEqual(Normalise.withKeyBytes(t, nil) { Array($0) }, generic(t) + [0x1F])
            // A place's key folded once and kept (`keyBytes`) gives the same bytes.
            XCTAssertEqual(Normalise.keyBytes(other), generic(other), other.debugDescription)
            XCTAssertEqual(Normalise.withKeyBytes(t, secondKey: Normalise.keyBytes(other)) { Array($0) }, expected, "\(t.debugDescription) \(other.debugDescription)")
            XCTAssertEqual(Array(Normalise.key(t).utf8), generic(t))
            t.withUTF8Bytes { b in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count) { out in
                    if let k = Normalise.quickKey(b, into: out.baseAddress!) {
                        quick += 1
                        XCTAssertEqual(Array(out[0..<k]), generic(t), t.debugDescription)
                    }
                }
            }
            var h = StableHash()
            for b in expected { h.put(b) }
            let day = Day(year: 2020, month: 1 + n % 12, day: 1 + n % 28)!
            for b in day.description.utf8 { h.put(b) }
            h.endField()
            XCTAssertEqual(Event.makeID(title: t, location: other, start: day), StableHash.hex(h, digits: 12, prefix: "ev-"))
            let kept = Event.keys(title: t, locationKey: Normalise.keyBytes(other), start: day)
            XCTAssertEqual(kept.id, StableHash.hex(h, digits: 12, prefix: "ev-"))
            XCTAssertEqual(kept.merge.value, Event.mergeDigest(title: t, location: other).value)
            // `check`'s digest from the place's kept digest and the title's template is the same.
            XCTAssertEqual(t.withUTF8Bytes { b in
                Event.mergeDigest(template: Event.templateDigest(title: b), digitsOf: b, place: Event.placeDigest(locationKey: Normalise.keyBytes(other)))
            }.value, kept.merge.value, t.debugDescription)
            // A meeting's id, as it was first written: the hex of the key and the date combined.
            for d in [day, nil] {
                XCTAssertEqual(Meeting.makeID(title: t, start: d), "mt-" + StableHash.hex([Normalise.key(t), d?.description ?? ""]))
            }
        }
        // Both paths were taken.
        XCTAssertGreaterThan(quick, 1000)
        XCTAssertLessThan(quick, texts.count - 500)
    }

    /// Lower case eight ASCII bytes a step is the standard library's lower case, wherever the
    /// ASCII runs start and end against the other letters.
    func testLowerIsTheStandardLowerCase() {
        let pieces = ["ABCDEFGH", "Hello World", "a", "Z", "@[`{", " ", "Семинар", "ЁЖИК", "ÀÉÎÞ", "×", "0123456789", "MiXeD CaSe 42", "—", "«»"]
        for s in Mixes.joinings(of: pieces, count: 3_000, longest: 9, seed: 13) + ["", "ABCDEFG", "ABCDEFGHI"] {
            XCTAssertEqual(UTF8Bytes.lower(Array(s.utf8)), Array(s.lowercased().utf8), s.debugDescription)
        }
    }

    /// Scalars counted eight bytes a step are the string's scalars, wherever the multi-byte
    /// scalars fall against the word boundaries; and on arbitrary bytes, the lead bytes.
    func testScalarCountIsTheUnicodeScalarCount() {
        let pieces = ["ABCDEFGH", "a", " ", "Семинар", "Ё", "ÀÉ", "—", "«»", "€", "𝔸", "0123456", "x\u{301}"]
        for s in Mixes.joinings(of: pieces, count: 3_000, longest: 9, seed: 19) + ["", "ABCDEFG", "ABCDEFGHI"] {
            XCTAssertEqual(UTF8Bytes.scalarCount(Array(s.utf8)), s.unicodeScalars.count, s.debugDescription)
            XCTAssertEqual(UTF8Bytes.scalarCount(ArraySlice(Array(s.utf8))), s.unicodeScalars.count, s.debugDescription)
        }
        var state: UInt64 = 23
        for n in 0..<200 {
            let bytes = (0..<n).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            XCTAssertEqual(UTF8Bytes.scalarCount(bytes), bytes.filter { $0 & 0xC0 != 0x80 }.count)
        }
    }

    /// A date line refused on its first two bytes is one the full parse refuses too.
    func testDateLineRefusalIsTheFullParse() {
        let pieces = ["С", "с", "Се", "сп", "from", "From", "FROM:", "Du", "du", "dates", "Période", "période", "D", "F", "p", " ",
                      "01/02/2020", "2020-01-02", "по", "to", "au", "-", "Семинар", "Форум", "x", ":", ".", "5"]
        var parsed = 0
        for s in Mixes.joinings(of: pieces, count: 6_000, longest: 6, seed: 17) {
            let b = ArraySlice(Array(s.utf8))
            let quick = ListingDate.parse(b), full = ListingDate.parse(b, quick: false)
            XCTAssertEqual(quick, full, s.debugDescription)
            if full != nil { parsed += 1 }
        }
        XCTAssertGreaterThan(parsed, 50)
        // The first-byte refusal's bits, written out, are the table made from the openers.
        for b in 0..<256 { XCTAssertEqual(ListingDate.mayOpenLine(UInt8(b)), ListingDate.mayOpen[b], "\(b)") }
    }

    /// `ListingDate.parseCommonShape` written a byte at a time, as the spec of its word-wise
    /// reading: an opener ("from" in any case, "с", "С") and a space, a dd/mm/yyyy or
    /// dd.mm.yyyy date, and nothing more, or a space, a link ("to" in any case, "по"), a space
    /// and a second date.
    static func commonShape(_ b: [UInt8]) -> PackedDates? {
        func date(at p: Int) -> UInt64? {
            guard p + 10 <= b.count else { return nil }
            let d = (0..<10).map { Int(b[p + $0]) - 0x30 }
            let sep = b[p + 2]
            guard sep == 0x2F || sep == 0x2E, b[p + 5] == sep, [0, 1, 3, 4, 6, 7, 8, 9].allSatisfy({ (0..<10).contains(d[$0]) }) else { return nil }
            return PackedDates.pack(year: UInt64(d[6] * 1000 + d[7] * 100 + d[8] * 10 + d[9]), month: UInt64(d[3] * 10 + d[4]), day: UInt64(d[0] * 10 + d[1]))
        }
        func starts(_ s: String, at p: Int, anyCase: Bool) -> Bool {
            let w = Array(s.utf8)
            guard p + w.count <= b.count else { return false }
            return (0..<w.count).allSatisfy { anyCase ? b[p + $0] | 0x20 == w[$0] : b[p + $0] == w[$0] }
        }
        var p: Int
        if starts("from", at: 0, anyCase: true) && starts(" ", at: 4, anyCase: false) { p = 5 } else if starts("с ", at: 0, anyCase: false) || starts("С ", at: 0, anyCase: false) { p = 3 } else { return nil }
        guard let start = date(at: p) else { return nil }
        p += 10
        if p == b.count { return PackedDates(bits: start) }
        guard b[p] == 0x20 else { return nil }
        p += 1
        if starts("to", at: p, anyCase: true) && starts(" ", at: p + 2, anyCase: false) { p += 3 } else if starts("по ", at: p, anyCase: false) { p += 5 } else { return nil }
        guard p + 10 == b.count, let end = date(at: p) else { return nil }
        return PackedDates(bits: PackedDates.hasEnd | end << 28 | start)
    }

    /// A date line of the common shape, read at fixed places (`parseCommonShape`), reads as
    /// the parser reads the line (`read`), and its reading holds the dates itself
    /// (`PackedDates`): over lines made of openers, links, dates and near misses (one-digit
    /// days, mixed separators, five-digit years, doubled spaces, tabs, a full stop).
    func testCommonShapeDateLinesAreTheParsersReading() {
        // Each line: an opener, a space, a date, and then nothing, or a space, a link, a
        // space and a date; each slot mostly right, sometimes one of its near misses.
        let openers = ["From", "from", "FROM", "fRoM", "С", "с"], badOpeners = ["Сп", "Fro", "From:", "du", "", " From", "Из"]
        let links = ["to", "TO", "To", "по"], badLinks = ["По", "till", "-", "t", "по:", ""]
        let spaces = [" "], badSpaces = ["  ", "\t", "\u{00A0}", ""]
        let dates = ["01/02/2020", "31.12.2021", "09/11/2019", "99/99/9999", "00.00.0000"],
            badDates = ["1/2/2020", "01/02.2020", "01/02/20201", "2020-01-02", "01/02/202", "01/02/2020.", "a1/02/2020", "01/0:/2020", "01/02/2/20"]
        var rng = SplitMix64(seed: 0xDA7E)
        func pick(_ good: [String], _ bad: [String]) -> String {
            rng.next() % 8 == 0 ? bad[Int(rng.next() % UInt64(bad.count))] : good[Int(rng.next() % UInt64(good.count))]
        }
        let parser = ListingParser(lex: Repo.lex)
        var hits = 0, misses = 0
        for _ in 0..<20_000 {
            var s = pick(openers, badOpeners) + pick(spaces, badSpaces) + pick(dates, badDates)
            if rng.next() % 3 != 0 { s += pick(spaces, badSpaces) + pick(links, badLinks) + pick(spaces, badSpaces) + pick(dates, badDates) }
            if rng.next() % 16 == 0 { s += pick(["."], [" ", "x"]) }
            let quick = Array(s.utf8).withUnsafeBufferPointer { ListingDate.parseCommonShape($0) }
            XCTAssertEqual(quick, ByteMatchingTests.commonShape(Array(s.utf8)), s.debugDescription)
            guard let quick else { misses += 1; continue }
            hits += 1
            XCTAssertEqual(parser.read(s).cls, .date(quick.parsed), s.debugDescription)
            XCTAssertEqual(PackedDates(quick.parsed), quick, s.debugDescription)
            XCTAssertEqual(ListingParser.Line.date(quick).cls, .date(quick.parsed), s.debugDescription)
        }
        XCTAssertGreaterThan(hits, 5_000)
        XCTAssertGreaterThan(misses, 5_000)
    }

    /// A listing's line read from its bytes (`read(_:line:)`, which folds the bytes and makes no
    /// string of a date line) reads as the string operations say: the line's string folded
    /// (`Normalise.spaces`), classified (`classify`), and its icon prefix found on its bytes.
    /// The text is the same but for a date line's, which nothing reads. Over the seeds' and the
    /// development set's listings (when it is here) and lines made of pieces with odd spaces.
    func testListingLinesReadFromBytesAreTheStringReading() throws {
        var lines = try listingLines()
        let pieces = ["From 01/02/2020 to 03/02/2020", "С 01.10.2020 по 15.10.2020", "date ", "boussole ", "Penza city", "  ", "\t", "\u{00A0}",
                      "Ukraine Ukraine Kharkiv", "« Tver » takes part in", "Read less", "Семинар «Выборы»", ", ", "x", "Page 1", "\r"]
        lines += Mixes.joinings(of: pieces, count: 3_000, longest: 5, seed: 41)
        let src = SourceText(path: "l.txt", bytes: Array(lines.joined(separator: "\n").utf8), validUTF8: true)
        let parser = ListingParser(lex: Repo.lex)
        var dates = 0
        for i in 0..<src.lineCount {
            let fromBytes = parser.read(src, line: i)
            let text = Normalise.spaces(src.line(i))
            let cls = parser.classify(text)
            XCTAssertEqual(fromBytes.cls, cls, src.line(i).debugDescription)
            XCTAssertEqual(fromBytes.placeStart, Repo.lex.boilerplate.strippedStart(.placePrefix, of: text), src.line(i).debugDescription)
            if case .date = cls {
                dates += 1
                XCTAssertEqual(fromBytes.text(in: src), "")
            } else {
                XCTAssertEqual(fromBytes.text(in: src), text, src.line(i).debugDescription)
            }
        }
        XCTAssertGreaterThan(dates, 100)
    }

    /// A line the parser calls plain text before reading it (`readsAsPlainText`) reads as
    /// text in place, all of it: no date, no rule's role, no country, no place icon, folded
    /// already. Over the seeds' and the development set's listings (when it is here), each
    /// boilerplate rule's text in several cases and places, and lines made of pieces that
    /// open or end rules, dates and icons, with odd spaces. Most text lines are called plain.
    func testPlainTextShortcutIsTheReading() throws {
        var lines = try listingLines()
        // The real lines' text lines are nearly all called plain (the rest are long, or open
        // with a digit); the made-up lines below try the refusals.
        let real = lines.count
        let table = Repo.lex.boilerplate
        for r in table.rules {
            let t = String(decoding: table.ruleBytes[r.start..<(r.start + r.count)], as: UTF8.self)
            lines += [t, t.uppercased(), t.capitalized, "Акция " + t, t + " 12", "« Tver " + t.uppercased(), String(t.dropFirst()), String(t.dropLast())]
        }
        let pieces = ["Action \"Clean city\" 12", "Акция «Чистый город» №5", "activities", "Activ", "From 01/02/2020", "С 01.10.2020", "date", "Date: ",
                      "boussole ", "Penza", "Penza Penza", "Ukraine Ukraine", " ", "  ", "\u{00A0}", "\t", "inhabitants", "habitants", "Public ",
                      "public ", "star city", "» takes part in the european local democracy week", "Read less", "Семинар", ", ", "x", "Ё", "\r"]
        lines += Mixes.joinings(of: pieces, count: 4_000, longest: 5, seed: 43)
        // Long lines: under and over a hundred scalars, and over a hundred bytes in fewer.
        lines += ["Семинар «" + String(repeating: "Выборы ", count: 12) + "»", "Seminar " + String(repeating: "a", count: 120), String(repeating: "Я", count: 60)]
        let src = SourceText(path: "l.txt", bytes: Array(lines.joined(separator: "\n").utf8), validUTF8: true)
        let parser = ListingParser(lex: Repo.lex)
        var plain = 0, text = 0
        for i in 0..<src.lineCount {
            let range = src.range(ofLine: i)
            let quick = src.bytes.withUnsafeBufferPointer { parser.readsAsPlainText(UnsafeBufferPointer(rebasing: $0[range])) }
            let line = parser.read(src, line: i)
            let isPlain = line.readsInPlace && line.text(in: src) == src.line(i)
            if quick { XCTAssertTrue(isPlain, src.line(i).debugDescription) }
            if i < real && quick { plain += 1 }
            if i < real && isPlain { text += 1 }
        }
        XCTAssertGreaterThan(plain, text * 4 / 5)
        XCTAssertGreaterThan(text, 200)
    }

    /// The screen answered once per template (`screensAsPlainText`: digits read as "0") calls
    /// a line plain only when its reading is plain, whatever line of its template came first:
    /// each line of `testPlainTextShortcutIsTheReading`'s kinds (and a rule with digits, and
    /// country lines whose words differ only in digits) is screened after a line that differs
    /// from it only in its digits. Most of the second screenings are answered by the memo.
    func testTemplateScreenIsTheReading() throws {
        var lines = try listingLines()
        let real = lines.count
        lines += ["Ukraine1 Ukraine2 Kharkiv", "A1 A1 x", "Round 12 Round 12", "Round 12 Round 13 x", "12 stars", "13 stars", "Action \"Clean city\" 12"]
        let pieces = ["Action \"Clean city\" 12", "Акция «Чистый город» №5", "From 01/02/2020", "С 01.10.2020", "boussole ", "Penza", "Penza1",
                      "Ukraine Ukraine", "A1", "A2", " ", "  ", "\u{00A0}", "12 stars", "star city", "Read less", "Семинар", ", ", "x", "7"]
        lines += Mixes.joinings(of: pieces, count: 4_000, longest: 5, seed: 47)
        func otherDigits(_ line: String, _ step: UInt8) -> String {
            String(decoding: line.utf8.map { $0 >= 0x30 && $0 <= 0x39 ? 0x30 + ($0 - 0x30 + step) % 10 : $0 }, as: UTF8.self)
        }
        // Each line after one of its template with other digits.
        var ordered: [String] = []
        for l in lines { ordered += [otherDigits(l, 1), l, otherDigits(l, 5)] }
        let src = SourceText(path: "l.txt", bytes: Array(ordered.joined(separator: "\n").utf8), validUTF8: true)
        let parser = ListingParser(lex: Repo.lex)
        XCTAssertTrue(Repo.lex.boilerplate.screensByTemplate)
        var plain = 0
        for i in 0..<src.lineCount {
            let range = src.range(ofLine: i)
            let quick = src.bytes.withUnsafeBufferPointer { parser.screensAsPlainText(UnsafeBufferPointer(rebasing: $0[range])) }
            let line = parser.read(src, line: i)
            let isPlain = line.readsInPlace && line.text(in: src) == src.line(i)
            if quick { XCTAssertTrue(isPlain, src.line(i).debugDescription); plain += 1 }
        }
        XCTAssertGreaterThan(plain, real)
        XCTAssertLessThan(parser.memo.plainTemplate.count, src.lineCount / 2)
    }

    /// A template whose first line the screen calls plain is called plain for its other lines
    /// only when no rule with digits in its text matches them (of each kind of match, and a
    /// place icon's) and they are no country lines ("Q7 Q7 zz …" after "Q7 Q8 zz …"); with a
    /// date-line start that has a digit, no template is kept.
    func testTemplateScreenAsksTheRulesWithDigitsAndTheCountryTest() throws {
        var texts: [String: String] = [:]
        for f in Lexicons.files { texts[f] = try String(contentsOfFile: Repo.root + "/data/" + f, encoding: .utf8) }
        texts["listing-boilerplate.tsv"]! += "\nnoise\tcontains\tpage 2 of\nnoise\tsuffix\t(1)\nnoise\tprefix\tstep 1\nplace-prefix\tprefix\tpin1\n"
        let lex = Lexicons(folder: "test", texts: texts)
        XCTAssertTrue(lex.boilerplate.screensByTemplate)
        let pairs = [("Report page 3 of 9", "Report page 2 of 9"), ("Forum (2)", "Forum (1)"), ("Step 2 forward", "Step 1 forward"),
                     ("Pin2 Tula city, Tula Oblast", "Pin1 Tula city, Tula Oblast"), ("Q7 Q8 zz yy xx ww vv uu", "Q7 Q7 zz yy xx ww vv uu")]
        let src = SourceText(path: "l.txt", bytes: Array(pairs.map { $0.0 + "\n" + $0.1 }.joined(separator: "\n").utf8), validUTF8: true)
        let parser = ListingParser(lex: lex)
        for k in 0..<(2 * pairs.count) {
            let range = src.range(ofLine: k)
            let quick = src.bytes.withUnsafeBufferPointer { parser.screensAsPlainText(UnsafeBufferPointer(rebasing: $0[range])) }
            let line = parser.read(src, line: k)
            let isPlain = line.readsInPlace && line.text(in: src) == src.line(k)
            XCTAssertEqual(quick, k % 2 == 0, src.line(k))
            XCTAssertEqual(isPlain, k % 2 == 0, src.line(k))
        }
        XCTAssertEqual(parser.memo.plainTemplate.count, pairs.count)
        texts["listing-boilerplate.tsv"]! += "date-prefix\tprefix\td1\n"
        XCTAssertFalse(Lexicons(folder: "test", texts: texts).boilerplate.screensByTemplate)
    }

    /// The opening the prefilter of the boilerplate rules reads (`loweredOpening`) is the
    /// first two bytes of the line lowered whole, on lines of every opening scalar of one and
    /// two bytes (and a few longer) before a letter of each kind.
    func testLoweredOpeningIsTheLoweredLinesFirstTwoBytes() {
        var checked = 0
        for v in Array(0x20...0x7F) + Array(0xC0...0x4FF) + [0x2116, 0x1F600] {
            for next in ["a", "Z", "Я", "ё", "À", "1", " "] {
                let line = String(Unicode.Scalar(UInt32(v))!) + next
                let raw = Array(line.utf8), lower = UTF8Bytes.lower(raw)
                let opening = raw.withUnsafeBufferPointer { ListingBoilerplate.loweredOpening($0) }
                XCTAssertEqual(opening, UInt16(lower[0]) << 8 | UInt16(lower[1]), line)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 7_000)
    }

    /// The lines of the seeds' and the development set's listings (when it is here), blank
    /// lines kept: real listing lines for the tests that compare a shortcut with the reading.
    private func listingLines() throws -> [String] {
        var lines: [String] = []
        for dir in [Repo.root + "/seeds", Repo.shared + "/dev/events"] where FileManager.default.fileExists(atPath: dir) {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
                lines += String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
        }
        return lines
    }

    /// The lines of the seeds and of the development set's notes (when it is here): real
    /// text for the tests that compare a shortcut with the scan it replaces.
    private func noteLines() throws -> [String] {
        var lines: [String] = []
        for dir in [Repo.root + "/seeds", Repo.shared + "/dev/notes"] where FileManager.default.fileExists(atPath: dir) {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)))
                lines += String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
            }
        }
        return lines
    }

    /// What the tokenizer tallies on its way (`Tokenizer.Tally`) is what scans of the whole
    /// paragraph find: the sentence stops, so sentences come out the same either way, and the
    /// Cyrillic scalars and ASCII letters; the tokens are the same with a tally.
    func testTokenizerTallyIsTheScalarScan() throws {
        var texts = try noteLines()
        let pieces = ["Заседание", " ", ". ", "!", "?", "…", "г.", "А.", "Penza", "«Ёж»", "\"", "» ", "5", "e\u{301}", "x", "’", "-", "St. ", "?!",
                      "Київ", "ґ", "\u{0483}", "҂", "Ǆ", "ʼ", "'", "Straße", "ПензаPenza", "областьЧелябинская", "x'y"]
        texts += Mixes.joinings(of: pieces, count: 5_000, longest: 14, seed: 29) + samples(1_000)
        var stopsSeen = 0, sentences = 0
        for t in texts {
            let scalars = UTF8Bytes.scalars(t)
            var cyrillic = 0, latin = 0
            for u in scalars {
                let v = u.value
                if v >= 0x400 && v < 0x500 { cyrillic += 1 } else if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { latin += 1 }
            }
            for fast in [true, false] {
                var tally: Tokenizer.Tally? = Tokenizer.Tally()
                let tokens = Tokenizer.tokens(scalars, fast: fast, tally: &tally)
                XCTAssertEqual(tokens, Tokenizer.tokens(scalars, fast: fast), t)
                let stops = tally?.stops
                XCTAssertEqual(stops, scalars.indices.filter { Tokenizer.isStop(scalars[$0].value) }, t)
                XCTAssertEqual(tally?.cyrillic, cyrillic, t)
                XCTAssertEqual(tally?.latin, latin, t)
                let split = NotesParagraph.sentences(scalars, tokens, stops: stops)
                XCTAssertEqual(split, NotesParagraph.sentences(scalars, tokens), t)
                stopsSeen += stops?.count ?? 0
                sentences += split.last ?? 0
            }
        }
        XCTAssertGreaterThan(stopsSeen, 5_000)
        XCTAssertGreaterThan(sentences, 1_000)
    }

    /// A title cut from a paragraph (the paragraph, a prefix, a prefix and "…", the parser's
    /// opening clause and shortened first sentence) has the tokens of its own reading, offsets
    /// included, when it takes the paragraph's up to the last space they share. The cuts fall
    /// inside words, after hyphens and apostrophes, and on spaces.
    func testTitleTokensCutFromAParagraphAreTheTitlesOwn() throws {
        let np = NotesParser(lex: Repo.lex)
        let pieces = ["Заседание", " ", "ab-cd", "-", "rock'n", "’", "'", "x -y", "5", "2024", "«Ёж»", "областьЧелябинская", ", ", ". ", "e\u{301}",
                      "\u{A0}", "ʼ", "Straße", "—", "St."]
        var texts = try noteLines().filter { !$0.isEmpty }
        texts += Mixes.joinings(of: pieces, count: 3_000, longest: 12, seed: 41)
        var reused = 0
        for text in texts {
            let source = Tokenizer.tokens(text)
            let scalars = Array(text.unicodeScalars)
            // Every cut of a short text; about twenty-five of a long one.
            let step = max(1, scalars.count / 25)
            var titles = [text, np.openingClause(text), np.shortened(np.firstSentence(text)), "Иное " + text]
            for cut in stride(from: 0, through: scalars.count, by: step) {
                let prefix = String(String.UnicodeScalarView(scalars[..<cut]))
                titles += [prefix, prefix + "…", prefix + "-", prefix + "'n"]
            }
            for title in titles {
                let got = Tokenizer.tokens(title, cutFrom: text, sourceTokens: source)
                XCTAssertEqual(got, Tokenizer.tokens(title), "\(title.debugDescription) cut from \(text.debugDescription)")
                // The shortcut's case: the texts differ, and share a space.
                let common = zip(title.utf8, text.utf8).prefix(while: { $0 == $1 }).count
                if title != text && title.utf8.prefix(common).contains(0x20) { reused += 1 }
            }
        }
        XCTAssertGreaterThan(reused, 10_000)
    }

    /// The openings' filter of the notes junk rules lowers a line's first four bytes as the
    /// whole line is lowered, on rules that open with letters of each kind it maps (the
    /// table's own rules open with none of Ё, À-Þ), and refuses what opens no rule.
    func testJunkRuleOpeningsLowerAsTheLineIs() {
        let rules = NotesJunkRules([("exact", "ёлка"), ("prefix", "àla carte"), ("prefix", "рынок"), ("exact", "пора"), ("prefix", "news:")])
        func may(_ t: String) -> Bool { t.withUTF8Bytes { rules.mayMatch(line: $0) } }
        for t in ["ЁЛКА", "Ёлка", "ёлка", "ÀLA CARTE", "Àla carte", "РЫНОК", "Рынок x", "ПОРА", "NEWS: x", "News:"] { XCTAssertTrue(may(t), t) }
        for t in ["ЕЛКА", "Ала carte", "Рама", "Пиво", "Newt", "Новости"] { XCTAssertFalse(may(t), t) }
        // Short lines, and lines the Unicode tables would lower, are not refused.
        for t in ["ёл", "Ђаво и", "İstanbul"] { XCTAssertTrue(may(t), t) }
        // A rule of fewer than four bytes turns the filter off.
        let short = NotesJunkRules([("exact", "ok"), ("exact", "news")])
        XCTAssertTrue("Рыба".withUTF8Bytes { short.mayMatch(line: $0) })
    }

    /// The gazetteer finds the same names in tokens whose start bits a word cache worked
    /// out (most words are then passed with one test) as in tokens without them: real notes,
    /// coordinated lists, cities that need a place context, and fuzzy names.
    func testGazetteerMatchesWithStartBitsAreThoseWithout() throws {
        let lex = Repo.lex
        let cache = WordCache(starts: lex.wordStarts)
        let fixed = ["Orenbourg Region and Kaluga Oblast", "Белгородской, Иркутской и Калужской областей", "в Тамбове", "Penza city, Samara",
                     "Nizhny Novgorod, Kaluga, Amur and Sakhalin Regions", "ORENBOURG REGION", "Orenbourgg Oblast", "г. Москва"]
        var found = 0
        for t in fixed + (try noteLines()) + samples(2_000) {
            let scalars = UTF8Bytes.scalars(t)
            let with = lex.gazetteer.matches(in: Tokenizer.tokens(scalars, words: cache))
            XCTAssertEqual(with, lex.gazetteer.matches(in: Tokenizer.tokens(scalars)), t)
            found += with.count
        }
        XCTAssertGreaterThan(found, 200)
    }

    /// A line refused as a tag line for its lettered chunks has more than ten words.
    func testLetteredChunksAreWords() throws {
        let pieces = ["Пенза", " ", "  ", "Penza", "«", "»", "5", "—", "x-y", "ёЖ", "Київ", "\u{301}", ",", "Straße", "№", "😀", "ǅ"]
        var refused = 0
        for t in try noteLines() + Mixes.joinings(of: pieces, count: 6_000, longest: 40, seed: 37) {
            let words = Tokenizer.tokens(t).filter { $0.kind == .word }.count
            if !NotesParser.lettered(chunksOf: t, atMost: 10) {
                refused += 1
                XCTAssertGreaterThan(words, 10, t)
            }
        }
        XCTAssertGreaterThan(refused, 100)
    }

    /// Numbers found from the tokens' runs of digits are the numbers a scan of every scalar
    /// finds, in Russian and English text alike.
    func testNumberScanOverTokenRunsIsTheScalarScan() throws {
        var texts = try noteLines()
        let pieces = ["8", "000", " ", ",", ".", "1,5", "2.5", "07.05.2018", "\u{A0}", "\u{202F}", "человек", "people", "A", "2GIS", "100M",
                      "5K", "131-FZ", "/", "12345", "x", "Ё", "-", "(495)", "٣"]
        texts += Mixes.joinings(of: pieces, count: 6_000, longest: 12, seed: 31) + samples(1_000)
        var found = 0
        for t in texts {
            let scalars = UTF8Bytes.scalars(t)
            let tokens = Tokenizer.tokens(scalars)
            for russian in [true, false] {
                let runs = NumberScanner.scan(scalars, russian: russian, tokens: tokens)
                XCTAssertEqual(runs, NumberScanner.scan(scalars, russian: russian), t)
                found += runs.count
            }
        }
        XCTAssertGreaterThan(found, 5_000)
    }

    /// A number's value gathered digit by digit is what `Double` parses from the digits
    /// written out, with a point before the last 0 to 3 of them: short numbers (the divided
    /// integer), long ones (the parse), leading zeros, and values that round.
    func testDigitsValueIsTheWrittenNumbersParse() {
        var state: UInt64 = 17
        var cases: [String] = ["0", "00", "007", "999999999999999", "9999999999999999", "100000000000000000000", "123456789012345678901234"]
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = 1 + Int(state >> 59) % 24
            var d = ""
            for k in 0..<length { d.append(Character(Unicode.Scalar(UInt8(48 + (state >> UInt64(k % 60)) % 10)))) }
            cases.append(d)
        }
        for d in cases {
            for fraction in 0...min(3, d.count) {
                var digits = Digits()
                for u in d.unicodeScalars { digits.add(u) }
                digits.fraction = fraction
                var written = d
                if fraction > 0 { written.insert(".", at: written.index(written.endIndex, offsetBy: -fraction)) }
                XCTAssertEqual(digits.value, Double(written)!, written)
                XCTAssertEqual(digits.count, d.count)
            }
        }
        // Through the scanner: thousands groups, decimals and a long number.
        let found = NumberScanner.scan(UTF8Bytes.scalars("8,000 и 4 000, 2.5 и 12345678901234567890 и 0.125"), russian: false)
        XCTAssertEqual(found.map(\.value), [8000, 4000, 2.5, 12345678901234567890, 0.125])
    }

    /// Tokens made with a word cache are the tokens made without one, norms included, on the
    /// seeds' real text and on words that collide in the cache's slots.
    func testWordCacheGivesTheTokensOfNoCache() throws {
        let cache = WordCache()
        var texts: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.root + "/seeds").sorted() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Repo.root + "/seeds/" + name)))
            texts += String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        // Many distinct words of every length up to past the cache's sixteen bytes, twice.
        var words: [String] = []
        for n in 0..<6_000 {
            var w = String.UnicodeScalarView()
            for k in 0..<(1 + n % 19) {
                let v = UInt32(0x430 + (n * 7 + k * 13) % 32)
                w.append(Unicode.Scalar(v)!)
            }
            words.append(String(w))
        }
        texts += [words.joined(separator: " "), words.reversed().joined(separator: ", ")] + samples(2_000)
        // Words that share their first bytes, or all but the last, in a one-slot cache too:
        // every look-up there is a collision, settled by the bytes.
        texts.append("абвгдеж абвгдез абвгдежз абвгдежи абвгдежзийк абвгдежзийл abcdefgh abcdefgi abcdefghabcdefgh abcdefghabcdefgi abcdefgh")
        // Long norms (17 to 32 bytes) that differ only in their last word, or past it.
        texts.append("абвгдежзийклмнопрс абвгдежзийклмнопрт абвгдежзийклмнопрст абвгдежзийклмнопрстуфх абвгдежзийклмнопрстуфц "
                     + "abcdefghabcdefghabcdefghabcdefgh abcdefghabcdefghabcdefghabcdefgi abcdefghabcdefghabcdefghabcdefghz abcdefghabcdefghq")
        let one = WordCache(slots: 1, longSlots: 1)
        for t in texts {
            let scalars = UTF8Bytes.scalars(t)
            let without = Tokenizer.tokens(scalars)
            for c in [cache, one] {
                let with = Tokenizer.tokens(scalars, words: c)
                XCTAssertEqual(with.map(\.norm), without.map(\.norm), t)
                XCTAssertEqual(with.map(\.keys), without.map(\.keys), t)
            }
        }
        XCTAssertGreaterThan(cache.hits, 1_000)
        XCTAssertLessThan(cache.hits, cache.lookups)
        XCTAssertGreaterThan(one.hits, 100)
    }

    /// A word cache's token room takes a text's tokens in one batch, and the text's array is
    /// their own size (a notes document holds every paragraph's array to its end); a text of
    /// more tokens than the room holds is flushed in several batches. Either way the tokens
    /// are those made without a cache, every field of them, and a short text read after a
    /// long one (the room grown) too.
    func testTokenRoomGivesArraysOfTheirSizeAndTheSameTokens() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: Repo.root + "/seeds").sorted()
        var paragraphs: [String] = []
        for name in seeds where !name.hasPrefix("000") {
            let text = String(decoding: Array(try Data(contentsOf: URL(fileURLWithPath: Repo.root + "/seeds/" + name))), as: UTF8.self)
            paragraphs += text.split(separator: "\n").map(String.init).filter { $0.unicodeScalars.count > 200 }
        }
        XCTAssertGreaterThan(paragraphs.count, 10)
        let long = paragraphs.joined(separator: " ")
        let longer = Array(repeating: long, count: 1 + 2 * WordCache.tokenRoomLimit / max(1, Tokenizer.tokens(long).count)).joined(separator: " ")
        let cache = WordCache()
        var checked = 0
        for t in paragraphs + [longer] + paragraphs {
            let scalars = UTF8Bytes.scalars(t)
            let with = Tokenizer.tokens(scalars, words: cache)
            XCTAssertEqual(with, Tokenizer.tokens(scalars))
            if t == longer {
                XCTAssertGreaterThan(with.count, WordCache.tokenRoomLimit)
            } else {
                XCTAssertLessThanOrEqual(with.capacity, with.count + 1, "tokens \(with.count) of \(scalars.count) scalars")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 2 * paragraphs.count)
    }

    /// The word cache finds a slot by a hash of the norm's words (`WordCache.slotHash`): a
    /// thousand distinct forms, read twice, mostly keep their slots, as they would under a
    /// random hash (about 88% of them in 8,192 slots), whether they differ in their first
    /// eight bytes or only past them. A hash of the first word alone, or of too few bits,
    /// leaves most of them colliding.
    func testWordCacheSlotsSpreadTheForms() {
        var forms: [String] = []
        let letters = Array("абвгдежзиклмнопрстуфхцчшэюя".unicodeScalars)
        for n in 0..<500 {
            // Short forms that differ anywhere, and long ones (past eight bytes) that share
            // their first five letters and differ only past them.
            forms.append(String(String.UnicodeScalarView([letters[n % 27], letters[(n / 27) % 27], letters[(n * 7 / 5) % 27]])))
            forms.append("прави" + String(String.UnicodeScalarView([letters[n % 27], letters[(n / 27) % 27]])))
        }
        XCTAssertEqual(Set(forms).count, 1_000)
        let text = UTF8Bytes.scalars(forms.joined(separator: " "))
        let cache = WordCache()
        _ = Tokenizer.tokens(text, words: cache)
        let (hits, lookups) = (cache.hits, cache.lookups)
        _ = Tokenizer.tokens(text, words: cache)
        let second = Double(cache.hits - hits) / Double(cache.lookups - lookups)
        XCTAssertGreaterThan(second, 0.8)
    }

    /// The bits a word cache works out for a word form (`WordStarts`) are each table's own
    /// filter's answers, and every table finds the same phrases with them as without; a
    /// table of other data ignores them (their tag is not its own) and still finds its own.
    func testWordStartsAreEachTablesFilter() throws {
        let lex = Repo.lex
        let starts = try XCTUnwrap(lex.wordStarts)
        let cache = WordCache(starts: starts)
        var texts = try noteLines()
        texts += samples(2_000)
        // A table of other data: one more topic, so other filters and another tag.
        var tableTexts: [String: String] = [:]
        for f in Lexicons.files { tableTexts[f] = try String(contentsOfFile: Repo.root + "/data/" + f, encoding: .utf8) }
        tableTexts["topics.tsv"]! += "\nzz-test\tru\tи\nzz-test\ten\tthe\n"
        let other = Lexicons(folder: "test", texts: tableTexts)
        XCTAssertNotEqual(other.wordStarts?.tag, starts.tag)
        let g = lex.gazetteer
        let filters: [(WordKeys) -> Bool] = [
            g.names.mayStartFiltered, g.nameParts.mayStartFiltered, g.heads.mayStartFiltered, lex.kinds.mayStartFiltered,
            lex.topics.mayStartFiltered, lex.organizations.mayStartFiltered, lex.municipalityTypes.mayStartFiltered,
            lex.months.mayStartFiltered, lex.dateContext.mayStartFiltered, lex.units.mayStartFiltered,
        ]
        let ends: [([WordToken], Int) -> Int?] = [
            { g.names.longestMatch($0, at: $1)?.end }, { g.nameParts.longestMatch($0, at: $1)?.end }, { g.heads.longestMatch($0, at: $1)?.end },
            { lex.kinds.longestMatch($0, at: $1)?.end }, { lex.topics.longestMatch($0, at: $1)?.end },
            { lex.organizations.longestMatch($0, at: $1)?.end }, { lex.municipalityTypes.longestMatch($0, at: $1)?.end },
            { lex.months.longestMatch($0, at: $1)?.end }, { lex.dateContext.longestMatch($0, at: $1)?.end },
            { lex.units.longestMatch($0, at: $1)?.end }, { other.topics.longestMatch($0, at: $1)?.end },
        ]
        var worked = 0, set = 0, found = 0
        for t in texts {
            let scalars = UTF8Bytes.scalars(t)
            let with = Tokenizer.tokens(scalars, words: cache), without = Tokenizer.tokens(scalars)
            XCTAssertEqual(with, without, t)
            for token in with where token.keys.starts != 0 {
                worked += 1
                XCTAssertEqual(token.keys.starts & ~WordStarts.bitsMask, starts.tag)
                for (k, filter) in filters.enumerated() {
                    XCTAssertEqual(token.keys.starts & (1 << UInt32(k)) != 0, filter(token.keys), "\(token.norm) table \(k)")
                    if token.keys.starts & (1 << UInt32(k)) != 0 { set += 1 }
                }
            }
            for i in 0..<with.count {
                for end in ends {
                    let e = end(with, i)
                    XCTAssertEqual(e, end(without, i), "\(t) at \(i)")
                    if e != nil { found += 1 }
                }
            }
        }
        XCTAssertGreaterThan(worked, 10_000)
        XCTAssertGreaterThan(set, 1_000)
        XCTAssertGreaterThan(found, 1_000)
        // The bits cost a token no room, and the small fields sit in the padding of the norm's
        // last word (`WordToken`): a megabyte of notes holds 140,000 tokens at once.
        XCTAssertEqual(MemoryLayout<WordToken>.stride, 72)
        XCTAssertTrue(_isPOD(WordToken.self))
    }

    /// An id hashes its start date's bytes without making the string: the same bytes.
    func testDayBytesAreItsDescription() {
        for day in [Day(year: 2020, month: 11, day: 25)!, Day(year: 1, month: 1, day: 1)!, Day(year: 9999, month: 12, day: 31)!] {
            var bytes: [UInt8] = []
            day.put(into: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), day.description)
        }
    }

    /// A table with a number in a pattern ("9 мая") makes digits count again: the title key
    /// falls back to the title's own bytes.
    func testTitleKeyKeepsDigitsWhenATableReadsNumbers() {
        var lex = Repo.lex
        // A topic of the table (a title's topics are named by their ranks in it).
        let topic = lex.topicIDs[0]
        lex.topics.insert(PatternToken.parse("9 мая"), Lexicons.TopicWord(id: topic, index: 0, rank: lex.topicIDsByName.firstIndex(of: topic)!))
        XCTAssertTrue(lex.topics.readsNumbers)
        let p = ListingParser(lex: lex)
        XCTAssertNotEqual(p.titleKey("Концерт 9 мая"), p.titleKey("Концерт 8 мая"))
        XCTAssertEqual(TopicTagger(lex: lex).topics(ofTitle: Tokenizer.tokens("Концерт 9 мая")), [topic])
        XCTAssertEqual(TopicTagger(lex: lex).topics(ofTitle: Tokenizer.tokens("Концерт 8 мая")), [])
    }

    /// `mayBeDateLine` rules a line out by its first scalar, lowered on its own, before it
    /// lowers the line's head: it answers as the head compared with every start does, on the
    /// lines of the seeds and of the development set, on each start in several cases and
    /// spellings, and on lines that open with every Russian letter and Latin-1 letter.
    func testDateLineFirstScalarFilterAnswersAsTheHead() throws {
        let starts = ListingParser(lex: Repo.lex).dateLineStarts
        func reference(_ raw: UnsafeBufferPointer<UInt8>, from k: Int) -> Bool {
            guard k < raw.count else { return false }
            if raw[k] >= 0x30 && raw[k] <= 0x3A { return true }
            let head = UTF8Bytes.lower(Array(raw[k..<min(raw.count, k + 24)]))
            return starts.all.contains { $0.count > head.count || head.starts(with: $0) }
        }
        var lines: [String] = []
        for dir in [Repo.root + "/seeds", Repo.root + "/../shared/dev/events", Repo.root + "/../shared/dev/notes"]
        where FileManager.default.fileExists(atPath: dir) {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                lines += ((try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            }
        }
        for s in starts.all {
            let t = String(decoding: s, as: UTF8.self)
            lines += [t, t.uppercased(), t.capitalized, t + " 01.02.2020 по 03.02.2020", t.uppercased() + ": 1 марта", "  " + t.capitalized + " x y z w"]
        }
        for v in Array(0x400...0x45F) + Array(0xC0...0xFF) + Array(0x41...0x7A) {
            lines.append(String(Unicode.Scalar(UInt32(v))!) + "ату ноября 2020 года")
        }
        var ruledOut = 0, yes = 0
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { raw in
                let k = Normalise.leadingSpace(raw)
                let answer = ListingParser.mayBeDateLine(raw, from: k, starts: starts)
                XCTAssertEqual(answer, reference(raw, from: k), line.debugDescription)
                if answer { yes += 1 } else { ruledOut += 1 }
            }
        }
        XCTAssertGreaterThan(ruledOut, 500)
        XCTAssertGreaterThan(yes, 50)
    }

    /// Listing detection skips making most lines: the folded length it reads off the bytes is
    /// the folded string's, and no line it calls "no date line" parses as one.
    func testDetectionShortcutsAgreeWithTheLines() {
        let p = ListingParser(lex: Repo.lex)
        let starts = p.dateLineStarts
        let pieces = ["From", "from", "С", "с", "Du", "date", "Date", "boussole", " ", "\u{00A0}", "\t", "\u{FEFF}", "01/02/2020", "05.03.2021",
                      "2020-01-02", ":", "по", "to", "-", "Пенза", "«", "x", "\u{FFFD}", "😀"]
        var state: UInt64 = 5
        var dated = 0
        for _ in 0..<30_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var line = ""
            for _ in 0..<(1 + Int(state >> 61)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                line += pieces[Int(state >> 33) % pieces.count]
                if state & 3 == 0 { line += " " }
            }
            let folded = Normalise.spaces(line)
            let bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { raw in
                XCTAssertEqual(Normalise.foldedScalarCount(raw, limit: 200), min(folded.unicodeScalars.count, 200), line.debugDescription)
                let k = Normalise.leadingSpace(raw)
                if !folded.isEmpty { XCTAssertTrue(raw[k...].starts(with: folded.utf8.prefix(1)), line.debugDescription) }
                if p.dateLine(folded) != nil {
                    dated += 1
                    XCTAssertTrue(ListingParser.mayBeDateLine(raw, from: k, starts: starts), line.debugDescription)
                }
            }
        }
        XCTAssertGreaterThan(dated, 100)
        // Invalid UTF-8 is left to String.
        [UInt8]([0x41, 0xFF, 0x42]).withUnsafeBufferPointer { XCTAssertNil(Normalise.foldedScalarCount($0, limit: 200)) }
        [UInt8]([0xE0, 0x80, 0x80]).withUnsafeBufferPointer { XCTAssertNil(Normalise.foldedScalarCount($0, limit: 200)) }
    }

    /// A meeting's title is the opening clause of its paragraph: cut on bytes for simple text,
    /// it is the clause the `Character` walk cuts.
    func testOpeningClauseOnBytesIsTheCharacterClause() {
        let np = NotesParser(lex: Repo.lex, defaultYear: nil)
        let pieces = ["Заседание совета", " ", ",", ".", ". ", "«Ёж»", "— ", "г.", "Penza", "№5", "e\u{301}", "x", "\u{301}", ":", "\u{A0}", "\t", "\u{FEFF}"]
        for line in Mixes.joinings(of: pieces, count: 5_000, longest: 32, seed: 11) {
            XCTAssertEqual(np.openingClause(line), np.shortened(np.openingClauseOfCharacters(line)), line)
        }
        // Titles past the limit are cut on bytes as `Character`s cut them: the reference is
        // the cut as first written, on `Character`s throughout.
        func reference(_ s: String) -> String {
            var t = s.trimmingCharacters()
            while let l = t.last, l == "." || l == "," || l == ":" { t.removeLast() }
            guard t.count > 120 else { return t }
            var cut = String(t.prefix(120))
            if let sp = cut.lastIndex(of: " ") { cut = String(cut[..<sp]) }
            return cut + "…"
        }
        var cut = 0
        for line in Mixes.joinings(of: pieces, count: 3_000, longest: 128, seed: 12) {
            XCTAssertEqual(np.shortened(line), reference(line), line)
            XCTAssertEqual(np.openingClause(line), np.shortened(np.openingClauseOfCharacters(line)), line)
            if np.shortened(line).hasSuffix("…") { cut += 1 }
        }
        XCTAssertGreaterThan(cut, 500)
        // Cuts that no space decides: at the limit itself, and a space just past it.
        // And letters of two and three bytes after an odd start, so that eight-byte steps end
        // inside a letter.
        var unspaced = [String(repeating: "ж", count: 200), String(repeating: "x", count: 120) + " yyy",
                        String(repeating: "ы", count: 119) + " z" + String(repeating: "q", count: 30), String(repeating: "Ё", count: 121)]
        for lead in ["x", "xy", "xyz", "«", "№", "x№"] {
            for n in [117, 118, 119, 120, 121, 122, 150] {
                unspaced += [lead + String(repeating: "ж", count: n), lead + String(repeating: "№ж", count: n / 2), lead + String(repeating: "ab№", count: n / 3)]
            }
        }
        for line in unspaced {
            XCTAssertEqual(np.shortened(line), reference(line), line)
        }
    }

    /// The tokenizer's and the sentence splitter's letter tests answer as the Unicode
    /// properties do, fast path or not.
    func testClassifyIsTheUnicodeProperties() {
        for v in UInt32(0)..<0x3_0000 {
            guard let u = Unicode.Scalar(v) else { continue }
            let c = Tokenizer.classify(u), p = u.properties
            XCTAssertTrue(c.letter == p.isAlphabetic && c.upper == p.isUppercase && c.lower == p.isLowercase, "U+\(String(v, radix: 16))")
            XCTAssertEqual(Tokenizer.isLetter(u), p.isAlphabetic, "U+\(String(v, radix: 16))")
        }
    }

    /// Boilerplate roles looked up through the first-byte buckets are those of a scan of every
    /// rule in table order, on every line of the sample and development listings and on each
    /// rule's own text in several cases.
    func testBoilerplateBucketsGiveTheFirstMatchingRule() throws {
        let table = Repo.lex.boilerplate
        // The rules match the line lowered whole (`UTF8Bytes.lower`), which the table does not
        // make (it compares each rule with the bytes as they lower).
        func reference(_ raw: [UInt8]) -> ListingBoilerplate.Role? {
            let lower = UTF8Bytes.lower(raw)
            for r in table.rules where r.role != .datePrefix && r.role != .placePrefix {
                let t = Array(table.ruleBytes[r.start..<(r.start + r.count)])
                switch r.match {
                case .exact: if lower == t { return r.role }
                case .prefix: if lower.starts(with: t) { return r.role }
                case .cprefix: if raw.starts(with: t) { return r.role }
                case .suffix: if lower.count >= t.count && Array(lower.suffix(t.count)) == t { return r.role }
                case .contains: if UTF8Bytes.occurs(t, in: lower) { return r.role }
                case .word: break
                }
            }
            return nil
        }
        var lines: [String] = []
        for dir in [Repo.root + "/seeds", Repo.root + "/../shared/dev/events"] where FileManager.default.fileExists(atPath: dir) {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
                let text = (try? String(contentsOfFile: dir + "/" + name, encoding: .utf8)) ?? ""
                lines += text.split(separator: "\n").map { Normalise.spaces(String($0)) }
            }
        }
        for r in table.rules {
            let t = String(decoding: table.ruleBytes[r.start..<(r.start + r.count)], as: UTF8.self)
            lines += [t, t.uppercased(), "x " + t, t + " x", " " + t.capitalized, t + ": 01/02/2020", t + "\u{00A0}Пенза", t + "Пенза",
                      "Пенза " + t.uppercased(), "ПЕНЗА " + t.capitalized + " Ё", String(t.dropFirst()), String(t.dropLast())]
        }
        // The icon prefixes, by a scan of their rules in table order.
        func strippedReference(_ role: ListingBoilerplate.Role, _ raw: [UInt8]) -> Int? {
            for r in table.rules where r.role == role && UTF8Bytes.lower(raw).starts(with: table.ruleBytes[r.start..<(r.start + r.count)]) {
                var k = r.count
                guard k < raw.count, raw[k] == 0x20 || raw[k] == 0x3A || (raw[k] == 0xC2 && k + 1 < raw.count && raw[k + 1] == 0xA0) else { continue }
                while k < raw.count, raw[k] == 0x20 || raw[k] == 0x3A || raw[k] == 0xC2 || raw[k] == 0xA0 { k += 1 }
                return k
            }
            return nil
        }
        var hits = 0, stripped = 0, owners = 0, refused = 0, unmatchable = 0
        for line in lines {
            let b = Array(line.utf8)
            let role = table.role(of: line)
            XCTAssertEqual(role, reference(b), line)
            if role != nil { hits += 1 }
            // The prefilter refuses only lines no rule matches, and most of the others.
            let may = b.withUnsafeBufferPointer { table.mayMatch($0) }
            if role != nil { XCTAssertTrue(may, line) } else if !may { unmatchable += 1 }
            // The owner rules' openings refuse only lines no owner rule matches.
            let mayBeOwner = Array(line.utf8).withUnsafeBufferPointer { table.mayBeOwner($0) }
            if role == .owner { XCTAssertTrue(mayBeOwner, line); owners += 1 }
            if !mayBeOwner { refused += 1 }
            for prefixRole in [ListingBoilerplate.Role.datePrefix, .placePrefix, .header] {
                let k = table.strippedStart(prefixRole, of: line)
                XCTAssertEqual(k, strippedReference(prefixRole, b), line)
                if k != nil { stripped += 1 }
            }
        }
        XCTAssertGreaterThan(hits, 50)
        XCTAssertGreaterThan(stripped, 10)
        XCTAssertGreaterThan(owners, 5)
        XCTAssertGreaterThan(refused, lines.count / 2)
        XCTAssertGreaterThan(unmatchable, (lines.count - hits) * 3 / 4)
        // On a table of one owner rule: its opening is the punctuation and space before its
        // first letter, whatever the case of the letters after.
        let one = ListingBoilerplate(tsv: "role\tmatch\ttext\nowner\tcontains\t» takes part in the week\n")
        for (line, may) in [("« X » TAKES PART IN THE WEEK", true), ("« X » other", true), ("« X »other", false), ("« X", false)] {
            XCTAssertEqual(Array(line.utf8).withUnsafeBufferPointer { one.mayBeOwner($0) }, may, line)
        }
        // Any line whose lowered bytes hold an owner rule's text may be an owner line,
        // whatever its case.
        for r in table.rules where r.role == .owner {
            let t = String(decoding: table.ruleBytes[r.start..<(r.start + r.count)], as: UTF8.self)
            for variant in [t, t.uppercased(), t.capitalized] {
                let line = "« Город " + variant + " 2020"
                XCTAssertTrue(Array(line.utf8).withUnsafeBufferPointer { table.mayBeOwner($0) }, line)
            }
        }
    }

    /// A text compared with a line's bytes as they lower (`UTF8Bytes.lowers`) is the text
    /// found in the line lowered whole, at every scalar's start of lines made of letters of
    /// both cases (ASCII, Latin-1, Russian with Ё, Greek, which is not lowered), punctuation
    /// and a three-byte dash; and the first byte lowered is the lowered line's.
    func testBytesAsTheyLowerAreTheLoweredLine() {
        let pieces = ["A", "a", "Z", "À", "Þ", "×", "à", "П", "п", "Р", "р", "Я", "я", "Ё", "ё", "Σ", "σ", "«", "»", " ", "—", "1", "x", "Ж", "ж"]
        let lines = Mixes.joinings(of: pieces, count: 2_000, longest: 6, seed: 77)
        let texts = ["a", "à", "п", "р", "я", "ё", "σ", "Σ", "» ", "—", "ап", "ря", "«р", "1x", "жё"].map { Array($0.utf8) }
        var hits = 0
        for line in lines {
            let raw = Array(line.utf8), lower = UTF8Bytes.lower(raw)
            raw.withUnsafeBufferPointer { r in
                XCTAssertEqual(UTF8Bytes.loweredFirstByte(r), lower.first, line)
                for p in 0...raw.count where p == raw.count || raw[p] & 0xC0 != 0x80 {
                    for t in texts {
                        let expected = p + t.count <= lower.count && Array(lower[p..<(p + t.count)]) == t
                        XCTAssertEqual(t.withUnsafeBufferPointer { UTF8Bytes.lowers(r, at: p, to: $0) }, expected, "\(line) at \(p)")
                        if expected { hits += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(hits, 1_000)
        // Where a rule's match may open: both cases of a letter, both leads of р.
        XCTAssertTrue(ListingBoilerplate.firsts(of: Array("star".utf8)) == (0x73, 0x53))
        XCTAssertTrue(ListingBoilerplate.firsts(of: Array("р".utf8)) == (0xD1, 0xD0))
        XCTAssertTrue(ListingBoilerplate.firsts(of: Array("п".utf8)) == (0xD0, 0xD0))
        XCTAssertTrue(ListingBoilerplate.firsts(of: Array("» x".utf8)) == (0xC2, 0xC2))
    }

    func testOccursIsByteSubstring() {
        let hay = Array("участвует в неделе".utf8)
        XCTAssertTrue(UTF8Bytes.occurs(Array("в нед".utf8), in: hay))
        XCTAssertTrue(UTF8Bytes.occurs(Array("неделе".utf8), in: hay))
        XCTAssertFalse(UTF8Bytes.occurs(Array("неделя".utf8), in: hay))
        XCTAssertTrue(UTF8Bytes.occurs([], in: hay))
        XCTAssertFalse(UTF8Bytes.occurs(Array("x".utf8), in: []))
    }

    func testWordKeysOfPrefixesAreTheKeysOfThePrefixes() {
        for word in ["оренбургской", "penza", "ёж", "a", "Łódź", "ханты"] {
            let k = WordKeys(word)
            let scalars = Array(word.unicodeScalars)
            XCTAssertEqual(k.count, scalars.count)
            for drop in 0...min(3, scalars.count - 1) {
                let prefix = String(String.UnicodeScalarView(scalars.dropLast(drop)))
                XCTAssertEqual(k.dropping(drop), WordKeys(prefix).full, "\(word) without \(drop)")
            }
        }
    }

    func testWordListMatchesWholeWordsOnly() {
        let list = WordList(["по", "to", "и"])
        func token(_ s: String) -> WordToken { Tokenizer.tokens(s)[0] }
        XCTAssertTrue(list.contains(token("по")))
        XCTAssertTrue(list.contains(token("По")))
        XCTAssertTrue(list.contains(token("TO")))
        XCTAssertFalse(list.contains(token("пол")))
        XCTAssertFalse(list.contains(token("t")))
        XCTAssertFalse(list.contains(token("иначе")))
    }

    func testWordsWhoseHashesCollideBothMatch() throws {
        // Find two words with one 32-bit key (a birthday search over made-up words).
        var seen: [UInt32: String] = [:]
        var pair: (String, String)?
        for i in 0..<400_000 {
            var w = "", n = i
            repeat { w.append(Character(Unicode.Scalar(UInt8(97 + n % 26)))); n /= 26 } while n > 0
            let k = WordKeys(w).full
            if let other = seen[k] { pair = (other, w); break }
            seen[k] = w
        }
        let (a, b) = try XCTUnwrap(pair, "no collision among 400,000 words")
        XCTAssertEqual(WordKeys(a).full, WordKeys(b).full)
        var m = PhraseMatcher<String>()
        m.insert(PatternToken.parse(a), "first")
        m.insert(PatternToken.parse(b), "second")
        m.insert(PatternToken.parse(b + " tail"), "longer")
        XCTAssertEqual(m.longestMatch(Tokenizer.tokens(a), at: 0)?.payloads, ["first"])
        XCTAssertEqual(m.longestMatch(Tokenizer.tokens(b), at: 0)?.payloads, ["second"])
        XCTAssertEqual(m.longestMatch(Tokenizer.tokens(b + " tail"), at: 0)?.payloads, ["longer"])
        XCTAssertNil(m.longestMatch(Tokenizer.tokens(a + "x"), at: 0))
        XCTAssertTrue(WordList([a]).contains(Tokenizer.tokens(a)[0]))
        XCTAssertFalse(WordList([a]).contains(Tokenizer.tokens(b)[0]))
    }

    func testPhraseTrieStemsExactWordsAndLongestMatch() {
        var m = PhraseMatcher<String>()
        m.insert(PatternToken.parse("оренбургск* област*"), "oblast")
        m.insert(PatternToken.parse("оренбург"), "city")
        m.insert(PatternToken.parse("new york city"), "nyc")
        m.insert(PatternToken.parse("new york"), "ny")
        func match(_ s: String) -> (Int, [String])? { m.longestMatch(Tokenizer.tokens(s), at: 0).map { ($0.end, $0.payloads) } }
        XCTAssertEqual(match("Оренбургской области")?.1, ["oblast"])
        XCTAssertEqual(match("Оренбургская область")?.1, ["oblast"])
        XCTAssertEqual(match("Оренбург")?.1, ["city"])
        XCTAssertNil(match("Оренбургскаяяяя область"), "a stem takes at most three more letters")
        XCTAssertNil(match("Оренбур"))
        XCTAssertEqual(match("New York City Hall")?.0, 3)
        XCTAssertEqual(match("New York, City")?.1, ["ny"], "punctuation ends a phrase")
        XCTAssertNil(match("York"))
        // A word read both whole and as a stem: two paths at once, payloads in that order.
        var two = PhraseMatcher<String>()
        two.insert(PatternToken.parse("регион* мира"), "stem-phrase")
        two.insert(PatternToken.parse("регионы"), "exact")
        two.insert(PatternToken.parse("регион*"), "stem")
        func both(_ s: String) -> (Int, [String])? { two.longestMatch(Tokenizer.tokens(s), at: 0).map { ($0.end, $0.payloads) } }
        XCTAssertEqual(both("регионы")?.1, ["exact", "stem"])
        XCTAssertEqual(both("регионы мира")?.0, 2)
        XCTAssertEqual(both("регионы мира")?.1, ["stem-phrase"])
        XCTAssertEqual(both("регионам")?.1, ["stem"])
    }
}
