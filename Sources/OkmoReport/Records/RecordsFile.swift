import OkmoCore

/// Writes `records.json` while the records stream past, byte for byte what
/// `Records.jsonBytes()` gives for the same records: events and meetings go to two spool files
/// as each input file is parsed; `finish` joins them under the sorted keys' order
/// (diagnostics, events, meetings, schema) into the temporary records file.
final class RecordsFileWriter {
    let folder: String
    private let events: SpoolFile
    private let meetings: SpoolFile
    private(set) var eventCount = 0
    private(set) var meetingCount = 0

    init(folder: String) throws(OutputError) {
        self.folder = folder
        events = try SpoolFile(folder: folder, name: "records.json", purpose: "events")
        meetings = try SpoolFile(folder: folder, name: "records.json", purpose: "meetings")
    }

    /// What the pretty writer puts before each element inside a top-level array: a comma
    /// after the previous one, a newline, two levels of indentation.
    private static func separator(first: Bool, into out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        out.append(contentsOf: "\n    ".utf8)
    }

    func append(events es: [Event], meetings ms: [Meeting]) throws(OutputError) {
        // Records are written straight to bytes (`Event.writeJSON`), not through `json`'s
        // value tree: this runs on the merging thread, which every worker waits for.
        // Read in place through the buffers: the arrays' elements were copied out (ten
        // retains and releases an event).
        var out: [UInt8] = []
        out.reserveCapacity(600 * es.count + 1_500 * ms.count)
        es.withUnsafeBufferPointer { buf in
            for i in buf.indices {
                RecordsFileWriter.separator(first: eventCount == 0, into: &out)
                buf[i].writeJSON(into: &out, indent: 2)
                eventCount += 1
            }
        }
        if !out.isEmpty { try events.write(out) }
        out.removeAll(keepingCapacity: true)
        ms.withUnsafeBufferPointer { buf in
            for i in buf.indices {
                RecordsFileWriter.separator(first: meetingCount == 0, into: &out)
                buf[i].writeJSON(into: &out, indent: 2)
                meetingCount += 1
            }
        }
        if !out.isEmpty { try meetings.write(out) }
    }

    /// The whole records file under a temporary name; `commit(to:)` it once the reports are ready.
    func finish(diagnostics: [Diagnostic]) throws(OutputError) -> SpoolFile {
        let file = try SpoolFile(folder: folder, name: "records.json")
        var head: [UInt8] = Array("{\n  \"diagnostics\": ".utf8)
        diagnostics.withUnsafeBufferPointer { d in
            JSONWriter.writeArray(count: d.count, indent: 1, into: &head) { i, out in d[i].writeJSON(into: &out, indent: 2) }
        }
        head.append(contentsOf: ",\n  \"events\": ".utf8)
        try file.write(head)
        for (spool, n, key) in [(events, eventCount, "meetings"), (meetings, meetingCount, "schema")] {
            if n == 0 { try file.write("[]") } else {
                try file.write("[")
                try file.append(contentsOf: spool)
                try file.write("\n  ]")
            }
            try file.write(",\n  \"\(key)\": ")
        }
        var tail: [UInt8] = []
        JSONWriter.writeString(Records.schema, into: &tail)
        tail.append(contentsOf: "\n}\n".utf8)
        try file.write(tail)
        events.discard()
        meetings.discard()
        return file
    }

    func discard() {
        events.discard()
        meetings.discard()
    }
}
