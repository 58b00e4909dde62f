/// Which phrase tables may start a phrase with a word: every table's root filter asked once
/// per word form, the answers kept as bits in the word's keys (`WordKeys.starts`).
///
/// Each table of notes (place names, organisations, topics, months, date words, units, ...)
/// asks every token whether a phrase may start there, and its Bloom filter answered with two
/// to eight loads from 8 KB of filter: ten tables' filters did not fit in the first-level
/// cache together. A tokenizer's `WordCache` hands out a word form's norm many times; it now
/// hands out these bits with it, worked out on the form's first sight, and a table reads its
/// bit. The answers are the filters' own, so every table answers as before.
///
/// The bits carry a tag of the tables' filters: a table answers from the bits only when they
/// were worked out for its own filters, so a token read with one set of tables is never
/// judged by another's bits (tests load several).
struct WordStarts: Sendable {
    /// The bits of `WordKeys.starts` that hold answers (ten tables); the rest is the tag.
    static let bitsMask: UInt32 = 0x3FF
    /// A table's tag before it is assigned one: bit 31, which no tag has.
    static let unassigned: UInt32 = 1 << 31

    /// The tables' filters, one after another (1,024 words each), and their stem lengths.
    private let filters: [UInt64]
    private let stemLengths: [UInt64]
    let tag: UInt32

    /// Gives each table of `lex` its bit and the tag, and returns what works the bits out.
    static func assign(_ lex: inout Lexicons) -> WordStarts {
        let tables = [lex.gazetteer.names.filter, lex.gazetteer.nameParts.filter, lex.gazetteer.heads.filter,
                      lex.kinds.filter, lex.topics.filter, lex.organizations.filter, lex.municipalityTypes.filter,
                      lex.months.filter, lex.dateContext.filter, lex.units.filter]
        // The tag: 21 bits of a hash of every filter's words, in table order (never 0, bit
        // 31 clear). Two sets of tables in one process (tests load several) share a tag with
        // odds of one in two million; the program loads one.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for t in tables {
            for w in t.words + [t.stemLengths] { h = (h ^ w) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0x1F) &* 0x0000_0100_0000_01B3
        }
        let tag = (UInt32(truncatingIfNeeded: (h ^ (h >> 32)) << 10) | (1 << 10)) & ~WordStarts.unassigned
        lex.gazetteer.names.assignStart(bit: 1 << 0, tag: tag)
        lex.gazetteer.nameParts.assignStart(bit: 1 << 1, tag: tag)
        lex.gazetteer.heads.assignStart(bit: 1 << 2, tag: tag)
        lex.kinds.assignStart(bit: 1 << 3, tag: tag)
        lex.topics.assignStart(bit: 1 << 4, tag: tag)
        lex.organizations.assignStart(bit: 1 << 5, tag: tag)
        lex.municipalityTypes.assignStart(bit: 1 << 6, tag: tag)
        lex.months.assignStart(bit: 1 << 7, tag: tag)
        lex.dateContext.assignStart(bit: 1 << 8, tag: tag)
        lex.units.assignStart(bit: 1 << 9, tag: tag)
        precondition(tables.allSatisfy { $0.words.count == 1024 })
        return WordStarts(filters: tables.flatMap(\.words), stemLengths: tables.map(\.stemLengths), tag: tag)
    }

    /// `WordKeys.starts` for a word with these keys.
    func starts(_ keys: WordKeys) -> UInt32 {
        var bits: UInt32 = 0
        filters.withUnsafeBufferPointer { f in
            for k in 0..<stemLengths.count where PhraseMatcherFilter.mayStart(keys, filter: f.baseAddress! + 1024 * k, stemLengths: stemLengths[k]) {
                bits |= 1 << UInt32(k)
            }
        }
        return tag | bits
    }
}
