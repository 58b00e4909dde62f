/// A date as written, before it is checked against the calendar.
struct WrittenDate: Equatable, Sendable {
    var year: Int, month: Int, day: Int
    var day_: Day? { Day(year: year, month: month, day: day) }
    var text: String { "\(day)/\(month)/\(year)" }
}

/// The date line of a listing entry.
///
///     dateLine := prefix? ( "From" d "to" d | "Du" d "au" d | "С" d "по" d | d dash d | d ) "."?
///     d        := dd "/" mm "/" yyyy | dd "." mm "." yyyy | yyyy "-" mm "-" dd
enum ListingDate {
    struct Parsed: Equatable, Sendable { var start: WrittenDate; var end: WrittenDate? }

    static let openers = ["from", "du", "с", "С", "from:", "dates", "période"]
    /// The openers and the words between two dates, as bytes: the cursor compares bytes, and
    /// walking a `String`'s UTF-8 view for every word of every line cost more than the parse.
    static let openerBytes: [[UInt8]] = openers.map { Array($0.utf8) }
    static let rangeLinks: [[UInt8]] = ["to", "au", "по", "until", "till"].map { Array($0.utf8) }
    /// Whether a byte can open a date line: a digit, a colon, or an opener's first byte in
    /// either case (`consumeWord` ignores ASCII case): `mayOpen` as bits, written out, which
    /// the quick refusal of every line reads (a table made by a closure is made on first use,
    /// and each use asked the runtime whether it had been). The tests pin it to `mayOpen`.
    static let mayOpenBits: [UInt64] = [0x07FF_0000_0000_0000, 0x0001_0050_0001_0050, 0, 0x0000_0000_0003_0000]

    /// `mayOpen`'s answer for byte `b`, from `mayOpenBits`.
    @inline(__always)
    static func mayOpenLine(_ b: UInt8) -> Bool { mayOpenBits[Int(b >> 6)] >> UInt64(b & 63) & 1 != 0 }

    /// Whether a byte can open a date line, as a table made from the openers: the
    /// definition `mayOpenBits` is checked against (the parse reads the bits).
    static let mayOpen: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for b in UInt8(0x30)...UInt8(0x3A) { t[Int(b)] = true }
        for w in openers {
            let b = w.utf8.first!
            t[Int(b)] = true
            if b >= 0x61 && b <= 0x7A { t[Int(b - 32)] = true }
        }
        return t
    }()

    /// Two bytes as `consumeWord` compares them (ASCII letters lowered), as one number.
    @inline(__always)
    static func pair(_ a: UInt8, _ b: UInt8) -> UInt16 {
        @inline(__always) func low(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x + 32 : x }
        return UInt16(low(a)) << 8 | UInt16(low(b))
    }
    /// The first two bytes of each opener; nil if an opener has only one (then there is no
    /// such shortcut).
    static let openerPairs: [UInt16]? = openerBytes.contains { $0.count < 2 } ? nil : openerBytes.map { pair($0[0], $0[1]) }

    static func parse(_ line: String) -> Parsed? { parse(ArraySlice(Array(line.utf8))) }

    /// `quick: false` skips the two-byte refusal, for the test that pins it to the full parse.
    static func parse(_ line: ArraySlice<UInt8>, quick: Bool = true) -> Parsed? {
        line.withUnsafeBufferPointer { parse($0, quick: quick) }
    }

    static func parse(_ line: UnsafeBufferPointer<UInt8>, quick: Bool = true) -> Parsed? {
        var c = ByteCursor(line)
        c.skipSpaces()
        // Quick refusal: a date line starts with a digit, a colon or an opener's first letter
        // (titles and places, most lines, start with none of these).
        guard let first = c.peek, ListingDate.mayOpenLine(first) else { return nil }
        var hadOpener = false
        if first > 0x3A {
            // Not a digit or a colon: an opener, or no date line (a date starts with a digit).
            // Its first two bytes first: a Russian title's first letter shares its lead byte
            // with "с" and passed the one-byte test.
            if quick, let pairs = ListingDate.openerPairs {
                guard c.pos + 1 < line.endIndex, pairs.contains(ListingDate.pair(first, line[c.pos + 1])) else { return nil }
            }
            for w in ListingDate.openerBytes where c.consumeWord(w) { hadOpener = true; break }
            guard hadOpener else { return nil }
        }
        c.skipSpaces()
        _ = c.consume(UInt8(ascii: ":"))
        c.skipSpaces()
        guard let a = date(&c) else { return nil }
        c.skipSpaces()
        var b: WrittenDate?
        var save = c
        if ListingDate.rangeLinks.contains(where: { c.consumeWord($0) }) || c.consumeDash() {
            c.skipSpaces()
            if let d = date(&c) { b = d } else { c = save }
        } else if hadOpener {
            c = save
        }
        save = c
        c.skipSpaces()
        _ = c.consume(UInt8(ascii: "."))
        c.skipSpaces()
        guard c.atEnd else { return nil }
        return Parsed(start: a, end: b)
    }

    /// The date line of the common shape, and nil for any other line (which `parse` reads):
    /// an opener ("from" in any case of its letters, "с" or "С"), a date of two-digit day and
    /// month and four-digit year (dd/mm/yyyy or dd.mm.yyyy), and optionally a link ("to" in
    /// any case, "по") and a second such date, one space between each and none around. What
    /// `parse` reads such a line as, read at fixed places and packed as a line's reading holds
    /// it (`PackedDates`): a listing's date lines are nearly all of this shape, and `parse`
    /// tries each opener and link word by word (about 870 instructions a line, against 60
    /// here).
    static func parseCommonShape(_ b: UnsafeBufferPointer<UInt8>) -> PackedDates? {
        let n = b.count
        guard n >= 13 else { return nil }
        var pos: Int
        if b[4] == 0x20, b[0] | 0x20 == 0x66, b[1] | 0x20 == 0x72, b[2] | 0x20 == 0x6F, b[3] | 0x20 == 0x6D {
            pos = 5                                                    // "from "
        } else if b[2] == 0x20, b[0] == 0xD1 && b[1] == 0x81 || b[0] == 0xD0 && b[1] == 0xA1 {
            pos = 3                                                    // "с ", "С "
        } else {
            return nil
        }
        guard let start = fixedDate(b, at: pos) else { return nil }
        pos += 10
        if pos == n { return PackedDates(bits: start) }
        guard b[pos] == 0x20 else { return nil }
        pos += 1
        if pos + 3 <= n, b[pos] | 0x20 == 0x74, b[pos + 1] | 0x20 == 0x6F, b[pos + 2] == 0x20 {
            pos += 3                                                   // "to "
        } else if pos + 5 <= n, b[pos] == 0xD0, b[pos + 1] == 0xBF, b[pos + 2] == 0xD0, b[pos + 3] == 0xBE, b[pos + 4] == 0x20 {
            pos += 5                                                   // "по "
        } else {
            return nil
        }
        guard pos + 10 == n, let end = fixedDate(b, at: pos) else { return nil }
        return PackedDates(bits: PackedDates.hasEnd | end << 28 | start)
    }

    /// "dd/mm/yyyy" or "dd.mm.yyyy" at `p`, as `date` reads it, packed (`PackedDates.pack`).
    @inline(__always)
    private static func fixedDate(_ b: UnsafeBufferPointer<UInt8>, at p: Int) -> UInt64? {
        guard p + 10 <= b.count else { return nil }
        @inline(__always) func digit(_ k: Int) -> UInt64 { UInt64(b[p + k] &- 0x30) }
        let sep = b[p + 2]
        let d0 = digit(0), d1 = digit(1), m0 = digit(3), m1 = digit(4), y0 = digit(6), y1 = digit(7), y2 = digit(8), y3 = digit(9)
        guard sep == 0x2F || sep == 0x2E, b[p + 5] == sep, d0 < 10, d1 < 10, m0 < 10, m1 < 10, y0 < 10, y1 < 10, y2 < 10, y3 < 10 else { return nil }
        return PackedDates.pack(year: ((y0 * 10 + y1) * 10 + y2) * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    static func date(_ c: inout ByteCursor) -> WrittenDate? {
        let save = c
        guard let first = c.number(maxDigits: 4) else { return nil }
        if first.digits == 4 {
            guard c.consume(UInt8(ascii: "-")), let m = c.number(maxDigits: 2), c.consume(UInt8(ascii: "-")), let d = c.number(maxDigits: 2) else { c = save; return nil }
            return WrittenDate(year: first.value, month: m.value, day: d.value)
        }
        guard first.digits <= 2 else { c = save; return nil }
        guard let sep = c.peek, sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { c = save; return nil }
        c.pos += 1
        guard let m = c.number(maxDigits: 2), c.consume(sep), let y = c.number(maxDigits: 4), y.digits == 4 else { c = save; return nil }
        return WrittenDate(year: y.value, month: m.value, day: first.value)
    }
}

/// A date line's dates in 57 bits, for a reading that holds them itself: 14 bits of year and
/// 7 each of month and day per date (the grammar reads at most four digits of year and two of
/// month and day), the end's above the start's, and a bit for whether there is an end.
struct PackedDates: Equatable {
    let bits: UInt64
    static let hasEnd: UInt64 = 1 << 56

    init(bits: UInt64) { self.bits = bits }

    /// A date's 28 bits.
    @inline(__always)
    static func pack(year: UInt64, month: UInt64, day: UInt64) -> UInt64 { year << 14 | month << 7 | day }

    /// Nil when a number does not fit its field (the grammar never reads one so large).
    init?(_ d: ListingDate.Parsed) {
        func pack(_ w: WrittenDate) -> UInt64? {
            guard (0..<(1 << 14)).contains(w.year), (0..<(1 << 7)).contains(w.month), (0..<(1 << 7)).contains(w.day) else { return nil }
            return PackedDates.pack(year: UInt64(w.year), month: UInt64(w.month), day: UInt64(w.day))
        }
        guard let start = pack(d.start) else { return nil }
        guard let e = d.end else { bits = start; return }
        guard let end = pack(e) else { return nil }
        bits = PackedDates.hasEnd | end << 28 | start
    }

    var parsed: ListingDate.Parsed {
        func unpack(_ b: UInt64) -> WrittenDate {
            WrittenDate(year: Int(b >> 14 & 0x3FFF), month: Int(b >> 7 & 0x7F), day: Int(b & 0x7F))
        }
        return ListingDate.Parsed(start: unpack(bits), end: bits & PackedDates.hasEnd == 0 ? nil : unpack(bits >> 28))
    }
}
