#if canImport(Glibc)
import Glibc
#endif

/// glibc's malloc serves a block of 128 KB or more from a mapping of its own, unmapped when
/// freed, and gives memory back to the system once 128 KB lie free at the top of a heap; it
/// raises both limits only as such blocks come and go, up to 32 MB and 64 MB. A run parses
/// file after file, and each file's arrays of lines, keys and events (megabytes for a large
/// listing) were mapped, or the heap grown, and given back at the file's end, so that the
/// next file took the same pages again as page faults, zeroed by the kernel: 28,000 faults for
/// 50 MB of listings at two workers, 18,800 with the limits set at those ceilings from the
/// start (the README's performance section has the times).
public enum MallocTuning {
    /// Sets the two limits at glibc's own ceilings; whether glibc took both (false elsewhere).
    /// For the executable, at start-up: it is the process's policy, not the library's.
    ///
    /// `mallopt` is looked up by name: Swift's Glibc module leaves out <malloc.h>, where it and
    /// its parameters are declared (M_TRIM_THRESHOLD -1 and M_MMAP_THRESHOLD -3, fixed in
    /// glibc's ABI).
    @discardableResult
    public static func keepFreedPages() -> Bool {
        #if canImport(Glibc)
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1
        return mallopt(mmapThreshold, 32 << 20) == 1 && mallopt(trimThreshold, 64 << 20) == 1
        #else
        return false
        #endif
    }
}
