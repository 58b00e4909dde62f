/// A parsed template: a tree rendered by a `switch`, never re-parsed.
public indirect enum Node: Sendable, Equatable {
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (raw).
    case variable(Name, escaped: Bool, offset: Int)
    case section(Name, [Node], inverted: Bool, offset: Int)
    /// `{{> name}}`; `indent` is the whitespace before a standalone tag, added to every line.
    case partial(PartialRef, indent: [UInt8], offset: Int)
    /// `{{< parent}}{{$block}}...{{/block}}{{/parent}}`: a parent template with block overrides.
    case parent(PartialRef, overrides: [String: Block], indent: [UInt8], offset: Int)
    /// `{{$name}}default{{/name}}` where a parent defines a block.
    case block(Block)
}

/// A block of template inheritance, with the indentation rules of the spec: indentation is
/// removed where a block is defined and added where it is expanded.
public struct Block: Sendable, Equatable {
    public var name: String
    public var children: [Node]
    /// Whitespace to add to each line when this block is expanded (standalone tag only).
    public var expansionIndent: [UInt8]?
    /// The open and close tag shared one standalone line: the line end stays.
    public var keepsLineEnd: Bool
    public var offset: Int
}

/// A dotted name split at its dots; `.` alone is the implicit iterator (no parts).
public struct Name: Sendable, Equatable {
    public var parts: [String]
    public var text: String
    public init(_ text: String) {
        self.text = text
        self.parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

/// A partial's name as written, or `*name`: the name is looked up in the context.
public struct PartialRef: Sendable, Equatable {
    public var name: String
    public var dynamic: Bool
}
