#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output could not be written (the contract's exit 73).
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Whole-file writes that never leave a half-written file: the bytes go to a temporary file in
/// the same folder, are flushed, and replace the target with `rename(2)`, which is atomic on
/// one file system. (Not `FileManager.replaceItemAt`: on Linux in this toolchain it can lose
/// the file.)
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        let file = try SpoolFile(folder: parentDirectory(of: path), name: lastComponent(of: path))
        try file.write(bytes)
        try file.commit(to: path)
    }

    /// Writes every byte to `fd`, retrying short writes and EINTR; false on an error (errno set).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { writeAll(fd, $0) }
    }

    static func writeAll(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        var written = 0
        while written < buf.count {
            let r = Glibc.write(fd, buf.baseAddress! + written, buf.count - written)
            if r < 0 { if errno == EINTR { continue }; return false }
            written += r
        }
        return true
    }

    /// Creates `path` and its parents as folders; fails when a part exists and is not a folder.
    public static func makeDirectory(_ path: String) throws(OutputError) {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { return }
            throw OutputError(path: path, reason: "it exists and is not a folder")
        }
        let parent = parentDirectory(of: path)
        if parent != path && parent != "." && parent != "/" { try makeDirectory(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw OutputError(path: path, reason: errnoText()) }
    }

    /// Checks that `dir` can take new files, before any work is done.
    public static func checkWritable(_ dir: String) throws(OutputError) {
        if access(dir, W_OK) != 0 { throw OutputError(path: dir, reason: errnoText()) }
    }

    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
