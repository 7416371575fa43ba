import Foundation
import VigieIdentity
import VigieStore

/// A `PatientDirectory` reading the store directly, until the RI service layer (VigieRI) provides get/search/match
/// with its share policy: `_id` and INS lookups use the store's indexes; name, birth date and gender criteria scan
/// the active identities (FHIR `string` search: starts with, ignoring case and accents), which is fine for the
/// tests and small stores but not at 1 000 000 identities. `$match` needs the live matching index: refused (501).
public struct StorePatientDirectory: PatientDirectory {
    public let store: IdentityStore

    public init(store: IdentityStore) { self.store = store }

    public func patient(id: String) throws -> (identity: StoredIdentity?, mergedInto: String?)? {
        guard let found = try store.identity(id: id) else { return nil }
        return found.id == id ? (found, nil) : (nil, found.id)
    }

    public func search(_ query: PatientQuery, limit: Int) throws -> [StoredIdentity] {
        var candidates: [StoredIdentity]?
        if !query.ids.isEmpty {
            candidates = try query.ids.compactMap { id in try store.identity(id: id).flatMap { $0.id == id ? $0 : nil } }
        }
        for identifier in query.identifiers {
            // Only an INS that may be shared can be searched by: a search must not reveal a non-qualified INS.
            let found: [StoredIdentity]
            if let system = identifier.system, let authority = INSAuthority(oid: system) {
                found = try store.identities(insMatricule: identifier.value).filter { $0.identity.mayShareINS && $0.identity.ins?.authority == authority }
            } else {
                found = []
            }
            candidates = candidates.map { current in current.filter { c in found.contains { $0.id == c.id } } } ?? found
        }
        var results: [StoredIdentity] = []
        func consider(_ identity: StoredIdentity) -> Bool {
            if Self.meets(identity, query) { results.append(identity) }
            return results.count < limit
        }
        if let candidates {
            for identity in candidates where !consider(identity) { break }
        } else {
            struct Enough: Error {}
            do {
                try store.forEachIdentity { identity in if !consider(identity) { throw Enough() } }
            } catch is Enough {}
        }
        return results
    }

    public func match(_ query: PatientQuery, limit: Int) throws -> [PatientMatch] {
        throw FHIRError(status: 501, code: .notSupported, "$match needs the RI's matching service (not available in this build)")
    }

    static func meets(_ stored: StoredIdentity, _ query: PatientQuery) -> Bool {
        let identity = stored.identity
        if let family = query.family {
            let names = [identity.traits.birthName] + (identity.usedName.map { [$0] } ?? [])
            guard names.contains(where: { startsWith($0, family) }) else { return false }
        }
        if let given = query.given {
            let names = identity.traits.firstNames + (identity.usedFirstName.map { [$0] } ?? [])
            guard names.contains(where: { startsWith($0, given) }) else { return false }
        }
        if let date = query.birthDate {
            let own = identity.traits.birthDate
            guard own.year == date.year, date.month == 0 || own.month == date.month, date.day == 0 || own.day == date.day else { return false }
        }
        if let sex = query.sex, identity.traits.sex != sex { return false }
        return true
    }

    /// FHIR `string` search: the value starts with the text, ignoring case and accents.
    static func startsWith(_ value: String, _ text: String) -> Bool {
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        return value.folding(options: options, locale: nil).hasPrefix(text.folding(options: options, locale: nil))
    }
}
