/// Escaping for the two outputs. Input text is untrusted: a title with `<script>` or `|` must
/// show as text in both reports.
public enum Escape {
    /// HTML text and attribute values (`&`, `<`, `>`, `"`, `'`), as the Mustache spec requires.
    public static func html(_ s: String) -> String {
        var out: [UInt8] = []
        appendHTML(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func appendHTML(_ s: String, to out: inout [UInt8]) {
        var needs = false
        for b in s.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 { needs = true; break }
        if !needs { out.append(contentsOf: s.utf8); return }
        for b in s.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
    }

    /// Markdown inline text: backslash-escapes the characters that would start markup, so a
    /// value placed in a table cell or heading stays one cell and one line. Newlines become
    /// spaces (a table row is one line).
    public static func markdown(_ s: String) -> String {
        var out: [UInt8] = []
        appendMarkdown(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func appendMarkdown(_ s: String, to out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "|"), UInt8(ascii: "#"),
                 UInt8(ascii: "~"), UInt8(ascii: "&"):
                out.append(UInt8(ascii: "\\")); out.append(b)
            case 0x0A, 0x0D: out.append(0x20)
            default: out.append(b)
            }
        }
    }
}
