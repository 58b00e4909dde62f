#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One decoded input file: UTF-8 bytes with LF line ends, and where each line starts.
///
/// Parsers work on line byte ranges; a `String` is made only for a line they keep.
public struct SourceText: Sendable {
    public let path: String
    public let bytes: [UInt8]
    public let encoding: TextEncoding
    /// Byte offset of the first byte of each line.
    public let lineStarts: [Int]
    /// The bytes are known to be valid UTF-8 (`TextDecoder` guarantees it): a parser may read
    /// them without asking. False says only that nobody checked.
    public let isValidUTF8: Bool

    /// `validUTF8`: the caller has checked the bytes (the decoder's output); see `isValidUTF8`.
    public init(path: String, bytes: [UInt8], encoding: TextEncoding = .utf8, validUTF8: Bool = false) {
        self.path = path
        self.bytes = bytes
        self.encoding = encoding
        self.isValidUTF8 = validUTF8
        // Written in place up to a guess of one line in 24 bytes, then appended: a listing's
        // lines average about 40 bytes, and appending each start asked the array whether it
        // was shared and had room, while a guess of 40 fell short of half the files, which
        // then copied their starts into an array twice the size.
        let n = bytes.count
        var rest = -1
        var starts = bytes.withUnsafeBufferPointer { buf in
            [Int](unsafeUninitializedCapacity: n / 24 + 2) { out, count in
                out[0] = 0
                var k = 1
                SourceText.forEachLineStart(in: buf, from: 0) { p in
                    guard k < out.count else { rest = p; return false }
                    out[k] = p
                    k += 1
                    return true
                }
                count = k
            }
        }
        if rest >= 0 {
            starts.append(rest)
            bytes.withUnsafeBufferPointer { buf in SourceText.forEachLineStart(in: buf, from: rest) { starts.append($0); return true } }
        }
        // A final newline ends the last line; it does not open an empty one.
        if starts.count > 1 && starts.last == bytes.count { starts.removeLast() }
        if bytes.isEmpty { starts = [] }
        self.lineStarts = starts
    }

    private init(path: String, bytes: [UInt8], encoding: TextEncoding, lineStarts: [Int], validUTF8: Bool) {
        self.path = path
        self.bytes = bytes
        self.encoding = encoding
        self.lineStarts = lineStarts
        self.isValidUTF8 = validUTF8
    }

    /// The same text, known to be valid UTF-8: for a parser that has checked every line
    /// (its lines are not found again).
    public func checkedUTF8() -> SourceText {
        SourceText(path: path, bytes: bytes, encoding: encoding, lineStarts: lineStarts, validUTF8: true)
    }

    /// Calls `body` with the offset after each line feed of `buf` from `from` on, in order,
    /// until it returns false.
    @inline(__always)
    private static func forEachLineStart(in buf: UnsafeBufferPointer<UInt8>, from: Int, _ body: (Int) -> Bool) {
        guard let base = buf.baseAddress else { return }
        let n = buf.count
        var p = from
        while p < n, let hit = memchrByte(base + p, 0x0A, n - p) {
            p = hit - base + 1
            guard body(p) else { return }
        }
    }

    public var lineCount: Int { lineStarts.count }

    /// Byte range of line `i` (0-based), without its newline. Inlined, in the modules that
    /// ask it too (`@inlinable`): the listing parser asks it of every line, up to three
    /// times, and a call was as long as the body (without `@inlinable` the parser still
    /// called it, 1.5% of a listing check's instructions).
    @inlinable @inline(__always)
    public func range(ofLine i: Int) -> Range<Int> {
        let start = lineStarts[i]
        var end = i + 1 < lineStarts.count ? lineStarts[i + 1] - 1 : bytes.count
        if end < start { end = start }
        if end > start && end == bytes.count && bytes[end - 1] == 0x0A { end -= 1 }
        return start..<end
    }

    /// Line `i` (0-based) as a string, without its newline.
    public func line(_ i: Int) -> String {
        String(decoding: bytes[range(ofLine: i)], as: UTF8.self)
    }

    public func location(line i: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(file: path, line: i + 1, column: column)
    }
}

/// libc's `memchr`, which scans many bytes per step.
@inlinable @inline(__always)
public func memchrByte(_ p: UnsafePointer<UInt8>, _ c: UInt8, _ n: Int) -> UnsafePointer<UInt8>? {
    guard n > 0, let hit = memchr(p, Int32(c), n) else { return nil }
    return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
}
