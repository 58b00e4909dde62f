#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input could not be read (the contract's exit 66).
public struct InputError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Sendable, Equatable { case notFound, notReadable(String), isDirectory, notRegular }
    public var path: String
    public var reason: Reason
    public init(path: String, reason: Reason) { self.path = path; self.reason = reason }
    public var description: String {
        switch reason {
        case .notFound: return "'\(path)' does not exist"
        case .notReadable(let why): return "cannot read '\(path)': \(why)"
        case .isDirectory: return "'\(path)' is a folder"
        case .notRegular: return "'\(path)' is not a regular file"
        }
    }
}

/// Plain POSIX reads: whole files into bytes, folders listed recursively in byte order.
public enum FileReader {
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw statFailure(path, errno) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw InputError(path: path, reason: .isDirectory) }
        // A pipe, socket or device: opening a pipe would wait for a writer for ever.
        if (st.st_mode & S_IFMT) != S_IFREG { throw InputError(path: path, reason: .notRegular) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(path: path, reason: .notReadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        // Read straight into the array's own storage, sized from stat: no zeroed chunk to copy
        // from. A file that grew since stat is read on in chunks.
        let size = Int(st.st_size)
        var failure: Int32 = 0
        var atEnd = false
        var out = [UInt8](unsafeUninitializedCapacity: size + 1) { buf, n in
            n = 0
            while n < buf.count {
                let r = Glibc.read(fd, buf.baseAddress! + n, buf.count - n)
                if r < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if r == 0 { atEnd = true; return }
                n += r
            }
        }
        var chunk: [UInt8] = atEnd || failure != 0 ? [] : [UInt8](repeating: 0, count: 1 << 16)
        while failure == 0 && !atEnd {
            let r = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if r < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else if r == 0 {
                atEnd = true
            } else {
                out.append(contentsOf: chunk[0..<r])
            }
        }
        if failure != 0 { throw InputError(path: path, reason: .notReadable(String(cString: strerror(failure)))) }
        return out
    }

    /// Why `stat` of `path` failed with `failure`. A link to nothing, or a loop of links, is
    /// there and says so: "does not exist" would send the user looking for a file they can see.
    public static func statFailure(_ path: String, _ failure: Int32) -> InputError {
        var link = stat()
        if failure == ENOENT && lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
            return InputError(path: path, reason: .notReadable("a symbolic link to nothing"))
        }
        return InputError(path: path, reason: failure == ENOENT ? .notFound : .notReadable(String(cString: strerror(failure))))
    }

    /// `statFailure` for a path `kind` called missing; `.notFound` if it is there after all.
    public static func missing(_ path: String) -> InputError {
        var st = stat()
        guard stat(path, &st) != 0 else { return InputError(path: path, reason: .notFound) }
        return statFailure(path, errno)
    }

    public static func readIfRegularFile(_ path: String) -> [UInt8]? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return try? read(path)
    }

    public enum Kind: Sendable { case file, directory, missing, other }

    public static func kind(_ path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// Files below `dir` whose names end in one of `extensions`, recursively, sorted by path
    /// bytes (never by locale or by the order the file system returns). With `unreadable`,
    /// entries with such a name that are no regular file (a pipe, a device, a link to nothing)
    /// are listed too, for the caller's read to fail with a message: a user's input folder
    /// must not lose a file without a word.
    public static func listFiles(in dir: String, extensions: [String], unreadable: Bool = false) throws(InputError) -> [String] {
        var result: [String] = []
        var pending = [dir]
        var seen = 0
        while let d = pending.popLast() {
            guard let h = opendir(d) else { throw InputError(path: d, reason: .notReadable(String(cString: strerror(errno)))) }
            while let e = readdir(h) {
                let name = withUnsafePointer(to: e.pointee.d_name) { p in
                    p.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." || name.hasPrefix(".") { continue }
                let path = d.hasSuffix("/") ? d + name : d + "/" + name
                let k = kind(path)
                if k == .directory {
                    seen += 1
                    if seen < 100_000 { pending.append(path) }
                } else if k == .file || unreadable, extensions.contains(where: { name.lowercased().hasSuffix($0) }) {
                    result.append(path)
                }
            }
            closedir(h)
        }
        return result.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
