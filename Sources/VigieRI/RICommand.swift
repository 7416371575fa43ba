import Foundation
import VigieIdentity
import VigieStore

/// A way to designate an identity: its RI id, or local identifiers (the first that is bound wins), or an INS.
public enum RIIdentityRef: Sendable, Hashable {
    case id(String)
    case localIDs([LocalIdentifier])
    /// The identity holding this INS matricule (PAM FR §4.4.3: an A47's MRG may name the INS).
    case ins(String)
}

/// What a sender or an operator says about an identity: the claimed identity (traits, used names, INS,
/// attributes, the status it claims) and the evidence it brings. The RI never stores the claimed status as
/// such: the status follows from the evidence through the RNIV status machine.
public struct RIRecord: Sendable, Hashable {
    /// The identity as sent. Its `status` is the sender's claim; `ins` is present only when the sender's INS may
    /// be integrated (PAM FR: PID-32 `VALI`, no corrected birth date).
    public var identity: Identity
    /// The local identifiers (IPP) that key it.
    public var localIDs: [LocalIdentifier]
    /// The request deletes every INS (PAM FR A47 with `""` in PID-3).
    public var deletesINS: Bool
    /// The evidence behind the claimed status.
    public var evidence: RIEvidence
    /// A claim the evidence does not support (a status, an INS without INSi evidence) is refused with an
    /// `RIError` (JSON, the web workspace); when false it is dropped with a notice and the rest is integrated
    /// (HL7: PAM FR integrates the identity without what cannot be integrated, and warns).
    public var refusesUnsupportedClaims: Bool

    public init(
        identity: Identity, localIDs: [LocalIdentifier], deletesINS: Bool = false, evidence: RIEvidence = RIEvidence(),
        refusesUnsupportedClaims: Bool = true
    ) {
        self.identity = identity
        self.localIDs = localIDs
        self.deletesINS = deletesINS
        self.evidence = evidence
        self.refusesUnsupportedClaims = refusesUnsupportedClaims
    }
}

/// The evidence a record brings for its status.
public struct RIEvidence: Sendable, Hashable {
    /// A high-trust document check (type, who, when), or nil.
    public var document: DocumentCheck?
    /// A sender's word that it validated the identity (PID-32 `VALI` without ZFD-7): the application.
    public var documentAttestedBy: String?
    /// Where the INS and the traits sent with it come from, or nil (then an INS is not integrated).
    public var insi: RIINSiEvidence?
    /// The sender no longer vouches for the identity's validation (HL7: PID-32 without `VALI`): a document check
    /// that rests on a sender's word (`documentAttestedBy`, or a sender's ZFD-7) is withdrawn. A check the RI
    /// recorded itself (an operator, with who and when) stays.
    public var withdrawsSenderDocument: Bool = false

    public init(document: DocumentCheck? = nil, documentAttestedBy: String? = nil, insi: RIINSiEvidence? = nil) {
        self.document = document
        self.documentAttestedBy = documentAttestedBy
        self.insi = insi
    }
}

/// The origin of an INS and of the strict traits that came with it.
public enum RIINSiEvidence: Sendable, Hashable {
    /// The sender qualified it against INSi and sends it under PID-32 `VALI` (PAM FR p.36), with the INSi call's
    /// date when it gave ZFD-6.
    case sender(application: String, queriedOn: String?)
    /// An INSi answer obtained by the RI or by an operator (the call's date).
    case teleservice(queriedOn: String?)
}

/// An identifier change (PAM FR A47): obsolete identifiers replaced by new ones, the INS changed or deleted.
public struct RIIdentifierChange: Sendable, Hashable {
    /// The obsolete local identifiers (MRG-1 local repetitions).
    public var prior: [LocalIdentifier]
    /// The obsolete INS matricules (MRG-1 INS repetitions), to find the patient when no local id is given.
    public var priorINS: [String]
    /// The new state of the identity (PID).
    public var record: RIRecord

    public init(prior: [LocalIdentifier], priorINS: [String] = [], record: RIRecord) {
        self.prior = prior
        self.priorINS = priorINS
        self.record = record
    }
}

/// The cell's decision on a review item.
public enum RIReviewDecision: Sendable, Hashable {
    /// Same patient: merge `mergedAway` into `survivor` (both ids of the item).
    case merge(survivor: String)
    /// Different patients: the pair never comes back to review and the live index knows it.
    case notDuplicate
    /// Decide later: the item stays open (journaled).
    case deferred
    /// Different patients with near-identical traits (homonyms): HOMD set on both (PAM FR table 0445).
    case homonym
    /// Homonyms confirmed by the cell: HOMA set on both.
    case homonymConfirmed
    /// A collision confirmed (handled outside) or refuted.
    case collisionConfirmed
    case noCollision
}

/// A demographic search (PDQ, JSON `search`, the web workspace).
public struct RISearchQuery: Sendable, Hashable {
    public var birthName: String
    public var firstNames: String
    public var sex: String
    /// `YYYY-MM-DD` (00 for an unknown month or day) or empty.
    public var birthDate: String
    public var birthPlace: String
    public var usedName: String
    public var ins: String

    public init(
        birthName: String = "", firstNames: String = "", sex: String = "", birthDate: String = "", birthPlace: String = "",
        usedName: String = "", ins: String = ""
    ) {
        self.birthName = birthName
        self.firstNames = firstNames
        self.sex = sex
        self.birthDate = birthDate
        self.birthPlace = birthPlace
        self.usedName = usedName
        self.ins = ins
    }
}

/// What an INSi qualification returned, to apply through the status machine (`RICommand.qualify`).
public enum RIQualificationResult: Sendable, Hashable {
    /// INSi returned one identity (CR 00) and its traits were compared with the person's and accepted.
    case accepted(ins: INS, history: [INS], traits: StrictTraits, queriedOn: String?)
    /// INSi found nobody, several identities, or traits that do not fit: the identity keeps its status.
    case refused(reason: String)
}

/// A write command to the référentiel.
public enum RICommand: Sendable, Hashable {
    /// Creates the identity its local identifiers do not designate yet, or updates the one they designate
    /// (PAM FR A28/A31, JSON `upsert`).
    case upsert(RIRecord)
    /// Creates an identity; refused with `conflict` when a local identifier is already bound.
    case create(RIRecord)
    /// Updates the designated identity (the web workspace's edit); refused with `notFound` when unknown.
    case update(RIIdentityRef, RIRecord)
    /// Merges `mergedAway` into `survivor` (A40, JSON `merge`); the record, when given, updates the survivor.
    case merge(survivor: RIIdentityRef, mergedAway: RIIdentityRef, record: RIRecord?)
    /// Undoes a merge from the journal: the merged-away identity comes back with its identifiers and reviews.
    case unmerge(mergedAway: String)
    /// Links (A24) or unlinks (A37) two identities.
    case link(RIIdentityRef, RIIdentityRef)
    case unlink(RIIdentityRef, RIIdentityRef)
    /// Replaces obsolete identifiers and changes or deletes the INS (A47). Never creates an identity.
    case changeIdentifiers(RIIdentifierChange)
    /// Applies a document check and an INSi result to an identity through the status machine.
    case qualify(identityID: String, document: DocumentCheck, result: RIQualificationResult)
    /// The periodic re-check of a QUAL identity against INSi (`vigie ri verify`): confirmed, it stays QUAL;
    /// otherwise the INSi link is broken (the INS is set aside, QUAL falls to VALI). Journaled either way.
    case verify(identityID: String, result: RIQualificationResult)
    /// Resolves a review item.
    case resolveReview(item: Int64, decision: RIReviewDecision)

    /// The journal's event code when the adapter gives none.
    public var name: String {
        switch self {
        case .upsert: "upsert"
        case .create: "create"
        case .update: "update"
        case .merge: "merge"
        case .unmerge: "unmerge"
        case .link: "link"
        case .unlink: "unlink"
        case .changeIdentifiers: "change-identifiers"
        case .qualify: "qualify"
        case .verify: "verify"
        case .resolveReview: "resolve-review"
        }
    }
}
