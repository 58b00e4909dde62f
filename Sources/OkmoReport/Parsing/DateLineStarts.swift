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
        asciiFirsts = (0..<256).map { b in b < 0x80 && (firsts ?? []).contains(UInt16(b)) }
    }

    /// Per ASCII byte (lowered), whether a start opens with it: most lines open with an
    /// ASCII letter or a Russian one, and each line of a listing not seen before is asked.
    private let asciiFirsts: [Bool]

    /// False when no start opens with `first` (a line's `loweredFirstScalar`).
    @inline(__always)
    func mayOpen(with first: UInt16) -> Bool {
        guard let firstScalars else { return true }
        if first < 0x80 { return asciiFirsts[Int(first)] }
        return firstScalars.contains(first)
    }

    /// The bytes of the scalar at `k` as `UTF8Bytes.lowerInPlace` leaves them in a head that
    /// holds the whole scalar: an ASCII byte, or the two bytes of a two-byte scalar (high byte
    /// first). Nil for a scalar of three bytes or more, or one cut off by the end. Lowered as
    /// `UTF8Bytes.lowerScalar`, the rule `lowerInPlace` applies to each scalar (its own bytes
    /// decide), lowers it (`lowerASCII`, `lowerPair`), so this is the head's first scalar
    /// after lowering. (Lowered in a buffer by `lowerScalar` itself, it was most of the cost.)
    @inline(__always)
    static func loweredFirstScalar(_ raw: UnsafeBufferPointer<UInt8>, at k: Int) -> UInt16? {
        let c = raw[k]
        if c < 0x80 { return UInt16(UTF8Bytes.lowerASCII(c)) }
        guard c >= 0xC0 && c < 0xE0 && k + 1 < raw.count else { return nil }
        let (x, y) = UTF8Bytes.lowerPair(c, raw[k + 1])
        return UInt16(x) << 8 | UInt16(y)
    }
}
