import Foundation
import Testing
import VigieIdentity
import VigieMatch
import VigieStore
@testable import VigieRI

/// A référentiel on a fresh store in a temporary directory.
final class RIHarness {
    let directory: URL
    let store: IdentityStore
    let ri: Referentiel

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-ri-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try IdentityStore(path: directory.appendingPathComponent("ri.sqlite").path)
        ri = try Referentiel(store: store, configuration: RIConfiguration(now: { Date(timeIntervalSince1970: 1_767_225_600) }))
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    static let cell = RIActor.person("cell1", via: "web")
    static let ins = try! INS(matricule: Matricule("279035121518989"), authority: .test)
    static let document = DocumentCheck(type: .nationalIdentityCard, checkedBy: "agent1", checkedAt: "2026-01-01")

    static func traits(_ name: String = "PAT-TROIS", place: String? = "63220", birth: String = "1979-03-28") throws -> StrictTraits {
        StrictTraits(
            birthName: name, firstNames: ["DOMINIQUE"], sex: .female, birthDate: try BirthDate(birth),
            birthPlace: try place.map { try BirthPlace($0) })
    }

    static func record(
        _ ipp: String, traits: StrictTraits, status: IdentityStatus = .provisional, ins: INS? = nil, evidence: RIEvidence = RIEvidence()
    ) -> RIRecord {
        RIRecord(
            identity: Identity(traits: traits, ins: ins, status: status, insiRetrieved: ins != nil),
            localIDs: [LocalIdentifier(value: ipp, domain: "CHU")], evidence: evidence)
    }
}

/// A fixed INSi answer (the RI's logic is under test, not the teleservice client).
struct FixedQualifier: RIQualifier {
    let result: RIQualificationResult
    func qualify(_ identity: Identity, document: DocumentCheck?) throws -> RIQualificationResult { result }
}

@Suite("VigieRI service")
struct RIServiceTests {
    /// RNIV EXI SI 07: the status follows the evidence, through IdentityLifecycle, never the request's claim.
    @Test("RNIV EXI SI 07: the status comes from the evidence (document + INSi = QUAL), journaled as status events")
    func statusComesFromEvidence() throws {
        let h = try RIHarness()
        let evidence = RIEvidence(document: RIHarness.document, insi: .teleservice(queriedOn: "2026-01-01"))
        let outcome = try h.ri.execute(
            .upsert(RIHarness.record("1", traits: try RIHarness.traits(), status: .qualified, ins: RIHarness.ins, evidence: evidence)),
            by: RIHarness.cell)
        #expect(outcome.status == .qualified)
        #expect(outcome.action == .created)
        #expect(outcome.statusChanges.map(\.event) == ["documentChecked", "insiIdentityAccepted"])
        let journal = try h.store.history(id: outcome.identityID).filter { $0.action == .statusChanged }
        #expect(journal.count == 2)
        #expect(journal.allSatisfy { $0.actor == "cell1" })
        // Without INSi evidence the same claim is refused, and nothing is created.
        #expect(throws: RIError.self) {
            try h.ri.execute(
                .upsert(RIHarness.record("2", traits: try RIHarness.traits(), status: .qualified, ins: RIHarness.ins,
                                         evidence: RIEvidence(document: RIHarness.document))),
                by: RIHarness.cell)
        }
        #expect(try h.store.stats().activeIdentities == 1)
    }

    /// PAM FR XAD-9 (COG code or 99xxx), checked with the COG history at the birth date.
    @Test("PAM FR PID-11 XAD-9: a COG code must be valid at the birth date; 99999 allowed but never QUAL")
    func birthPlaceCheckedAgainstCOGHistory() throws {
        let h = try RIHarness()
        // 50001 (Acqueville) was merged into 50041 on 2017-01-01: valid for a 1980 birth, not for a 2020 one.
        _ = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits(place: "50001", birth: "1980-05-05"))), by: RIHarness.cell)
        do {
            _ = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits(place: "50001", birth: "2020-05-05"))), by: RIHarness.cell)
            Issue.record("a code that no longer existed at the birth date was accepted")
        } catch let error as RIError {
            #expect(error.field == .birthPlace)
            #expect(error.code == .invalidValue)
        }
        let unknownPlace = RIEvidence(document: RIHarness.document, insi: .teleservice(queriedOn: nil))
        var record = RIHarness.record("3", traits: try RIHarness.traits(place: "99999"), status: .qualified, ins: RIHarness.ins, evidence: unknownPlace)
        record.refusesUnsupportedClaims = false
        let outcome = try h.ri.execute(.upsert(record), by: RIHarness.cell)
        #expect(outcome.status == .validated)
        #expect(outcome.notices.contains { $0.kind == .notIntegrated && $0.field == .birthPlace })
    }

    /// Mediboard's PatientMergeService warns; PAM FR A40: the sender learns the merged-away identity was better.
    @Test("PAM FR A40: a merge warns when the merged-away identity held the higher status and the only INS")
    func mergeWarnsWhenMergedAwayWasBetter() throws {
        let h = try RIHarness()
        let evidence = RIEvidence(document: RIHarness.document, insi: .teleservice(queriedOn: nil))
        let qualified = try h.ri.execute(
            .upsert(RIHarness.record("1", traits: try RIHarness.traits(), status: .qualified, ins: RIHarness.ins, evidence: evidence)), by: RIHarness.cell)
        let provisional = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits())), by: RIHarness.cell)
        let merged = try h.ri.execute(
            .merge(survivor: .id(provisional.identityID), mergedAway: .id(qualified.identityID), record: nil), by: RIHarness.cell)
        #expect(merged.action == .merged)
        #expect(Set(merged.notices.map(\.kind)) == [.mergedAwayHigherStatus, .mergedAwayOnlyINS])
    }

    /// RNIV: qualification = document check + INSi, applied through the status machine and journaled.
    @Test("RNIV EXI SI 07: qualify applies INSi's answer through the status machine (PROV -> QUAL)")
    func qualifyThroughStatusMachine() throws {
        let h = try RIHarness()
        let created = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits())), by: RIHarness.cell)
        let qualifier = FixedQualifier(result: .accepted(ins: RIHarness.ins, history: [], traits: try RIHarness.traits(), queriedOn: "2026-01-02"))
        let outcome = try h.ri.qualify(identityID: created.identityID, document: RIHarness.document, by: RIHarness.cell, using: qualifier)
        #expect(outcome.status == .qualified)
        #expect(outcome.action == .qualified)
        let stored = try #require(try h.store.identity(id: created.identityID))
        #expect(stored.identity.insiQueryDate == "2026-01-02")
        #expect(try h.ri.get(.id(created.identityID), by: RIHarness.cell).ins == RIHarness.ins)
        // The operator's view is journaled.
        #expect(try h.store.history(id: created.identityID).contains { $0.action == .viewed && $0.actor == "cell1" })
        // A refused INSi answer keeps the status machine's document-only status.
        let other = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits("MARTIN"))), by: RIHarness.cell)
        let refused = try h.ri.qualify(
            identityID: other.identityID, document: RIHarness.document, by: RIHarness.cell, using: FixedQualifier(result: .refused(reason: "CR 01")))
        #expect(refused.status == .validated)
    }

    /// RNIV periodic check: an INS INSi no longer confirms loses its qualification; the check is journaled.
    @Test("RNIV: vigie ri verify demotes a QUAL identity INSi no longer confirms, and journals a confirmation too")
    func verifyDemotesWhenINSiNoLongerConfirms() throws {
        let h = try RIHarness()
        let evidence = RIEvidence(document: RIHarness.document, insi: .teleservice(queriedOn: nil))
        let created = try h.ri.execute(
            .upsert(RIHarness.record("1", traits: try RIHarness.traits(), status: .qualified, ins: RIHarness.ins, evidence: evidence)), by: RIHarness.cell)
        let confirmed = try h.ri.execute(
            .verify(identityID: created.identityID, result: .accepted(ins: RIHarness.ins, history: [], traits: try RIHarness.traits(), queriedOn: nil)),
            by: RIHarness.cell)
        #expect(confirmed.status == .qualified)
        let failed = try h.ri.execute(.verify(identityID: created.identityID, result: .refused(reason: "CR 01")), by: RIHarness.cell)
        #expect(failed.status == .validated)
        #expect(failed.action == .demoted)
        let events = try h.store.history(id: created.identityID).filter { $0.action == .statusChanged }.compactMap(\.after)
        #expect(events.contains { $0.contains("insiVerified") })
        #expect(events.contains { $0.contains("insiVerificationFailed") })
    }

    /// Every INSi call the RI makes is journaled by the RI (`insi-called`), with its outcome, whatever the channel;
    /// a call that fails is journaled and changes nothing.
    @Test("RNIV EXI SI 07: the RI journals each INSi call it makes: accepted, refused, failed")
    func insiCallsJournaledByTheRI() throws {
        struct Unreachable: RIQualifier, Error {
            func qualify(_ identity: Identity, document: DocumentCheck?) throws -> RIQualificationResult { throw self }
        }
        let h = try RIHarness()
        let id = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits())), by: RIHarness.cell).identityID
        func calls() throws -> [String] {
            try h.store.history(id: id).filter { $0.action == .insiCalled }.map { ($0.after ?? "") + "@" + $0.actor }
        }
        let failure = #expect(throws: RIError.self) {
            try h.ri.qualify(identityID: id, document: RIHarness.document, by: RIHarness.cell, using: Unreachable())
        }
        #expect(failure?.code == .unavailable)
        #expect(try h.store.identity(id: id)?.identity.status == .provisional)
        let refused = try h.ri.qualify(identityID: id, document: RIHarness.document, by: RIHarness.cell, using: FixedQualifier(result: .refused(reason: "CR 01")))
        #expect(refused.insiCall == .refused)
        let accepted = try h.ri.qualify(
            identityID: id, document: RIHarness.document, by: RIHarness.cell,
            using: FixedQualifier(result: .accepted(ins: RIHarness.ins, history: [], traits: try RIHarness.traits(), queriedOn: nil)))
        #expect(accepted.insiCall == .accepted && accepted.status == .qualified)
        let verified = try h.ri.verify(identityID: id, by: RIHarness.cell, using: FixedQualifier(result: .refused(reason: "CR 01")))
        #expect(verified.insiCall == .refused && verified.status == .validated)
        #expect(try calls() == [#"{"outcome":"failed"}@cell1"#, #"{"outcome":"refused"}@cell1"#, #"{"outcome":"accepted"}@cell1"#, #"{"outcome":"refused"}@cell1"#])
    }

    /// [RNIV] the qualified identity is the one kept: a merge without a named survivor keeps the higher status,
    /// and on a tie the older identity.
    @Test("RNIV: the default merge survivor is the higher RNIV status, then the older identity")
    func defaultSurvivorIsTheBetterThenTheOlder() throws {
        let h = try RIHarness()
        let older = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits("MARTIN"))), by: RIHarness.cell).identityID
        let younger = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits("DURAND"))), by: RIHarness.cell).identityID
        #expect(try h.ri.defaultSurvivor(of: [older, younger]) == older)
        #expect(try h.ri.defaultSurvivor(of: [younger, older]) == older)
        let evidence = RIEvidence(document: RIHarness.document)
        _ = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits("DURAND"), status: .validated, evidence: evidence)), by: RIHarness.cell)
        #expect(try h.ri.defaultSurvivor(of: [older, younger]) == younger)
        #expect(throws: RIError.self) { try h.ri.defaultSurvivor(of: []) }
    }

    /// The cell's not-duplicate decision is remembered: the pair never comes back, and the live index knows it.
    @Test("Review: not-duplicate is remembered in the store and the live index")
    func notDuplicateIsRemembered() throws {
        let h = try RIHarness()
        let first = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits())), by: RIHarness.cell)
        let second = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits())), by: RIHarness.cell)
        let item = try #require(second.candidates.first?.reviewItem)
        let resolved = try h.ri.execute(.resolveReview(item: item, decision: .notDuplicate), by: RIHarness.cell)
        #expect(resolved.reviewItem?.resolution == .notDuplicate)
        #expect(h.ri.index.isNotDuplicate(first.identityID, second.identityID))
        let again = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits())), by: RIHarness.cell)
        #expect(!again.candidates.contains { $0.identityID == first.identityID })
        #expect(try h.ri.reviewQueue().isEmpty)
    }

    /// PAM FR table 0445: HOMD (homonym detected) set on both identities by the cell's homonym decision.
    @Test("PAM FR table 0445: the homonym decision sets HOMD on both identities")
    func homonymSetsHOMD() throws {
        let h = try RIHarness()
        _ = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits())), by: RIHarness.cell)
        let second = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits())), by: RIHarness.cell)
        let item = try #require(second.candidates.first?.reviewItem)
        _ = try h.ri.execute(.resolveReview(item: item, decision: .homonym), by: RIHarness.cell)
        for id in ["V1", "V2"] { #expect(try h.store.identity(id: id)?.identity.attributes.contains(.homonymDetected) == true) }
    }

    /// PreparedRecord built from the typed Identity equals the one built from the batch columns.
    @Test("PreparedRecord(identity:) matches like the batch contract's columns")
    func preparedFromIdentityMatchesColumns() throws {
        let identity = Identity(traits: try RIHarness.traits(), usedName: "MARTIN", ins: RIHarness.ins)
        let typed = try PreparedRecord(identity: identity, id: "V1")
        let columns = try PreparedRecord(RawRecord(
            id: "V2", birthName: "PAT-TROIS", firstNames: "DOMINIQUE", sex: "F", birthDate: "1979-03-28", birthPlace: "63220",
            usedName: "MARTIN", ins: "279035121518989"))
        let pair = score(typed, columns, model: .builtIn)
        let self_ = score(columns, columns, model: .builtIn)
        #expect(pair.score == self_.score)
        #expect(pair.explanation.description == self_.explanation.description)
    }
}
