import OkmoCore
import Dispatch

/// Why `data/` could not be loaded (exit 65, or 66 when the folder is missing).
public struct DataError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var missing: Bool
    public var description: String { message }
}

/// Every table of `data/`, loaded once and compiled into matchers. Code holds the mechanism;
/// names, kinds, topics and organisations live in these tables.
public struct Lexicons: Sendable {
    public let folder: String
    public internal(set) var gazetteer: Gazetteer
    var kinds = PhraseMatcher<KindWord>()
    var topics = PhraseMatcher<TopicWord>()
    var organizations = PhraseMatcher<OrgWord>()
    var municipalityTypes = PhraseMatcher<TypeWord>()
    public private(set) var organizationNames: [String: (en: String, ru: String)] = [:]
    let boilerplate: ListingBoilerplate
    let notesJunk: [(match: String, text: String)]
    /// `notesJunk` compiled (see `NotesJunkRules`).
    let notesJunkRules: NotesJunkRules
    /// Lines longer than this many bytes can match no exact rule of `notesJunk`, and its
    /// first this many bytes decide every prefix rule; nil when a `contains` rule needs the
    /// whole line. See `NotesParser.isJunk`.
    let notesJunkWindow: Int?
    var months = PhraseMatcher<MonthWord>()
    var dateContext = PhraseMatcher<String>()
    var units = PhraseMatcher<String>()
    /// Function words by role (`data/words.tsv`).
    /// Words before a place that make it where something happens ("в", "in").
    private(set) var locative = WordList([])
    public private(set) var online: [(marker: String, place: String)] = []
    /// The markers of `online` as bytes, in table order.
    private(set) var onlineMarkers: [[UInt8]] = []
    /// Scale words after a number ("тыс", "million"), by their factor.
    private(set) var scales = WordMap<Double>()
    /// A short hash of every table, printed in the report's methodology.
    public let version: String
    public private(set) var topicIDs: [String] = []
    /// `topicIDs` sorted by name: a `TopicWord`'s `rank` is its place here.
    private(set) var topicIDsByName: [String] = []
    /// Works out, per word form, which of these tables may start a phrase there (see
    /// `WordStarts`); given to each worker's `WordCache`.
    private(set) var wordStarts: WordStarts?

    struct KindWord: Sendable { var kind: String; var lang: String }
    struct OrgWord: Sendable { var id: String; var capsOnly: Bool }
    struct TypeWord: Sendable { var type: String; var rank: Int }
    struct MonthWord: Sendable { var month: Int; var short: Bool }
    /// A topic and its place in `topicIDs`: a meeting counts its topics' hits by place, in an
    /// array, where a dictionary by name hashed the name at every hit.
    /// `rank`: its place among the ids sorted by name (a title's topics come out so sorted).
    struct TopicWord: Sendable, Equatable { var id: String; var index: Int; var rank: Int }

    static let files = ["regions.tsv", "region-names.tsv", "region-heads.tsv", "cities.tsv", "municipalities.tsv",
                        "kinds.tsv", "topics.tsv", "organizations.tsv", "municipality-types.tsv", "listing-boilerplate.tsv",
                        "notes-boilerplate.tsv", "months.tsv", "date-context.tsv", "units.tsv", "words.tsv"]

    public static func load(from folder: String) throws(DataError) -> Lexicons {
        var texts: [String: String] = [:]
        guard FileReader.kind(folder) == .directory else {
            throw DataError(message: "data folder '\(folder)' does not exist (use --data DIR)", missing: true)
        }
        for f in files {
            let path = folder + "/" + f
            guard let bytes = FileReader.readIfRegularFile(path) else {
                throw DataError(message: "data table '\(path)' is missing", missing: true)
            }
            guard TextDecoder.isValidUTF8(bytes) else { throw DataError(message: "\(path): not UTF-8", missing: false) }
            texts[f] = String(decoding: bytes, as: UTF8.self)
        }
        return Lexicons(folder: folder, texts: texts)
    }

    init(folder: String, texts: [String: String]) {
        self.folder = folder
        // The gazetteer, half of the tables' building, is built on a second thread while this
        // one builds the others: every run pays for the tables before it reads a line, and
        // on real inputs (a few dozen small files) that was most of a run. Each part is built
        // from its own tables alone, so the result is the same whichever finishes first.
        let built = Built<Gazetteer>()
        let group = DispatchGroup()
        let (regions, names, heads, cities, municipalities) = (texts["regions.tsv"] ?? "", texts["region-names.tsv"] ?? "",
                                                               texts["region-heads.tsv"] ?? "", texts["cities.tsv"] ?? "", texts["municipalities.tsv"] ?? "")
        DispatchQueue.global().async(group: group) {
            var g = Gazetteer(regionsTSV: regions, namesTSV: names, headsTSV: heads, citiesTSV: cities)
            g.addMunicipalities(municipalities)
            built.value = g
        }
        self.boilerplate = ListingBoilerplate(tsv: texts["listing-boilerplate.tsv"] ?? "")
        var junk: [(String, String)] = []
        for (_, r) in TSVTable(path: "notes-boilerplate.tsv", text: texts["notes-boilerplate.tsv"] ?? "").records {
            if let m = r["match"], let t = r["text"], !t.isEmpty { junk.append((m, t.lowercased())) }
        }
        self.notesJunk = junk
        self.notesJunkRules = NotesJunkRules(junk)
        // Lower case can shrink a scalar to a third of its bytes (K, the Kelvin sign, is three
        // bytes; k is one), never more: a line of more than three times a rule's bytes can't
        // lower to it, and three times the longest rule (plus a scalar) covers every prefix.
        let longest = junk.reduce(0) { max($0, $1.1.utf8.count) }
        self.notesJunkWindow = junk.contains { $0.0 == "contains" } ? nil : 3 * longest + 4
        let t = PhraseTables(texts)
        (kinds, topics, topicIDs, organizations, organizationNames) = (t.kinds, t.topics, t.topicIDs, t.organizations, t.organizationNames)
        topicIDsByName = t.topicIDsByName
        (municipalityTypes, months, dateContext, units) = (t.municipalityTypes, t.months, t.dateContext, t.units)
        group.wait()
        var g = built.value!
        for (_, r) in TSVTable(path: "words.tsv", text: texts["words.tsv"] ?? "").records {
            guard let role = r["role"], let form = r["form"], !form.isEmpty else { continue }
            switch role {
            case "place-context": g.placeContextWords.insert(form)
            case "list": g.listSeparators.insert(form)
            case "locative": locative.insert(form)
            case "online": online.append((form, r["value"] ?? form))
            case "scale": scales.set(Double(r["value"] ?? "") ?? 1, for: form)
            default: break
            }
        }
        self.gazetteer = g
        onlineMarkers = online.map { Array($0.marker.utf8) }
        var h = StableHash()
        for f in Lexicons.files { h.combine(f); h.combine(texts[f] ?? "") }
        self.version = String(String(h.value, radix: 16).suffix(8))

        // The tables with their bits assigned (a copy: `self` has constants, so it can't be
        // passed whole), then back.
        var tables = self
        wordStarts = WordStarts.assign(&tables)
        gazetteer = tables.gazetteer
        kinds = tables.kinds; topics = tables.topics; organizations = tables.organizations
        municipalityTypes = tables.municipalityTypes; months = tables.months; dateContext = tables.dateContext; units = tables.units
    }
}

/// The phrase tables but the gazetteer's, built apart from it (see
/// `Lexicons.init(folder:texts:)`).
private struct PhraseTables {
    var kinds = PhraseMatcher<Lexicons.KindWord>()
    var topics = PhraseMatcher<Lexicons.TopicWord>()
    var topicIDs: [String] = []
    var topicIDsByName: [String] = []
    var organizations = PhraseMatcher<Lexicons.OrgWord>()
    var organizationNames: [String: (en: String, ru: String)] = [:]
    var municipalityTypes = PhraseMatcher<Lexicons.TypeWord>()
    var months = PhraseMatcher<Lexicons.MonthWord>()
    var dateContext = PhraseMatcher<String>()
    var units = PhraseMatcher<String>()

    init(_ texts: [String: String]) {
        for (_, r) in TSVTable(path: "kinds.tsv", text: texts["kinds.tsv"] ?? "").records {
            guard let k = r["kind"], let f = r["form"], !k.isEmpty, !f.isEmpty else { continue }
            kinds.insert(PatternToken.parse(f.lowercased()), Lexicons.KindWord(kind: k, lang: r["lang"] ?? "en"))
        }
        var ids: [String] = []
        // The ids first, in the order they come, for each topic's place and its rank by name.
        let topicRecords = TSVTable(path: "topics.tsv", text: texts["topics.tsv"] ?? "").records.compactMap { _, r -> (String, String)? in
            guard let t = r["topic"], let f = r["form"], !t.isEmpty, !f.isEmpty else { return nil }
            return (t, f)
        }
        for (t, _) in topicRecords where !ids.contains(t) { ids.append(t) }
        let byName = ids.sorted()
        for (t, f) in topicRecords {
            topics.insert(PatternToken.parse(f.lowercased()), Lexicons.TopicWord(id: t, index: ids.firstIndex(of: t)!, rank: byName.firstIndex(of: t)!))
        }
        self.topicIDs = ids
        self.topicIDsByName = byName
        var names: [String: (String, String)] = [:]
        for (_, r) in TSVTable(path: "organizations.tsv", text: texts["organizations.tsv"] ?? "").records {
            guard let id = r["id"], !id.isEmpty else { continue }
            names[id] = (r["name_en"] ?? id, r["name_ru"] ?? "")
            for form in (r["forms"] ?? "").split(separator: "|") {
                var f = String(form)
                let caps = f.hasPrefix("=")
                if caps { f.removeFirst() }
                organizations.insert(PatternToken.parse(f.lowercased()), Lexicons.OrgWord(id: id, capsOnly: caps))
            }
        }
        self.organizationNames = names
        for (_, r) in TSVTable(path: "municipality-types.tsv", text: texts["municipality-types.tsv"] ?? "").records {
            guard let t = r["type"], let f = r["form"], !t.isEmpty else { continue }
            municipalityTypes.insert(PatternToken.parse(f.lowercased()), Lexicons.TypeWord(type: t, rank: Int(r["rank"] ?? "") ?? 9))
        }
        for (_, r) in TSVTable(path: "months.tsv", text: texts["months.tsv"] ?? "").records {
            guard let m = Int(r["month"] ?? ""), let f = r["form"], !f.isEmpty else { continue }
            let short = !f.hasSuffix("*") && f.unicodeScalars.count <= 4 && (r["lang"] ?? "") != "ru"
            months.insert(PatternToken.parse(f.lowercased()), Lexicons.MonthWord(month: m, short: short))
        }
        for (_, r) in TSVTable(path: "date-context.tsv", text: texts["date-context.tsv"] ?? "").records {
            if let role = r["role"], let f = r["form"], !f.isEmpty { dateContext.insert(PatternToken.parse(f.lowercased()), role) }
        }
        for (_, r) in TSVTable(path: "units.tsv", text: texts["units.tsv"] ?? "").records {
            guard let u = r["unit"], let f = r["form"], !f.isEmpty else { continue }
            if f == "%" || f == "₽" { units.insert([PatternToken(f)], u); continue }
            units.insert(PatternToken.parse(f.lowercased()), u)
        }
    }
}

extension Gazetteer {
    /// Intracity municipalities and small towns: names that need a place line or a place word.
    mutating func addMunicipalities(_ tsv: String) {
        for (_, row) in TSVTable(path: "municipalities.tsv", text: tsv).records {
            guard let code = row["code"], regions[code] != nil else { continue }
            let place = PlaceName(codes: [code], kind: .city, needsPlaceContext: true, headType: nil)
            for en in (row["en"] ?? "").split(separator: "|") where !en.isEmpty { names.insert(PatternToken.parse(en.lowercased()), place) }
            for ru in (row["ru"] ?? "").split(separator: "|") where !ru.isEmpty { names.insert(PatternToken.parse(String(ru)), place) }
        }
    }
}

/// The report map's layout: one grid cell per subject.
public struct TileGrid: Sendable {
    public struct Cell: Sendable { public var code: String; public var row: Int; public var col: Int; public var label: String }
    public var cells: [Cell]

    static func load(folder: String) -> TileGrid {
        guard let b = FileReader.readIfRegularFile(folder + "/tilegrid.tsv") else { return TileGrid(cells: []) }
        var cells: [Cell] = []
        for (_, r) in TSVTable(path: "tilegrid.tsv", text: String(decoding: b, as: UTF8.self)).records {
            guard let c = r["code"], let row = Int(r["row"] ?? ""), let col = Int(r["col"] ?? "") else { continue }
            cells.append(Cell(code: c, row: row, col: col, label: r["label"] ?? c))
        }
        return TileGrid(cells: cells)
    }
}
