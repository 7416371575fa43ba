/// Why an event is not allowed on an identity in its current state. Nothing is changed.
public enum TransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// DOUT or FICT is set: the status must stay provisional and INSi must not be called (EXI SI 09).
    case qualificationBlocked(by: IdentityAttribute)
    /// The birth date was corrected: the identity cannot be RECUP or QUAL (PAM FR §6.6.4).
    case birthDateWasCorrected
    /// FICT and DOUT cannot be combined (RNIV 1 v2.0 §3.2.3).
    case incompatibleAttributes(IdentityAttribute, IdentityAttribute)
    /// The attribute is already set.
    case attributeAlreadySet(IdentityAttribute)
    /// The attribute is not set.
    case attributeNotSet(IdentityAttribute)
    /// The document cannot validate an identity (not high-trust, or a special case not attested).
    case documentNotHighTrust(IdentityDocumentType)
    /// There is no INS to delete.
    case noINS
    /// There is no high-trust document check to withdraw.
    case noDocumentCheck
    /// The event has no actor: every change must say who made it.
    case missingActor

    public var description: String {
        switch self {
        case .qualificationBlocked(let a):
            return "transition refused: attribute \(a.rawValue) keeps the identity provisional and forbids INSi"
        case .birthDateWasCorrected:
            return "transition refused: the birth date was corrected, the identity cannot be RECUP or QUAL"
        case .incompatibleAttributes(let a, let b):
            return "transition refused: attributes \(a.rawValue) and \(b.rawValue) cannot be combined"
        case .attributeAlreadySet(let a): return "transition refused: attribute \(a.rawValue) is already set"
        case .attributeNotSet(let a): return "transition refused: attribute \(a.rawValue) is not set"
        case .documentNotHighTrust(let t):
            return "transition refused: document type \(t.rawValue) is not a high-trust identification device"
        case .noINS: return "transition refused: the identity has no INS"
        case .noDocumentCheck: return "transition refused: the identity has no high-trust document check"
        case .missingActor: return "transition refused: no actor given"
        }
    }
}
