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

    static func parse(_ line: String) -> Parsed? { parse(ArraySlice(Array(line.utf8))) }

    static func parse(_ line: ArraySlice<UInt8>) -> Parsed? {
        var c = ByteCursor(line)
        c.skipSpaces()
        var hadOpener = false
        for w in ["from", "du", "с", "С", "from:", "dates", "période"] where c.consumeWord(w) { hadOpener = true; break }
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
