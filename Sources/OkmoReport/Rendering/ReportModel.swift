import OkmoCore

/// The report's view model: every value a template shows, ready to print (numbers formatted
/// for the language, plural forms chosen, dates written out), so templates hold no logic.
struct ReportModel {
    enum Output { case markdown, html }

    let diagnostics: [Diagnostic]
    let lex: Lexicons
    let t: Messages
    let year: Int?
    let agg: Aggregates
    var generatedOn: Day?
    var chapters: [Chapter] = []

    struct Chapter { var id: String; var title: String; var markdown: String; var html: String }

    /// `diagnostics`: every diagnostic of the run, for the data-quality appendix; `agg`: the
    /// counts and the listed records, gathered while the records streamed past.
    init(aggregates: Aggregates, diagnostics: [Diagnostic], lex: Lexicons, messages: Messages) {
        self.diagnostics = diagnostics
        self.lex = lex
        self.t = messages
        self.year = aggregates.year
        self.agg = aggregates
    }

    init(records: Records, lex: Lexicons, messages: Messages, year: Int?) {
        self.init(aggregates: Aggregates(records: records, year: year), diagnostics: records.diagnostics, lex: lex, messages: messages)
    }

    private var lang: String { t.lang }
    private func num(_ n: Int) -> String { Format.number(n, lang: lang) }
    private func source(_ file: String, _ line: Int) -> String { "\(file):\(line)" }

    private func regionName(_ code: String) -> String {
        guard let r = lex.gazetteer.region(code) else { return code }
        return lang == "ru" ? r.nameRu : r.nameEn
    }

    private func districtName(_ d: String) -> String { t.has("district." + d) ? t["district." + d] : d }
    private func kindName(_ k: String) -> String { t.has("kind." + k) ? t["kind." + k] : k }
    private func topicName(_ k: String) -> String { t.has("topic." + k) ? t["topic." + k] : k }
    private func typeName(_ k: String) -> String { t.has("mtype." + k) ? t["mtype." + k] : k }

    /// "из 12 записей" / "from 12 records": how many records a figure rests on.
    private func basis(_ n: Int) -> String { t["basis.prefix"] + "\u{A0}" + t.count(n, "plural.record") }

    private func share(_ n: Int, _ total: Int) -> String { Format.percent(n, of: total, lang: lang) }

    /// A list cut at the build's `--list-limit`: false when everything is listed, else the
    /// sentence that says how many are shown and where the rest are.
    private func more(listed: Int, of total: Int, _ plural: String) -> JSONValue {
        guard listed < total else { return .bool(false) }
        return .string(t["list.more"].replacing("{shown}", with: num(listed)).replacing("{total}", with: t.count(total, plural)))
    }

    /// The chapters' fields of a context (`context(for:)` writes them too).
    private func addChapters(to c: inout [String: JSONValue]) {
        c["chapters"] = .array(chapters.map { .object(["id": .string($0.id), "title": .string($0.title), "markdown": .string($0.markdown), "html": .string($0.html)]) })
        c["has_chapters"] = .bool(!chapters.isEmpty)
    }

    /// `context` as `context(for:)` would make it now that the chapters are in: the chapters
    /// render with the context made before them, and the report's context was made again
    /// for them alone (a tenth of a report's rendering).
    func withChapters(_ context: JSONValue) -> JSONValue {
        guard case .object(var c) = context else { return context }
        addChapters(to: &c)
        return .object(c)
    }

    func context(for output: Output) -> JSONValue {
        let both = contexts()
        return output == .html ? both.html : both.markdown
    }

    /// Both reports' contexts from one pass: the HTML one is the Markdown one and the charts.
    /// Made one after the other, the second repeated every row of the first (the listed
    /// records, the data-quality rows), a fifth of a report's rendering.
    func contexts() -> (markdown: JSONValue, html: JSONValue) {
        var c: [String: JSONValue] = [:]
        // The message table, with dots as underscores: {{t.heading_regions}}.
        var labels: [String: JSONValue] = [:]
        for (k, v) in t.table { labels[k.replacing(".", with: "_")] = .string(v) }
        c["t"] = .object(labels)
        c["lang"] = .string(lang)
        let yearText = year.map(String.init) ?? t["year.all"]
        c["year"] = .string(yearText)
        c["title"] = .string(t["report.title"])
        c["generated"] = .string(generatedOn.map { t["generated"] + " " + t.dateRange($0, $0) } ?? "")
        c["subtitle"] = .string(year.map { t["report.subtitle_year"].replacing("{year}", with: String($0)) } ?? t["report.subtitle_all"])

        let nEvents = agg.eventCount
        let covered = agg.byRegion.count
        let totalRegions = lex.gazetteer.order.count
        let regionEvents = agg.regionEventCount

        // Summary: each key figure with the number of records it rests on.
        var summary: [JSONValue] = []
        func item(_ label: String, _ value: String, _ basisCount: Int) {
            summary.append(.object(["label": .string(label), "value": .string(value), "basis": .string(basis(basisCount))]))
        }
        item(t["summary.events"], num(nEvents), nEvents)
        item(t["summary.regions"], "\(num(covered)) \(t["of"]) \(num(totalRegions))", regionEvents)
        item(t["summary.municipalities"], num(agg.municipalities.count), agg.municipalityEventCount)
        item(t["summary.meetings"], num(agg.meetingCount), agg.meetingCount)
        item(t["summary.participants"], num(agg.participants), agg.meetingsWithCount)
        c["summary"] = .array(summary)
        c["events_count"] = .string(num(nEvents))
        c["events_phrase"] = .string(t.count(nEvents, "plural.event"))
        c["regions_covered"] = .string(num(covered))
        c["regions_total"] = .string(num(totalRegions))
        c["regions_phrase"] = .string(t.count(covered, "plural.region"))
        c["regions_in_phrase"] = .string(t.count(covered, "plural.region_loc"))
        c["meetings_phrase"] = .string(t.count(agg.meetingCount, "plural.meeting"))
        c["coverage_share"] = .string(share(covered, totalRegions))

        // Regions by federal district.
        var districts: [JSONValue] = []
        let districtOrder = ["Central", "Northwestern", "Southern", "North Caucasian", "Volga", "Ural", "Siberian", "Far Eastern"]
        var districtBars: [Charts.Bar] = []
        for d in districtOrder {
            let inDistrict = agg.byDistrict[d] ?? 0
            let codes = lex.gazetteer.order.filter { lex.gazetteer.region($0)?.district == d }
            var rows: [JSONValue] = []
            for code in codes.sorted(by: { (agg.byRegion[$0] ?? 0, regionName($1)) > (agg.byRegion[$1] ?? 0, regionName($0)) }) {
                guard let n = agg.byRegion[code], n > 0 else { continue }
                let munis = agg.regionMunicipalities[code]?.count ?? 0
                rows.append(.object(["name": .string(regionName(code)), "code": .string(code), "events": .string(num(n)),
                                     "municipalities": .string(num(munis)), "share": .string(share(n, nEvents))]))
            }
            districtBars.append(Charts.Bar(label: districtName(d), value: inDistrict, valueText: num(inDistrict)))
            districts.append(.object(["name": .string(districtName(d)), "events": .string(num(inDistrict)),
                                      "share": .string(share(inDistrict, nEvents)),
                                      "covered": .string("\(num(agg.districtRegions[d]?.count ?? 0)) \(t["of"]) \(num(codes.count))"),
                                      "regions": .array(rows), "has_regions": .bool(!rows.isEmpty)]))
        }
        c["districts"] = .array(districts)
        c["no_region_count"] = .string(num(agg.noRegionCount))
        c["has_no_region"] = .bool(agg.noRegionCount > 0)

        // Topics, kinds, municipality types, months.
        func table(_ groups: [String: Int], name: (String) -> String, order: [String]? = nil) -> ([JSONValue], [Charts.Bar]) {
            let keys = order ?? groups.keys.sorted { (groups[$0]!, $1) > (groups[$1]!, $0) }
            var rows: [JSONValue] = []
            var bars: [Charts.Bar] = []
            for k in keys {
                let n = groups[k] ?? 0
                if order == nil && n == 0 { continue }
                rows.append(.object(["name": .string(name(k)), "id": .string(k), "count": .string(num(n)), "share": .string(share(n, nEvents))]))
                bars.append(Charts.Bar(label: name(k), value: n, valueText: num(n)))
            }
            return (rows, bars)
        }
        let (topicRows, topicBars) = table(agg.byTopic, name: topicName)
        c["topics"] = .array(topicRows)
        c["has_topics"] = .bool(!topicRows.isEmpty)
        let (kindRows, kindBars) = table(agg.byKind, name: kindName)
        c["kinds"] = .array(kindRows)
        let (typeRows, _) = table(agg.byMunicipalityType, name: typeName)
        c["mtypes"] = .array(typeRows)
        var monthRows: [JSONValue] = []
        var monthBars: [Charts.Bar] = []
        for m in 1...12 {
            let n = agg.byMonth[m] ?? 0
            monthRows.append(.object(["name": .string(t.month(m, genitive: false)), "count": .string(num(n)), "share": .string(share(n, nEvents))]))
            monthBars.append(Charts.Bar(label: t.month(m, genitive: false), value: n, valueText: num(n)))
        }
        c["months"] = .array(monthRows)
        c["undated_count"] = .string(num(agg.undatedEventCount))
        c["has_undated"] = .bool(agg.undatedEventCount > 0)

        // Meetings.
        var meetings: [JSONValue] = []
        for m in agg.listedMeetings {
            let orgs = m.organizations.map { o -> String in
                let names = lex.organizationNames[o.id]
                return lang == "ru" ? (names?.ru.isEmpty == false ? names!.ru : o.name) : (names?.en ?? o.name)
            }
            let figures = m.figures.map { $0.text }
            meetings.append(.object([
                "title": .string(m.title), "dates": .string(t.dateRange(m.start, m.end)),
                "place": .string(m.place.map { t.has("place." + $0) ? t["place." + $0] : $0 } ?? "—"),
                "participants": .string(m.participants.map(num) ?? "—"),
                "organizations": .string(orgs.isEmpty ? "—" : orgs.joined(separator: "; ")),
                "regions": .string(m.regions.isEmpty ? "—" : m.regions.map { regionName($0.code) }.joined(separator: "; ")),
                "figures": .string(figures.isEmpty ? "—" : figures.joined(separator: "; ")),
                "source": .string(source(m.source.file, m.source.line) + "–\(m.source.endLine ?? m.source.line)"),
                "url": .optional(m.url), "language": .string(m.language),
            ]))
        }
        c["meetings"] = .array(meetings)
        c["has_meetings"] = .bool(!meetings.isEmpty)
        c["meetings_more"] = more(listed: meetings.count, of: agg.meetingCount, "plural.meeting_gen")

        // Appendix: every event with its source line.
        var evRows: [JSONValue] = []
        for (i, e) in agg.listedEvents.enumerated() {
            evRows.append(.object([
                "n": .string(String(i + 1)),
                "title": .string(e.title), "dates": .string(t.dateRange(e.start, e.end)),
                "place": .string(e.location ?? "—"),
                "region": .string(e.region.map { regionName($0.code) } ?? "—"),
                "kind": .string(kindName(e.kind ?? "other")),
                "source": .string(source(e.source.file, e.source.line)),
            ]))
        }
        c["events"] = .array(evRows)
        c["events_more"] = more(listed: evRows.count, of: nEvents, "plural.event_gen")

        // Data quality: every warning and note with its place.
        func diagRows(_ codes: Set<String>) -> (rows: [JSONValue], total: Int) {
            let all = diagnostics.filter { codes.contains($0.code) }
            return (all.prefix(agg.listLimit).map {
                .object(["source": .string("\($0.location.file):\($0.location.line)"), "message": .string($0.message),
                         "severity": .string(t["severity." + $0.severity.rawValue])])
            }, all.count)
        }
        let groups: [(String, Set<String>)] = [
            ("places", ["place-unresolved", "place-ambiguous", "place-fuzzy"]),
            ("dates", ["date-impossible", "date-end-before-start", "listing-no-date", "notes-no-year", "notes-no-date"]),
            ("duplicates", ["event-duplicate", "event-repeated"]),
            ("skipped", ["listing-skipped-line", "listing-skipped-prose", "listing-date-without-title", "listing-truncated-entry", "line-too-long"]),
        ]
        var known: Set<String> = []
        var quality: [String: JSONValue] = [:]
        for (name, codes) in groups {
            known.formUnion(codes)
            let (rows, total) = diagRows(codes)
            quality[name] = .array(rows)
            quality["has_" + name] = .bool(!rows.isEmpty)
            quality[name + "_count"] = .string(num(total))
            quality[name + "_more"] = more(listed: rows.count, of: total, "plural.problem_gen")
        }
        let other = diagnostics.filter { !known.contains($0.code) }.map(\.code)
        let (otherRows, otherTotal) = diagRows(Set(other))
        quality["other"] = .array(otherRows)
        quality["other_more"] = more(listed: otherRows.count, of: otherTotal, "plural.problem_gen")
        quality["has_other"] = .bool(!otherRows.isEmpty)
        quality["none"] = .bool(diagnostics.isEmpty)
        c["quality"] = .object(quality)

        addChapters(to: &c)
        // Handy values for the chapters' prose.
        if let top = agg.byRegion.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
            c["top_region"] = .object(["name": .string(regionName(top.key)), "events": .string(t.count(top.value, "plural.event"))])
        } else { c["top_region"] = .object(["name": .string("—"), "events": .string("0")]) }
        if let top = agg.byTopic.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
            c["top_topic"] = .object(["name": .string(topicName(top.key)), "count": .string(t.count(top.value, "plural.event"))])
        } else { c["top_topic"] = .object(["name": .string("—"), "count": .string("0")]) }
        c["data_version"] = .string(lex.version)
        c["dropped_by_year"] = .string(num(agg.droppedByYear))
        c["has_year"] = .bool(year != nil)

        let markdown = JSONValue.object(c)
        do {
            var charts: [String: JSONValue] = [:]
            charts["districts"] = .string(Charts.bars(id: "chart-districts", title: t["chart.districts"], description: t["chart.districts_desc"], bars: districtBars))
            charts["topics"] = .string(Charts.bars(id: "chart-topics", title: t["chart.topics"], description: t["chart.topics_desc"], bars: topicBars, color: "#7a4f8a"))
            charts["kinds"] = .string(Charts.bars(id: "chart-kinds", title: t["chart.kinds"], description: t["chart.kinds_desc"], bars: kindBars, color: "#8a6a2f"))
            charts["months"] = .string(Charts.timeline(id: "chart-months", title: t["chart.months"], description: t["chart.months_desc"], months: monthBars))
            var counts: [String: Int] = [:]
            var names: [String: String] = [:]
            var labelsMap: [String: String] = [:]
            for code in lex.gazetteer.order {
                counts[code] = agg.byRegion[code] ?? 0
                names[code] = regionName(code)
                if lang != "ru" { labelsMap[code] = String(code.dropFirst(3)) }
            }
            charts["map"] = .string(Charts.tileMap(id: "chart-map", title: t["chart.map"], description: t["chart.map_desc"],
                                                   grid: TileGrid.load(folder: lex.folder), counts: counts, names: names, labels: labelsMap,
                                                   legend: (t["chart.map_none"], t["chart.map_some"])))
            c["charts"] = .object(charts)
        }
        return (markdown, .object(c))
    }
}
