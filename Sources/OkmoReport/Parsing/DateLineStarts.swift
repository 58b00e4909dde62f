/// The starts a date line may have once lowered (`ListingParser.dateLineStarts`), with what
/// `ListingParser.mayBeDateLine` asks of them before lowering a line's head: the first scalar
/// of each, and the longest.
struct DateLineStarts {
    let all: [[UInt8]]
    /// The bytes of each start's first scalar, as `loweredFirstScalar` gives a line's (a
    /// handful: read one by one). A start whose first scalar is three bytes or more (none in
    /// `data/`) makes it nil: every line is then lowered and compared.
    private let firstScalars: [UInt16]?
    /// The longest start, in bytes.
    let longest: Int

    init(_ all: [[UInt8]]) {
        self.all = all
        longest = all.map(\.count).max() ?? 0
        var firsts: [UInt16]? = []
        for s in all where !s.isEmpty {
            guard let f = s.withUnsafeBufferPointer({ DateLineStarts.loweredFirstScalar($0, at: 0) }) else { firsts = nil; break }
            if !firsts!.contains(f) { firsts!.append(f) }
        }
        // An empty start begins every line: nothing can be ruled out by the first scalar.
        firstScalars = all.contains(where: \.isEmpty) ? nil : firsts
    }

    /// False when no start opens with `first` (a line's `loweredFirstScalar`).
    func mayOpen(with first: UInt16) -> Bool {
        guard let firstScalars else { return true }
        return firstScalars.contains(first)
    }

    /// The bytes of the scalar at `k` as `UTF8Bytes.lowerInPlace` leaves them in a head that
    /// holds the whole scalar: an ASCII byte, or the two bytes of a two-byte scalar (high byte
    /// first). Nil for a scalar of three bytes or more, or one cut off by the end. Lowered by
    /// `UTF8Bytes.lowerScalar`, the rule `lowerInPlace` applies to each scalar (its own bytes
    /// decide), so this is the head's first scalar after lowering.
    static func loweredFirstScalar(_ raw: UnsafeBufferPointer<UInt8>, at k: Int) -> UInt16? {
        let c = raw[k]
        let width = c < 0x80 ? 1 : c >= 0xC0 && c < 0xE0 && k + 1 < raw.count ? 2 : 0
        guard width > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2) { pair in
            pair[0] = c
            pair[1] = width == 2 ? raw[k + 1] : 0
            _ = UTF8Bytes.lowerScalar(UnsafeMutableBufferPointer(rebasing: pair[0..<width]), at: 0)
            return width == 1 ? UInt16(pair[0]) : UInt16(pair[0]) << 8 | UInt16(pair[1])
        }
    }
}
