import Foundation
import VigieIdentity
import VigieMatch
import VigieRI
import VigieStore

/// The `PatientDirectory` of `vigie serve`: the référentiel's get, search and match (VigieRI), its live index
/// (no scan of the store, whatever its size) and its share policy (`RISharePolicy`: an INS only for a QUAL
/// identity). A read by a person or a system's token is journaled by the RI under its login.
public struct RIPatientDirectory: PatientDirectory {
    public let ri: Referentiel

    public init(ri: Referentiel) { self.ri = ri }

    public func patient(id: String, by actor: RIActor) throws -> (identity: StoredIdentity?, mergedInto: String?)? {
        do throws(RIError) {
            if try ri.listedIdentities(ids: [id]).isEmpty {
                // Unknown, or merged away: the survivor's id only (reading the link is not a view of its traits).
                let survivor = try ri.get(.id(id), by: .application("fhir"))
                return survivor.id == id ? nil : (nil, survivor.id)
            }
            return (Self.stored(try ri.get(.id(id), by: actor)), nil)
        } catch where error.code == .notFound {
            return nil
        } catch {
            throw Self.fhirError(error)
        }
    }

    public func search(_ query: PatientQuery, limit: Int, by actor: RIActor) throws -> [StoredIdentity] {
        var ids: [String]?
        if !query.ids.isEmpty { ids = query.ids }
        for identifier in query.identifiers {
            let found = try identities(holding: identifier)
            ids = ids.map { current in current.filter(found.contains) } ?? found
        }
        if query.family != nil || query.given != nil {
            let ranked = try Self.answer { () throws(RIError) in try ri.search(Self.searchQuery(query), limit: limit).map(\.identityID) }
            ids = ids.map { current in ranked.filter(current.contains) } ?? ranked
        }
        guard let ids else {
            throw FHIRError(status: 400, code: .required, "a search needs _id, identifier, family or given", expression: "family")
        }
        var results: [StoredIdentity] = []
        for id in ids where results.count < limit {
            // Merged-away ids are left out: a search lists active patients only.
            guard try !Self.answer({ () throws(RIError) in try ri.listedIdentities(ids: [id]) }).isEmpty else { continue }
            let stored = Self.stored(try view(id, by: actor))
            if Self.meets(stored.identity, query) { results.append(stored) }
        }
        return results
    }

    public func match(_ query: PatientQuery, limit: Int, by actor: RIActor) throws -> [PatientMatch] {
        guard query.family != nil || query.given != nil else {
            throw FHIRError(status: 400, code: .required, "$match needs the Patient's name", expression: "Patient.name")
        }
        let ranked = try Self.answer { () throws(RIError) in try ri.search(Self.searchQuery(query), limit: limit) }
        let sharedINS = Set(query.identifiers.map(\.value))
        return try ranked.map { candidate in
            let stored = Self.stored(try view(candidate.identityID, by: actor))
            return PatientMatch(
                identity: stored, score: candidate.score.probability,
                grade: Self.grade(candidate.score.decision, sameINS: RISharePolicy.sharedINS(of: stored.identity).map { sharedINS.contains($0.matricule.description) } ?? false))
        }
    }

    /// IHE PDQm's grades from the RI's decision. Precision first: `certain` only when the model's decision is a
    /// match *and* the query carried the candidate's qualified INS; a match on traits alone is `probable`, a pair
    /// the cell would review is `possible`.
    static func grade(_ decision: MatchDecision, sameINS: Bool) -> MatchGrade {
        switch decision {
        case .match: sameINS ? .certain : .probable
        case .review: .possible
        case .nonMatch: .certainlyNot
        }
    }

    /// The identities holding an identifier: an INS (system `urn:oid:` + the INS OID) only when it may be shared
    /// (a search must not reveal a non-qualified INS); a local identifier (IPP) by its domain's system, as
    /// `FRCorePatient` writes it (`urn:vigie:domain:` + the domain, or `urn:oid:` + the domain's OID); a value
    /// without a system finds nothing (an IPP means nothing outside its domain).
    private func identities(holding identifier: (system: String?, value: String)) throws -> [String] {
        guard let system = identifier.system else { return [] }
        let oid = system.hasPrefix("urn:oid:") ? String(system.dropFirst("urn:oid:".count)) : nil
        let reference: RIIdentityRef
        var authority: INSAuthority?
        if let oid, let ins = INSAuthority(oid: oid) {
            authority = ins
            reference = .ins(identifier.value)
        } else if let oid {
            reference = .localIDs([LocalIdentifier(value: identifier.value, domain: oid)])
        } else if system.hasPrefix(FRCorePatient.localSystemPrefix) {
            let domain = String(system.dropFirst(FRCorePatient.localSystemPrefix.count))
            reference = .localIDs([LocalIdentifier(value: identifier.value, domain: domain.removingPercentEncoding ?? domain)])
        } else {
            return []
        }
        do throws(RIError) {
            let found = try ri.get(reference, by: .application("fhir"))
            if let authority {
                guard let ins = found.ins, ins.authority == authority else { return [] }
            }
            return [found.id]
        } catch where error.code == .notFound {
            return []
        } catch {
            throw Self.fhirError(error)
        }
    }

    private func view(_ id: String, by actor: RIActor) throws(FHIRError) -> RIIdentityView {
        try Self.answer { () throws(RIError) in try ri.get(.id(id), by: actor) }
    }

    /// The RI's answer, its errors as FHIR's.
    static func answer<T>(_ body: () throws(RIError) -> T) throws(FHIRError) -> T {
        do { return try body() } catch { throw fhirError(error) }
    }

    static func searchQuery(_ query: PatientQuery) -> RISearchQuery {
        let sex: String = switch query.sex {
        case .male?: "M"
        case .female?: "F"
        default: ""
        }
        return RISearchQuery(
            birthName: query.family ?? "", firstNames: query.given ?? "", sex: sex, birthDate: query.birthDate?.iso ?? "")
    }

    /// The criteria the RI's matching scores but does not require: a given gender or birth date must hold.
    static func meets(_ identity: Identity, _ query: PatientQuery) -> Bool {
        if let date = query.birthDate {
            let own = identity.traits.birthDate
            guard own.year == date.year, date.month == 0 || own.month == date.month, date.day == 0 || own.day == date.day else { return false }
        }
        if let sex = query.sex, identity.traits.sex != sex { return false }
        return true
    }

    /// What the FHIR mapping reads, from the RI's view (the share policy already applied). The view carries no
    /// creation or update time and the mapping shows none (`meta.versionId` only): those two are placeholders.
    static func stored(_ view: RIIdentityView) -> StoredIdentity {
        StoredIdentity(
            id: view.id, identity: view.shareable, localIDs: view.localIDs, formerLocalIDs: view.formerLocalIDs,
            mergedIDs: view.mergedIDs, linkedIDs: view.linkedIDs, version: view.version, createdAt: Date(), updatedAt: Date())
    }

    static func fhirError(_ error: RIError) -> FHIRError {
        switch error.code {
        case .invalidValue, .missingValue, .unknownCode:
            FHIRError(status: 400, code: .value, error.message, expression: error.field.map { "\($0)" })
        case .notFound: FHIRError(status: 404, code: .notFound, error.message)
        default: FHIRError(status: 500, code: .exception, "the référentiel could not answer (\(error.code.rawValue))")
        }
    }
}
