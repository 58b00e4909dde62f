/// Lower case, substring search and scalar counts on UTF-8 bytes, for the tables that match
/// whole lines (listing boilerplate, notes junk, online markers): every line of every input
/// passes through them, and `String.lowercased()`, `String.contains` and `unicodeScalars.count`
/// cost more than the rest of the match.
enum UTF8Bytes {
    /// How many scalars the bytes hold (lead bytes, not continuation bytes).
    static func scalarCount<C: Collection>(_ b: C) -> Int where C.Element == UInt8 {
        var n = 0
        for c in b where c & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Lower case for the letters the tables use: ASCII, Latin-1 (À-Þ) and Russian (А-Я, Ё);
    /// every other byte as it is.
    static func lower(_ s: [UInt8]) -> [UInt8] {
        var out = s
        var i = 0
        let n = out.count
        while i < n {
            let c = out[i]
            if c < 0x80 {
                if c >= 65 && c <= 90 { out[i] = c + 32 }
                i += 1
            } else if i + 1 < n {
                let d = out[i + 1]
                if c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97 { out[i + 1] = d + 0x20 }          // À-Þ
                else if c == 0xD0 && d >= 0x90 && d <= 0x9F { out[i + 1] = d + 0x20 }                   // А-П
                else if c == 0xD0 && d >= 0xA0 && d <= 0xAF { out[i] = 0xD1; out[i + 1] = d - 0x20 }     // Р-Я
                else if c == 0xD0 && d == 0x81 { out[i] = 0xD1; out[i + 1] = 0x91 }                     // Ё
                i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            } else { i += 1 }
        }
        return out
    }

    /// Exactly `s.lowercased()` as UTF-8. When every scalar is one `lower` knows the case of
    /// (ASCII, Latin-1, Russian letters, general punctuation: nearly every line), on the bytes;
    /// otherwise through the Unicode tables.
    static func lowercased(_ s: String) -> [UInt8] {
        let bytes = Array(s.utf8)
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c < 0x80 { i += 1; continue }
            guard i + 1 < n else { return Array(s.lowercased().utf8) }
            let d = bytes[i + 1]
            let known = c == 0xC2 || c == 0xC3                                      // Latin-1
                || c == 0xD0 && (d == 0x81 || d >= 0x90)                           // Ё А-Я а-п
                || c == 0xD1 && (d <= 0x8F || d == 0x91)                           // р-я ё
            if known { i += 2; continue }
            if c == 0xE2 && d == 0x80 && i + 2 < n { i += 3; continue }            // U+2000-203F
            return Array(s.lowercased().utf8)
        }
        return lower(bytes)
    }

    /// Whether `needle` occurs in `hay`, byte for byte.
    static func occurs(_ needle: [UInt8], in hay: [UInt8]) -> Bool {
        guard let f = needle.first, hay.count >= needle.count else { return needle.isEmpty }
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == f {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
