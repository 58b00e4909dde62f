import XCTest
import Foundation
@testable import OkmoCore

/// records.json is joined from spools: the in-kernel copy and the buffered one must give the
/// same file, whatever the sizes (empty, under and over the 1 MiB buffer, unflushed pieces).
final class SpoolFileTests: XCTestCase {
    func testAppendingASpoolCopiesItWholeEitherWay() throws {
        let folder = NSTemporaryDirectory() + "okmo-spool-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        func bytes(_ n: Int) -> [UInt8] {
            (0..<n).map { _ in x = x &* 6364136223846793005 &+ 1442695040888963407; return UInt8(truncatingIfNeeded: x >> 56) }
        }
        for size in [0, 1, 4_095, (1 << 20) - 1, 1 << 20, 3 * (1 << 20) + 17] {
            let head = bytes(100), body = bytes(size), tail = bytes(10)
            var files: [[UInt8]] = []
            for inKernel in [true, false] {
                let name = "r\(size)-\(inKernel)"
                let part = try SpoolFile(folder: folder, name: name, purpose: "part")
                // Written in two pieces, the second left in the buffer until the append.
                try part.write(Array(body.prefix(size / 2)))
                try part.flush()
                try part.write(Array(body.dropFirst(size / 2)))
                let whole = try SpoolFile(folder: folder, name: name)
                try whole.write(head)
                try whole.append(contentsOf: part, inKernel: inKernel)
                try whole.write(tail)
                try whole.commit(to: folder + "/" + name)
                part.discard()
                files.append(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
            }
            XCTAssertEqual(files[0], head + body + tail, "in the kernel, \(size) bytes")
            XCTAssertEqual(files[1], head + body + tail, "buffered, \(size) bytes")
        }
    }
}
