import Dispatch
import Foundation

/// Runs `body` on `chunks` slices of `0..<count` on up to `threads` threads and returns the results in slice order.
func parallelChunks<T: Sendable>(count: Int, chunks: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let n = max(1, min(chunks, max(count, 1)))
    let results = ResultSlots<T>(n)
    let step = (count + n - 1) / n
    DispatchQueue.concurrentPerform(iterations: n) { c in
        let lo = min(count, c * step)
        let hi = min(count, lo + step)
        results.set(c, body(lo..<hi))
    }
    return results.values
}

/// Runs `body(i)` for `i` in `0..<n` concurrently and returns the results in order.
func parallelMap<T: Sendable>(_ n: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let results = ResultSlots<T>(n)
    DispatchQueue.concurrentPerform(iterations: n) { i in results.set(i, body(i)) }
    return results.values
}

/// Write-once slots filled from several threads (each slot written by exactly one).
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(_ n: Int) { slots = Array(repeating: nil, count: n) }
    func set(_ i: Int, _ v: T) {
        lock.lock()
        slots[i] = v
        lock.unlock()
    }
    var values: [T] { slots.map { $0! } }
}
