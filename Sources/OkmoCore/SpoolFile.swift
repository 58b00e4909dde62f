#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An output written in pieces, under a hidden temporary name beside its target, that only
/// takes the target's name on `commit`.
///
/// Why: a build over a year of news feeds makes a records file larger than the input; holding
/// it in memory to write it atomically would cost gigabytes. Pieces go through a 1 MiB buffer
/// to disk, and the target is still replaced whole (or not at all) by `rename(2)`.
public final class SpoolFile {
    /// The temporary file's path.
    public let path: String
    /// What it will become, for messages: "cannot write 'out/records.json': No space left".
    private let target: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 20

    /// Creates `FOLDER/.NAME.PURPOSE-PID`; the folder must exist.
    public init(folder: String, name: String, purpose: String = "tmp") throws(OutputError) {
        path = folder + "/." + name + "." + purpose + "-\(getpid())"
        target = folder + "/" + name
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw OutputError(path: target, reason: AtomicFile.errnoText()) }
        buffer.reserveCapacity(SpoolFile.bufferSize)
    }

    deinit { discard() }

    public func write(_ bytes: [UInt8]) throws(OutputError) {
        if buffer.count + bytes.count > SpoolFile.bufferSize { try flush() }
        if bytes.count >= SpoolFile.bufferSize { try writeOut(bytes); return }
        buffer.append(contentsOf: bytes)
    }

    public func write(_ s: String) throws(OutputError) { try write(Array(s.utf8)) }

    public func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        try writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ bytes: [UInt8]) throws(OutputError) {
        guard fd >= 0 else { throw OutputError(path: target, reason: "already closed") }
        if !AtomicFile.writeAll(fd, bytes) { throw OutputError(path: target, reason: AtomicFile.errnoText()) }
    }

    /// Appends everything `other` holds (its buffer flushed first), read back from its file.
    /// `inKernel: false` takes the buffered copy, which other systems take (tests compare).
    public func append(contentsOf other: SpoolFile, inKernel: Bool = true) throws(OutputError) {
        try other.flush()
        try flush()
        guard fd >= 0 else { throw OutputError(path: target, reason: "already closed") }
        var offset: off_t = 0
        #if os(Linux)
        // In the kernel, page cache to page cache. Read back through a buffer, the records
        // crossed into user space and out again: a twentieth of a 100 MB build's time.
        while inKernel {
            let r = sendfile(fd, other.fd, &offset, 1 << 30)
            if r > 0 { continue }
            if r == 0 { return }
            if errno == EINTR || errno == EAGAIN { continue }
            // A file system that cannot: the copy below goes on from where this stopped.
            if errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP { break }
            throw OutputError(path: target, reason: AtomicFile.errnoText())
        }
        #endif
        var chunk = [UInt8](repeating: 0, count: SpoolFile.bufferSize)
        while true {
            let r = chunk.withUnsafeMutableBytes { pread(other.fd, $0.baseAddress, $0.count, offset) }
            if r < 0 { if errno == EINTR { continue }; throw OutputError(path: other.target, reason: AtomicFile.errnoText()) }
            if r == 0 { break }
            let ok = chunk.withUnsafeBufferPointer { AtomicFile.writeAll(fd, UnsafeBufferPointer(rebasing: $0[..<r])) }
            if !ok { throw OutputError(path: target, reason: AtomicFile.errnoText()) }
            offset += off_t(r)
        }
    }

    /// Flushes, syncs and renames the file to `target`: after this it is the target.
    public func commit(to target: String) throws(OutputError) {
        try flush()
        if fsync(fd) != 0 { let reason = AtomicFile.errnoText(); discard(); throw OutputError(path: target, reason: reason) }
        close(fd)
        fd = -1
        if rename(path, target) != 0 { let reason = AtomicFile.errnoText(); unlink(path); throw OutputError(path: target, reason: reason) }
    }

    /// Closes and removes the temporary file (nothing happens after a commit).
    public func discard() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(path)
    }
}
