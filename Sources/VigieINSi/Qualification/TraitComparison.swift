import VigieIdentity

/// Compares the traits INSi returned with the local ones: the "comparaison avec succès" that RECUP and
/// QUAL require (research brief §3.1). Exact in INS form, with two tolerances the doctrine implies:
/// - first names: one list must be the other in order with names left out (CNDA 2.07 cas 1: local
///   `OLA CATARINA BELLA`, INSi `CATARINA BELLA`; a local record holding only the first birth first name);
/// - birth date: a local `00` day or month (unknown) accepts INSi's value; birth place: the same place
///   through the COG's history, and no local place accepts INSi's.
public enum TraitComparison {
    /// The strict traits that differ (field names of the batch contract), empty when coherent.
    public static func differences(local: StrictTraits, returned: StrictTraits, cog: COG = .shared) -> [String] {
        var fields: [String] = []
        if local.birthName != returned.birthName { fields.append("birth_name") }
        if !isOrderedSubsequence(local.firstNames, of: returned.firstNames) && !isOrderedSubsequence(returned.firstNames, of: local.firstNames) {
            fields.append("first_names")
        }
        if local.sex != returned.sex { fields.append("sex") }
        let a = local.birthDate
        let b = returned.birthDate
        if a.year != b.year || (a.month != 0 && a.month != b.month) || (a.day != 0 && a.day != b.day) { fields.append("birth_date") }
        if let mine = local.birthPlace, let theirs = returned.birthPlace, mine != theirs, !cog.samePlace(mine, theirs) {
            fields.append("birth_place")
        }
        return fields
    }

    /// Whether every name of `short` appears in `long`, in the same order (and `short` is not empty).
    static func isOrderedSubsequence(_ short: [String], of long: [String]) -> Bool {
        guard !short.isEmpty else { return false }
        var it = long.makeIterator()
        for name in short {
            var found = false
            while !found, let next = it.next() { found = next == name }
            if !found { return false }
        }
        return true
    }
}
