import OkmoCore

/// One paragraph of notes, analysed once: its words, numbers and dates.
///
/// A class: the parser hands a document's paragraphs to every step (the publication lines,
/// the headline, the year, the chronicle, each meeting), and as a struct each hand-over
/// copied six references and retained each, 36,000 copies for 3 MB of notes. Only the
/// parser that made them changes them (the contexts and the two flags), before any meeting
/// is read.
final class NotesParagraph {
    let firstLine: Int
    let lastLine: Int
    /// The paragraph's text, as valid UTF-8: `storage[range]`. A paragraph of one line that
    /// folding left as it was (nearly every one) is its range of the file's own bytes,
    /// shared, where each was a copy of its own (an allocation a paragraph).
    private let storage: [UInt8]
    private let range: Range<Int>

    /// The paragraph's bytes (`storage[range]`).
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
    let scalars: [Unicode.Scalar]
    let tokens: [WordToken]
    let sentenceOf: [Int]
    let dates: [DateMention]
    /// Each date's context (`NotesParser.context(of:in:)`), in the order of `dates`: the year,
    /// the chronicle and the meeting's date all ask it, so it is worked out once, when the
    /// paragraph is read. `NotesParser.paragraphs` fills it (working it out needs the tables,
    /// and a paragraph holding a copy of them cost more than the contexts saved); the
    /// parser's date choices read it for paragraphs made there only.
    var contexts: [NotesParser.Context] = []
    var isPublicationLine = false
    var isHeadline = false
    /// Cyrillic scalars (U+0400-04FF) and ASCII letters of `scalars`: a meeting's language is
    /// the majority over its paragraphs. Counted by the tokenizer as it passes them
    /// (`Tokenizer.Tally`), so a meeting adds two numbers a paragraph.
    let cyrillic: Int, latin: Int

    /// `dates` is borrowed: an initialiser takes its arguments owned, so each paragraph's
    /// caller copied the extractor, and with it every table of `Lexicons` (a retain each),
    /// unless the optimiser happened to inline the call: a change elsewhere in the tokenizer
    /// once made that 27M instructions on 3 MB of notes.
    convenience init(firstLine: Int, lastLine: Int, bytes: [UInt8], dates: borrowing DateExtractor, words: WordCache? = nil) {
        self.init(firstLine: firstLine, lastLine: lastLine, storage: bytes, range: bytes.indices, dates: dates, words: words)
    }

    /// The text `storage[range]`, which must be valid UTF-8. With a word cache, the paragraph's
    /// scalars, tokens and sentence numbers are made in arrays of the cache's pools when they
    /// have some, and given back to them when the paragraph dies.
    init(firstLine: Int, lastLine: Int, storage: [UInt8], range: Range<Int>, dates: borrowing DateExtractor, words: WordCache? = nil) {
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.storage = storage
        self.range = range
        self.words = words
        self.scalars = storage.withUnsafeBufferPointer { all in
            let b = UnsafeBufferPointer(rebasing: all[range])
            return UTF8Bytes.scalars(utf8: b, pool: words?.scalarArrays)
        }
        // The stops go to the word cache's list, lent for the paragraph (`WordCache.lendStops`).
        var tally: Tokenizer.Tally? = Tokenizer.Tally(stops: words?.lendStops() ?? [])
        self.tokens = Tokenizer.tokens(scalars, words: words, pooled: true, tally: &tally)
        self.sentenceOf = NotesParagraph.sentences(scalars, tokens, stops: tally!.stops, pool: words?.intArrays)
        words?.takeBack(stops: &tally!.stops)
        self.dates = dates.mentions(tokens, scalars: scalars)
        (cyrillic, latin) = (tally!.cyrillic, tally!.latin)
    }

    convenience init(firstLine: Int, lastLine: Int, text: String, dates: borrowing DateExtractor, words: WordCache? = nil) {
        self.init(firstLine: firstLine, lastLine: lastLine, bytes: Array(text.utf8), dates: dates, words: words)
        madeText = text
    }

    /// The cache whose pools the arrays go back to.
    private let words: WordCache?

    deinit {
        guard let words else { return }
        words.tokenArrays.give(tokens)
        words.scalarArrays.give(scalars)
        words.intArrays.give(sentenceOf)
    }

    /// The text as a string, made when first asked: only the paragraphs a title or a
    /// headline is taken from are asked, and a string checks its bytes as UTF-8 again.
    var text: String {
        if let t = madeText { return t }
        let t = withBytes { String(decoding: $0, as: UTF8.self) }
        madeText = t
        return t
    }
    private var madeText: String?

    /// The first token of sentence `n` (or the end): sentence numbers never fall along the
    /// tokens, so a sentence is one run of them, found by binary search.
    func firstToken(ofSentence n: Int) -> Int {
        var lo = 0, hi = sentenceOf.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentenceOf[mid] < n { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Sentence number of each token: a sentence ends at . ! ? followed by a space and a capital
    /// or digit, unless the word before the stop is an initial or a short abbreviation.
    /// `stops`: the offsets of the scalars that may end a sentence (`Tokenizer.isStop`), when
    /// the tokenizer gathered them; else every scalar is asked.
    /// `pool`: where the numbers' array is taken from, when it has one.
    static func sentences(_ scalars: [Unicode.Scalar], _ tokens: [WordToken], stops: [Int]? = nil, pool: ArrayPool<Int>? = nil) -> [Int] {
        scalars.withUnsafeBufferPointer { sentences($0, tokens, stops: stops, pool: pool) }
    }

    private static func sentences(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ tokens: [WordToken], stops: [Int]?, pool: ArrayPool<Int>?) -> [Int] {
        // The candidates: the tokenizer's stops, or every scalar that is one.
        let candidates = stops ?? s.indices.filter { Tokenizer.isStop(s[$0].value) }
        // The ends in scratch room (on the stack for up to 128 of them), and the numbers
        // written into the array's own storage: each paragraph allocated a list of its ends.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: candidates.count) { ends in
            var count = 0
            for i in candidates {
                let c = s[i]
                var j = i + 1
                while j < s.count, s[j] == " " || s[j] == "\"" || s[j] == "»" || s[j] == "”" { j += 1 }
                // `Tokenizer.classify` answers as `properties` does, from a fast path for ASCII
                // and Russian letters.
                if j < s.count, j > i + 1, Tokenizer.classify(s[j]).upper || (s[j].value >= 48 && s[j].value <= 57) || s[j] == "«" || s[j] == "\"" {
                    var k = i - 1
                    var wordLen = 0
                    while k >= 0, Tokenizer.classify(s[k]).letter { wordLen += 1; k -= 1 }
                    let abbreviation = c == "." && wordLen > 0 && wordLen <= 2 && Tokenizer.classify(s[i - 1]).upper == (wordLen == 1)
                    if !abbreviation || wordLen == 0 { ends[count] = i; count += 1 }
                }
            }
            return tokens.withUnsafeBufferPointer { t in
                let numbers = SentenceNumbers(tokens: t, ends: UnsafeBufferPointer(rebasing: ends[..<count]))
                return pool?.make(filler: numbers) ?? [Int](filler: numbers)
            }
        }
    }

    /// Each token's sentence number, from the sentences' ends, into an array's room.
    private struct SentenceNumbers: InPlaceFiller {
        typealias Element = Int
        let tokens: UnsafeBufferPointer<WordToken>
        let ends: UnsafeBufferPointer<Int>
        var capacity: Int { tokens.count }

        func fill(_ out: UnsafeMutableBufferPointer<Int>) -> Int {
            var e = 0
            for k in 0..<tokens.count {
                while e < ends.count && ends[e] < tokens[k].start { e += 1 }
                (out.baseAddress! + k).initialize(to: e)
            }
            return tokens.count
        }
    }
}

/// A file's lines, folded (`Normalise.spaces`), as UTF-8: line `i` is the `i`-th appended.
/// A line that was folded already is read in place in the source's bytes (nearly every
/// line); the others are kept in a buffer of their own.
struct NotesLines {
    /// The source's bytes (shared, not copied), and the lines made apart.
    private let source: [UInt8]
    private var made: [UInt8] = []
    /// Each line's range, in `made` or in `source`.
    private var spans: [(range: Range<Int>, made: Bool)] = []

    init(source: [UInt8] = []) { self.source = source }

    /// Lines given as strings (tests).
    init(_ lines: [String]) {
        self.init()
        for l in lines { append(l) }
    }

    var count: Int { spans.count }

    /// A line that is `source[range]` as it is.
    mutating func append(source range: Range<Int>) {
        spans.append((range, false))
    }

    mutating func append(_ line: UnsafeBufferPointer<UInt8>) {
        let start = made.count
        made.append(contentsOf: line)
        spans.append((start..<made.count, true))
    }

    mutating func append(_ line: String) {
        line.withUTF8Bytes { append($0) }
    }

    /// The array line `i` is in (shared, not copied) and its range there.
    func storage(ofLine i: Int) -> (bytes: [UInt8], range: Range<Int>) {
        let (r, inMade) = spans[i]
        return (inMade ? made : source, r)
    }

    func withLine<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let (r, inMade) = spans[i]
        return (inMade ? made : source).withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Drops the bullets the last line opens with (each bullet with the space after it, two
    /// `Character`s), in the order of `bullets`. Only a line that opens with a bullet's
    /// first byte (`leads`) is made a string and compared.
    mutating func dropBullets(ofLast bullets: [[UInt8]], leads: [Bool]) {
        guard let i = spans.indices.last else { return }
        let opens = withLine(i) { $0.first.map { leads[Int($0)] } ?? false }
        guard opens else { return }
        var t = withLine(i) { String(decoding: $0, as: UTF8.self) }
        for bullet in bullets where t.utf8.starts(with: bullet) { t = String(t.dropFirst(2)) }
        spans.removeLast()
        append(t)
    }
}

/// The lines of one pasted article, with its address when the text gives one.
struct NotesDocument {
    var lines: [Int]
    var url: String?
    /// The bytes of its lines (and their line ends), counted as they are added.
    var bytes = 0
    /// A part of a longer document after its first (`NotesParser.partBytes`).
    var isPart = false
}
