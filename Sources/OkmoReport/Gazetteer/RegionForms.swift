/// Derives the name part of a subject's name, the words before its head noun, in both
/// languages: "Оренбургская область" → "оренбургск*" (any case ending), "Orenburg Oblast" →
/// "orenburg". The head nouns themselves come from `data/region-heads.tsv`.
enum RegionForms {
    static let russianHeads: Set<String> = ["область", "край", "автономный", "автономная", "округ", "республика", "—", "-"]
    static let englishHeads: Set<String> = ["oblast", "krai", "autonomous", "okrug", "republic"]
    static let adjectiveEndings = ["ая", "ий", "ый", "ой", "ое"]

    /// `text` with each "ё" made "е", as `replacing("ё", with: "е")` makes it (by `Character`,
    /// so a "ё" with a mark of its own stays). Scalar by scalar when every scalar is its own
    /// `Character` (ASCII, Cyrillic letters): the generic `replacing` took 60,000 instructions
    /// a name, on the thread that builds the gazetteer before a run reads its first line.
    static func withoutYo(_ text: String) -> String {
        let simple = text.unicodeScalars.allSatisfy { $0.value < 0x80 || ($0.value >= 0x400 && $0.value <= 0x482) || ($0.value >= 0x48A && $0.value <= 0x4FF) }
        guard simple else { return text.replacing("ё", with: "е") }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars { out.append(u == "ё" ? "е" : u) }
        return String(out)
    }

    static func nameParts(of r: Region) -> [(lang: String, part: String)] {
        guard ["oblast", "krai", "autonomous-okrug", "autonomous-oblast"].contains(r.type) else { return [] }
        var out: [(String, String)] = []
        // Russian: the adjective before the head, its ending replaced by a stem marker.
        var ru: [String] = []
        for w in RegionForms.withoutYo(r.nameRu.lowercased()).split(separator: " ") {
            if russianHeads.contains(String(w)) { break }
            ru.append(String(w))
        }
        if let last = ru.last {
            var stem = last
            for e in adjectiveEndings where stem.hasSuffix(e) { stem = String(stem.dropLast(e.count)); break }
            ru[ru.count - 1] = stem + "*"
            out.append(("ru", ru.joined(separator: " ")))
        }
        var en: [String] = []
        for w in r.nameEn.lowercased().split(separator: " ") {
            if englishHeads.contains(String(w)) { break }
            en.append(String(w))
        }
        if !en.isEmpty { out.append(("en", en.joined(separator: " "))) }
        return out
    }
}
