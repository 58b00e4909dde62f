import OkmoCore

/// `okmo-report diff`: what changed between two versions of the records — headline figures
/// first, then records added, removed and changed, then every count that moved.
struct DiffReport {
    struct Row { var label: String; var old: Int; var new: Int; var delta: Int { new - old } }

    var oldName: String
    var newName: String
    var headline: [Row] = []
    var events: RecordChanges
    var meetings: RecordChanges
    var counts: [(title: String, rows: [Row])] = []

    var isEmpty: Bool { events.isEmpty && meetings.isEmpty && headline.allSatisfy { $0.delta == 0 } }

    init(old: Records, new: Records, oldName: String, newName: String) {
        self.oldName = oldName
        self.newName = newName
        events = RecordChanges(old: old.events.map(DiffItem.init), new: new.events.map(DiffItem.init))
        meetings = RecordChanges(old: old.meetings.map(DiffItem.init), new: new.meetings.map(DiffItem.init))
        let a = Aggregates(records: old, year: nil), b = Aggregates(records: new, year: nil)
        func count(_ r: Records, _ s: Severity) -> Int { r.diagnostics.filter { $0.severity == s }.count }
        headline = [
            Row(label: "Events", old: a.eventCount, new: b.eventCount),
            Row(label: "Federal subjects with events", old: a.byRegion.count, new: b.byRegion.count),
            Row(label: "Municipalities", old: a.municipalities.count, new: b.municipalities.count),
            Row(label: "Meetings", old: a.meetingCount, new: b.meetingCount),
            Row(label: "Meeting participants (stated)", old: a.participants, new: b.participants),
            Row(label: "Errors", old: count(old, .error), new: count(new, .error)),
            Row(label: "Warnings", old: count(old, .warning), new: count(new, .warning)),
        ]
        func moved(_ title: String, _ x: [String: Int], _ y: [String: Int], label: (String) -> String) {
            let keys = Set(x.keys).union(y.keys).sorted()
            let rows = keys.compactMap { k -> Row? in
                let r = Row(label: label(k), old: x[k] ?? 0, new: y[k] ?? 0)
                return r.delta == 0 ? nil : r
            }
            if !rows.isEmpty { counts.append((title, rows)) }
        }
        var names: [String: String] = [:]
        for e in old.events + new.events { if let r = e.region { names[r.code] = r.name } }
        moved("Federal subjects", a.byRegion, b.byRegion) { "\(names[$0] ?? $0) (\($0))" }
        moved("Federal districts", a.byDistrict, b.byDistrict) { $0 }
        moved("Topics", a.byTopic, b.byTopic) { $0 }
        moved("Months", a.byYearMonth, b.byYearMonth) { $0 }
        moved("Kinds", a.byKind, b.byKind) { $0 }
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : n < 0 ? "−\(-n)" : "0" }

    static func cell(_ s: String) -> String { Escape.markdown(s) }

    func markdown() -> String {
        if isEmpty { return "No changes between \(oldName) and \(newName).\n" }
        var s = "# Changes from \(DiffReport.cell(oldName)) to \(DiffReport.cell(newName))\n\n## Headline figures\n\n| Figure | Old | New | Change |\n|---|---:|---:|---:|\n"
        for r in headline { s += "| \(r.label) | \(r.old) | \(r.new) | \(DiffReport.signed(r.delta)) |\n" }
        for (title, ch) in [("Events", events), ("Meetings", meetings)] where !ch.isEmpty {
            s += "\n## \(title)\n"
            if !ch.added.isEmpty {
                s += "\n### Added (\(ch.added.count))\n\n"
                for a in ch.added { s += "- \(DiffReport.cell(a.label)) — \(DiffReport.cell(a.source)) (\(a.id))\n" }
            }
            if !ch.removed.isEmpty {
                s += "\n### Removed (\(ch.removed.count))\n\n"
                for r in ch.removed { s += "- \(DiffReport.cell(r.label)) — \(DiffReport.cell(r.source)) (\(r.id))\n" }
            }
            if !ch.changed.isEmpty {
                s += "\n### Changed (\(ch.changed.count))\n\n"
                for c in ch.changed {
                    s += "- \(DiffReport.cell(c.new.label)) — \(DiffReport.cell(c.new.source))"
                    s += c.old.id == c.new.id ? " (\(c.new.id))\n" : " (\(c.old.id) → \(c.new.id))\n"
                    for f in c.fields { s += "  - \(f.name): \(DiffReport.cell(f.old)) → \(DiffReport.cell(f.new))\n" }
                }
            }
            if !ch.moved.isEmpty {
                s += "\n### Moved to another file, same content (\(ch.moved.count))\n\n"
                var groups: [String: Int] = [:]
                for c in ch.moved { groups["\(DiffReport.cell(c.old.file)) → \(DiffReport.cell(c.new.file))", default: 0] += 1 }
                for k in groups.keys.sorted() { s += "- \(k): \(groups[k]!)\n" }
            }
        }
        if !counts.isEmpty {
            s += "\n## Counts that moved\n"
            for (title, rows) in counts {
                s += "\n### \(title)\n\n| | Old | New | Change |\n|---|---:|---:|---:|\n"
                for r in rows { s += "| \(DiffReport.cell(r.label)) | \(r.old) | \(r.new) | \(DiffReport.signed(r.delta)) |\n" }
            }
        }
        return s
    }

    func json() -> JSONValue {
        func item(_ d: DiffItem) -> JSONValue { .object(["id": .string(d.id), "title": .string(d.label), "source": .string(d.source)]) }
        func change(_ c: RecordChanges.Change) -> JSONValue {
            var fields: [String: JSONValue] = [:]
            for f in c.fields { fields[f.name] = .object(["old": .string(f.old), "new": .string(f.new)]) }
            return .object(["oldId": .string(c.old.id), "newId": .string(c.new.id), "title": .string(c.new.label),
                            "oldSource": .string(c.old.source), "newSource": .string(c.new.source), "fields": .object(fields)])
        }
        func changes(_ ch: RecordChanges) -> JSONValue {
            .object(["added": .array(ch.added.map(item)), "removed": .array(ch.removed.map(item)),
                     "changed": .array(ch.changed.map(change)), "moved": .array(ch.moved.map(change))])
        }
        func rows(_ rs: [Row]) -> JSONValue {
            .array(rs.map { .object(["label": .string($0.label), "old": .int($0.old), "new": .int($0.new), "change": .int($0.delta)]) })
        }
        var counts: [String: JSONValue] = [:]
        for (t, rs) in self.counts { counts[t] = rows(rs) }
        return .object(["old": .string(oldName), "new": .string(newName), "identical": .bool(isEmpty), "headline": rows(headline),
                        "events": changes(events), "meetings": changes(meetings), "counts": .object(counts)])
    }
}
