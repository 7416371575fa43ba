/// Coherence checks between a matricule and the strict traits: what the identitovigilance cell should look
/// at. They are warnings, never errors: INSi is the authority, and registration rules have exceptions
/// (people born abroad, late registration, changes of sex, place codes changed since birth).
public enum MatriculeCoherence {
    /// One point where the matricule and the traits disagree. Descriptions hold no trait value.
    public enum Warning: Sendable, Hashable, CustomStringConvertible {
        /// The sex digit (1/2, 7/8) and the sex trait disagree.
        case sexMismatch
        /// The sex digit is neither 1, 2, 7 nor 8.
        case unusualSexDigit
        /// The 2-digit year differs from the birth date's year.
        case yearMismatch
        /// The month (01–12) differs from the birth date's month.
        case monthMismatch
        /// The month code has no published meaning (00, 13–19, 43–49).
        case monthOutOfRange
        /// The matricule says born abroad and the birth place is a French commune, or the reverse.
        case abroadMismatch
        /// The countries differ (both born abroad).
        case countryMismatch
        /// The department differs and the COG does not relate the two codes through history.
        case departmentMismatch
        /// Same department, but the commune differs and the COG does not relate the two codes.
        case communeMismatch

        public var description: String {
            switch self {
            case .sexMismatch: return "the matricule's sex digit does not match the sex trait"
            case .unusualSexDigit: return "the matricule's sex digit is not 1, 2, 7 or 8"
            case .yearMismatch: return "the matricule's year does not match the birth date"
            case .monthMismatch: return "the matricule's month does not match the birth date"
            case .monthOutOfRange: return "the matricule's month code has no published meaning"
            case .abroadMismatch: return "the matricule and the birth place disagree on birth abroad"
            case .countryMismatch: return "the matricule's country code does not match the birth place"
            case .departmentMismatch: return "the matricule's department does not match the birth place"
            case .communeMismatch: return "the matricule's commune does not match the birth place"
            }
        }
    }

    /// The warnings for a matricule against the traits, in a stable order (empty when coherent).
    /// Unknown parts (sex `U`, month or day `00`, an unknown-month code, no birth place) are not compared.
    public static func check(_ matricule: Matricule, against traits: StrictTraits, cog: COG? = nil) -> [Warning] {
        var warnings: [Warning] = []
        let parts = matricule.parts
        if parts.sex == .unknown {
            warnings.append(.unusualSexDigit)
        } else if traits.sex != .unknown && traits.sex != parts.sex {
            warnings.append(.sexMismatch)
        }
        if traits.birthDate.year % 100 != parts.year {
            warnings.append(.yearMismatch)
        }
        switch parts.month {
        case .known(let month):
            if (1...12).contains(traits.birthDate.month) && traits.birthDate.month != month {
                warnings.append(.monthMismatch)
            }
        case .outOfRange:
            warnings.append(.monthOutOfRange)
        case .unknown, .incompleteCivilStatusAct:
            break
        }
        if let place = traits.birthPlace, !place.isUnknown {
            warnings += placeWarnings(parts.place, place, cog: cog ?? COG.shared)
        }
        return warnings
    }

    static func placeWarnings(_ field: MatriculePlace, _ place: BirthPlace, cog: COG) -> [Warning] {
        let fieldCode = field.cogCode
        if fieldCode == place.code { return [] }
        switch field {
        case .abroad:
            return place.isAbroad ? [.countryMismatch] : [.abroadMismatch]
        case .france(let department, _):
            // People born in French Algeria before 1962 were registered with departments 91–94 (research
            // file §1.2); their birth place today is the country code of Algeria, 99352.
            if place.code == "99352" && ["91", "92", "93", "94"].contains(department) { return [] }
            if place.isAbroad { return [.abroadMismatch] }
            if let fieldPlace = try? BirthPlace(fieldCode), cog.samePlace(fieldPlace, place) { return [] }
            return field.department == place.department ? [.communeMismatch] : [.departmentMismatch]
        case .overseas:
            if place.isAbroad { return [.abroadMismatch] }
            // The matricule holds the code at registration, the trait the code at birth (normally the same);
            // either may be an older code of the same place.
            if let fieldPlace = try? BirthPlace(fieldCode), cog.samePlace(fieldPlace, place) { return [] }
            return field.department == place.department ? [.communeMismatch] : [.departmentMismatch]
        }
    }
}
