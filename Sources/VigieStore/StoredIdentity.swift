import Foundation
import VigieIdentity

/// An identity as the RI holds it: its RI id, the identity, its identifiers and relations, and its version.
public struct StoredIdentity: Sendable, Hashable {
    /// The RI identity id: `V` followed by digits, assigned by the store, never reused. Safe to log.
    public var id: String
    /// The identity (traits, used names, INS and its history, status, attributes…).
    public var identity: Identity
    /// Local identifiers bound to this identity, sorted by domain then value.
    public var localIDs: [LocalIdentifier]
    /// Local identifiers of identities merged into this one: they still resolve here. Sorted.
    public var formerLocalIDs: [LocalIdentifier]
    /// Identities merged into this one (directly or through a chain of merges), in id order.
    public var mergedIDs: [String]
    /// Identities linked to this one (A24), in id order.
    public var linkedIDs: [String]
    /// 1 when created, +1 for every change to the identity, its identifiers or its relations.
    public var version: Int
    /// When the identity was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// Creates a stored identity (the store builds these; public for tests and callers' fakes).
    public init(
        id: String, identity: Identity, localIDs: [LocalIdentifier] = [], formerLocalIDs: [LocalIdentifier] = [],
        mergedIDs: [String] = [], linkedIDs: [String] = [], version: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.identity = identity
        self.localIDs = localIDs
        self.formerLocalIDs = formerLocalIDs
        self.mergedIDs = mergedIDs
        self.linkedIDs = linkedIDs
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// RI identity ids: `V` + the row number.
enum IdentityID {
    static func string(_ row: Int64) -> String { "V\(row)" }

    /// The row number of a well-formed id, nil otherwise (such an id cannot exist).
    static func row(_ id: String) -> Int64? {
        let utf8 = id.utf8
        guard utf8.count >= 2, utf8.count <= 20, utf8.first == UInt8(ascii: "V") else { return nil }
        let digits = utf8.dropFirst()
        guard digits.first != UInt8(ascii: "0"), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(String(decoding: digits, as: UTF8.self))
    }
}
