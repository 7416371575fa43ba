import VigieIdentity

extension RawRecord {
    /// The matching view of an RI identity (the batch contract's columns), keyed by its RI id.
    init(identity: Identity, id: String) {
        let traits = identity.traits
        self.init(
            id: id, birthName: traits.birthName, firstNames: traits.firstNamesList, sex: traits.sex.rawValue,
            birthDate: traits.birthDate.iso, birthPlace: traits.birthPlace?.code ?? "", usedName: identity.usedName ?? "",
            ins: identity.ins?.matricule.value ?? "")
    }
}
