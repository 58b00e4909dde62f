/// Byte classes and small helpers shared by the block and inline parsers.
enum B {
    static let tab: UInt8 = 9, nl: UInt8 = 10, cr: UInt8 = 13, space: UInt8 = 32
    static let bang: UInt8 = 33, quote: UInt8 = 34, hash: UInt8 = 35, amp: UInt8 = 38, apos: UInt8 = 39
    static let lparen: UInt8 = 40, rparen: UInt8 = 41, star: UInt8 = 42, plus: UInt8 = 43, dash: UInt8 = 45, dot: UInt8 = 46
    static let colon: UInt8 = 58, lt: UInt8 = 60, eq: UInt8 = 61, gt: UInt8 = 62, question: UInt8 = 63
    static let lbracket: UInt8 = 91, backslash: UInt8 = 92, rbracket: UInt8 = 93, underscore: UInt8 = 95, backtick: UInt8 = 96
    static let pipe: UInt8 = 124, tilde: UInt8 = 126

    @inline(__always) static func isSpaceOrTab(_ c: UInt8) -> Bool { c == space || c == tab }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
    @inline(__always) static func isHex(_ c: UInt8) -> Bool { isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102) }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { (c >= 65 && c <= 90) ? c + 32 : c }

    /// ASCII punctuation: what a backslash can escape.
    static func isASCIIPunct(_ c: UInt8) -> Bool {
        (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
    }

    /// Whitespace of the spec: space, tab, newline, line tabulation, form feed, carriage return.
    static func isWhitespace(_ c: UInt8) -> Bool { c == space || c == tab || c == nl || c == 11 || c == 12 || c == cr }

    static func isBlank(_ s: ArraySlice<UInt8>) -> Bool { s.allSatisfy { isSpaceOrTab($0) || $0 == nl || $0 == cr } }

    static func trim(_ s: [UInt8]) -> [UInt8] {
        var a = 0, b = s.count
        while a < b && isWhitespace(s[a]) { a += 1 }
        while b > a && isWhitespace(s[b - 1]) { b -= 1 }
        return Array(s[a..<b])
    }

    static func hasPrefixCI(_ s: ArraySlice<UInt8>, _ p: String) -> Bool {
        let pb = Array(p.utf8)
        guard s.count >= pb.count else { return false }
        var i = s.startIndex
        for c in pb { if lower(s[i]) != c { return false }; i += 1 }
        return true
    }

    static func contains(_ s: ArraySlice<UInt8>, _ p: String, caseInsensitive: Bool = false) -> Bool {
        let pb = Array(p.utf8)
        guard !pb.isEmpty, s.count >= pb.count else { return false }
        var i = s.startIndex
        while i + pb.count <= s.endIndex {
            var ok = true
            for k in 0..<pb.count {
                let c = caseInsensitive ? lower(s[i + k]) : s[i + k]
                if c != pb[k] { ok = false; break }
            }
            if ok { return true }
            i += 1
        }
        return false
    }

    /// The Unicode scalar that ends right before byte `i` (nil at the start).
    static func scalarBefore(_ s: [UInt8], _ i: Int) -> Unicode.Scalar? {
        guard i > 0 else { return nil }
        var j = i - 1
        while j > 0 && s[j] & 0xC0 == 0x80 && i - j < 4 { j -= 1 }
        return scalarAt(s, j)
    }

    static func scalarAt(_ s: [UInt8], _ i: Int) -> Unicode.Scalar? {
        guard i < s.count else { return nil }
        let c = s[i]
        var v: UInt32
        var n: Int
        if c < 0x80 { return Unicode.Scalar(c) }
        else if c & 0xE0 == 0xC0 { v = UInt32(c & 0x1F); n = 1 }
        else if c & 0xF0 == 0xE0 { v = UInt32(c & 0x0F); n = 2 }
        else { v = UInt32(c & 0x07); n = 3 }
        for k in 1...n {
            guard i + k < s.count else { return nil }
            v = v << 6 | UInt32(s[i + k] & 0x3F)
        }
        return Unicode.Scalar(v)
    }

    static func isUnicodeWhitespace(_ u: Unicode.Scalar?) -> Bool {
        guard let u else { return true }
        if u.value < 128 { return isWhitespace(UInt8(u.value)) }
        return isSpaceSeparator(u)
    }

    // The Unicode tables' answers are out of line: the standard library's
    // `Unicode.Scalar.Properties` has no size known to the compiler, and a function that read
    // it reserved stack room for one (a call for its type's metadata and a stack adjustment)
    // on every call, ASCII included.
    @inline(never)
    private static func isSpaceSeparator(_ u: Unicode.Scalar) -> Bool { u.properties.generalCategory == .spaceSeparator }

    /// Unicode punctuation: the P and S general categories (CommonMark 0.31).
    static func isUnicodePunct(_ u: Unicode.Scalar?) -> Bool {
        guard let u else { return false }
        if u.value < 128 { return isASCIIPunct(UInt8(u.value)) }
        return isPunctOrSymbol(u)
    }

    @inline(never)
    private static func isPunctOrSymbol(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default: return false
        }
    }
}
