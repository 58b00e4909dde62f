import OkmoCore

/// Reading a records file back (for `diff`): tolerant of fields added by later versions, strict
/// about the schema name.
extension Records {
    public struct DecodingError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    public init(json: JSONValue) throws(DecodingError) {
        guard case .object(let o) = json else { throw DecodingError(message: "not a records file: the top level is not a JSON object") }
        guard o["schema"]?.stringValue == Records.schema else {
            throw DecodingError(message: "not a records file: schema is \(o["schema"].map { JSONWriter.compact($0) } ?? "missing"), expected \"\(Records.schema)\"")
        }
        self.init()
        for e in o["events"]?.arrayValue ?? [] { events.append(Event(json: e)) }
        for m in o["meetings"]?.arrayValue ?? [] { meetings.append(Meeting(json: m)) }
        for d in o["diagnostics"]?.arrayValue ?? [] {
            let sev = Severity(rawValue: d["severity"]?.stringValue ?? "") ?? .note
            diagnostics.append(Diagnostic(sev, d["code"]?.stringValue ?? "", d["message"]?.stringValue ?? "",
                                          at: SourceLocation(file: d["file"]?.stringValue ?? "", line: d["line"]?.intValue ?? 0, column: d["column"]?.intValue ?? 0)))
        }
    }
}

extension RegionRef {
    init?(json: JSONValue?) {
        guard let j = json, let c = j["code"]?.stringValue else { return nil }
        self.init(code: c, name: j["name"]?.stringValue ?? c)
    }
}

extension Event {
    init(json j: JSONValue) {
        self.init(id: j["id"]?.stringValue ?? "",
                  source: SourceSpan(file: j["source"]?["file"]?.stringValue ?? "", line: j["source"]?["line"]?.intValue ?? 0, endLine: nil),
                  title: j["title"]?.stringValue ?? "", location: j["location"]?.stringValue,
                  municipality: j["municipality"]?.stringValue, municipalityType: j["municipalityType"]?.stringValue,
                  region: RegionRef(json: j["region"]), federalDistrict: j["federalDistrict"]?.stringValue,
                  start: j["start"]?.stringValue.flatMap(Day.init(iso:)), end: j["end"]?.stringValue.flatMap(Day.init(iso:)),
                  kind: j["kind"]?.stringValue, topics: (j["topics"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}

extension Meeting {
    init(json j: JSONValue) {
        self.init(id: j["id"]?.stringValue ?? "",
                  source: SourceSpan(file: j["source"]?["file"]?.stringValue ?? "", line: j["source"]?["line"]?.intValue ?? 0,
                                     endLine: j["source"]?["endLine"]?.intValue),
                  url: j["url"]?.stringValue, language: j["language"]?.stringValue ?? "", title: j["title"]?.stringValue ?? "",
                  start: j["start"]?.stringValue.flatMap(Day.init(iso:)), end: j["end"]?.stringValue.flatMap(Day.init(iso:)),
                  place: j["place"]?.stringValue,
                  regions: (j["regions"]?.arrayValue ?? []).compactMap { RegionRef(json: $0) },
                  participants: j["participants"]?.intValue,
                  organizations: (j["organizations"]?.arrayValue ?? []).map { OrganizationRef(id: $0["id"]?.stringValue ?? "", name: $0["name"]?.stringValue ?? "") },
                  figures: (j["figures"]?.arrayValue ?? []).map { Figure(text: $0["text"]?.stringValue ?? "", value: $0["value"]?.doubleValue ?? 0, unit: $0["unit"]?.stringValue ?? "") },
                  topics: (j["topics"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}
