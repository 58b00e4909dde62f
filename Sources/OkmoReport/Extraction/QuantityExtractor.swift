/// Stated head counts and figures in prose.
///
///     headcount := (about|over|nearly|около|более|свыше)? N HEADCOUNT-NOUN
///                | "number of participants" (exceeded|was|reached)? (about)? N
///     figure    := N SCALE? UNIT        (8 trillion rubles, 1,5 млрд руб., 26%, 8,700 hectares)
///
/// A head count is never a count of regions or cities ("представители 75 регионов"), never a
/// population ("population of about 60 million people"), never a number in millions.
struct QuantityExtractor {
    /// The two tables it reads, not the lexicons (see `TopicTagger`).
    let scales: WordMap<Double>
    let units: PhraseMatcher<String>

    init(lex: Lexicons) {
        scales = lex.scales
        units = lex.units
    }

    struct Quantity { var value: Double; var unit: String; var text: String; var start: Int; var end: Int; var scaled: Bool }

    /// Every number followed by a known unit (through a scale word and up to two adjectives for
    /// head-count nouns).
    func quantities(_ tokens: [WordToken], scalars: [Unicode.Scalar], numbers: [NumberMention], dates: [DateMention] = []) -> [Quantity] {
        var out: [Quantity] = []
        for n in numbers {
            // Numbers inside dates ("On August 13 representatives") are days and years.
            if dates.contains(where: { n.start >= $0.scalarStart && n.start < $0.scalarEnd }) { continue }
            // The token after the number's last character.
            var k = QuantityExtractor.firstToken(tokens, startingAtOrAfter: n.end)
            if k < tokens.count, tokens[k].kind == .number { continue }
            var value = n.value
            var scaled = false
            if k < tokens.count, let s = scales.value(of: tokens[k]) { value *= s; scaled = true; k += 1 }
            // "%" right after the number.
            if n.end < scalars.count, scalars[n.end] == "%" || (n.end + 1 < scalars.count && scalars[n.end] == " " && scalars[n.end + 1] == "%") {
                let end = scalars[n.end] == "%" ? n.end + 1 : n.end + 2
                out.append(Quantity(value: value, unit: "percent", text: UTF8Bytes.string(scalars[n.start..<end]), start: n.start, end: end, scaled: scaled))
                continue
            }
            guard k < tokens.count else { continue }
            var unitHit: (String, Int)?
            for skip in 0...2 where k + skip < tokens.count {
                if let (e, units) = self.units.longestMatch(tokens, at: k + skip), let u = units.first(where: { $0 != "scale" }) {
                    if skip > 0 && u != "headcount" { break }
                    unitHit = (u, e); break
                }
                if tokens[k + skip].kind != .word { break }
            }
            guard let (unit, e) = unitHit else { continue }
            let end = tokens[e - 1].end
            // No sentence stop or bracket between the number and its unit.
            let between = scalars[n.end..<tokens[e - 1].start]
            if between.contains(where: { ".;:()!?\n".unicodeScalars.contains($0) }) { continue }
            if unit == "headcount", n.isInteger, n.digits == 4, (1900...2100).contains(Int(n.value)) { continue }
            out.append(Quantity(value: value, unit: unit, text: UTF8Bytes.string(scalars[n.start..<end]), start: n.start, end: end, scaled: scaled))
        }
        return out
    }

    /// The first token starting at or after scalar `offset` (tokens are in text order), by
    /// bisection: a paragraph can hold thousands of tokens and hundreds of numbers.
    static func firstToken(_ tokens: [WordToken], startingAtOrAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].start >= offset { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    static let countWordsBefore: Set<String> = ["population", "населением", "население", "населения", "inhabitants"]
    static let participantWords = ["participants"]
    static let participants = WordList(participantWords)
    /// The fewest letters a participant word has (the stem's eight, or fewer): most words of
    /// a paragraph are shorter, and are passed with one test.
    static let participantLetters = min(8, participantWords.map(\.unicodeScalars.count).min() ?? 8)
    /// Forms of "участник": the token's keys hold the hash of its first scalars only for its
    /// last three, so the eight-letter stem is compared on bytes, after a length check.
    static let participantStem = NormBytes("участник")
    static let countNouns = WordList(["number", "число", "количество", "численность"])
    static let countNounsNear = WordList(["number", "число", "количество"])

    /// The stated head count: the first head-count quantity that is not a population, or
    /// "the number of participants exceeded 90".
    func headCount(_ tokens: [WordToken], quantities: [Quantity], numbers: [NumberMention]) -> Int? {
        var best: (Int, Int)?  // (value, position)
        for q in quantities where q.unit == "headcount" && !q.scaled && q.value >= 2 && q.value == q.value.rounded() {
            let f = QuantityExtractor.firstToken(tokens, startingAtOrAfter: q.start)
            let k = f < tokens.count ? f : 0
            let before = tokens[max(0, k - 4)..<k].map(\.norm)
            if before.contains(where: { QuantityExtractor.countWordsBefore.contains($0) }) { continue }
            // A count past an `Int` is no head count (and converting it would trap).
            if best == nil, let v = Int(exactly: q.value) { best = (v, q.start) }
        }
        // "the total number of participants exceeded 90", "число участников составило 300"
        // The word tests read locals: the statics' lazy-initialisation check, and the stem's
        // test as a call of its own, cost more than the tests, at every token of every paragraph.
        let participants = QuantityExtractor.participants, stem = QuantityExtractor.participantStem
        let letters = QuantityExtractor.participantLetters
        let candidates = tokens.withUnsafeBufferPointer { buf -> [Int] in
            var out: [Int] = []
            for k in buf.indices where buf[k].keys.count >= letters && (participants.contains(buf[k]) || (buf[k].keys.count >= 8 && buf[k].normBytes.hasPrefix(stem))) {
                out.append(k)
            }
            return out
        }
        for k in candidates {
            // "число участников" may open the paragraph: the word right before needs no second.
            guard k >= 2 && QuantityExtractor.countNouns.contains(tokens[k - 2]) || k >= 1 && QuantityExtractor.countNounsNear.contains(tokens[k - 1]) else { continue }
            var j = k + 1
            var steps = 0
            while j < tokens.count, tokens[j].kind == .word, steps < 4 { j += 1; steps += 1 }
            guard j < tokens.count, tokens[j].kind == .number, let n = numbers.first(where: { $0.start == tokens[j].start }) else { continue }
            guard let v = Int(exactly: n.value.rounded(.towardZero)) else { continue }
            if best == nil || n.start < best!.1 { best = (v, n.start) }
        }
        return best?.0
    }
}
