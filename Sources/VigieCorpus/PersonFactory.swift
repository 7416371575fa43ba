import VigieIdentity

/// Draws persons (true identities) from the reference data and the profile's population rates.
struct PersonFactory: Sendable {
    let data: CorpusData
    let profile: CorpusProfile
    let reference: CivilDate
    let ageBandSampler: WeightedSampler
    let firstNameCountSampler: WeightedSampler
    let countrySampler: WeightedSampler
    let femaleRate: Rate
    let abroadRate: Rate
    let partialDateRate: Rate
    let usedNameRate: Rate
    let doubleNameRate: Rate
    let twinSameSexRate: Rate

    init(data: CorpusData, profile: CorpusProfile) {
        self.data = data
        self.profile = profile
        let p = CorpusProfile.dateParts(profile.referenceDate) ?? (2026, 1, 1)
        reference = CivilDate(year: p.year, month: p.month, day: p.day)
        ageBandSampler = WeightedSampler(weights: profile.ageBands.map(\.weight))
        firstNameCountSampler = WeightedSampler(weights: profile.firstNameCountWeights)
        // Listed countries with their weights, then one slot for "any other country" drawn uniformly.
        countrySampler = WeightedSampler(weights: profile.countries.map(\.weight) + [profile.otherCountriesWeight])
        femaleRate = Rate(profile.femaleShare)
        abroadRate = Rate(profile.bornAbroadShare)
        partialDateRate = Rate(profile.partialBirthDateShareAbroad)
        usedNameRate = Rate(profile.usedNameShareWomen)
        doubleNameRate = Rate(profile.doubleSurnameShareSince2005)
        twinSameSexRate = Rate(profile.hardNegatives.twinSameSexShare)
    }

    // MARK: - Traits

    /// A birth date from the age pyramid (full date; the caller may blank day and month).
    func drawBirthDate(_ random: inout CorpusRandom, minAge: Int = 0, maxAge: Int = 110) -> CivilDate {
        var age = 0
        for _ in 0 ..< 64 {
            let band = profile.ageBands[ageBandSampler.draw(&random)]
            age = random.int(in: band.from ... band.to)
            if age >= minAge && age <= maxAge { break }
            age = random.int(in: minAge ... maxAge)
        }
        return birthDate(age: age, &random)
    }

    /// A uniformly drawn birth date of a person aged `age` on the reference date.
    func birthDate(age: Int, _ random: inout CorpusRandom) -> CivilDate {
        let year = reference.year - age
        let anchor = CivilDate(
            year: year, month: reference.month, day: min(reference.day, CivilDate.daysIn(month: reference.month, year: year)))
        return CivilDate(dayNumber: anchor.dayNumber - random.below(365))
    }

    /// The first-name table for a birth year (decades clamped to the lists' range).
    func firstNameTable(female: Bool, year: Int) -> NameTable {
        let decade = min(max((year - CorpusData.firstDecade) / 10, 0), CorpusData.decadeCount - 1)
        return data.firstNames[female ? 0 : 1][year < CorpusData.firstDecade ? 0 : decade]
    }

    /// 1–3 birth first names: the first from the birth decade, the others from the parents' generation
    /// (30 years earlier), all different.
    func drawFirstNames(female: Bool, year: Int, _ random: inout CorpusRandom, avoiding avoided: String? = nil) -> [String] {
        let count = firstNameCountSampler.draw(&random) + 1
        var names: [String] = []
        let main = firstNameTable(female: female, year: year)
        var first = main.draw(&random)
        for _ in 0 ..< 16 where first == avoided { first = main.draw(&random) }
        names.append(first)
        let older = firstNameTable(female: female, year: year - 30)
        var tries = 0
        while names.count < count && tries < 32 {
            tries += 1
            let n = older.draw(&random)
            if !names.contains(n) && n != avoided { names.append(n) }
        }
        return names
    }

    /// A surname; for persons born since 2005, sometimes a double name.
    func drawSurname(year: Int, _ random: inout CorpusRandom) -> (name: String, parts: [String]?) {
        let first = data.surnames.draw(&random)
        if year >= 2005 && random.chance(doubleNameRate) {
            var second = data.surnames.draw(&random)
            for _ in 0 ..< 8 where second == first { second = data.surnames.draw(&random) }
            if second != first { return (first + " " + second, [first, second]) }
        }
        return (first, nil)
    }

    /// A birth place in force on `date`: a country, or a commune drawn by today's population, written with the
    /// code it had on that date. Returns the code and, when different, today's code.
    func drawBirthPlace(on date: CivilDate, abroad: Bool, _ random: inout CorpusRandom) -> (code: String, current: String?) {
        for _ in 0 ..< 16 {
            if abroad {
                let country = drawCountry(&random)
                if Self.isValid(country, on: date) { return (country, nil) }
                continue
            }
            let current = data.communes[data.communeSampler.draw(&random)]
            if let place = historicalCode(of: current, on: date, &random) { return place }
        }
        // Paris 15e and Algeria have kept their codes since before 1943: always valid.
        return (abroad ? "99352" : "75115", nil)
    }

    /// The code of today's commune `current` in force on `date`, or nil when it was not a commune then.
    /// The candidate from the movements file is confirmed by VigieIdentity's COG, so that every generated
    /// birth place is one the engine accepts for that date.
    func historicalCode(of current: String, on date: CivilDate, _ random: inout CorpusRandom) -> (code: String, current: String?)? {
        let codes = data.history.hasHistory(current) ? data.history.codes(makingUp: current, on: date.ordinal) : [current]
        guard !codes.isEmpty else { return nil }
        let code = random.pick(codes)
        guard Self.isValid(code, on: date) else { return nil }
        // "Today's code" only where the old code became today's commune (merger, renumbering); a territory
        // split off since (Lyon 8e from the 7e in 1959) keeps a code still in force and has no other code.
        guard code != current, let place = try? BirthPlace(code), let today = try? BirthPlace(current),
            COG.shared.current(place).contains(today)
        else { return (code, nil) }
        return (code, current)
    }

    /// Whether `code` designated a commune, arrondissement or country on `date` (VigieIdentity's COG).
    static func isValid(_ code: String, on date: CivilDate) -> Bool {
        guard let place = try? BirthPlace(code), let birthDate = try? BirthDate(year: date.year, month: date.month, day: date.day)
        else { return false }
        return COG.shared.isValid(place, on: birthDate)
    }

    /// Another commune of the same département (by population), or another country, than `code`.
    func drawOtherPlace(than code: String, _ random: inout CorpusRandom) -> String? {
        if code.hasPrefix("99") {
            for _ in 0 ..< 8 {
                let other = drawCountry(&random)
                if other != code { return other }
            }
            return nil
        }
        guard let dep = data.departments[CorpusData.department(of: code)] else { return nil }
        for _ in 0 ..< 8 {
            let other = data.communes[dep.members[dep.sampler.draw(&random)]]
            if other != code { return other }
        }
        return nil
    }

    func drawCountry(_ random: inout CorpusRandom) -> String {
        let i = countrySampler.draw(&random)
        return i < profile.countries.count ? profile.countries[i].code : random.pick(data.countries)
    }

    // MARK: - Matricule

    /// The 13 characters of a NIR: sex (1/2), year, month, place (5 characters), order number.
    static func matriculeNumber(female: Bool, date: CivilDate, place: String, order: Int) -> String {
        var s = female ? "2" : "1"
        s += twoDigits(date.year % 100)
        // An unknown month is written 20 (INSEE: 20 to 30, or 50 and above, for a month the civil status lacks).
        s += date.month == 0 ? "20" : twoDigits(date.month)
        s += place
        s += twoDigits(order / 10) + String(order % 10)
        return s
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// The full 15-character matricule with its key.
    static func matricule(number: String) -> String {
        let key = MatriculeKey.expected(forNumber: number)
        return number + twoDigits(key)
    }

    // MARK: - Persons

    /// A person drawn from the whole population.
    func drawPerson(id: String, _ random: inout CorpusRandom) -> SyntheticPerson {
        let female = random.chance(femaleRate)
        var date = drawBirthDate(&random)
        let abroad = random.chance(abroadRate)
        let place = drawBirthPlace(on: date, abroad: abroad, &random)
        if abroad && random.chance(partialDateRate) { date = CivilDate(year: date.year, month: 0, day: 0) }
        let surname = drawSurname(year: date.year, &random)
        let firstNames = drawFirstNames(female: female, year: date.year, &random)
        return assemble(
            id: id, female: female, date: date, place: place, surname: surname, firstNames: firstNames,
            order: random.int(in: 1 ... 999), &random)
    }

    /// Builds a person from traits, drawing a used name for married women and computing the matricule.
    func assemble(
        id: String, female: Bool, date: CivilDate, place: (code: String, current: String?),
        surname: (name: String, parts: [String]?), firstNames: [String], order: Int, _ random: inout CorpusRandom
    ) -> SyntheticPerson {
        var usedName: String?
        if female && reference.year - date.year >= 25 && random.chance(usedNameRate) {
            var spouse = data.surnames.draw(&random)
            for _ in 0 ..< 8 where spouse == surname.name { spouse = data.surnames.draw(&random) }
            if spouse != surname.name {
                // Substitution is the common form; adjunction (birth name then spouse's) the rarer one.
                usedName = random.below(100) < 85 ? spouse : surname.name + " " + spouse
            }
        }
        let number = Self.matriculeNumber(female: female, date: date, place: place.code, order: order)
        return SyntheticPerson(
            id: id, birthName: surname.name, firstNames: firstNames, isFemale: female, birthDate: date.iso,
            birthPlace: place.code, currentBirthPlace: place.current, usedName: usedName,
            matricule: Self.matricule(number: number), doubleNameParts: surname.parts)
    }
}
