import Foundation
import VigieIdentity
import VigieText

/// How an `Identity` lies in the `identities` table: the JSON (the source of truth) plus the columns the
/// store queries and the worker's index loads (a projection, rewritten with the JSON on every write).
struct IdentityColumns {
    var status: String
    var json: String
    var birthName: String
    var firstNames: String
    var sex: String
    var birthDate: String
    var birthPlace: String
    var usedName: String
    var ins: String?
    var insOID: String?

    init(_ identity: Identity, json: String) {
        status = identity.status.rawValue
        self.json = json
        birthName = identity.traits.birthName
        firstNames = identity.traits.firstNames.joined(separator: " ")
        sex = identity.traits.sex.rawValue
        birthDate = identity.traits.birthDate.iso
        birthPlace = identity.traits.birthPlace?.code ?? ""
        usedName = identity.usedName ?? ""
        ins = identity.ins?.matricule.value
        insOID = identity.ins?.authority.rawValue
    }
}

/// JSON coding of stored values. One per connection: encoders are not shared across threads.
final class StoreCoder {
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()

    init() {
        encoder = JSONEncoder()
        // Sorted keys: the same value always gives the same text, so journal before/after compare as text.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func encode<T: Encodable>(_ value: T, what: String) throws(StoreError) -> String {
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .corrupt(reason: "cannot encode \(what)")
        }
    }

    func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(StoreError) -> T {
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw .corrupt(reason: "cannot decode \(what)")
        }
    }

    /// `{"domain":…,"value":…}`, exactly as `encode` writes it, without the encoder's cost (one per identifier
    /// on the bulk-load path).
    func encode(_ local: LocalIdentifier) -> String {
        "{\"domain\":\(JSONText.quoted(local.domain)),\"value\":\(JSONText.quoted(local.value))}"
    }

    func decodeIdentity(_ text: String, row: Int64) throws(StoreError) -> Identity {
        try decode(Identity.self, from: text, what: "identity \(IdentityID.string(row))")
    }
}
