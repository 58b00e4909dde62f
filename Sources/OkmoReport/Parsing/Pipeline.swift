import OkmoCore

/// Inputs in, records out: expands folders, reads and decodes each file, tells listings from
/// notes by their content, parses, then merges duplicate events. The order of the inputs on
/// the command line never matters: files are processed in sorted path order.
public struct Pipeline: Sendable {
    public let lex: Lexicons
    public var defaultYear: Int?

    public init(lex: Lexicons, defaultYear: Int? = nil) {
        self.lex = lex
        self.defaultYear = defaultYear
    }

    public enum Failure: Error, Sendable { case input(InputError) }

    /// Files named by `paths` (files, or folders read recursively for *.txt and *.md), sorted
    /// and without repeats.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var files: [String] = []
        for p in paths {
            switch FileReader.kind(p) {
            case .directory: files.append(contentsOf: try FileReader.listFiles(in: p, extensions: [".txt", ".md"]))
            case .file: files.append(p)
            case .missing: throw InputError(path: p, reason: .notFound)
            case .other: throw InputError(path: p, reason: .notRegular)
            }
        }
        var seen: Set<String> = []
        return files.filter { seen.insert($0).inserted }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Reads and decodes one file; binary files and unreadable ones become error diagnostics.
    public static func load(_ path: String, diagnostics: inout [Diagnostic]) -> SourceText? {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path) } catch {
            diagnostics.append(Diagnostic(.error, "input-unreadable", error.description, at: SourceLocation(file: path, line: 1)))
            return nil
        }
        switch TextDecoder.decode(bytes) {
        case .failure(.binary(let offset)):
            var line = 1
            for b in bytes[0..<min(offset, bytes.count)] where b == 0x0A { line += 1 }
            diagnostics.append(Diagnostic(.error, "input-binary", "'\(path)' is not text (binary data at byte \(offset)); file skipped",
                                          at: SourceLocation(file: path, line: line)))
            return nil
        case .success(let r):
            if r.encoding == .windows1251 {
                diagnostics.append(Diagnostic(.warning, "input-encoding", "not valid UTF-8; read as Windows-1251. Save the file as UTF-8 to silence this", at: SourceLocation(file: path, line: 1)))
            } else if r.encoding == .utf16LE || r.encoding == .utf16BE {
                diagnostics.append(Diagnostic(.note, "input-encoding", "read as \(r.encoding.rawValue)", at: SourceLocation(file: path, line: 1)))
            }
            return SourceText(path: path, bytes: r.bytes, encoding: r.encoding)
        }
    }

    /// Parses every file; events and meetings come out in file, then line order.
    public func run(files: [String]) -> Records {
        var records = Records()
        var diagnostics: [Diagnostic] = []
        for f in files {
            guard let src = Pipeline.load(f, diagnostics: &diagnostics) else { continue }
            let r = parse(src, diagnostics: &diagnostics)
            records.events.append(contentsOf: r.events)
            records.meetings.append(contentsOf: r.meetings)
        }
        records.events = EventMerger.merge(records.events, diagnostics: &diagnostics)
        records.meetings = MeetingMerger.uniqueIDs(records.meetings)
        records.diagnostics = diagnostics.sortedForOutput()
        return records
    }

    public func parse(_ src: SourceText, diagnostics: inout [Diagnostic]) -> (events: [Event], meetings: [Meeting]) {
        if src.lineCount == 0 || src.bytes.allSatisfy({ $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }) {
            diagnostics.append(Diagnostic(.warning, "input-empty", "file is empty", at: src.location(line: 0)))
            return ([], [])
        }
        if ListingParser.looksLikeListing(src, lex: lex) {
            let r = ListingParser(lex: lex).parse(src, diagnostics: &diagnostics)
            return (r.events, [])
        }
        return ([], NotesParser(lex: lex, defaultYear: defaultYear).parse(src, diagnostics: &diagnostics))
    }
}

/// Duplicate entries: the same title, place and dates twice is one event (and a warning); the
/// same title and place on other dates are two events (and a note). Ids stay unique.
enum EventMerger {
    static func merge(_ events: [Event], diagnostics: inout [Diagnostic]) -> [Event] {
        var out: [Event] = []
        var exact: [String: Event] = [:]
        var byTitlePlace: [String: Event] = [:]
        var ids: [String: Int] = [:]
        for var e in events {
            let tp = Normalise.key(e.title) + "|" + Normalise.key(e.location ?? "")
            let full = tp + "|" + (e.start?.description ?? "") + "|" + (e.end?.description ?? "")
            if let first = exact[full] {
                diagnostics.append(Diagnostic(.warning, "event-duplicate", "the same event as \(first.source.file):\(first.source.line) (title, place and dates); merged into it",
                                              at: SourceLocation(file: e.source.file, line: e.source.line)))
                continue
            }
            exact[full] = e
            if let other = byTitlePlace[tp] {
                diagnostics.append(Diagnostic(.note, "event-repeated", "same title and place as \(other.source.file):\(other.source.line), on other dates; kept as a separate event",
                                              at: SourceLocation(file: e.source.file, line: e.source.line)))
            } else {
                byTitlePlace[tp] = e
            }
            if let n = ids[e.id] {
                ids[e.id] = n + 1
                e.id += "-\(n + 1)"
            } else {
                ids[e.id] = 1
            }
            out.append(e)
        }
        return out
    }
}

enum MeetingMerger {
    static func uniqueIDs(_ meetings: [Meeting]) -> [Meeting] {
        var ids: [String: Int] = [:]
        return meetings.map { m in
            var m = m
            if let n = ids[m.id] { ids[m.id] = n + 1; m.id += "-\(n + 1)" } else { ids[m.id] = 1 }
            return m
        }
    }
}
