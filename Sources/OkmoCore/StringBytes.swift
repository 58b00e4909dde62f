extension String {
    /// The string's UTF-8 bytes, read in place. `withUTF8` is `mutating`, so calling it on a
    /// parameter takes a `var` copy first, and the copy retains and releases the storage
    /// (atomically): a listing parse made about 150,000 such pairs for 3 MB. The UTF-8 view's
    /// contiguous storage is read without the copy; a string without it (bridged, on other
    /// platforms) falls back to the copy.
    @inlinable @inline(__always)
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var s = self
        return try s.withUTF8(body)
    }
}
