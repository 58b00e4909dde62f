/// An event's fields read from its place line, held once for every entry at the place (see
/// `Event`). Immutable: an event that changes one gets a holder of its own. Equal and hashed
/// by its fields, so two events compare as they did when the fields were their own.
final class EventPlace: Hashable, Sendable {
    let location: String?
    let municipality: String?
    let municipalityType: String?
    let region: RegionRef?
    let federalDistrict: String?

    init(location: String?, municipality: String?, municipalityType: String?, region: RegionRef?, federalDistrict: String?) {
        self.location = location
        self.municipality = municipality
        self.municipalityType = municipalityType
        self.region = region
        self.federalDistrict = federalDistrict
    }

    /// No place line, and no region from elsewhere.
    static let none = EventPlace(location: nil, municipality: nil, municipalityType: nil, region: nil, federalDistrict: nil)

    /// The fields as plain values, to change one (`with`).
    struct Fields {
        var location: String?, municipality: String?, municipalityType: String?, region: RegionRef?, federalDistrict: String?
    }

    /// A new holder with `change` made to these fields.
    func with(_ change: (inout Fields) -> Void) -> EventPlace {
        var f = Fields(location: location, municipality: municipality, municipalityType: municipalityType, region: region, federalDistrict: federalDistrict)
        change(&f)
        return EventPlace(location: f.location, municipality: f.municipality, municipalityType: f.municipalityType, region: f.region, federalDistrict: f.federalDistrict)
    }

    static func == (a: EventPlace, b: EventPlace) -> Bool {
        a === b || (a.location == b.location && a.municipality == b.municipality && a.municipalityType == b.municipalityType
                    && a.region == b.region && a.federalDistrict == b.federalDistrict)
    }

    func hash(into h: inout Hasher) {
        h.combine(location)
        h.combine(municipality)
        h.combine(municipalityType)
        h.combine(region)
        h.combine(federalDistrict)
    }
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
