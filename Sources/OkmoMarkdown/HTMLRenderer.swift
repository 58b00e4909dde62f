/// Renders the tree as the CommonMark reference renderer does (same line breaks and escapes).
struct HTMLRenderer {
    let safe: Bool
    var out: [UInt8] = []

    init(safe: Bool) { self.safe = safe }

    mutating func lit(_ s: String) { out.append(contentsOf: s.utf8) }

    mutating func cr() { if let l = out.last, l != B.nl { out.append(B.nl) } }

    mutating func esc(_ s: [UInt8]) {
        for c in s {
            switch c {
            case B.amp: lit("&amp;")
            case B.lt: lit("&lt;")
            case B.gt: lit("&gt;")
            case B.quote: lit("&quot;")
            default: out.append(c)
            }
        }
    }

    static let unsafeSchemes = ["javascript:", "vbscript:", "file:", "data:"]
    static func isUnsafe(_ url: [UInt8]) -> Bool {
        let l = String(decoding: url.prefix(16).map(B.lower), as: UTF8.self)
        if l.hasPrefix("data:image/png") || l.hasPrefix("data:image/gif") || l.hasPrefix("data:image/jpeg") || l.hasPrefix("data:image/webp") { return false }
        return unsafeSchemes.contains { l.hasPrefix($0) }
    }

    /// Percent-encodes what may not stand in a URL, keeping existing %XX escapes.
    /// Bytes a URL keeps as they are: letters, digits and `;/?:@&=+$,-_.!~*'()#`; a table
    /// built once rather than a set per link.
    static let urlSafe: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in ";/?:@&=+$,-_.!~*'()#".utf8 { t[Int(c)] = true }
        for c in 0..<256 where B.isAlnum(UInt8(c)) { t[c] = true }
        return t
    }()
    static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func normalizeURL(_ s: [UInt8]) -> [UInt8] {
        let safe = urlSafe
        let hex = hexDigits
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "%") && i + 2 < s.count && B.isHex(s[i + 1]) && B.isHex(s[i + 2]) {
                out.append(contentsOf: s[i...(i + 2)]); i += 3; continue
            }
            if safe[Int(c)] { out.append(c) } else {
                out.append(UInt8(ascii: "%")); out.append(hex[Int(c >> 4)]); out.append(hex[Int(c & 15)])
            }
            i += 1
        }
        return out
    }

    /// One step of the walk: a node to open (children follow) or to close.
    enum Step { case enter(MDNode, tight: Bool), exit(MDNode, tight: Bool), lit(String) }

    /// Walks the tree with an explicit stack, so nesting depth never reaches the call stack.
    mutating func render(_ doc: MDNode) { walk(doc, tight: false) }

    /// Renders the children of `parent` (their subtrees included).
    mutating func walk(_ parent: MDNode, tight: Bool) {
        var stack: [Step] = []
        var c = parent.lastChild
        while let x = c { stack.append(.enter(x, tight: tight)); c = x.prev }
        while let step = stack.popLast() {
            switch step {
            case .lit(let s): lit(s)
            case .exit(let n, let t): close(n, tight: t)
            case .enter(let n, let t):
                guard open(n, tight: t) else { continue }
                stack.append(.exit(n, tight: t))
                if n.kind == .list {
                    // List items render their paragraphs bare when the list is tight.
                    var item = n.lastChild
                    while let it = item {
                        stack.append(.lit("</li>\n"))
                        var ic = it.lastChild
                        while let x = ic { stack.append(.enter(x, tight: n.listData.tight)); ic = x.prev }
                        stack.append(.lit("<li>"))
                        item = it.prev
                    }
                } else {
                    // Only a paragraph reads the flag, and only a list item's own paragraphs are tight.
                    var cc = n.lastChild
                    while let y = cc { stack.append(.enter(y, tight: false)); cc = y.prev }
                }
            }
        }
    }

    /// Writes a node's opening; true when its children and closing follow.
    mutating func open(_ n: MDNode, tight: Bool) -> Bool {
        switch n.kind {
        case .paragraph:
            if !tight { cr(); lit("<p>") }
            return true
        case .heading: cr(); lit("<h\(n.level)>"); return true
        case .thematicBreak: cr(); lit("<hr />"); cr(); return false
        case .blockQuote: cr(); lit("<blockquote>"); cr(); return true
        case .list:
            cr()
            if n.listData.ordered && n.listData.start != 1 { lit("<ol start=\"\(n.listData.start)\">") } else { lit(n.listData.ordered ? "<ol>" : "<ul>") }
            cr()
            return true
        case .item: lit("<li>"); return true
        case .codeBlock:
            cr()
            lit("<pre><code")
            if !n.info.isEmpty {
                let lang = n.info.prefix { !B.isWhitespace($0) }
                lit(" class=\"language-"); esc(Array(lang)); lit("\"")
            }
            lit(">"); esc(n.literal); lit("</code></pre>"); cr()
            return false
        case .htmlBlock:
            cr()
            if safe { esc(n.literal) } else { out.append(contentsOf: n.literal) }
            cr()
            return false
        case .table: table(n); return false
        case .text: esc(n.literal); return false
        case .softBreak: out.append(B.nl); return false
        case .lineBreak: lit("<br />"); out.append(B.nl); return false
        case .code: lit("<code>"); esc(n.literal); lit("</code>"); return false
        case .htmlInline:
            if safe { esc(n.literal) } else { out.append(contentsOf: n.literal) }
            return false
        case .emph: lit("<em>"); return true
        case .strong: lit("<strong>"); return true
        case .link:
            lit("<a href=\"")
            if !(safe && HTMLRenderer.isUnsafe(n.destination)) { esc(HTMLRenderer.normalizeURL(n.destination)) }
            lit("\"")
            if !n.title.isEmpty { lit(" title=\""); esc(n.title); lit("\"") }
            lit(">")
            return true
        case .image:
            lit("<img src=\"")
            if !(safe && HTMLRenderer.isUnsafe(n.destination)) { esc(HTMLRenderer.normalizeURL(n.destination)) }
            lit("\" alt=\"")
            var alt: [UInt8] = []
            HTMLRenderer.plainText(n, into: &alt)
            esc(alt)
            lit("\"")
            if !n.title.isEmpty { lit(" title=\""); esc(n.title); lit("\"") }
            lit(" />")
            return false
        case .document: return true
        }
    }

    mutating func close(_ n: MDNode, tight: Bool) {
        switch n.kind {
        case .paragraph: if !tight { lit("</p>"); cr() }
        case .heading: lit("</h\(n.level)>"); cr()
        case .blockQuote: cr(); lit("</blockquote>"); cr()
        case .list: cr(); lit(n.listData.ordered ? "</ol>" : "</ul>"); cr()
        case .item: lit("</li>"); cr()
        case .emph: lit("</em>")
        case .strong: lit("</strong>")
        case .link: lit("</a>")
        default: break
        }
    }

    mutating func inlines(_ n: MDNode) { walk(n, tight: true) }

    mutating func table(_ n: MDNode) {
        cr(); lit("<table>"); cr(); lit("<thead>"); cr()
        for (r, row) in n.cells.enumerated() {
            if r == 1 { lit("<tbody>"); cr() }
            lit("<tr>"); cr()
            for (k, cell) in row.enumerated() {
                let tag = r == 0 ? "th" : "td"
                switch n.alignments[k] {
                case UInt8(ascii: "l"): lit("<\(tag) align=\"left\">")
                case UInt8(ascii: "c"): lit("<\(tag) align=\"center\">")
                case UInt8(ascii: "r"): lit("<\(tag) align=\"right\">")
                default: lit("<\(tag)>")
                }
                inlines(cell)
                lit("</\(tag)>"); cr()
            }
            lit("</tr>"); cr()
            if r == 0 { lit("</thead>"); cr() }
        }
        if n.cells.count > 1 { lit("</tbody>"); cr() }
        lit("</table>"); cr()
    }

    static func plainText(_ n: MDNode, into out: inout [UInt8]) {
        var stack: [MDNode] = []
        var c = n.lastChild
        while let x = c { stack.append(x); c = x.prev }
        while let x = stack.popLast() {
            switch x.kind {
            case .text, .code, .htmlInline: out.append(contentsOf: x.literal)
            case .softBreak, .lineBreak: out.append(B.nl)
            default:
                var cc = x.lastChild
                while let y = cc { stack.append(y); cc = y.prev }
            }
        }
    }
}
