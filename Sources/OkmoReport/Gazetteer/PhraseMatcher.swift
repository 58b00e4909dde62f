/// One token of a phrase pattern: a word as written, or a stem that takes up to three more
/// letters (Russian case endings: "оренбургск*" matches "оренбургской", "оренбургская").
struct PatternToken: Hashable, Sendable {
    var text: String
    var isStem: Bool

    init(_ raw: String) {
        if raw.hasSuffix("*") { text = String(raw.dropLast()); isStem = true } else { text = raw; isStem = false }
    }

    static func parse(_ form: String, plainWords: Bool = true) -> [PatternToken] {
        // Patterns are tokenised like text, so "санкт-петербург*" and "St. Petersburg" work.
        // A part of lower-case letters of one alphabet run (a-z, or а-я without ё) is one
        // word whose norm is the part itself: taken as it is, without the tokenizer (every
        // pattern of every table is read at start-up, about 6,000 instructions each).
        // `plainWords: false` sends every part through the tokenizer (the tests compare).
        var out: [PatternToken] = []
        for (part, stem) in parts(form) {
            if plainWords && isPlainWord(part) {
                var t = PatternToken(part)
                t.isStem = stem
                out.append(t)
                continue
            }
            let words = Tokenizer.tokens(part).filter { $0.kind != .punct }
            for (k, w) in words.enumerated() {
                var t = PatternToken(w.norm)
                t.isStem = stem && k == words.count - 1
                out.append(t)
            }
        }
        return out
    }

    /// Whether `part` is lower-case ASCII letters only, or lower-case Russian letters (а-я,
    /// U+0430-044F, not ё) only: a run the tokenizer reads as one word, its norm unchanged.
    static func isPlainWord(_ part: String) -> Bool {
        part.withUTF8Bytes { b in
            guard let first = b.first else { return false }
            if first < 0x80 { return b.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } }
            guard b.count % 2 == 0 else { return false }
            var i = 0
            while i < b.count {
                // а-п: D0 B0-BF; р-я: D1 80-8F.
                let (c, d) = (b[i], b[i + 1])
                guard (c == 0xD0 && d >= 0xB0 && d <= 0xBF) || (c == 0xD1 && d >= 0x80 && d <= 0x8F) else { return false }
                i += 2
            }
            return true
        }
    }

    /// The form's space-separated parts, each without a final "*" and whether it had one. On
    /// the bytes when every scalar is its own `Character` (then a space always separates):
    /// every pattern of every table is read at start-up, and splitting `Character`s cost
    /// 6,000 instructions a pattern.
    static func parts(_ form: String) -> [(String, stem: Bool)] {
        let simple = form.withUTF8Bytes { b -> [(String, stem: Bool)]? in
            guard UTF8Bytes.isSimple(b) else { return nil }
            var out: [(String, stem: Bool)] = []
            var s = 0
            for i in 0...b.count where i == b.count || b[i] == 0x20 {
                if i > s {
                    let stem = b[i - 1] == 0x2A
                    out.append((String(decoding: UnsafeBufferPointer(rebasing: b[s..<(stem ? i - 1 : i)]), as: UTF8.self), stem))
                }
                s = i + 1
            }
            return out
        }
        if let simple { return simple }
        return form.split(separator: " ").map { part in
            let stem = part.hasSuffix("*")
            return (String(stem ? part.dropLast() : part), stem)
        }
    }
}

/// A phrase table's root filter (see `PhraseMatcher.rootFilter`), asked on its words: shared
/// by the tables and by `WordStarts`, which asks all of them at once.
enum PhraseMatcherFilter {
    @inline(__always)
    static func mayStart(_ keys: WordKeys, filter f: UnsafePointer<UInt64>, stemLengths lengths: UInt64) -> Bool {
        @inline(__always) func has(_ key: UInt32) -> Bool {
            f[Int(key >> 6) & 1023] & (1 << UInt64(key & 63)) != 0 && f[Int(key >> 22)] & (1 << UInt64((key >> 16) & 63)) != 0
        }
        if has(keys.full) { return true }
        guard lengths != 0 else { return false }
        // A stem of n - drop scalars, for drop 1...3, leaving at least one scalar.
        let n = keys.count
        @inline(__always) func stem(_ drop: Int, _ key: UInt32) -> Bool {
            n - drop >= 1 && lengths & (1 << UInt64(min(n - drop, 63))) != 0 && has(key)
        }
        return stem(1, keys.drop1) || stem(2, keys.drop2) || stem(3, keys.drop3)
    }
}

/// A trie of token patterns: finds, at a position, the longest phrase that matches.
/// Exact words are looked up whole; stems by dropping 0...3 final letters.
///
/// Every edge of the trie lives in one open-addressed table keyed by (node, word hash, stem?):
/// a lookup is a multiply, a mask and usually one probe, with the word's hashes computed once by
/// the tokenizer (`WordKeys`). Every hit is confirmed on the word's bytes and colliding words
/// take further slots, so a collision costs a probe, never a wrong or a missed match. Built once
/// at start-up, then shared read-only.
struct PhraseMatcher<Payload: Sendable>: Sendable {
    /// Per node: payloads, and the lengths (in scalars) of the stems below it as a bit set
    /// (bit 63: 63 or longer), so only prefixes of those lengths are looked up.
    private var payloads: [[Payload]] = [[]]
    private var stemLengths: [UInt64] = [0]
    /// One slot of the edge table: 16 bytes, four to a cache line, so that a probe reads one
    /// line. As six parallel arrays, a probe of an occupied slot read three or four lines,
    /// and the tables are large (at most a quarter full) and read at random: the look-ups of
    /// organisations and topics took three times the time their instructions would.
    private struct Edge {
        var key: UInt32 = 0
        var parent: Int32 = 0
        /// 0 marks an empty slot (the root is never a child).
        var child: Int32 = 0
        /// The edge's word's length in scalars (a stem's first letters).
        var scalars: Int16 = 0
        var stem = false
    }
    private var edge: [Edge] = Array(repeating: Edge(), count: 64)
    /// The edge's word, read only when its slot's key, parent and kind match.
    private var edgeWord: [NormBytes] = Array(repeating: NormBytes(""), count: 64)
    private var edges = 0
    /// A Bloom filter of the words that start a phrase, 2¹⁶ bits, two per word (its hash's low
    /// and high 16 bits): most tokens start no phrase, and this answers for them with a load or
    /// two instead of up to five probes of the edge table. Set bits only say "look": the table
    /// still decides. On a megabyte of notes the second bit cut the tokens that pass the
    /// gazetteer's filter in vain from 6,106 to 2,068; in the topic table most vain passes are
    /// true first words of longer phrases, which no filter of single words can refuse.
    private var rootFilter: [UInt64] = Array(repeating: 0, count: 1024)

    init() {}

    /// Whether some pattern has a number among its words ("9 мая"). When none has, a number
    /// token matches no edge whatever its digits, so text that differs only in its numbers
    /// gets the same answers (the listing parser's title memo relies on this).
    private(set) var readsNumbers = false

    /// `stemLengths` of the root, kept apart so the filter reads no array for it.
    private var rootStemLengths: UInt64 = 0

    /// Whether some phrase may start with this token's word (whole, or as a stem). Inlined into
    /// `longestMatch`'s callers: most calls end here, and a call of its own cost more than the
    /// test.
    ///
    /// A word the tokenizer's cache has seen carries every table's answer (`WordKeys.starts`,
    /// worked out once per word form by `WordStarts`): then this is one test of a bit, where
    /// the filter read two or more of its words. Each table of notes asks each token, and
    /// the filters of ten tables did not fit in the first-level cache together.
    @inline(__always)
    private func mayStart(_ keys: WordKeys) -> Bool {
        if keys.starts & ~WordStarts.bitsMask == startTag { return keys.starts & startBit != 0 }
        return mayStartFiltered(keys)
    }

    /// The filter's answer (see `rootFilter`).
    @inline(__always)
    func mayStartFiltered(_ keys: WordKeys) -> Bool {
        rootFilter.withUnsafeBufferPointer { PhraseMatcherFilter.mayStart(keys, filter: $0.baseAddress!, stemLengths: rootStemLengths) }
    }

    /// This table's bit in `WordKeys.starts`, and the tag of the tables that set it (a value
    /// no `starts` has until `WordStarts` assigns one).
    private(set) var startBit: UInt32 = 0
    private(set) var startTag: UInt32 = WordStarts.unassigned

    mutating func assignStart(bit: UInt32, tag: UInt32) {
        startBit = bit
        startTag = tag
    }

    /// The filter's words (1,024) and the root's stem lengths, for `WordStarts`.
    var filter: (words: [UInt64], stemLengths: UInt64) { (rootFilter, rootStemLengths) }
    static var maxEnding: Int { 3 }

    @inline(__always)
    private static func slot(_ parent: Int32, _ key: UInt32, _ stem: Bool, mask: Int) -> Int {
        var z = UInt64(key) ^ (UInt64(UInt32(bitPattern: parent)) &* 0x9E37_79B9_7F4A_7C15) ^ (stem ? 0xD6E8_FEB8_6659_FD93 : 0)
        z = (z ^ (z >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return Int(truncatingIfNeeded: z >> 32) & mask
    }

    /// The slot of the edge (parent, word, stem?), or the empty slot where it would go. Words
    /// whose hashes collide simply sit in further slots: the bytes decide.
    private func find(_ parent: Int32, _ key: UInt32, _ stem: Bool, _ word: NormBytes) -> (slot: Int, found: Bool) {
        let mask = edge.count - 1
        var k = PhraseMatcher.slot(parent, key, stem, mask: mask)
        while edge[k].child != 0 {
            if edge[k].key == key && edge[k].parent == parent && edge[k].stem == stem && edgeWord[k] == word { return (k, true) }
            k = (k + 1) & mask
        }
        return (k, false)
    }

    private mutating func grow() {
        let (old, oldWords) = (edge, edgeWord)
        let cap = edge.count * 2
        edge = Array(repeating: Edge(), count: cap)
        edgeWord = Array(repeating: NormBytes(""), count: cap)
        for k in 0..<old.count where old[k].child != 0 {
            let (slot, _) = find(old[k].parent, old[k].key, old[k].stem, oldWords[k])
            edge[slot] = old[k]
            edgeWord[slot] = oldWords[k]
        }
    }

    mutating func insert(_ pattern: [PatternToken], _ payload: Payload) {
        guard !pattern.isEmpty else { return }
        var node: Int32 = 0
        for t in pattern {
            let bytes = Array(t.text.utf8)
            if bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { readsNumbers = true }
            let key = WordKeys(utf8: bytes).full
            if t.isStem {
                let len = t.text.unicodeScalars.count
                stemLengths[Int(node)] |= 1 << UInt64(min(len, 63))
                if node == 0 { rootStemLengths = stemLengths[0] }
            }
            if node == 0 {
                rootFilter[Int(key >> 6) & 1023] |= 1 << UInt64(key & 63)
                rootFilter[Int(key >> 22)] |= 1 << UInt64((key >> 16) & 63)
            }
            let word = NormBytes(t.text)
            let (slot, found) = find(node, key, t.isStem, word)
            if found { node = edge[slot].child; continue }
            // At most a quarter full: most look-ups miss (a word's stems, a word that ends no
            // phrase), and a miss walks the run of full slots to an empty one. Three quarters
            // full, a topic walk probed 3.6 slots a look-up; the tables of all phrases take
            // 0.6 MB more this way.
            if (edges + 1) * 4 > edge.count { grow() }
            let (free, _) = find(node, key, t.isStem, word)
            let child = Int32(payloads.count)
            payloads.append([])
            stemLengths.append(0)
            edge[free] = Edge(key: key, parent: node, child: child, scalars: Int16(clamping: t.text.unicodeScalars.count), stem: t.isStem)
            edgeWord[free] = word
            edges += 1
            node = child
        }
        payloads[Int(node)].append(payload)
    }

    /// The child of `node` along the token's word (whole, or its first `stemLength` scalars).
    /// The bytes are compared only when the hash hits.
    @inline(__always)
    private func child(_ node: Int32, _ key: UInt32, stemLength: Int?, _ token: UnsafePointer<WordToken>) -> Int32? {
        let stem = stemLength != nil
        return edge.withUnsafeBufferPointer { e in
            let mask = e.count - 1
            var k = PhraseMatcher.slot(node, key, stem, mask: mask)
            while e[k].child != 0 {
                if e[k].key == key && e[k].parent == node && e[k].stem == stem {
                    let same: Bool
                    if let len = stemLength {
                        same = Int(e[k].scalars) == len && token.pointee.normBytes.hasPrefix(edgeWord[k])
                    } else {
                        same = token.pointee.normBytes == edgeWord[k]
                    }
                    if same { return e[k].child }
                }
                k = (k + 1) & mask
            }
            return nil
        }
    }

    /// Children of `node` that the token leads to, appended to `out`.
    @inline(__always)
    private func next(_ node: Int32, _ token: UnsafePointer<WordToken>, into out: inout [Int32]) {
        forEachChild(node, token) { out.append($0); return true }
    }

    /// Each child of `node` the token leads to (the whole word first, then its stems, shortest
    /// ending first), until `body` says stop.
    @inline(__always)
    private func forEachChild(_ node: Int32, _ token: UnsafePointer<WordToken>, _ body: (Int32) -> Bool) {
        let keys = token.pointee.keys
        if let n = child(node, keys.full, stemLength: nil, token), !body(n) { return }
        let lengths = stemLengths[Int(node)]
        guard lengths != 0 else { return }
        let count = keys.count
        let maxDrop = min(PhraseMatcher.maxEnding, count - 1)
        guard maxDrop >= 0 else { return }
        for drop in 0...maxDrop {
            let len = count - drop
            guard lengths & (1 << UInt64(min(len, 63))) != 0 else { continue }
            if let n = child(node, keys.dropping(drop), stemLength: len, token), !body(n) { return }
        }
    }

    /// The longest match starting at token `i` (over word/number tokens only; punctuation ends
    /// a phrase). Returns the index after the match and its payloads.
    @inline(__always)
    func longestMatch(_ tokens: [WordToken], at i: Int) -> (end: Int, payloads: [Payload])? {
        tokens.withUnsafeBufferPointer { longestMatch($0, at: i) }
    }

    /// `longestMatch` over a buffer, for callers that walk many positions of one token array.
    /// Most positions start no phrase: the root filter answers them in the caller, and only
    /// the rest call the walk.
    @inline(__always)
    func longestMatch(_ tokens: UnsafeBufferPointer<WordToken>, at i: Int) -> (end: Int, payloads: [Payload])? {
        guard mayMatch(tokens, at: i) else { return nil }
        return walk(tokens, from: i)
    }

    /// False when no phrase can start at token `i`: the test `longestMatch` opens with, for
    /// callers that would do more work before asking.
    @inline(__always)
    func mayMatch(_ tokens: UnsafeBufferPointer<WordToken>, at i: Int) -> Bool {
        i < tokens.count && tokens[i].kind != .punct && mayStart(tokens[i].keys)
    }

    @inline(never)
    private func walk(_ tokens: UnsafeBufferPointer<WordToken>, from i: Int) -> (end: Int, payloads: [Payload])? {
        let base = tokens.baseAddress!
        // One path through the trie (nearly every match): followed node by node, no arrays.
        var node: Int32 = 0
        var j = i
        var best: (Int, [Payload])?
        while true {
            let (c, several) = onlyChild(node, base + j)
            if several { break }
            guard let c else { return best }
            node = c
            j += 1
            let p = payloads[Int(node)]
            if !p.isEmpty { best = (j, p) }
            guard j < tokens.count, tokens[j].kind != .punct else { return best }
        }
        // Several paths: the frontier of every node reached, in the order `next` gives.
        var frontier: [Int32] = []
        next(node, base + j, into: &frontier)
        j += 1
        var following: [Int32] = []
        while !frontier.isEmpty {
            if frontier.count == 1 {
                let p = payloads[Int(frontier[0])]
                if !p.isEmpty { best = (j, p) }
            } else {
                let all = frontier.flatMap { payloads[Int($0)] }
                if !all.isEmpty { best = (j, all) }
            }
            guard j < tokens.count, tokens[j].kind != .punct else { break }
            following.removeAll(keepingCapacity: true)
            for n in frontier { next(n, base + j, into: &following) }
            swap(&frontier, &following)
            j += 1
        }
        return best
    }

    /// The child `next` would give when it gives exactly one; `several` when it gives more.
    @inline(__always)
    private func onlyChild(_ node: Int32, _ token: UnsafePointer<WordToken>) -> (Int32?, several: Bool) {
        var found: Int32?
        var several = false
        forEachChild(node, token) { n in
            if found != nil { several = true; return false }
            found = n
            return true
        }
        return several ? (nil, true) : (found, false)
    }
}
