import OkmoCore

/// Builds the node tree from tokens, applying the spec's standalone-line rules: a line holding
/// only whitespace and one non-output tag (section, inverted, close, comment, partial,
/// delimiter, parent, block) is removed whole. Template inheritance also allows several
/// parent/block tags on one standalone line.
struct Parser {
    let src: [UInt8]
    let file: String
    static let maxNesting = 1000

    func error(_ kind: TemplateError.Kind, _ message: String, at offset: Int) -> TemplateError {
        TemplateError(kind: kind, location: Template.location(in: src, offset: offset, file: file), message: message)
    }

    private enum Item {
        case text(Range<Int>)
        case tag(Tag, indent: [UInt8], standalone: Bool)
    }

    private func isBlank(_ r: Range<Int>) -> Bool {
        for i in r where !(src[i] == 0x20 || src[i] == 0x09 || src[i] == 0x0A || src[i] == 0x0D) { return false }
        return true
    }

    private static let standaloneKinds: [Tag.Kind] = [.sectionOpen, .invertedOpen, .close, .comment, .partial, .parent, .blockOpen, .delimiter]

    private func items(_ tokens: [Token]) -> [Item] {
        var out: [Item] = []
        out.reserveCapacity(tokens.count)
        var line: [Token] = []
        var openKinds: [Tag.Kind] = []  // to know what a close tag closes

        func flush() {
            defer { line.removeAll(keepingCapacity: true) }
            var tags: [Tag] = []
            var textsBlank = true
            for t in line {
                switch t {
                case .tag(let tag): tags.append(tag)
                case .text(let r): if !isBlank(r) { textsBlank = false }
                }
            }
            var standalone = false
            var keepLineEnd = false
            if !tags.isEmpty && textsBlank && tags.allSatisfy({ Parser.standaloneKinds.contains($0.kind) }) {
                if tags.count == 1 {
                    standalone = true
                } else {
                    // Several tags: only inheritance tags (and what closes them) share a standalone line.
                    var kinds = openKinds
                    var ok = true
                    var inheritance = false
                    var openedHere: [String] = []
                    for t in tags {
                        switch t.kind {
                        case .parent, .blockOpen:
                            inheritance = true; kinds.append(t.kind)
                            if t.kind == .blockOpen { openedHere.append(t.name) }
                        case .close:
                            let k = kinds.popLast()
                            if k == .parent || k == .blockOpen { inheritance = true } else { ok = false }
                            if k == .blockOpen, openedHere.last == t.name { keepLineEnd = true }
                        case .comment, .delimiter: break
                        default: ok = false
                        }
                    }
                    standalone = ok && inheritance
                }
            }
            for t in tags {
                switch t.kind {
                case .sectionOpen, .invertedOpen, .parent, .blockOpen: openKinds.append(t.kind)
                case .close: _ = openKinds.popLast()
                default: break
                }
            }
            if !standalone {
                for t in line {
                    switch t {
                    case .text(let r): out.append(.text(r))
                    case .tag(let tag): out.append(.tag(tag, indent: [], standalone: false))
                    }
                }
                return
            }
            var indent: [UInt8] = []
            if case .text(let r)? = line.first { indent = Array(src[r]).filter { $0 == 0x20 || $0 == 0x09 } }
            for t in line {
                switch t {
                case .tag(let tag): out.append(.tag(tag, indent: indent, standalone: true))
                case .text(let r):
                    if keepLineEnd, r.upperBound > r.lowerBound, src[r.upperBound - 1] == 0x0A {
                        var a = r.lowerBound
                        while a < r.upperBound && (src[a] == 0x20 || src[a] == 0x09) { a += 1 }
                        out.append(.text(a..<r.upperBound))
                    }
                }
            }
        }

        for t in tokens {
            line.append(t)
            if case .text(let r) = t, r.upperBound > r.lowerBound, src[r.upperBound - 1] == 0x0A { flush() }
        }
        if !line.isEmpty { flush() }
        return out
    }

    private struct Frame {
        var tag: Tag
        var indent: [UInt8]
        var standalone: Bool
        var children: [Node] = []
    }

    func parse(_ tokens: [Token]) throws(TemplateError) -> [Node] {
        var stack: [Frame] = []
        var root: [Node] = []
        func append(_ n: Node) {
            if stack.isEmpty { root.append(n) } else { stack[stack.count - 1].children.append(n) }
        }
        var pendingText: [UInt8] = []
        func flushText() {
            if !pendingText.isEmpty { append(.text(pendingText)); pendingText.removeAll(keepingCapacity: true) }
        }
        for item in items(tokens) {
            switch item {
            case .text(let r):
                pendingText.append(contentsOf: src[r])
            case .tag(let tag, let indent, let standalone):
                switch tag.kind {
                case .comment, .delimiter:
                    continue
                case .variable, .raw:
                    flushText()
                    append(.variable(Name(tag.name), escaped: tag.kind == .variable, offset: tag.start))
                case .partial:
                    flushText()
                    append(.partial(PartialRef(name: tag.name, dynamic: tag.dynamic), indent: standalone ? indent : [], offset: tag.start))
                case .sectionOpen, .invertedOpen, .parent, .blockOpen:
                    flushText()
                    if stack.count >= Parser.maxNesting {
                        throw error(.nestingTooDeep(limit: Parser.maxNesting), "sections nested deeper than \(Parser.maxNesting) levels; flatten the template", at: tag.start)
                    }
                    stack.append(Frame(tag: tag, indent: indent, standalone: standalone))
                case .close:
                    flushText()
                    guard let frame = stack.popLast() else {
                        throw error(.unexpectedClose(name: tag.name), "closing tag '{{/\(tag.name)}}' has no open section; remove it or add '{{#\(tag.name)}}' before it", at: tag.start)
                    }
                    guard frame.tag.name == tag.name || (frame.tag.dynamic && "*" + frame.tag.name == tag.name) else {
                        let opened = Template.location(in: src, offset: frame.tag.start, file: file)
                        throw error(.mismatchedClose(expected: frame.tag.name, found: tag.name, openedAt: opened),
                                    "'{{/\(tag.name)}}' closes '\(frame.tag.name)' opened at \(opened.description); close '\(frame.tag.name)' first", at: tag.start)
                    }
                    append(node(for: frame))
                }
            }
        }
        flushText()
        if let open = stack.last {
            throw error(.unclosedSection(name: open.tag.name), "unclosed section '\(open.tag.name)' opened at \(Template.location(in: src, offset: open.tag.start, file: file).description); add '{{/\(open.tag.name)}}'", at: open.tag.start)
        }
        return root
    }

    private func node(for frame: Frame) -> Node {
        let name = Name(frame.tag.name)
        switch frame.tag.kind {
        case .sectionOpen: return .section(name, frame.children, inverted: false, offset: frame.tag.start)
        case .invertedOpen: return .section(name, frame.children, inverted: true, offset: frame.tag.start)
        case .blockOpen:
            return .block(Block(name: frame.tag.name, children: frame.children,
                                expansionIndent: frame.standalone ? frame.indent : nil, keepsLineEnd: false, offset: frame.tag.start))
        default:
            // A parent: only its top-level blocks matter; other content is ignored. Each
            // override loses the indentation it was written with (the spec: removed at the
            // site of definition, added at the site of expansion).
            var overrides: [String: Block] = [:]
            for case .block(var b) in frame.children where overrides[b.name] == nil {
                if b.expansionIndent != nil {
                    let intrinsic = Parser.leadingWhitespace(b.children)
                    if !intrinsic.isEmpty {
                        var atLineStart = true
                        b.children = Parser.strip(intrinsic, from: b.children, atLineStart: &atLineStart)
                    }
                }
                overrides[b.name] = b
            }
            return .parent(PartialRef(name: frame.tag.name, dynamic: frame.tag.dynamic), overrides: overrides,
                           indent: frame.standalone ? frame.indent : [], offset: frame.tag.start)
        }
    }

    static func leadingWhitespace(_ nodes: [Node]) -> [UInt8] {
        guard case .text(let t)? = nodes.first else { return [] }
        return Array(t.prefix { $0 == 0x20 || $0 == 0x09 })
    }

    static func strip(_ prefix: [UInt8], from nodes: [Node], atLineStart: inout Bool) -> [Node] {
        var out: [Node] = []
        for n in nodes {
            switch n {
            case .text(let t):
                var r: [UInt8] = []
                var i = 0
                while i < t.count {
                    if atLineStart && t.count - i >= prefix.count && Array(t[i..<(i + prefix.count)]) == prefix { i += prefix.count }
                    atLineStart = false
                    while i < t.count {
                        r.append(t[i]); i += 1
                        if t[i - 1] == 0x0A { atLineStart = true; break }
                    }
                }
                out.append(.text(r))
            case .section(let name, let children, let inverted, let offset):
                out.append(.section(name, strip(prefix, from: children, atLineStart: &atLineStart), inverted: inverted, offset: offset))
            case .block(var b):
                b.children = strip(prefix, from: b.children, atLineStart: &atLineStart)
                out.append(.block(b))
            default:
                atLineStart = false
                out.append(n)
            }
        }
        return out
    }
}
