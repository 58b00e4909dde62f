/// One token of a phrase pattern: a word as written, or a stem that takes up to three more
/// letters (Russian case endings: "оренбургск*" matches "оренбургской", "оренбургская").
struct PatternToken: Hashable, Sendable {
    var text: String
    var isStem: Bool

    init(_ raw: String) {
        if raw.hasSuffix("*") { text = String(raw.dropLast()); isStem = true } else { text = raw; isStem = false }
    }

    static func parse(_ form: String) -> [PatternToken] {
        // Patterns are tokenised like text, so "санкт-петербург*" and "St. Petersburg" work.
        var out: [PatternToken] = []
        for part in form.split(separator: " ") {
            let stem = part.hasSuffix("*")
            let words = Tokenizer.tokens(String(stem ? part.dropLast() : part)).filter { $0.kind != .punct }
            for (k, w) in words.enumerated() {
                var t = PatternToken(w.norm)
                t.isStem = stem && k == words.count - 1
                out.append(t)
            }
        }
        return out
    }
}

/// A word as a dictionary key, hashed and compared on its UTF-8 bytes: `String` keys hash
/// through Unicode normalisation, which for Cyrillic words costs more than the whole match.
/// (Patterns and tokens are both normalised by the tokenizer, so bytes are the right identity.)
struct WordKey: Hashable, Sendable {
    let word: Substring
    init(_ s: Substring) { word = s }
    init(_ s: String) { word = Substring(s) }

    static func == (a: WordKey, b: WordKey) -> Bool {
        a.word.utf8.count == b.word.utf8.count && a.word.utf8.elementsEqual(b.word.utf8)
    }

    func hash(into h: inout Hasher) {
        var w = word
        w.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// A trie of token patterns: finds, at a position, the longest phrase that matches.
/// Exact words are a dictionary lookup; stems are looked up by dropping 0...3 final letters.
struct PhraseMatcher<Payload: Sendable>: Sendable {
    final class Node: @unchecked Sendable {
        var exact: [WordKey: Node] = [:]
        var stems: [WordKey: Node] = [:]
        /// Lengths (in scalars) of the stems below this node: only those prefixes are looked up.
        var stemLengths: Set<Int> = []
        var payloads: [Payload] = []
    }

    let root = Node()
    static var maxEnding: Int { 3 }

    func insert(_ pattern: [PatternToken], _ payload: Payload) {
        guard !pattern.isEmpty else { return }
        var node = root
        for t in pattern {
            if t.isStem {
                node.stemLengths.insert(t.text.unicodeScalars.count)
                if let n = node.stems[WordKey(t.text)] { node = n } else { let n = Node(); node.stems[WordKey(t.text)] = n; node = n }
            } else {
                if let n = node.exact[WordKey(t.text)] { node = n } else { let n = Node(); node.exact[WordKey(t.text)] = n; node = n }
            }
        }
        node.payloads.append(payload)
    }

    /// Children of `node` that `word` leads to.
    @inline(__always)
    private func next(_ node: Node, _ word: String) -> [Node] {
        var out: [Node] = []
        if let n = node.exact[WordKey(word)] { out.append(n) }
        if !node.stems.isEmpty {
            // Prefixes without copying: Substring views of the word, only of lengths that exist.
            let count = word.unicodeScalars.count
            let maxDrop = min(PhraseMatcher.maxEnding, count - 1)
            if maxDrop >= 0 {
                for drop in 0...maxDrop where node.stemLengths.contains(count - drop) {
                    if let n = node.stems[WordKey(Substring(word.unicodeScalars.dropLast(drop)))] { out.append(n) }
                }
            }
        }
        return out
    }

    /// The longest match starting at token `i` (over word/number tokens only; punctuation ends
    /// a phrase). Returns the index after the match and its payloads.
    func longestMatch(_ tokens: [WordToken], at i: Int) -> (end: Int, payloads: [Payload])? {
        // Most positions start no phrase: they return before any frontier is built.
        guard i < tokens.count, tokens[i].kind != .punct else { return nil }
        var frontier = next(root, tokens[i].norm)
        var best: (Int, [Payload])?
        var j = i + 1
        while !frontier.isEmpty {
            let payloads = frontier.flatMap(\.payloads)
            if !payloads.isEmpty { best = (j, payloads) }
            guard j < tokens.count, tokens[j].kind != .punct else { break }
            frontier = frontier.flatMap { next($0, tokens[j].norm) }
            j += 1
        }
        return best
    }
}
