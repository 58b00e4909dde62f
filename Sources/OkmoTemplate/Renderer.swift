import OkmoCore

/// Walks the node tree with a context stack. Values are `JSONValue`s: lambdas do not apply.
struct Renderer {
    let partials: PartialSource
    let escaping: Escaping
    let strict: Bool
    var warnings: [Diagnostic] = []
    /// Parsed partials by name and indentation: each is parsed once per render.
    var cache: [String: Template] = [:]
    static let maxDepth = 200

    init(partials: PartialSource, escaping: Escaping, strict: Bool) {
        self.partials = partials
        self.escaping = escaping
        self.strict = strict
    }

    static func isFalsy(_ v: JSONValue?) -> Bool {
        switch v {
        case nil, .null?: return true
        case .bool(let b)?: return !b
        case .array(let a)?: return a.isEmpty
        case .string(let s)?: return s.isEmpty
        default: return false
        }
    }

    /// Dotted-name lookup: the first part walks up the stack, the rest descend from what it found.
    static func lookup(_ name: Name, in stack: [JSONValue]) -> JSONValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: JSONValue?
        for ctx in stack.reversed() {
            if case .object(let o) = ctx, let v = o[first] { found = v; break }
        }
        guard var cur = found else { return nil }
        for part in name.parts.dropFirst() {
            switch cur {
            case .object(let o):
                guard let v = o[part] else { return nil }
                cur = v
            case .array(let a):
                guard let i = Int(part), i >= 0, i < a.count else { return nil }
                cur = a[i]
            default: return nil
            }
        }
        return cur
    }

    static func text(of v: JSONValue) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONWriter.formatNumber(d)
        case .string(let s): return s
        case .array, .object: return ""
        }
    }

    /// A block override and the template that wrote it (for the places of its warnings).
    struct Override { var block: Block; var template: Template }

    mutating func render(_ nodes: [Node], template: Template, stack: [JSONValue], overrides: [String: Override],
                         depth: Int, into out: inout [UInt8]) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let t):
                out.append(contentsOf: t)
            case .variable(let name, let escaped, let offset):
                guard let v = Renderer.lookup(name, in: stack) else {
                    if strict {
                        warnings.append(Diagnostic(.warning, "template-missing-variable", "'\(name.text)' is not in the context; it renders empty",
                                                   at: template.location(ofOffset: offset)))
                    }
                    continue
                }
                let s = Renderer.text(of: v)
                if !escaped { out.append(contentsOf: s.utf8); continue }
                switch escaping {
                case .html: Escape.appendHTML(s, to: &out)
                case .markdown: Escape.appendMarkdown(s, to: &out)
                case .none: out.append(contentsOf: s.utf8)
                }
            case .section(let name, let children, let inverted, let offset):
                let v = Renderer.lookup(name, in: stack)
                if v == nil && strict {
                    warnings.append(Diagnostic(.warning, "template-missing-variable", "section '\(name.text)' is not in the context",
                                               at: template.location(ofOffset: offset)))
                }
                if inverted {
                    if Renderer.isFalsy(v) { try render(children, template: template, stack: stack, overrides: overrides, depth: depth, into: &out) }
                    continue
                }
                if Renderer.isFalsy(v) { continue }
                if case .array(let items)? = v {
                    var s = stack
                    for item in items {
                        s.append(item)
                        try render(children, template: template, stack: s, overrides: overrides, depth: depth, into: &out)
                        s.removeLast()
                    }
                } else {
                    try render(children, template: template, stack: stack + [v!], overrides: overrides, depth: depth, into: &out)
                }
            case .partial(let ref, let indent, let offset):
                guard let t = try load(ref, indent: indent, from: template, offset: offset, stack: stack, depth: depth) else { continue }
                try render(t.nodes, template: t, stack: stack, overrides: overrides, depth: depth + 1, into: &out)
            case .parent(let ref, let inner, let indent, let offset):
                guard let t = try load(ref, indent: indent, from: template, offset: offset, stack: stack, depth: depth) else { continue }
                // Outer overrides win: the template furthest from the parent has the last word.
                var merged: [String: Override] = [:]
                for (k, b) in inner { merged[k] = Override(block: b, template: template) }
                for (k, b) in overrides { merged[k] = b }
                try render(t.nodes, template: t, stack: stack, overrides: merged, depth: depth + 1, into: &out)
            case .block(let b):
                guard let o = overrides[b.name] else {
                    try render(b.children, template: template, stack: stack, overrides: overrides, depth: depth, into: &out)
                    continue
                }
                guard let tagIndent = b.expansionIndent else {
                    try render(o.block.children, template: o.template, stack: stack, overrides: overrides, depth: depth, into: &out)
                    continue
                }
                let indent = b.children.isEmpty ? tagIndent : Parser.leadingWhitespace(b.children)
                var buf: [UInt8] = []
                try render(o.block.children, template: o.template, stack: stack, overrides: overrides, depth: depth, into: &buf)
                Renderer.appendIndented(buf, indent: indent, to: &out)
            }
        }
    }

    static func appendIndented(_ buf: [UInt8], indent: [UInt8], to out: inout [UInt8]) {
        if indent.isEmpty { out.append(contentsOf: buf); return }
        var atStart = true
        for b in buf {
            if atStart { out.append(contentsOf: indent); atStart = false }
            out.append(b)
            if b == 0x0A { atStart = true }
        }
    }

    /// Indents every line of a partial's source, as the spec's standalone partials require.
    static func indentSource(_ src: [UInt8], _ indent: [UInt8]) -> [UInt8] {
        if indent.isEmpty { return src }
        var out: [UInt8] = []
        out.reserveCapacity(src.count + indent.count * 8)
        var atStart = true
        for b in src {
            if atStart { out.append(contentsOf: indent); atStart = false }
            out.append(b)
            if b == 0x0A { atStart = true }
        }
        return out
    }

    mutating func load(_ ref: PartialRef, indent: [UInt8], from template: Template, offset: Int, stack: [JSONValue],
                       depth: Int) throws(TemplateError) -> Template? {
        let at = template.location(ofOffset: offset)
        var name = ref.name
        if ref.dynamic {
            guard let v = Renderer.lookup(Name(ref.name), in: stack) else { return nil }
            guard case .string(let s) = v else {
                throw TemplateError(kind: .dynamicNameNotString(name: ref.name), location: at,
                                    message: "dynamic partial name '*\(ref.name)' must be a string in the context")
            }
            name = s
        }
        if depth >= Renderer.maxDepth {
            throw TemplateError(kind: .recursionTooDeep(limit: Renderer.maxDepth), location: at,
                                message: "partials nested more than \(Renderer.maxDepth) levels deep (does '\(name)' include itself?)")
        }
        guard PartialSource.isSafe(name) else {
            throw TemplateError(kind: .partialOutsideFolder(name: name), location: at,
                                message: "partial name '\(name)' points outside \(partials.folderDescription); use a plain name such as 'chart'")
        }
        let key = name + "\u{0}" + String(decoding: indent, as: UTF8.self)
        if let t = cache[key] { return t }
        guard let src = partials.load(name) else {
            // The spec renders a missing partial as empty; we say so.
            warnings.append(Diagnostic(.warning, "template-partial-not-found",
                                       "partial '\(name)' not found in \(partials.folderDescription)", at: at))
            return nil
        }
        let t = try Template(bytes: Renderer.indentSource(src, indent), name: partials.path(for: name))
        cache[key] = t
        return t
    }
}
