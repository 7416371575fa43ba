import VigieIdentity

/// Turns a person into records: copies of the qualified identity, or entries typed at a registration desk with
/// the profile's errors.
struct RecordTyping: Sendable {
    let factory: PersonFactory
    /// Rates by ``ErrorKind/order``.
    let rates: [Rate]
    let qualifiedRate: Rate
    let partialAsJanuaryFirstRate: Rate

    init(factory: PersonFactory) {
        self.factory = factory
        rates = ErrorKind.ordered.map { Rate(factory.profile.rate(of: $0)) }
        qualifiedRate = Rate(factory.profile.qualifiedRecordShare)
        partialAsJanuaryFirstRate = Rate(factory.profile.partialBirthDateTypedAsJanuaryFirst)
    }

    private func roll(_ kind: ErrorKind, _ random: inout CorpusRandom) -> Bool { random.chance(rates[kind.order]) }

    /// One record of `person` (id left empty: ids are given once records are shuffled).
    func record(of person: SyntheticPerson, insForms: inout InsForms?, _ random: inout CorpusRandom) -> (RawRecord, ErrorSet, Bool) {
        if random.chance(qualifiedRate) {
            let forms = insForms ?? InsForms(person)
            insForms = forms
            return (
                RawRecord(
                    id: "", birthName: forms.birthName, firstNames: forms.firstNames, sex: person.sexCode,
                    birthDate: person.birthDate, birthPlace: person.birthPlace, usedName: forms.usedName,
                    ins: person.matricule),
                ErrorSet(), true
            )
        }
        var errors = ErrorSet()
        let r = typed(person, &errors, &random)
        return (r, errors, false)
    }

    /// A record typed at a desk: capitals with accents as on the identity document, then errors.
    func typed(_ person: SyntheticPerson, _ errors: inout ErrorSet, _ random: inout CorpusRandom) -> RawRecord {
        var birthName = person.birthName
        var usedName = person.usedName ?? ""
        var firstNames = person.firstNames

        // Used name in the birth-name field, or a marital marker glued to the name.
        if let used = person.usedName {
            if roll(.usedNameAsBirthName, &random) {
                birthName = used
                if random.below(2) == 0 { usedName = "" }
                errors.insert(.usedNameAsBirthName)
            } else if roll(.maritalMarker, &random) {
                let accents = random.below(2) == 0
                switch random.below(4) {
                case 0: birthName = person.birthName + " EP " + used
                case 1: birthName = person.birthName + (accents ? " ÉPOUSE " : " EPOUSE ") + used
                case 2: birthName = used + (accents ? " NÉE " : " NEE ") + person.birthName
                default: birthName = person.birthName + " VVE " + used
                }
                errors.insert(.maritalMarker)
            }
        }
        if let parts = person.doubleNameParts, birthName == person.birthName, roll(.doubleNamePart, &random) {
            switch random.below(3) {
            case 0: birthName = parts[0]
            case 1: birthName = parts[0] + "--" + parts[1]
            default: birthName = parts[0] + "-" + parts[1]
            }
            errors.insert(.doubleNamePart)
        }
        if roll(.particleVariant, &random), let v = NameVariants.particle(birthName, &random) {
            birthName = v
            errors.insert(.particleVariant)
        }
        if roll(.saintVariant, &random), let v = NameVariants.saint(birthName, &random) {
            birthName = v
            errors.insert(.saintVariant)
        }

        // First names.
        if firstNames.count > 1 && roll(.otherFirstNamesMissing, &random) {
            firstNames = [firstNames[0]]
            errors.insert(.otherFirstNamesMissing)
        }
        if firstNames[0].contains("-") && roll(.compoundFirstPart, &random) {
            firstNames[0] = String(firstNames[0].split(separator: "-")[0])
            errors.insert(.compoundFirstPart)
        } else if roll(.compoundSeparator, &random) {
            if firstNames[0].contains("-") {
                firstNames[0] = firstNames[0].replacingHyphensWithSpaces()
                errors.insert(.compoundSeparator)
            } else if firstNames.count > 1 {
                firstNames = [firstNames[0] + "-" + firstNames[1]] + firstNames.dropFirst(2)
                errors.insert(.compoundSeparator)
            }
        }
        var firstNamesField = firstNames.joined(separator: " ")

        // Spelling: heard (phonetic) or typed (keyboard) errors, on the name or the first name.
        if roll(.phonetic, &random) {
            if random.below(10) < 7 {
                if let v = PhoneticRespelling.respell(birthName, &random) {
                    birthName = v
                    errors.insert(.phonetic)
                }
            } else if let v = PhoneticRespelling.respell(firstNamesField, &random) {
                firstNamesField = v
                errors.insert(.phonetic)
            }
        }
        if roll(.typo, &random) {
            if random.below(10) < 6 {
                if let v = AzertyKeyboard.slip(birthName, &random) {
                    birthName = v
                    errors.insert(.typo)
                }
            } else if let v = AzertyKeyboard.slip(firstNamesField, &random) {
                firstNamesField = v
                errors.insert(.typo)
            }
        }
        if roll(.nameInverted, &random), !errors.contains(.maritalMarker) {
            let first = String(firstNamesField.split(separator: " ").first ?? "")
            if !first.isEmpty && first != birthName {
                firstNamesField = birthName
                birthName = first
                errors.insert(.nameInverted)
            }
        }
        if roll(.accentsLost, &random) {
            let b = NameText.strippingAccents(birthName)
            let f = NameText.strippingAccents(firstNamesField)
            let u = NameText.strippingAccents(usedName)
            if b != birthName || f != firstNamesField || u != usedName {
                birthName = b
                firstNamesField = f
                usedName = u
                errors.insert(.accentsLost)
            }
        }
        if roll(.caseVariant, &random) {
            switch random.below(10) {
            case 0 ..< 6: firstNamesField = NameText.title(firstNamesField)
            case 6 ..< 9:
                birthName = NameText.title(birthName)
                firstNamesField = NameText.title(firstNamesField)
                usedName = NameText.title(usedName)
            default:
                birthName = birthName.lowercased()
                firstNamesField = firstNamesField.lowercased()
                usedName = usedName.lowercased()
            }
            errors.insert(.caseVariant)
        }

        var sex = person.sexCode
        if roll(.sexWrong, &random) {
            sex = person.isFemale ? "M" : "F"
            errors.insert(.sexWrong)
        }

        let birthDate = typedDate(person.birthDate, &errors, &random)
        let birthPlace = typedPlace(person, &errors, &random)

        return RawRecord(
            id: "", birthName: birthName, firstNames: firstNamesField, sex: sex, birthDate: birthDate,
            birthPlace: birthPlace, usedName: usedName, ins: "")
    }

    private func typedDate(_ iso: String, _ errors: inout ErrorSet, _ random: inout CorpusRandom) -> String {
        guard let parts = Self.parts(iso) else { return iso }
        var date = CivilDate(year: parts.0, month: parts.1, day: parts.2)
        if date.month == 0 {
            // Day and month unknown: the desk often types 1 January.
            if random.chance(partialAsJanuaryFirstRate) {
                errors.insert(.unknownDateAsJanuaryFirst)
                return CivilDate(year: date.year, month: 1, day: 1).iso
            }
            return iso
        }
        if roll(.unknownDateAsJanuaryFirst, &random), !(date.month == 1 && date.day == 1) {
            errors.insert(.unknownDateAsJanuaryFirst)
            return CivilDate(year: date.year, month: 1, day: 1).iso
        }
        if roll(.dayMonthSwap, &random), date.day <= 12, date.day != date.month {
            date = CivilDate(year: date.year, month: date.day, day: date.month)
            errors.insert(.dayMonthSwap)
        }
        if roll(.dateDigit, &random) {
            for _ in 0 ..< 8 {
                var digits = [date.year / 1000, date.year / 100 % 10, date.year / 10 % 10, date.year % 10,
                              date.month / 10, date.month % 10, date.day / 10, date.day % 10]
                // Slips on the last digits of the year, the month's units and the day's two digits.
                let position = random.pick([2, 3, 5, 6, 7])
                let old = digits[position]
                var new = random.below(9)
                if new >= old { new += 1 }
                digits[position] = new
                let candidate = CivilDate(
                    year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
                    month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7])
                if candidate.isValid && candidate.year <= factory.reference.year && candidate != date {
                    date = candidate
                    errors.insert(.dateDigit)
                    break
                }
            }
        }
        return date.iso
    }

    private func typedPlace(_ person: SyntheticPerson, _ errors: inout ErrorSet, _ random: inout CorpusRandom) -> String {
        if roll(.birthPlaceMissing, &random) {
            errors.insert(.birthPlaceMissing)
            return ""
        }
        if let current = person.currentBirthPlace, roll(.birthPlaceCurrentCode, &random) {
            errors.insert(.birthPlaceCurrentCode)
            return current
        }
        if roll(.birthPlaceWrong, &random), let other = factory.drawOtherPlace(than: person.birthPlace, &random) {
            errors.insert(.birthPlaceWrong)
            return other
        }
        return person.birthPlace
    }

    static func parts(_ iso: String) -> (Int, Int, Int)? {
        let u = Array(iso.utf8)
        guard u.count == 10 else { return nil }
        func n(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = n(0 ..< 4), let m = n(5 ..< 7), let d = n(8 ..< 10) else { return nil }
        return (y, m, d)
    }
}

/// A person's traits in INS form (what INSi returns), computed once per person.
struct InsForms: Sendable {
    var birthName: String
    var firstNames: String
    var usedName: String

    init(_ person: SyntheticPerson) {
        birthName = InsText.form(person.birthName)
        firstNames = person.firstNames.map(InsText.form).joined(separator: " ")
        usedName = person.usedName.map(InsText.form) ?? ""
    }
}

extension String {
    func replacingHyphensWithSpaces() -> String { String(map { $0 == "-" ? " " : $0 }) }
}
