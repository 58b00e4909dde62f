/// Levenshtein distance, with an early exit once every path exceeds `limit`: "did you mean"
/// suggestions for options and tolerant matching of misspelt place names share it.
public enum EditDistance {
    // Inlinable, so that each caller's module specialises it for its element type: called
    // across modules it compared elements through the protocol's witness table and read the
    // arrays through generic subscripts (the gazetteer's fuzzy names call it at capitalised
    // words before a region word, 4,500 instructions a call).
    @inlinable
    public static func levenshtein<T: Equatable>(_ a: [T], _ b: [T], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](filling: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = Swift.min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
