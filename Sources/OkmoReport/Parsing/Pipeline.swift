import OkmoCore
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

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
    /// and without repeats. A pipe or a broken link in a folder is kept, so that reading it
    /// reports it (`input-unreadable`, exit 66) as it does a file that can't be read.
    public static func expand(_ paths: [String]) throws(InputError) -> [String] {
        var files: [String] = []
        for p in paths {
            switch FileReader.kind(p) {
            case .directory: files.append(contentsOf: try FileReader.listFiles(in: p, extensions: [".txt", ".md"], unreadable: true))
            case .file: files.append(p)
            case .missing: throw FileReader.missing(p)
            case .other: throw InputError(path: p, reason: .notRegular)
            }
        }
        var seen: Set<String> = []
        return files.filter { seen.insert($0).inserted }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Reads and decodes one file; binary files and unreadable ones become error diagnostics.
    /// With `checkingUTF8: false`, bytes that are not UTF-16 come as they are, not known to be
    /// UTF-8 (`isValidUTF8` false): the caller checks them, and reads them as Windows-1251
    /// (`windows1251`) when they are not UTF-8.
    public static func load(_ path: String, checkingUTF8: Bool = true, diagnostics: inout [Diagnostic]) -> SourceText? {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(path) } catch {
            diagnostics.append(Diagnostic(.error, "input-unreadable", error.description, at: SourceLocation(file: path, line: 1)))
            return nil
        }
        switch TextDecoder.decode(bytes, checkingUTF8: checkingUTF8) {
        case .failure(.binary(let offset)):
            var line = 1
            for b in bytes[0..<min(offset, bytes.count)] where b == 0x0A { line += 1 }
            diagnostics.append(Diagnostic(.error, "input-binary", "'\(path)' is not text (binary data at byte \(offset)); file skipped",
                                          at: SourceLocation(file: path, line: line)))
            return nil
        case .success(let r):
            if r.encoding == .windows1251 {
                diagnostics.append(windows1251Warning(path))
            } else if r.encoding == .utf16LE || r.encoding == .utf16BE {
                diagnostics.append(Diagnostic(.note, "input-encoding", "read as \(r.encoding.rawValue)", at: SourceLocation(file: path, line: 1)))
            }
            return SourceText(path: path, bytes: r.bytes, encoding: r.encoding, validUTF8: r.utf8Checked)
        }
    }

    private static func windows1251Warning(_ path: String) -> Diagnostic {
        Diagnostic(.warning, "input-encoding", "not valid UTF-8; read as Windows-1251. Save the file as UTF-8 to silence this", at: SourceLocation(file: path, line: 1))
    }

    /// A text `load` gave with `checkingUTF8: false` that is not UTF-8, read as Windows-1251,
    /// as `load` reads it when it checks.
    static func windows1251(_ src: SourceText, diagnostics: inout [Diagnostic]) -> SourceText {
        diagnostics.append(windows1251Warning(src.path))
        return SourceText(path: src.path, bytes: TextDecoder.decodeWindows1251(src.bytes), encoding: .windows1251, validUTF8: true)
    }

    /// Parses every file; events and meetings come out in file, then line order.
    public func run(files: [String]) -> Records {
        var records = Records()
        var diagnostics: [Diagnostic] = []
        stream(files: files, diagnostics: &diagnostics) { events, _, meetings, _ in
            records.events.append(contentsOf: events)
            records.meetings.append(contentsOf: meetings)
        }
        records.diagnostics = diagnostics.sortedForOutput()
        return records
    }

    /// How many files are parsed at once: one per core (at most 8), or `OKMO_JOBS`.
    public static var workers: Int {
        if let v = getenv("OKMO_JOBS").flatMap({ Int(String(cString: $0)) }), v >= 1 { return min(v, 64) }
        return max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }

    /// One file's parse, before merging with the files before it.
    private struct FileResult: Sendable {
        var events: [Event] = []
        /// Each event's merge keys, made on the worker.
        var keys: [EventMerger.Keys] = []
        var meetings: [Meeting] = []
        var diagnostics: [Diagnostic] = []
        /// With `records: false`, each event's line in place of the events, which the worker
        /// has dropped.
        var lines: [Int32] = []
        /// The file's meetings, counted: with `records: false` the worker drops them too.
        var meetingCount = 0
    }

    /// Parses the files on `workers` threads and hands each file's records to `consume` in
    /// file order, already merged with those of the files before. Workers run at most a few
    /// files ahead of `consume`, and nothing but the running merge state outlives a file, so
    /// memory stays flat however large the corpus. Diagnostics are appended unsorted.
    ///
    /// With `records: false` (`check`, which prints only diagnostics and counts) each worker
    /// drops its events once it has their keys and lines, and its meetings once counted, so
    /// they are freed where they were made and never cross to this thread, and `consume` gets
    /// empty arrays and the numbers of events kept and of meetings. The parse is the same;
    /// only the merge's own work (ids) is left out.
    ///
    /// `fileDiagnostics`, when given, takes each file's diagnostics in place of `diagnostics`,
    /// as the file is merged: every diagnostic the stream makes is located in the file it
    /// was made for, and files come in their output order, so the file's diagnostics sorted
    /// (`sortedForOutput`) are the next run of the whole stream's sorted. `check` prints
    /// them there, while the workers parse the files after, where sorting and printing the
    /// whole stream's after the parse was about 7 ms of a 130 ms check of the bench's 50 MB.
    public func stream(files: [String], records: Bool = true, diagnostics: inout [Diagnostic],
                       fileDiagnostics: ((_ diagnostics: [Diagnostic]) -> Void)? = nil,
                       _ consume: (_ events: [Event], _ kept: Int, _ meetings: [Meeting], _ meetingCount: Int) throws -> Void) rethrows {
        var merger = EventMerger()
        var meetingIDs = UniqueIDs()
        let workers = min(Pipeline.workers, max(1, files.count))
        let feed = Feed(files: files, window: 2 * workers)
        let group = DispatchGroup()
        if workers > 1 {
            let pipeline = self
            for _ in 0..<workers {
                DispatchQueue.global().async(group: group) {
                    let memo = ListingParser.Memo(starts: pipeline.lex.wordStarts)
                    while let i = feed.claim() { feed.put(i, pipeline.parseFile(files[i], memo: memo, records: records)) }
                }
            }
        }
        let memo = ListingParser.Memo(starts: lex.wordStarts)
        defer {
            feed.cancel(workers: workers)
            group.wait()
        }
        for i in 0..<files.count {
            var r = workers > 1 ? feed.take(i) : parseFile(files[i], memo: memo, records: records)
            var found: [Diagnostic] = []
            swap(&found, &r.diagnostics)
            defer {
                if let fileDiagnostics { fileDiagnostics(found) } else { diagnostics.append(contentsOf: found) }
            }
            guard records else {
                try consume([], merger.count(r.keys, lines: r.lines, file: files[i], diagnostics: &found), [], r.meetingCount)
                continue
            }
            let meetings = r.meetings.map { m in var m = m; m.id = meetingIDs.unique(m.id); return m }
            // The merge works in place on the only reference to the file's events.
            var parsed: [Event] = []
            swap(&parsed, &r.events)
            let events = merger.merge(consume parsed, keys: r.keys, diagnostics: &found)
            try consume(events, events.count, meetings, meetings.count)
        }
    }

    /// The files shared by the workers: each claims the next file once there is room in the
    /// window, and leaves its result in that file's slot; `take` waits for a slot and frees
    /// room. A `consume` that throws cancels the files not yet claimed.
    private final class Feed: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private let room: DispatchSemaphore
        private var results: [FileResult?]
        private let ready: [DispatchSemaphore]
        private var next = 0
        private var cancelled = false

        init(files: [String], window: Int) {
            room = DispatchSemaphore(value: window)
            results = Array(repeating: nil, count: files.count)
            ready = files.map { _ in DispatchSemaphore(value: 0) }
        }

        func claim() -> Int? {
            room.wait()
            lock.wait()
            defer { lock.signal() }
            guard !cancelled, next < results.count else { cancelled = true; room.signal(); return nil }
            next += 1
            return next - 1
        }

        /// The result is moved in and out, never copied: a worker that still held a copy when
        /// `take` woke made the merge's first change copy the file's whole array of events.
        func put(_ i: Int, _ r: consuming FileResult) {
            lock.wait()
            results[i] = consume r
            lock.signal()
            ready[i].signal()
        }

        func take(_ i: Int) -> FileResult {
            ready[i].wait()
            lock.wait()
            var r: FileResult? = nil
            swap(&r, &results[i])
            lock.signal()
            room.signal()
            return r!
        }

        /// Stops the workers: no more claims, and every worker waiting for room wakes up.
        func cancel(workers: Int) {
            lock.wait()
            cancelled = true
            lock.signal()
            for _ in 0..<workers { room.signal() }
        }
    }

    /// `memo` is the worker's, shared by the listings it parses.
    private func parseFile(_ path: String, memo: ListingParser.Memo, records: Bool) -> FileResult {
        var r = FileResult()
        guard let src = Pipeline.load(path, checkingUTF8: false, diagnostics: &r.diagnostics) else { return r }
        (r.events, r.keys, r.lines, r.meetings) = parseKeyed(src, unchecked: true, memo: memo, makesEvents: records, diagnostics: &r.diagnostics)
        r.meetingCount = r.meetings.count
        if !records { r.meetings = [] }
        return r
    }

    public func parse(_ src: SourceText, diagnostics: inout [Diagnostic]) -> (events: [Event], meetings: [Meeting]) {
        let r = parseKeyed(src, memo: ListingParser.Memo(starts: lex.wordStarts), makesEvents: true, diagnostics: &diagnostics)
        return (r.events, r.meetings)
    }

    /// With `makesEvents: false`, a listing's events are not made: `lines` has each one's line.
    /// `unchecked`: `src` is a text `load` left unchecked (`checkingUTF8: false`). A listing's
    /// lines are then checked as the parser meets them, notes as a whole, and a text that is
    /// not UTF-8 is parsed again, and sampled again (`looksLikeListing` read its bytes as
    /// repaired), read as Windows-1251. (Another text not known to be UTF-8 is read as its
    /// strings repair it.)
    private func parseKeyed(_ src: SourceText, unchecked: Bool = false, memo: ListingParser.Memo, makesEvents: Bool,
                            diagnostics: inout [Diagnostic]) -> (events: [Event], keys: [EventMerger.Keys], lines: [Int32], meetings: [Meeting]) {
        if src.lineCount == 0 || src.bytes.allSatisfy({ $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }) {
            diagnostics.append(Diagnostic(.warning, "input-empty", "file is empty", at: src.location(line: 0)))
            return ([], [], [], [])
        }
        let lazy = unchecked && !src.isValidUTF8
        if ListingParser.looksLikeListing(src, lex: lex) {
            let parser = ListingParser(lex: lex, memo: memo, makesEvents: makesEvents)
            let before = diagnostics.count
            if let r = lazy ? parser.parse(checkingLinesOf: src, diagnostics: &diagnostics) : parser.parse(src, diagnostics: &diagnostics) {
                return (r.events, r.keys, r.lines, [])
            }
            diagnostics.removeSubrange(before...)
        } else if !lazy || TextDecoder.isValidUTF8(src.bytes) {
            let notes = lazy ? src.checkedUTF8() : src
            return ([], [], [], NotesParser(lex: lex, defaultYear: defaultYear, words: memo.words).parse(notes, diagnostics: &diagnostics))
        }
        return parseKeyed(Pipeline.windows1251(src, diagnostics: &diagnostics), memo: memo, makesEvents: makesEvents, diagnostics: &diagnostics)
    }
}

/// Duplicate entries: the same title, place and dates twice is one event (and a warning); the
/// same title and place on other dates are two events (and a note). Ids stay unique.
///
/// The state is kept across files as 128-bit digests of the normalised keys and the place of
/// each first occurrence, not the events: a 100 MB corpus has half a million events, and
/// holding them to compare would cost more memory than the corpus itself.
///
/// One table holds every title and place, with the first event's place in the files and its
/// dates (`First`); the exact keys of the later events of a title and place are
/// kept apart (`exact`), and only they. An event is the same as an earlier one exactly when
/// the earliest event with its title, place and dates is the title and place's first event
/// or is in `exact`, so each new event costs one look-up, where two tables of an entry per
/// event took two (each a cache miss at the corpus's size) and more memory. The table of
/// titles and places is a `DigestIndex`: a new entry writes one slot of a small table and
/// appends its key and value, where a `DigestMap` wrote them into slots spread over tens of
/// megabytes. That table is a class: a merger is one run's, and a copy would share it.
struct EventMerger {
    private struct Seen { var file: Int32; var line: Int32 }
    /// A title and place's first event: where it is, and its dates (`Keys.dates`). The dates,
    /// not the digest of title, place and dates (`Keys.full`): under one title and place they
    /// say the same, in 8 bytes where the digest took 16, and the table holds an entry for
    /// nearly every event of the corpus, written on the main thread (3.4 MB less for the
    /// 420,000 events of the bench's 50 MB of listings, a page fault each 4 KB).
    private struct First { var seen: Seen; var dates: UInt64 }
    private var files: [String] = []
    private var exact = DigestMap(placeholder: Seen(file: 0, line: 0))
    private let byTitlePlace = DigestIndex<First>()
    private var ids = UniqueIDs()

    static func merge(_ events: [Event], diagnostics: inout [Diagnostic]) -> [Event] {
        var m = EventMerger()
        return m.merge(events, diagnostics: &diagnostics)
    }

    /// What the merge looks an event up by: the digest of its title and place, its dates, and
    /// the digest of its id. Made where the event is parsed (on a worker), so the serial merge
    /// only looks them up.
    struct Keys: Sendable {
        var titlePlace: Digest128.Value
        /// The start's and the end's `packed` days, the start's above (46 bits).
        var dates: UInt64
        var id: Digest128.Value

        /// The digest of the title, place and dates: the key of the later events of a title
        /// and place (`exact`), made only for them.
        var full: Digest128.Value {
            // The dates as one number, not as text: the digest is never shown. Mixed into the
            // lanes by one bijection each (an XOR, and an odd multiply and an XOR before
            // `value`'s mixer), so that one title and place on different dates never share a
            // digest. Six bytes `put` one at a time took about 190 instructions an entry, two
            // per cent of a listing check.
            Digest128(lanes: Digest128.Value(a: titlePlace.a ^ dates, b: titlePlace.b ^ (dates &* 0x9E37_79B9_7F4A_7C15))).value
        }

        /// A day's year, month and day packed in 23 bits, or 0 for no day (no day packs to 0:
        /// its month is at least 1).
        private static func packed(_ d: Day?) -> UInt64 {
            d.map { UInt64($0.year) << 9 | UInt64($0.month) << 5 | UInt64($0.day) } ?? 0
        }

        init(_ e: Event) {
            self.init(titlePlace: Event.mergeDigest(title: e.title, location: e.location), start: e.start, end: e.end, id: e.id)
        }

        /// From the event's parts: the parser has `titlePlace` (`Event.mergeDigest`) already,
        /// and building the keys from a whole `Event` cost a copy of it.
        init(titlePlace: Digest128, start: Day?, end: Day?, id: String) {
            self.init(titlePlace: titlePlace, start: start, end: end)
            self.id = UniqueIDs.digest(id)
        }

        /// Without an id (its digest zero), for `count`, which makes no ids.
        init(titlePlace: Digest128, start: Day?, end: Day?) {
            self.titlePlace = titlePlace.value
            dates = Keys.packed(start) << 23 | Keys.packed(end)
            id = Digest128.Value(a: 0, b: 0)
        }
    }

    /// Whether the event with `key`, found at `file`:`line`, is new: false for the same event
    /// seen before (a warning); a repeat of a title and place on other dates is new (a note).
    /// What `merge` and `count` share.
    private mutating func admit(_ key: Keys, file: String, line: Int, diagnostics: inout [Diagnostic]) -> Bool {
        if files.last != file { files.append(file) }
        let here = Seen(file: Int32(files.count - 1), line: Int32(clamping: line))
        guard let first = byTitlePlace.valueOrInsert(First(seen: here, dates: key.dates), for: key.titlePlace) else { return true }
        // The earliest event with these dates: the first of the title and place, or a later one.
        let same = first.dates == key.dates ? first.seen : exact.valueOrInsert(here, for: key.full)
        if let same {
            diagnostics.append(Diagnostic(.warning, "event-duplicate", EventMerger.naming("the same event as ", files[Int(same.file)], same.line, " (title, place and dates); merged into it"),
                                          at: SourceLocation(file: file, line: line)))
            return false
        }
        let other = first.seen
        diagnostics.append(Diagnostic(.note, "event-repeated", EventMerger.naming("same title and place as ", files[Int(other.file)], other.line, ", on other dates; kept as a separate event"),
                                      at: SourceLocation(file: file, line: line)))
        return true
    }

    /// `head`, then `file`:`line`, then `tail`, in one buffer made at its size: the merge's
    /// notes name the earlier event so (8,000 for the bench's 50 MB of listings, on the main
    /// thread), and interpolation appended five pieces, each a grow and a copy, about 3,000
    /// instructions a note.
    static func naming(_ head: StaticString, _ file: String, _ line: Int32, _ tail: StaticString) -> String {
        let head = UnsafeBufferPointer(start: head.utf8Start, count: head.utf8CodeUnitCount)
        let tail = UnsafeBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount)
        var out: [UInt8] = []
        out.reserveCapacity(head.count + file.utf8.count + 12 + tail.count)
        out.append(contentsOf: head)
        var path = file
        path.withUTF8 { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: ":"))
        JSONWriter.writeInt(Int(line), into: &out)
        out.append(contentsOf: tail)
        return String(decoding: out, as: UTF8.self)
    }

    /// `keys`, when given, are the events' `Keys`.
    /// The events are merged in place: the kept ones move up over the dropped ones, so no
    /// event is copied (each copy retained a dozen strings). The array is taken over, not
    /// copied (`consume`): a copy made the first change copy the whole array, and the swaps
    /// are made on its buffer, where a swap moves two events and `Array.swapAt` copied three.
    mutating func merge(_ events: consuming [Event], keys: [Keys]? = nil, diagnostics: inout [Diagnostic]) -> [Event] {
        precondition(keys == nil || keys!.count == events.count)
        var events = consume events
        let kept = events.withUnsafeMutableBufferPointer { events -> Int in
            var kept = 0
            for k in events.indices {
                if let keys, k % EventMerger.touchAhead == 0 { touch(keys[k..<min(keys.count, k + EventMerger.touchAhead)]) }
                // Read in place: the merge runs on the main thread for every event of the corpus,
                // and copying the file name and the id out of each event and back took four
                // atomic reference counts an event.
                let key = keys?[k] ?? Keys(events[k])
                guard admit(key, file: events[k].source.file, line: events[k].source.line, diagnostics: &diagnostics) else { continue }
                if let n = ids.repeatNumber(key.id) { events[k].id += "-\(n)" }
                if kept != k { events.swapAt(kept, k) }
                kept += 1
            }
            return kept
        }
        events.removeSubrange(kept...)
        return events
    }

    /// `check`'s merge: the duplicates and diagnostics of `merge`, from the keys of one file's
    /// events and their lines alone; how many events it keeps. Ids are not made unique, since
    /// `check` prints none.
    mutating func count(_ keys: [Keys], lines: [Int32], file: String, diagnostics: inout [Diagnostic]) -> Int {
        precondition(keys.count == lines.count)
        var kept = 0
        for k in keys.indices {
            if k % EventMerger.touchAhead == 0 { touch(keys[k..<min(keys.count, k + EventMerger.touchAhead)]) }
            if admit(keys[k], file: file, line: Int(lines[k]), diagnostics: &diagnostics) { kept += 1 }
        }
        return kept
    }

    /// How many events' slots are read before the first of them is looked up (`touch`).
    static let touchAhead = 16

    /// Reads the slots where the look-ups of `keys` start, in the table of titles and places,
    /// before they are looked up: it holds an entry per title and place of the corpus (2¹⁹
    /// slots of 8 bytes for 420,000 events, more than the second-level cache), so nearly every
    /// look-up missed, and one at a time; read together, the misses overlap. (`exact` holds
    /// only the repeats, and is looked up only for them.)
    private func touch(_ keys: ArraySlice<Keys>) {
        var t: UInt64 = 0
        for k in keys { t |= byTitlePlace.touch(k.titlePlace) }
        Opaque.use(t)
    }
}

/// Ids made unique in order of appearance: the second "ev-1a2b" becomes "ev-1a2b-2".
struct UniqueIDs {
    private var seen = DigestMap<Int32>(placeholder: 0)

    mutating func unique(_ id: String) -> String { unique(id, digest: UniqueIDs.digest(id)) }

    /// `digest` is `UniqueIDs.digest(id)`, made beforehand.
    mutating func unique(_ id: String, digest d: Digest128.Value) -> String {
        guard let n = repeatNumber(d) else { return id }
        return id + "-\(n)"
    }

    /// Nil the first time `d` (an id's digest) comes; then 2, 3, ...: the suffix its id takes.
    mutating func repeatNumber(_ d: Digest128.Value) -> Int32? {
        guard let n = seen.valueOrInsert(1, for: d) else { return nil }
        seen.set(n + 1, for: d)
        return n + 1
    }

    /// Eight bytes a step (`Digest128.of`): the digest only tells ids apart and is never
    /// shown, and every event's was made a byte at a time, three multiplies each (1.5% of a
    /// listing check, which does not even use it).
    static func digest(_ id: String) -> Digest128.Value {
        id.withUTF8Bytes { Digest128.of(UnsafeRawBufferPointer($0), seed: UniqueIDs.seed) }
    }
    private static let seed: UInt64 = 0x4944_5321
}
