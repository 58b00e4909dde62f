/// Writes an array's elements in place: see `Array.init(capacity:filler:)`.
public protocol InPlaceFiller {
    associatedtype Element
    /// Initialises the first elements of `room` and returns how many.
    func fill(_ room: UnsafeMutableBufferPointer<Element>) -> Int
}

extension Array {
    /// An array of at most `capacity` elements, written in place by `filler`: what
    /// `Array(unsafeUninitializedCapacity:initializingWith:)` does, at a tenth of its fixed
    /// cost.
    ///
    /// That initialiser, and `Array(repeating:count:)`, allocate through a standard-library
    /// function that is not specialised for the element type. It asks the runtime for the
    /// metadata of the storage class at every call, and on Linux the runtime finds it in a
    /// locked hash table: about 850 instructions an array. A notes paragraph made two arrays
    /// that way. `reserveCapacity` is specialised where it is called, with the metadata
    /// cached, and `append(contentsOf:)` of a sequence lets the sequence write straight into
    /// the reserved room (`_copyContents`), so the elements are still written once and never
    /// copied. The filler is a type, not a closure: a closure stored in the sequence needed a
    /// context allocated and freed at every call, which cost more than the look-up saved.
    @inlinable @inline(__always)
    public init<F: InPlaceFiller>(capacity: Int, filler: F) where F.Element == Element {
        self = []
        reserveCapacity(capacity)
        append(contentsOf: InPlaceFill(filler: filler, limit: capacity))
    }

    /// `count` copies of `value`: `Array(repeating:count:)` without its fixed cost (see
    /// `init(capacity:filler:)`).
    @inlinable @inline(__always)
    public init(filling value: Element, count: Int) {
        self.init(capacity: count, filler: RepeatedFill(value: value, count: count))
    }
}

/// `count` copies of `value`.
@usableFromInline
struct RepeatedFill<Element>: InPlaceFiller {
    @usableFromInline let value: Element
    @usableFromInline let count: Int

    @inlinable
    init(value: Element, count: Int) {
        self.value = value
        self.count = count
    }

    @inlinable
    func fill(_ room: UnsafeMutableBufferPointer<Element>) -> Int {
        room.baseAddress?.initialize(repeating: value, count: count)
        return count
    }
}

/// A sequence that writes its elements straight into an array's reserved room; see
/// `Array.init(capacity:filler:)`. Read any other way it is empty.
@usableFromInline
struct InPlaceFill<F: InPlaceFiller>: Sequence {
    @usableFromInline let filler: F
    /// The room the filler was promised: the array may have reserved more.
    @usableFromInline let limit: Int

    @inlinable
    init(filler: F, limit: Int) {
        self.filler = filler
        self.limit = limit
    }

    @inlinable
    var underestimatedCount: Int { 0 }

    @inlinable
    func makeIterator() -> EmptyCollection<F.Element>.Iterator { EmptyCollection<F.Element>.Iterator() }

    @inlinable
    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<F.Element>) -> (EmptyCollection<F.Element>.Iterator, Int) {
        let room = UnsafeMutableBufferPointer(rebasing: buffer[..<Swift.min(limit, buffer.count)])
        let written = filler.fill(room)
        precondition(written >= 0 && written <= room.count, "InPlaceFill: wrote \(written) elements into room for \(room.count)")
        return (EmptyCollection<F.Element>.Iterator(), written)
    }
}
