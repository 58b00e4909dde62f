/// FNV-1a, 64 bits: a hash that is the same in every process and on every machine.
///
/// Swift's `Hasher` is seeded per process, so it must never reach an output; record ids are
/// built from this instead.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ s: String) {
        for b in s.utf8 { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        value = (value ^ 0x1F) &* 0x0000_0100_0000_01B3  // field separator
    }

    public static func hex(_ parts: [String], digits: Int = 12) -> String {
        var h = StableHash()
        for p in parts { h.combine(p) }
        let full = String(h.value, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - full.count)) + full
        return String(padded.prefix(digits))
    }
}
