import OkmoCore

/// Every federal subject and the names that point at it, in English and Russian, in any case
/// form; cities that imply their subject. Built once from `data/` and shared, read-only.
public struct Gazetteer: Sendable {
    public private(set) var regions: [String: Region] = [:]
    /// Each subject's code and English name, what a record names it by: a meeting looks up
    /// every subject it names, and a copy of the whole `Region` retained and released its
    /// strings.
    private var refs: [String: RegionRef] = [:]
    public private(set) var order: [String] = []
    var names = PhraseMatcher<PlaceName>()
    /// Region names without their head noun, for coordinated lists and fuzzy matching.
    var nameParts = PhraseMatcher<PlaceName>()
    /// Head nouns by type: "област*" → oblast, "region*" → oblast and krai.
    var heads = PhraseMatcher<String>()
    /// Single-word English name parts, for tolerant matching of misspellings ("Orenbourg").
    var fuzzyParts: [(word: [Unicode.Scalar], codes: [String], headType: String)] = []

    public init(regionsTSV: String, namesTSV: String, headsTSV: String, citiesTSV: String) {
        let regionTable = TSVTable(path: "regions.tsv", text: regionsTSV)
        for (_, r) in regionTable.records {
            guard let code = r["code"], !code.isEmpty else { continue }
            let region = Region(code: code, nameEn: r["name_en"] ?? "", nameRu: r["name_ru"] ?? "", type: r["type"] ?? "",
                                district: r["district"] ?? "", capitalEn: r["capital_en"] ?? "", capitalRu: r["capital_ru"] ?? "")
            regions[code] = region
            refs[code] = region.ref
            order.append(code)
        }
        // Head nouns.
        var headsByType: [String: [(lang: String, form: String)]] = [:]
        for (_, h) in TSVTable(path: "region-heads.tsv", text: headsTSV).records {
            let type = h["type"] ?? "", lang = h["lang"] ?? "", form = h["form"] ?? ""
            guard !type.isEmpty, !form.isEmpty else { continue }
            headsByType[type, default: []].append((lang, form))
            heads.insert(PatternToken.parse(form), type)
        }
        // Derived forms: name part + every head noun of its type.
        for code in order {
            let r = regions[code]!
            for (lang, part) in RegionForms.nameParts(of: r) {
                let partTokens = PatternToken.parse(part)
                guard !partTokens.isEmpty else { continue }
                for h in headsByType[r.type, default: []] where h.lang == lang {
                    names.insert(partTokens + PatternToken.parse(h.form), PlaceName(codes: [code], kind: .region, needsPlaceContext: false, headType: nil))
                }
                nameParts.insert(partTokens, PlaceName(codes: [code], kind: .region, needsPlaceContext: false, headType: r.type))
                if lang == "en" {
                    // French pages of the same site: "région de Penza", "oblast de Tomsk", "kraï de Perm".
                    for h in headsByType[r.type, default: []] where h.lang == "fr" {
                        names.insert(PatternToken.parse(h.form) + partTokens, PlaceName(codes: [code], kind: .region, needsPlaceContext: false, headType: nil))
                    }
                }
                if lang == "en", partTokens.count == 1, !partTokens[0].isStem, partTokens[0].text.unicodeScalars.count >= 5 {
                    fuzzyParts.append((Array(partTokens[0].text.unicodeScalars), [code], r.type))
                }
            }
            for full in [r.nameEn, r.nameRu] {
                names.insert(PatternToken.parse(full.lowercased()), PlaceName(codes: [code], kind: .region, needsPlaceContext: false, headType: nil))
            }
        }
        for (_, row) in TSVTable(path: "region-names.tsv", text: namesTSV).records {
            let codes = (row["code"] ?? "").split(separator: "|").map(String.init).filter { regions[$0] != nil }
            guard !codes.isEmpty, let form = row["form"], !form.isEmpty else { continue }
            names.insert(PatternToken.parse(form), PlaceName(codes: codes, kind: .region, needsPlaceContext: false, headType: nil))
        }
        for (_, row) in TSVTable(path: "cities.tsv", text: citiesTSV).records {
            guard let code = row["code"], regions[code] != nil else { continue }
            let loc = (row["flags"] ?? "").contains("loc")
            let place = PlaceName(codes: [code], kind: .city, needsPlaceContext: loc, headType: nil)
            for en in (row["en"] ?? "").split(separator: "|") where !en.isEmpty {
                names.insert(PatternToken.parse(en.lowercased()), place)
            }
            for ru in (row["ru"] ?? "").split(separator: "|") where !ru.isEmpty {
                names.insert(PatternToken.parse(String(ru)), place)
            }
        }
    }

    public func region(_ code: String) -> Region? { regions[code] }

    /// `region(code)?.ref`, without copying the region.
    func regionRef(_ code: String) -> RegionRef? { refs[code] }

    /// Words after which a city name is a place, not a surname or a common word, and the
    /// separators of coordinated lists: both from `data/words.tsv`. Word lists, not sets of
    /// strings: a set hashed the token's norm (SipHash) at every separator and every city
    /// name, where a list compares the token's precomputed key.
    var placeContextWords = WordList([])
    var listSeparators = WordList([])

    /// Every subject or city named in `tokens`, left to right; ambiguous names come back with
    /// several codes. `placeLine` says the whole text is a place (a listing's location line),
    /// so names that need a place context count anyway.
    func matches(in tokens: [WordToken], placeLine: Bool = false) -> [RegionMatch] {
        tokens.withUnsafeBufferPointer { matches(in: $0, placeLine: placeLine) }
    }

    // On a buffer: the walk visits every token and reads its fields in place, where indexing
    // the array copied each token (and retained its norm).
    private func matches(in tokens: UnsafeBufferPointer<WordToken>, placeLine: Bool) -> [RegionMatch] {
        var out: [RegionMatch] = []
        var i = 0
        // Most words start no name and no name part, and are no capitalised word a fuzzy
        // name could be: a word whose start bits (`WordStarts`, from the tokenizer's cache)
        // say so is passed with one test, where the three tests below each read their
        // table's tag and bit.
        let tag = names.startTag, either = names.startBit | nameParts.startBit
        let bitsServe = names.startTag == nameParts.startTag
        while i < tokens.count {
            guard tokens[i].kind == .word else { i += 1; continue }
            let starts = tokens[i].keys.starts
            if bitsServe && starts & ~WordStarts.bitsMask == tag && starts & either == 0 && !(tokens[i].capitalized && tokens[i].keys.count >= 5) {
                i += 1
                continue
            }
            if let (end, payloads) = names.longestMatch(tokens, at: i) {
                // One name of one subject (nearly every match) takes its codes as they are;
                // several are merged without repeats.
                var codes: [String] = payloads.count == 1 && payloads[0].codes.count <= 1 ? payloads[0].codes : []
                var city = true
                var needsContext = true
                for p in payloads {
                    if payloads.count > 1 || p.codes.count > 1 { for c in p.codes where !codes.contains(c) { codes.append(c) } }
                    if p.kind == .region { city = false }
                    if !p.needsPlaceContext { needsContext = false }
                }
                // A name-part followed by more of a coordinated list wins over a bare city name:
                // "Rostov, Kaliningrad and Ivanovo Regions".
                if let list = coordinatedList(tokens, from: i), list.last!.end >= end, city || list.count > 1 {
                    out.append(contentsOf: list)
                    i = list.last!.end
                    continue
                }
                let contextOK = !needsContext || placeLine || hasPlaceContext(tokens, before: i)
                let nameLooksProper = tokens[i].capitalized || tokens[i].allCaps || placeLine || !city
                if contextOK && nameLooksProper && !codes.isEmpty {
                    out.append(RegionMatch(codes: codes.count <= 1 ? codes : codes.sorted(), start: i, end: end, isCity: city, fuzzy: false))
                    i = end
                    continue
                }
            }
            if let list = coordinatedList(tokens, from: i) {
                out.append(contentsOf: list)
                i = list.last!.end
                continue
            }
            if let f = fuzzyMatch(tokens, at: i) {
                out.append(f)
                i = f.end
                continue
            }
            i += 1
        }
        return out
    }

    private func hasPlaceContext(_ tokens: UnsafeBufferPointer<WordToken>, before i: Int) -> Bool {
        guard i > 0 else { return false }
        return placeContextWords.contains(tokens[i - 1])
    }

    /// `name (sep name)* head`: "Белгородской, Иркутской, Калужской областей",
    /// "Nizhny Novgorod, Kaluga, Amur and Sakhalin Regions", "Novgorod Region". Asked at every
    /// word, so the test for a first name part is made inline.
    @inline(__always)
    private func coordinatedList(_ tokens: UnsafeBufferPointer<WordToken>, from i: Int) -> [RegionMatch]? {
        guard nameParts.mayMatch(tokens, at: i) else { return nil }
        return coordinatedListFrom(tokens, i)
    }

    private func coordinatedListFrom(_ tokens: UnsafeBufferPointer<WordToken>, _ i: Int) -> [RegionMatch]? {
        // The first part is held apart, and the list of the others made only for a second:
        // most names asked here are one part, or none, and the array was an allocation each.
        var first: (Int, Int, [PlaceName])?
        var parts: [(Int, Int, [PlaceName])] = []
        var j = i
        while j < tokens.count {
            guard let (end, payloads) = nameParts.longestMatch(tokens, at: j) else { break }
            if first == nil { first = (j, end, payloads) } else { parts.append((j, end, payloads)) }
            j = end
            // Head noun right after the last part?
            if let (hend, types) = heads.longestMatch(tokens, at: j) {
                func match(_ s: Int, _ e: Int, _ ps: [PlaceName]) -> RegionMatch? {
                    // The codes of the names the head takes, in order: those of one name as
                    // they are (nearly always), where a filtered list and a flattened one
                    // were an allocation each.
                    var all: [String] = []
                    var taken = 0
                    for p in ps where types.contains(p.headType ?? "") {
                        if taken == 0 { all = p.codes } else { all.append(contentsOf: p.codes) }
                        taken += 1
                    }
                    // Most parts name one subject: no set to make and sort.
                    let codes = all.count <= 1 ? all : Set(all).sorted()
                    if codes.isEmpty { return nil }
                    return RegionMatch(codes: codes, start: s, end: e, isCity: false, fuzzy: false)
                }
                var out: [RegionMatch] = []
                out.reserveCapacity(1 + parts.count)
                guard let (s0, e0, ps0) = first, let m0 = match(s0, e0, ps0) else { return nil }
                out.append(m0)
                for (s, e, ps) in parts {
                    guard let m = match(s, e, ps) else { return nil }
                    out.append(m)
                }
                out[out.count - 1].end = hend
                return out
            }
            // Otherwise a separator must follow, then another part.
            var k = j
            var sawSep = false
            while k < tokens.count, listSeparators.contains(tokens[k]) { sawSep = true; k += 1 }
            if !sawSep || k - j > 3 { return nil }
            j = k
        }
        return nil
    }

    /// A capitalised English word right before a head noun, one or two letters from a known
    /// name ("Orenbourg Region"). Only when exactly one subject is that close.
    @inline(__always)
    private func fuzzyMatch(_ tokens: UnsafeBufferPointer<WordToken>, at i: Int) -> RegionMatch? {
        guard tokens[i].capitalized, tokens[i].keys.count >= 5, heads.mayMatch(tokens, at: i + 1) else { return nil }
        return fuzzyMatchBefore(tokens, i)
    }

    private func fuzzyMatchBefore(_ tokens: UnsafeBufferPointer<WordToken>, _ i: Int) -> RegionMatch? {
        guard let (hend, types) = heads.longestMatch(tokens, at: i + 1) else { return nil }
        let w = Array(tokens[i].norm.unicodeScalars)
        let limit = w.count >= 8 ? 2 : 1
        var found: [String] = []
        var bestDistance = Int.max
        for f in fuzzyParts where types.contains(f.headType) && abs(f.word.count - w.count) <= limit {
            let d = EditDistance.levenshtein(w, f.word, limit: limit)
            if d > limit { continue }
            if d < bestDistance { bestDistance = d; found = f.codes } else if d == bestDistance { found.append(contentsOf: f.codes) }
        }
        let unique = Array(Set(found)).sorted()
        guard unique.count == 1 else { return nil }
        return RegionMatch(codes: unique, start: i, end: hend, isCity: false, fuzzy: true)
    }

}
