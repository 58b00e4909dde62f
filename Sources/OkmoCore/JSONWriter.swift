/// Writes JSON with sorted keys and two-space indentation, UTF-8 as is (no `\u` escapes for
/// Cyrillic): the records file must be the same bytes for the same inputs, and readable in a diff.
public enum JSONWriter {
    public static func pretty(_ v: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(v, into: &out, indent: 0, pretty: true)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    public static func compact(_ v: JSONValue) -> String {
        var out: [UInt8] = []
        write(v, into: &out, indent: 0, pretty: false)
        return String(decoding: out, as: UTF8.self)
    }

    public static func prettyBytes(_ v: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(v, into: &out, indent: 0, pretty: true)
        out.append(0x0A)
        return out
    }

    public static func write(_ v: JSONValue, into out: inout [UInt8], indent: Int, pretty: Bool) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: formatNumber(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            if a.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (i, e) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) } else if i > 0 { out.append(0x20) }
                write(e, into: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            if o.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            let keys = o.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, k) in keys.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { newline(&out, indent + 1) } else if i > 0 { out.append(0x20) }
                writeString(k, into: &out)
                out.append(contentsOf: ": ".utf8)
                write(o[k]!, into: &out, indent: indent + 1, pretty: pretty)
            }
            if pretty { newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A newline and `indent` levels of two spaces.
    static func newline(_ out: inout [UInt8], _ indent: Int) {
        let n = 1 + indent * 2
        if n <= newlineAndSpaces.count {
            newlineAndSpaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<n])) }
            return
        }
        out.append(0x0A)
        for _ in 0..<(indent * 2) { out.append(0x20) }
    }
    private static let newlineAndSpaces: [UInt8] = [0x0A] + [UInt8](repeating: 0x20, count: 32)

    /// Integral values print without a fraction ("8000", not "8000.0"), the way people write them.
    public static func formatNumber(_ d: Double) -> String {
        if !d.isFinite { return "null" }
        if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape (nearly all of them) go in one copy; a byte at a
        // time, the appends were a tenth of a build.
        s.withUTF8Bytes { b in
            Escape.runs(of: b, to: &out, escaping: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) { c, out in escape(c, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// One byte that JSON strings escape.
    private static func escape(_ b: UInt8, into out: inout [UInt8]) {
        switch b {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0..<0x20, 0x7F:
            out.append(contentsOf: "\\u00".utf8)
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0xF)])
        default: out.append(b)
        }
    }
}
