#if canImport(Glibc)
import Glibc
#endif

/// Writes to stdout and stderr as bytes, unbuffered by Foundation, so output order is exact.
enum Console {
    static func out(_ s: String) { write(1, s) }
    static func err(_ s: String) { write(2, s) }
    static func outBytes(_ b: [UInt8]) { writeAll(1, b) }
    static func errBytes(_ b: [UInt8]) { writeAll(2, b) }

    private static func write(_ fd: Int32, _ s: String) { writeAll(fd, Array(s.utf8)) }

    static func writeAll(_ fd: Int32, _ b: [UInt8]) {
        b.withUnsafeBufferPointer { buf in
            var off = 0
            while off < buf.count {
                let r = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if r < 0 { if errno == EINTR { continue }; return }
                off += r
            }
        }
    }
}

/// The contract's exit codes, in one place.
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let warnings: Int32 = 1
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let cantCreate: Int32 = 73
}
