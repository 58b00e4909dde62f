import OkmoCore

extension Normalise {
    /// Calls `body` with the keys of `first` and `second` (when there is one), each followed by
    /// a 0x1F byte, as one run of bytes: what an event's id and merge digest hash, and a
    /// meeting's id.
    ///
    /// Fed through the generic sink (`key(utf8:into:)` into a `Digest128`), each byte went
    /// through memory for both of the digest's lanes, about 30 instructions a byte, for every
    /// listing entry. Here the keys are folded into a buffer on the stack (`quickKey`) and the
    /// hashes then run over it in tight loops. A text the quick fold can't read is folded by
    /// the generic fold into an array, so the bytes are always the generic fold's.
    static func withKeyBytes<R>(_ first: String, _ second: String?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Two fields: the second folded apart (no hot path asks for two; the listing parser
        // keeps each place's fold and calls `withKeyBytes(_:secondKey:_:)`).
        if let second { return withKeyBytes(first, secondKey: keyBytes(second), body) }
        return first.withUTF8Bytes { f in
            // The quick fold never writes more bytes than it reads.
            let quick = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: f.count + 1) { buf -> R? in
                let out = buf.baseAddress!
                guard let k = quickKey(f, into: out) else { return nil }
                out[k] = 0x1F
                return body(UnsafeBufferPointer(start: out, count: k + 1))
            }
            if let r = quick { return r }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(f.count + 1)
            key(utf8: f, into: &bytes)
            bytes.append(0x1F)
            return bytes.withUnsafeBufferPointer(body)
        }
    }

    /// Calls `body` with the keys of `first` and of a second field whose key bytes were
    /// folded before (`keyBytes`), each followed by a 0x1F byte: the bytes
    /// `withKeyBytes(first, second)` hands out. A listing's place line comes back in many
    /// entries, and its fold is kept with the place's analysis, so each entry folds only its
    /// title.
    static func withKeyBytes<R>(_ first: String, secondKey s: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        first.withUTF8Bytes { withKeyBytes(utf8: $0, secondKey: s, body) }
    }

    /// `withKeyBytes(_:secondKey:_:)` of the first field's bytes (UTF-8).
    static func withKeyBytes<R>(utf8 f: UnsafeBufferPointer<UInt8>, secondKey s: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        s.withUnsafeBufferPointer { s in
            let quick = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: f.count + s.count + 2) { buf -> R? in
                let out = buf.baseAddress!
                guard let k1 = quickKey(f, into: out) else { return nil }
                out[k1] = 0x1F
                if let b = s.baseAddress { (out + k1 + 1).update(from: b, count: s.count) }
                out[k1 + 1 + s.count] = 0x1F
                return body(UnsafeBufferPointer(start: out, count: k1 + s.count + 2))
            }
            if let r = quick { return r }
            // The generic fold can write more bytes than it reads (a lowered scalar may be longer).
            var bytes: [UInt8] = []
            bytes.reserveCapacity(f.count + s.count + 2)
            key(utf8: f, into: &bytes)
            bytes.append(0x1F)
            bytes.append(contentsOf: s)
            bytes.append(0x1F)
            return bytes.withUnsafeBufferPointer(body)
        }
    }

    /// The key of `text` as bytes, for `withKeyBytes(_:secondKey:_:)`.
    static func keyBytes(_ text: String) -> [UInt8] {
        text.withUTF8Bytes { b in
            let quick = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count + 1) { buf -> [UInt8]? in
                quickKey(b, into: buf.baseAddress!).map { Array(UnsafeBufferPointer(start: buf.baseAddress!, count: $0)) }
            }
            if let q = quick { return q }
            var bytes: [UInt8] = []
            key(utf8: b, into: &bytes)
            return bytes
        }
    }

    /// The key of `b` into `out` (room for `b.count` bytes), and its length, when every
    /// scalar is one this fold knows without decoding: ASCII, Russian letters, and the
    /// separators `key(utf8:into:)` skips undecoded (nearly every title and place). Nil at the
    /// first other scalar.
    ///
    /// The generic fold asks at each letter whether a separator came before it. This one
    /// writes every separator as a space and advances over it only after a letter, then drops
    /// a trailing space: the same bytes, without a branch per ASCII byte. Russian letters are
    /// lowered from a table made with the generic fold's own tests (`russianPairs`), and the
    /// undecoded separators read by its `separatorWidth`.
    @inline(__always)
    static func quickKey(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        var k = 0
        // Whether the last byte written is a separator (at the start: as if one were).
        var afterSpace = 1
        var i = 0
        let n = b.count
        return asciiKeyBytes.withUnsafeBufferPointer { table in
            russianPairs.withUnsafeBufferPointer { pairs in
                while i < n {
                    let c = b[i]
                    if c < 0x80 {
                        // Eight ASCII bytes a step when there are eight (`asciiKeyWord`).
                        if i + 8 <= n {
                            let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                            if w & UTF8Bytes.lanesHigh == 0 {
                                let (word, count, endsInSpace) = asciiKeyWord(w, afterSpace: afterSpace)
                                UnsafeMutableRawPointer(out + k).storeBytes(of: word, as: UInt64.self)
                                k = k &+ count
                                afterSpace = endsInSpace
                                i = i &+ 8
                                continue
                            }
                        }
                        let t = table[Int(c)]
                        let isSpace = t == 0x20 ? 1 : 0
                        out[k] = t
                        // Wrapping arithmetic: k ≤ i < n, and a checked add per byte cost a tenth.
                        k = k &+ 1 &- (isSpace & afterSpace)
                        afterSpace = isSpace
                        i = i &+ 1
                        continue
                    }
                    // A run of Russian letters (most of a Russian word), each lowered from a
                    // table by its two bytes (`russianPairs`) and written in one store. A
                    // letter at a time through the whole loop, a Russian title's letters were
                    // two thirds of its fold.
                    if c & 0xFE == 0xD0 {
                        let base = b.baseAddress!
                        var j = i, m = k
                        while j &+ 1 < n {
                            let lead = base[j], d = base[j &+ 1]
                            let pair = pairs[Int(lead & 1) << 6 | Int(d & 0x3F)]
                            guard lead & 0xFE == 0xD0 && d & 0xC0 == 0x80 && pair != 0 else { break }
                            // The lead byte first, whatever the machine's byte order.
                            UnsafeMutableRawPointer(out + m).storeBytes(of: pair.bigEndian, as: UInt16.self)
                            m = m &+ 2
                            j = j &+ 2
                        }
                        if j != i {
                            k = m
                            i = j
                            afterSpace = 0
                            continue
                        }
                    }
                    let width = separatorWidth(b, at: i)
                    guard width > 0 else { return nil }
                    out[k] = 0x20
                    k += 1 &- afterSpace
                    afterSpace = 1
                    i += width
                }
                return k > 0 && afterSpace == 1 ? k - 1 : k
            }
        }
    }

    /// Eight ASCII bytes (`w`, the first byte in the lowest lane) folded as the byte loop of
    /// `quickKey` folds them one at a time: letters lowered, digits kept, anything else a
    /// space, and a space dropped after a space (`afterSpace` is 1 when the byte before was
    /// one). Returns the folded bytes in the low lanes of `word`, how many there are, and
    /// whether the last byte is a space.
    ///
    /// Titles are mostly ASCII, and the byte loop took about 17 instructions a byte. Here the
    /// lanes are classed at once (`UTF8Bytes.lanes(_:from:through:)`), and a dropped space,
    /// nearly always one or two in eight (a quote or a comma beside a space), is taken out by
    /// shifting the lanes above it down: from the highest down, so that each lane still to
    /// drop stays where it was.
    @inline(__always)
    static func asciiKeyWord(_ w: UInt64, afterSpace: Int) -> (word: UInt64, count: Int, endsInSpace: Int) {
        let upper = UTF8Bytes.lanes(w, from: 0x41, through: 0x5A)
        let kept = upper | UTF8Bytes.lanes(w, from: 0x61, through: 0x7A) | UTF8Bytes.lanes(w, from: 0x30, through: 0x39)
        let spaces = ~kept & UTF8Bytes.lanesHigh
        // Every bit of a kept lane.
        let keptLanes = (kept >> 7) &* 0xFF
        var word = ((w | upper >> 2) & keptLanes) | (0x2020_2020_2020_2020 & ~keptLanes)
        // A space whose lane below (or the byte before, for the lowest) is a space.
        var drop = spaces & (spaces << 8 | UInt64(afterSpace) << 7)
        // Counted as they are dropped: `nonzeroBitCount` is a dozen instructions on the
        // baseline x86-64 this is built for, which has no population count.
        var count = 8
        while drop != 0 {
            count &-= 1
            let lane = (63 &- drop.leadingZeroBitCount) & ~7
            let below: UInt64 = (1 << UInt64(lane)) &- 1
            word = (word & below) | ((word >> 8) & ~below)
            drop &= ~(0x80 << UInt64(lane))
        }
        return (word, count, Int(spaces >> 63))
    }

    /// The lowered bytes of each Russian letter (`russianLetter`, `lowerRussian`) as a pair
    /// (lead byte << 8 | continuation byte), by bit 0 of its lead byte (0xD0 or 0xD1) and the
    /// low six bits of its continuation byte; 0 for the other scalars of those leads. The fold
    /// looked each letter up by decoding it, testing its range and encoding it again.
    ///
    /// Written out, as `asciiKeyBytes` is, and checked against the functions they tabulate
    /// (`testKeyTablesAreTheirDefinitions`): a table made by a closure is made on first use,
    /// and every use asked the runtime whether it had been (twice a title).
    static let russianPairs: [UInt16] = [
        0x0000, 0xD0B5, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0xD0B0, 0xD0B1, 0xD0B2, 0xD0B3, 0xD0B4, 0xD0B5, 0xD0B6, 0xD0B7,
        0xD0B8, 0xD0B9, 0xD0BA, 0xD0BB, 0xD0BC, 0xD0BD, 0xD0BE, 0xD0BF,
        0xD180, 0xD181, 0xD182, 0xD183, 0xD184, 0xD185, 0xD186, 0xD187,
        0xD188, 0xD189, 0xD18A, 0xD18B, 0xD18C, 0xD18D, 0xD18E, 0xD18F,
        0xD0B0, 0xD0B1, 0xD0B2, 0xD0B3, 0xD0B4, 0xD0B5, 0xD0B6, 0xD0B7,
        0xD0B8, 0xD0B9, 0xD0BA, 0xD0BB, 0xD0BC, 0xD0BD, 0xD0BE, 0xD0BF,
        0xD180, 0xD181, 0xD182, 0xD183, 0xD184, 0xD185, 0xD186, 0xD187,
        0xD188, 0xD189, 0xD18A, 0xD18B, 0xD18C, 0xD18D, 0xD18E, 0xD18F,
        0x0000, 0xD0B5, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
        0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000, 0x0000,
    ]

    /// An ASCII byte's part in a key: a lowered letter, a digit, or a space for a separator.
    static let asciiKeyBytes: [UInt8] = [
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
        0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
        0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x20, 0x20, 0x20, 0x20, 0x20,
    ]
}

extension StableHash {
    /// A record's stable id: `prefix` and twelve hex digits of FNV-1a over its folded keys
    /// (`Normalise.withKeyBytes`) and its start date, which ends with a 0x1F byte like each
    /// key. Events and meetings are both named so.
    static func recordID(_ prefix: String, keys: UnsafeBufferPointer<UInt8>, start: Day?) -> String {
        var h = StableHash()
        h.put(contentsOf: keys)
        start?.put(into: &h)
        h.endField()
        return hex(h, digits: 12, prefix: prefix)
    }
}
