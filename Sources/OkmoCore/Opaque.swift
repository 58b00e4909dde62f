/// A value used where the optimiser can't see: reads made only to bring memory into the
/// cache (`DigestIndex.touch`) would otherwise be dropped as dead.
public enum Opaque {
    @inline(never) @_optimize(none)
    public static func use(_ x: UInt64) { _ = x }
}
