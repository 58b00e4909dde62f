import OkmoCore

/// What a listing's place line says: the municipality, its type, the federal subject.
struct PlaceAnalysis: Equatable, Sendable {
    var municipality: String?
    var municipalityType: String?
    var regionCodes: [String] = []
    var fuzzy = false
    var isAmbiguous: Bool { regionCodes.count > 1 }
}

/// Reads a place line ("Intracity municipality of St. Petersburg, the city of Lomonosov",
/// "Ileksky district, Orenburg region", "Закрытое административно-территориальное образование
/// Северск, Томская область") into a municipality, its type and its region.
struct PlaceAnalyzer {
    let lex: Lexicons

    // Word lists, asked on a token's key and bytes: sets of strings made each token's string
    // and hashed it (a Russian word's hash asking the Unicode tables first).
    static let stopWords = WordList(["of", "the", "in", "de", "du", "la", "le", "des", "и", "в", "at"])
    static let genericWords = WordList(["council", "councils", "municipalities", "association", "administration", "government",
                                        "совет", "ассоциация", "администрация", "okrug"])

    func analyze(_ place: String) -> PlaceAnalysis {
        let scalars = Array(place.unicodeScalars)
        let tokens = Tokenizer.tokens(scalars)
        return analyze(ListingParser.PlaceReading(scalars: scalars, tokens: tokens, matches: lex.gazetteer.matches(in: tokens, placeLine: true)))
    }

    /// A place line already read (the listing parser reads each candidate line once).
    func analyze(_ reading: ListingParser.PlaceReading) -> PlaceAnalysis {
        let scalars = reading.scalars
        let tokens = reading.tokens
        var result = PlaceAnalysis()
        let matches = reading.matches
        let regionMatches = matches.filter { !$0.isCity }
        let pick = regionMatches.isEmpty ? matches : regionMatches
        var codes: [String] = []
        for m in pick { for c in m.codes where !codes.contains(c) { codes.append(c) } }
        // Several different unambiguous subjects: the most specific (last written) one wins
        // only when all but one are cities inside it; otherwise it stays ambiguous.
        let unambiguous = pick.filter { !$0.isAmbiguous }
        if !unambiguous.isEmpty {
            let set = Array(Set(unambiguous.flatMap(\.codes))).sorted()
            result.regionCodes = set
        } else {
            result.regionCodes = codes.sorted()
        }
        result.fuzzy = pick.contains { $0.fuzzy }

        // Type words, by rank, outside the region's own name ("Autonomous District").
        var removed = [Bool](repeating: false, count: tokens.count)
        for m in matches where !m.isCity { for k in m.start..<m.end { removed[k] = true } }
        var inRegion = removed
        var types: [(type: String, rank: Int, at: Int)] = []
        var i = 0
        while i < tokens.count {
            if inRegion[i] { i += 1; continue }
            if let (end, words) = lex.municipalityTypes.longestMatch(tokens, at: i) {
                let w = words.min { $0.rank < $1.rank }!
                if w.type != "none" { types.append((w.type, w.rank, i)) }
                for k in i..<end { removed[k] = true; inRegion[k] = true }
                i = end
            } else { i += 1 }
        }
        for (k, t) in tokens.enumerated() where PlaceAnalyzer.stopWords.contains(t) || t.kind == .punct && !t.normBytes.equals(",") {
            removed[k] = true
        }
        // The name: the first comma-separated part with words left; its type, the type words
        // of that part (a closed territory or intracity municipality anywhere wins).
        var name: String?
        var bestType: (String, Int)? = types.filter { $0.rank == 1 }.min { $0.rank < $1.rank }.map { ($0.type, $0.rank) }
        var segStart = 0
        while segStart < tokens.count && name == nil {
            var segEnd = segStart
            while segEnd < tokens.count && !tokens[segEnd].normBytes.equals(",") { segEnd += 1 }
            let kept = (segStart..<segEnd).filter { !removed[$0] && tokens[$0].kind != .punct }
            if !kept.isEmpty, !kept.allSatisfy({ PlaceAnalyzer.genericWords.contains(tokens[$0]) }) {
                var text = ""
                if kept.last! - kept.first! + 1 == kept.count {
                    // Contiguous words: as written ("Okrug No. 78", "Naro-Fominsk").
                    text = UTF8Bytes.string(scalars[tokens[kept.first!].start..<tokens[kept.last!].end])
                } else {
                    for (n, k) in kept.enumerated() {
                        if n > 0 { text += tokens[k].hyphenBefore && kept[n - 1] == k - 1 ? "-" : " " }
                        text += UTF8Bytes.string(scalars[tokens[k].start..<tokens[k].end])
                    }
                }
                name = text
                if bestType == nil, let t = types.filter({ (segStart..<segEnd).contains($0.at) }).min(by: { $0.rank < $1.rank }) {
                    bestType = (t.type, t.rank)
                }
            }
            segStart = segEnd + 1
        }
        if bestType == nil, let t = types.min(by: { $0.rank < $1.rank }) { bestType = (t.type, t.rank) }
        result.municipalityType = bestType?.0
        if var n = name {
            let latin = n.unicodeScalars.first.map { $0.value < 0x400 } ?? true
            if let f = n.first, f.isLowercase { n = f.uppercased() + n.dropFirst() }
            if latin {
                switch bestType?.0 {
                case "municipal-district": if !n.lowercased().hasSuffix("district") { n += " District" }
                case "urban-district": if !n.lowercased().hasSuffix("district") { n += " Urban District" }
                case "municipal-okrug": if !n.lowercased().hasSuffix("okrug") { n += " Okrug" }
                default: break
                }
            }
            result.municipality = n
        } else if !result.regionCodes.isEmpty && bestType == nil {
            result.municipalityType = "region"
        }
        return result
    }
}
