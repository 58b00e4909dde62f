/// The table of listing-page lines that are not entries (`data/listing-boilerplate.tsv`).
struct ListingBoilerplate: Sendable {
    enum Role: String, Sendable { case owner, header, footer, heading, noise, datePrefix = "date-prefix", placePrefix = "place-prefix", prose, placeWord = "place-word" }
    enum Match: String, Sendable { case exact, prefix, contains, suffix, word, cprefix }
    struct Rule: Sendable { var role: Role; var match: Match; var text: String }
    var rules: [Rule] = []
    /// Words that make a line look like a place ("Street", "University", "Council").
    var placeWords: Set<String> = []

    init(tsv: String) {
        for (_, r) in TSVTable(path: "listing-boilerplate.tsv", text: tsv).records {
            guard let role = Role(rawValue: r["role"] ?? ""), let m = Match(rawValue: r["match"] ?? ""), let t = r["text"], !t.isEmpty else { continue }
            if role == .placeWord { placeWords.insert(t.lowercased()); continue }
            rules.append(Rule(role: role, match: m, text: m == .cprefix ? t : t.lowercased()))
        }
    }

    /// The role of a whole line, if a rule matches it.
    func role(of line: String) -> Role? {
        let l = line.lowercased()
        for r in rules where r.role != .datePrefix && r.role != .placePrefix && (r.match == .cprefix ? line.hasPrefix(r.text) : matches(r, l)) { return r.role }
        return nil
    }

    private func matches(_ r: Rule, _ l: String) -> Bool {
        switch r.match {
        case .exact: return l == r.text
        case .prefix: return l.hasPrefix(r.text)
        case .contains: return l.contains(r.text)
        case .suffix: return l.hasSuffix(r.text)
        case .word, .cprefix: return false
        }
    }

    /// The line without an icon's alt text ("boussole Kharkiv" → "Kharkiv"), if it has one.
    func strip(_ role: Role, from line: String) -> String? {
        for r in rules where r.role == role {
            let l = line.lowercased()
            guard l.hasPrefix(r.text + " ") || l.hasPrefix(r.text + ":") || l.hasPrefix(r.text + "\u{A0}") else { continue }
            var rest = Substring(line.unicodeScalars.dropFirst(r.text.unicodeScalars.count).map(Character.init))
            while let f = rest.first, f == " " || f == ":" || f == "\u{A0}" { rest = rest.dropFirst() }
            return String(rest)
        }
        return nil
    }

    /// The partner's name on its own line: "« Kharkiv » takes part in ..." → "Kharkiv".
    func ownerName(in line: String) -> String? {
        guard role(of: line) == .owner, let open = line.firstIndex(of: "«"), let close = line.firstIndex(of: "»"), open < close else { return nil }
        return Normalise.spaces(String(line[line.index(after: open)..<close]))
    }
}
