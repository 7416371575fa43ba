import Dispatch

/// Runs independent chunks of work on several threads and returns their results in chunk order.
enum Parallel {
    /// `body(0) … body(count − 1)`, run concurrently; results in index order whatever the scheduling.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.store(body(i), at: i) }
        return slots.results()
    }

    /// One slot per chunk. Each slot is written exactly once, by the one iteration that owns its index, and
    /// read only after `concurrentPerform` has returned: no two threads touch the same memory.
    private final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<T?>
        private let count: Int

        init(count: Int) {
            self.count = count
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil, count: count)
        }

        func store(_ value: T, at index: Int) { storage[index] = value }

        func results() -> [T] { (0 ..< count).map { storage[$0]! } }

        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }
    }
}
