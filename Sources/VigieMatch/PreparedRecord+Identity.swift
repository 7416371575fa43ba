import VigieIdentity

extension PreparedRecord {
    /// Keys an RI identity for matching, straight from its typed traits: the date, place, sex and INS are taken
    /// as values (no text written and read again); only the names go through the INS-form normalisation, which
    /// is their matching form. Gives the same record as the batch contract's columns would (a test checks it).
    public init(identity: Identity, id: String, shared: SharedPreparationCache? = nil) throws(RecordError) {
        self.id = id
        self.line = 0
        let traits = identity.traits
        var cache = PreparationCache(shared: shared)
        func fail(_ field: RecordError.Field, _ reason: String) -> RecordError {
            RecordError(id: id, line: 0, field: field, reason: reason)
        }
        do { birthName = try cache.name(traits.birthName) } catch { throw fail(.birthName, error.description) }
        do { usedName = try cache.name(identity.usedName ?? "") } catch { throw fail(.usedName, error.description) }
        do { firstNames = try cache.firstNames(traits.firstNamesList) } catch { throw fail(.firstNames, error.description) }
        let date = traits.birthDate
        birthDate = PreparedDate(year: date.year, month: date.month, day: date.day)
        birthPlace = traits.birthPlace.flatMap { PreparedPlace($0) }
        sex = traits.sex
        ins = identity.ins.map { FieldHash.string($0.matricule.value) } ?? 0
    }
}
