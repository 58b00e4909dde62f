/// Escaping for the two outputs. Input text is untrusted: a title with `<script>` or `|` must
/// show as text in both reports.
///
/// Both escapers copy the runs between special bytes in one append each: a report lists ten
/// thousand events, and a byte at a time the escaping was a third of the report's rendering.
public enum Escape {
    /// HTML text and attribute values (`&`, `<`, `>`, `"`, `'`), as the Mustache spec requires.
    public static func html(_ s: String) -> String {
        var out: [UInt8] = []
        appendHTML(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func appendHTML(_ s: String, to out: inout [UInt8]) {
        s.withUTF8Bytes { b in
            runs(of: b, to: &out, escaping: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) { c, out in
                switch c {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                default: out.append(contentsOf: "&#39;".utf8)
                }
            }
        }
    }

    /// `b` appended to `out` with each byte that `special` picks replaced by what `escape`
    /// appends for it, and the runs between such bytes copied in one append each. HTML,
    /// Markdown and JSON strings all escape this way.
    @inline(__always)
    static func runs(of b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], escaping special: (UInt8) -> Bool,
                     _ escape: (UInt8, inout [UInt8]) -> Void) {
        var from = 0
        for (i, c) in b.enumerated() where special(c) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<i]))
            escape(c, &out)
            from = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[from...]))
    }

    /// Markdown inline text: backslash-escapes the characters that would start markup, so a
    /// value placed in a table cell or heading stays one cell and one line. Newlines become
    /// spaces (a table row is one line).
    public static func markdown(_ s: String) -> String {
        var out: [UInt8] = []
        appendMarkdown(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// What `appendMarkdown` does to a byte: 0 keep, 1 backslash first, 2 a space instead.
    private static let markdownAction: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in "\\`*_[]<>|#~&".utf8 { t[Int(c)] = 1 }
        t[0x0A] = 2
        t[0x0D] = 2
        return t
    }()

    public static func appendMarkdown(_ s: String, to out: inout [UInt8]) {
        markdownAction.withUnsafeBufferPointer { action in
            s.withUTF8Bytes { b in
                runs(of: b, to: &out, escaping: { action[Int($0)] != 0 }) { c, out in
                    if action[Int(c)] == 1 { out.append(UInt8(ascii: "\\")); out.append(c) } else { out.append(0x20) }
                }
            }
        }
    }
}
