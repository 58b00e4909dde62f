/// A value built on another thread, read once that thread is done (after the group's `wait`,
/// or when `concurrentPerform` returns): one thread writes it, and no other reads it before.
public final class Built<Value>: @unchecked Sendable {
    public var value: Value?
    public init() {}
}
