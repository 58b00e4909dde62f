import OkmoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The table of listing-page lines that are not entries (`data/listing-boilerplate.tsv`),
/// matched on lower-cased UTF-8 bytes: every line of every listing passes through here. A
/// line is not lowered for it: each rule's text is compared with the line's bytes as they
/// lower (`UTF8Bytes.lowers`), so only the bytes a rule reaches are read.
struct ListingBoilerplate: Sendable {
    enum Role: String, Sendable { case owner, header, footer, heading, noise, datePrefix = "date-prefix", placePrefix = "place-prefix", prose, placeWord = "place-word" }
    enum Match: String, Sendable { case exact, prefix, contains, suffix, word, cprefix }
    /// A rule's text is `ruleBytes[start..<start + count]`: one flat array, so walking the rules
    /// for every line touches no reference counts. `firsts`: the bytes a line's scalar that
    /// lowers to the text's first scalar opens with (a contains-rule looks for them).
    struct Rule: Sendable {
        var role: Role; var match: Match; var start: Int; var count: Int
        var firsts: (UInt8, UInt8) = (0, 0)
    }
    var rules: [Rule] = []
    var ruleBytes: [UInt8] = []
    /// Words that make a line look like a place ("Street", "University", "Council").
    var placeWords = WordList([])

    /// The rules' indexes, made from them once: what each question below looks up. In one
    /// object, since the table is a value the parsers copy (the lexicons hold it), and each
    /// array of its own was a retain and a release at every copy.
    private let index: Index

    private final class Index: Sendable {
        /// Per first byte of a lower-cased line, the rules that can match it, in table order
        /// (the first match decides): exact and prefix rules that start with that byte, and
        /// every rule that can match anywhere (contains, suffix, case-sensitive prefix).
        let candidates: [[Int32]]
        let anywhere: [Int32]
        /// The icon alt-text rules (date and place prefixes) by their first byte, in table
        /// order: `strippedStart` asks every line, and only rules that start with the line's
        /// first byte can match at its start.
        let datePrefixes: [[Int32]]
        let placePrefixes: [[Int32]]
        /// The punctuation and spaces that open each owner rule's text ("» " of "» takes
        /// part in ..."), when every owner rule is a contains-rule that opens so
        /// (`ownerOpeningsServe`; see `mayBeOwner`).
        let ownerOpenings: [[UInt8]]
        let ownerOpeningsServe: Bool
        /// What `mayMatch` asks. Per opening of a lower-cased line (its first two bytes,
        /// `loweredOpening`), a bit: whether an exact or prefix rule opens so.
        let fixedOpenings: [UInt64]
        /// The exact and prefix rules, by the first byte of their text: `candidates` without
        /// the rules that match anywhere, which `mayMatch` asks apart (walking `candidates`
        /// there and skipping those cost 0.4% of a listing check).
        let fixedRules: [[Int32]]
        /// Per first byte of a line as written, whether a case-sensitive prefix rule opens with it.
        let casePrefixFirsts: [Bool]
        /// The suffix rules, by the last byte of their text when it is ASCII (a line ends
        /// with the same byte lowered), and those whose text ends past ASCII.
        let suffixRules: [[Int32]]
        let suffixRulesPastASCII: [Int32]
        /// Per byte, bit 0: whether a suffix rule ends with it (ASCII), bit 1: whether a date
        /// prefix opens with it, bit 2: whether a place prefix does. Asked before the bucket
        /// is taken out of its array of arrays (a retain and a release), nearly always of a
        /// byte no rule has there.
        let byteRoles: [UInt8]
        /// The contains rules, in table order.
        let containsRules: [Int32]
        /// The starts a date line may have (`ListingParser.dateLineStarts`).
        let dateStarts: DateLineStarts
        /// The rules whose texts have an ASCII digit ("12 stars"), of every role but place
        /// words: the only rules whose answer may change when a line's digits do
        /// (`digitRulesMayMatch`).
        let digitRules: [Int32]
        /// Whether no date-line start has an ASCII digit (`screensByTemplate`).
        let startsWithoutDigits: Bool

        init(rules: [Rule], ruleBytes: [UInt8]) {
            var datePrefixes = [[Int32]](repeating: [], count: 256), placePrefixes = [[Int32]](repeating: [], count: 256)
            for (k, r) in rules.enumerated() {
                if r.role == .datePrefix { datePrefixes[Int(ruleBytes[r.start])].append(Int32(k)) }
                if r.role == .placePrefix { placePrefixes[Int(ruleBytes[r.start])].append(Int32(k)) }
            }
            self.datePrefixes = datePrefixes
            self.placePrefixes = placePrefixes
            // The owner rules' openings, when each has one.
            var openings: [[UInt8]] = [], serve = true
            for r in rules where r.role == .owner {
                let text = Array(ruleBytes[r.start..<(r.start + r.count)])
                var n = 0
                for u in String(decoding: text, as: UTF8.self).unicodeScalars {
                    let v = u.value
                    // Below U+00C0 or general punctuation, and no letter: no scalar lowers to
                    // these, and they lower to themselves.
                    let stable = (v < 0xC0 || v >= 0x2000 && v <= 0x206F) && !Tokenizer.classify(u).letter
                    guard stable else { break }
                    n += String(u).utf8.count
                }
                guard r.match == .contains, n > 0 else { openings = []; serve = false; break }
                openings.append(Array(text[0..<n]))
            }
            ownerOpenings = openings
            ownerOpeningsServe = serve
            var candidates = [[Int32]](repeating: [], count: 256), anywhere: [Int32] = []
            var fixedOpenings = [UInt64](repeating: 0, count: 1024), fixedRules = [[Int32]](repeating: [], count: 256)
            var casePrefixFirsts = [Bool](repeating: false, count: 256)
            var suffixRules = [[Int32]](repeating: [], count: 128), suffixRulesPastASCII: [Int32] = []
            var containsRules: [Int32] = []
            for (k, r) in rules.enumerated() where r.role != .datePrefix && r.role != .placePrefix {
                let first = Int(ruleBytes[r.start]), last = ruleBytes[r.start + r.count - 1]
                switch r.match {
                case .exact, .prefix:
                    candidates[first].append(Int32(k))
                    // A rule of one byte opens every line whose lowered first byte is its byte.
                    let seconds = r.count >= 2 ? Int(ruleBytes[r.start + 1])...Int(ruleBytes[r.start + 1]) : 0...255
                    for second in seconds { fixedOpenings[(first << 8 | second) >> 6] |= 1 << UInt64((first << 8 | second) & 63) }
                    fixedRules[first].append(Int32(k))
                case .contains, .suffix, .cprefix:
                    anywhere.append(Int32(k))
                    for b in 0..<256 { candidates[b].append(Int32(k)) }
                    if r.match == .cprefix { casePrefixFirsts[first] = true }
                    if r.match == .contains { containsRules.append(Int32(k)) }
                    if r.match == .suffix { if last < 0x80 { suffixRules[Int(last)].append(Int32(k)) } else { suffixRulesPastASCII.append(Int32(k)) } }
                case .word:
                    break
                }
            }
            self.candidates = candidates
            self.anywhere = anywhere
            self.fixedOpenings = fixedOpenings
            self.fixedRules = fixedRules
            self.casePrefixFirsts = casePrefixFirsts
            self.suffixRules = suffixRules
            self.suffixRulesPastASCII = suffixRulesPastASCII
            var byteRoles = [UInt8](repeating: 0, count: 256)
            for b in 0..<256 {
                if b < 0x80 && !suffixRules[b].isEmpty { byteRoles[b] |= 1 }
                if !datePrefixes[b].isEmpty { byteRoles[b] |= 2 }
                if !placePrefixes[b].isEmpty { byteRoles[b] |= 4 }
            }
            self.byteRoles = byteRoles
            self.containsRules = containsRules
            let datePrefixTexts = rules.filter { $0.role == .datePrefix }.map { Array(ruleBytes[$0.start..<($0.start + $0.count)]) }
            dateStarts = DateLineStarts(ListingParser.dateLineStarts(datePrefixes: datePrefixTexts))
            func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
            startsWithoutDigits = !dateStarts.all.contains { $0.contains(where: isDigit) }
            digitRules = rules.indices.filter { k in
                rules[k].match != .word && ruleBytes[rules[k].start..<(rules[k].start + rules[k].count)].contains(where: isDigit)
            }.map(Int32.init)
        }
    }

    /// The starts a date line may have (`ListingParser.dateLineStarts`), made once with the
    /// table for the parsers' quick refusal of lines that can't be date lines.
    var dateStarts: DateLineStarts { index.dateStarts }

    /// Whether any rule whose text has an ASCII digit may match the line (each asked as
    /// `role(of:)` asks a rule; a date or place prefix as a prefix). The other rules, and the
    /// date-line starts when none has a digit, answer alike for lines that differ only in
    /// their digits: a digit of the line never lowers to a letter or mark of theirs.
    ///
    /// Then whether a line may start a date line (`ListingParser.mayBeDateLine`) and match a
    /// rule (`mayMatch`, `strippedStart`) are the same for every line of the same template
    /// (its digits read as "0"), the digit rules aside (`screensByTemplate`).
    var screensByTemplate: Bool { index.startsWithoutDigits }

    func digitRulesMayMatch(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        let digitRules = index.digitRules
        if digitRules.isEmpty { return false }
        return ruleBytes.withUnsafeBufferPointer { t in
            rules.withUnsafeBufferPointer { rules in digitRules.contains { hits(rules[Int($0)], raw, t) } }
        }
    }

    init(tsv: String) {
        for (_, r) in TSVTable(path: "listing-boilerplate.tsv", text: tsv).records {
            guard let role = Role(rawValue: r["role"] ?? ""), let m = Match(rawValue: r["match"] ?? ""), let t = r["text"], !t.isEmpty else { continue }
            if role == .placeWord { placeWords.insert(t.lowercased()); continue }
            let text = Array((m == .cprefix ? t : t.lowercased()).utf8)
            // Only a contains-rule looks for where its text may open.
            rules.append(Rule(role: role, match: m, start: ruleBytes.count, count: text.count,
                              firsts: m == .contains ? ListingBoilerplate.firsts(of: text) : (0, 0)))
            ruleBytes.append(contentsOf: text)
        }
        index = Index(rules: rules, ruleBytes: ruleBytes)
    }

    /// False when no rule `role(of:)` asks can match the line: its first byte opens no
    /// case-sensitive prefix, no suffix rule of its last byte lowered matches it, no exact
    /// or prefix rule of its lowered opening matches it, and no contains rule occurs in it.
    /// True may be wrong only for a line of one byte, or one that opens with a case-sensitive
    /// prefix's first byte (the rest of such a rule is not compared); false never is, whatever
    /// the line's bytes (the other rules that may match are compared). The parser asks it of
    /// each title before reading it (`ListingParser.readsAsPlainText`): `role(of:)` walks
    /// every rule that can match anywhere with a test each, where nearly every title is
    /// refused by three table look-ups (its first byte, its lowered opening, its last byte)
    /// and the contains rules' scans.
    func mayMatch(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = raw.count
        if n == 0 { return false }
        if n < 2 { return true }
        let f = index
        if f.casePrefixFirsts[Int(raw[0])] { return true }
        let opening = Int(ListingBoilerplate.loweredOpening(raw))
        let fixedMay = f.fixedOpenings[opening >> 6] & 1 << UInt64(opening & 63) != 0
        return ruleBytes.withUnsafeBufferPointer { t in
            rules.withUnsafeBufferPointer { rules in
                // A suffix rule whose text ends with an ASCII byte is compared only with a
                // line whose last byte lowers to it (a byte past ASCII lowers to none).
                func endsWith(_ k: Int32) -> Bool { matches(rules[Int(k)], raw, at: n - rules[Int(k)].count, t) }
                let last = UTF8Bytes.lowerASCII(raw[n - 1])
                if f.byteRoles[Int(last)] & 1 != 0 && f.suffixRules[Int(last)].contains(where: endsWith) { return true }
                if !f.suffixRulesPastASCII.isEmpty && f.suffixRulesPastASCII.contains(where: endsWith) { return true }
                // A line that opens as a fixed rule does ("Action" as "activities to ..."):
                // those rules are compared.
                if fixedMay, f.fixedRules[opening >> 8].contains(where: { k in
                    let r = rules[Int(k)]
                    return (r.match == .prefix || raw.count == r.count) && matches(r, raw, at: 0, t)
                }) { return true }
                return f.containsRules.contains { occurs(rules[Int($0)], in: raw, t) }
            }
        }
    }

    /// The first two bytes of a line of at least two bytes, lowered as `UTF8Bytes.lowers`
    /// compares a text at its start (high byte first): an ASCII byte lowered and the next
    /// scalar's first byte lowered, or a two-byte scalar lowered (`lowerPair`), or the bytes
    /// of a longer scalar as they are. Bytes that are not UTF-8 are read as `lowers` reads
    /// them, so a prefix rule that matches a line opens as the line does.
    static func loweredOpening(_ raw: UnsafeBufferPointer<UInt8>) -> UInt16 {
        let c = raw[0], d = raw[1]
        if c < 0x80 {
            let second: UInt8
            if d < 0x80 {
                second = UTF8Bytes.lowerASCII(d)
            } else {
                second = d < 0xE0 && raw.count > 2 ? UTF8Bytes.lowerPair(d, raw[2]).0 : d
            }
            return UInt16(UTF8Bytes.lowerASCII(c)) << 8 | UInt16(second)
        }
        if c >= 0xE0 { return UInt16(c) << 8 | UInt16(d) }
        let (x, y) = UTF8Bytes.lowerPair(c, d)
        return UInt16(x) << 8 | UInt16(y)
    }

    /// The bytes a scalar that lowers (`UTF8Bytes.lowerInPlace`) to the first scalar of
    /// `text` can open with: the letter's two cases for ASCII, and for a two-byte scalar the
    /// leads of every two-byte scalar that lowers to it (Р-Я open with D0 and lower to D1),
    /// found by lowering each in turn.
    static func firsts(of text: [UInt8]) -> (UInt8, UInt8) {
        guard let c = text.first else { return (0, 0) }
        if c < 0x80 { return c >= 0x61 && c <= 0x7A ? (c, c - 32) : (c, c) }
        guard c < 0xE0, text.count >= 2 else { return (c, c) }
        var other = c
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2) { pair in
            for v in 0x80..<0x800 {
                pair[0] = UInt8(0xC0 | v >> 6)
                pair[1] = UInt8(0x80 | v & 0x3F)
                let lead = pair[0]
                _ = UTF8Bytes.lowerScalar(pair, at: 0)
                if pair[0] == c && pair[1] == text[1] && lead != c {
                    precondition(other == c || other == lead, "a scalar lowered from more than two lead bytes")
                    other = lead
                }
            }
        }
        return (c, other)
    }

    /// False when no owner rule can match the line (as written, not lowered): a line the
    /// rules call the partner's own names it in « » and then its rule's opening, which
    /// lowering leaves as it is. Listing detection asks it of every line with a « (most are
    /// notes' quotes) before lowering the whole line for the rules.
    func mayBeOwner(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index.ownerOpeningsServe else { return true }
        return index.ownerOpenings.contains { o in o.withUnsafeBufferPointer { UTF8Bytes.occurs($0, in: raw) } }
    }

    /// Whether `raw` lowered has rule `r`'s text at `offset`.
    @inline(__always)
    private func matches(_ r: Rule, _ raw: UnsafeBufferPointer<UInt8>, at offset: Int, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.lowers(raw, at: offset, to: text(r, t))
    }

    /// Whether rule `r`'s text occurs in `raw` lowered: each byte its match can open with
    /// (`Rule.firsts`) found with `memchr`, many bytes a step, and the text compared there.
    /// An empty rule occurs nowhere.
    @inline(__always)
    private func occurs(_ r: Rule, in raw: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard r.count > 0, r.count <= raw.count, let base = raw.baseAddress else { return false }
        let needle = text(r, t), last = raw.count - r.count
        func found(opening f: UInt8) -> Bool {
            var i = 0
            while i <= last, let hit = memchr(base + i, Int32(f), last - i + 1) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if UTF8Bytes.lowers(raw, at: i, to: needle) { return true }
                i += 1
            }
            return false
        }
        return found(opening: r.firsts.0) || r.firsts.1 != r.firsts.0 && found(opening: r.firsts.1)
    }

    /// Rule `r`'s text in `t` (`ruleBytes`).
    @inline(__always)
    private func text(_ r: Rule, _ t: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: t.baseAddress! + r.start, count: r.count)
    }

    /// The rule texts of `role` (lower-cased, as the rules are).
    func texts(of role: Role) -> [[UInt8]] {
        rules.filter { $0.role == role }.map { Array(ruleBytes[$0.start..<($0.start + $0.count)]) }
    }

    /// The role of a whole line, if a rule matches it.
    func role(of line: String) -> Role? { line.withUTF8Bytes { role(of: $0) } }

    /// `role(of:)` of a line's bytes (not lowered: see the type's note).
    func role(of raw: UnsafeBufferPointer<UInt8>) -> Role? {
        ruleBytes.withUnsafeBufferPointer { t in
            rules.withUnsafeBufferPointer { rules in
                for k in (UTF8Bytes.loweredFirstByte(raw).map { index.candidates[Int($0)] } ?? index.anywhere) {
                    let r = rules[Int(k)]
                    if hits(r, raw, t) { return r.role }
                }
                return nil
            }
        }
    }

    /// Whether rule `r` matches the line, by its kind of match.
    @inline(__always)
    private func hits(_ r: Rule, _ raw: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        switch r.match {
        // Lowering keeps each scalar's length: the lowered line is as long as the line.
        case .exact: return raw.count == r.count && matches(r, raw, at: 0, t)
        case .prefix: return matches(r, raw, at: 0, t)
        case .cprefix: return UTF8Bytes.has(text(r, t), in: raw, at: 0)
        case .suffix: return matches(r, raw, at: raw.count - r.count, t)
        case .contains: return occurs(r, in: raw, t)
        case .word: return false
        }
    }

    /// Where the line's text starts after an icon's alt text of `role` ("boussole Kharkiv" →
    /// the offset of "Kharkiv"), if it has one.
    func strippedStart(_ role: Role, of line: String) -> Int? { line.withUTF8Bytes { strippedStart(role, of: $0) } }

    /// `strippedStart(_:of:)` of a line's bytes.
    func strippedStart(_ role: Role, of raw: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = UTF8Bytes.loweredFirstByte(raw) else { return nil }
        let candidates: [Int32]
        switch role {
        case .datePrefix:
            guard index.byteRoles[Int(first)] & 2 != 0 else { return nil }
            candidates = index.datePrefixes[Int(first)]
        case .placePrefix:
            guard index.byteRoles[Int(first)] & 4 != 0 else { return nil }
            candidates = index.placePrefixes[Int(first)]
        default: candidates = rules.indices.filter { rules[$0].role == role }.map(Int32.init)
        }
        if candidates.isEmpty { return nil }
        return ruleBytes.withUnsafeBufferPointer { t in
            rules.withUnsafeBufferPointer { rules in
                for k in candidates {
                    let r = rules[Int(k)]
                    guard matches(r, raw, at: 0, t) else { continue }
                    var k = r.count
                    guard k < raw.count, raw[k] == 0x20 || raw[k] == UInt8(ascii: ":") || (raw[k] == 0xC2 && k + 1 < raw.count && raw[k + 1] == 0xA0) else { continue }
                    while k < raw.count, raw[k] == 0x20 || raw[k] == UInt8(ascii: ":") || raw[k] == 0xC2 || raw[k] == 0xA0 { k += 1 }
                    return k
                }
                return nil
            }
        }
    }

    /// The partner's name on its owner line: "« Kharkiv » takes part in ..." → "Kharkiv".
    static func ownerName(in line: String) -> String? {
        guard let open = line.firstIndex(of: "«"), let close = line.firstIndex(of: "»"), open < close else { return nil }
        return Normalise.spaces(String(line[line.index(after: open)..<close]))
    }
}
