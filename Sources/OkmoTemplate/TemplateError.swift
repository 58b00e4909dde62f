import OkmoCore

/// Everything that can be wrong with a template, each with the place it was found and a
/// message that says what to do.
public struct TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case unclosedTag
        case unclosedSection(name: String)
        case unexpectedClose(name: String)
        case mismatchedClose(expected: String, found: String, openedAt: SourceLocation)
        case emptyTagName
        case badDelimiters
        case partialNotFound(name: String, folder: String)
        case partialOutsideFolder(name: String)
        case partialNotText(name: String)
        case recursionTooDeep(limit: Int)
        case nestingTooDeep(limit: Int)
        case dynamicNameNotString(name: String)
    }

    public var kind: Kind
    public var location: SourceLocation
    public var message: String

    public init(kind: Kind, location: SourceLocation, message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String { "\(location.description): error: \(message)" }
}
