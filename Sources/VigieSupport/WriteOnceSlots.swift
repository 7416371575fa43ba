import Foundation

/// Results filled from several threads, one slot each, read once every thread is done
/// (the output of `DispatchQueue.concurrentPerform`, kept in slice order).
public final class WriteOnceSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    public init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores the result of slot `i` (each slot is written by exactly one thread).
    public func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    /// Every slot's value, in order; a slot left empty is a programming error.
    public var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
