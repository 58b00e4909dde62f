import XCTest
@testable import OkmoCore
#if canImport(Glibc)
import Glibc
#endif

final class MallocTuningTests: XCTestCase {
    /// Once tuned, a block of 24 MB (under the 32 MB limit) comes from the heap, not from a
    /// mapping of its own that freeing it would give back: glibc marks a mapped block in the
    /// size word before it (bit 1, IS_MMAPPED). At glibc's default limit of 128 KB, which it
    /// raises only to the size of a mapped block freed before, it would be mapped.
    func testLargeBlocksComeFromTheHeap() throws {
        #if canImport(Glibc)
        // AddressSanitizer (CI runs the tests under it too) brings an allocator of its own,
        // which has neither glibc's thresholds nor its block headers.
        if let process = dlopen(nil, RTLD_NOW), dlsym(process, "__asan_init") != nil {
            throw XCTSkip("malloc is AddressSanitizer's in this run, not glibc's")
        }
        XCTAssertTrue(MallocTuning.keepFreedPages())
        let block = try XCTUnwrap(malloc(24 << 20))
        defer { free(block) }
        let sizeWord = block.load(fromByteOffset: -MemoryLayout<UInt>.size, as: UInt.self)
        XCTAssertEqual(sizeWord & 2, 0, "a 24 MB block is not mapped on its own")
        #else
        throw XCTSkip("the thresholds and the IS_MMAPPED bit are glibc's; this platform's malloc has neither")
        #endif
    }
}
