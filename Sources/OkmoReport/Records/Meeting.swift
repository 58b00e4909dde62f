import OkmoCore

/// An organisation named in notes: a fixed id (OKMO, VARMSU, RCU, OATOS, CLRAE) or a slug.
public struct OrganizationRef: Hashable, Sendable, Comparable {
    public var id: String
    public var name: String
    public static func < (a: OrganizationRef, b: OrganizationRef) -> Bool { a.id < b.id }

    /// The record's `{"id", "name"}` object (see `Meeting.writeJSON`).
    func writeJSON(into out: inout [UInt8], indent: Int) {
        var o = JSONObjectWriter(opening: &out, indent: indent)
        o.key("id", into: &out); JSONWriter.writeString(id, into: &out)
        o.key("name", into: &out); JSONWriter.writeString(name, into: &out)
        o.close(into: &out)
    }
}

/// A stated quantity: as written, its value, and its unit.
public struct Figure: Hashable, Sendable {
    public var text: String
    public var value: Double
    public var unit: String

    /// The record's `{"text", "unit", "value"}` object (see `Meeting.writeJSON`).
    func writeJSON(into out: inout [UInt8], indent: Int) {
        var o = JSONObjectWriter(opening: &out, indent: indent)
        o.key("text", into: &out); JSONWriter.writeString(text, into: &out)
        o.key("unit", into: &out); JSONWriter.writeString(unit, into: &out)
        o.key("value", into: &out); out.append(contentsOf: JSONWriter.formatNumber(value).utf8)
        o.close(into: &out)
    }
}

/// One meeting a notes file describes.
public struct Meeting: Hashable, Sendable {
    public var id: String
    public var source: SourceSpan
    public var url: String?
    public var language: String
    public var title: String
    public var start: Day?
    public var end: Day?
    public var place: String?
    public var regions: [RegionRef]
    public var participants: Int?
    public var organizations: [OrganizationRef]
    public var figures: [Figure]
    public var topics: [String]

    /// FNV-1a of the normalised title and the start date, each ended by 0x1F (as
    /// `StableHash.combine` ends them): `StableHash.recordID`.
    public static func makeID(title: String, start: Day?) -> String {
        Normalise.withKeyBytes(title, nil) { StableHash.recordID("mt-", keys: $0, start: start) }
    }

    var json: JSONValue {
        .object([
            "id": .string(id),
            "source": .object(["file": .string(source.file), "line": .int(source.line), "endLine": .int(source.endLine ?? source.line)]),
            "url": .optional(url),
            "language": .string(language),
            "title": .string(title),
            "start": .optional(start?.description),
            "end": .optional(end?.description),
            "place": .optional(place),
            "regions": .array(regions.map(\.json)),
            "participants": .optional(participants),
            "organizations": .array(organizations.map { .object(["id": .string($0.id), "name": .string($0.name)]) }),
            "figures": .array(figures.map { .object(["text": .string($0.text), "value": .double($0.value), "unit": .string($0.unit)]) }),
            "topics": .array(topics.map(JSONValue.string)),
        ])
    }

    /// `json`'s bytes, written directly (see `JSONObjectWriter`): what records.json holds.
    func writeJSON(into out: inout [UInt8], indent: Int) {
        var o = JSONObjectWriter(opening: &out, indent: indent)
        let inner = o.fieldIndent
        o.key("end", into: &out); Day.writeJSON(end, into: &out)
        o.key("figures", into: &out)
        JSONWriter.writeArray(count: figures.count, indent: inner, into: &out) { i, out in figures[i].writeJSON(into: &out, indent: inner + 1) }
        o.key("id", into: &out); JSONWriter.writeString(id, into: &out)
        o.key("language", into: &out); JSONWriter.writeString(language, into: &out)
        o.key("organizations", into: &out)
        JSONWriter.writeArray(count: organizations.count, indent: inner, into: &out) { i, out in organizations[i].writeJSON(into: &out, indent: inner + 1) }
        o.key("participants", into: &out)
        if let participants { JSONWriter.writeInt(participants, into: &out) } else { out.append(contentsOf: "null".utf8) }
        o.key("place", into: &out); JSONWriter.writeOptional(place, into: &out)
        o.key("regions", into: &out)
        JSONWriter.writeArray(count: regions.count, indent: inner, into: &out) { i, out in regions[i].writeJSON(into: &out, indent: inner + 1) }
        o.key("source", into: &out)
        var s = JSONObjectWriter(opening: &out, indent: inner)
        s.key("endLine", into: &out); JSONWriter.writeInt(source.endLine ?? source.line, into: &out)
        s.key("file", into: &out); JSONWriter.writeString(source.file, into: &out)
        s.key("line", into: &out); JSONWriter.writeInt(source.line, into: &out)
        s.close(into: &out)
        o.key("start", into: &out); Day.writeJSON(start, into: &out)
        o.key("title", into: &out); JSONWriter.writeString(title, into: &out)
        o.key("topics", into: &out); JSONWriter.writeStrings(topics, indent: inner, into: &out)
        o.key("url", into: &out); JSONWriter.writeOptional(url, into: &out)
        o.close(into: &out)
    }
}

/// The records file: events and meetings in source order, and every diagnostic.
public struct Records: Sendable {
    public static let schema = "okmo-report/records@1"
    public var events: [Event] = []
    public var meetings: [Meeting] = []
    public var diagnostics: [Diagnostic] = []

    public init(events: [Event] = [], meetings: [Meeting] = [], diagnostics: [Diagnostic] = []) {
        self.events = events
        self.meetings = meetings
        self.diagnostics = diagnostics
    }

    public var json: JSONValue {
        .object([
            "schema": .string(Records.schema),
            "events": .array(events.map(\.json)),
            "meetings": .array(meetings.map(\.json)),
            "diagnostics": .array(diagnostics.map(\.json)),
        ])
    }

    public func jsonBytes() -> [UInt8] { JSONWriter.prettyBytes(json) }
}
