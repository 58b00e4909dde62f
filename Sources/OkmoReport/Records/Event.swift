import OkmoCore

/// A region reference as the records file writes it: ISO 3166-2 code and English name.
public struct RegionRef: Hashable, Sendable, Comparable {
    public var code: String
    public var name: String
    public static func < (a: RegionRef, b: RegionRef) -> Bool { a.code < b.code }
    var json: JSONValue { .object(["code": .string(code), "name": .string(name)]) }

    /// `json`'s bytes, written directly (see `JSONObjectWriter`).
    func writeJSON(into out: inout [UInt8], indent: Int) {
        var o = JSONObjectWriter(opening: &out, indent: indent)
        o.key("code", into: &out); JSONWriter.writeString(code, into: &out)
        o.key("name", into: &out); JSONWriter.writeString(name, into: &out)
        o.close(into: &out)
    }
}

/// A calendar date without a time zone: nothing here may depend on the clock or TZ.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Listings and notes speak of modern local self-government: a year before 1950 or after
    /// 2100 is a typing error, not a date.
    public static let plausibleYears = 1950...2100
    public var isPlausible: Bool { Day.plausibleYears.contains(year) }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// "2020-11-25". Written into ten bytes directly: ids, the duplicate merge and the JSON
    /// writer ask for it for every event.
    public var description: String {
        guard fitsTenBytes else {
            func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { b in
            writeDigits(b.baseAddress!)
            return 10
        }
    }

    /// A record's date field: `description` as a JSON string, or null.
    static func writeJSON(_ d: Day?, into out: inout [UInt8]) {
        guard let d else { out.append(contentsOf: "null".utf8); return }
        // `description` never needs escapes: digits and hyphens.
        out.append(UInt8(ascii: "\""))
        d.put(into: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The bytes of `description` into a hash, without making the string: an event's id
    /// hashes its start date.
    func put<S: ByteSink>(into sink: inout S) {
        guard fitsTenBytes else {
            for b in description.utf8 { sink.put(b) }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
            writeDigits(b.baseAddress!)
            for k in 0..<10 { sink.put(b[k]) }
        }
    }

    /// Whether the parts fit "YYYY-MM-DD" (a `Day` made by `init?` always does).
    private var fitsTenBytes: Bool { (0...9999).contains(year) && (0...99).contains(month) && (0...99).contains(day) }

    /// "YYYY-MM-DD" into ten bytes, for a day whose parts fit.
    @inline(__always)
    private func writeDigits(_ b: UnsafeMutablePointer<UInt8>) {
        let y = year, m = month, d = day
        b[0] = UInt8(48 + y / 1000); b[1] = UInt8(48 + y / 100 % 10); b[2] = UInt8(48 + y / 10 % 10); b[3] = UInt8(48 + y % 10)
        b[4] = 0x2D
        b[5] = UInt8(48 + m / 10); b[6] = UInt8(48 + m % 10)
        b[7] = 0x2D
        b[8] = UInt8(48 + d / 10); b[9] = UInt8(48 + d % 10)
    }

    /// The UTC calendar day of a Unix time (days-from-civil inverted, H. Hinnant's algorithm):
    /// no Foundation, no time zone, no locale.
    public init?(unixTime: Int64) {
        let z = unixTime / 86_400 + 719_468 - (unixTime < 0 && unixTime % 86_400 != 0 ? 1 : 0)
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: Int(y), month: Int(m), day: Int(d))
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let p = iso.split(separator: "-")
        guard p.count == 3, p[0].count == 4, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

/// Where a record was read from.
public struct SourceSpan: Hashable, Sendable {
    public var file: String
    public var line: Int
    public var endLine: Int?
}

/// One entry of an event listing.
///
/// The fields that come from the place line (location, municipality and its type, region,
/// federal district) and those that come from the title's words (kind, topics) are held by
/// one reference each (`EventPlace`, `EventClass`), which the listing parser makes once per
/// distinct place line and title and hands to every entry that has them. As separate fields,
/// an event took eleven reference counts to make and eleven to destroy (a listing's `check`
/// makes every event and drops it once its keys are taken); now five. The fields read and
/// write as before; setting one makes its holder anew (nothing in the tool sets them).
public struct Event: Hashable, Sendable {
    public var id: String
    public var source: SourceSpan
    public var title: String
    public var start: Day?
    public var end: Day?
    var place: EventPlace
    var classification: EventClass

    public var location: String? {
        get { place.location }
        set { place = place.with { $0.location = newValue } }
    }
    public var municipality: String? {
        get { place.municipality }
        set { place = place.with { $0.municipality = newValue } }
    }
    public var municipalityType: String? {
        get { place.municipalityType }
        set { place = place.with { $0.municipalityType = newValue } }
    }
    public var region: RegionRef? {
        get { place.region }
        set { place = place.with { $0.region = newValue } }
    }
    public var federalDistrict: String? {
        get { place.federalDistrict }
        set { place = place.with { $0.federalDistrict = newValue } }
    }
    public var kind: String? {
        get { classification.kind }
        set { classification = EventClass(kind: newValue, topics: classification.topics) }
    }
    public var topics: [String] {
        get { classification.topics }
        set { classification = EventClass(kind: classification.kind, topics: newValue) }
    }

    public init(id: String, source: SourceSpan, title: String, location: String?, municipality: String?, municipalityType: String?,
                region: RegionRef?, federalDistrict: String?, start: Day?, end: Day?, kind: String?, topics: [String]) {
        self.init(id: id, source: source, title: title,
                  place: EventPlace(location: location, municipality: municipality, municipalityType: municipalityType,
                                    region: region, federalDistrict: federalDistrict),
                  start: start, end: end, classification: EventClass(kind: kind, topics: topics))
    }

    /// With the place's and the title's fields in holders made before (shared by other events).
    init(id: String, source: SourceSpan, title: String, place: EventPlace, start: Day?, end: Day?, classification: EventClass) {
        self.id = id
        self.source = source
        self.title = title
        self.place = place
        self.start = start
        self.end = end
        self.classification = classification
    }

    /// The stable id: normalised title, place and start date, never the line number, so moving
    /// an entry or reflowing whitespace keeps it.
    public static func makeID(title: String, location: String?, start: Day?) -> String {
        keys(title: title, location: location, start: start).id
    }

    /// The duplicate merge's digest of the normalised title and place, before the dates. The
    /// listing parser makes it on the worker that parsed the file, so the merge, which runs
    /// on one thread for all files, only looks it up.
    static func mergeDigest(title: String, location: String?) -> Digest128 {
        keys(title: title, location: location, start: nil, id: false).merge
    }

    /// The id and the merge digest from one fold of title and place (`withKeyBytes`).
    static func keys(title: String, location: String?, start: Day?, id: Bool = true) -> (id: String, merge: Digest128) {
        keys(title: title, locationKey: Normalise.keyBytes(location ?? ""), start: start, id: id)
    }

    /// `keys(title:location:start:)` with the place's key folded before (`Normalise.keyBytes`;
    /// empty for no place).
    /// With `id: false`, the id is left empty: `check` merges by the digest alone and prints no id.
    static func keys(title: String, locationKey: [UInt8], start: Day?, id: Bool = true) -> (id: String, merge: Digest128) {
        title.withUTF8Bytes { keys(title: $0, locationKey: locationKey, start: start, id: id) }
    }

    /// `keys(title:locationKey:start:id:)` of a title's bytes (UTF-8).
    static func keys(title: UnsafeBufferPointer<UInt8>, locationKey: [UInt8], start: Day?, id: Bool = true) -> (id: String, merge: Digest128) {
        keys(title: title, locationKey: locationKey, place: placeDigest(locationKey: locationKey), start: start, id: id)
    }

    /// `keys(title:locationKey:start:id:)` with the place's digest (`placeDigest` of
    /// `locationKey`) made before: the listing parser keeps it with each place.
    static func keys(title: UnsafeBufferPointer<UInt8>, locationKey: [UInt8], place: Digest128.Value, start: Day?, id: Bool = true) -> (id: String, merge: Digest128) {
        Normalise.withKeyBytes(utf8: title, secondKey: locationKey) { k in
            // The title's key, then 0x1F, the place's key and 0x1F.
            let titleKey = UnsafeBufferPointer(rebasing: k[..<(k.count - locationKey.count - 2)])
            return (id ? StableHash.recordID("ev-", keys: k, start: start) : "", mergeDigest(titleKey: titleKey, place: place))
        }
    }

    /// The digest of a place's folded key (`Normalise.keyBytes`; empty for no place), which
    /// the merge digest takes whole: the parser keeps it with each place, so an entry hashes
    /// only its title and reads nothing of its place's facts but a value kept in its memo.
    static func placeDigest(locationKey: [UInt8]) -> Digest128.Value {
        locationKey.withUnsafeBytes { Digest128.of($0, seed: placeSeed) }
    }
    private static let placeSeed: UInt64 = 0x504C_4B59

    /// The merge digest of a title's folded key and a place's digest: the digest of the key
    /// with its digits read as "0" (`templateDigest`), then the key's digits
    /// (`Digest128.of(_:digitsOf:lanes:)`), hashed from the place's digest as its two lanes
    /// of seed, so that two titles or two places that differ start or go on apart. It is never
    /// shown, so unlike the id it need not be FNV-1a. The merge then adds the dates
    /// (`EventMerger.Keys`).
    ///
    /// In two parts because a title's digits are the digits of its key, in the same order
    /// (the fold keeps every ASCII digit and makes no digit of anything else), and titles
    /// repeat with other numbers ("Акция «Чистый город» №198", "…№245"): the listing parser
    /// keeps the first part by the title's memo key, which reads digits as "0"
    /// (`ListingParser.titleKey`), and makes only the second for each entry
    /// (`mergeDigest(template:digitsOf:place:)`), where folding and hashing each title took
    /// about a seventh of a listing's `check`.
    private static func mergeDigest(titleKey t: UnsafeBufferPointer<UInt8>, place p: Digest128.Value) -> Digest128 {
        mergeDigest(template: templateDigest(titleKey: t), digitsOf: t, place: p)
    }

    /// The first part of a merge digest: the title's folded key with its digits read as "0".
    static func templateDigest(titleKey t: UnsafeBufferPointer<UInt8>) -> Digest128.Value {
        Digest128.ofDigitsAsZero(UnsafeRawBufferPointer(t), seed: templateSeed)
    }
    private static let templateSeed: UInt64 = 0x5445_4D50

    /// `templateDigest` of a title's bytes (UTF-8), folded first.
    static func templateDigest(title: UnsafeBufferPointer<UInt8>) -> Digest128.Value {
        Normalise.withKeyBytes(utf8: title, secondKey: []) { k in templateDigest(titleKey: UnsafeBufferPointer(rebasing: k[..<(k.count - 2)])) }
    }

    /// `mergeDigest(template:digitsOf:place:)` with the title's digits gathered before.
    static func mergeDigest(template: Digest128.Value, digits: DigitPack, place p: Digest128.Value) -> Digest128 {
        Digest128(lanes: Digest128.of(template, digits: digits, lanes: Digest128.Value(a: p.a ^ mergeSeed, b: p.b)))
    }

    /// The merge digest of a title whose key's `templateDigest` is `template`, from the
    /// title's digits: `digits` is the title's bytes or its key (they have the same digits).
    static func mergeDigest(template: Digest128.Value, digitsOf digits: UnsafeBufferPointer<UInt8>, place p: Digest128.Value) -> Digest128 {
        Digest128(lanes: Digest128.of(template, digitsOf: UnsafeRawBufferPointer(digits), lanes: Digest128.Value(a: p.a ^ mergeSeed, b: p.b)))
    }
    private static let mergeSeed: UInt64 = 0x4D45_5247

    var json: JSONValue {
        .object([
            "id": .string(id),
            "source": .object(["file": .string(source.file), "line": .int(source.line)]),
            "title": .string(title),
            "location": .optional(location),
            "municipality": .optional(municipality),
            "municipalityType": .optional(municipalityType),
            "region": region?.json ?? .null,
            "federalDistrict": .optional(federalDistrict),
            "start": .optional(start?.description),
            "end": .optional(end?.description),
            "kind": .optional(kind),
            "topics": .array(topics.map(JSONValue.string)),
        ])
    }

    /// `json`'s bytes, written directly (see `JSONObjectWriter`): what records.json holds.
    func writeJSON(into out: inout [UInt8], indent: Int) {
        var o = JSONObjectWriter(opening: &out, indent: indent)
        o.key("end", into: &out); Day.writeJSON(end, into: &out)
        o.key("federalDistrict", into: &out); JSONWriter.writeOptional(federalDistrict, into: &out)
        o.key("id", into: &out); JSONWriter.writeString(id, into: &out)
        o.key("kind", into: &out); JSONWriter.writeOptional(kind, into: &out)
        o.key("location", into: &out); JSONWriter.writeOptional(location, into: &out)
        o.key("municipality", into: &out); JSONWriter.writeOptional(municipality, into: &out)
        o.key("municipalityType", into: &out); JSONWriter.writeOptional(municipalityType, into: &out)
        o.key("region", into: &out)
        if let region { region.writeJSON(into: &out, indent: o.fieldIndent) } else { out.append(contentsOf: "null".utf8) }
        o.key("source", into: &out)
        var s = JSONObjectWriter(opening: &out, indent: o.fieldIndent)
        s.key("file", into: &out); JSONWriter.writeString(source.file, into: &out)
        s.key("line", into: &out); JSONWriter.writeInt(source.line, into: &out)
        s.close(into: &out)
        o.key("start", into: &out); Day.writeJSON(start, into: &out)
        o.key("title", into: &out); JSONWriter.writeString(title, into: &out)
        o.key("topics", into: &out); JSONWriter.writeStrings(topics, indent: o.fieldIndent, into: &out)
        o.close(into: &out)
    }
}

/// Text normalisation for keys and ids: lower case, ё as е, quotes and punctuation dropped,
/// whitespace folded. Two spellings that differ only in these have the same key.
public enum Normalise {
    public static func key(_ s: String) -> String {
        return s.withUTF8Bytes { key(utf8: $0) }
    }

    /// On the bytes: ASCII and Cyrillic letters are lowered in place; any other scalar is
    /// decoded and asks the Unicode tables, as the tokenizer does.
    static func key(utf8 b: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        key(utf8: b, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The key's bytes into `sink` (a hash, say), without building the key.
    static func key<S: ByteSink>(_ s: String, into sink: inout S) {
        s.withUTF8Bytes { key(utf8: $0, into: &sink) }
    }

    /// Whether a scalar is a Russian letter: А-я, Ё, ё.
    @inline(__always)
    static func isRussianLetter(_ v: UInt32) -> Bool { (v >= 0x410 && v <= 0x44F) || v == 0x401 || v == 0x451 }

    /// A Russian letter lowered as the tokenizer lowers it: А-Я → а-я, Ё and ё → е.
    @inline(__always)
    static func lowerRussian(_ v: UInt32) -> UInt32 { v >= 0x410 && v <= 0x42F ? v + 32 : (v == 0x401 || v == 0x451) ? 0x435 : v }

    /// The lowered Russian letter whose two bytes open at `i`, or nil: the folds read these
    /// without decoding.
    @inline(__always)
    static func russianLetter(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32? {
        let c = b[i]
        guard (c == 0xD0 || c == 0xD1) && i + 1 < b.count && b[i + 1] & 0xC0 == 0x80 else { return nil }
        let v = (UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F)
        return isRussianLetter(v) ? lowerRussian(v) : nil
    }

    /// The bytes of a separator the folds skip without decoding at `i` (Latin-1 punctuation
    /// and NBSP but not ª µ º, general punctuation such as dashes and quotes, №), or 0.
    @inline(__always)
    static func separatorWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i], n = b.count
        if c == 0xC2 && i + 1 < n && b[i + 1] != 0xAA && b[i + 1] != 0xB5 && b[i + 1] != 0xBA { return 2 }
        if c == 0xE2 && i + 2 < n && (b[i + 1] == 0x80 || (b[i + 1] == 0x84 && b[i + 2] == 0x96)) { return 3 }
        return 0
    }

    @inline(__always)
    static func key<S: ByteSink>(utf8 b: UnsafeBufferPointer<UInt8>, into out: inout S) {
        var space = false
        var empty = true
        var i = 0
        let n = b.count
        @inline(__always) func gap() {
            if space && !empty { out.put(0x20) }
            space = false
            empty = false
        }
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) { gap(); out.put(c) }
                else if c >= 0x41 && c <= 0x5A { gap(); out.put(c + 32) }
                else { space = true }
                i += 1
                continue
            }
            if let w = russianLetter(b, at: i) {
                gap()
                out.put(UInt8(0xC0 | (w >> 6)))
                out.put(UInt8(0x80 | (w & 0x3F)))
                i += 2
                continue
            }
            let skip = separatorWidth(b, at: i)
            if skip > 0 { space = true; i += skip; continue }
            // Any other scalar: decode it (invalid bytes read as U+FFFD, as String does).
            var it = b[i...].makeIterator()
            var dec = Unicode.UTF8()
            var len = 1
            var scalar: Unicode.Scalar = "\u{FFFD}"
            if case .scalarValue(let u) = dec.decode(&it) { scalar = u; len = u.utf8.count }
            if Tokenizer.classify(scalar).letter {
                gap()
                var lowered: [UInt8] = []
                Tokenizer.appendLowerUTF8(scalar, to: &lowered)
                for x in lowered { out.put(x) }
            } else {
                space = true
            }
            i += len
        }
    }

    /// Whether `spaces` would leave the text as it is: single plain spaces between words,
    /// none at either end, no other whitespace (as `spaceWidth` defines it).
    @inline(__always)
    static func isFolded(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        var prevSpace = true
        // Eight bytes a step. Only a control byte or a byte that may open a wider space (C2,
        // E2, EF) can be whitespace other than a plain space: each such lane (most words have
        // none, a word with « or № one) is asked `spaceWidth`, where the word went through the
        // byte loop, a dozen instructions a byte. Plain spaces may not touch.
        if let base = b.baseAddress {
            // The checks of the word at `i` (its first byte after a space when `prevSpace`).
            @inline(__always) func wordIsFolded(at i: Int) -> Bool {
                let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                var odd = UTF8Bytes.lanes(w, below: 0x20)
                // C2 and E2 in one test: they are the bytes that OR 0x20 makes E2.
                if w & UTF8Bytes.lanesHigh != 0 {
                    odd |= UTF8Bytes.lanes(w | UTF8Bytes.lanes1 &* 0x20, equalTo: 0xE2) | UTF8Bytes.lanes(w, equalTo: 0xEF)
                }
                while odd != 0 {
                    if spaceWidth(b, at: i &+ odd.trailingZeroBitCount >> 3) > 0 { return false }
                    odd &= odd &- 1
                }
                let sp = UTF8Bytes.lanes(w, equalTo: 0x20)
                // Two spaces side by side, or a space right after one (or at the start).
                if sp & (sp << 8) != 0 || (prevSpace && sp & 0x80 != 0) { return false }
                prevSpace = sp >> 63 != 0
                return true
            }
            while i + 8 <= n {
                guard wordIsFolded(at: i) else { return false }
                i += 8
            }
            // The last bytes of a line of eight or more, as the last eight: the bytes checked
            // again pass again (each test is of a byte and the one before it; the first of
            // the eight and the one before it were both checked above), and the byte loop
            // below took a dozen instructions a byte.
            if i < n && n >= 8 {
                prevSpace = false
                guard wordIsFolded(at: n - 8) else { return false }
                i = n
            }
        }
        while i < n {
            let c = b[i]
            // Bytes that can't open whitespace, first: nearly all of them.
            if c > 0x20 && c != 0xC2 && c != 0xE2 && c != 0xEF { prevSpace = false; i += 1; continue }
            if spaceWidth(b, at: i) == 0 { prevSpace = false; i += 1; continue }
            // Whitespace: only one plain space after a non-space leaves the text as it is.
            if c != 0x20 || prevSpace { return false }
            prevSpace = true
            i += 1
        }
        return !prevSpace || n == 0
    }

    /// How many bytes of whitespace (as `spaces` sees it) open the line: where the folded
    /// text starts.
    static func leadingSpace(_ raw: UnsafeBufferPointer<UInt8>) -> Int {
        var k = 0
        while k < raw.count {
            let w = spaceWidth(raw, at: k)
            if w == 0 { break }
            k += w
        }
        return k
    }

    /// The bytes of the whitespace scalar at `i` that `spaces` folds (space, tab, line ends,
    /// no-break, thin and narrow no-break spaces, a BOM), or 0: the one definition the fold,
    /// its quick pass and the folded length share.
    @inline(__always)
    static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = b.count
        switch b[i] {
        case 0x20, 0x09, 0x0A, 0x0D: return 1
        case 0xC2 where i + 1 < n && b[i + 1] == 0xA0: return 2
        case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0x89 || b[i + 2] == 0xAF): return 3
        case 0xEF where i + 2 < n && b[i + 1] == 0xBB && b[i + 2] == 0xBF: return 3
        default: return 0
        }
    }

    /// How many scalars `spaces` would leave in the line, counted up to `limit`, without
    /// making the string; nil when the bytes are not valid UTF-8 (then `String` would repair
    /// them, and only it can say).
    static func foldedScalarCount(_ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
        let n = b.count
        var i = 0
        var count = 0
        var pending = false
        while i < n && count < limit {
            let c = b[i]
            let w = Normalise.spaceWidth(b, at: i)
            if w > 0 {
                if count > 0 { pending = true }
                i += w
                continue
            }
            // One scalar: check its bytes as UTF-8 does.
            var len = 1
            if c >= 0x80 {
                var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: len = 2
                case 0xE0: len = 3; lo = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: len = 3
                case 0xED: len = 3; hi = 0x9F
                case 0xF0: len = 4; lo = 0x90
                case 0xF1...0xF3: len = 4
                case 0xF4: len = 4; hi = 0x8F
                default: return nil
                }
                guard i + len <= n, b[i + 1] >= lo, b[i + 1] <= hi else { return nil }
                for k in 2..<max(2, len) where b[i + k] & 0xC0 != 0x80 { return nil }
            }
            if pending { count += 1; pending = false }
            count += 1
            i += len
        }
        return min(count, limit)
    }

    /// Whitespace folded to single spaces and trimmed (NBSP and tabs included).
    public static func spaces(_ s: String) -> String {
        // Most lines are already folded and need no copy: one quick pass says so.
        if s.withUTF8Bytes(Normalise.isFolded) { return s }
        return foldSpaces(s)
    }

    /// `spaces` without the quick pass: the words (runs of bytes that open no whitespace, as
    /// `spaceWidth` reads it) joined by single spaces, each word copied in one append.
    static func foldSpaces(_ s: String) -> String {
        s.withUTF8Bytes { b -> String in
            var out: [UInt8] = []
            foldSpaces(b, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `body` with the bytes `spaces` makes of `b`: `b` itself when it is folded already,
    /// else its fold in `buffer` (emptied; its capacity is kept from call to call). For
    /// callers that read many lines as bytes.
    @inline(__always)
    static func withFolded<R>(_ b: UnsafeBufferPointer<UInt8>, buffer: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if isFolded(b) { return body(b) }
        foldSpaces(b, into: &buffer)
        return buffer.withUnsafeBufferPointer(body)
    }

    /// `foldSpaces` of UTF-8 bytes, into `out` (emptied; its capacity is kept): for callers
    /// that read many lines as bytes and keep none.
    ///
    /// The fold never writes more bytes than it reads, so it writes into the array's memory,
    /// made `n` bytes long first: appended word by word, each word went through the generic
    /// append of a collection (about 90 instructions) and the array's uniqueness test.
    static func foldSpaces(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let n = b.count
        out.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        out.append(contentsOf: repeatElement(0, count: n))
        let k = out.withUnsafeMutableBufferPointer { o -> Int in
            let dst = o.baseAddress!
            var k = 0
            var i = 0
            while i < n {
                let w = Normalise.spaceWidth(b, at: i)
                if w > 0 { i += w; continue }
                let start = i
                i += 1
                while i < n && Normalise.spaceWidth(b, at: i) == 0 { i += 1 }
                if k > 0 { dst[k] = 0x20; k += 1 }
                (dst + k).update(from: b.baseAddress! + start, count: i - start)
                k += i - start
            }
            return k
        }
        out.removeLast(n - k)
    }
}
