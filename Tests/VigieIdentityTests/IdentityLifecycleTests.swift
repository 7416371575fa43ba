import Foundation
import Testing
@testable import VigieIdentity

/// The RNIV status matrix (research file §3.1–3.3: EXI SI 07/09, FR Core identity-reliability invariants,
/// PAM FR §4.4.3–4.4.4 and §6.6.4, Mediboard PatientStatus). Expected outcomes are written out by hand.
@Suite struct IdentityLifecycleTests {
    // ECETINSI PIERRE-ALAIN (CNDA TEST_2.04, padoa/tlsi-ins src/ins/fixtures/TEST_2.04_cas2.xml).
    static let traits = StrictTraits(
        birthName: "ECETINSI", firstNames: ["PIERRE-ALAIN", "MURIEL", "FLORIANT"], sex: .male,
        birthDate: try! BirthDate("2009-07-14"), birthPlace: try! BirthPlace("63220"))
    static let ins = INS(matricule: try! Matricule("109076322083489"), authority: .nir)
    static let history = [
        INS(matricule: try! Matricule("209076322083439"), authority: .nir),
        INS(matricule: try! Matricule("209066322012355"), authority: .nir),
    ]
    static let passport = DocumentCheck(type: .passport)
    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    static func identity(_ status: IdentityStatus) -> Identity {
        var id = Identity(traits: traits)
        if status.hasINSiTraits {
            id.ins = ins
            id.insHistory = history
            id.insiRetrieved = true
        }
        if status.hasHighTrustDocument { id.hasHighTrustDocument = passport }
        id.status = status
        return id
    }

    enum Outcome: Equatable { case to(IdentityStatus), refused(TransitionError) }

    static let events: [(String, IdentityEvent)] = [
        ("passport", .documentChecked(passport)),
        ("drivingLicence", .documentChecked(DocumentCheck(type: .drivingLicence))),
        ("insi", .insiResultAccepted(ins, history: history)),
        ("vitaleApp", .vitaleApplicationRead(ins, traits: traits)),
        ("traitEdited", .strictTraitEdited),
        ("setDOUT", .attributeSet(.doubtful)),
        ("setHOMD", .attributeSet(.homonymDetected)),
        ("removeHOMD", .attributeRemoved(.homonymDetected)),
        ("insDeleted", .insDeleted),
        ("documentWithdrawn", .documentCheckWithdrawn),
        ("birthDateCorrected", .birthDateCorrected),
        ("insiWithTraits", .insiIdentityAccepted(ins, history: history, traits: traits)),
        ("traitsReplaced", .strictTraitsReplaced(editedTraits)),
        ("birthDateCorrectedTo", .birthDateCorrectedTo(try! BirthDate("2009-07-01"))),
        ("setFICT", .attributeSet(.fictitious)),
        ("setHOMA", .attributeSet(.homonymConfirmed)),
        ("removeDOUT", .attributeRemoved(.doubtful)),
        ("insiNIA", .insiResultAccepted(INS(matricule: try! Matricule("109076322088835"), authority: .nia), history: [])),
    ]
    static let editedTraits = StrictTraits(
        birthName: "ECETINSI", firstNames: ["PIERRE"], sex: .male, birthDate: try! BirthDate("2009-07-14"),
        birthPlace: try! BirthPlace("63220"))

    static let matrix: [IdentityStatus: [String: Outcome]] = [
        .provisional: [
            "insiWithTraits": .to(.recovered), "traitsReplaced": .to(.provisional), "birthDateCorrectedTo": .to(.provisional),
            "setFICT": .to(.provisional), "setHOMA": .to(.provisional), "removeDOUT": .refused(.attributeNotSet(.doubtful)),
            "insiNIA": .to(.recovered),
            "passport": .to(.validated), "drivingLicence": .refused(.documentNotHighTrust(.drivingLicence)),
            "insi": .to(.recovered), "vitaleApp": .to(.qualified), "traitEdited": .to(.provisional),
            "setDOUT": .to(.provisional), "setHOMD": .to(.provisional),
            "removeHOMD": .refused(.attributeNotSet(.homonymDetected)), "insDeleted": .refused(.noINS),
            "documentWithdrawn": .refused(.noDocumentCheck), "birthDateCorrected": .to(.provisional),
        ],
        .recovered: [
            "insiWithTraits": .to(.recovered), "traitsReplaced": .to(.provisional), "birthDateCorrectedTo": .to(.provisional),
            "setFICT": .to(.provisional), "setHOMA": .to(.recovered), "removeDOUT": .refused(.attributeNotSet(.doubtful)),
            "insiNIA": .to(.recovered),
            "passport": .to(.qualified), "drivingLicence": .refused(.documentNotHighTrust(.drivingLicence)),
            "insi": .to(.recovered), "vitaleApp": .to(.qualified), "traitEdited": .to(.provisional),
            "setDOUT": .to(.provisional), "setHOMD": .to(.recovered),
            "removeHOMD": .refused(.attributeNotSet(.homonymDetected)), "insDeleted": .to(.provisional),
            "documentWithdrawn": .refused(.noDocumentCheck), "birthDateCorrected": .to(.provisional),
        ],
        .validated: [
            "insiWithTraits": .to(.qualified), "traitsReplaced": .to(.validated), "birthDateCorrectedTo": .to(.validated),
            "setFICT": .to(.provisional), "setHOMA": .to(.validated), "removeDOUT": .refused(.attributeNotSet(.doubtful)),
            "insiNIA": .to(.qualified),
            "passport": .to(.validated), "drivingLicence": .refused(.documentNotHighTrust(.drivingLicence)),
            "insi": .to(.qualified), "vitaleApp": .to(.qualified), "traitEdited": .to(.validated),
            "setDOUT": .to(.provisional), "setHOMD": .to(.validated),
            "removeHOMD": .refused(.attributeNotSet(.homonymDetected)), "insDeleted": .refused(.noINS),
            "documentWithdrawn": .to(.provisional), "birthDateCorrected": .to(.validated),
        ],
        .qualified: [
            "insiWithTraits": .to(.qualified), "traitsReplaced": .to(.validated), "birthDateCorrectedTo": .to(.validated),
            "setFICT": .to(.provisional), "setHOMA": .to(.qualified), "removeDOUT": .refused(.attributeNotSet(.doubtful)),
            "insiNIA": .to(.qualified),
            "passport": .to(.qualified), "drivingLicence": .refused(.documentNotHighTrust(.drivingLicence)),
            "insi": .to(.qualified), "vitaleApp": .to(.qualified), "traitEdited": .to(.validated),
            "setDOUT": .to(.provisional), "setHOMD": .to(.qualified),
            "removeHOMD": .refused(.attributeNotSet(.homonymDetected)), "insDeleted": .to(.validated),
            "documentWithdrawn": .to(.recovered), "birthDateCorrected": .to(.validated),
        ],
    ]

    static func outcome(_ event: IdentityEvent, _ identity: Identity) -> (Outcome, Identity?, AuditEvent?) {
        do {
            let (next, audit) = try IdentityLifecycle.apply(event, to: identity, actor: "cell-42", at: t0, reason: "test")
            return (.to(next.status), next, audit)
        } catch {
            return (.refused(error), nil, nil)
        }
    }

    @Test(arguments: IdentityStatus.allCases)
    func everyEventFromEveryStatus(_ status: IdentityStatus) {
        let start = Self.identity(status)
        #expect(IdentityLifecycle.status(of: start) == status)
        for (name, event) in Self.events {
            let (got, next, audit) = Self.outcome(event, start)
            guard let expected = Self.matrix[status]![name] else {
                Issue.record("no expectation for \(status.rawValue) + \(name)")
                continue
            }
            #expect(got == expected, "\(status.rawValue) + \(name)")
            if let next, let audit {
                #expect(audit.statusBefore == status && audit.statusAfter == next.status)
                #expect(audit.actor == "cell-42" && audit.time == Self.t0 && audit.reason == "test")
                #expect(audit.event == event.name)
                // Invariants: an active INS only from INSi (or the Vitale application); RECUP/QUAL always hold one.
                #expect(next.ins == nil || next.insiRetrieved)
                if next.status.hasINSiTraits { #expect(next.ins != nil) }
            }
        }
    }

    @Test(arguments: [IdentityAttribute.doubtful, .fictitious], IdentityStatus.allCases)
    func doubtfulAndFictitiousForceProvisionalAndForbidINSi(_ attribute: IdentityAttribute, _ base: IdentityStatus) throws {
        let (blocked, audit) = try IdentityLifecycle.apply(
            .attributeSet(attribute), to: Self.identity(base), actor: "cell", at: Self.t0, reason: "doubt")
        #expect(blocked.status == .provisional)
        #expect(audit.attributesAfter == [attribute])
        #expect(!blocked.mayCallINSi)
        #expect(!blocked.mayShareINS)
        let other: IdentityAttribute = attribute == .doubtful ? .fictitious : .doubtful
        #expect(Self.outcome(.insiResultAccepted(Self.ins, history: []), blocked).0 == .refused(.qualificationBlocked(by: attribute)))
        #expect(Self.outcome(.vitaleApplicationRead(Self.ins, traits: Self.traits), blocked).0 == .refused(.qualificationBlocked(by: attribute)))
        #expect(Self.outcome(.attributeSet(other), blocked).0 == .refused(.incompatibleAttributes(other, attribute)))
        #expect(Self.outcome(.attributeSet(attribute), blocked).0 == .refused(.attributeAlreadySet(attribute)))
        // A document check is recorded but cannot lift the status; homonym attributes combine.
        #expect(Self.outcome(.documentChecked(Self.passport), blocked).0 == .to(.provisional))
        #expect(Self.outcome(.attributeSet(.homonymConfirmed), blocked).0 == .to(.provisional))
        // Removing the attribute gives back the status the facts support.
        #expect(Self.outcome(.attributeRemoved(attribute), blocked).0 == .to(base))
    }

    @Test func correctedBirthDateForbidsRecupAndQual() throws {
        let (corrected, _) = try IdentityLifecycle.apply(
            .birthDateCorrectedTo(try BirthDate("2009-07-01")), to: Self.identity(.qualified), actor: "cell", at: Self.t0,
            reason: "rule 9")
        #expect(corrected.status == .validated)
        #expect(corrected.birthDateCorrected)
        #expect(corrected.traits.birthDate.iso == "2009-07-01")
        #expect(corrected.ins == nil && corrected.insHistory.first == Self.ins)  // set aside, not lost
        #expect(Self.outcome(.insiResultAccepted(Self.ins, history: []), corrected).0 == .refused(.birthDateWasCorrected))
        #expect(!corrected.mayCallINSi)
        #expect(!PID32.encode(corrected).sendsINS)
    }

    @Test func insiAcceptanceKeepsHistoryAndNIAToNIR() throws {
        // PROVISOIRE MATRICULE (CNDA TEST_2.05): NIA first, then a NIR replaces it (PAM FR §4.4.1).
        let nia = INS(matricule: try Matricule("109076322088835"), authority: .nia)
        let (withNIA, _) = try IdentityLifecycle.apply(
            .insiResultAccepted(nia, history: []), to: Self.identity(.validated), actor: "insi", at: Self.t0, reason: "CR 00")
        #expect(withNIA.status == .qualified && withNIA.ins?.authority == .nia)
        let (withNIR, _) = try IdentityLifecycle.apply(
            .insiIdentityAccepted(Self.ins, history: Self.history, traits: Self.traits), to: withNIA, actor: "insi", at: Self.t0,
            reason: "CR 00")
        #expect(withNIR.ins == Self.ins)
        #expect(withNIR.insHistory == Self.history + [nia])
    }

    @Test func replacingTraitsWithTheSameValuesChangesNothing() throws {
        let (same, audit) = try IdentityLifecycle.apply(
            .strictTraitsReplaced(Self.traits), to: Self.identity(.qualified), actor: "cell", at: Self.t0, reason: "no-op")
        #expect(same.status == .qualified && same.ins == Self.ins)
        #expect(audit.statusBefore == audit.statusAfter)
        var edited = Self.traits
        edited.firstNames = ["PIERRE"]
        let (demoted, _) = try IdentityLifecycle.apply(
            .strictTraitsReplaced(edited), to: Self.identity(.recovered), actor: "cell", at: Self.t0, reason: "typo")
        #expect(demoted.status == .provisional && demoted.traits.firstNames == ["PIERRE"])
    }

    @Test func specialCaseDocumentsNeedAttestation() {
        let bare = DocumentCheck(type: .familyRecordBook)
        #expect(Self.outcome(.documentChecked(bare), Self.identity(.provisional)).0 == .refused(.documentNotHighTrust(.familyRecordBook)))
        let attested = DocumentCheck(type: .familyRecordBook, specialCaseAttested: true)
        #expect(Self.outcome(.documentChecked(attested), Self.identity(.provisional)).0 == .to(.validated))
    }

    @Test func actorIsRequiredAndAuditHoldsNoTraits() throws {
        #expect(throws: TransitionError.missingActor) {
            try IdentityLifecycle.apply(.strictTraitEdited, to: Self.identity(.provisional), actor: " ", at: Self.t0, reason: "x")
        }
        let (_, audit) = try IdentityLifecycle.apply(
            .insiResultAccepted(Self.ins, history: Self.history), to: Self.identity(.provisional), actor: "a", at: Self.t0, reason: "r")
        let json = String(decoding: try JSONEncoder().encode(audit), as: UTF8.self)
        #expect(!json.contains("ECETINSI") && !json.contains("1090763220834") && !json.contains("2009"))
        #expect(audit.detail == "NIR" && audit.hasINS && !audit.hadINS)
    }
}
