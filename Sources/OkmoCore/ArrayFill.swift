/// Writes an array's elements in place: see `Array.init(filler:)`. A filler is a sequence
/// only so that `append(contentsOf:)` hands it the array's room; read any other way it is
/// empty.
public protocol InPlaceFiller: Sequence where Iterator == EmptyCollection<Element>.Iterator {
    /// The most elements `fill` writes: the room the array reserves.
    var capacity: Int { get }
    /// Initialises the first elements of `room` (`capacity` of them) and returns how many.
    func fill(_ room: UnsafeMutableBufferPointer<Element>) -> Int
}

extension InPlaceFiller {
    @inlinable
    public var underestimatedCount: Int { 0 }

    @inlinable
    public func makeIterator() -> EmptyCollection<Element>.Iterator { EmptyCollection<Element>.Iterator() }

    /// Where the array's `append(contentsOf:)` lets the sequence write into its room.
    @inlinable
    public func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Element>) -> (EmptyCollection<Element>.Iterator, Int) {
        // The array may have reserved more than it was asked for: the filler gets its own.
        let room = UnsafeMutableBufferPointer(rebasing: buffer[..<Swift.min(capacity, buffer.count)])
        let written = fill(room)
        precondition(written >= 0 && written <= room.count, "InPlaceFiller: wrote \(written) elements into room for \(room.count)")
        return (EmptyCollection<Element>.Iterator(), written)
    }
}

extension Array {
    /// An array of at most `filler.capacity` elements, written in place by the filler: what
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
    /// copied. The filler is a type, not a closure: a closure kept for the sequence needed a
    /// context allocated and freed at every call, which cost more than the look-up saved.
    @inlinable @inline(__always)
    public init<F: InPlaceFiller>(filler: F) where F.Element == Element {
        self = []
        reserveCapacity(filler.capacity)
        append(contentsOf: filler)
    }

    /// `count` copies of `value`: `Array(repeating:count:)` without its fixed cost (see
    /// `init(filler:)`).
    @inlinable @inline(__always)
    public init(filling value: Element, count: Int) {
        self.init(filler: RepeatedFill(value: value, capacity: count))
    }
}

/// `capacity` copies of `value`.
@usableFromInline
struct RepeatedFill<Element>: InPlaceFiller {
    @usableFromInline let value: Element
    @usableFromInline let capacity: Int

    @inlinable
    init(value: Element, capacity: Int) {
        self.value = value
        self.capacity = capacity
    }

    @inlinable
    func fill(_ room: UnsafeMutableBufferPointer<Element>) -> Int {
        room.baseAddress?.initialize(repeating: value, count: capacity)
        return capacity
    }
}
