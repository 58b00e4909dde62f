import OkmoCore
/// The kind of an event from its title, by the words of `data/kinds.tsv`.
///
/// The head of an English noun phrase is its last word ("Discussion lesson" is a lesson,
/// "Quest game" a game), of a Russian one its first ("Урок-презентация"), so the search runs
/// over the title's head phrase (up to a quote, colon or "of"/"on"/"for") from the matching end,
/// then over the whole title.
struct KindClassifier {
    /// The one table it reads, not the lexicons (see `TopicTagger`).
    let kinds: PhraseMatcher<Lexicons.KindWord>

    init(lex: Lexicons) { kinds = lex.kinds }

    static let phraseEnders = WordList(["\"", "«", "“", "„", ":", "(", "of", "on", "for", "about", "in", "with", "at", "dedicated",
                                        "по", "о", "об", "на", "для", "в", "с", "-", "—", "–", ",", "de", "du", "sur", "pour", "à"])

    func classify(_ title: String) -> String {
        classify(cyrillic: title.utf8.contains(where: KindClassifier.opensCyrillic), tokens: Tokenizer.tokens(title))
    }

    /// Whether a byte opens a scalar of U+0400–04FF (the bytes D0–D3 of valid UTF-8).
    static func opensCyrillic(_ b: UInt8) -> Bool { b >= 0xD0 && b <= 0xD3 }

    /// `classify(_:)` of a title's tokens, for callers that also tag its topics, and whether
    /// it has a Cyrillic scalar (U+0400–04FF).
    func classify(cyrillic: Bool, tokens: [WordToken]) -> String {
        var end = 0
        while end < tokens.count, !KindClassifier.phraseEnders.contains(tokens[end]) || end == 0 { end += 1 }
        return tokens.withUnsafeBufferPointer { all in
            // The head is read in place, not copied into an array of its own (each token
            // copied is a retain of its norm, and a release).
            if let k = find(UnsafeBufferPointer(rebasing: all[0..<end]), last: !cyrillic) { return k }
            if let k = find(all, last: false) { return k }
            return "other"
        }
    }

    /// The first or last kind found, walking the tokens phrase by phrase.
    private func find(_ tokens: UnsafeBufferPointer<WordToken>, last: Bool) -> String? {
        var found: String?
        var i = 0
        while i < tokens.count {
            if let (e, kinds) = self.kinds.longestMatch(tokens, at: i) {
                if found == nil || last { found = kinds[0].kind }
                if !last { return found }
                i = e
            } else { i += 1 }
        }
        return found
    }
}

/// Topic ids whose words occur in a text (`data/topics.tsv`), with the number of hits each.
struct TopicTagger {
    /// The two tables it reads, not the lexicons: a tagger is made per meeting and per
    /// title, and holding the lexicons it copied them (a retain and a release of every
    /// table) wherever the optimiser did not see through the copy.
    let topics: PhraseMatcher<Lexicons.TopicWord>
    let topicIDs: [String]
    /// The ids sorted by name: a topic's `rank` is its place here.
    let idsByName: [String]

    init(lex: Lexicons) {
        topics = lex.topics
        topicIDs = lex.topicIDs
        idsByName = lex.topicIDsByName
    }

    func hits(_ tokens: [WordToken]) -> [String: Int] {
        var counts = newCounts()
        count(tokens, into: &counts)
        return counts.indices.filter { counts[$0] > 0 }.reduce(into: [:]) { $0[topicIDs[$1]] = counts[$1] }
    }

    /// Hit counts by topic, in `topicIDs` order, all zero.
    func newCounts() -> [Int] { Array(filling: 0, count: topicIDs.count) }

    /// The topics counted at least `n` times.
    func names(of counts: [Int], atLeast n: Int) -> [String] {
        counts.indices.filter { counts[$0] >= n }.map { topicIDs[$0] }
    }

    /// Adds one to each topic of every phrase found (once per phrase, however many of its
    /// patterns name the topic), into the counts of a whole meeting (`newCounts`).
    func count(_ tokens: [WordToken], into out: inout [Int]) {
        tokens.withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count {
                if let (e, topics) = self.topics.longestMatch(buf, at: i) {
                    for (k, t) in topics.enumerated() where !topics[..<k].contains(where: { $0.index == t.index }) { out[t.index] += 1 }
                    i = e
                } else { i += 1 }
            }
        }
    }

    func topics(ofTitle title: String) -> [String] { topics(ofTitle: Tokenizer.tokens(title)) }

    /// The distinct topics of a title, sorted: what `hits(tokens).keys.sorted()` gives, without
    /// building the counts. Each topic found sets the bit of its rank by name, so the bits read
    /// from the lowest are the topics sorted and each once: an array of every hit's name, then
    /// sorted and its repeats dropped, was allocated, grown and freed for each new title (about
    /// 30% of the tagger's instructions on listings whose titles do not repeat). A table of
    /// more than 64 topics takes the sort.
    func topics(ofTitle tokens: [WordToken]) -> [String] {
        guard idsByName.count <= 64 else { return sortedTopics(ofTitle: tokens) }
        var ranks: UInt64 = 0
        forEachTopic(in: tokens) { ranks |= 1 << UInt64($0.rank) }
        guard ranks != 0 else { return [] }
        var out: [String] = []
        out.reserveCapacity(ranks.nonzeroBitCount)
        while ranks != 0 {
            out.append(idsByName[ranks.trailingZeroBitCount])
            ranks &= ranks &- 1
        }
        return out
    }

    /// `topics(ofTitle:)` by a sort of the names found, for any number of topics.
    func sortedTopics(ofTitle tokens: [WordToken]) -> [String] {
        var found: [String] = []
        forEachTopic(in: tokens) { found.append($0.id) }
        guard found.count > 1 else { return found }
        found.sort()
        var out: [String] = [found[0]]
        for t in found.dropFirst() where t != out[out.count - 1] { out.append(t) }
        return out
    }

    /// Each topic of each phrase found, walking the tokens phrase by phrase.
    @inline(__always)
    private func forEachTopic(in tokens: [WordToken], _ body: (Lexicons.TopicWord) -> Void) {
        tokens.withUnsafeBufferPointer { tokens in
            var i = 0
            while i < tokens.count {
                if let (e, topics) = self.topics.longestMatch(tokens, at: i) {
                    for t in topics { body(t) }
                    i = e
                } else { i += 1 }
            }
        }
    }
}
