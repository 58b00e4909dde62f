/// Options of the Markdown converter.
public struct MarkdownOptions: Sendable {
    /// Escape raw HTML and drop `javascript:`, `vbscript:`, `file:` and `data:` link targets:
    /// for text that comes from inputs rather than from the analysts' own chapters.
    public var safe: Bool
    /// GFM tables.
    public var tables: Bool = true
    public static let standard = MarkdownOptions(safe: false)
    public static let safe = MarkdownOptions(safe: true)
}

/// CommonMark (+ GFM tables) to an HTML fragment.
public enum MarkdownRenderer {
    public static func html(from input: [UInt8], options: MarkdownOptions = .standard) -> [UInt8] {
        var bp = BlockParser(tables: options.tables)
        let doc = bp.parse(input)
        InlineWalker.run(doc, refmap: bp.refmap)
        var r = HTMLRenderer(safe: options.safe)
        r.render(doc)
        MDNode.dismantle(doc)
        return r.out
    }

    public static func html(from input: String, options: MarkdownOptions = .standard) -> String {
        String(decoding: html(from: Array(input.utf8), options: options), as: UTF8.self)
    }
}

/// Runs the inline parser over every paragraph, heading and table cell.
enum InlineWalker {
    static func run(_ node: MDNode, refmap: [String: (dest: [UInt8], title: [UInt8])]) {
        // An explicit stack: deeply nested block quotes must not overflow the call stack.
        var stack = [node]
        while let n = stack.popLast() {
            switch n.kind {
            case .paragraph, .heading:
                var s = n.content
                while let l = s.last, l == B.nl || B.isSpaceOrTab(l) { s.removeLast() }
                var i = 0
                while i < s.count && B.isSpaceOrTab(s[i]) { i += 1 }
                var p = Inline(subject: Array(s[i...]), refmap: refmap)
                p.parse(into: n)
            case .table:
                for row in n.rows {
                    var parsed: [MDNode] = []
                    for k in 0..<n.alignments.count {
                        let cell = MDNode(.paragraph)
                        var p = Inline(subject: k < row.count ? row[k] : [], refmap: refmap)
                        p.parse(into: cell)
                        parsed.append(cell)
                    }
                    n.cells.append(parsed)
                }
            default:
                var c = n.lastChild
                while let x = c { stack.append(x); c = x.prev }
            }
        }
    }
}
