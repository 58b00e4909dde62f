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
    /// The exact and prefix rules by the first byte of their text: those of byte `b` are
    /// `byFirst[firstStart[b]..<firstStart[b + 1]]` (rule indices, in table order). A line
    /// can match only those of its first byte, and most lines' first byte opens one rule or
    /// none, where every line was asked against every rule.
    private var firstStart: [Int32] = []
    private var byFirst: [Int32] = []
    /// The other rules (contains, and rules of no text): asked of every line.
    private var anywhere: [Int32] = []

    /// Rules of (kind name, lower-cased text), in table order.
    init(_ rules: [(match: String, text: String)]) {
        for (m, t) in rules {
            let match: Match = m == "exact" ? .exact : m == "prefix" ? .prefix : m == "contains" ? .contains : .other
            self.rules.append(Rule(match: match, start: bytes.count, count: t.utf8.count))
            bytes.append(contentsOf: t.utf8)
        }
        var lists = [[Int32]](repeating: [], count: 256)
        for (k, r) in self.rules.enumerated() {
            if (r.match == .exact || r.match == .prefix) && r.count > 0 {
                lists[Int(bytes[r.start])].append(Int32(k))
            } else if r.match != .other {
                anywhere.append(Int32(k))
            }
        }
        for l in lists {
            firstStart.append(Int32(byFirst.count))
            byFirst += l
        }
        firstStart.append(Int32(byFirst.count))
        // The openings' filter serves only when every rule opens with four bytes of its own.
        if anywhere.isEmpty && self.rules.allSatisfy({ $0.match == .other || $0.count >= 4 }) {
            openings = Array(repeating: 0, count: 1024)
            for r in self.rules where r.match != .other {
                var w: UInt32 = 0
                for k in 0..<4 { w |= UInt32(bytes[r.start + k]) << UInt32(8 * k) }
                let key = NotesJunkRules.openingKey(w)
                openings[key >> 6] |= 1 << UInt64(key & 63)
            }
        }
    }

    /// A bit per (hash of) the first four bytes of the rules' texts; empty when some rule has
    /// fewer, or matches anywhere in a line (then `mayMatch` always says yes).
    private var openings: [UInt64] = []

    @inline(__always)
    static func openingKey(_ w: UInt32) -> Int { Int(truncatingIfNeeded: (w &* 0x9E37_79B1) >> 16) }

    /// False when no rule can match the line `b` (as written, not lowered): its first four
    /// bytes, lowered as `UTF8Bytes.lowercased(utf8:)` lowers them, open no rule's text. Every
    /// Russian line opens with D0 or D1, as do the Russian rules, so the first byte refused
    /// few lines, and every line had its first two hundred bytes lowered into an array of its
    /// own to be asked. Lines whose first scalars the tables would lower (other scripts), or
    /// shorter than four bytes, are not refused.
    func mayMatch(line b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !openings.isEmpty, b.count >= 4 else { return true }
        // The scalars that cover the first four bytes (seven bytes at most), lowered as the
        // whole line is: lowering keeps each scalar's place and length.
        var n = 4
        while n < b.count && UTF8.isContinuation(b[n]) { n += 1 }
        var head: UInt64 = 0
        return withUnsafeMutableBytes(of: &head) { raw in
            let h = raw.bindMemory(to: UInt8.self)
            let line = UnsafeMutableBufferPointer(rebasing: h[0..<n])
            _ = line.initialize(from: UnsafeBufferPointer(rebasing: b[0..<n]))
            guard UTF8Bytes.lowersWithoutTables(UnsafeBufferPointer(line)) else { return true }
            UTF8Bytes.lowerInPlace(line)
            var w: UInt32 = 0
            for k in 0..<4 { w |= UInt32(h[k]) << UInt32(8 * k) }
            let key = NotesJunkRules.openingKey(w)
            return openings.withUnsafeBufferPointer { $0[key >> 6] & (1 << UInt64(key & 63)) != 0 }
        }
    }

    /// Whether a lower-cased line matches a rule. `long`: the line was cut to its first bytes
    /// (see `Lexicons.notesJunkWindow`), so no exact rule can match it.
    func matches(lowered l: UnsafeBufferPointer<UInt8>, long: Bool) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            rules.withUnsafeBufferPointer { rules in
                @inline(__always) func hit(_ k: Int32) -> Bool {
                    let r = rules[Int(k)]
                    let x = UnsafeBufferPointer(rebasing: all[r.start..<(r.start + r.count)])
                    switch r.match {
                    case .exact: return !long && l.count == x.count && UTF8Bytes.has(x, in: l, at: 0)
                    case .prefix: return UTF8Bytes.has(x, in: l, at: 0)
                    case .contains: return UTF8Bytes.occurs(x, in: l)
                    case .other: return false
                    }
                }
                if let first = l.first {
                    let (from, to) = firstStart.withUnsafeBufferPointer { (Int($0[Int(first)]), Int($0[Int(first) + 1])) }
                    if byFirst.withUnsafeBufferPointer({ b in (from..<to).contains { hit(b[$0]) } }) { return true }
                }
                return anywhere.withUnsafeBufferPointer { $0.contains { hit($0) } }
            }
        }
    }
}
