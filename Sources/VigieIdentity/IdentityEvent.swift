/// What happens to an identity, as the RNIV status machine (``IdentityLifecycle``) sees it.
public enum IdentityEvent: Sendable, Hashable {
    /// The traits were checked for coherence against an identity document (its type says how far it is trusted).
    case documentChecked(DocumentCheck)
    /// A sender declared the identity validated (PAM FR PID-32 `VALI`) without naming the document: the
    /// high-trust document check rests on its word (the application is kept).
    case documentAttested(by: String)
    /// An INSi answer (CR 00) was compared successfully with the person and accepted: the active INS and
    /// INSi's history (INSHISTO). The caller has set the strict traits to the ones INSi returned.
    case insiResultAccepted(INS, history: [INS])
    /// Same, and the strict traits are replaced by the ones INSi returned (`TIQ`).
    case insiIdentityAccepted(INS, history: [INS], traits: StrictTraits)
    /// The identity (INS and traits) was read from the Application carte Vitale: qualified without an INSi
    /// call (FR Core method `AV`, quoting RNIV 1 v2.0 §4.3.4).
    case vitaleApplicationRead(INS, traits: StrictTraits)
    /// A periodic INSi check no longer confirms the INS with the stored traits: the INSi link is broken (the INS
    /// is set aside in the history, QUAL falls to VALI, RECUP to PROV).
    case insiVerificationFailed
    /// A periodic INSi check confirmed the INS and the stored traits (no change; journaled).
    case insiVerified
    /// A strict trait was edited locally (the caller changed ``Identity/traits``).
    case strictTraitEdited
    /// The strict traits are replaced by these (edited locally); no effect when they are equal.
    case strictTraitsReplaced(StrictTraits)
    /// An attribute was set.
    case attributeSet(IdentityAttribute)
    /// An attribute was removed.
    case attributeRemoved(IdentityAttribute)
    /// The INS was found wrongly attributed and is deleted with its history (PAM FR §4.4.3).
    case insDeleted
    /// The high-trust document check is withdrawn (e.g. found erroneous).
    case documentCheckWithdrawn
    /// The birth date had to be corrected (PAM FR ZFD-4, INS guide rules 9 and 10): the identity cannot be
    /// RECUP or QUAL and the INS cannot be sent.
    case birthDateCorrected
    /// Same, with the corrected date.
    case birthDateCorrectedTo(BirthDate)

    /// A short, trait-free name for journals: `documentChecked`, `insiResultAccepted`…
    public var name: String {
        switch self {
        case .documentChecked: return "documentChecked"
        case .documentAttested: return "documentAttested"
        case .insiResultAccepted: return "insiResultAccepted"
        case .insiIdentityAccepted: return "insiIdentityAccepted"
        case .vitaleApplicationRead: return "vitaleApplicationRead"
        case .strictTraitEdited: return "strictTraitEdited"
        case .insiVerificationFailed: return "insiVerificationFailed"
        case .insiVerified: return "insiVerified"
        case .strictTraitsReplaced: return "strictTraitsReplaced"
        case .attributeSet: return "attributeSet"
        case .attributeRemoved: return "attributeRemoved"
        case .insDeleted: return "insDeleted"
        case .documentCheckWithdrawn: return "documentCheckWithdrawn"
        case .birthDateCorrected, .birthDateCorrectedTo: return "birthDateCorrected"
        }
    }

    /// Trait-free detail for journals (document type, attribute code, INS authority).
    public var detail: String? {
        switch self {
        case .documentChecked(let check): return check.type.rawValue
        case .insiResultAccepted(let ins, _), .insiIdentityAccepted(let ins, _, _), .vitaleApplicationRead(let ins, _):
            return ins.authority.shortName
        case .attributeSet(let a), .attributeRemoved(let a): return a.rawValue
        default: return nil
        }
    }
}
