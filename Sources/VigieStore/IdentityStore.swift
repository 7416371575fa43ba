internal import CSQLite
import Foundation
import VigieIdentity
import VigieText

/// The référentiel d'identité on disk: an embedded SQLite database (WAL, `synchronous=FULL`).
///
/// Every public write is one transaction, committed before the call returns: a returned write is durable,
/// even if the process is killed right after (and, with `synchronous=FULL`, after a power loss). A write
/// that throws has changed nothing. Writes go through one connection behind a lock; reads through a second,
/// read-only connection, so that reads see only committed data and do not wait for writers' fsyncs.
///
/// Several writes that belong together (one HL7 message), with the message's answer for idempotency, go
/// through `perform(messageID:request:_:)`.
public final class IdentityStore: Sendable {
    /// The schema version this build reads and writes.
    public static let currentSchemaVersion = Schema.currentVersion

    /// The file's path.
    public let path: String

    private let writer: Locked<Connection?>
    let reader: Locked<Connection?>

    /// A connection with its JSON coder; owned by one mutex.
    final class Connection {
        let sqlite: SQLiteConnection
        let coder = StoreCoder()
        init(_ sqlite: SQLiteConnection) { self.sqlite = sqlite }
        var transaction: StoreTransaction { StoreTransaction(connection: sqlite, coder: coder) }
    }

    /// Opens the store at `path`, creating it when absent and migrating it when an older build wrote it.
    ///
    /// Fails with `newerSchema` for a file written by a newer build (left untouched), `emptyFile` for an existing
    /// file of 0 bytes (give a path that does not exist to create a store), `corrupt` for a file that is not a Vigie store, `sqlite` when the file cannot be opened.
    public init(path: String) throws(StoreError) {
        self.path = path
        // A file that exists but is empty is not a store: SQLite would silently make it a new one, and a worker
        // given a truncated or mistyped file would then answer NF for every patient (issue #18 §7.9).
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular, (attributes[.size] as? NSNumber)?.intValue == 0
        {
            throw .emptyFile
        }
        do {
            let writeConnection = try SQLiteConnection(path: path, readOnly: false)
            try Self.configure(writeConnection, writable: true)
            let coder = StoreCoder()
            try Migrator.migrate(writeConnection, coder: coder)
            let readConnection = try SQLiteConnection(path: path, readOnly: true)
            try Self.configure(readConnection, writable: false)
            writer = Locked(Connection(writeConnection))
            reader = Locked(Connection(readConnection))
        } catch .sqlite(let code, _, _) where code & 0xFF == SQLITE_NOTADB {
            throw .corrupt(reason: "the file is not a SQLite database")
        }
    }

    private static func configure(_ connection: SQLiteConnection, writable: Bool) throws(StoreError) {
        // Wait for another process's write lock rather than failing at once.
        try connection.execute("PRAGMA busy_timeout = 5000", operation: "configure store")
        // Pages read through a memory map rather than a read() and a copy each: a PDQ query reads ten candidates
        // scattered over the file (750 MB at 1 000 000 identities), and SQLite's own cache (2 MB) misses most.
        // Up to 4 GiB of address space, no memory reserved; the WAL is still read and written as before.
        try connection.execute("PRAGMA mmap_size = 4294967296", operation: "configure store")
        guard writable else { return }
        let mode = try connection.textPragma("PRAGMA journal_mode = WAL")
        guard mode.lowercased() == "wal" else {
            throw .sqlite(code: SQLITE_ERROR, operation: "configure store", message: "cannot enable WAL (journal mode \(mode))")
        }
        // FULL: the WAL is synced at every commit, so an acknowledged change survives a power loss too.
        try connection.execute(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", operation: "configure store")
    }

    /// Closes both connections; later calls fail with `StoreError.closed`. Also done when the store is freed.
    public func close() {
        writer.withLock { connection in
            connection?.sqlite.close()
            connection = nil
        }
        reader.withLock { connection in
            connection?.sqlite.close()
            connection = nil
        }
    }

    /// The schema version of the open file (`currentSchemaVersion` once opened).
    public var schemaVersion: Int {
        get throws(StoreError) { try read { transaction throws(StoreError) in try transaction.connection.integerPragma("user_version") } }
    }

    // MARK: - Transactions and idempotency

    /// Runs `body` in one write transaction and returns its answer; with a `messageID`, makes the message
    /// idempotent.
    ///
    /// - Without `messageID`: `body` runs, its writes commit together (or, if it throws, none of them).
    /// - With `messageID` seen for the first time: as above, and the answer (JSON of `Answer`) is stored under
    ///   the id in the same transaction, so that it is durable exactly when the change is.
    /// - With a `messageID` already processed: `body` does not run, nothing changes, and the stored answer
    ///   comes back with `isReplay` true.
    ///
    /// `messageID` should be unique per sender, e.g. `MSH-3|MSH-4|MSH-10` for HL7. `request`, when given,
    /// is fingerprinted (FNV-1a 64) and stored: a later message with the same id and a different request
    /// fails with `messageIDReused` (a sender that reset its counter) instead of being silently answered
    /// with another message's answer. A body that throws is not remembered: a re-sent message runs again.
    ///
    /// Throws the body's error, or a `StoreError`. The transaction is committed (with `synchronous=FULL`,
    /// synced to disk) before `perform` returns.
    public func perform<Answer: Codable & Sendable>(
        messageID: String? = nil, request: [UInt8]? = nil, _ body: (StoreTransaction) throws -> Answer
    ) throws -> MessageOutcome<Answer> {
        try write { connection throws in
            try Self.process(MessageKey(id: messageID, request: request), connection) { transaction in try body(transaction) }
        }
    }

    /// Processes several messages in one transaction — one fsync for all (group commit) — and returns one
    /// result per message, in order.
    ///
    /// Each message behaves as in `perform(messageID:request:_:)`, in its own savepoint: a message whose
    /// body throws is rolled back alone (its result is the error) and the others go on; a message id seen
    /// earlier, in the store or in the same batch, is replayed. Everything is committed before this returns;
    /// if the commit itself fails, this throws and no message of the batch took effect: answer none of them.
    /// This is how the worker reaches high message rates with `synchronous=FULL`: read the lines already
    /// waiting, process them as one batch, then write their answers.
    ///
    /// `released` is called right after a message's savepoint is released (its writes are part of the batch
    /// for good, unless the commit fails), before the next message runs: the place to make the message's
    /// effects visible to the next ones outside the store (the worker's live index), and to remember how to
    /// undo them should this throw.
    public func performBatch<Answer: Codable & Sendable>(
        _ messages: [MessageKey], _ body: (_ index: Int, StoreTransaction) throws -> Answer,
        released: (_ index: Int, MessageOutcome<Answer>) -> Void = { _, _ in }
    ) throws(StoreError) -> [Result<MessageOutcome<Answer>, any Error>] {
        do {
            return try write { connection throws -> [Result<MessageOutcome<Answer>, any Error>] in
                var results: [Result<MessageOutcome<Answer>, any Error>] = []
                results.reserveCapacity(messages.count)
                for (index, message) in messages.enumerated() {
                    try connection.sqlite.statement("SAVEPOINT message", operation: "begin message").run()
                    do {
                        let outcome = try Self.process(message, connection) { transaction in try body(index, transaction) }
                        try connection.sqlite.statement("RELEASE message", operation: "end message").run()
                        results.append(.success(outcome))
                        released(index, outcome)
                    } catch {
                        try connection.sqlite.execute("ROLLBACK TO message; RELEASE message", operation: "roll back message")
                        results.append(.failure(error))
                    }
                }
                return results
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(code: SQLITE_ERROR, operation: "batch", message: "unexpected error")
        }
    }

    /// One message inside an open transaction: replay, or run `body` and remember its answer.
    private static func process<Answer: Codable & Sendable>(
        _ message: MessageKey, _ connection: Connection, _ body: (StoreTransaction) throws -> Answer
    ) throws -> MessageOutcome<Answer> {
        let fingerprint = message.request.map(Self.fingerprint)
        if let messageID = message.id {
            let query = try connection.sqlite.statement(
                "SELECT answer, fingerprint FROM processed_messages WHERE message_id = ?",
                operation: "find processed message")
            defer { query.reset() }
            try query.bind(.text(messageID))
            if try query.step() {
                let stored = query.text(0) ?? ""
                if let fingerprint, !query.isNull(1), query.int64(1) != fingerprint {
                    throw StoreError.messageIDReused(messageID: messageID)
                }
                guard let answer = try? connection.coder.decode(Answer.self, from: stored, what: "answer") else {
                    throw StoreError.storedAnswerUnreadable(messageID: messageID)
                }
                return MessageOutcome(answer: answer, isReplay: true)
            }
        }
        let answer = try body(connection.transaction)
        if let messageID = message.id {
            let insert = try connection.sqlite.statement(
                "INSERT INTO processed_messages (message_id, answer, processed_at, fingerprint) VALUES (?, ?, ?, ?)",
                operation: "remember processed message")
            try insert.bind(
                .text(messageID), .text(try Self.encodeAnswer(answer, connection.coder)),
                .real(Date().timeIntervalSince1970), fingerprint.map { .integer($0) } ?? .null)
            try insert.run()
        }
        return MessageOutcome(answer: answer, isReplay: false)
    }

    /// The stored answer of an already processed message, or nil.
    public func processedAnswer<Answer: Codable & Sendable>(
        messageID: String, as type: Answer.Type = Answer.self
    ) throws(StoreError) -> Answer? {
        try read { transaction throws(StoreError) -> Answer? in
            let query = try transaction.connection.statement(
                "SELECT answer FROM processed_messages WHERE message_id = ?", operation: "find processed message")
            defer { query.reset() }
            try query.bind(.text(messageID))
            guard try query.step() else { return nil }
            guard let answer = try? transaction.coder.decode(Answer.self, from: query.text(0) ?? "", what: "answer") else {
                throw .storedAnswerUnreadable(messageID: messageID)
            }
            return answer
        }
    }

    /// Forgets the answers of messages processed before `date` and returns how many were forgotten. The
    /// idempotency window: a message re-sent after it is processed again. Changes already made stay.
    @discardableResult
    public func forgetProcessedMessages(before date: Date) throws(StoreError) -> Int {
        try writeStore { transaction throws(StoreError) -> Int in
            let delete = try transaction.connection.statement(
                "DELETE FROM processed_messages WHERE processed_at < ?", operation: "forget processed messages")
            try delete.bind(.real(date.timeIntervalSince1970))
            try delete.run()
            return transaction.connection.changes
        }
    }

    /// The answer as JSON. A `String` answer (an encoded ACK line, the common case) is quoted directly,
    /// exactly as `JSONEncoder` would write it, without the encoder's cost on every message.
    static func encodeAnswer<Answer: Encodable>(_ answer: Answer, _ coder: StoreCoder) throws(StoreError) -> String {
        if let text = answer as? String { return JSONText.quoted(text) }
        return try coder.encode(answer, what: "answer")
    }

    /// FNV-1a 64 of the request bytes, as a signed SQLite integer.
    static func fingerprint(_ bytes: [UInt8]) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

    // MARK: - Writes (each one transaction; see `StoreTransaction` for the semantics)

    /// Creates an identity bound to `localIDs`. See `StoreTransaction.create(_:localIDs:change:)`.
    public func create(_ identity: Identity, localIDs: [LocalIdentifier], change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try writeStore { transaction throws(StoreError) in try transaction.create(identity, localIDs: localIDs, change: change) }
    }

    /// Replaces an identity. See `StoreTransaction.update(id:to:change:)`.
    public func update(id: String, to identity: Identity, change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try writeStore { transaction throws(StoreError) in try transaction.update(id: id, to: identity, change: change) }
    }

    /// Merges `mergedAway` into `survivor` (A40). See `StoreTransaction.merge(survivor:mergedAway:change:)`.
    @discardableResult
    public func merge(survivor: String, mergedAway: String, change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try writeStore { transaction throws(StoreError) in try transaction.merge(survivor: survivor, mergedAway: mergedAway, change: change) }
    }

    /// Links two identities (A24). See `StoreTransaction.link(_:_:change:)`.
    @discardableResult
    public func link(_ a: String, _ b: String, change: ChangeContext) throws(StoreError) -> Bool {
        try writeStore { transaction throws(StoreError) in try transaction.link(a, b, change: change) }
    }

    /// Unlinks two identities (A37). See `StoreTransaction.unlink(_:_:change:)`.
    @discardableResult
    public func unlink(_ a: String, _ b: String, change: ChangeContext) throws(StoreError) -> Bool {
        try writeStore { transaction throws(StoreError) in try transaction.unlink(a, b, change: change) }
    }

    /// Binds a local identifier. See `StoreTransaction.addLocalIdentifier(_:to:change:)`.
    @discardableResult
    public func addLocalIdentifier(_ localID: LocalIdentifier, to id: String, change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try writeStore { transaction throws(StoreError) in try transaction.addLocalIdentifier(localID, to: id, change: change) }
    }

    /// Unbinds a local identifier (A47). See `StoreTransaction.removeLocalIdentifier(_:change:)`.
    @discardableResult
    public func removeLocalIdentifier(_ localID: LocalIdentifier, change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try writeStore { transaction throws(StoreError) in try transaction.removeLocalIdentifier(localID, change: change) }
    }

    /// Queues a potential duplicate or collision. See `StoreTransaction.enqueueReview(_:change:)`.
    @discardableResult
    public func enqueueReview(_ item: ReviewItem, change: ChangeContext) throws(StoreError) -> ReviewItem {
        try writeStore { transaction throws(StoreError) in try transaction.enqueueReview(item, change: change) }
    }

    /// Resolves a review item. See `StoreTransaction.resolveReview(id:as:change:)`.
    @discardableResult
    public func resolveReview(id: Int64, as resolution: ReviewItem.Resolution, change: ChangeContext) throws(StoreError) -> ReviewItem {
        try writeStore { transaction throws(StoreError) in try transaction.resolveReview(id: id, as: resolution, change: change) }
    }

    // MARK: - Reads (committed data, read-only connection)

    /// The identity `id`, or the survivor it was merged into; nil when unknown.
    public func identity(id: String) throws(StoreError) -> StoredIdentity? {
        try read { transaction throws(StoreError) in try transaction.identity(id: id) }
    }

    /// The identity holding `localID` (or the survivor of the one that held it); nil when unknown.
    public func identity(localID: LocalIdentifier) throws(StoreError) -> StoredIdentity? {
        try read { transaction throws(StoreError) in try transaction.identity(localID: localID) }
    }

    /// The active identities among `ids` with their local identifiers, from one snapshot, in the order given
    /// (unknown and merged-away ids left out). See `StoreTransaction.listedIdentities(ids:)`.
    public func listedIdentities(ids: [String]) throws(StoreError) -> [ListedIdentity] {
        try read { transaction throws(StoreError) in try transaction.listedIdentities(ids: ids) }
    }

    /// Active identities carrying this INS matricule. See `StoreTransaction.identities(insMatricule:)`.
    public func identities(insMatricule: String) throws(StoreError) -> [StoredIdentity] {
        try read { transaction throws(StoreError) in try transaction.identities(insMatricule: insMatricule) }
    }

    /// An identity's history, oldest first. See `StoreTransaction.history(id:)`.
    public func history(id: String) throws(StoreError) -> [JournalEntry] {
        try read { transaction throws(StoreError) in try transaction.history(id: id) }
    }

    /// Review items with `status` (all when nil), highest score first.
    public func reviewQueue(status: ReviewItem.Status? = .open) throws(StoreError) -> [ReviewItem] {
        try read { transaction throws(StoreError) in try transaction.reviewQueue(status: status) }
    }

    /// The review item numbered `id`.
    public func reviewItem(_ id: Int64) throws(StoreError) -> ReviewItem {
        try read { transaction throws(StoreError) in try transaction.reviewItem(id) }
    }

    /// Counts over the store.
    public func stats() throws(StoreError) -> StoreStats {
        try read { transaction throws(StoreError) in try transaction.stats() }
    }

    /// Calls `body` with every active identity, in id order, from one consistent snapshot. `body` must not
    /// call this store (the read connection is busy). See `StoreTransaction.forEachIdentity(_:)`.
    public func forEachIdentity(_ body: (StoredIdentity) throws -> Void) throws {
        try readSnapshot { transaction in try transaction.forEachIdentity(body) }
    }

    /// Calls `body` with the matching fields of every active identity (no JSON decoding), in id order, from
    /// one consistent snapshot: the fast way to build the live index. `body` must not call this store.
    /// See `StoreTransaction.forEachMatchingRecord(_:)`.
    public func forEachMatchingRecord(includingMerged: Bool = false, _ body: (RawRecord) throws -> Void) throws {
        try readSnapshot { transaction in try transaction.forEachMatchingRecord(includingMerged: includingMerged, body) }
    }

    // MARK: - Transactions for services

    /// Runs `body` in one write transaction (committed, synced, before this returns; rolled back when it throws).
    /// For services above the store (the RI, the cell's workspace) whose operation spans several writes.
    public func writeTransaction<T: Sendable>(_ body: (StoreTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        try writeStore(body)
    }

    /// Runs `body` on the read connection, in one read transaction (a consistent snapshot of committed data).
    public func readTransaction<T: Sendable>(_ body: (StoreTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        try read(body)
    }

    // MARK: - Plumbing

    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT` on the write connection; rolls back if anything throws.
    private func write<T: Sendable>(_ body: (Connection) throws -> T) throws -> T {
        try writer.withLock { (connection: inout Connection?) throws -> T in
            guard let connection else { throw StoreError.closed }
            try connection.sqlite.execute("BEGIN IMMEDIATE", operation: "begin transaction")
            do {
                let result = try body(connection)
                try connection.sqlite.execute("COMMIT", operation: "commit transaction")
                return result
            } catch {
                if connection.sqlite.inTransaction {
                    try? connection.sqlite.execute("ROLLBACK", operation: "roll back transaction")
                }
                throw error
            }
        }
    }

    /// `write` for a body that throws only `StoreError`.
    private func writeStore<T: Sendable>(_ body: (StoreTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try write { connection in try body(connection.transaction) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(code: SQLITE_ERROR, operation: "write", message: "unexpected error")
        }
    }

    /// Runs `body` on the read connection, in one read transaction (a consistent snapshot).
    func read<T: Sendable>(_ body: (StoreTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        do {
            return try readSnapshot { transaction in try body(transaction) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(code: SQLITE_ERROR, operation: "read", message: "unexpected error")
        }
    }

    private func readSnapshot<T: Sendable>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try reader.withLock { (connection: inout Connection?) throws -> T in
            guard let connection else { throw StoreError.closed }
            // Prepared once and kept (not `execute`, which compiles the SQL every time: a PDQ query pays it).
            try connection.sqlite.cachedStatement("BEGIN", operation: "begin read").run()
            defer { try? connection.sqlite.cachedStatement("COMMIT", operation: "end read").run() }
            return try body(connection.transaction)
        }
    }
}
