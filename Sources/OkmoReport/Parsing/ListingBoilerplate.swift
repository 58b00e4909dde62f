import OkmoCore

/// The table of listing-page lines that are not entries (`data/listing-boilerplate.tsv`),
/// matched on lower-cased UTF-8 bytes: every line of every listing passes through here.
struct ListingBoilerplate: Sendable {
    enum Role: String, Sendable { case owner, header, footer, heading, noise, datePrefix = "date-prefix", placePrefix = "place-prefix", prose, placeWord = "place-word" }
    enum Match: String, Sendable { case exact, prefix, contains, suffix, word, cprefix }
    struct Rule: Sendable { var role: Role; var match: Match; var text: [UInt8] }
    var rules: [Rule] = []
    /// Words that make a line look like a place ("Street", "University", "Council").
    var placeWords: Set<String> = []

    init(tsv: String) {
        for (_, r) in TSVTable(path: "listing-boilerplate.tsv", text: tsv).records {
            guard let role = Role(rawValue: r["role"] ?? ""), let m = Match(rawValue: r["match"] ?? ""), let t = r["text"], !t.isEmpty else { continue }
            if role == .placeWord { placeWords.insert(t.lowercased()); continue }
            rules.append(Rule(role: role, match: m, text: Array((m == .cprefix ? t : t.lowercased()).utf8)))
        }
    }

    /// Lower case for the letters these tables use: ASCII, Latin-1 and Cyrillic, on bytes.
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

    static func hasPrefix(_ s: [UInt8], _ p: [UInt8]) -> Bool {
        guard s.count >= p.count else { return false }
        for k in 0..<p.count where s[k] != p[k] { return false }
        return true
    }

    static func contains(_ s: [UInt8], _ p: [UInt8]) -> Bool {
        guard let f = p.first, s.count >= p.count else { return false }
        var i = 0
        let last = s.count - p.count
        while i <= last {
            if s[i] == f {
                var ok = true
                for k in 1..<p.count where s[i + k] != p[k] { ok = false; break }
                if ok { return true }
            }
            i += 1
        }
        return false
    }

    /// The role of a whole line, if a rule matches it.
    func role(of line: String) -> Role? {
        let raw = Array(line.utf8)
        let l = ListingBoilerplate.lower(raw)
        for r in rules where r.role != .datePrefix && r.role != .placePrefix {
            let hit: Bool
            switch r.match {
            case .exact: hit = l == r.text
            case .prefix: hit = ListingBoilerplate.hasPrefix(l, r.text)
            case .cprefix: hit = ListingBoilerplate.hasPrefix(raw, r.text)
            case .suffix: hit = l.count >= r.text.count && Array(l[(l.count - r.text.count)...]) == r.text
            case .contains: hit = ListingBoilerplate.contains(l, r.text)
            case .word: hit = false
            }
            if hit { return r.role }
        }
        return nil
    }

    /// The line without an icon's alt text ("boussole Kharkiv" → "Kharkiv"), if it has one.
    func strip(_ role: Role, from line: String) -> String? {
        let raw = Array(line.utf8)
        let l = ListingBoilerplate.lower(raw)
        for r in rules where r.role == role && ListingBoilerplate.hasPrefix(l, r.text) {
            var k = r.text.count
            guard k < raw.count, raw[k] == 0x20 || raw[k] == UInt8(ascii: ":") || (raw[k] == 0xC2 && k + 1 < raw.count && raw[k + 1] == 0xA0) else { continue }
            while k < raw.count, raw[k] == 0x20 || raw[k] == UInt8(ascii: ":") || raw[k] == 0xC2 || raw[k] == 0xA0 { k += 1 }
            return String(decoding: raw[k...], as: UTF8.self)
        }
        return nil
    }

    /// The partner's name on its owner line: "« Kharkiv » takes part in ..." → "Kharkiv".
    static func ownerName(in line: String) -> String? {
        guard let open = line.firstIndex(of: "«"), let close = line.firstIndex(of: "»"), open < close else { return nil }
        return Normalise.spaces(String(line[line.index(after: open)..<close]))
    }

    func ownerName(in line: String) -> String? {
        role(of: line) == .owner ? ListingBoilerplate.ownerName(in: line) : nil
    }
}
