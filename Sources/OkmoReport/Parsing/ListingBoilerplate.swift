import OkmoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The table of listing-page lines that are not entries (`data/listing-boilerplate.tsv`),
/// matched on lower-cased UTF-8 bytes: every line of every listing passes through here.
struct ListingBoilerplate: Sendable {
    enum Role: String, Sendable { case owner, header, footer, heading, noise, datePrefix = "date-prefix", placePrefix = "place-prefix", prose, placeWord = "place-word" }
    enum Match: String, Sendable { case exact, prefix, contains, suffix, word, cprefix }
    /// A rule's text is `ruleBytes[start..<start + count]`: one flat array, so walking the rules
    /// for every line touches no reference counts.
    struct Rule: Sendable { var role: Role; var match: Match; var start: Int; var count: Int }
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
            rules.append(Rule(role: role, match: m, start: ruleBytes.count, count: text.count))
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

    /// Whether `s` has rule `r`'s text at `offset`.
    @inline(__always)
    private func matches(_ r: Rule, _ s: UnsafeBufferPointer<UInt8>, at offset: Int, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.has(text(r, t), in: s, at: offset)
    }

    /// Whether rule `r`'s text occurs in `s` (`UTF8Bytes.occurs`: its first byte found with
    /// `memchr`, many bytes a step). An empty rule occurs nowhere.
    @inline(__always)
    private func occurs(_ r: Rule, in s: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        r.count > 0 && UTF8Bytes.occurs(text(r, t), in: s)
    }

    /// Rule `r`'s text in `t` (`ruleBytes`).
    @inline(__always)
    private func text(_ r: Rule, _ t: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: t.baseAddress! + r.start, count: r.count)
    }

    /// A line's bytes as written and lower-cased, made once per line and handed to every rule.
    ///
    /// Both in one array, the line and then its lowered bytes: one allocation a line, where
    /// two arrays were two (every distinct line of a listing is read).
    struct Bytes {
        private let storage: [UInt8]
        private let split: Int, end: Int
        /// The bytes as written; indices from 0.
        var raw: ArraySlice<UInt8> { storage[..<split] }
        var lower: ArraySlice<UInt8> { storage[split..<end] }

        /// The bytes of `b`, then its first `n` bytes lowered, in `storage` (its capacity and
        /// its length kept: `end` says where the lowered bytes end).
        ///
        /// The storage only grows, past the longest line read so far, and the bytes are
        /// copied into its memory: two appends of a collection and a reservation cost about
        /// 500 instructions a line, for every line a listing reads, and a storage cut to each
        /// line's length grew again at every longer line.
        private init(_ b: UnsafeBufferPointer<UInt8>, lowering n: Int, storage taken: consuming [UInt8] = []) {
            var s = consume taken
            let total = b.count + n
            if s.count < total { s.append(contentsOf: repeatElement(0, count: total - s.count)) }
            if total > 0 {
                s.withUnsafeMutableBufferPointer { out in
                    let base = out.baseAddress!, from = b.baseAddress!
                    base.update(from: from, count: b.count)
                    (base + b.count).update(from: from, count: n)
                    UTF8Bytes.lowerInPlace(UnsafeMutableBufferPointer(start: base + b.count, count: n))
                }
            }
            storage = s
            split = b.count
            end = total
        }
        init(_ raw: [UInt8]) { self = raw.withUnsafeBufferPointer { Bytes($0) } }
        init(_ raw: UnsafeBufferPointer<UInt8>) { self.init(raw, lowering: raw.count) }
        init(_ line: String) { self = line.withUTF8Bytes { Bytes($0, lowering: $0.count) } }
        /// `init(_:)` in the storage of `buffer`, which it empties: a parser reads each
        /// distinct line of a listing so, and an array a line was a third of the allocations
        /// of a listing's parse. The buffer goes back with `recycle`.
        init(_ line: String, reusing buffer: inout [UInt8]) {
            self = line.withUTF8Bytes { Bytes($0, reusing: &buffer) }
        }
        /// `init(_:reusing:)` of a line's bytes.
        init(_ line: UnsafeBufferPointer<UInt8>, reusing buffer: inout [UInt8]) {
            // Taken out of `buffer` here, so that the storage is held once and reused.
            var taken: [UInt8] = []
            swap(&taken, &buffer)
            self.init(line, lowering: line.count, storage: consume taken)
        }
        /// The storage, for the next `init(_:reusing:)`.
        consuming func recycle() -> [UInt8] { storage }
        /// Only the first `count` bytes lowered (and a few more, so no letter is cut): enough
        /// for `strippedStart`, which compares prefixes, when `count` is `longestPrefix`.
        init(_ raw: [UInt8], lowerPrefix count: Int) {
            self = raw.withUnsafeBufferPointer { Bytes($0, lowerPrefix: count) }
        }
        init(_ raw: UnsafeBufferPointer<UInt8>, lowerPrefix count: Int) { self.init(raw, lowering: min(raw.count, count + 4)) }
    }

    /// The rule texts of `role` (lower-cased, as the rules are).
    func texts(of role: Role) -> [[UInt8]] {
        rules.filter { $0.role == role }.map { Array(ruleBytes[$0.start..<($0.start + $0.count)]) }
    }

    /// The longest rule text: a prefix of a line this long decides every prefix rule.
    var longestPrefix: Int { rules.reduce(0) { max($0, $1.count) } }

    /// The role of a whole line, if a rule matches it.
    func role(of b: Bytes) -> Role? {
        b.raw.withUnsafeBufferPointer { raw in
            b.lower.withUnsafeBufferPointer { l in
                ruleBytes.withUnsafeBufferPointer { t in
                    rules.withUnsafeBufferPointer { rules in
                        for k in (l.isEmpty ? anywhere : candidates[Int(l[0])]) {
                            let r = rules[Int(k)]
                            let hit: Bool
                            switch r.match {
                            case .exact: hit = l.count == r.count && matches(r, l, at: 0, t)
                            case .prefix: hit = matches(r, l, at: 0, t)
                            case .cprefix: hit = matches(r, raw, at: 0, t)
                            case .suffix: hit = matches(r, l, at: l.count - r.count, t)
                            case .contains: hit = occurs(r, in: l, t)
                            case .word: hit = false
                            }
                            if hit { return r.role }
                        }
                        return nil
                    }
                }
            }
        }
    }

    /// Where the line's text starts after an icon's alt text of `role` ("boussole Kharkiv" →
    /// the offset of "Kharkiv"), if it has one.
    func strippedStart(_ role: Role, of b: Bytes) -> Int? {
        guard let first = b.lower.first else { return nil }
        let candidates: [Int32]
        switch role {
        case .datePrefix: candidates = datePrefixes[Int(first)]
        case .placePrefix: candidates = placePrefixes[Int(first)]
        default: candidates = rules.indices.filter { rules[$0].role == role }.map(Int32.init)
        }
        if candidates.isEmpty { return nil }
        return b.raw.withUnsafeBufferPointer { raw in
            b.lower.withUnsafeBufferPointer { l in
                ruleBytes.withUnsafeBufferPointer { t in
                    rules.withUnsafeBufferPointer { rules in
                        for k in candidates {
                            let r = rules[Int(k)]
                            guard matches(r, l, at: 0, t) else { continue }
                            var k = r.count
                            guard k < raw.count, raw[k] == 0x20 || raw[k] == UInt8(ascii: ":") || (raw[k] == 0xC2 && k + 1 < raw.count && raw[k + 1] == 0xA0) else { continue }
                            while k < raw.count, raw[k] == 0x20 || raw[k] == UInt8(ascii: ":") || raw[k] == 0xC2 || raw[k] == 0xA0 { k += 1 }
                            return k
                        }
                        return nil
                    }
                }
            }
        }
    }

    /// The partner's name on its owner line: "« Kharkiv » takes part in ..." → "Kharkiv".
    static func ownerName(in line: String) -> String? {
        guard let open = line.firstIndex(of: "«"), let close = line.firstIndex(of: "»"), open < close else { return nil }
        return Normalise.spaces(String(line[line.index(after: open)..<close]))
    }
}
