import OkmoCore

/// Counts behind every figure of the report, gathered one record at a time so a build never
/// holds every record: the records stream to `records.json` while these counts grow.
///
/// Rules (written into the report's methodology): an event counts once, in the month and year
/// it starts; `--year` keeps the events and meetings that start in that year; a municipality
/// counts once however many events it held (region + normalised name); coverage is the number
/// of federal subjects with at least one event out of all subjects in `data/regions.tsv`.
///
/// The report lists records too (the meetings, and an appendix of events with their source
/// lines); those lists keep the first `listLimit` kept records in source order, and say how
/// many more `records.json` holds.
struct Aggregates {
    let year: Int?
    let listLimit: Int

    /// Kept events (after `--year`) and those among them with a region, a municipality.
    var eventCount = 0
    var regionEventCount = 0
    var municipalityEventCount = 0
    var undatedEventCount = 0
    var noRegionCount = 0
    var droppedByYear = 0
    var byRegion: [String: Int] = [:]
    var byDistrict: [String: Int] = [:]
    var districtRegions: [String: Set<String>] = [:]
    var regionMunicipalities: [String: Set<String>] = [:]
    var byKind: [String: Int] = [:]
    var byTopic: [String: Int] = [:]
    var byMonth: [Int: Int] = [:]
    /// Events by year × 100 + month of their start, 0 for none (see `byYearMonth`).
    private var byYearMonthNumber: [Int: Int] = [:]
    var byMunicipalityType: [String: Int] = [:]
    var municipalities: Set<String> = []
    /// The (region, municipality as written) pairs counted into `municipalities` already: a
    /// municipality written the same way again adds nothing there, and its key is not made
    /// again (normalising and two set inserts took most of an event's counting).
    private var countedMunicipalities: Set<RawMunicipality> = []
    private struct RawMunicipality: Hashable { var region: String; var name: String }
    /// The last (district, region) put in `districtRegions`: events come in runs from one region.
    private var lastDistrictRegion: (district: String, region: String)?

    /// "2020-03", or "no date": the diff's month rows.
    var byYearMonth: [String: Int] {
        var out: [String: Int] = [:]
        for (k, n) in byYearMonthNumber {
            // Named as a start date's `description` names its month; 0 makes no day.
            let month = Day(year: k / 100, month: k % 100, day: 1).map { String($0.description.prefix(7)) }
            out[month ?? "no date", default: 0] += n
        }
        return out
    }

    var meetingCount = 0
    var participants = 0
    var meetingsWithCount = 0

    /// The first `listLimit` kept events and meetings, for the report's lists.
    var listedEvents: [Event] = []
    var listedMeetings: [Meeting] = []

    init(year: Int?, listLimit: Int = Int.max) {
        self.year = year
        self.listLimit = listLimit
    }

    init(records: Records, year: Int?, listLimit: Int = Int.max) {
        self.init(year: year, listLimit: listLimit)
        for e in records.events { add(e) }
        for m in records.meetings { add(m) }
    }

    mutating func add(_ e: Event) {
        if let y = year {
            guard let s = e.start else { undatedEventCount += 1; droppedByYear += 1; return }
            if s.year != y { droppedByYear += 1; return }
        } else if e.start == nil {
            undatedEventCount += 1
        }
        eventCount += 1
        if listedEvents.count < listLimit { listedEvents.append(e) }
        if let r = e.region {
            regionEventCount += 1
            byRegion[r.code, default: 0] += 1
            if let d = e.federalDistrict {
                byDistrict[d, default: 0] += 1
                if lastDistrictRegion?.district != d || lastDistrictRegion?.region != r.code {
                    districtRegions[d, default: []].insert(r.code)
                    lastDistrictRegion = (d, r.code)
                }
            }
            if let m = e.municipality {
                municipalityEventCount += 1
                if countedMunicipalities.insert(RawMunicipality(region: r.code, name: m)).inserted {
                    let key = Normalise.key(m)
                    municipalities.insert(r.code + "|" + key)
                    regionMunicipalities[r.code, default: []].insert(key)
                }
            }
        } else {
            noRegionCount += 1
        }
        byKind[e.kind ?? "other", default: 0] += 1
        for t in e.topics { byTopic[t, default: 0] += 1 }
        if let s = e.start { byMonth[s.month, default: 0] += 1 }
        byYearMonthNumber[e.start.map { $0.year * 100 + $0.month } ?? 0, default: 0] += 1
        byMunicipalityType[e.municipalityType ?? "unknown", default: 0] += 1
    }

    mutating func add(_ m: Meeting) {
        if let y = year, m.start?.year != y { droppedByYear += 1; return }
        meetingCount += 1
        if let p = m.participants { participants += p; meetingsWithCount += 1 }
        if listedMeetings.count < listLimit { listedMeetings.append(m) }
    }
}
