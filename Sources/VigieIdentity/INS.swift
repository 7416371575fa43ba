/// An INS identifier: a matricule and the OID of its authority (NIR, NIA, test or demonstration).
///
/// The strict traits that must travel with it live in ``StrictTraits``; an INS is never shared without them.
public struct INS: Sendable, Hashable, Codable {
    /// The 13 characters and the key.
    public var matricule: Matricule
    /// Who assigned it (the OID).
    public var authority: INSAuthority

    /// Creates an INS from a checked matricule and its authority.
    public init(matricule: Matricule, authority: INSAuthority) {
        self.matricule = matricule
        self.authority = authority
    }

    /// True when the OID is a production one (NIR or NIA).
    public var isProduction: Bool { authority.isProduction }
}
