/// A federal subject, as `data/regions.tsv` describes it.
public struct Region: Hashable, Sendable {
    public var code: String
    public var nameEn: String
    public var nameRu: String
    public var type: String
    public var district: String
    public var capitalEn: String
    public var capitalRu: String

    /// What a record names the subject by: its code and English name.
    var ref: RegionRef { RegionRef(code: code, name: nameEn) }
}

/// What a phrase in the text names.
struct PlaceName: Sendable {
    enum Kind: Sendable { case region, city }
    /// One code, or several when the name is ambiguous ("Алтай").
    var codes: [String]
    var kind: Kind
    /// A city whose name is also a common word or surname: counts only in a place context.
    var needsPlaceContext: Bool
    /// For a region's name without its head noun ("Белгородской" of "Белгородской ... областей"):
    /// the type of head noun that completes it, for coordinated lists.
    var headType: String?
}

/// A region or city found in text.
public struct RegionMatch: Equatable, Sendable {
    public var codes: [String]
    public var start: Int  // token index
    public var end: Int
    public var isCity: Bool
    public var fuzzy: Bool
    public var isAmbiguous: Bool { codes.count > 1 }
}
