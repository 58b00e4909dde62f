import OkmoCore
#if canImport(Glibc)
import Glibc
#endif

/// Where `{{> name}}` finds its template: a folder (`name.mustache` inside it) or a table in
/// memory (tests). A name can never leave the folder: no absolute paths, no `..`.
public struct PartialSource: Sendable {
    public enum Storage: Sendable {
        case none
        case folder(String)
        case memory([String: String])
    }
    public var storage: Storage
    public var fileExtension = ".mustache"

    public static let none = PartialSource(storage: .none)
    public static func folder(_ path: String) -> PartialSource { PartialSource(storage: .folder(path)) }
    public static func memory(_ t: [String: String]) -> PartialSource { PartialSource(storage: .memory(t)) }

    public var folderDescription: String {
        switch storage {
        case .none: return "(no partials folder)"
        case .folder(let p): return p.hasSuffix("/") ? p : p + "/"
        case .memory: return "(memory)"
        }
    }

    /// A partial name may use letters, digits, `_ - .` and `/` for subfolders, but no `..`
    /// segment and no leading `/`: partials cannot read outside their folder.
    public static func isSafe(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.hasPrefix("~") { return false }
        for seg in name.split(separator: "/", omittingEmptySubsequences: false) where seg == ".." || seg == "." || seg.isEmpty { return false }
        for u in name.unicodeScalars where u.value < 0x20 || u == "\\" { return false }
        return true
    }

    /// The source bytes of a partial, or nil when it does not exist.
    public func load(_ name: String) -> [UInt8]? {
        switch storage {
        case .none: return nil
        case .memory(let t): return t[name].map { Array($0.utf8) }
        case .folder(let dir):
            let path = (dir.hasSuffix("/") ? dir : dir + "/") + name + fileExtension
            return FileReader.readIfRegularFile(path)
        }
    }

    public func path(for name: String) -> String {
        if case .folder(let dir) = storage { return (dir.hasSuffix("/") ? dir : dir + "/") + name + fileExtension }
        return name
    }
}
