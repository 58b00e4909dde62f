/// Options of the Markdown converter.
public struct MarkdownOptions: Sendable {
    /// Escape raw HTML and drop `javascript:`/`data:` links: for text that comes from inputs.
    public var safe: Bool
    public static let standard = MarkdownOptions(safe: false)
    public static let safe = MarkdownOptions(safe: true)
}
