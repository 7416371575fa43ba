import VigieRI
import VigieStore

/// How sure a `$match` candidate is: the `match-grade` extension's codes (FHIR R4, `match-grade` value set).
public enum MatchGrade: String, Sendable, Hashable, CaseIterable {
    case certain, probable, possible
    case certainlyNot = "certainly-not"
}

/// One `$match` candidate.
public struct PatientMatch: Sendable, Hashable {
    public var identity: StoredIdentity
    /// 0…1, higher is more likely the same person (`Bundle.entry.search.score`).
    public var score: Double
    public var grade: MatchGrade

    public init(identity: StoredIdentity, score: Double, grade: MatchGrade) {
        self.identity = identity
        self.score = score
        self.grade = grade
    }
}

/// What the FHIR endpoint reads patients from: the RI's get, search and match with its share policy
/// (`RIPatientDirectory`). The FHIR functions do not know where the data lives; the server passes an
/// implementation. `actor` is who reads (journaled by the RI when it is a person or a system's token).
public protocol PatientDirectory: Sendable {
    /// The identity `id`; when it was merged away, the survivor's id in `mergedInto` (the identity itself may be
    /// nil then). Nil when no identity has this id.
    func patient(id: String, by actor: RIActor) throws -> (identity: StoredIdentity?, mergedInto: String?)?
    /// Active identities meeting every criterion of `query`, at most `limit`.
    func search(_ query: PatientQuery, limit: Int, by actor: RIActor) throws -> [StoredIdentity]
    /// Candidates for `query`, best first, at most `limit`.
    func match(_ query: PatientQuery, limit: Int, by actor: RIActor) throws -> [PatientMatch]
}
