import Foundation
import VigieIdentity
import VigieMatch
import VigieStore

/// The live matching index over the RI: built from the store at start, updated after every committed write,
/// and brought up to date with the changes other processes committed to the same store (from the journal's
/// sequence numbers) before it matches or answers.
final class LiveIndex: @unchecked Sendable {
    let matcher: LiveMatcher
    let model: MatchModel
    /// Identities of the store that could not be indexed.
    let skipped: Int
    private let lock = NSLock()
    /// The journal sequence the index reflects: every change up to it is in the index.
    private var seen: Int64
    /// The read connection's `data_version` when the index last caught up (nil: never checked).
    private var checkedVersion: Int64?
    /// Pairs the cell resolved as different patients (`a < b`): never candidates of each other again.
    private var notDuplicates: Set<Pair>

    struct Pair: Hashable { let a: String, b: String
        init(_ x: String, _ y: String) { (a, b) = x < y ? (x, y) : (y, x) }
    }

    /// Builds the index from every active identity of `store` (columns only, no JSON decoding).
    /// Identities that cannot be prepared (a trait the matcher refuses) are counted and left out.
    ///
    /// The records are prepared in chunks, on two threads, with preparation caches kept across chunks (names
    /// repeat a lot), then added to the index chunk by chunk.
    /// `progress` is told the identities read so far and the store's count before the first chunk and after each one.
    init(
        store: IdentityStore, model: MatchModel, chunkSize: Int = 1 << 16,
        progress: (_ read: Int, _ total: Int) -> Void = { _, _ in }
    ) throws {
        // The head first: a change committed while the index loads is caught up on at the first request.
        let head = try store.journalHead()
        let matcher = LiveMatcher(model: model)
        let total = try store.stats().activeIdentities
        matcher.reserveCapacity(total)
        progress(0, total)
        let loader = LiveMatcher.Loader(into: matcher, threads: 2)
        var chunk: [RawRecord] = []
        var read = 0
        chunk.reserveCapacity(chunkSize)
        try store.forEachMatchingRecord { raw in
            chunk.append(raw)
            if chunk.count == chunkSize {
                loader.add(chunk)
                read += chunk.count
                chunk.removeAll(keepingCapacity: true)
                progress(read, total)
            }
        }
        loader.add(chunk)
        loader.finish()
        self.model = model
        self.matcher = matcher
        self.skipped = loader.refused.count
        self.seen = head
        self.notDuplicates = Set(try store.notDuplicatePairs().map { Pair($0.0, $0.1) })
    }

    var count: Int { matcher.count }

    /// The journal sequence the index reflects.
    var sequence: Int64 { lock.withLock { seen } }

    /// The prepared form of an identity, or an error naming the field.
    func prepare(_ identity: Identity, id: String) throws(RIError) -> PreparedRecord {
        do {
            return try PreparedRecord(identity: identity, id: id)
        } catch {
            throw RIError(.invalidValue, RIField(error.field), "\(error.field.rawValue): \(error.reason)")
        }
    }

    /// Best candidates first; only `review` or `match`; never a pair the cell resolved as different patients.
    func candidates(for record: PreparedRecord, limit: Int, explained: Bool = true) -> [(id: String, score: PairScore)] {
        let found = matcher.candidates(for: record, limit: limit, explained: explained)
        guard !record.id.isEmpty else { return found }
        let excluded = lock.withLock { notDuplicates }
        guard !excluded.isEmpty else { return found }
        return found.filter { !excluded.contains(Pair(record.id, $0.id)) }
    }

    /// Whether the cell resolved the pair as different patients.
    func isNotDuplicate(_ a: String, _ b: String) -> Bool { lock.withLock { notDuplicates.contains(Pair(a, b)) } }

    /// Remembers a pair resolved as different patients (applied once the resolution is committed).
    func rememberNotDuplicate(_ a: String, _ b: String) { _ = lock.withLock { notDuplicates.insert(Pair(a, b)) } }

    /// Records that the index reflects the journal up to `head` (after a commit of this process).
    func advance(to head: Int64) { lock.withLock { seen = max(seen, head) } }

    // MARK: Catching up with other processes

    /// Brings the index up to date with what other processes committed, through the read connection.
    /// When no connection committed since the last check, one `PRAGMA data_version` and nothing else.
    func catchUp(store: IdentityStore) throws {
        let version = try store.dataVersion()
        if lock.withLock({ checkedVersion == version }) { return }
        let head = try store.journalHead()
        if head > sequence {
            let changes = try store.journalChanges(after: sequence)
            try apply(changes, lookup: { id in try store.matchingRecord(id: id) }, pairs: { try store.notDuplicatePairs() })
        }
        lock.withLock { checkedVersion = version }
    }

    /// Same, inside a write transaction (the write lock is held: nobody else can commit meanwhile).
    func catchUp(transaction: StoreTransaction) throws {
        let head = try transaction.journalHead()
        guard head > sequence else { return }
        let changes = try transaction.journalChanges(after: sequence)
        try apply(changes, lookup: { id in try transaction.matchingRecord(id: id) }, pairs: { try transaction.notDuplicatePairs() })
    }

    private func apply(
        _ changes: JournalChanges, lookup: (String) throws -> RawRecord?, pairs: () throws -> [(String, String)]
    ) throws {
        for id in changes.identityIDs {
            if let raw = try lookup(id), let record = try? PreparedRecord(raw) {
                matcher.upsert(record)
            } else {
                matcher.remove(id: id)
            }
        }
        if changes.reviewsResolved {
            let fresh = Set(try pairs().map { Pair($0.0, $0.1) })
            lock.withLock { notDuplicates = fresh }
        }
        advance(to: changes.head)
    }

    // MARK: Changes of this process

    /// Applies the index changes of one command and returns what undoes them (to apply in reverse order).
    ///
    /// In a batch, a command's changes are applied as soon as its savepoint is released, so that the next
    /// commands of the same batch see it (a second A28 for the same patient finds the first); if the batch's
    /// commit then fails, `revert` puts the index back as it was.
    @discardableResult
    func apply(_ changes: [IndexChange]) -> [IndexChange] {
        var undo: [IndexChange] = []
        undo.reserveCapacity(changes.count)
        for change in changes {
            switch change {
            case .upsert(let record):
                undo.append(matcher.upsert(record).map(IndexChange.upsert) ?? .remove(record.id))
            case .remove(let id):
                if let removed = matcher.remove(id: id) { undo.append(.upsert(removed)) }
            case .notDuplicate(let a, let b):
                let inserted = lock.withLock { notDuplicates.insert(Pair(a, b)).inserted }
                if inserted { undo.append(.forgetNotDuplicate(a, b)) }
            case .forgetNotDuplicate(let a, let b):
                _ = lock.withLock { notDuplicates.remove(Pair(a, b)) }
            }
        }
        return undo
    }

    /// Undoes changes applied by `apply`: `undo` is the concatenation of what `apply` returned, in order.
    func revert(_ undo: [IndexChange]) {
        for change in undo.reversed() {
            switch change {
            case .upsert(let record): matcher.upsert(record)
            case .remove(let id): matcher.remove(id: id)
            case .notDuplicate(let a, let b): _ = lock.withLock { notDuplicates.insert(Pair(a, b)) }
            case .forgetNotDuplicate(let a, let b): _ = lock.withLock { notDuplicates.remove(Pair(a, b)) }
            }
        }
    }
}

/// A change to the live index, applied once its command's writes are in the store's transaction.
enum IndexChange: Sendable {
    case upsert(PreparedRecord)
    case remove(String)
    case notDuplicate(String, String)
    case forgetNotDuplicate(String, String)
}

extension RIField {
    /// The record field a matcher error names.
    init(_ field: RecordError.Field) {
        switch field {
        case .birthName: self = .birthName
        case .firstNames: self = .firstNames
        case .birthDate: self = .birthDate
        case .birthPlace: self = .birthPlace
        case .usedName: self = .usedName
        case .ins: self = .ins
        }
    }
}
