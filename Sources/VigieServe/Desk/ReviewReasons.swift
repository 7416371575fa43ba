import VigieStore

/// The French labels of the review reasons (the store decodes the reasons, typed: `ReviewItem.reasons`).
public enum ReviewReasons {
    /// French label of a reason.
    public static func label(_ reason: ReviewReason) -> String {
        switch reason {
        case .sameINS: "Même INS"
        case .insCollision: "Même INS, traits incohérents"
        case .conflictingINS: "INS différents"
        case .updateIncoherentWithStoredTraits: "Mise à jour incohérente avec les traits"
        case .firstNamesDiffer: "Prénoms différents"
        case .laterFirstNamesDiffer: "Prénoms suivants différents"
        case .birthDatesDiffer: "Dates de naissance différentes"
        case .birthDateMissing: "Date de naissance absente"
        case .birthNamesDiffer: "Noms de naissance différents"
        case .birthPlacesDiffer: "Lieux de naissance différents"
        case .sexDiffers: "Sexes différents"
        case .usedNamesDiffer: "Noms utilisés différents"
        case .possibleTwins: "Jumeaux possibles"
        case .clusterConflict: "Conflit de regroupement"
        case .ambiguousRecord: "Enregistrement ambigu"
        }
    }

    /// The reasons the queue filters offer, in this order (the two batch-only alerts are left out).
    public static let known: [ReviewReason] = [
        .sameINS, .insCollision, .conflictingINS, .updateIncoherentWithStoredTraits, .firstNamesDiffer,
        .laterFirstNamesDiffer, .birthDatesDiffer, .birthDateMissing, .birthNamesDiffer, .birthPlacesDiffer,
        .sexDiffers, .usedNamesDiffer, .possibleTwins,
    ]
}
