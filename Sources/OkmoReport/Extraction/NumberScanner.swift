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
            // Digits are ASCII: kept as bytes, counted as bytes.
            var intPart: [UInt8] = []
            var j = i
            while j < n, isDigit(s[j]) { intPart.append(UInt8(s[j].value)); j += 1 }
            // Thousands groups: a separator and exactly three digits ("8,000", "4 000").
            if intPart.count <= 3 {
                while j + 3 <= n - 1 {
                    let sep = s[j]
                    guard sep == "," || sep == " " || sep == "\u{A0}" || sep == "\u{202F}" || sep == "\u{2009}" else { break }
                    guard isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]) else { break }
                    if j + 4 < n, isDigit(s[j + 4]) { break }
                    if sep == "," && russian { break }
                    for k in 1...3 { intPart.append(UInt8(s[j + k].value)) }
                    j += 4
                }
            }
            var isInt = true
            var text = intPart
            if j + 1 < n, s[j] == "." || (s[j] == "," && russian), isDigit(s[j + 1]) {
                // A decimal part, unless it looks like a date ("07.05.2018") or a list ("1,2,3").
                var k = j + 1
                var frac: [UInt8] = []
                while k < n, isDigit(s[k]) { frac.append(UInt8(s[k].value)); k += 1 }
                let dateLike = k < n && (s[k] == "." || s[k] == "/") && k + 1 < n && isDigit(s[k + 1])
                let thousandsComma = s[j] == "," && frac.count == 3 && !russian
                if !dateLike && !thousandsComma && frac.count <= 3 {
                    text = intPart + [UInt8(ascii: ".")] + frac
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
            out.append(NumberMention(value: Double(String(decoding: text, as: UTF8.self)) ?? 0, text: written, start: start, end: j, isInteger: isInt, digits: intPart.count))
            i = j
        }
        return out
    }
}
