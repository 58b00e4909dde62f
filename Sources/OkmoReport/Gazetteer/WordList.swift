/// A few function words ("по", "to", "until"), matched against tokens by their precomputed hash
/// and confirmed on bytes.
///
/// `[String].contains(token.norm)` compares strings with Unicode canonical equivalence, which
/// for two different Cyrillic words takes the slow path every time; the date grammar asks these
/// questions at every token of every paragraph.
struct WordList: Sendable {
    private let words: [(key: UInt32, bytes: [UInt8])]

    init(_ words: [String]) {
        self.words = words.map { (WordKeys($0).full, Array($0.utf8)) }
    }

    func contains(_ t: WordToken) -> Bool {
        let k = t.keys.full
        for w in words where w.key == k {
            if t.norm.utf8.elementsEqual(w.bytes) { return true }
        }
        return false
    }
}
