import Foundation

/// Name, first-name and place keys kept between records prepared one at a time, from any thread (a worker's
/// queries). Only successes are kept (a malformed value is re-examined to report it), so a record prepared with
/// it is the same as one prepared without. Bounded: when a table is full it is emptied and refilled, which keeps
/// the frequent values without the bookkeeping of an LRU.
public final class SharedPreparationCache: @unchecked Sendable {
    // @unchecked: every table is read and written under `lock` only; the values are immutable value types.
    private let lock = NSLock()
    private var names: [String: PreparedName] = [:]
    private var firstNames: [String: PreparedFirstNames] = [:]
    private var places: [String: PreparedPlace] = [:]
    private let limit: Int

    /// A cache holding at most `limit` values per table.
    public init(limit: Int = 65_536) {
        self.limit = max(1, limit)
    }

    func name(_ text: String) -> PreparedName? { lock.withLock { names[text] } }
    func firstNames(_ text: String) -> PreparedFirstNames? { lock.withLock { firstNames[text] } }
    func place(_ text: String) -> PreparedPlace? { lock.withLock { places[text] } }

    func store(name: PreparedName, for text: String) {
        lock.withLock {
            if names.count >= limit { names.removeAll(keepingCapacity: true) }
            names[text] = name
        }
    }

    func store(firstNames value: PreparedFirstNames, for text: String) {
        lock.withLock {
            if firstNames.count >= limit { firstNames.removeAll(keepingCapacity: true) }
            firstNames[text] = value
        }
    }

    func store(place: PreparedPlace, for text: String) {
        lock.withLock {
            if places.count >= limit { places.removeAll(keepingCapacity: true) }
            places[text] = place
        }
    }
}
