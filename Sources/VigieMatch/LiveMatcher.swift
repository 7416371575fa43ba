import Foundation
import VigieIdentity

/// A live, incrementally updated matching index for the worker: identities are added, replaced and removed
/// one at a time, and each incoming record is scored against its candidates in well under a millisecond.
///
/// It uses the same blocking passes, comparison levels, model and rules as the batch ``Deduplicator``;
/// term frequencies and the prior follow the identities currently indexed. Internally synchronised
/// (a read-write lock: many concurrent `candidates`, one writer).
public final class LiveMatcher: @unchecked Sendable {
    private let model: MatchModel
    private let lock = ReadWriteLock()
    /// Each slot's record, boxed: scoring borrows the record from the box's `let` (one retain per candidate),
    /// where binding it out of a `PreparedRecord?` copied it, retaining each of its references (about 7 % of a
    /// Q22 at 1 000 000 identities in a perf profile, issue #13).
    private var records: [Indexed?] = []
    private var freeSlots: [Int32] = []
    private var slotOf: [String: Int32] = [:]
    private var postings: [UInt64: PostingList] = [:]
    private var termFrequencies = TermFrequencies()
    /// A posting list longer than this is only scanned this far (most recent first): a query never
    /// scores an unbounded number of records. Far above the blocks of a real RI (a frequent first name in a
    /// big city is a few hundred identities in 1 000 000), so that in practice every record sharing a
    /// blocking key with the query is scored: the candidates are those of an exhaustive scan of the blocks.
    private let scanCap: Int
    /// The scorer for the current population (its prior follows the number of identities): built once per
    /// population rather than once per query, since building it costs more than scoring a block.
    private let scorerCache = NSLock()
    private var cachedScorer: (population: Int, scorer: Scorer)?

    /// Creates an empty index.
    public init(model: MatchModel, scanCap: Int = 4_096) {
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
            insert(Indexed(record), keys: keys)
            return replaced
        }
    }

    /// Adds many identities at once (the index built at start) under one lock; call `reserveCapacity` first
    /// for a large load. An id already indexed (or repeated) is replaced, as by `upsert`.
    public func upsert(contentsOf batch: [PreparedRecord]) {
        upsert(contentsOf: batch.map(Indexed.init), keys: batch.map(BlockingPass.allKeys))
    }

    /// `upsert(contentsOf:)` with the records boxed and their keys computed (by the loader's threads: the copy
    /// into the box was a tenth of the serial part of the index build).
    /// (No `reserveCapacity` per batch: growing an array to exactly the next size copies it every time.)
    fileprivate func upsert(contentsOf batch: [Indexed], keys: [[UInt64]]) {
        lock.write {
            for (boxed, keys) in zip(batch, keys) {
                if let old = slotOf[boxed.record.id] { removeSlot(old) }
                insert(boxed, keys: keys)
            }
        }
    }

    /// Makes room for `identities` more identities before a bulk load, so that the tables grow once rather
    /// than rehash every few chunks (a blocking key per pass: about seven posting lists per identity, most shared).
    public func reserveCapacity(_ identities: Int) {
        lock.write {
            records.reserveCapacity(records.count + identities)
            slotOf.reserveCapacity(slotOf.count + identities)
            postings.reserveCapacity(postings.count + identities * 4)
        }
    }

    /// Puts a record in a free slot (under the write lock).
    private func insert(_ boxed: Indexed, keys: [UInt64]) {
        let slot: Int32
        if let s = freeSlots.popLast() {
            slot = s
            records[Int(s)] = boxed
        } else {
            slot = Int32(records.count)
            records.append(boxed)
        }
        slotOf[boxed.record.id] = slot
        for k in keys { postings[k, default: PostingList()].append(slot) }
        termFrequencies.add(boxed.record)
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
        guard let r = records[Int(slot)]?.record else { return nil }
        // The keys are a pure function of the record: recomputed rather than kept (1 000 000 small arrays).
        for k in BlockingPass.allKeys(r) {
            // In place: the list is not copied out of the table.
            if postings[k]?.remove(slot) == true, postings[k]?.isEmpty == true { postings[k] = nil }
        }
        termFrequencies.remove(r)
        slotOf[r.id] = nil
        records[Int(slot)] = nil
        freeSlots.append(slot)
        return r
    }

    /// The indexed identities that may be the same person as `record` (its own id excluded), best first,
    /// only those decided match or review, at most `limit`. Without `explained`, each score's explanation is left
    /// empty (a PDQ answer shows the score and the decision only: the explanation's arrays cost more than that).
    public func candidates(
        for record: PreparedRecord, limit: Int = 10, explained: Bool = true
    ) -> [(id: String, score: PairScore)] {
        let keys = BlockingPass.allKeys(record)
        return lock.read {
            let scorer = scorer(population: max(slotOf.count + 1, 2))
            // Every slot of every block, each scored once: sorting and skipping repeats costs less than a Set.
            var slots: [Int32] = []
            for k in keys {
                // The most recent `scanCap` (the list's tail), in any order: the slots are sorted below.
                postings[k]?.appendRecent(scanCap, to: &slots)
            }
            slots.sort()
            // Read once for the loop (the lock is held): properties of the class are otherwise read, retained and
            // released again for every slot.
            let records = self.records
            let termFrequencies = self.termFrequencies
            // The query's own frequencies, looked up once rather than for each candidate that agrees with it.
            let own = scorer.frequencies(of: record, in: termFrequencies)
            var found: [(Int32, Scorer.Evaluation)] = []
            var previous: Int32 = -1
            for slot in slots where slot != previous {
                previous = slot
                guard let other = records[Int(slot)], other.record.id != record.id else { continue }
                let e = scorer.evaluate(record, other.record, termFrequencies: termFrequencies, known: own)
                if e.decision != .nonMatch { found.append((slot, e)) }
            }
            // Ties: the most recently indexed first (as the posting lists were scanned), whatever the blocks' order.
            found.sort { $0.1.score > $1.1.score || ($0.1.score == $1.1.score && $0.0 > $1.0) }
            return found.prefix(max(0, limit)).map { slot, e in
                (
                    id: records[Int(slot)]!.record.id,
                    score: PairScore(
                        score: e.score, decision: e.decision,
                        explanation: explained ? scorer.explanation(of: e) : MatchExplanation(contributions: [], alerts: []))
                )
            }
        }
    }

    /// The scorer for `population`, reused while the population does not change.
    private func scorer(population: Int) -> Scorer {
        scorerCache.lock()
        defer { scorerCache.unlock() }
        if let cached = cachedScorer, cached.population == population { return cached.scorer }
        let scorer = Scorer(model: model, population: population)
        cachedScorer = (population, scorer)
        return scorer
    }
}

extension LiveMatcher {
    /// Fills a `LiveMatcher` from raw records, chunk by chunk (the worker's start, from the store): each chunk is
    /// prepared on several threads with preparation caches kept from one chunk to the next — names repeat across
    /// the whole RI, not only within a chunk — then added under one lock.
    ///
    /// Adding a prepared chunk to the tables is serial (a third of the index build at 1 000 000 identities in a
    /// perf profile, issue #16); it runs on a queue of its own while the caller reads and prepares the next chunk.
    /// The chunks are added in the order given, so the index is the one a serial load builds. At most two prepared
    /// chunks wait for the tables (bounded memory). Call `finish()` before using the matcher.
    public final class Loader: @unchecked Sendable {
        private let matcher: LiveMatcher
        private var caches: [PreparationCache]
        private let inserting = DispatchQueue(label: "vigie.live-matcher.loader")
        private let waiting = DispatchSemaphore(value: 2)
        private let lock = NSLock()
        private var refusedSoFar: [RecordError] = []

        /// Records that could not be prepared (a trait the matcher refuses), left out of the index (after `finish()`).
        public var refused: [RecordError] {
            finish()
            return lock.withLock { refusedSoFar }
        }

        /// A loader into `matcher`, preparing on `threads` threads.
        public init(into matcher: LiveMatcher, threads: Int = 2) {
            self.matcher = matcher
            caches = Array(repeating: PreparationCache(), count: max(1, threads))
        }

        /// Prepares `raws`, then queues them for the tables (an id already indexed is replaced, as by `upsert`).
        public func add(_ raws: [RawRecord]) {
            let threads = caches.count
            let step = (raws.count + threads - 1) / threads
            let caches = self.caches
            // The blocking keys are computed on the threads too: only the table updates are serial.
            let parts = parallelMap(threads) { t -> ([Indexed], [[UInt64]], [RecordError], PreparationCache) in
                var cache = caches[t]
                var ok: [Indexed] = []
                var keys: [[UInt64]] = []
                var bad: [RecordError] = []
                let range = min(raws.count, t * step)..<min(raws.count, (t + 1) * step)
                ok.reserveCapacity(range.count)
                keys.reserveCapacity(range.count)
                for i in range {
                    do throws(RecordError) {
                        // Strict, as `PreparedRecord.init(_:)`: its warnings are not reported.
                        var ignored: [PreparationWarning] = []
                        let record = try PreparedRecord(raws[i], cache: &cache, warnings: &ignored)
                        keys.append(BlockingPass.allKeys(record))
                        ok.append(Indexed(record))
                    } catch {
                        bad.append(error)
                    }
                }
                return (ok, keys, bad, cache)
            }
            self.caches = parts.map { $0.3 }
            waiting.wait()
            let matcher = self.matcher
            inserting.async { [self] in
                for part in parts { matcher.upsert(contentsOf: part.0, keys: part.1) }
                lock.withLock { refusedSoFar += parts.flatMap(\.2) }
                waiting.signal()
            }
        }

        /// Returns once every chunk added is in the index.
        public func finish() {
            inserting.sync {}
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

/// A record in its slot of the live index (see `LiveMatcher.records`).
private final class Indexed: Sendable {
    let record: PreparedRecord
    init(_ record: PreparedRecord) { self.record = record }
}
