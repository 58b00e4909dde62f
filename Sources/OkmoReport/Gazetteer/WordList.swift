/// A few function words ("по", "to", "until"), matched against tokens by their precomputed hash
/// and confirmed on bytes.
///
/// `[String].contains(token.norm)` compares strings with Unicode canonical equivalence, which
/// for two different Cyrillic words takes the slow path every time; the date grammar asks these
/// questions at every token of every paragraph.
struct WordList: Sendable {
    private var words: [(key: UInt32, norm: NormBytes)] = []
    /// A bit per (key mod 64) of the words: most tokens are answered by one test.
    private var filter: UInt64 = 0

    init(_ words: [String]) {
        for w in words { insert(w) }
    }

    mutating func insert(_ word: String) {
        let k = WordKeys(word).full
        let norm = NormBytes(word)
        guard !words.contains(where: { $0.key == k && $0.norm == norm }) else { return }
        words.append((k, norm))
        filter |= 1 << UInt64(k & 63)
    }

    @inline(__always)
    func contains(_ t: WordToken) -> Bool {
        let k = t.keys.full
        guard filter & (1 << UInt64(k & 63)) != 0 else { return false }
        for w in words where w.key == k {
            if t.normBytes == w.norm { return true }
        }
        return false
    }
}

/// A few words with a value each ("тыс" → 1000), looked up by a token as `WordList` does:
/// a dictionary keyed by the norm made the norm's string and hashed it with SipHash, at every
/// number of every paragraph. A word inserted again takes the new value, as in a dictionary.
struct WordMap<Value: Sendable>: Sendable {
    private var words: [(key: UInt32, norm: NormBytes, value: Value)] = []
    private var filter: UInt64 = 0

    var isEmpty: Bool { words.isEmpty }

    mutating func set(_ value: Value, for word: String) {
        let k = WordKeys(word).full
        let norm = NormBytes(word)
        if let i = words.firstIndex(where: { $0.key == k && $0.norm == norm }) { words[i].value = value; return }
        words.append((k, norm, value))
        filter |= 1 << UInt64(k & 63)
    }

    @inline(__always)
    func value(of t: WordToken) -> Value? {
        let k = t.keys.full
        guard filter & (1 << UInt64(k & 63)) != 0 else { return nil }
        for w in words where w.key == k && t.normBytes == w.norm { return w.value }
        return nil
    }
}
