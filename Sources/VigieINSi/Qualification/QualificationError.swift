import VigieIdentity

/// Why a qualification did not complete. The identity is unchanged whenever one is thrown.
/// Descriptions name fields and codes, never trait values.
public enum QualificationError: Error, Sendable, CustomStringConvertible {
    /// The identity carries an attribute that forbids calling INSi (DOUT or FICT, EXI SI 09).
    case blocked(IdentityAttribute)
    /// The birth date was corrected (rules 9/10): the identity cannot be RECUP or QUAL (PAM FR §6.6.4).
    case birthDateCorrected
    /// The call to INSi failed (local trait check, transport, fault).
    case client(INSiClientError)
    /// INSi answered `00` with a value that cannot be stored (element named).
    case invalidAnswer(field: String)
    /// The identity layer refused the status change.
    case transition(String)

    public var description: String {
        switch self {
        case .blocked(let a): return "qualification: identity has attribute \(a.rawValue); INSi calls are blocked"
        case .birthDateCorrected: return "qualification: corrected birth date; the identity cannot be recovered or qualified"
        case .client(let e): return "qualification: \(e)"
        case .invalidAnswer(let f): return "qualification: INSi answer has an invalid \(f)"
        case .transition(let t): return "qualification: status change refused (\(t))"
        }
    }
}
