import Foundation
import Logging
import VigieIdentity
import VigieMatch
import VigieStore

/// How a `Referentiel` behaves.
public struct RIConfiguration: Sendable {
    /// The most potential duplicates scored and reported per identity (and the default search size).
    public var candidateLimit: Int
    /// The clock (journal times). Tests pass a fixed one.
    public var now: @Sendable () -> Date

    public init(candidateLimit: Int = 10, now: @escaping @Sendable () -> Date = { Date() }) {
        self.candidateLimit = candidateLimit
        self.now = now
    }
}

/// Calls INSi for one identity (the worker's `--insi URL`, the web workspace's qualify action). Implemented
/// above VigieRI (VigieINSi is a protocol layer); tests use the mock teleservice.
public protocol RIQualifier: Sendable {
    /// Queries INSi with the identity's traits and compares the answer with them (`document`: the check made
    /// for this qualification, nil for a periodic re-check). Throws when INSi cannot be reached.
    func qualify(_ identity: Identity, document: DocumentCheck?) throws -> RIQualificationResult
}

/// One write of a group commit: its idempotency key, who, why, and what it does in its savepoint.
public struct RIWrite<Answer: Codable & Sendable> {
    /// The message's idempotency key (sender, control id, fingerprint); a key seen before is replayed.
    public var key: MessageKey
    public var actor: RIActor
    /// The event code journaled (`ADT^A31`, `json:upsert`, `web:merge`).
    public var reason: String
    /// The message that caused it (MSH-10, a JSON id), journaled.
    public var messageID: String?
    /// Runs the message's commands and returns the answer stored for idempotency.
    public var body: (inout RISession) throws -> Answer

    public init(
        key: MessageKey, actor: RIActor, reason: String, messageID: String?, body: @escaping (inout RISession) throws -> Answer
    ) {
        self.key = key
        self.actor = actor
        self.reason = reason
        self.messageID = messageID
        self.body = body
    }
}

/// The référentiel d'identité as a Swift service: typed commands in, typed outcomes or an `RIError` out.
///
/// It owns the rules (the RNIV status machine through `IdentityLifecycle`, the share policy, PAM FR's
/// merge and identifier rules), the live matching index and the group commit. Protocol adapters (HL7 and JSON
/// in VigieWorker, the web workspace, MLLP, FHIR) only map their requests to commands and outcomes back.
///
/// Several processes may open the same store: before it matches or answers, a `Referentiel` catches up on the
/// changes the others committed, from the journal's sequence numbers (docs/ri.md).
public final class Referentiel: Sendable {
    public let store: IdentityStore
    public let configuration: RIConfiguration
    let index: LiveIndex
    let logger: Logger
    /// Name, first-name and place keys of past queries: the same names come back all day.
    let preparation = SharedPreparationCache()

    /// Opens the référentiel on `store`, building the live index from every active identity.
    public init(
        store: IdentityStore, model: MatchModel = .builtIn, configuration: RIConfiguration = RIConfiguration(),
        logger: Logger = Logger(label: "vigie.ri")
    ) throws {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        // At notice level, the default: at 1 000 000 identities the build takes 5–10 s, and a silent start looks hung.
        let started = ContinuousClock.now
        self.index = try LiveIndex(store: store, model: model) { read, total in
            if read == 0 {
                logger.notice("building the index", metadata: ["identities": "\(total)"])
            } else {
                logger.notice("building the index", metadata: ["read": "\(read)", "identities": "\(total)"])
            }
        }
        let elapsed = ContinuousClock.now - started
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        logger.notice(
            "index built", metadata: ["identities": "\(index.count)", "skipped": "\(index.skipped)", "ms": "\(ms)"])
    }

    /// Identities in the live index.
    public var indexedIdentities: Int { index.count }
    /// Identities of the store the live index could not take.
    public var skippedIdentities: Int { index.skipped }
    /// The match model.
    public var model: MatchModel { index.model }

    // MARK: Writes

    /// Runs one command in its own transaction (committed before this returns) and returns its outcome.
    public func execute(
        _ command: RICommand, by actor: RIActor, reason: String? = nil, messageID: String? = nil
    ) throws(RIError) -> RIOutcome {
        let box = OutcomeBox()
        let write = RIWrite<RIOutcomeAnswer>(
            key: MessageKey(id: nil), actor: actor, reason: actor.reason(reason ?? command.name), messageID: messageID
        ) { session in
            box.outcome = try session.execute(command)
            return RIOutcomeAnswer()
        }
        let results = try performBatch([write])
        switch results[0] {
        case .success:
            guard let outcome = box.outcome else { throw RIError(.storage, nil, "no outcome") }
            return outcome
        case .failure(let error):
            throw RIError(error)
        }
    }

    /// Runs several writes in one store transaction — each in its own savepoint, so that a refused write
    /// changes nothing and undoes no other — and commits once (one fsync for all: group commit). A write sees
    /// the effects of the earlier ones, in the store and in the live index. Returns one result per write; throws
    /// when the commit itself fails (then nothing of the batch took effect).
    ///
    /// Before the first write, the live index catches up on what other processes committed (the write lock is
    /// held, so nothing else can commit meanwhile).
    public func performBatch<Answer: Codable & Sendable>(
        _ writes: [RIWrite<Answer>]
    ) throws(RIError) -> [Result<MessageOutcome<Answer>, any Error>] {
        guard !writes.isEmpty else { return [] }
        var undo: [IndexChange] = []
        var effects = [[IndexChange]](repeating: [], count: writes.count)
        var head: Int64 = 0
        var caughtUp = false
        let results: [Result<MessageOutcome<Answer>, any Error>]
        do {
            results = try store.performBatch(
                writes.map(\.key),
                { i, transaction in
                    // The first message that runs (a replay's body does not) catches up, under the write lock.
                    if !caughtUp {
                        try self.index.catchUp(transaction: transaction)
                        caughtUp = true
                    }
                    let write = writes[i]
                    let change = ChangeContext(
                        actor: write.actor.journalName, reason: write.reason, messageID: write.messageID, time: self.configuration.now())
                    var session = RISession(
                        transaction: transaction, index: self.index, change: change, candidateLimit: self.configuration.candidateLimit)
                    let answer = try write.body(&session)
                    effects[i] = session.pending
                    head = try transaction.journalHead()
                    return answer
                },
                released: { i, outcome in
                    if !outcome.isReplay { undo += self.index.apply(effects[i]) }
                })
        } catch {
            index.revert(undo)
            logger.error("batch not committed", metadata: ["messages": "\(writes.count)", "detail": "\(error.description)"])
            throw RIError(.storage, nil, "store: \(error.description)")
        }
        index.advance(to: head)
        return results
    }

    // MARK: Reads

    /// Catches up on what other processes committed to the store (a no-op when nothing changed).
    public func catchUp() throws(RIError) {
        do { try index.catchUp(store: store) } catch { throw RIError(error) }
    }

    /// Candidates for the demographics given, best first (only `review` or `match`). Without `explained`, the
    /// scores carry no explanation (for answers that show the score and the decision only).
    public func search(_ query: RISearchQuery, limit: Int? = nil, explained: Bool = true) throws(RIError) -> [RIMatch] {
        try catchUp()
        let raw = RawRecord(
            id: "", birthName: query.birthName, firstNames: query.firstNames, sex: query.sex, birthDate: query.birthDate,
            birthPlace: query.birthPlace, usedName: query.usedName, ins: query.ins)
        let record: PreparedRecord
        do { record = try PreparedRecord(raw, shared: preparation) } catch {
            throw RIError(.invalidValue, RIField(error.field), "\(error.field.rawValue): \(error.reason)")
        }
        let limit = min(limit ?? configuration.candidateLimit, 100)
        return index.candidates(for: record, limit: limit, explained: explained).map { RIMatch(identityID: $0.id, score: $0.score) }
    }

    /// The identities with these ids, with what an answer shows, in the order given, the share policy applied
    /// (no INS unless QUAL). Unknown or merged-away ids are left out.
    public func listedIdentities(ids: [String]) throws(RIError) -> [ListedIdentity] {
        do {
            var listed = try store.listedIdentities(ids: ids)
            // In place, and only where there is an INS to withhold: copying every identity into a new array cost
            // ≈ 3 500 instructions per PDQ query.
            for i in listed.indices where !listed[i].identity.mayShareINS
                && (listed[i].identity.ins != nil || !listed[i].identity.insHistory.isEmpty) {
                listed[i].identity = RISharePolicy.shareable(listed[i].identity)
            }
            return listed
        } catch { throw RIError(error) }
    }

    /// The identity a reference designates (the survivor of a merged one), as it may be shown. A person's
    /// view is journaled (RNIV: every access by a person is traced).
    public func get(_ ref: RIIdentityRef, by actor: RIActor) throws(RIError) -> RIIdentityView {
        do {
            let stored: StoredIdentity?
            switch ref {
            case .id(let id): stored = try store.identity(id: id)
            case .localIDs(let locals):
                var found: StoredIdentity?
                for local in locals where found == nil { found = try store.identity(localID: local) }
                stored = found
            case .ins(let matricule): stored = try store.identities(insMatricule: matricule).first
            }
            guard let stored else { throw RIError(.notFound, .identity, "identity not found") }
            if actor.isPerson {
                let change = ChangeContext(actor: actor.journalName, reason: actor.reason("view"), time: configuration.now())
                _ = try store.perform { transaction in try transaction.journalView(id: stored.id, change: change); return true }
            }
            return RIIdentityView(stored)
        } catch { throw RIError(error) }
    }

    /// The identity's journal, oldest first. A person's reading is journaled like a view.
    public func history(_ id: String, by actor: RIActor) throws(RIError) -> [JournalEntry] {
        do {
            if actor.isPerson {
                let change = ChangeContext(actor: actor.journalName, reason: actor.reason("history"), time: configuration.now())
                _ = try store.perform { transaction in try transaction.journalView(id: id, change: change); return true }
            }
            return try store.history(id: id)
        } catch { throw RIError(error) }
    }

    /// The review queue (open items by default), highest score first.
    public func reviewQueue(status: ReviewItem.Status? = .open) throws(RIError) -> [ReviewItem] {
        do { return try store.reviewQueue(status: status) } catch { throw RIError(error) }
    }

    /// Counts over the store.
    public func stats() throws(RIError) -> StoreStats {
        do { return try store.stats() } catch { throw RIError(error) }
    }

    // MARK: Qualification

    /// Qualifies an identity: the document check, then INSi through `qualifier` (outside any transaction), then
    /// the result applied through the status machine and journaled. Refused (`forbidden`) when DOUT, FICT or a
    /// corrected birth date forbids INSi; `unavailable` when INSi cannot be reached.
    public func qualify(
        identityID: String, document: DocumentCheck, by actor: RIActor, using qualifier: any RIQualifier
    ) throws(RIError) -> RIOutcome {
        let stored: StoredIdentity
        do {
            guard let found = try store.identity(id: identityID) else { throw RIError(.notFound, .identity, "identity \(identityID) not found") }
            stored = found
        } catch { throw RIError(error) }
        guard document.isHighTrust else {
            throw RIError(.forbidden, .document, "document type \(document.type.rawValue) is not a high-trust identification device")
        }
        guard stored.identity.mayCallINSi else {
            throw RIError(.forbidden, .identity, "DOUT, FICT or a corrected birth date forbids INSi for \(stored.id)")
        }
        let result = try callINSi(stored, document: document, by: actor, reason: "qualify", using: qualifier)
        return try execute(.qualify(identityID: stored.id, document: document, result: result), by: actor, reason: "qualify")
    }

    /// The periodic re-check of a QUAL identity (`vigie ri verify`): INSi through `qualifier`, then `.verify`.
    /// Every outcome is journaled: confirmed or not (`status-changed` and `insi-called`), and a failed call
    /// (`insi-called` `failed`, then `unavailable` is thrown; the identity is unchanged).
    public func verify(identityID: String, by actor: RIActor, using qualifier: any RIQualifier) throws(RIError) -> RIOutcome {
        let stored: StoredIdentity
        do {
            guard let found = try store.identity(id: identityID) else { throw RIError(.notFound, .identity, "identity \(identityID) not found") }
            stored = found
        } catch { throw RIError(error) }
        let result = try callINSi(stored, document: nil, by: actor, reason: "ri:verify", using: qualifier)
        return try execute(.verify(identityID: stored.id, result: result), by: actor, reason: "ri:verify")
    }

    /// Calls INSi outside any transaction; a failure is journaled (`insi-called` `failed`) and thrown as `unavailable`.
    private func callINSi(
        _ stored: StoredIdentity, document: DocumentCheck?, by actor: RIActor, reason: String, using qualifier: any RIQualifier
    ) throws(RIError) -> RIQualificationResult {
        do { return try qualifier.qualify(stored.identity, document: document) } catch {
            let change = ChangeContext(actor: actor.journalName, reason: actor.reason(reason + ": INSi failed"), time: configuration.now())
            do {
                try store.writeTransaction { transaction throws(StoreError) in
                    try transaction.journalINSiCall(of: stored.id, .failed, change: change)
                }
            } catch let failure { throw RIError(failure) }
            throw RIError(.unavailable, .insi, "INSi: \(error)")
        }
    }

    /// The survivor the RI proposes when the cell merges a pair without naming one: the higher RNIV status (its INS
    /// and document evidence are the better ones; RNIV: the qualified identity is kept), on a tie the older
    /// identity (the one the other systems have known longest: the smaller RI number).
    public func defaultSurvivor(of ids: [String]) throws(RIError) -> String {
        guard let first = ids.first else { throw RIError(.invalidValue, .survivor, "no identity to choose from") }
        let listed: [ListedIdentity]
        do { listed = try store.listedIdentities(ids: ids) } catch { throw RIError(error) }
        func rank(_ id: String) -> Int {
            switch listed.first(where: { $0.id == id })?.identity.status ?? .provisional {
            case .provisional: 0
            case .recovered: 1
            case .validated: 2
            case .qualified: 3
            }
        }
        func number(_ id: String) -> Int { Int(id.dropFirst()) ?? Int.max }
        return ids.dropFirst().reduce(first) { best, id in
            (rank(id), -number(id)) > (rank(best), -number(best)) ? id : best
        }
    }
}

/// `execute`'s stored answer (nothing: single commands carry no idempotency key).
struct RIOutcomeAnswer: Codable, Sendable {}

/// Carries `execute`'s outcome out of the batch body.
private final class OutcomeBox { var outcome: RIOutcome? }
