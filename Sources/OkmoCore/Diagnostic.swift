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

    /// `render(d)` and a line feed, appended to `out`.
    public func render(_ d: Diagnostic, line out: inout [UInt8]) {
        guard self == .text else {
            out.append(contentsOf: render(d).utf8)
            out.append(0x0A)
            return
        }
        withUnsafePointer(to: d) { out.append(contentsOf: DiagnosticFormat.textLines(UnsafeBufferPointer(start: $0, count: 1))) }
    }

    /// The text form of `ds`, a line each (`render(d)` and a line feed), in one array: its size
    /// is worked out first, from the strings' lengths, and the bytes are written through a
    /// pointer. A check of a large corpus prints tens of thousands of warnings after the
    /// parse, while the other core waits: written byte by byte into a growing array, each
    /// line took 1,270 instructions (a capacity and uniqueness check for every piece and
    /// every punctuation byte), and printing 6 to 10 ms of a 140 ms check of the bench's
    /// 50 MB of listings; here 495, and about 4.5 ms.
    static func textLines(_ ds: UnsafeBufferPointer<Diagnostic>) -> [UInt8] {
        // Besides its strings, a line has ":" twice, ": " twice, " [", "]" and the line feed
        // (10 bytes), two numbers of at most 20 bytes each with a sign, and a severity of at
        // most 7 ("warning").
        var size = 0
        for i in ds.indices {
            size &+= ds[i].location.file.utf8.count &+ ds[i].message.utf8.count &+ ds[i].code.utf8.count &+ (10 + 2 * 20 + 7)
        }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            let base = buffer.baseAddress!
            var p = base
            @inline(__always) func text(_ s: String) {
                s.withUTF8Bytes { b in
                    if let from = b.baseAddress { p.update(from: from, count: b.count) }
                    p += b.count
                }
            }
            @inline(__always) func byte(_ b: UInt8) { p.pointee = b; p += 1 }
            @inline(__always) func number(_ n: Int) {
                if n < 0 { byte(0x2D) }
                var m = n.magnitude, digits = 1, t = m
                while t >= 10 { t /= 10; digits += 1 }
                p += digits
                var q = p
                repeat { q -= 1; q.pointee = 0x30 &+ UInt8(truncatingIfNeeded: m % 10); m /= 10 } while m > 0
            }
            for i in ds.indices {
                text(ds[i].location.file); byte(0x3A)
                number(ds[i].location.line); byte(0x3A)
                number(ds[i].location.column); byte(0x3A); byte(0x20)
                text(ds[i].severity.rawValue); byte(0x3A); byte(0x20)
                text(ds[i].message); byte(0x20); byte(0x5B)
                text(ds[i].code); byte(0x5D); byte(0x0A)
            }
            count = p - base
            precondition(count <= size, "diagnostic lines longer than their size")
        }
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
            if self == .text {
                runs[p].value = ds.withUnsafeBufferPointer { DiagnosticFormat.textLines(UnsafeBufferPointer(rebasing: $0[range])) }
                return
            }
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
        withUnsafeBufferPointer { ds -> [Diagnostic] in
            // Diagnostics come grouped by file: a path is hashed only where the file changes.
            // The diagnostics are read in place (a copy of one retained its three strings).
            var seen: Set<String> = []
            var k = 0
            while k < ds.count {
                let file = ds[k].location.file
                seen.insert(file)
                k += 1
                while k < ds.count && ds[k].location.file == file { k += 1 }
            }
            let files = seen.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var rankOf: [String: Int] = [:]
            for (r, f) in files.enumerated() { rankOf[f] = r }
            // Sorted by one number, the file's rank and the line, and by the other fields only
            // where those tie (a line with two diagnostics): comparing fields of the diagnostics
            // themselves copied each one's location (a retain and a release of its path) at
            // every comparison. The rank is looked up again only where the file changes.
            var keyed = [(key: UInt64, index: Int)](unsafeUninitializedCapacity: ds.count) { keys, count in
                var i = 0
                while i < ds.count {
                    let file = ds[i].location.file
                    let rank = UInt64(rankOf[file]!) << 32
                    repeat {
                        keys[i] = (rank | UInt64(UInt32(clamping: ds[i].location.line)), i)
                        i += 1
                    } while i < ds.count && ds[i].location.file == file
                }
                count = ds.count
            }
            keyed.sort { x, y in
                if x.key != y.key { return x.key < y.key }
                let a = ds[x.index], b = ds[y.index]
                if a.location.line != b.location.line { return a.location.line < b.location.line }
                if a.location.column != b.location.column { return a.location.column < b.location.column }
                if a.severity != b.severity { return a.severity > b.severity }
                if a.code != b.code { return a.code < b.code }
                return a.message < b.message
            }
            return keyed.map { ds[$0.index] }
        }
    }

    public var hasWarningsOrErrors: Bool { contains { $0.severity >= .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
