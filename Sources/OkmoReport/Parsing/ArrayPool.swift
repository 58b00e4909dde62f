import OkmoCore

/// Arrays given back when their owner is done with them, handed out again empty with their
/// room: one thread's store, not to be shared.
///
/// A notes paragraph makes three arrays (its scalars, tokens and sentence numbers) of a few
/// kilobytes, and a document's paragraphs all die together when its meetings are read. Most
/// of those arrays are past the allocator's per-thread caches, so each was a trip through
/// its bins both ways, reading the neighbouring blocks' headers, which are cold (about a
/// tenth of the notes' time went to `malloc`, `free` and `malloc_usable_size`). Kept here,
/// the next document's paragraphs take them over.
///
/// Arrays are kept by their room, one bucket per power of two, so a request looks in one to
/// three buckets whose every array fits. Elements should be plain data: an array is emptied
/// when it is taken, not when it is given (its giver still holds it then, and emptying a
/// shared array would make a new one).
///
/// In this module, not in `OkmoCore`: a generic class of another module runs unspecialised,
/// asking the runtime for its types' metadata at every call (100M instructions on 3 MB).
final class ArrayPool<Element> {
    /// `buckets[b]` holds arrays whose capacity is in 2^b ..< 2^(b+1). Unchecked: one thread
    /// owns a pool, and no access overlaps another (the checks cost two runtime calls a take
    /// and a give).
    @exclusivity(unchecked) private var buckets: [[[Element]]]
    /// Larger arrays are not kept: they would hold their memory for the pool's life.
    let maxCapacity: Int
    /// The most elements of room kept in all (the sum of the kept arrays' capacities): what a
    /// pool may hold between documents, whatever their paragraphs were.
    let budget: Int
    /// The room kept now.
    private(set) var kept = 0
    /// Arrays handed out again, for tests and measuring.
    private(set) var reused = 0

    init(maxCapacity: Int = 1 << 14, budget: Int = 1 << 16) {
        precondition(maxCapacity > 0 && budget >= 0)
        self.maxCapacity = maxCapacity
        self.budget = budget
        buckets = Array(repeating: [], count: ArrayPool.floorLog2(maxCapacity) + 1)
    }

    @inline(__always)
    static func floorLog2(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

    /// How many arrays are kept.
    var count: Int { buckets.reduce(0) { $0 + $1.count } }

    /// An empty array with room for at least `n` elements: one given back before, or a new one.
    func take(minimumCapacity n: Int) -> [Element] {
        if n > 0 && n <= maxCapacity {
            // The first bucket all of whose arrays hold n: 2^b >= n.
            let first = n == 1 ? 0 : ArrayPool.floorLog2(n - 1) + 1
            for b in first..<min(first + 3, buckets.count) where !buckets[b].isEmpty {
                var a = buckets[b].removeLast()
                kept -= a.capacity
                a.removeAll(keepingCapacity: true)
                reused += 1
                return a
            }
        }
        // A new array's room is rounded up to a power of two, so that it serves any later
        // request of its bucket (an array of exactly n goes to a bucket that requests of n
        // never look in).
        var a: [Element] = []
        a.reserveCapacity(n <= 1 || n > maxCapacity ? n : 1 << (ArrayPool.floorLog2(n - 1) + 1))
        return a
    }

    /// Keeps `a` for a later `take`, when it has room to give and the budget room for it.
    func give(_ a: [Element]) {
        let c = a.capacity
        guard c > 0, c <= maxCapacity, kept + c <= budget else { return }
        kept += c
        buckets[ArrayPool.floorLog2(c)].append(a)
    }

    /// An array written in place by `filler` (see `Array.init(filler:)`), in a kept array's
    /// room when one fits.
    func make<F: InPlaceFiller>(filler: F) -> [Element] where F.Element == Element {
        var a = take(minimumCapacity: filler.capacity)
        a.append(contentsOf: filler)
        return a
    }
}
