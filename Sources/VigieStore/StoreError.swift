/// Why a store operation failed. A failed operation changes nothing: its transaction is rolled back.
///
/// Descriptions name identity ids, local identifiers (record numbers such as an IPP), fields and operations;
/// they never contain an identity trait (name, first name, birth date, birth place, INS).
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No identity has this RI id (`V` followed by digits).
    case notFound(id: String)
    /// No identity holds this local identifier.
    case localIdentifierNotFound(LocalIdentifier)
    /// The local identifier is already bound to another identity (unique per domain).
    case localIdentifierTaken(LocalIdentifier, owner: String)
    /// A local identifier field is unusable; `reason` says why (empty, too long, an INS domain…).
    case invalidLocalIdentifier(field: String, reason: String)
    /// One identity would hold more than `LocalIdentifier.maximumPerIdentity` local identifiers.
    public static var tooManyLocalIdentifiers: StoreError {
        .invalidLocalIdentifier(field: "value", reason: "more than \(LocalIdentifier.maximumPerIdentity) local identifiers for one identity")
    }
    /// The identity was merged away into `survivor`; write to the survivor instead.
    case mergedAway(id: String, survivor: String)
    /// An identity cannot be merged into itself (also when both ids resolve to the same survivor).
    case selfMerge(id: String)
    /// The two identities carry different INS: merging them would mix two patients (a collision).
    case conflictingINS(survivor: String, mergedAway: String)
    /// An identity cannot be linked to itself.
    case selfLink(id: String)
    /// No open or resolved review item has this number.
    case reviewNotFound(id: Int64)
    /// A review item is malformed; `reason` says why.
    case invalidReview(reason: String)
    /// A change context field is unusable (e.g. an empty actor: the journal must say who).
    case invalidChange(field: String, reason: String)
    /// A message id was already processed for a different request: the sender reused a control id.
    case messageIDReused(messageID: String)
    /// The stored answer of a processed message cannot be decoded as the requested type.
    case storedAnswerUnreadable(messageID: String)
    /// The file was written by a newer Vigie: its schema version is above what this build knows.
    case newerSchema(found: Int, supported: Int)
    /// The file exists but is empty (0 bytes): not a store. A new store is created only at a path that does not exist.
    case emptyFile
    /// The file is not a usable Vigie store, or a stored row cannot be read; `reason` names what.
    case corrupt(reason: String)
    /// SQLite failed; `code` is the (extended) result code, `operation` what the store was doing.
    case sqlite(code: Int32, operation: String, message: String)
    /// No operator has this login.
    case operatorNotFound(login: String)
    /// An operator field is unusable; `reason` says why.
    case invalidOperator(field: String, reason: String)
    /// A feed subscriber name is unusable; `reason` says why.
    case invalidSubscriber(reason: String)
    /// No feed subscriber has this name.
    case subscriberNotFound(name: String)
    /// The store was closed.
    case closed

    /// True when the failure is the store's, not the request's (an I/O error, a full disk, a lock held too long,
    /// a closed store): nothing was kept, and the same request may succeed later. HL7 answers these `AR`,
    /// which senders retry, rather than `AE`, which they do not (docs/worker.md).
    public var isRetryable: Bool {
        switch self {
        case .sqlite, .closed: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .notFound(let id): "identity \(id) not found"
        case .localIdentifierNotFound(let local): "local identifier \(local) not found"
        case .localIdentifierTaken(let local, let owner): "local identifier \(local) is already bound to identity \(owner)"
        case .invalidLocalIdentifier(let field, let reason): "invalid local identifier: \(field) \(reason)"
        case .mergedAway(let id, let survivor): "identity \(id) was merged into \(survivor)"
        case .selfMerge(let id): "cannot merge identity \(id) into itself"
        case .conflictingINS(let survivor, let mergedAway): "cannot merge \(mergedAway) into \(survivor): they carry different INS"
        case .selfLink(let id): "cannot link identity \(id) to itself"
        case .reviewNotFound(let id): "review item \(id) not found"
        case .invalidReview(let reason): "invalid review item: \(reason)"
        case .invalidChange(let field, let reason): "invalid change context: \(field) \(reason)"
        case .messageIDReused(let messageID): "message id \(messageID) was already used for a different request"
        case .storedAnswerUnreadable(let messageID): "the stored answer of message \(messageID) cannot be read"
        case .newerSchema(let found, let supported): "store schema version \(found) is newer than this build supports (\(supported))"
        case .emptyFile: "the store file is empty (0 bytes): not a Vigie store; give a path that does not exist to create one"
        case .corrupt(let reason): "corrupt store: \(reason)"
        case .sqlite(let code, let operation, let message): "SQLite error \(code) during \(operation): \(message)"
        case .operatorNotFound(let login): "operator \(login) not found"
        case .invalidOperator(let field, let reason): "invalid operator: \(field) \(reason)"
        case .invalidSubscriber(let reason): "invalid feed subscriber name: \(reason)"
        case .subscriberNotFound(let name): "feed subscriber \(name) not found"
        case .closed: "the store is closed"
        }
    }
}
