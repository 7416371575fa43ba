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

    /// Parses a matricule (15 characters) and an OID (with or without `urn:oid:`).
    public init(_ fifteen: some StringProtocol, oid: some StringProtocol) throws(INSError) {
        guard let authority = INSAuthority(oid: oid) else { throw .unknownAuthority }
        do {
            self.init(matricule: try Matricule(fifteen), authority: authority)
        } catch {
            throw .matricule(error)
        }
    }

    /// True when the OID is a production one (NIR or NIA).
    public var isProduction: Bool { authority.isProduction }
}

/// Why an INS (matricule + OID) was refused. Descriptions never repeat the matricule.
public enum INSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The matricule is malformed or its key is wrong.
    case matricule(MatriculeError)
    /// The OID is not one of the INS authorities (…4.8, …4.9, …4.10, …4.11).
    case unknownAuthority

    public var description: String {
        switch self {
        case .matricule(let error): return error.description
        case .unknownAuthority: return "INS: the OID is not an INS authority (NIR, NIA, test or demo)"
        }
    }
}
