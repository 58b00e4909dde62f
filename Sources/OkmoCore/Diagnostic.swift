import Dispatch

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
        // Numbers written as digits and punctuation a byte at a time: a number made a string
        // and two bytes appended as an array literal took about half the time of printing a
        // 50 MB check's 45,000 diagnostics, on one thread after the parse.
        func put(_ s: String) { s.withUTF8Bytes { out.append(contentsOf: $0) } }
        put(d.location.file); out.append(0x3A)
        JSONWriter.writeInt(d.location.line, into: &out); out.append(0x3A)
        JSONWriter.writeInt(d.location.column, into: &out); out.append(0x3A); out.append(0x20)
        put(d.severity.rawValue); out.append(0x3A); out.append(0x20)
        put(d.message); out.append(0x20); out.append(0x5B)
        put(d.code); out.append(0x5D); out.append(0x0A)
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

extension DiagnosticFormat {
    /// `ds` rendered a line each (`render(_:line:)`) in `parts` runs of about equal length, each
    /// on a thread of its own, in order: the runs' bytes one after the other are the serial
    /// render's. One run when `parts` is under two.
    public func render(_ ds: [Diagnostic], parts: Int) -> [[UInt8]] {
        let runs = (0..<max(1, parts)).map { _ in Built<[UInt8]>() }
        DispatchQueue.concurrentPerform(iterations: runs.count) { p in
            let range = (ds.count * p / runs.count)..<(ds.count * (p + 1) / runs.count)
            var out: [UInt8] = []
            out.reserveCapacity(range.count * 128)
            for d in ds[range] { render(d, line: &out) }
            runs[p].value = out
        }
        return runs.map { $0.value ?? [] }
    }
}

extension Array where Element == Diagnostic {
    /// Source order (file, line, column), then severity, code and message: the same diagnostics
    /// always print in the same order, whatever order the stages found them in.
    ///
    /// Files are ranked once and the sort compares ranks: comparing the paths byte by byte in
    /// every comparison was most of the sort, which runs on one thread after the parse (a
    /// 50 MB check of the bench's listings prints 44,700 diagnostics).
    public func sortedForOutput() -> [Diagnostic] {
        // Diagnostics come grouped by file: a path is hashed only where the file changes.
        var seen: Set<String> = []
        var previous: String?
        for d in self where d.location.file != previous {
            seen.insert(d.location.file)
            previous = d.location.file
        }
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
        // Sorted by one number, the file's rank and the line, and by the other fields only
        // where those tie (a line with two diagnostics): comparing fields of the diagnostics
        // themselves copied each one's location (a retain and a release of its path) at
        // every comparison.
        var keyed: [(key: UInt64, index: Int)] = []
        keyed.reserveCapacity(count)
        for (i, d) in enumerated() {
            let line = UInt64(UInt32(clamping: d.location.line))
            keyed.append((UInt64(ranks[i]) << 32 | line, i))
        }
        let order: [Int] = withUnsafeBufferPointer { ds in
            keyed.sort { x, y in
                if x.key != y.key { return x.key < y.key }
                let a = ds[x.index], b = ds[y.index]
                if a.location.line != b.location.line { return a.location.line < b.location.line }
                if a.location.column != b.location.column { return a.location.column < b.location.column }
                if a.severity != b.severity { return a.severity > b.severity }
                if a.code != b.code { return a.code < b.code }
                return a.message < b.message
            }
            return keyed.map(\.index)
        }
        return order.map { self[$0] }
    }

    public var hasWarningsOrErrors: Bool { contains { $0.severity >= .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
