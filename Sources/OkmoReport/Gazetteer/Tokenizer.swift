import OkmoCore

/// A word or a punctuation mark of a line, normalised for matching: lower case, ё as е.
///
/// Plain data (see `NormBytes`): arrays of tokens are copied and freed as memory.
struct WordToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable { case word, number, punct }
    // The fields are laid out so that a token takes 72 bytes: the norm's 36, the four small
    // fields in the 4 bytes that would pad it to a word, the offsets (32 bits each), the keys.
    // A notes document's tokens are all held until its meetings are read: a token of 80
    // bytes (with offsets of 64 bits) took the 100 MB build's peak memory from 1.86 to 1.92
    // times its input.
    /// The norm's bytes; `norm` is them as a string.
    var normBytes: NormBytes
    var kind: Kind
    var capitalized: Bool
    var allCaps: Bool
    /// The token is glued to the previous one by a hyphen ("Ханты-Мансийский").
    var hyphenBefore: Bool
    private var start32: UInt32, end32: UInt32
    /// Offsets in Unicode scalars of the original text, for slicing out what was written.
    /// Kept in 32 bits: past 2³² − 1 scalars of one text (16 GB of them), offsets stay at
    /// that number, so a slice comes out empty rather than out of bounds.
    var start: Int {
        get { Int(start32) }
        set { start32 = UInt32(clamping: newValue) }
    }
    var end: Int {
        get { Int(end32) }
        set { end32 = UInt32(clamping: newValue) }
    }
    /// Hashes of `norm` (FNV-1a over its UTF-8 bytes) and of `norm` without its last one, two
    /// and three scalars, and its length in scalars: what the phrase tries look words and stems
    /// up by, computed once here rather than in every trie a token passes through.
    var keys: WordKeys

    /// The norm as a string. Made on each call: hot paths compare `normBytes`.
    var norm: String { normBytes.string }

    init(norm: String, kind: Kind, start: Int, end: Int, capitalized: Bool, allCaps: Bool, hyphenBefore: Bool, keys: WordKeys? = nil) {
        self.init(normBytes: NormBytes(norm), kind: kind, start: start, end: end, capitalized: capitalized, allCaps: allCaps,
                  hyphenBefore: hyphenBefore, keys: keys ?? WordKeys(norm))
    }

    init(normBytes: NormBytes, kind: Kind, start: Int, end: Int, capitalized: Bool, allCaps: Bool, hyphenBefore: Bool, keys: WordKeys) {
        self.normBytes = normBytes
        self.kind = kind
        self.start32 = UInt32(clamping: start)
        self.end32 = UInt32(clamping: end)
        self.capitalized = capitalized
        self.allCaps = allCaps
        self.hyphenBefore = hyphenBefore
        self.keys = keys
    }
}

/// The lookup hashes of a normalised word; see `WordToken.keys`. 32 bits each (FNV-1a 64
/// folded): tries and word lists confirm every hit on the bytes, so a collision costs a probe,
/// and a notes paragraph holds one of these per token.
struct WordKeys: Equatable, Sendable {
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3
    /// The whole word.
    var full: UInt32
    /// The word without its last 1, 2, 3 scalars (0 when the word is not that long).
    var drop1: UInt32, drop2: UInt32, drop3: UInt32
    /// Length in scalars.
    var count: Int { Int(scalars) }
    private var scalars: UInt32
    /// Which phrase tables may start a phrase with this word, when a `WordCache` worked it
    /// out (`WordStarts`): bits 0–9 one per table, bits 10–30 the tag of the tables asked
    /// (0: not worked out; each table then asks its own filter). Not part of the keys'
    /// identity: equal words are equal whether or not it was worked out. 32 bits, so that
    /// the keys stay 24 bytes and a token 64.
    var starts: UInt32 = 0

    static func == (a: WordKeys, b: WordKeys) -> Bool {
        a.full == b.full && a.drop1 == b.drop1 && a.drop2 == b.drop2 && a.drop3 == b.drop3 && a.scalars == b.scalars
    }

    @inline(__always)
    func dropping(_ n: Int) -> UInt32 {
        switch n { case 0: return full; case 1: return drop1; case 2: return drop2; default: return drop3 }
    }

    @inline(__always)
    static func fold(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h ^ (h >> 32)) }

    /// Keys of UTF-8 bytes: a running FNV-1a, sampled at each scalar boundary.
    init<C: Collection>(utf8 bytes: C) where C.Element == UInt8 {
        var h = WordKeys.basis
        var b1: UInt64 = 0, b2: UInt64 = 0, b3: UInt64 = 0
        var n: UInt32 = 0
        for c in bytes {
            if c & 0xC0 != 0x80 { b3 = b2; b2 = b1; b1 = h; n &+= 1 }
            h = (h ^ UInt64(c)) &* WordKeys.prime
        }
        full = WordKeys.fold(h)
        drop1 = n >= 1 ? WordKeys.fold(b1) : 0
        drop2 = n >= 2 ? WordKeys.fold(b2) : 0
        drop3 = n >= 3 ? WordKeys.fold(b3) : 0
        scalars = n
    }

    init(_ s: String) { self.init(utf8: s.utf8) }
}

/// Splits text into words, numbers and the punctuation that matters for phrases (`, ; : ( ) «»
/// " —`). Full stops are dropped so "St. Petersburg" and "г. Москва" read as phrases; a capital
/// after three lower-case letters starts a new word, which un-glues "областьЧелябинская".
///
/// ASCII and Cyrillic letters take a fast path; other scripts ask the Unicode tables.
enum Tokenizer {
    @inline(__always)
    static func classify(_ u: Unicode.Scalar) -> (letter: Bool, upper: Bool, lower: Bool) {
        let v = u.value
        if v < 0x80 {
            if v >= 65 && v <= 90 { return (true, true, false) }
            if v >= 97 && v <= 122 { return (true, false, true) }
            return (false, false, false)
        }
        if v >= 0x410 && v <= 0x42F || v == 0x401 { return (true, true, false) }
        if v >= 0x430 && v <= 0x44F || v == 0x451 { return (true, false, true) }
        // Latin-1 punctuation and symbols (« » ° ±) and general punctuation (— “ ” …), the
        // marks between words of most text, are no letters and have no case: asked of the
        // tables, each cost 900 instructions. ª µ º are lower-case letters.
        if v < 0xC0 && v != 0xAA && v != 0xB5 && v != 0xBA || v >= 0x2000 && v <= 0x206F { return (false, false, false) }
        return classifyByProperties(u)
    }

    /// `classify` of the other scalars, from the Unicode tables. Kept out of line: the
    /// standard library's `Unicode.Scalar.Properties` has no size known to the compiler, and a
    /// function that inlined this reserved stack room for one (a call for its type's
    /// metadata and a stack adjustment) on every call, whether it read the tables or not:
    /// about 50 instructions at every word of the tokenizer's fast path.
    @inline(never)
    static func classifyByProperties(_ u: Unicode.Scalar) -> (letter: Bool, upper: Bool, lower: Bool) {
        let p = u.properties
        return (p.isAlphabetic, p.isUppercase, p.isLowercase)
    }

    @inline(__always)
    static func appendLower(_ u: Unicode.Scalar, to norm: inout String.UnicodeScalarView) {
        let v = u.value
        if v < 0x80 {
            norm.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : u)
        } else if v >= 0x410 && v <= 0x42F {
            norm.append(Unicode.Scalar(v + 32)!)
        } else if v == 0x401 || v == 0x451 {
            norm.append("е")
        } else if v >= 0x430 && v <= 0x44F {
            norm.append(u)
        } else {
            appendLowerByProperties(u, to: &norm)
        }
    }

    /// `appendLower` of the other scalars, from the Unicode tables; out of line for the reason
    /// `classifyByProperties` gives (the key folds of every listing entry inline this).
    @inline(never)
    static func appendLowerByProperties(_ u: Unicode.Scalar, to norm: inout String.UnicodeScalarView) {
        for l in u.properties.lowercaseMapping.unicodeScalars { norm.append(l == "ё" ? "е" : l) }
    }

    /// `appendLower` into UTF-8 bytes: building a `String` a scalar at a time costs ten
    /// times more than bytes decoded once at the end.
    @inline(__always)
    static func appendLowerUTF8(_ u: Unicode.Scalar, to out: inout [UInt8]) {
        let v = u.value
        if v < 0x80 { out.append(UInt8(v >= 65 && v <= 90 ? v + 32 : v)); return }
        var w = v
        if v >= 0x410 && v <= 0x42F { w = v + 32 } else if v == 0x401 || v == 0x451 { w = 0x435 } else if !(v >= 0x430 && v <= 0x44F) {
            var tmp = String.UnicodeScalarView()
            appendLower(u, to: &tmp)
            out.append(contentsOf: String(tmp).utf8)
            return
        }
        out.append(UInt8(0xC0 | (w >> 6)))
        out.append(UInt8(0x80 | (w & 0x3F)))
    }

    static func isLetter(_ u: Unicode.Scalar) -> Bool { classify(u).letter }

    /// Whether the apostrophe at `i` joins two letters of the word that starts at `wordStart`
    /// (it is then dropped). A function of its arguments: as a function nested in the fast
    /// word's loop it captured the loop's variables, and each word cost 7 instructions more.
    @inline(__always)
    static func apostropheJoins(_ s: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, wordStart: Int) -> Bool {
        i + 1 < s.count && isLetter(s[i + 1]) && i > wordStart
    }

    /// The norm and keys of each punctuation token, made once: a paragraph has a mark every
    /// few words, and each made a string of its mark and hashed it.
    static let hyphenKeys = WordKeys("-")
    static let hyphenNorm = NormBytes("-")
    private static let markScalars: [Unicode.Scalar] = [",", ";", ":", "(", ")", "«", "»", "\"", "“", "”", "„", "—", "–", "/", "!", "?"]
    private static let markTokens: [(NormBytes, WordKeys)] = markScalars.map { (NormBytes(String($0)), WordKeys(String($0))) }

    /// The norm and keys of a punctuation token's scalar.
    @inline(__always)
    static func punctuation(_ u: Unicode.Scalar) -> (NormBytes, WordKeys) {
        if let k = markScalars.firstIndex(of: u) { return markTokens[k] }
        let s = String(u)
        return (NormBytes(s), WordKeys(s))
    }

    static func tokens(_ text: String) -> [WordToken] {
        tokens(UTF8Bytes.scalars(text))
    }

    /// The tokens of `text`, when it was cut from `source` (whose tokens are `sourceTokens`):
    /// a meeting's title is a paragraph, or its first clause or sentence shortened. The
    /// tokenizer's state after a space is the same whatever came before (no token holds a
    /// space, and the tests that look at a neighbour, the hyphen's and the apostrophe's, look
    /// no further than the space), so up to the last space of the bytes the two texts share,
    /// the tokens are the source's, and only the rest is read. A title read in full cost
    /// 8,000 instructions.
    static func tokens(_ text: String, cutFrom source: String, sourceTokens: [WordToken], words: WordCache? = nil) -> [WordToken] {
        let (space, spaceScalar, whole) = text.withUTF8Bytes { t in
            source.withUTF8Bytes { s -> (Int?, Int, Bool) in
                guard let tb = t.baseAddress, let sb = s.baseAddress else { return (nil, 0, t.count == s.count) }
                let n = min(t.count, s.count)
                var common = 0
                while common + 8 <= n && UnsafeRawPointer(tb).loadUnaligned(fromByteOffset: common, as: UInt64.self)
                        == UnsafeRawPointer(sb).loadUnaligned(fromByteOffset: common, as: UInt64.self) { common += 8 }
                while common < n && t[common] == s[common] { common += 1 }
                if common == t.count && common == s.count { return (nil, 0, true) }
                var space = common - 1
                while space >= 0 && t[space] != 0x20 { space -= 1 }
                guard space >= 0 else { return (nil, 0, false) }
                return (space, UTF8Bytes.scalarCount(UnsafeBufferPointer(rebasing: t[..<space])), false)
            }
        }
        if whole { return sourceTokens }
        guard let space else { return tokens(UTF8Bytes.scalars(text), words: words) }
        let rest = tokens(text.withUTF8Bytes { UTF8Bytes.scalars(utf8: UnsafeBufferPointer(rebasing: $0[space...])) }, words: words)
        let kept = sourceTokens.firstIndex(where: { $0.start >= spaceScalar }) ?? sourceTokens.count
        var out: [WordToken] = []
        out.reserveCapacity(kept + rest.count)
        out.append(contentsOf: sourceTokens[..<kept])
        for var t in rest {
            t.start += spaceScalar
            t.end += spaceScalar
            out.append(t)
        }
        return out
    }

    /// A word of ASCII and Russian letters, read straight into `scratch` (two bytes per scalar
    /// at most) with its keys hashed on the way: the token appended to `out` (in place: a
    /// returned token was copied twice more) and its end, or nil at the first other letter,
    /// where the general loop takes the word over from its start.
    ///
    /// Transparent: marked `@inline(__always)`, it stayed a call of its own at every word
    /// (the optimiser's inlining is a hint), with its prologue, its spilled arguments and its
    /// epilogue; inlined into the one loop that calls it, 3 MB of notes took 8M instructions
    /// fewer (−1.1%).
    @_transparent
    private static func fastWord(_ s: UnsafeBufferPointer<Unicode.Scalar>, from start: Int, scratch: UnsafeMutablePointer<UInt8>,
                                 capitalized cap: Bool, hyphen: Bool, words: WordCache?, into out: inout TokenBatch) -> Int? {
        let n = s.count
        var i = start
        var len = 0
        var caps = true
        var prevLower = false
        // No hash as the letters pass: the keys come with the word form from the cache
        // (`WordCache.keys`, which finds its slot by the norm's words), or are worked out from
        // the bytes.
        // Apostrophes inside words are dropped (`apostropheJoins`).
        while i < n {
            let c = s[i]
            let v = c.value
            // Lower-case ASCII and Russian letters, most letters of most words, first: no case
            // to change and no word to split, so only the keys and the bytes.
            if v &- 0x61 < 26 {
                prevLower = true; caps = false
                scratch[len] = UInt8(v); len &+= 1
                i += 1
                continue
            }
            if v &- 0x430 < 0x20 {
                prevLower = true; caps = false
                let x = UInt8(0xC0 | (v >> 6)), y = UInt8(0x80 | (v & 0x3F))
                scratch[len] = x; scratch[len + 1] = y; len &+= 2
                i += 1
                continue
            }
            let upper: Bool, lower: Bool
            var w = v
            // ASCII letters first, then the apostrophes: asked before every letter, the three
            // apostrophe compares were a fifth of the loop.
            if v < 0x80 {
                upper = v >= 65 && v <= 90
                lower = v >= 97 && v <= 122
                if !(upper || lower) {
                    if v == 0x27 && apostropheJoins(s, at: i, wordStart: start) { i += 1; continue }
                    break
                }
                if upper { w = v + 32 }
            } else if v == 0x2019 || v == 0x2BC {
                if apostropheJoins(s, at: i, wordStart: start) { i += 1; continue }
                break
            } else if Normalise.isRussianLetter(v) {
                upper = v <= 0x42F || v == 0x401
                lower = !upper
                w = Normalise.lowerRussian(v)
            } else if v < 0xC0 && !(v == 0xAA || v == 0xB5 || v == 0xBA) {
                break                                   // Latin-1 punctuation and symbols: not letters
            } else if v >= 0x2000 && v <= 0x206F {
                break                                   // general punctuation
            } else {
                return nil
            }
            if prevLower && upper && i - start >= 3 { break }
            prevLower = lower
            if !upper { caps = false }
            if w < 0x80 {
                scratch[len] = UInt8(w); len &+= 1
            } else {
                let x = UInt8(0xC0 | (w >> 6)), y = UInt8(0x80 | (w & 0x3F))
                scratch[len] = x; scratch[len + 1] = y; len &+= 2
            }
            i += 1
        }
        let norm: NormBytes
        if len <= NormBytes.inlineCapacity {
            // The 32 bytes past the word cleared (the scratch has that slack), so that the
            // norm is four loads.
            let past = UnsafeMutableRawPointer(scratch + len)
            for k in 0..<4 { past.storeBytes(of: UInt64(0), toByteOffset: 8 * k, as: UInt64.self) }
            norm = NormBytes(zeroPadded: scratch, count: len)
        } else {
            norm = NormBytes(UnsafeBufferPointer(start: scratch, count: len))
        }
        let keys = words?.keys(of: norm, bytes: scratch) ?? WordKeys(utf8: UnsafeBufferPointer(start: scratch, count: len))
        out.append(WordToken(normBytes: norm, kind: .word, start: start, end: i, capitalized: cap, allCaps: caps && i - start > 1, hyphenBefore: hyphen, keys: keys))
        return i
    }

    /// `fast: false` reads every word through the general loop (tests compare the two);
    /// `words` hands out the `starts` of word forms seen before (see `WordCache`).
    static func tokens(_ s: [Unicode.Scalar], fast: Bool = true, words: WordCache? = nil) -> [WordToken] {
        var tally: Tally? = nil
        return tokens(s, fast: fast, words: words, tally: &tally)
    }

    /// What a notes paragraph needs of every scalar besides its tokens, gathered as the
    /// tokenizer passes each one, where the paragraph walked all its scalars twice more:
    /// the scalars that may end a sentence (`isStop`), for the sentence splitter, and the
    /// Cyrillic scalars (U+0400–04FF) and ASCII letters, for the language.
    struct Tally: Equatable {
        var stops: [Int] = []
        var cyrillic = 0, latin = 0
    }

    /// `tokens`, and with a `tally` (see `Tally`). `pooled`: the array is taken from the word
    /// cache's pool (`WordCache.tokenArrays`) when it has one of the room, for a caller that
    /// gives it back.
    static func tokens(_ s: [Unicode.Scalar], fast: Bool = true, words: WordCache? = nil, pooled: Bool = false, tally: inout Tally?) -> [WordToken] {
        s.withUnsafeBufferPointer { buf in
            // Two bytes a scalar at most, and the 32 bytes past a word that `fastWord` clears.
            // The word cache's, kept from text to text, when there is one.
            let capacity = 2 * buf.count + NormBytes.inlineCapacity
            let owned: UnsafeMutablePointer<UInt8>? = words == nil ? .allocate(capacity: capacity) : nil
            owned?.initialize(repeating: 0, count: capacity)
            defer { owned?.deallocate() }
            let scratch = owned ?? words!.scratch(atLeast: capacity)
            // The word cache's token room (a token a scalar, up to its limit), or 14 on the stack.
            if let words {
                let (room, capacity) = words.tokenRoom(atLeast: buf.count + 1)
                return tokens(buf, scratch: scratch, staging: room, capacity: capacity, fast: fast, words: words,
                              pool: pooled ? words.tokenArrays : nil, tally: &tally)
            }
            return withUnsafeTemporaryAllocation(of: WordToken.self, capacity: TokenBatch.stackCapacity) { staging in
                tokens(buf, scratch: scratch, staging: staging.baseAddress!, capacity: TokenBatch.stackCapacity,
                       fast: fast, words: words, pool: nil, tally: &tally)
            }
        }
    }

    /// The tally's count of one scalar: Cyrillic block or ASCII letter.
    @inline(__always)
    static func count(_ v: UInt32, into tally: inout Tally?) {
        if v >= 0x400 && v < 0x500 { tally?.cyrillic += 1 } else if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { tally?.latin += 1 }
    }

    /// The tally's count of a fast word, the batch's last token: its letters are ASCII (a
    /// byte of its norm each) and Russian (two bytes each), so their numbers follow from its
    /// length in each.
    @inline(__always)
    static func count(lastOf out: TokenBatch, into tally: inout Tally?) {
        let token = out.last
        let letters = token.keys.count, bytes = token.normBytes.count
        tally!.cyrillic &+= bytes &- letters
        tally!.latin &+= 2 &* letters &- bytes
    }

    /// Whether a scalar may end a sentence: . ! ? …
    @inline(__always)
    static func isStop(_ v: UInt32) -> Bool { v == 0x2E || v == 0x21 || v == 0x3F || v == 0x2026 }

    private static func tokens(_ s: UnsafeBufferPointer<Unicode.Scalar>, scratch: UnsafeMutablePointer<UInt8>,
                               staging: UnsafeMutablePointer<WordToken>, capacity: Int, fast: Bool, words: WordCache?,
                               pool: ArrayPool<WordToken>?, tally: inout Tally?) -> [WordToken] {
        var tokens: [WordToken] = []
        // A room that holds a token a scalar is flushed once, into an array of the tokens'
        // own size; a smaller one several times, into an array reserved for a token every
        // five scalars (the seeds' notes have one every eight to ten).
        if capacity <= s.count { tokens.reserveCapacity(s.count / 5 + 1) }
        // The batch appends to `tokens` through its address: held in the batch, the array
        // was retained and released at every word.
        withUnsafeMutablePointer(to: &tokens) { tokensAddress in
            var out = TokenBatch(staging: staging, capacity: capacity, tokens: tokensAddress)
            // Room for a stop every 32 scalars: the stops of most paragraphs without growing.
            if tally != nil { tally!.stops.reserveCapacity(s.count / 32 + 4) }
            var i = 0
            let n = s.count
            var hyphen = false
            var norm: [UInt8] = []
            while i < n {
                let u = s[i]
                // A space, the scalar between nearly all tokens, before anything else.
                if u.value == 0x20 { hyphen = false; i += 1; continue }
                // An ASCII or Russian letter (nearly every word opens with one) is a letter whose
                // case its range tells, and no apostrophe: only other scalars ask `classify`.
                // Not with `fast: false`, the reference the tests compare the fast paths with.
                let v = u.value
                let plain = ((v | 0x20) &- 0x61 < 26 || v &- 0x410 < 0x40) && fast
                let cu = plain ? (letter: true, upper: v < 0x60 || v &- 0x410 < 0x20, lower: false) : classify(u)
                // An apostrophe only joins letters: "ʼ" (U+02BC) is a letter to Unicode, and as a
                // word's first scalar it made an empty word that never advanced.
                if cu.letter && (plain || !(u == "'" || u == "’" || u == "ʼ")) {
                    if fast, let end = fastWord(s, from: i, scratch: scratch, capitalized: cu.upper, hyphen: hyphen, words: words, into: &out) {
                        if tally != nil { count(lastOf: out, into: &tally) }
                        i = end
                        hyphen = false
                        continue
                    }
                    let start = i
                    norm.removeAll(keepingCapacity: true)
                    var caps = true
                    let cap = cu.upper
                    var prevLower = false
                    while i < n {
                        let c = s[i]
                        if c == "'" || c == "’" || c == "ʼ" {
                            // apostrophes inside words are dropped
                            if apostropheJoins(s, at: i, wordStart: start) { i += 1; continue }
                            break
                        }
                        let cc = classify(c)
                        guard cc.letter else { break }
                        // lower → Upper after three letters: two glued words ("областьЧелябинская")
                        if prevLower && cc.upper && i - start >= 3 { break }
                        prevLower = cc.lower
                        if !cc.upper { caps = false }
                        appendLowerUTF8(c, to: &norm)
                        count(c.value, into: &tally)
                        i += 1
                    }
                    out.append(WordToken(normBytes: norm.withUnsafeBufferPointer(NormBytes.init), kind: .word, start: start, end: i, capitalized: cap, allCaps: caps && i - start > 1, hyphenBefore: hyphen, keys: WordKeys(utf8: norm)))
                    hyphen = false
                    continue
                }
                if u.value >= 48 && u.value <= 57 {
                    // The digits go to the scratch, which has room for them: a buffer of their
                    // own grew anew in most paragraphs.
                    let start = i
                    var len = 0
                    while i < n, s[i].value >= 48, s[i].value <= 57 { scratch[len] = UInt8(truncatingIfNeeded: s[i].value); len += 1; i += 1 }
                    let digits = UnsafeBufferPointer(start: scratch, count: len)
                    out.append(WordToken(normBytes: NormBytes(digits), kind: .number, start: start, end: i, capitalized: false, allCaps: false, hyphenBefore: hyphen, keys: WordKeys(utf8: digits)))
                    hyphen = false
                    continue
                }
                count(u.value, into: &tally)
                switch u {
                case "-", "‐", "‑":
                    hyphen = i > 0 && i + 1 < n && isLetter(s[i - 1]) && isLetter(s[i + 1])
                    if !hyphen { out.append(WordToken(normBytes: Tokenizer.hyphenNorm, kind: .punct, start: i, end: i + 1, capitalized: false, allCaps: false, hyphenBefore: false, keys: Tokenizer.hyphenKeys)) }
                case ",", ";", ":", "(", ")", "«", "»", "\"", "“", "”", "„", "—", "–", "/", "!", "?":
                    let (norm, keys) = Tokenizer.punctuation(u)
                    out.append(WordToken(normBytes: norm, kind: .punct, start: i, end: i + 1, capitalized: false, allCaps: false, hyphenBefore: false, keys: keys))
                    hyphen = false
                    if u == "!" || u == "?" { tally?.stops.append(i) }
                default:
                    hyphen = false
                    if u == "." || u == "…" { tally?.stops.append(i) }
                }
                i += 1
            }
            // A room that held every token flushes here for the first time: into an array
            // of the pool's, when it has one of the room.
            if let pool, tokensAddress.pointee.isEmpty { tokensAddress.pointee = pool.take(minimumCapacity: out.count) }
            out.flush()
        }
        return tokens
    }
}

/// The tokenizer's tokens, gathered in a small buffer and moved to the array a batch at a
/// time: appended one by one, each paid the array's uniqueness test (a call) and its capacity
/// test, about 30 instructions a token, as the tokenizer's loop grew too large for the
/// compiler to inline the append. Tokens are plain data, so the buffer is simply overwritten.
struct TokenBatch {
    /// Room on the stack, when no word cache lends its own: 14 tokens take 1,008 bytes, and
    /// up to 1,024 bytes `withUnsafeTemporaryAllocation` takes its room on the stack, past
    /// that from the heap, which cost a listing's short titles more than the batches saved.
    static let stackCapacity = 14
    /// Room for `capacity` tokens, owned by the caller.
    let staging: UnsafeMutablePointer<WordToken>
    let capacity: Int
    private(set) var count = 0
    /// The array the batches go to.
    let tokens: UnsafeMutablePointer<[WordToken]>

    init(staging: UnsafeMutablePointer<WordToken>, capacity: Int, tokens: UnsafeMutablePointer<[WordToken]>) {
        self.staging = staging
        self.capacity = capacity
        self.tokens = tokens
    }

    @inline(__always)
    mutating func append(_ t: WordToken) {
        if count == capacity { flush() }
        (staging + count).initialize(to: t)
        count &+= 1
    }

    /// The token appended last (there is one).
    var last: WordToken { staging[count &- 1] }

    mutating func flush() {
        tokens.pointee.append(contentsOf: UnsafeBufferPointer(start: staging, count: count))
        count = 0
    }
}
