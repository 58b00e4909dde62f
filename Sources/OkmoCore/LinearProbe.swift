/// What a walk of an open-addressed table finds at a slot.
public enum ProbeState { case empty, match, other }

/// The walk of an open-addressed table (a power of two of slots, `mask` one less) from a
/// key's home slot to the first slot that holds the key or is empty, and whether it holds
/// the key: what `DigestMap` and `DigestIndex` share, each with its own slots.
@inlinable @inline(__always)
public func linearProbe(from home: Int, mask: Int, _ state: (Int) -> ProbeState) -> (slot: Int, found: Bool) {
    var i = home & mask
    while true {
        switch state(i) {
        case .empty: return (i, false)
        case .match: return (i, true)
        case .other: i = (i + 1) & mask
        }
    }
}
