import VigieIdentity

/// RNIV EXI SI 08 and PAM FR p.36: an INS leaves the référentiel only for a qualified identity, on every channel
/// (HL7 answers, PDQ, JSON, the web workspace, outbound feeds). Every view built for the outside goes through here.
public enum RISharePolicy {
    /// The INS that may be shared for this identity: its INS when QUAL, else nil.
    public static func sharedINS(of identity: Identity) -> INS? {
        identity.mayShareINS ? identity.ins : nil
    }

    /// The identity as it may leave the RI: without its INS (nor its INS history) unless QUAL.
    public static func shareable(_ identity: Identity) -> Identity {
        guard !identity.mayShareINS else { return identity }
        var copy = identity
        copy.ins = nil
        copy.insHistory = []
        return copy
    }
}
