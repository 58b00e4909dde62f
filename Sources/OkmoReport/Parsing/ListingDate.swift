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
    /// The first byte of each opener, in both cases (`consumeWord` ignores ASCII case).
    static let openerFirstBytes: Set<UInt8> = Set(openers.flatMap { w -> [UInt8] in
        let b = w.utf8.first!
        return b >= 0x61 && b <= 0x7A ? [b, b - 32] : [b]
    })

    static func parse(_ line: String) -> Parsed? { parse(ArraySlice(Array(line.utf8))) }

    static func parse(_ line: ArraySlice<UInt8>) -> Parsed? {
        var c = ByteCursor(line)
        c.skipSpaces()
        // Quick refusal: a date line starts with a digit, a colon or an opener's first letter
        // (titles and places, most lines, start with none of these).
        guard let first = c.peek, first >= 0x30 && first <= 0x3A || ListingDate.openerFirstBytes.contains(first) else { return nil }
        var hadOpener = false
        for w in ListingDate.openers where c.consumeWord(w) { hadOpener = true; break }
        c.skipSpaces()
        _ = c.consume(UInt8(ascii: ":"))
        c.skipSpaces()
        guard let a = date(&c) else { return nil }
        c.skipSpaces()
        var b: WrittenDate?
        var save = c
        if c.consumeWord("to") || c.consumeWord("au") || c.consumeWord("по") || c.consumeWord("until") || c.consumeWord("till") || c.consumeDash() {
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
