/// A value-type cursor over UTF-8 bytes: `peek`, `skip`, `number`. Backtracking is copying
/// the struct.
///
/// Over a buffer the caller holds: over an `ArraySlice`, every cursor made (one per line a
/// listing's date test reads) retained the slice's storage and released it again.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.pos = 0
    }

    var atEnd: Bool { pos >= bytes.endIndex }
    var peek: UInt8? { pos < bytes.endIndex ? bytes[pos] : nil }

    mutating func skipSpaces() {
        while pos < bytes.endIndex {
            let b = bytes[pos]
            if b == 0x20 || b == 0x09 { pos += 1; continue }
            // NBSP (C2 A0), thin and narrow spaces (E2 80 89, E2 80 AF)
            if b == 0xC2, pos + 1 < bytes.endIndex, bytes[pos + 1] == 0xA0 { pos += 2; continue }
            if b == 0xE2, pos + 2 < bytes.endIndex, bytes[pos + 1] == 0x80, bytes[pos + 2] == 0x89 || bytes[pos + 2] == 0xAF { pos += 3; continue }
            break
        }
    }

    /// Up to `max` ASCII digits; nil when none.
    mutating func number(maxDigits: Int = 9) -> (value: Int, digits: Int)? {
        var v = 0, n = 0
        while pos < bytes.endIndex, n < maxDigits, bytes[pos] >= 0x30, bytes[pos] <= 0x39 {
            v = v * 10 + Int(bytes[pos] - 0x30); pos += 1; n += 1
        }
        if n == 0 { return nil }
        if pos < bytes.endIndex, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { return nil }  // too many digits
        return (v, n)
    }

    mutating func consume(_ b: UInt8) -> Bool {
        if peek == b { pos += 1; return true }
        return false
    }

    /// Consumes `word` case-insensitively (ASCII letters, or exact bytes otherwise), followed by
    /// a non-letter.
    mutating func consumeWord(_ word: [UInt8]) -> Bool {
        var p = pos
        for w in word {
            guard p < bytes.endIndex else { return false }
            let b = bytes[p]
            let lw = (w >= 0x41 && w <= 0x5A) ? w + 32 : w
            let lb = (b >= 0x41 && b <= 0x5A) ? b + 32 : b
            if lw != lb { return false }
            p += 1
        }
        if p < bytes.endIndex {
            let b = bytes[p]
            if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80 { return false }
        }
        pos = p
        return true
    }

    /// Consumes one of the dash characters: - – — (and ‑).
    mutating func consumeDash() -> Bool {
        if consume(0x2D) { return true }
        if peek == 0xE2, pos + 2 < bytes.endIndex, bytes[pos + 1] == 0x80, [0x90, 0x91, 0x92, 0x93, 0x94].contains(bytes[pos + 2]) {
            pos += 3; return true
        }
        return false
    }
}
