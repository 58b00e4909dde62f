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

    /// Per first byte of a lower-cased line, the rules that can match it, in table order
    /// (the first match decides): exact and prefix rules that start with that byte, and every
    /// rule that can match anywhere (contains, suffix, case-sensitive prefix).
    private var candidates: [[Int32]] = Array(repeating: [], count: 256)
    private var anywhere: [Int32] = []
    /// The icon alt-text rules (date and place prefixes) by their first byte, in table order:
    /// `strippedStart` asks every line, and only rules that start with the line's first byte
    /// can match at its start.
    private var datePrefixes: [[Int32]] = Array(repeating: [], count: 256)
    private var placePrefixes: [[Int32]] = Array(repeating: [], count: 256)

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
        for (k, r) in rules.enumerated() {
            if r.role == .datePrefix { datePrefixes[Int(ruleBytes[r.start])].append(Int32(k)) }
            if r.role == .placePrefix { placePrefixes[Int(ruleBytes[r.start])].append(Int32(k)) }
        }
        // The owner rules' openings, when each has one (see `mayBeOwner`).
        var openings: [[UInt8]] = []
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
            guard r.match == .contains, n > 0 else { openings = []; ownerOpeningsServe = false; break }
            openings.append(Array(text[0..<n]))
        }
        ownerOpenings = openings
        for (k, r) in rules.enumerated() where r.role != .datePrefix && r.role != .placePrefix {
            switch r.match {
            case .exact, .prefix:
                candidates[Int(ruleBytes[r.start])].append(Int32(k))
            case .contains, .suffix, .cprefix:
                anywhere.append(Int32(k))
                for b in 0..<256 { candidates[b].append(Int32(k)) }
            case .word:
                break
            }
        }
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

    /// The punctuation and spaces that open each owner rule's text ("» " of "» takes part in
    /// ..."), when every owner rule is a contains-rule that opens so.
    private var ownerOpenings: [[UInt8]] = []
    private var ownerOpeningsServe = true

    /// False when no owner rule can match the line (as written, not lowered): a line the
    /// rules call the partner's own names it in « » and then its rule's opening, which
    /// lowering leaves as it is. Listing detection asks it of every line with a « (most are
    /// notes' quotes) before lowering the whole line for the rules.
    func mayBeOwner(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ownerOpeningsServe else { return true }
        return ownerOpenings.contains { o in o.withUnsafeBufferPointer { UTF8Bytes.occurs($0, in: raw) } }
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
                for k in (UTF8Bytes.loweredFirstByte(raw).map { candidates[Int($0)] } ?? anywhere) {
                    let r = rules[Int(k)]
                    let hit: Bool
                    switch r.match {
                    // Lowering keeps each scalar's length: the lowered line is as long as the line.
                    case .exact: hit = raw.count == r.count && matches(r, raw, at: 0, t)
                    case .prefix: hit = matches(r, raw, at: 0, t)
                    case .cprefix: hit = UTF8Bytes.has(text(r, t), in: raw, at: 0)
                    case .suffix: hit = matches(r, raw, at: raw.count - r.count, t)
                    case .contains: hit = occurs(r, in: raw, t)
                    case .word: hit = false
                    }
                    if hit { return r.role }
                }
                return nil
            }
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
        case .datePrefix: candidates = datePrefixes[Int(first)]
        case .placePrefix: candidates = placePrefixes[Int(first)]
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
