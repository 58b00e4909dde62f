import OkmoCore

/// One record as `diff` compares it: its id, a label for people, its fields as text, and the
/// keys similarity matching uses.
struct DiffItem {
    var id: String
    var label: String
    var source: String
    var file: String
    var fields: [(String, String)]
    var titleKey: String
    var placeKey: String
    var dateKey: String
    var regionKey: String

    init(_ e: Event) {
        id = e.id
        label = e.title
        source = "\(e.source.file):\(e.source.line)"
        file = e.source.file
        fields = [("title", e.title), ("location", e.location ?? "—"), ("municipality", e.municipality ?? "—"),
                  ("municipalityType", e.municipalityType ?? "—"), ("region", e.region.map { "\($0.name) (\($0.code))" } ?? "—"),
                  ("federalDistrict", e.federalDistrict ?? "—"), ("start", e.start?.description ?? "—"), ("end", e.end?.description ?? "—"),
                  ("kind", e.kind ?? "—"), ("topics", e.topics.isEmpty ? "—" : e.topics.joined(separator: ", "))]
        titleKey = Normalise.key(e.title)
        placeKey = Normalise.key(e.location ?? "")
        dateKey = (e.start?.description ?? "") + "/" + (e.end?.description ?? "")
        regionKey = e.region?.code ?? ""
    }

    init(_ m: Meeting) {
        id = m.id
        label = m.title
        source = "\(m.source.file):\(m.source.line)"
        file = m.source.file
        fields = [("title", m.title), ("start", m.start?.description ?? "—"), ("end", m.end?.description ?? "—"), ("place", m.place ?? "—"),
                  ("regions", m.regions.isEmpty ? "—" : m.regions.map(\.code).joined(separator: ", ")),
                  ("participants", m.participants.map(String.init) ?? "—"),
                  ("organizations", m.organizations.isEmpty ? "—" : m.organizations.map(\.id).joined(separator: ", ")),
                  ("figures", m.figures.isEmpty ? "—" : m.figures.map(\.text).joined(separator: "; ")),
                  ("topics", m.topics.isEmpty ? "—" : m.topics.joined(separator: ", ")), ("url", m.url ?? "—"), ("language", m.language)]
        titleKey = Normalise.key(m.title)
        placeKey = Normalise.key(m.place ?? "")
        dateKey = (m.start?.description ?? "") + "/" + (m.end?.description ?? "")
        regionKey = m.regions.map(\.code).joined(separator: ",")
    }
}

/// What changed between two lists of records.
struct RecordChanges {
    struct Change {
        var old: DiffItem
        var new: DiffItem
        var fields: [(name: String, old: String, new: String)]
        var moved: Bool { old.file != new.file }
    }
    var added: [DiffItem] = []
    var removed: [DiffItem] = []
    var changed: [Change] = []
    /// Same content, in another file (a shift of lines within a file is not a change).
    var moved: [Change] = []

    var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty && moved.isEmpty }

    /// Pairs records by id, then the rest by similarity (title, place, dates, region), so that a
    /// record whose id changed because one field was corrected reads as changed.
    init(old: [DiffItem], new: [DiffItem]) {
        var newByID: [String: Int] = [:]
        for (i, n) in new.enumerated() where newByID[n.id] == nil { newByID[n.id] = i }
        var usedNew = Set<Int>()
        var pairs: [(Int, Int)] = []
        var restOld: [Int] = []
        for (i, o) in old.enumerated() {
            if let j = newByID[o.id], !usedNew.contains(j) { pairs.append((i, j)); usedNew.insert(j) } else { restOld.append(i) }
        }
        let restNew = new.indices.filter { !usedNew.contains($0) }
        // Candidates share a title, a place or dates; scored, best pairs first, ties by position.
        var byTitle: [String: [Int]] = [:], byPlace: [String: [Int]] = [:], byDate: [String: [Int]] = [:]
        for j in restNew {
            byTitle[new[j].titleKey, default: []].append(j)
            if !new[j].placeKey.isEmpty { byPlace[new[j].placeKey, default: []].append(j) }
            byDate[new[j].dateKey, default: []].append(j)
        }
        var scored: [(score: Double, i: Int, j: Int)] = []
        for i in restOld {
            let o = old[i]
            var cands = Set<Int>()
            for j in (byTitle[o.titleKey] ?? []).prefix(50) { cands.insert(j) }
            for j in (byPlace[o.placeKey] ?? []).prefix(200) { cands.insert(j) }
            for j in (byDate[o.dateKey] ?? []).prefix(200) { cands.insert(j) }
            for j in cands {
                let n = new[j]
                let t = RecordChanges.similarity(o.titleKey, n.titleKey)
                guard t >= 0.5 else { continue }
                let score = 0.5 * t + 0.2 * (o.placeKey == n.placeKey ? 1 : RecordChanges.similarity(o.placeKey, n.placeKey))
                    + 0.2 * (o.dateKey == n.dateKey ? 1 : 0) + 0.1 * (o.regionKey == n.regionKey ? 1 : 0)
                if score >= 0.7 { scored.append((score, i, j)) }
            }
        }
        scored.sort { ($0.score, -$0.i, -$0.j) > ($1.score, -$1.i, -$1.j) }
        var usedOld = Set<Int>()
        for s in scored where !usedOld.contains(s.i) && !usedNew.contains(s.j) {
            usedOld.insert(s.i); usedNew.insert(s.j); pairs.append((s.i, s.j))
        }
        for i in restOld where !usedOld.contains(i) { removed.append(old[i]) }
        for j in new.indices where !usedNew.contains(j) { added.append(new[j]) }
        for (i, j) in pairs.sorted(by: { $0.1 < $1.1 }) {
            let o = old[i], n = new[j]
            var fields: [(String, String, String)] = []
            for ((name, ov), (_, nv)) in zip(o.fields, n.fields) where ov != nv { fields.append((name, ov, nv)) }
            let c = Change(old: o, new: n, fields: fields)
            if !fields.isEmpty { changed.append(c) } else if c.moved { moved.append(c) }
        }
    }

    /// Dice coefficient of character bigrams: 1 for equal strings, near 1 for a typo.
    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard x.count >= 2, y.count >= 2 else { return 0 }
        var counts: [UInt64: Int] = [:]
        for k in 0..<(x.count - 1) { counts[UInt64(x[k].value) << 32 | UInt64(x[k + 1].value), default: 0] += 1 }
        var common = 0
        for k in 0..<(y.count - 1) {
            let key = UInt64(y[k].value) << 32 | UInt64(y[k + 1].value)
            if let c = counts[key], c > 0 { counts[key] = c - 1; common += 1 }
        }
        return Double(2 * common) / Double(x.count - 1 + y.count - 1)
    }
}
