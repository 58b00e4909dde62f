/// A number as written in prose: "8,000", "8 000", "1,5", "2.5", "26".
struct NumberMention: Equatable, Sendable {
    var value: Double
    var text: String
    var start: Int  // scalar offsets
    var end: Int
    var isInteger: Bool
    var digits: Int
}

/// Finds numbers in text, reading thousands separators (comma, space, no-break space) and
/// decimal marks (point, and comma in Russian text). "07.05.2018" and "8 (495) 730-41-95" are
/// left to the date reader and ignored as quantities.
enum NumberScanner {
    static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 48 && u.value <= 57 }

    /// `tokens`, when given, are the scalars' tokens (`Tokenizer.tokens`): its number tokens
    /// are the runs of ASCII digits, so the scan goes from one to the next where it asked
    /// every scalar of the paragraph whether it was a digit.
    static func scan(_ scalars: [Unicode.Scalar], russian: Bool, tokens: [WordToken]? = nil) -> [NumberMention] {
        scalars.withUnsafeBufferPointer { s in
            guard let tokens else { return scan(s, russian: russian, runs: nil) }
            return tokens.withUnsafeBufferPointer { scan(s, russian: russian, runs: $0) }
        }
    }

    private static func scan(_ s: UnsafeBufferPointer<Unicode.Scalar>, russian: Bool, runs: UnsafeBufferPointer<WordToken>?) -> [NumberMention] {
        var out: [NumberMention] = []
        var i = 0
        let n = s.count
        var run = 0
        while i < n {
            if let runs {
                // The next run of digits that ends after `i`; from inside one, its next digit.
                while run < runs.count && (runs[run].kind != .number || runs[run].end <= i) { run += 1 }
                guard run < runs.count else { break }
                i = max(i, runs[run].start)
            } else {
                // Nearly every scalar is no digit: skipped in a tight loop.
                while i < n && !isDigit(s[i]) { i += 1 }
            }
            guard i < n else { break }
            guard i == 0 || !(isDigit(s[i - 1]) || Tokenizer.isLetter(s[i - 1])) else { i += 1; continue }
            let start = i
            // The digits' value is gathered as they are read (`Digits`); the thousands
            // separators are not part of it.
            var intPart = Digits()
            var j = i
            while j < n, isDigit(s[j]) { intPart.add(s[j]); j += 1 }
            // Thousands groups: a separator and exactly three digits ("8,000", "4 000").
            if intPart.count <= 3 {
                while j + 3 <= n - 1 {
                    let sep = s[j]
                    guard sep == "," || sep == " " || sep == "\u{A0}" || sep == "\u{202F}" || sep == "\u{2009}" else { break }
                    guard isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]) else { break }
                    if j + 4 < n, isDigit(s[j + 4]) { break }
                    if sep == "," && russian { break }
                    for k in 1...3 { intPart.add(s[j + k]) }
                    j += 4
                }
            }
            var isInt = true
            var value = intPart
            if j + 1 < n, s[j] == "." || (s[j] == "," && russian), isDigit(s[j + 1]) {
                // A decimal part, unless it looks like a date ("07.05.2018") or a list ("1,2,3").
                var k = j + 1
                var whole = intPart
                while k < n, isDigit(s[k]) { whole.add(s[k]); k += 1 }
                let fracCount = k - (j + 1)
                let dateLike = k < n && (s[k] == "." || s[k] == "/") && k + 1 < n && isDigit(s[k + 1])
                let thousandsComma = s[j] == "," && fracCount == 3 && !russian
                if !dateLike && !thousandsComma && fracCount <= 3 {
                    value = whole
                    value.fraction = fracCount
                    isInt = false
                    j = k
                }
            }
            if j < n, Tokenizer.isLetter(s[j]) && s[j].value < 0x80 && !(j + 1 < n && !Tokenizer.isLetter(s[j + 1]) && (s[j] == "M" || s[j] == "K")) {
                // "131-FZ" is handled by the dash; "100M" or "2GIS" glued letters: not a quantity.
                i = j
                while i < n, Tokenizer.isLetter(s[i]) { i += 1 }
                continue
            }
            if j < n, s[j] == "M" || s[j] == "K" { i = j + 1; continue }
            let written = UTF8Bytes.string(s[start..<j])
            out.append(NumberMention(value: value.value, text: written, start: start, end: j, isInteger: isInt, digits: intPart.count))
            i = j
        }
        return out
    }
}

/// The digits of a number as it is read, and its value: what `Double` makes of the digits
/// written out (with a point before the last `fraction` of them). Up to 15 digits the value is
/// the digits' integer divided by a power of ten up to 10³, both exact in a `Double`, so the
/// one rounding of the division is the correct rounding `Double(String)` makes; longer
/// numbers are written out and parsed. Parsing every number from a string made three arrays
/// and a string, and cost 1,300 instructions a number.
struct Digits {
    private(set) var count = 0
    private var mantissa: UInt64 = 0
    /// The digits past 15, kept only for the written-out parse.
    private var all: [UInt8] = []
    var fraction = 0

    mutating func add(_ u: Unicode.Scalar) {
        let d = UInt8(truncatingIfNeeded: u.value)
        if count < 15 {
            mantissa = mantissa * 10 + UInt64(d - 48)
        } else {
            if all.isEmpty { all = Array(String(mantissa).utf8); while all.count < count { all.insert(48, at: 0) } }
            all.append(d)
        }
        count += 1
    }

    var value: Double {
        precondition(fraction <= 3 && fraction <= count)
        if count <= 15 {
            switch fraction {
            case 0: return Double(mantissa)
            case 1: return Double(mantissa) / 10
            case 2: return Double(mantissa) / 100
            default: return Double(mantissa) / 1000
            }
        }
        var text = all
        if fraction > 0 { text.insert(UInt8(ascii: "."), at: text.count - fraction) }
        return Double(String(decoding: text, as: UTF8.self)) ?? 0
    }
}
