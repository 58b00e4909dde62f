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
    /// either case (`consumeWord` ignores ASCII case). A table, read once per line.
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
        guard let first = c.peek, ListingDate.mayOpen[Int(first)] else { return nil }
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
