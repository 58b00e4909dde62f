/// A value used where the optimiser can't see: reads made only to bring memory into the
/// cache (`DigestMap.touch`) would otherwise be dropped as dead.
public enum Opaque {
    @inline(never) @_optimize(none)
    public static func use(_ x: UInt8) { _ = x }
    @inline(never) @_optimize(none)
    public static func use(_ x: UInt64) { _ = x }
}
