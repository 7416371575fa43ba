import VigieIdentity

/// What INSi returned with a `00`, checked and typed: the INS, its history and the strict traits.
public struct ReturnedIdentity: Sendable, Hashable {
    /// The active INS (NIR or NIA by its OID).
    public var ins: INS
    /// `INSHISTO`, in order, without the active INS when the service repeats it.
    public var history: [INS]
    /// The traits as returned (they become the identity's strict traits).
    public var traits: StrictTraits

    /// Reads an `INDIVIDU`; any value that is not a valid matricule, a known OID or a valid trait is an
    /// error naming the element (e.g. the CNDA's TEST_2.08 cas 2, whose keys fail the mod-97 check).
    public init(_ individual: INSiIndividual) throws(QualificationError) {
        ins = try Self.ins(individual.active, path: "INSACTIF")
        var history: [INS] = []
        for (i, h) in individual.history.enumerated() {
            let old = try Self.ins(h, path: "INSHISTO[\(i + 1)]")
            if old != ins && !history.contains(old) { history.append(old) }
        }
        self.history = history
        let t = individual.traits
        guard let name = t.birthName, TraitSyntax.isName(name) else { throw .invalidAnswer(field: "TIQ/NomNaissance") }
        let list = (t.firstNames ?? t.firstName ?? "").split(separator: " ").map(String.init)
        guard !list.isEmpty, list.allSatisfy({ TraitSyntax.isName($0) }) else { throw .invalidAnswer(field: "TIQ/ListePrenom") }
        if let first = t.firstName, first != list[0] { throw .invalidAnswer(field: "TIQ/Prenom") }
        let sex: Sex
        switch t.sex {
        case "M": sex = .male
        case "F": sex = .female
        default: throw .invalidAnswer(field: "TIQ/Sexe")
        }
        guard let dateText = t.birthDate, let date = try? BirthDate(dateText) else { throw .invalidAnswer(field: "TIQ/DateNaissance") }
        var place: BirthPlace?
        if let p = t.birthPlace {
            guard let parsed = try? BirthPlace(p) else { throw .invalidAnswer(field: "TIQ/LieuNaissance") }
            place = parsed
        }
        traits = StrictTraits(birthName: name, firstNames: list, sex: sex, birthDate: date, birthPlace: place)
    }

    static func ins(_ r: INSRecord, path: String) throws(QualificationError) -> INS {
        guard let key = r.key else { throw .invalidAnswer(field: "\(path)/IdIndividu/Cle") }
        let matricule: Matricule
        do { matricule = try Matricule(number: r.number, key: key) } catch { throw .invalidAnswer(field: "\(path)/IdIndividu") }
        guard let authority = INSAuthority(rawValue: r.oid) else { throw .invalidAnswer(field: "\(path)/OID") }
        return INS(matricule: matricule, authority: authority)
    }
}
