/// An event's fields read from its place line, held once for every entry at the place (see
/// `Event`). Immutable: an event that changes one gets a holder of its own. Equal and hashed
/// by its fields, so two events compare as they did when the fields were their own.
final class EventPlace: Hashable, Sendable {
    /// The fields as plain values: what the holder compares and hashes, and what `with`
    /// changes.
    struct Fields: Hashable, Sendable {
        var location: String?, municipality: String?, municipalityType: String?, region: RegionRef?, federalDistrict: String?
    }
    let fields: Fields

    init(_ fields: Fields) { self.fields = fields }

    convenience init(location: String?, municipality: String?, municipalityType: String?, region: RegionRef?, federalDistrict: String?) {
        self.init(Fields(location: location, municipality: municipality, municipalityType: municipalityType, region: region,
                         federalDistrict: federalDistrict))
    }

    /// No place line, and no region from elsewhere.
    static let none = EventPlace(Fields())

    var location: String? { fields.location }
    var municipality: String? { fields.municipality }
    var municipalityType: String? { fields.municipalityType }
    var region: RegionRef? { fields.region }
    var federalDistrict: String? { fields.federalDistrict }

    /// A new holder with `change` made to these fields.
    func with(_ change: (inout Fields) -> Void) -> EventPlace {
        var f = fields
        change(&f)
        return EventPlace(f)
    }

    static func == (a: EventPlace, b: EventPlace) -> Bool { a === b || a.fields == b.fields }
    func hash(into h: inout Hasher) { h.combine(fields) }
}

/// An event's kind and topics, read from its title's words: held once for every entry with
/// the same title (see `Event`). Equal and hashed by its fields.
final class EventClass: Hashable, Sendable {
    let kind: String?
    let topics: [String]

    init(kind: String?, topics: [String]) {
        self.kind = kind
        self.topics = topics
    }

    static func == (a: EventClass, b: EventClass) -> Bool {
        a === b || (a.kind == b.kind && a.topics == b.topics)
    }

    func hash(into h: inout Hasher) {
        h.combine(kind)
        h.combine(topics)
    }
}
