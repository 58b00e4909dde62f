import OkmoCore

/// How interpolated values are escaped: chosen by the output a template writes.
public enum Escaping: Sendable {
    /// HTML text and attributes (`.html` and `.mustache` templates, as the spec says).
    case html
    /// Markdown inline text: `|`, `*`, `_` and friends are backslash-escaped, newlines become spaces.
    case markdown
    case none

    /// `report.md.mustache` and `x.md` escape for Markdown; everything else for HTML.
    public static func forTemplate(named path: String) -> Escaping {
        let name = AtomicFile.lastComponent(of: path).lowercased()
        let parts = name.split(separator: ".").dropFirst()
        if parts.contains("md") || parts.contains("markdown") { return .markdown }
        if parts.contains("txt") || parts.contains("tsv") || parts.contains("csv") { return .none }
        return .html
    }
}

/// A parsed Mustache template. Parse once, render many times.
public struct Template: Sendable {
    public let name: String
    public let nodes: [Node]
    let source: [UInt8]

    public init(source: String, name: String = "template") throws(TemplateError) {
        try self.init(bytes: Array(source.utf8), name: name)
    }

    public init(bytes: [UInt8], name: String) throws(TemplateError) {
        self.name = name
        self.source = bytes
        var lexer = Lexer(src: bytes, file: name)
        let tokens = try lexer.tokens()
        self.nodes = try Parser(src: bytes, file: name).parse(tokens)
    }

    /// Line and column (in Unicode scalars) of a byte offset, computed only when reported.
    public static func location(in src: [UInt8], offset: Int, file: String) -> SourceLocation {
        var line = 1, col = 1
        var i = 0
        let end = min(offset, src.count)
        while i < end {
            if src[i] == 0x0A { line += 1; col = 1 } else if src[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: col)
    }

    public func location(ofOffset offset: Int) -> SourceLocation { Template.location(in: source, offset: offset, file: name) }

    /// Renders with a JSON context and partials from `partials`.
    public func render(_ context: JSONValue, partials: PartialSource = .none, escaping: Escaping = .html,
                       strict: Bool = false) throws(TemplateError) -> RenderResult {
        var r = Renderer(partials: partials, escaping: escaping, strict: strict)
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        try r.render(nodes, template: self, stack: [context], overrides: [:], depth: 0, into: &out)
        return RenderResult(bytes: out, warnings: r.warnings)
    }
}

/// What a render produced: the bytes, and what a careful user wants to hear about (missing
/// variables under `--strict`, partials that were not found).
public struct RenderResult: Sendable {
    public var bytes: [UInt8]
    public var warnings: [Diagnostic]
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
