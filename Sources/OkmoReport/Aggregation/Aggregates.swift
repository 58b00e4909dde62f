import OkmoCore

/// Counts behind every figure of the report, with the records each comes from.
///
/// Rules (written into the report's methodology): an event counts once, in the month and year
/// it starts; `--year` keeps the events and meetings that start in that year; a municipality
/// counts once however many events it held (region + normalised name); coverage is the number
/// of federal subjects with at least one event out of all subjects in `data/regions.tsv`.
struct Aggregates {
    var events: [Event]
    var meetings: [Meeting]
    var undatedEvents: [Event]
    var droppedByYear: Int
    var byRegion: [String: [Event]] = [:]
    var byDistrict: [String: [Event]] = [:]
    var byKind: [String: [Event]] = [:]
    var byTopic: [String: [Event]] = [:]
    var byMonth: [Int: [Event]] = [:]
    var byMunicipalityType: [String: [Event]] = [:]
    var municipalities: Set<String> = []
    var outsideRussia: [Event] = []
    var noRegion: [Event] = []

    init(records: Records, year: Int?) {
        var kept: [Event] = []
        var undated: [Event] = []
        var dropped = 0
        for e in records.events {
            if let y = year {
                guard let s = e.start else { undated.append(e); dropped += 1; continue }
                if s.year != y { dropped += 1; continue }
            } else if e.start == nil {
                undated.append(e)
            }
            kept.append(e)
        }
        events = kept
        undatedEvents = undated
        meetings = records.meetings.filter { m in
            guard let y = year else { return true }
            return m.start?.year == y
        }
        droppedByYear = dropped + (records.meetings.count - meetings.count)
        for e in events {
            if let r = e.region {
                byRegion[r.code, default: []].append(e)
                if let d = e.federalDistrict { byDistrict[d, default: []].append(e) }
                if let m = e.municipality { municipalities.insert(r.code + "|" + Normalise.key(m)) }
            } else {
                noRegion.append(e)
            }
            byKind[e.kind ?? "other", default: []].append(e)
            for t in e.topics { byTopic[t, default: []].append(e) }
            if let s = e.start { byMonth[s.month, default: []].append(e) }
            byMunicipalityType[e.municipalityType ?? "unknown", default: []].append(e)
        }
    }

    var participants: Int { meetings.compactMap(\.participants).reduce(0, +) }
    var meetingsWithCount: Int { meetings.filter { $0.participants != nil }.count }
}
