import OkmoCore

/// An organisation named in notes: a fixed id (OKMO, VARMSU, RCU, OATOS, CLRAE) or a slug.
public struct OrganizationRef: Hashable, Sendable, Comparable {
    public var id: String
    public var name: String
    public static func < (a: OrganizationRef, b: OrganizationRef) -> Bool { a.id < b.id }
}

/// A stated quantity: as written, its value, and its unit.
public struct Figure: Hashable, Sendable {
    public var text: String
    public var value: Double
    public var unit: String
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
