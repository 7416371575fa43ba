import Dispatch
import Foundation
import VigieSupport

/// Runs `body` on `chunks` slices of `0..<count` on up to `threads` threads and returns the results in slice order.
func parallelChunks<T: Sendable>(count: Int, chunks: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let n = max(1, min(chunks, max(count, 1)))
    let results = WriteOnceSlots<T>(n)
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
    let results = WriteOnceSlots<T>(n)
    DispatchQueue.concurrentPerform(iterations: n) { i in results.set(i, body(i)) }
    return results.values
}
