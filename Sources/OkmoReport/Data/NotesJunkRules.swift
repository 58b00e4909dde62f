/// The rules of `data/notes-boilerplate.tsv` compiled for `NotesParser.isJunk`: every rule's
/// text in one byte array, and each rule as plain numbers (its kind, where its text starts,
/// how long it is).
///
/// Every line of notes is asked against every rule. Kept as an array of (kind, [UInt8])
/// tuples, walking the rules retained and released each rule's array, some forty atomic
/// pairs a line; here a line's test touches no reference count.
struct NotesJunkRules: Sendable {
    enum Match: UInt8, Sendable { case exact, prefix, contains, other }
    struct Rule: Sendable {
        var match: Match
        var start: Int
        var count: Int
    }
    private(set) var rules: [Rule] = []
    private var bytes: [UInt8] = []

    /// Rules of (kind name, lower-cased text), in table order.
    init(_ rules: [(match: String, text: String)]) {
        for (m, t) in rules {
            let match: Match = m == "exact" ? .exact : m == "prefix" ? .prefix : m == "contains" ? .contains : .other
            self.rules.append(Rule(match: match, start: bytes.count, count: t.utf8.count))
            bytes.append(contentsOf: t.utf8)
        }
    }

    /// Whether a lower-cased line matches a rule. `long`: the line was cut to its first bytes
    /// (see `Lexicons.notesJunkWindow`), so no exact rule can match it.
    func matches(lowered l: UnsafeBufferPointer<UInt8>, long: Bool) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            for r in rules {
                let x = UnsafeBufferPointer(rebasing: all[r.start..<(r.start + r.count)])
                switch r.match {
                case .exact: if !long && l.count == x.count && UTF8Bytes.has(x, in: l, at: 0) { return true }
                case .prefix: if UTF8Bytes.has(x, in: l, at: 0) { return true }
                case .contains: if UTF8Bytes.occurs(x, in: l) { return true }
                case .other: break
                }
            }
            return false
        }
    }
}
