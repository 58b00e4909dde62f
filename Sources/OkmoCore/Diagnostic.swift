/// How serious a diagnostic is. `--strict` fails on warnings and errors, never on notes.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case note, warning, error

    private var rank: Int { self == .note ? 0 : (self == .warning ? 1 : 2) }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One message about one place in the input: the unit every stage reports problems in.
///
/// `code` is a stable, greppable identifier (`date-impossible`, `place-unresolved`) so scripts
/// and CI filters never depend on the wording of `message`.
public struct Diagnostic: Hashable, Sendable {
    public var location: SourceLocation
    public var severity: Severity
    public var code: String
    public var message: String

    public init(_ severity: Severity, _ code: String, _ message: String, at location: SourceLocation) {
        self.location = location
        self.severity = severity
        self.code = code
        self.message = message
    }

    /// The JSON object of the records file and of `--diagnostics json`.
    public var json: JSONValue {
        .object([
            "file": .string(location.file), "line": .int(location.line), "column": .int(location.column),
            "severity": .string(severity.rawValue), "code": .string(code), "message": .string(message),
        ])
    }

    /// `json`'s pretty bytes, written directly (see `JSONObjectWriter`): a large corpus puts
    /// hundreds of thousands of diagnostics in records.json.
    public func writeJSON(into out: inout [UInt8], indent: Int) {
        var o = JSONObjectWriter(opening: &out, indent: indent)
        o.key("code", into: &out); JSONWriter.writeString(code, into: &out)
        o.key("column", into: &out); JSONWriter.writeInt(location.column, into: &out)
        o.key("file", into: &out); JSONWriter.writeString(location.file, into: &out)
        o.key("line", into: &out); JSONWriter.writeInt(location.line, into: &out)
        o.key("message", into: &out); JSONWriter.writeString(message, into: &out)
        o.key("severity", into: &out); JSONWriter.writeString(severity.rawValue, into: &out)
        o.close(into: &out)
    }
}

/// The three output forms of the contract: compiler text, JSON lines, GitHub annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, github

    /// `render(d)` and a line feed, appended to `out`. The text form is written byte by byte:
    /// a check of a large corpus prints tens of thousands of warnings on the main thread, and
    /// string interpolation took about 6,000 instructions for each.
    public func render(_ d: Diagnostic, line out: inout [UInt8]) {
        guard self == .text else {
            out.append(contentsOf: render(d).utf8)
            out.append(0x0A)
            return
        }
        func put(_ s: String) { s.withUTF8Bytes { out.append(contentsOf: $0) } }
        put(d.location.file); out.append(0x3A)
        put(String(d.location.line)); out.append(0x3A)
        put(String(d.location.column)); out.append(contentsOf: [0x3A, 0x20])
        put(d.severity.rawValue); out.append(contentsOf: [0x3A, 0x20])
        put(d.message); out.append(contentsOf: [0x20, 0x5B])
        put(d.code); out.append(contentsOf: [0x5D, 0x0A])
    }

    public func render(_ d: Diagnostic) -> String {
        switch self {
        case .text:
            return "\(d.location.file):\(d.location.line):\(d.location.column): \(d.severity.rawValue): \(d.message) [\(d.code)]"
        case .json:
            return JSONWriter.compact(d.json)
        case .github:
            // GitHub knows error, warning and notice; property values escape % , : CR LF.
            let level = d.severity == .note ? "notice" : d.severity.rawValue
            func prop(_ s: String) -> String {
                s.replacing("%", with: "%25").replacing("\r", with: "%0D")
                    .replacing("\n", with: "%0A").replacing(":", with: "%3A")
                    .replacing(",", with: "%2C")
            }
            func data(_ s: String) -> String {
                s.replacing("%", with: "%25").replacing("\r", with: "%0D")
                    .replacing("\n", with: "%0A")
            }
            return "::\(level) file=\(prop(d.location.file)),line=\(d.location.line),col=\(d.location.column)::\(data(d.message)) [\(d.code)]"
        }
    }
}

extension Array where Element == Diagnostic {
    /// Source order (file, line, column), then severity, code and message: the same diagnostics
    /// always print in the same order, whatever order the stages found them in.
    ///
    /// Files are ranked once and the sort compares ranks: comparing the paths byte by byte in
    /// every comparison was most of the sort, which runs on one thread after the parse (a
    /// 50 MB check prints 37,000 diagnostics).
    public func sortedForOutput() -> [Diagnostic] {
        var seen: Set<String> = []
        for d in self { seen.insert(d.location.file) }
        let files = seen.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var rankOf: [String: Int] = [:]
        for (r, f) in files.enumerated() { rankOf[f] = r }
        // Diagnostics come grouped by file: the rank of the one before is looked up again
        // only when the file changes.
        var ranks: [Int] = []
        ranks.reserveCapacity(count)
        var last: (file: String, rank: Int)?
        for d in self {
            if let l = last, l.file == d.location.file { ranks.append(l.rank); continue }
            let r = rankOf[d.location.file]!
            last = (d.location.file, r)
            ranks.append(r)
        }
        let order = indices.sorted { i, j in
            if ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
            let a = self[i].location, b = self[j].location
            if a.line != b.line { return a.line < b.line }
            if a.column != b.column { return a.column < b.column }
            if self[i].severity != self[j].severity { return self[i].severity > self[j].severity }
            if self[i].code != self[j].code { return self[i].code < self[j].code }
            return self[i].message < self[j].message
        }
        return order.map { self[$0] }
    }

    public var hasWarningsOrErrors: Bool { contains { $0.severity >= .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
