import Foundation

/// A live, incrementally updated matching index for the worker: identities are added, replaced and removed
/// one at a time, and each incoming record is scored against its candidates in well under a millisecond.
///
/// It uses the same blocking passes, comparison levels, model and rules as the batch ``Deduplicator``;
/// term frequencies and the prior follow the identities currently indexed. Internally synchronised
/// (a read-write lock: many concurrent `candidates`, one writer).
public final class LiveMatcher: @unchecked Sendable {
    private let model: MatchModel
    private let lock = ReadWriteLock()
    private var records: [PreparedRecord?] = []
    private var keysOf: [[UInt64]] = []
    private var freeSlots: [Int32] = []
    private var slotOf: [String: Int32] = [:]
    private var postings: [UInt64: [Int32]] = [:]
    private var termFrequencies = TermFrequencies()
    /// A posting list longer than this is only scanned this far (most recent first): a query never
    /// scores an unbounded number of records.
    private let scanCap: Int

    /// Creates an empty index.
    public init(model: MatchModel, scanCap: Int = 500) {
        self.model = model
        self.scanCap = scanCap
    }

    /// Number of identities indexed.
    public var count: Int { lock.read { slotOf.count } }

    /// Adds an identity, or replaces the one with the same id; returns the replaced record (to undo the change).
    @discardableResult
    public func upsert(_ record: PreparedRecord) -> PreparedRecord? {
        let keys = BlockingPass.allKeys(record)
        return lock.write {
            var replaced: PreparedRecord?
            if let old = slotOf[record.id] { replaced = removeSlot(old) }
            let slot: Int32
            if let s = freeSlots.popLast() {
                slot = s
                records[Int(s)] = record
                keysOf[Int(s)] = keys
            } else {
                slot = Int32(records.count)
                records.append(record)
                keysOf.append(keys)
            }
            slotOf[record.id] = slot
            for k in keys { postings[k, default: []].append(slot) }
            termFrequencies.add(record)
            return replaced
        }
    }

    /// Removes an identity (merged away, deleted) and returns it; unknown ids are ignored (nil).
    @discardableResult
    public func remove(id: String) -> PreparedRecord? {
        lock.write {
            guard let s = slotOf[id] else { return nil }
            return removeSlot(s)
        }
    }

    @discardableResult
    private func removeSlot(_ slot: Int32) -> PreparedRecord? {
        guard let r = records[Int(slot)] else { return nil }
        for k in keysOf[Int(slot)] {
            if var list = postings[k], let i = list.lastIndex(of: slot) {
                list.remove(at: i)
                postings[k] = list.isEmpty ? nil : list
            }
        }
        termFrequencies.remove(r)
        slotOf[r.id] = nil
        records[Int(slot)] = nil
        keysOf[Int(slot)] = []
        freeSlots.append(slot)
        return r
    }

    /// The indexed identities that may be the same person as `record` (its own id excluded), best first,
    /// only those decided match or review, at most `limit`.
    public func candidates(for record: PreparedRecord, limit: Int = 10) -> [(id: String, score: PairScore)] {
        let keys = BlockingPass.allKeys(record)
        return lock.read {
            let scorer = Scorer(model: model, population: max(slotOf.count + 1, 2))
            var seen = Set<Int32>()
            var found: [(Int32, Scorer.Evaluation)] = []
            for k in keys {
                guard let list = postings[k] else { continue }
                for slot in list.reversed().prefix(scanCap) where seen.insert(slot).inserted {
                    guard let other = records[Int(slot)], other.id != record.id else { continue }
                    let e = scorer.evaluate(record, other, termFrequencies: termFrequencies)
                    if e.decision != .nonMatch { found.append((slot, e)) }
                }
            }
            found.sort { $0.1.score > $1.1.score }
            return found.prefix(max(0, limit)).map { slot, e in
                (
                    id: records[Int(slot)]!.id,
                    score: PairScore(score: e.score, decision: e.decision, explanation: scorer.explanation(of: e))
                )
            }
        }
    }
}

/// pthread read-write lock.
final class ReadWriteLock: @unchecked Sendable {
    private var rw = pthread_rwlock_t()
    init() { pthread_rwlock_init(&rw, nil) }
    deinit { pthread_rwlock_destroy(&rw) }
    func read<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(&rw)
        defer { pthread_rwlock_unlock(&rw) }
        return try body()
    }
    func write<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(&rw)
        defer { pthread_rwlock_unlock(&rw) }
        return try body()
    }
}
