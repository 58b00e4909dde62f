/// A word or a punctuation mark of a line, normalised for matching: lower case, ё as е,
/// Latin look-alikes in Cyrillic words left as written.
struct WordToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable { case word, number, punct }
    var norm: String
    var kind: Kind
    /// Offsets in Unicode scalars of the original text, for slicing out what was written.
    var start: Int
    var end: Int
    var capitalized: Bool
    var allCaps: Bool
    /// The token is glued to the previous one by a hyphen ("Ханты-Мансийский").
    var hyphenBefore: Bool
}

/// Splits text into words, numbers and the punctuation that matters for phrases (`, ; : ( ) «»
/// " —`). Full stops are dropped so "St. Petersburg" and "г. Москва" read as phrases; a capital
/// after a lower-case letter starts a new word, which un-glues "областьЧелябинская".
enum Tokenizer {
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic
    }

    static func tokens(_ text: String) -> [WordToken] {
        tokens(Array(text.unicodeScalars))
    }

    static func tokens(_ s: [Unicode.Scalar]) -> [WordToken] {
        var out: [WordToken] = []
        var i = 0
        let n = s.count
        var hyphen = false
        while i < n {
            let u = s[i]
            if isLetter(u) {
                let start = i
                var norm = String.UnicodeScalarView()
                var caps = true
                let cap = u.properties.isUppercase
                var prevLower = false
                while i < n {
                    let c = s[i]
                    if c == "'" || c == "’" || c == "ʼ" {
                        // apostrophes inside words (Oryol's, Kirovohrad'ska) are dropped
                        if i + 1 < n && isLetter(s[i + 1]) && i > start { i += 1; continue }
                        break
                    }
                    guard isLetter(c) else { break }
                    // lower → Upper after three letters: two glued words ("областьЧелябинская")
                    if prevLower && c.properties.isUppercase && i - start >= 3 { break }
                    prevLower = c.properties.isLowercase
                    if !c.properties.isUppercase { caps = false }
                    for l in c.properties.lowercaseMapping.unicodeScalars { norm.append(l == "ё" ? "е" : l) }
                    i += 1
                }
                out.append(WordToken(norm: String(norm), kind: .word, start: start, end: i, capitalized: cap, allCaps: caps && i - start > 1, hyphenBefore: hyphen))
                hyphen = false
                continue
            }
            if u.properties.numericType != nil, u.value < 0x80 {
                let start = i
                var v = ""
                while i < n, s[i].value >= 48, s[i].value <= 57 { v.unicodeScalars.append(s[i]); i += 1 }
                out.append(WordToken(norm: v, kind: .number, start: start, end: i, capitalized: false, allCaps: false, hyphenBefore: hyphen))
                hyphen = false
                continue
            }
            switch u {
            case "-", "‐", "‑":
                hyphen = i > 0 && i + 1 < n && isLetter(s[i - 1]) && isLetter(s[i + 1])
                if !hyphen { out.append(WordToken(norm: "-", kind: .punct, start: i, end: i + 1, capitalized: false, allCaps: false, hyphenBefore: false)) }
            case ",", ";", ":", "(", ")", "«", "»", "\"", "“", "”", "„", "—", "–", "/", "!", "?":
                out.append(WordToken(norm: String(u), kind: .punct, start: i, end: i + 1, capitalized: false, allCaps: false, hyphenBefore: false))
                hyphen = false
            case ".":
                hyphen = false
            default:
                hyphen = false
            }
            i += 1
        }
        return out
    }
}
