#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OkmoCore

/// Turns an event listing (title line, optional place line, optional date line per entry,
/// between a page header and footer) into events.
///
/// Date lines are the anchors. From each one the parser reads back: the line right above is
/// the place when the layout or its wording says so, and the line above that is the title.
/// Lines between entries are section headings, noise, or entries without a date (a title
/// followed by a place line); anything else is reported and skipped.
struct ListingParser {
    let lex: Lexicons
    /// Place lines and titles repeat across a listing ("Penza city" sixteen times) and across
    /// the listings of a corpus: each distinct one is analysed once per memo. The pipeline
    /// gives each worker one memo for all its files; every answer in it is a function of the
    /// text and the tables alone, so which worker saw a line first changes nothing.
    ///
    /// Keyed by a 128-bit digest of the text's bytes, like the merge state (`DigestMap`): two
    /// different lines share one with probability about 10⁻²¹ in a billion, and the digest is
    /// cheaper than hashing and comparing the strings in a `Dictionary`.
    ///
    /// A memo belongs to one worker, and no access to a table overlaps another, so the tables
    /// opt out of the runtime's exclusivity checks: a class's stored property is checked on
    /// every access, and the parse made about 200,000 such checks for 3 MB of listings (3% of
    /// its instructions). The compiler's static checks still apply.
    final class Memo {
        @exclusivity(unchecked) var placeLike = DigestMap(placeholder: false)
        @exclusivity(unchecked) var title = DigestMap(placeholder: ListingParser.noClass)
        /// `check`'s memo of titles: each title's `Event.templateDigest` (its key's digest with
        /// digits read as "0"), by `titleKey` like `title`, so that an entry's merge digest
        /// hashes only the title's digits (`Event.mergeDigest(template:digitsOf:place:)`), not
        /// its folded key. `check` keeps no classes (`title`): a title here has been classed.
        @exclusivity(unchecked) var titleTemplate = DigestMap(placeholder: Digest128.Value(a: 0, b: 0))
        /// Whether a line read as plain text (`readsAsPlainText`), and whether another line of
        /// its template may be a country line (`ListingParser.plain` and its kin), by its
        /// digest with digits read as "0": titles come back with other numbers ("…№198",
        /// "…№245"), and the screen's tests but two answer alike for them (see
        /// `screensAsPlainText`).
        @exclusivity(unchecked) var plainTemplate = DigestMap(placeholder: ListingParser.refused)
        /// The template key and digits of each line of the file being parsed that was
        /// screened (`screensAsPlainText`), marked with the file's number (`file`): the title
        /// key of a title read in place, when the kinds and topics read no numbers. Kept from
        /// file to file, never emptied: filling it afresh for each file was 1.5% of a check.
        @exclusivity(unchecked) var lineTemplates: [LineTemplate] = []
        /// The number of the file being parsed, for `lineTemplates` (0: none).
        @exclusivity(unchecked) var file: UInt32 = 0
        /// Whether every text the memo has read was UTF-8 (known, or checked line by line): a
        /// line it holds, or a template it holds the answer for, is then known to be UTF-8,
        /// which `parse(checkingLinesOf:)` leans on.
        @exclusivity(unchecked) var readOnlyUTF8 = true
        /// Whether a line opens with a kind of event (`opensWithKind`), by `titleKey` like
        /// `title`: asked of the titles of entries without a date, nearly all distinct.
        @exclusivity(unchecked) var kindFirst = DigestMap(placeholder: false)
        /// A line read as a candidate place: its scalars, tokens and gazetteer matches, which
        /// the place analysis of the same line then reuses.
        @exclusivity(unchecked) var read = DigestMap(placeholder: PlaceReading(scalars: [], tokens: [], matches: []))
        /// Each distinct raw line's reading (folded text, class, icon prefix), by the digest of
        /// its bytes (`lineKey`): every line of a listing is read, and its places, dates and
        /// headings repeat (half the lines of the development set's listings are repeats), so
        /// a repeated line costs a hash and a look-up. Only lines seen before are kept
        /// (`seenLines` marks the others, a bit each): titles are nearly all distinct, and
        /// their readings would fill the table with entries never asked for again.
        @exclusivity(unchecked) var line = DigestMap(placeholder: Line.make(.blank))
        /// The lines read as text (titles and places) apart from the rest: titles come back
        /// only a few times each, and in one table their readings filled it and started it
        /// afresh every few files, taking the date lines and headings, which nearly all come
        /// back, with them.
        @exclusivity(unchecked) var textLine = DigestMap(placeholder: Line.make(.blank))
        /// The text lines that read in place (`Line.inPlace`: folded already, no place icon),
        /// by digest: their reading is where they lie in the file, so only that they are such
        /// lines is kept.
        @exclusivity(unchecked) var plainText = DigestMap(placeholder: false)
        let seenLines = SeenFilter()
        /// The text lines seen twice: a text line is kept on its third sight. A title seen
        /// twice is seldom seen again before the table starts afresh, and keeping each such
        /// title took a slot, an insert and a release when the table was emptied; places come
        /// back far more often than three times.
        let seenTextTwice = SeenFilter()
        /// A line's whitespace folded, when it was not folded already (`read(_:line:)`).
        @exclusivity(unchecked) var foldBytes: [UInt8] = []
        /// A line's `placeKey`, and its place analysis, by the line's `lineKey`.
        @exclusivity(unchecked) var placeKey = DigestMap(placeholder: Digest128.Value(a: 0, b: 0))
        @exclusivity(unchecked) var place = DigestMap(placeholder: PlaceFacts(PlaceAnalysis(), region: nil))
        /// Each place's `PlaceBrief`, by the line's `lineKey` like `place`.
        @exclusivity(unchecked) var brief = DigestMap(placeholder: PlaceBrief(PlaceFacts(PlaceAnalysis(), region: nil)))
        /// The place keys of a file's entries (see `parse`), kept from file to file with its
        /// slots and emptied at each.
        @exclusivity(unchecked) var seenPlaces = DigestMap(placeholder: false)
        /// The worker's word norms, for the tokenizer (listings' place lines and notes alike);
        /// made on first use, since a parser made only to ask about dates needs none.
        private(set) lazy var words = WordCache(starts: starts)
        /// The tables' `WordStarts`, for `words`.
        private let starts: WordStarts?

        init(starts: WordStarts? = nil) { self.starts = starts }

        /// Entries a table may hold before it starts afresh (a reading holds a line's tokens,
        /// so those are fewer): a memo kept across a corpus must not grow with it.
        static let limit = 1 << 16, readLimit = 1 << 12
        /// Line readings are large (about 100 bytes a slot), so their tables stop at 2¹³
        /// entries: with 2¹⁶ the 100 MB build on two workers took about 25 MB more. A table
        /// that starts afresh costs only the hits it would have given.
        static let lineLimit = 1 << 13

        /// Empties the tables that have grown past their limits, keeping their slots (see
        /// `DigestMap.removeAll`); called between files.
        func trim() {
            if placeLike.count > Memo.limit { placeLike.removeAll() }
            if title.count > Memo.limit { title.removeAll() }
            if titleTemplate.count > Memo.limit { titleTemplate.removeAll() }
            if kindFirst.count > Memo.limit { kindFirst.removeAll() }
            if plainTemplate.count > Memo.limit { plainTemplate.removeAll() }
            if read.count > Memo.readLimit { read = DigestMap(placeholder: PlaceReading(scalars: [], tokens: [], matches: [])) }
            if line.count > Memo.lineLimit { line.removeAll() }
            if textLine.count > Memo.lineLimit { textLine.removeAll() }
            if plainText.count > Memo.lineLimit { plainText.removeAll() }
            if placeKey.count > Memo.lineLimit { placeKey.removeAll() }
            if place.count > Memo.lineLimit { place.removeAll() }
            if brief.count > Memo.lineLimit { brief.removeAll() }
        }
    }
    /// A screened line's template key and digits (`Memo.lineTemplates`), and the number of
    /// the file it is of.
    struct LineTemplate {
        var key = ListingParser.noTemplate
        var digits = DigitPack()
        var file: UInt32 = 0
    }
    struct PlaceReading: Sendable { var scalars: [Unicode.Scalar]; var tokens: [WordToken]; var matches: [RegionMatch] }

    /// The line's scalars, tokens and place-line gazetteer matches, made once per distinct line.
    func reading(_ text: String) -> PlaceReading {
        let key = ListingParser.memoKey(text, 2)
        if let r = memo.read[key] { return r }
        let scalars = UTF8Bytes.scalars(text)
        let tokens = Tokenizer.tokens(scalars, words: memo.words)
        let r = PlaceReading(scalars: scalars, tokens: tokens, matches: lex.gazetteer.matches(in: tokens, placeLine: true))
        memo.read.set(r, for: key)
        return r
    }
    /// The title memo's placeholder.
    static let noClass = EventClass(kind: "", topics: [])

    /// A place line's analysis, with its region looked up once when it names exactly one: a
    /// look-up by code for every entry cost a `String` hash and copied seven strings.
    ///
    /// A class, as `Line` is: every entry with a place takes its facts from the memo, and a
    /// struct of six strings came out with six retains (and went with six releases).
    final class PlaceFacts: Sendable {
        let analysis: PlaceAnalysis
        /// The place text's key (`Normalise.keyBytes`): every entry at the place hashes it
        /// into its id and merge digest, and folding it again for each was about a fifth of
        /// an entry's keys.
        let locationKey: [UInt8]
        /// The event's place fields (`Event.place`) of an entry at this place on a page of
        /// Russia's events, with the region when the place names one: every such entry
        /// shares it.
        let place: EventPlace
        /// Whether the place names a region: asked of every entry, where testing the optional
        /// region copied its two strings (two retains and two releases).
        let resolved: Bool
        /// `Event.placeDigest` of `locationKey`.
        let digest: Digest128.Value
        /// `region` is the gazetteer's region of the analysis's one code, if it has one. (Not
        /// the gazetteer itself as an optional: wrapping it copied its tables, ninety retains
        /// a place.)
        init(_ a: PlaceAnalysis, region r: Region?, location: String = "") {
            analysis = a
            locationKey = Normalise.keyBytes(location)
            digest = Event.placeDigest(locationKey: locationKey)
            resolved = r != nil
            place = EventPlace(location: location, municipality: a.municipality, municipalityType: a.municipalityType,
                               region: r?.ref, federalDistrict: r?.district)
        }

    }

    /// What an entry at a place asks of the place's facts when it makes no event and no
    /// diagnostic of the place (`check`, nearly every entry): plain values the memo holds in
    /// its table, where taking the facts out retained and released them at every entry, a
    /// cache miss on an object of its own (about 4% of a listing check's time).
    struct PlaceBrief {
        var digest: Digest128.Value
        /// Whether the place names a region, and whether it was read as a close spelling.
        var resolved: Bool, fuzzy: Bool
        init(_ f: PlaceFacts) { digest = f.digest; resolved = f.resolved; fuzzy = f.analysis.fuzzy }
    }

    /// The memo key of a text: its bytes' digest, eight bytes a step, seeded with the question
    /// so that the tables' questions stay apart.
    static func memoKey(_ text: String, _ question: UInt8 = 0) -> Digest128.Value {
        text.withUTF8Bytes { memoKey(utf8: $0, question) }
    }

    /// `memoKey` of a text's bytes (UTF-8).
    static func memoKey(utf8 b: UnsafeBufferPointer<UInt8>, _ question: UInt8 = 0) -> Digest128.Value {
        Digest128.of(UnsafeRawBufferPointer(b), seed: ListingParser.memoSeed ^ UInt64(question))
    }
    static let memoSeed: UInt64 = 0x4D45_4D4F_0000_0000
    let memo: Memo

    /// Made once per parser: a `PlaceAnalyzer` made for each new place copied the tables it
    /// holds, about 50 reference counts a place.
    let places: PlaceAnalyzer

    /// Whether the parse makes its events. `check` prints only diagnostics and counts: its
    /// parse reads every line, finds every entry, dates, places and classes it and makes its
    /// merge keys as `build`'s does, but makes no `Event` (a dozen strings and an id, made only
    /// to be freed), and hands out each entry's line instead (`Result.lines`).
    let makesEvents: Bool

    /// Whether a line after a date line is read first as a title, by its template (see
    /// `parse`). Only what the memo keeps depends on it, never a reading: off, every line
    /// goes the way of its line key (the tests compare the two).
    var guessesTitles = true

    init(lex: Lexicons, memo: Memo = Memo(), makesEvents: Bool = true) {
        self.lex = lex
        self.memo = memo
        self.makesEvents = makesEvents
        places = PlaceAnalyzer(lex: lex)
        memo.trim()
    }

    /// The title memo's key. A title's kind and topics come from its tokens through the kind and
    /// topic tables; when neither table has a number in a pattern (`readsNumbers`), a number
    /// token is inert whatever its digits, so every ASCII digit hashes as "0": "Акция «Чистый
    /// город» №198" and "…№245" share an entry. Each digit run is still one number token of
    /// its length, so the token sequence the tables see is the same.
    ///
    /// (Each run of digits was hashed as one "0", so that "…№19" shared the entry too; but
    /// that took a scan for the first digit, a copy and a loop over the rest before the hash,
    /// about 390 instructions a title. Digits made "0" in the hash's own words cost a few
    /// more misses, one per length of number.)
    func titleKey(_ title: String) -> Digest128.Value { title.withUTF8Bytes { titleKey(utf8: $0) } }

    /// Whether a title's key reads its digits as "0": when no kind or topic pattern has a
    /// number among its words, so that titles differing only in their digits are classed
    /// alike. Otherwise the key is the title's bytes as they are (`memoKey`).
    var titleKeyReadsDigitsAsZero: Bool { !lex.kinds.readsNumbers && !lex.topics.readsNumbers }

    /// `titleKey` of a title's bytes (UTF-8).
    func titleKey(utf8 b: UnsafeBufferPointer<UInt8>) -> Digest128.Value {
        guard titleKeyReadsDigitsAsZero else { return ListingParser.memoKey(utf8: b) }
        return Digest128.ofDigitsAsZero(UnsafeRawBufferPointer(b), seed: ListingParser.titleSeed)
    }
    static let titleSeed: UInt64 = 0x5449_544C

    /// `titleKey(utf8:)`, with the title's digits gathered into `digits` in the same pass
    /// (for `Event.mergeDigest(template:digits:place:)`).
    func titleKey(utf8 b: UnsafeBufferPointer<UInt8>, digits: inout DigitPack) -> Digest128.Value {
        guard titleKeyReadsDigitsAsZero else {
            digits = DigitPack(UnsafeRawBufferPointer(b))
            return ListingParser.memoKey(utf8: b)
        }
        return Digest128.ofDigitsAsZero(UnsafeRawBufferPointer(b), seed: ListingParser.titleSeed, digits: &digits)
    }
    /// `Event.placeDigest` of no place (an empty key).
    static let noPlace = Event.placeDigest(locationKey: [])

    enum LineClass: Equatable {
        case blank, date(ListingDate.Parsed), footer, header, heading, noise, owner(String), prose, country(String), text
    }

    /// A line's class without its payload: the entry finder asks each line's class many
    /// times, and comparing `LineClass`es copied (and retained) their payloads.
    enum Tag: UInt8 { case blank, date, footer, header, heading, noise, owner, prose, country, text }

    /// A line's reading. A reference, not a struct of values: the memo hands the same reading
    /// to every repeat of a line and the entry finder passes lines around, and copying a struct
    /// of a string and a class with payloads retained each of them (two copies a line, which the
    /// profile put at 7% of a listing's instructions); a reference is one retain. It saved 1%:
    /// the rest went to the references' own retains and to allocating the readings.
    ///
    /// The folded bytes live in the reading's own allocation (a `ManagedBuffer`), and a string
    /// is made of them only when asked (`text`): every distinct line (nearly every title) was
    /// a class and a string, two allocations and a check of the bytes as UTF-8 (a tenth of a
    /// listing's `check`), where `check` reads most titles only as bytes.
    ///
    /// A struct of one reference (a `ManagedBuffer`, which can't be `Sendable` itself): it is
    /// never changed once made, and a worker's memo is its own.
    ///
    /// A text line that reads as it is written (folded already, no place icon) is read in
    /// place: no storage, only where it lies in the file's bytes (`inPlace`), so its bytes
    /// are asked of the file (`withBytes(in:_:)`). Nearly every title is such a line, read
    /// once, and each was an allocation, a copy and a free. The memo keeps only readings with
    /// storage (`owned(in:)`).
    struct Line: @unchecked Sendable {
        private let storage: ManagedBuffer<Header, UInt8>?
        /// The line's bytes in the file, when it has no storage.
        private let start: Int, count: Int
        struct Header {
            let cls: LineClass
            /// Where the text starts after a place icon's alt text ("boussole Kharkiv"), if it has one.
            let placeStart: Int?
            let tag: Tag
            let count: Int
        }

        /// A reading of the folded line `bytes` (UTF-8).
        static func make(_ bytes: UnsafeBufferPointer<UInt8>, cls: LineClass, placeStart: Int?) -> Line {
            let tag: Tag
            switch cls {
            case .blank: tag = .blank
            case .date: tag = .date
            case .footer: tag = .footer
            case .header: tag = .header
            case .heading: tag = .heading
            case .noise: tag = .noise
            case .owner: tag = .owner
            case .prose: tag = .prose
            case .country: tag = .country
            case .text: tag = .text
            }
            let made = ManagedBuffer<Header, UInt8>.create(minimumCapacity: bytes.count) { _ in
                Header(cls: cls, placeStart: placeStart, tag: tag, count: bytes.count)
            }
            if let b = bytes.baseAddress { made.withUnsafeMutablePointerToElements { $0.update(from: b, count: bytes.count) } }
            return Line(storage: made, start: 0, count: 0)
        }
        /// A reading without text (a blank line, a date line).
        static func make(_ cls: LineClass) -> Line { make(UnsafeBufferPointer(start: nil, count: 0), cls: cls, placeStart: nil) }
        /// A text line without a place icon whose folded bytes are the file's `range`.
        static func inPlace(_ range: Range<Int>) -> Line { Line(storage: nil, start: range.lowerBound, count: range.count) }

        /// A date line's reading. Its dates are held in the reading itself (`PackedDates`),
        /// with no storage: a third of a listing's lines are date lines, most of them
        /// distinct, and each was an allocation (and a free), or a memo look-up on its digest.
        static func date(_ d: ListingDate.Parsed) -> Line {
            guard let packed = PackedDates(d) else { return make(.date(d)) }
            return date(packed)
        }
        static func date(_ packed: PackedDates) -> Line {
            Line(storage: nil, start: Int(bitPattern: UInt(packed.bits)), count: Line.datesCount)
        }
        /// `count` of a date line's reading without storage (`date(_:)`): no text has it.
        private static let datesCount = -1

        // Through the header's pointer: `header` is a stored property of a class, and each
        // read of it was checked for exclusive access at run time.
        var cls: LineClass {
            if let storage { return storage.withUnsafeMutablePointerToHeader { $0.pointee.cls } }
            return count == Line.datesCount ? .date(PackedDates(bits: UInt64(UInt(bitPattern: start))).parsed) : .text
        }
        var placeStart: Int? { storage?.withUnsafeMutablePointerToHeader { $0.pointee.placeStart } ?? nil }
        var tag: Tag { storage?.withUnsafeMutablePointerToHeader { $0.pointee.tag } ?? (count == Line.datesCount ? .date : .text) }
        /// Whether the reading is a text read in place (`inPlace`), with no storage of its own.
        var readsInPlace: Bool { storage == nil && count != Line.datesCount }
        /// The folded line, as a string: made at each call. `src` is the file the line was read from.
        func text(in src: SourceText) -> String { withBytes(in: src) { String(decoding: $0, as: UTF8.self) } }
        /// Calls `body` with the folded line's bytes; `src` is the file the line was read from.
        @inline(__always)
        func withBytes<R>(in src: SourceText, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            if let storage {
                return try storage.withUnsafeMutablePointers { h, b in try body(UnsafeBufferPointer(start: b, count: h.pointee.count)) }
            }
            // A date line keeps no text (`date(_:)`), as one with storage keeps none.
            if count == Line.datesCount { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try src.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
        }
        /// The reading with storage of its own: itself, or a copy of a line read in place.
        func owned(in src: SourceText) -> Line {
            storage != nil || count == Line.datesCount ? self : withBytes(in: src) { Line.make($0, cls: .text, placeStart: nil) }
        }
    }

    struct Entry {
        var title: Int
        var place: Int?
        var date: Int?
    }

    struct Result {
        /// Empty when the parser makes no events (`makesEvents`).
        var events: [Event]
        /// Each event's keys for the duplicate merge.
        var keys: [EventMerger.Keys]
        /// Each event's line (its title's, from 1), when the parser makes no events.
        var lines: [Int32] = []
        var country: String?
        var owner: String?
    }

    /// A line that is a date line, and nothing else.
    func dateLine(_ text: String) -> ListingDate.Parsed? { text.withUTF8Bytes { dateLine(utf8: $0) } }

    /// What a date line can start with once its whitespace is folded and it is lower-cased:
    /// an opener ("from", "с") or an icon's alt text before a date (digits and a colon are
    /// tested on their own). A line that starts with none of these is no date line.
    var dateLineStarts: DateLineStarts { lex.boilerplate.dateStarts }

    /// The starts of `dateLineStarts`: the openers lowered, and the table's date prefixes.
    static func dateLineStarts(datePrefixes: [[UInt8]]) -> [[UInt8]] {
        ListingDate.openers.map { UTF8Bytes.lower(Array($0.utf8)) } + datePrefixes
    }

    /// Whether the line (whitespace folded) could be a date line: see `dateLineStarts`.
    static func mayBeDateLine(_ raw: UnsafeBufferPointer<UInt8>, from k: Int, starts: DateLineStarts) -> Bool {
        guard k < raw.count else { return false }
        let c = raw[k]
        if c >= 0x30 && c <= 0x3A { return true }
        let n = min(raw.count, k + 24) - k
        // The line's first scalar, lowered, against the starts' first scalars: most lines of
        // notes open with a letter no start opens with, and are answered without lowering
        // their head. A start longer than the line answers yes below, so only lines as long
        // as the longest start are answered here.
        if n >= starts.longest, let first = DateLineStarts.loweredFirstScalar(raw, at: k), !starts.mayOpen(with: first) { return false }
        // The head lowered on the stack: two arrays a line cost more than the test.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
            let head = UnsafeMutableBufferPointer(rebasing: buf[0..<n])
            _ = head.initialize(fromContentsOf: raw[k..<(k + n)])
            UTF8Bytes.lowerInPlace(head)
            return starts.all.contains { s in s.count > n || s.withUnsafeBufferPointer { head.starts(with: $0) } }
        }
    }

    /// `dateLine` of a line's bytes (UTF-8).
    func dateLine(utf8 raw: UnsafeBufferPointer<UInt8>) -> ListingDate.Parsed? { ListingParser.dateLine(utf8: raw, boilerplate: lex.boilerplate) }

    static func dateLine(utf8 raw: UnsafeBufferPointer<UInt8>, boilerplate: ListingBoilerplate) -> ListingDate.Parsed? {
        if let d = ListingDate.parse(raw) { return d }
        if let k = boilerplate.strippedStart(.datePrefix, of: raw) { return ListingDate.parse(UnsafeBufferPointer(rebasing: raw[k...])) }
        return nil
    }

    static let russiaNames: Set<String> = ["russia", "russian federation", "россия", "российская федерация", "russie", "fédération de russie"]

    /// "Ukraine Ukraine Kharkiv": the page's country, written twice (flag alt text + name).
    static func countryLine(_ text: String) -> String? { text.withUTF8Bytes { countryLine(utf8: $0) } }

    /// `countryLine` of a line's bytes (UTF-8).
    static func countryLine(utf8 u: UnsafeBufferPointer<UInt8>) -> String? {
        if let answer = simpleCountryLine(utf8: u) { return answer }
        return countryLineOfString(String(decoding: u, as: UTF8.self))
    }

    /// `countryLine` of bytes whose words compare as bytes (`UTF8Bytes.isSimple`), and nil
    /// (no answer) for other text, which only `countryLineOfString` can read.
    private static func simpleCountryLine(utf8 u: UnsafeBufferPointer<UInt8>) -> String?? {
        // Quick refusal: the first word must come back at the start of a later word (a byte
        // after a space), found with `memchr`, many bytes a step.
        guard let base = u.baseAddress, let space = memchr(base, 0x20, u.count) else { return .some(nil) }
        let sp = UnsafeRawPointer(space) - UnsafeRawPointer(base)
        var again = sp == 0
        if !again {
            // Found by its first byte when it is ASCII (a capital, seldom met again); a
            // letter past ASCII shares its lead byte with most letters of its script, so
            // there each later word's start is tried, found by the space before it.
            if u[0] < 0x80 {
                var j = sp + 1
                while j + sp <= u.count, let hit = memchr(base + j, Int32(u[0]), u.count - sp - j + 1) {
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if u[at - 1] == 0x20 && memcmp(base + at, base, sp) == 0 { again = true; break }
                    j = at + 1
                }
            } else {
                // Only the second, third and fourth words can repeat the first (words k..<2k
                // repeat words 0..<k, k ≤ 3): the walk stops at the fourth. Words are short,
                // and the spaces are found a byte at a time: `memchr` for each cost more than
                // the bytes it passed.
                var space = sp, wordsTried = 0
                while wordsTried < 3 {
                    let at = space + 1
                    guard at + sp <= u.count else { break }
                    if u[at] != 0x20 {
                        if u[at] == u[0] && memcmp(base + at, base, sp) == 0 { again = true; break }
                        wordsTried += 1
                    }
                    space = at
                    while space < u.count && u[space] != 0x20 { space += 1 }
                    if space == u.count { break }
                }
            }
        }
        guard again else { return .some(nil) }
        guard UTF8Bytes.isSimple(u) else { return .none }
        // Words as `split(separator: " ")` makes them, on bytes: (start, end) of the first six.
        var words: [(Int, Int)] = []
        var i = 0
        while i < u.count && words.count < 6 {
            while i < u.count && u[i] == 0x20 { i += 1 }
            let s = i
            while i < u.count && u[i] != 0x20 { i += 1 }
            if i > s { words.append((s, i)) }
        }
        func same(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
            guard a.1 - a.0 == b.1 - b.0 else { return false }
            var k = 0
            while k < a.1 - a.0 { if u[a.0 + k] != u[b.0 + k] { return false }; k += 1 }
            return true
        }
        for k in 1...3 where words.count >= 2 * k {
            guard (0..<k).allSatisfy({ same(words[$0], words[k + $0]) }) else { continue }
            let first = String(decoding: UnsafeBufferPointer(rebasing: u[words[0].0..<words[0].1]), as: UTF8.self)
            guard first.first?.isUppercase == true else { continue }
            var out: [UInt8] = []
            for w in 0..<k {
                if w > 0 { out.append(0x20) }
                out.append(contentsOf: u[words[w].0..<words[w].1])
            }
            return .some(String(decoding: out, as: UTF8.self))
        }
        return .some(nil)
    }

    /// `countryLine` on `String`s: for text with combining marks and other scalars whose
    /// `Character`s and equality are not those of their bytes.
    static func countryLineOfString(_ text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        for k in 1...3 where words.count >= 2 * k {
            if words[0..<k] == words[k..<(2 * k)], words[0].first?.isUppercase == true {
                return words[0..<k].joined(separator: " ")
            }
        }
        return nil
    }

    func classify(_ text: String) -> LineClass {
        if text.isEmpty { return .blank }
        return text.withUTF8Bytes { raw in
            if let d = dateLine(utf8: raw) { return .date(d) }
            return classify(undated: raw)
        }
    }

    /// `classify` of a line that is not empty and no date line, from its bytes; a string is
    /// made of them only for the few tests that read the line as one.
    func classify(undated raw: UnsafeBufferPointer<UInt8>) -> LineClass {
        let role = lex.boilerplate.role(of: raw)
        if role == .owner, let owner = ListingBoilerplate.ownerName(in: String(decoding: raw, as: UTF8.self)) { return .owner(owner) }
        switch role {
        case .footer?: return .footer
        case .header?: return .header
        case .heading?: return .heading
        case .noise?: return .noise
        case .prose?: return .prose
        default: break
        }
        if let c = ListingParser.countryLine(utf8: raw) { return .country(c) }
        // A line holds no more scalars than bytes: under 100 bytes, it is text.
        if raw.count < 100 { return .text }
        let n = UTF8Bytes.scalarCount(raw)
        if n >= 200 { return .prose }
        if n >= 100 {
            var sentences = 0
            var prev: Character = " "
            for ch in String(decoding: raw, as: UTF8.self) { if (prev == "." || prev == "!" || prev == "?") && ch == " " { sentences += 1 }; prev = ch }
            if sentences >= 2 { return .prose }
        }
        return .text
    }

    /// Whether a file is a listing: the ELDW partner line, or dated entries that outnumber
    /// paragraphs of prose.
    ///
    /// It asks only the boilerplate table: a parser made to ask it (most of the cost of asking
    /// a short file) copied the tables twice, with a retain for each of their arrays, and made
    /// a memo of two 128 KB filters, cleared.
    static func looksLikeListing(_ src: SourceText, lex: Lexicons) -> Bool {
        let boilerplate = lex.boilerplate
        var dates = 0, prose = 0, fromForm = 0
        let limit = min(src.lineCount, 5000)
        let dateStarts = boilerplate.dateStarts
        // Lines whose folded length is still to be read: only a file with a date line needs
        // the number of prose lines (without one, it is no listing however many there are),
        // and most notes have none.
        var unmeasured: [Range<Int>] = []
        // A line's folded bytes, when it is read in full and was not folded (see below).
        var buffer: [UInt8] = []
        for i in 0..<limit {
            let range = src.range(ofLine: i)
            if range.count > 2000 { prose += 1; continue }
            // Most lines of notes are neither owner lines (no «) nor date lines (their first
            // byte can't start one): for those, only the folded length counts, read off the
            // bytes without making the line, and only if the file turns out to have a date.
            let (quick, mayBeDate) = src.bytes.withUnsafeBufferPointer { all -> (Bool, Bool) in
                let raw = UnsafeBufferPointer(rebasing: all[range])
                let mayBeDate = ListingParser.mayBeDateLine(raw, from: Normalise.leadingSpace(raw), starts: dateStarts)
                return (!mayBeDate && !UTF8Bytes.occurs(ListingParser.guillemet, in: raw), mayBeDate)
            }
            if quick {
                unmeasured.append(range)
                continue
            }
            // The line as `Normalise.spaces(src.line(i))` has it, read in place when it is
            // folded already, else folded into a buffer kept from line to line: the lines read
            // here are mostly paragraphs of notes, with « » or opening as a date line may ("С
            // 2020 года"), and making each one's string, folding that and copying its bytes
            // twice cost 20,000 instructions a line. Bytes not known to be UTF-8 are checked,
            // and read as the string that repairs them when they are not.
            let read = src.bytes.withUnsafeBufferPointer { all -> ListingParser.SampleLine? in
                let line = UnsafeBufferPointer(rebasing: all[range])
                guard src.isValidUTF8 || TextDecoder.isValidUTF8(line) else { return nil }
                return Normalise.withFolded(line, buffer: &buffer) { sample($0, mayBeDate: mayBeDate, boilerplate: boilerplate) }
            } ?? Array(Normalise.spaces(src.line(i)).utf8).withUnsafeBufferPointer { sample($0, mayBeDate: mayBeDate, boilerplate: boilerplate) }
            switch read {
            case .owner: return true
            case .date(let from): dates += 1; if from { fromForm += 1 }
            case .prose: prose += 1
            case .other: break
            }
        }
        guard dates > 0 else { return false }
        for range in unmeasured {
            // Both tests below fail once prose is more than twice the dates, and more prose
            // only keeps them failing: a page of prose with a date line or two is decided
            // after a few paragraphs, not measured to its end.
            if prose > dates * 2 { return false }
            let folded = src.bytes.withUnsafeBufferPointer { Normalise.foldedScalarCount(UnsafeBufferPointer(rebasing: $0[range]), limit: 200) }
            // Bytes that are not UTF-8 are measured as the string that repairs them.
            let n = folded ?? Normalise.spaces(String(decoding: src.bytes[range], as: UTF8.self)).unicodeScalars.count
            if n >= 200 { prose += 1 }
        }
        return fromForm >= 1 && prose <= dates * 2 || dates >= 2 && dates >= prose
    }

    /// What `looksLikeListing` counts of a line read in full.
    enum SampleLine { case owner, date(from: Bool), prose, other }

    /// `looksLikeListing`'s reading of a line's folded bytes: an owner line (the partner named
    /// in « »), a date line (and whether it opens with a word, "From 25/11/2020 ..."), prose
    /// (200 scalars or more), or none of these. `mayBeDate` is `mayBeDateLine`'s answer for
    /// the line, without which it is no date line.
    static func sample(_ raw: UnsafeBufferPointer<UInt8>, mayBeDate: Bool, boilerplate: ListingBoilerplate) -> SampleLine {
        if raw.isEmpty { return .other }
        // An owner line names the partner in « »: only such lines go through the rules.
        if UTF8Bytes.occurs(ListingParser.guillemet, in: raw), boilerplate.mayBeOwner(raw), boilerplate.role(of: raw) == .owner,
           ListingBoilerplate.ownerName(in: String(decoding: raw, as: UTF8.self)) != nil { return .owner }
        if mayBeDate, let _ = dateLine(utf8: raw, boilerplate: boilerplate) {
            let l = String(decoding: raw, as: UTF8.self).lowercased()
            return .date(from: l.hasPrefix("from") || l.hasPrefix("du ") || l.hasPrefix("date") || l.hasPrefix("с "))
        }
        // A scalar is four bytes at most: 800 bytes hold 200 scalars without counting them.
        return raw.count >= 800 || UTF8Bytes.scalarCount(raw) >= 200 ? .prose : .other
    }

    /// Line `i` of the file as the parser reads it (`read(utf8:)`), from the source's bytes;
    /// bytes not known to be UTF-8 are read as the string that repairs them.
    func read(_ src: SourceText, line i: Int) -> Line {
        guard src.isValidUTF8 else { return read(src.line(i)) }
        let range = src.range(ofLine: i)
        return src.bytes.withUnsafeBufferPointer { read(utf8: UnsafeBufferPointer(rebasing: $0[range]), at: range.lowerBound) }
    }

    /// `read(utf8:)` of a string's bytes.
    func read(_ raw: String) -> Line { raw.withUTF8Bytes { read(utf8: $0, at: nil) } }

    /// A line as the parser reads it: whitespace folded, classified, and where a place icon's
    /// alt text ends; a function of the line's bytes and the tables alone. The fold goes to a
    /// buffer the memo keeps, and only a line that is no date line keeps its folded bytes: a
    /// date line (a third of a listing's lines, most of them distinct) keeps no text, since
    /// nothing reads it. Each line was made a string, folded as a string and copied back to
    /// bytes.
    ///
    /// `offset` is where `raw` lies in the file's bytes, when it does: a text line that needs no
    /// fold is then read in place (`Line.inPlace`).
    private func read(utf8 raw: UnsafeBufferPointer<UInt8>, at offset: Int?) -> Line {
        Normalise.withFolded(raw, buffer: &memo.foldBytes) { folded -> Line in
            if folded.isEmpty { return Line.make(.blank) }
            if let d = dateLine(utf8: folded) { return Line.date(d) }
            let cls = classify(undated: folded), placeStart = lex.boilerplate.strippedStart(.placePrefix, of: folded)
            if cls == .text, placeStart == nil, let offset, folded.baseAddress == raw.baseAddress {
                return Line.inPlace(offset..<(offset + folded.count))
            }
            return Line.make(folded, cls: cls, placeStart: placeStart)
        }
    }

    /// Whether `read` reads the line (valid UTF-8) as text in place, all of it: folded
    /// already, shorter than a paragraph of prose (fewer than 100 scalars), no date line, no
    /// rule's line (`ListingBoilerplate.mayMatch`), no place icon and no country line. Asked
    /// before `read` of each line not seen before, nearly all of them titles, with a test of
    /// each refusal that is cheaper than the reading it rules out: `read` parses the line as a
    /// date, walks every boilerplate rule with a test each and asks the icon prefixes twice,
    /// about 1,650 instructions a title, where the screen takes about 1,000. False may be
    /// wrong (the line is then read), true never is.
    func readsAsPlainText(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        // From 100 scalars `classify` counts sentences.
        guard raw.count > 0 && (raw.count < 100 || UTF8Bytes.scalarCount(raw) < 100),
              !ListingParser.mayBeDateLine(raw, from: 0, starts: lex.boilerplate.dateStarts),
              Normalise.isFolded(raw),
              !lex.boilerplate.mayMatch(raw),
              lex.boilerplate.strippedStart(.placePrefix, of: raw) == nil,
              case .some(nil) = ListingParser.simpleCountryLine(utf8: raw) else { return false }
        return true
    }

    /// `readsAsPlainText`, answered once per template: a line's digits read as "0", the
    /// screen's date-start, fold, length, rule and icon tests answer alike for every line of
    /// the template, except for the rules whose texts have digits ("12 stars"), which are
    /// asked of each line (`ListingBoilerplate.digitRulesMayMatch`); the country test
    /// ("Ukraine Ukraine", words compared with words) is asked of each line too. A template
    /// first met on a line the screen refuses is refused for all its lines, which are then
    /// read: false may be wrong, true never is. When a date-line start has a digit, each line
    /// is screened.
    ///
    /// The screen of a title whose template came before is the title's key (which its entry
    /// then takes as its own, `Memo.lineTemplates`) and a look-up, where it was about 1,200
    /// instructions; a title met once costs the look-up and an insert more.
    func screensAsPlainText(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        var template = LineTemplate()
        return screensAsPlainText(raw, template: &template)!
    }

    /// `screensAsPlainText` of line `i` of the file being parsed, its template key and digits
    /// kept in `Memo.lineTemplates` when they are made: the entry whose title the line is then
    /// takes them (the line's `titleKey`, when the kinds and topics read no numbers), where
    /// each title was hashed again.
    ///
    /// `checking`: the line is not known to be UTF-8 (see `parse(checkingLinesOf:)`), and nil
    /// says it is not. A line whose template is kept is known to be (it is a line that was,
    /// with other ASCII digits); any other is checked before it is read.
    func screensAsPlainText(_ raw: UnsafeBufferPointer<UInt8>, line i: Int, checking: Bool = false) -> Bool? {
        screensAsPlainText(raw, template: &memo.lineTemplates[i], checking: checking)
    }

    /// `screensAsPlainText`, with the line's template key and digits in `template` (marked
    /// with the file's number) when they are made.
    private func screensAsPlainText(_ raw: UnsafeBufferPointer<UInt8>, template: inout LineTemplate, checking: Bool = false) -> Bool? {
        if checking && !lex.boilerplate.screensByTemplate && !TextDecoder.isValidUTF8(raw) { return nil }
        guard lex.boilerplate.screensByTemplate else { return readsAsPlainText(raw) }
        let key = makeTemplate(raw, into: &template)
        if let kept = screenByKeptTemplate(raw, key: key) { return kept }
        if checking && !TextDecoder.isValidUTF8(raw) { return nil }
        let plain = readsAsPlainText(raw)
        memo.plainTemplate.set(plain ? ListingParser.plainFirstSeen : ListingParser.refused, for: key)
        return plain
    }

    /// The line's template key and digits in `template`, marked with the file's number,
    /// unless they are made already for this file (see `screensByKeptTemplate`). A template
    /// of file 0 is never made: a parse's files are numbered from 1.
    private func makeTemplate(_ raw: UnsafeBufferPointer<UInt8>, into template: inout LineTemplate) -> Digest128.Value {
        if template.file == 0 || template.file != memo.file {
            template.file = memo.file
            template.digits = DigitPack()
            template.key = Digest128.ofDigitsAsZero(UnsafeRawBufferPointer(raw), seed: ListingParser.titleSeed, digits: &template.digits)
        }
        return template.key
    }

    /// The screen's answer for a line whose template `Memo.plainTemplate` holds, nil for
    /// another. A template first seen on a line the screen read in place learns here, at its
    /// second line, whether its lines may be country lines (most titles met once never come
    /// back).
    private func screenByKeptTemplate(_ raw: UnsafeBufferPointer<UInt8>, key: Digest128.Value) -> Bool? {
        guard var kept = memo.plainTemplate[key] else { return nil }
        guard kept != ListingParser.refused, !lex.boilerplate.digitRulesMayMatch(raw) else { return false }
        if kept == ListingParser.plainFirstSeen {
            kept = ListingParser.countryMayVary(raw) ? ListingParser.plainUnlessCountry : ListingParser.plain
            memo.plainTemplate.set(kept, for: key)
        }
        return kept == ListingParser.plain || ListingParser.simpleCountryLine(utf8: raw) == .some(nil)
    }

    /// Whether line `i` reads in place by the screen of a template the memo holds (a line the
    /// screen reads so is UTF-8: it is a line that was, with other ASCII digits). Its template
    /// is made either way, for the screen that follows when this says no.
    func screensByKeptTemplate(_ raw: UnsafeBufferPointer<UInt8>, line i: Int) -> Bool {
        guard lex.boilerplate.screensByTemplate else { return false }
        return screenByKeptTemplate(raw, key: makeTemplate(raw, into: &memo.lineTemplates[i])) == true
    }

    /// A template's answer in `Memo.plainTemplate`: refused; plain; plain unless the line
    /// is a country line; plain for its first line, the rest not yet known.
    static let refused: UInt8 = 0, plain: UInt8 = 1, plainUnlessCountry: UInt8 = 2, plainFirstSeen: UInt8 = 3

    /// Whether a line of this line's template may be a country line when some line of it is
    /// not: when one of its first four words has a digit, or its first word comes back as
    /// its second, third or fourth. A country line repeats its first one to three words at
    /// once ("Ukraine Ukraine", words k..<2k are words 0..<k, k ≤ 3), so its first word is
    /// also its second, third or fourth; with no digit among those four words, every line of
    /// the template has the same four words.
    static func countryMayVary(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var first = 0..<0, words = 0
        var i = 0
        while i < u.count && words < 4 {
            while i < u.count && u[i] == 0x20 { i += 1 }
            let s = i
            while i < u.count && u[i] != 0x20 {
                if u[i] &- 0x30 < 10 { return true }
                i += 1
            }
            guard i > s else { continue }
            if words == 0 {
                first = s..<i
            } else if i - s == first.count && memcmp(u.baseAddress! + s, u.baseAddress! + first.lowerBound, first.count) == 0 {
                return true
            }
            words += 1
        }
        return false
    }

    /// The key of a `LineTemplate` not yet made (its `file` says whether it is).
    static let noTemplate = Digest128.Value(a: 0, b: 0)

    /// The longest line a listing entry may have, in bytes: a longer one is skipped.
    static let longestLine = 10_000

    /// The memo key of a raw line (before whitespace is folded).
    static func lineKey(_ raw: UnsafeRawBufferPointer) -> Digest128.Value { Digest128.of(raw, seed: 0x4C49_4E45) }

    /// A line's key in the parse's keys when the parse made none: a date line's, never asked,
    /// and a title's read by its template alone (see `parse`). No line's digest is 0.
    static let unmadeKey = Digest128.Value(a: 0, b: 0)

    /// Line `i`'s `lineKey`: from `lineKeys`, or made now when the parse left it unmade.
    static func key(ofLine i: Int, lineKeys: [Digest128.Value], in src: SourceText) -> Digest128.Value {
        let k = lineKeys[i]
        guard k == unmadeKey else { return k }
        return src.bytes.withUnsafeBytes { lineKey(UnsafeRawBufferPointer(rebasing: $0[src.range(ofLine: i)])) }
    }

    func parse(_ src: SourceText, diagnostics: inout [Diagnostic]) -> Result {
        parse(src, checkingLines: false, diagnostics: &diagnostics)!
    }

    /// `parse` of a text not known to be UTF-8 that is meant to be (`Pipeline.load` with
    /// `checkingUTF8: false`), or nil when it is not: each line is checked when it is first
    /// read, unless it is known already. A date line of the common shape is UTF-8 by its
    /// shape; a line the memo holds was checked when it was kept; a title whose template
    /// the memo holds differs from a checked line only in ASCII digits. So nearly every line
    /// of a large listing is known, and only new ones are checked. On nil, diagnostics
    /// appended since the call are the caller's to drop; the memo has kept only lines that
    /// were UTF-8.
    func parse(checkingLinesOf src: SourceText, diagnostics: inout [Diagnostic]) -> Result? {
        guard !src.isValidUTF8 else { return parse(src, diagnostics: &diagnostics) }
        guard memo.readOnlyUTF8 else {
            return TextDecoder.isValidUTF8(src.bytes) ? parse(src.checkedUTF8(), diagnostics: &diagnostics) : nil
        }
        return parse(src.checkedUTF8(), checkingLines: true, diagnostics: &diagnostics)
    }

    /// `checkingLines`: `src` says it is UTF-8, and each line is checked before it is read
    /// (see `parse(checkingLinesOf:)`); nil, and the parse stopped, at the first that is not.
    private func parse(_ src: SourceText, checkingLines: Bool, diagnostics: inout [Diagnostic]) -> Result? {
        let n = src.lineCount
        var firstFooter = n
        var owner: String?
        var country: String?
        let validUTF8 = src.isValidUTF8
        if !validUTF8 { memo.readOnlyUTF8 = false }
        var notUTF8 = false
        memo.file &+= 1
        if memo.file == 0 { memo.file = 1; for k in memo.lineTemplates.indices { memo.lineTemplates[k].file = 0 } }
        if memo.lineTemplates.count < n {
            // Grown to the file's lines and an eighth more, not doubled: the array's pages are
            // fresh memory, each a page fault, and doubling for a file a few lines longer
            // than the last touched twice the array (about 2 MB a worker for the bench's 1 MB
            // listings).
            if memo.lineTemplates.capacity < n { memo.lineTemplates.reserveCapacity(n + n / 8) }
            memo.lineTemplates.append(contentsOf: repeatElement(LineTemplate(), count: n - memo.lineTemplates.count))
        }
        // Each line's reading, and its `lineKey` for the memo tables keyed by line: both
        // written in place, a line each (appended, each line asked both arrays whether they
        // were uniquely held and had room, about 2% of a listing's instructions).
        var readLines: [Line] = []
        let readKeys = [Digest128.Value](unsafeUninitializedCapacity: n) { keys, keyCount in
            readLines = [Line](unsafeUninitializedCapacity: n) { lines, lineCount in
                var afterDate = false
                for i in 0..<n {
                    let range = src.range(ofLine: i)
                    // A date line of the common shape (`ListingDate.parseCommonShape`: no
                    // spaces to fold, no icon), which `read` reads to the same dates, is read
                    // here: no digest, no memo look-up (date lines are a third of a listing's
                    // lines, and their readings hold no storage). Its key is never asked: only
                    // text lines are places.
                    if validUTF8, let d = src.bytes.withUnsafeBufferPointer({ ListingDate.parseCommonShape(UnsafeBufferPointer(rebasing: $0[range])) }) {
                        keys[i] = ListingParser.unmadeKey
                        (lines.baseAddress! + i).initialize(to: Line.date(d))
                        afterDate = true
                        continue
                    }
                    // The line after a date line is nearly always the next entry's title, met
                    // once: its template is made first, and when the screen reads it in place
                    // by a template it holds, that is its reading (the screen's yes is never
                    // wrong), and its line key is left unmade, made only if asked
                    // (`key(ofLine:)`). A title's bytes were digested twice, for a line key
                    // that found nothing and for its template. A guess that misses costs only
                    // the template, which the screen below then takes; either way the line
                    // reads the same, and only what the memo keeps differs.
                    if afterDate, guessesTitles, validUTF8, range.count <= ListingParser.longestLine,
                       src.bytes.withUnsafeBufferPointer({ screensByKeptTemplate(UnsafeBufferPointer(rebasing: $0[range]), line: i) }) {
                        afterDate = false
                        keys[i] = ListingParser.unmadeKey
                        (lines.baseAddress! + i).initialize(to: Line.inPlace(range))
                        continue
                    }
                    afterDate = false
                    let key = src.bytes.withUnsafeBytes { ListingParser.lineKey(UnsafeRawBufferPointer(rebasing: $0[range])) }
                    keys[i] = key
                    let line: Line
                    // A line not known to be UTF-8, checked (see `parse(checkingLinesOf:)`).
                    func isUTF8() -> Bool { src.bytes.withUnsafeBufferPointer { TextDecoder.isValidUTF8(UnsafeBufferPointer(rebasing: $0[range])) } }
                    if range.count > ListingParser.longestLine {
                        if checkingLines && !isUTF8() { notUTF8 = true; lineCount = i; break }
                        diagnostics.append(Diagnostic(.warning, "line-too-long", "line of \(range.count) bytes skipped: too long for a listing entry", at: src.location(line: i)))
                        line = Line.make(.blank)
                    } else {
                        // A line the filter has not seen is in neither table (they keep only
                        // lines seen before), and is not looked for: nearly every title is such
                        // a line, and its two look-ups walked the tables to an empty slot. (A
                        // line kept before the filter started afresh is read again, to the same
                        // reading.) A text line read in place (a place, nearly always) is kept
                        // as its digest alone (`plainText`), and read in place again: a kept
                        // reading was an object retained and released at every entry, a cache
                        // miss on it each time.
                        let seen = memo.seenLines.testAndSet(key)
                        if seen, validUTF8, memo.plainText.contains(key) {
                            line = Line.inPlace(range)
                        } else if seen, let known = memo.textLine[key] ?? memo.line[key] {
                            line = known
                        } else {
                            let plain = validUTF8 ? src.bytes.withUnsafeBufferPointer({ screensAsPlainText(UnsafeBufferPointer(rebasing: $0[range]), line: i, checking: checkingLines) }) : false
                            guard let plain else { notUTF8 = true; lineCount = i; break }
                            if plain {
                                line = Line.inPlace(range)
                            } else {
                                line = read(src, line: i)
                            }
                            if seen {
                                if line.tag != .text {
                                    memo.line.set(line, for: key)
                                } else if memo.seenTextTwice.testAndSet(key) {
                                    if line.readsInPlace { memo.plainText.set(true, for: key) } else { memo.textLine.set(line.owned(in: src), for: key) }
                                }
                            }
                        }
                    }
                    if line.tag == .footer && firstFooter == n { firstFooter = i }
                    if line.tag == .owner, owner == nil, case .owner(let o) = line.cls { owner = o }
                    if line.tag == .country, country == nil, case .country(let c) = line.cls { country = c }
                    // Last, and handed over: stored while still in use, the line was retained
                    // for the array and released after the tests (two atomic counts a line, 3%
                    // of a check).
                    (lines.baseAddress! + i).initialize(to: consume line)
                }
                // Stopped at a line that is not UTF-8: the lines before it are made.
                lineCount = notUTF8 ? lineCount : n
            }
            keyCount = readLines.count
        }
        if notUTF8 { return nil }
        // Constants from here on: the helpers below capture them, and a captured `var` is
        // boxed and checked for exclusive access on every read.
        let lines = readLines, lineKeys = readKeys, footer = firstFooter
        let hasFooter = footer < src.lineCount
        func isBlank(_ i: Int) -> Bool { i < 0 || lines[i].tag == .blank }
        func isCandidate(_ i: Int) -> Bool { i >= 0 && i < footer && lines[i].tag == .text }
        func prevNonBlank(_ i: Int) -> Int? {
            var k = i
            while k >= 0 { if lines[k].tag != .blank { return k }; k -= 1 }
            return nil
        }

        var entries: [Entry] = []
        var consumed = -1
        // The place keys of the file's entries so far: a digest map, since a `Set` hashed each
        // digest again with SipHash (2% of a listing's parse). The memo's table, emptied, and
        // handed back at the end.
        var seenPlaces = DigestMap(placeholder: false)
        swap(&seenPlaces, &memo.seenPlaces)
        seenPlaces.removeAll()
        defer { swap(&seenPlaces, &memo.seenPlaces) }
        // A line's place key, from the memo by the line's digest. Not kept per line: nearly
        // every key is asked once, for the line above a date, and the anchor loop keeps that
        // one for the seen places; a table of a key a line, filled with nils, took 24 bytes
        // for every line of the file.
        func placeKeyOf(_ i: Int) -> Digest128.Value {
            // A title read by its template (its line key unmade) is asked only when its entry
            // has no date, and titles do not come back: its key is made and not kept, where
            // keeping each filled the table with titles and started it afresh, the places'
            // keys with them.
            if lineKeys[i] == ListingParser.unmadeKey { return placeKey(of: lines[i], in: src) }
            let lineKey = lineKeys[i]
            if let m = memo.placeKey[lineKey] { return m }
            let k = placeKey(of: lines[i], in: src)
            memo.placeKey.set(k, for: lineKey)
            return k
        }
        // Whether line `i` reads as a place (`isPlaceLike`), its key made by the helper above.
        // (An autoclosure of the key made a copy of the parser, a retain of each of its
        // tables, at every call the optimiser did not inline; a line with a place icon, the one
        // the key is not asked of, is rare.) The places seen are passed in: captured, the
        // variable was checked for exclusive access at every call.
        func placeLike(_ i: Int, seen: DigestMap<Bool>, strongOnly: Bool = false) -> Bool {
            isPlaceLike(lines[i], in: src, key: placeKeyOf(i), seen: seen, strongOnly: strongOnly)
        }
        // The date lines, written in place (filtered, each was appended).
        let anchors = [Int](unsafeUninitializedCapacity: footer) { buffer, count in
            var k = 0
            for i in 0..<footer where lines[i].tag == .date { buffer[k] = i; k += 1 }
            count = k
        }
        entries.reserveCapacity(anchors.count)
        for d in anchors {
            guard let p = prevNonBlank(d - 1), p > consumed, isCandidate(p) else {
                diagnostics.append(Diagnostic(.warning, "listing-date-without-title", "date line has no title line above it; skipped", at: src.location(line: d)))
                consumed = d
                continue
            }
            var place: Int?
            // The place's key when the check below made it, for the seen places, and whether
            // they have it already.
            var seenKey: Digest128.Value?
            var seenBefore = false
            var title = p
            if p == d - 1 {
                if isBlank(p - 1) {
                    // Blank-line layout: the place and the date form one block under the title.
                    if let t = prevNonBlank(p - 2), t > consumed, isCandidate(t), !titleLooksLikeDescription(t, lines) {
                        place = p; title = t
                    }
                } else if p - 1 > consumed, isCandidate(p - 1) {
                    // A place seen before in the file is place-like (`isPlaceLike`'s first
                    // answer but for an icon), and is marked already: one look-up, where
                    // asking `isPlaceLike` and then marking it took two.
                    let k = placeKeyOf(p)
                    if seenPlaces.contains(k) {
                        place = p; title = p - 1; seenBefore = true
                    } else if isPlaceLike(lines[p], in: src, key: k, seen: seenPlaces) {
                        place = p; title = p - 1; seenKey = k
                    }
                }
            }
            // Marked only when new: `set` wrote the value again for a place seen before (most
            // entries), asking the runtime whether the table's array was shared.
            if let pl = place, !seenBefore { _ = seenPlaces.valueOrInsert(true, for: seenKey ?? placeKeyOf(pl)) }
            entries.append(Entry(title: title, place: place, date: d))
            consumed = d
        }

        // Lines between and after the dated entries: dateless entries, headings, noise.
        // One zone after each dated entry (the last one trailing), written in place.
        let zones = [(from: Int, to: Int, trailing: Bool)](unsafeUninitializedCapacity: entries.count) { buffer, count in
            for (j, e) in entries.enumerated() {
                buffer[j] = (e.date! + 1, j + 1 < entries.count ? entries[j + 1].title : footer, j + 1 == entries.count)
            }
            count = entries.count
        }
        let detailPage = entries.count == 1
        var extra: [Entry] = []
        // A zone's non-blank lines, in one buffer for the file: a zone's own array was made
        // and freed for every zone with a line in it (an entry's "Read more", its country
        // line), a malloc and a free each, 2.5% of a listing check. Most zones are empty (an
        // entry's title follows the date above it), and are passed over without touching it.
        var idx: [Int] = []
        for z in zones where z.from < z.to {
            idx.removeAll(keepingCapacity: true)
            for i in z.from..<max(z.from, z.to) where lines[i].tag != .blank { idx.append(i) }
            var k = 0
            var stop = false
            while k < idx.count && !stop {
                let i = idx[k]
                switch lines[i].tag {
                case .heading, .noise, .header, .owner, .country, .footer, .blank:
                    k += 1
                    continue
                case .prose:
                    // A description under an entry (detail pages): the rest of the zone is its text.
                    if z.trailing { stop = true; continue }
                    diagnostics.append(Diagnostic(.note, "listing-skipped-prose", "paragraph between entries skipped", at: src.location(line: i)))
                    k += 1
                    continue
                default: break
                }
                if z.trailing && detailPage { stop = true; continue }
                if k + 1 < idx.count, idx[k + 1] == i + 1 || !isBlank(i + 1), lines[idx[k + 1]].tag == .text,
                   placeLike(idx[k + 1], seen: seenPlaces) && !placeLike(i, seen: seenPlaces, strongOnly: true) {
                    extra.append(Entry(title: i, place: idx[k + 1], date: nil))
                    k += 2
                    continue
                }
                if k + 1 < idx.count, isBlank(i + 1), lines[idx[k + 1]].tag == .text, seenPlaces[placeKeyOf(idx[k + 1])] != nil {
                    extra.append(Entry(title: i, place: idx[k + 1], date: nil))
                    k += 2
                    continue
                }
                if z.trailing && !hasFooter && k == idx.count - 1 && entries.count >= 2 {
                    diagnostics.append(Diagnostic(.warning, "listing-truncated-entry", "the file ends inside an entry: title only, no place or date (was the file cut off?)", at: src.location(line: i)))
                    extra.append(Entry(title: i, place: nil, date: nil))
                    k += 1
                    continue
                }
                diagnostics.append(Diagnostic(.warning, "listing-skipped-line", "line skipped: neither an entry (title, place, date) nor a known heading", at: src.location(line: i)))
                k += 1
            }
        }
        // In file order: the dated entries are found in it, and the dateless ones too, zone by
        // zone; the two runs are merged (sorting them together was 1% of a listing's time).
        let all = extra.isEmpty ? entries : ListingParser.merged(entries, extra)
        for e in all where e.date == nil && e.place != nil {
            diagnostics.append(Diagnostic(.warning, "listing-no-date", "entry has no date line", at: src.location(line: e.title)))
        }
        // The partner's own region ("« Finlyandskiy Municipal district » takes part ..."), for
        // entries whose place names none.
        var ownerRegion: Region?
        if let o = owner {
            let codes = Set(lex.gazetteer.matches(in: Tokenizer.tokens(o), placeLine: true).filter { !$0.isAmbiguous }.flatMap(\.codes))
            if codes.count == 1 { ownerRegion = lex.gazetteer.region(codes.first!) }
        }
        // A page of another country's events: its places are not federal subjects.
        let foreign = country.map { !ListingParser.russiaNames.contains($0.lowercased()) } ?? false
        let ownerPlace = (foreign ? nil : ownerRegion).map {
            EventPlace(location: nil, municipality: nil, municipalityType: nil, region: $0.ref, federalDistrict: $0.district)
        } ?? EventPlace.none
        var events: [Event] = []
        var keys: [EventMerger.Keys] = []
        var eventLines: [Int32] = []
        if makesEvents { events.reserveCapacity(all.count) } else { eventLines.reserveCapacity(all.count) }
        keys.reserveCapacity(all.count)
        for e in all {
            build(e, lines: lines, lineKeys: lineKeys, src: src, foreign: foreign, ownerRegion: ownerRegion, ownerPlace: ownerPlace,
                  into: &events, keys: &keys, diagnostics: &diagnostics)
            if !makesEvents { eventLines.append(Int32(clamping: e.title + 1)) }
        }
        return Result(events: events, keys: keys, lines: eventLines, country: country, owner: owner)
    }

    /// Two runs of entries, each in file order (by title line), as one in file order. No line
    /// is the title of two entries, so this is the one order of the two together.
    static func merged(_ a: [Entry], _ b: [Entry]) -> [Entry] {
        var out: [Entry] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if b[j].title < a[i].title { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    private func titleLooksLikeDescription(_ i: Int, _ lines: [Line]) -> Bool {
        lines[i].tag == .prose
    }

    func placeText(_ line: Line, in src: SourceText) -> String {
        guard let k = line.placeStart else { return line.text(in: src) }
        return line.withBytes(in: src) { String(decoding: $0.dropFirst(k), as: UTF8.self) }
    }

    /// A place as the file's set of seen places holds it: the digest of its text's key
    /// (`Normalise.withKeyBytes`), folded on the text's bytes (UTF-8) where they lie.
    static func placeKey(utf8 text: UnsafeBufferPointer<UInt8>) -> Digest128.Value {
        Normalise.withKeyBytes(utf8: text, secondKey: []) { Digest128.of(UnsafeRawBufferPointer($0), seed: placeSeed) }
    }

    /// `placeKey` of a line's place text (after any icon, `placeText`), on the line's bytes:
    /// asked of every place line the memo has no key for, each was made a string first.
    func placeKey(of line: Line, in src: SourceText) -> Digest128.Value {
        line.withBytes(in: src) { ListingParser.placeKey(utf8: UnsafeBufferPointer(rebasing: $0[min(line.placeStart ?? 0, $0.count)...])) }
    }
    static let placeSeed: UInt64 = 0x504C_4143

    /// Whether a line reads as a place rather than a title. Strong signs: an icon prefix
    /// ("boussole"), a subject or city of the gazetteer, a place seen earlier in the file. A
    /// title's signs (quotes, a kind word first) overrule weak signs (place words).
    /// `key` is the line's `placeKey` (of its text after any icon prefix).
    func isPlaceLike(_ line: Line, in src: SourceText, key: Digest128.Value, seen: DigestMap<Bool>, strongOnly: Bool = false) -> Bool {
        if line.placeStart != nil { return true }
        if seen[key] != nil { return true }
        let memoKey = line.withBytes(in: src) { ListingParser.memoKey(utf8: $0, strongOnly ? 1 : 0) }
        if let v = memo.placeLike[memoKey] { return v }
        // A quoted line that opens with a kind of event is no place (`placeLikeUncached`'s
        // first answer), asked of the line's bytes: nearly every title of an entry without a
        // date is such a line, and each was made a string and an array first.
        let v = line.withBytes(in: src) { b in ListingParser.quoteMarks.contains { UTF8Bytes.occurs($0, in: b) } && opensWithKind(utf8: b) }
            ? false : placeLikeUncached(line.text(in: src), strongOnly: strongOnly)
        memo.placeLike.set(v, for: memoKey)
        return v
    }

    static let guillemet: [UInt8] = Array("«".utf8)
    /// Quotation marks that make a line a title: " « “ ” „.
    static let quoteMarks: [[UInt8]] = ["\"", "«", "“", "”", "„"].map { Array($0.utf8) }

    /// Whether the kind table finds a kind at the text's first token. Memoized by `titleKey`,
    /// under which titles that differ only in their digits ("…№198", "…№245") share an
    /// answer, since the kind table then sees the same tokens: the titles this is asked of
    /// (quoted lines of entries without a date, which `placeLikeUncached` takes for titles)
    /// are nearly all distinct as written, and each was made scalars and tokens here.
    func opensWithKind(_ text: String) -> Bool { text.withUTF8Bytes { opensWithKind(utf8: $0) } }

    /// `opensWithKind` of a line's bytes (UTF-8): a string is made of them only on a miss.
    func opensWithKind(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        let key = titleKey(utf8: b)
        if let v = memo.kindFirst[key] { return v }
        let v = lex.kinds.longestMatch(Tokenizer.tokens(UTF8Bytes.scalars(String(decoding: b, as: UTF8.self)), words: memo.words), at: 0) != nil
        memo.kindFirst.set(v, for: key)
        return v
    }

    private func placeLikeUncached(_ text: String, strongOnly: Bool) -> Bool {
        let bytes = Array(text.utf8)
        let quoted = ListingParser.quoteMarks.contains { UTF8Bytes.occurs($0, in: bytes) }
        // A quoted line that opens with a kind of event is a title whatever places it names
        // (the tests below all answer no): that takes its tokens, not the gazetteer's reading,
        // and such a title, asked about when its entry has no place line, stays out of the
        // readings kept for places.
        if quoted, opensWithKind(text) { return false }
        let r = reading(text)
        let tokens = r.tokens
        // From here a quoted line does not open with a kind.
        let kindFirst = !quoted && lex.kinds.longestMatch(tokens, at: 0) != nil
        let gaz = r.matches
        if !gaz.isEmpty && !(kindFirst && gaz.allSatisfy(\.isCity)) { return true }
        if strongOnly { return false }
        if quoted || kindFirst { return false }
        var i = 0
        while i < tokens.count {
            if lex.municipalityTypes.longestMatch(tokens, at: i) != nil { return true }
            if lex.boilerplate.placeWords.contains(tokens[i]) { return true }
            i += 1
        }
        return tokens.contains { $0.kind == .number } && text.contains(",")
    }

    /// The place fields of an entry at a place whose facts name no single federal subject, or
    /// on a page of another country's events (whose "region" is no type of ours), with the
    /// diagnostic that says why the region is empty or where it came from.
    private func unresolvedPlace(_ facts: PlaceFacts, at pl: Int, foreign: Bool, ownerRegion: Region?, src: SourceText,
                                 diagnostics: inout [Diagnostic]) -> EventPlace {
        let loc = facts.place.location ?? ""
        if foreign {
            let mtype = facts.analysis.municipalityType
            return EventPlace(location: loc, municipality: facts.analysis.municipality, municipalityType: mtype == "region" ? nil : mtype,
                              region: nil, federalDistrict: nil)
        }
        if facts.analysis.regionCodes.count > 1 {
            let names = facts.analysis.regionCodes.compactMap { lex.gazetteer.region($0)?.nameEn }.joined(separator: " or ")
            diagnostics.append(Diagnostic(.warning, "place-ambiguous", "'\(loc)' could be \(names); region left empty", at: src.location(line: pl)))
        } else if let r = ownerRegion {
            diagnostics.append(Diagnostic(.note, "place-from-partner", "no federal subject in '\(loc)'; \(r.nameEn) taken from the page's partner", at: src.location(line: pl)))
            return facts.place.with { $0.region = r.ref; $0.federalDistrict = r.district }
        } else {
            diagnostics.append(Diagnostic(.warning, "place-unresolved", "no federal subject found in '\(loc)'", at: src.location(line: pl)))
        }
        return facts.place
    }

    /// The entry's event and its merge keys, appended to `events` and `keys` (returned as a
    /// pair, each event was copied out of it and the pair destroyed). `ownerPlace` is the place
    /// fields of an entry without a place line: the partner's region on a page of Russia's
    /// events that names one, else none.
    private func build(_ e: Entry, lines: [Line], lineKeys: [Digest128.Value], src: SourceText, foreign: Bool, ownerRegion: Region?,
                       ownerPlace: EventPlace, into events: inout [Event], keys allKeys: inout [EventMerger.Keys],
                       diagnostics: inout [Diagnostic]) {
        let titleLine = lines[e.title]
        var start: Day?, end: Day?
        if let d = e.date, case .date(let parsed) = lines[d].cls {
            // The date line's location is made only for a diagnostic: made for every entry,
            // it was a retain and a release of the file's path.
            start = parsed.start.day_.flatMap { $0.isPlausible ? $0 : nil }
            if start == nil {
                diagnostics.append(Diagnostic(.warning, "date-impossible", "impossible date '\(parsed.start.text)'; start left empty", at: src.location(line: d)))
            }
            if let we = parsed.end {
                end = we.day_.flatMap { $0.isPlausible ? $0 : nil }
                if end == nil { diagnostics.append(Diagnostic(.warning, "date-impossible", "impossible date '\(we.text)'; end left empty", at: src.location(line: d))) }
            } else {
                end = start
            }
            if let s = start, let en = end, en < s {
                diagnostics.append(Diagnostic(.warning, "date-end-before-start", "the end \(en) is before the start \(s); end left empty", at: src.location(line: d)))
                end = nil
            }
        }
        // The entry's place fields when they are not the owner's, in a holder shared by the
        // entries at the place where it can be, made only for an event (`check` makes none,
        // and a copy of a place's fields is a retain and a release); and the merge keys, with
        // the place's key folded and hashed once per place (`PlaceFacts.digest`).
        var place: EventPlace?
        let keys: (id: String, merge: Digest128)
        let (titleKey, digits) = titleLine.withBytes(in: src) { b -> (Digest128.Value, DigitPack) in
            // A title read in place was screened with its title key, unless it came back
            // whole (then its key is made here).
            if memo.lineTemplates[e.title].file == memo.file && titleLine.readsInPlace && titleKeyReadsDigitsAsZero {
                return (memo.lineTemplates[e.title].key, memo.lineTemplates[e.title].digits)
            }
            var digits = DigitPack()
            return (self.titleKey(utf8: b, digits: &digits), digits)
        }
        // The title's kind and topics.
        func eventClass() -> EventClass {
            // On the title's bytes when they are known to be UTF-8: a string made of them
            // checked them again (about 500 instructions a title). Other bytes are read as
            // the string repairs them.
            func read(_ b: UnsafeBufferPointer<UInt8>) -> (scalars: [Unicode.Scalar], cyrillic: Bool) {
                (UTF8Bytes.scalars(utf8: b), b.contains(where: KindClassifier.opensCyrillic))
            }
            let (scalars, cyrillic) = src.isValidUTF8 ? titleLine.withBytes(in: src, read) : titleLine.text(in: src).withUTF8Bytes(read)
            let tokens = Tokenizer.tokens(scalars, words: memo.words)
            return EventClass(kind: KindClassifier(lex: lex).classify(cyrillic: cyrillic, tokens: tokens), topics: TopicTagger(lex: lex).topics(ofTitle: tokens))
        }
        // `check`'s merge digest (`Event.mergeDigest(title:place:)`) with the first part of
        // the title's key (`Event.templateDigest`) kept by the title's memo key, so that only
        // its digits are hashed. (The memo key reads each digit as "0", or every byte as it
        // is when the kinds or topics read numbers; either way, titles with one memo key
        // have keys that differ only in their digits, so one template digest.) `check` classes
        // a title when its template digest is made: it keeps no classes, so a template kept
        // says the title was classed, in one look-up where asking the title memo too took two.
        func checkedMerge(place: Digest128.Value) -> Digest128 {
            titleLine.withBytes(in: src) { b in
                let template: Digest128.Value
                if let t = memo.titleTemplate[titleKey] { template = t } else {
                    _ = eventClass()
                    template = Event.templateDigest(title: b)
                    memo.titleTemplate.set(template, for: titleKey)
                }
                return digits.overflow ? Event.mergeDigest(template: template, digitsOf: b, place: place)
                    : Event.mergeDigest(template: template, digits: digits, place: place)
            }
        }
        // The place's facts, from the memo or worked out.
        func factsOf(_ pl: Int) -> PlaceFacts {
            let lineKey = ListingParser.key(ofLine: pl, lineKeys: lineKeys, in: src)
            if let m = memo.place[lineKey] { return m }
            let loc = placeText(lines[pl], in: src)
            let analysis = places.analyze(reading(loc))
            // The region looked up in place: passing the gazetteer copied it.
            let codes = analysis.regionCodes
            let made = PlaceFacts(analysis, region: codes.count == 1 ? lex.gazetteer.region(codes[0]) : nil, location: loc)
            memo.place.set(made, for: lineKey)
            return made
        }
        if let pl = e.place {
            let brief: PlaceBrief
            let lineKey = ListingParser.key(ofLine: pl, lineKeys: lineKeys, in: src)
            if let b = memo.brief[lineKey] { brief = b } else {
                brief = PlaceBrief(factsOf(pl))
                memo.brief.set(brief, for: lineKey)
            }
            // The facts themselves only for an event, or for a diagnostic of the place; an
            // event's keys take the place's digest kept in the brief.
            var eventKeys: (id: String, merge: Digest128)?
            if makesEvents || foreign || !brief.resolved || brief.fuzzy {
                let facts = factsOf(pl)
                if foreign || !facts.resolved {
                    place = unresolvedPlace(facts, at: pl, foreign: foreign, ownerRegion: ownerRegion, src: src, diagnostics: &diagnostics)
                } else if makesEvents {
                    place = facts.place
                }
                if facts.analysis.fuzzy && !foreign && facts.resolved, let r = facts.place.region {
                    diagnostics.append(Diagnostic(.note, "place-fuzzy", "'\(facts.place.location ?? "")' read as \(r.name) (a close spelling)", at: src.location(line: pl)))
                }
                if makesEvents {
                    eventKeys = titleLine.withBytes(in: src) { Event.keys(title: $0, locationKey: facts.locationKey, place: brief.digest, start: start) }
                }
            }
            keys = eventKeys ?? (id: "", merge: checkedMerge(place: brief.digest))
        } else {
            keys = makesEvents
                ? titleLine.withBytes(in: src) { Event.keys(title: $0, locationKey: [], start: start) }
                : (id: "", merge: checkedMerge(place: ListingParser.noPlace))
        }
        guard makesEvents else {
            allKeys.append(EventMerger.Keys(titlePlace: keys.merge, start: start, end: end))
            return
        }
        // The title's kind and topics, worked out once per title key.
        func classify() -> EventClass {
            let made = eventClass()
            memo.title.set(made, for: titleKey)
            return made
        }
        let classification = memo.title[titleKey] ?? classify()
        events.append(Event(id: keys.id, source: SourceSpan(file: src.path, line: e.title + 1, endLine: nil), title: titleLine.text(in: src),
                            place: place ?? ownerPlace, start: start, end: end, classification: classification))
        allKeys.append(EventMerger.Keys(titlePlace: keys.merge, start: start, end: end, id: keys.id))
    }
}
