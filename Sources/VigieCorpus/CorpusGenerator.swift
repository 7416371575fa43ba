import Dispatch
import VigieIdentity

/// Generates a corpus: persons (with look-alike groups), their records, and the ground truth.
///
/// Determinism: every random draw comes from ``CorpusRandom`` streams derived from the seed — one to plan the
/// look-alike groups, one per group, one to shuffle — so the output does not depend on the number of threads,
/// and the same seed gives the same bytes on every machine.
public struct CorpusGenerator: Sendable {
    let factory: PersonFactory
    let typing: RecordTyping
    let recordCountSampler: WeightedSampler

    /// A generator over reference data, with a profile's rates.
    public init(data: CorpusData, profile: CorpusProfile) {
        factory = PersonFactory(data: data, profile: profile)
        typing = RecordTyping(factory: factory)
        recordCountSampler = WeightedSampler(weights: profile.recordsPerPersonWeights)
    }

    /// What one planned unit produces: one person, or a look-alike pair.
    enum UnitKind: Sendable {
        case single, twin, parentChild, namesake
        var size: Int { self == .single ? 1 : 2 }
        var hardNegative: HardNegativeKind? {
            switch self {
            case .single: return nil
            case .twin: return .twin
            case .parentChild: return .parentChild
            case .namesake: return .namesake
            }
        }
    }

    struct UnitOutput: Sendable {
        var persons: [SyntheticPerson] = []
        /// Records with the index (in `persons`) of their person.
        var records: [(person: Int, record: RawRecord, errors: ErrorSet, qualified: Bool)] = []
    }

    /// Generates `persons` persons and their records.
    public func generate(persons count: Int, seed: UInt64, threads: Int = 2) -> Corpus {
        precondition(count >= 0)
        let plan = planUnits(persons: count, seed: seed)
        var firstPerson = [Int](repeating: 0, count: plan.count)
        var next = 0
        for (i, kind) in plan.enumerated() {
            firstPerson[i] = next
            next += kind.size
        }
        let personWidth = max(7, String(count).count)

        // Units in chunks across threads; each unit draws from its own stream.
        let chunkCount = max(1, min(plan.count, max(1, threads) * 16))
        let starts = firstPerson
        let chunkOutputs = Parallel.map(chunkCount) { chunk in
            let lo = plan.count * chunk / chunkCount
            let hi = plan.count * (chunk + 1) / chunkCount
            var results: [UnitOutput] = []
            results.reserveCapacity(hi - lo)
            for u in lo ..< hi {
                var random = CorpusRandom(seed: seed, stream: UInt64(u) + 1)
                let ids = (0 ..< plan[u].size).map { Self.id("P", starts[u] + $0 + 1, width: personWidth) }
                results.append(generateUnit(plan[u], ids: ids, &random))
            }
            return results
        }

        var people: [SyntheticPerson] = []
        people.reserveCapacity(count)
        var pending: [(person: Int, record: RawRecord, errors: ErrorSet, qualified: Bool)] = []
        pending.reserveCapacity(count * 2)
        var hardNegatives: [HardNegativePair] = []
        var unitIndex = 0
        for chunk in chunkOutputs {
            for unit in chunk {
                let base = people.count
                people += unit.persons
                for r in unit.records { pending.append((base + r.person, r.record, r.errors, r.qualified)) }
                if let kind = plan[unitIndex].hardNegative, unit.persons.count == 2 {
                    hardNegatives.append(
                        HardNegativePair(kind: kind, personID: unit.persons[0].id, otherPersonID: unit.persons[1].id))
                }
                unitIndex += 1
            }
        }

        // Shuffle so that a person's records are scattered through the file, then number them.
        var shuffler = CorpusRandom(seed: seed, stream: 0xFFFF_FFFF_FFFF_FFFF)
        if pending.count > 1 {
            for i in stride(from: pending.count - 1, to: 0, by: -1) {
                pending.swapAt(i, shuffler.below(i + 1))
            }
        }
        let recordWidth = max(7, String(pending.count).count)
        var records: [GeneratedRecord] = []
        records.reserveCapacity(pending.count)
        for (i, p) in pending.enumerated() {
            var raw = p.record
            raw.id = Self.id("R", i + 1, width: recordWidth)
            records.append(GeneratedRecord(record: raw, personID: people[p.person].id, errors: p.errors, isQualified: p.qualified))
        }
        return Corpus(persons: people, records: records, hardNegatives: hardNegatives)
    }

    /// The sequence of units (single persons and look-alike pairs) adding up to exactly `persons`.
    func planUnits(persons count: Int, seed: UInt64) -> [UnitKind] {
        let hn = factory.profile.hardNegatives
        // A pair unit holds two persons: unit probabilities that give the profile's shares of persons.
        let pairShare = hn.twinShare + hn.parentChildShare + hn.namesakeShare
        let denominator = 2 - pairShare
        let twin = Rate(hn.twinShare / denominator)
        let parent = Rate(hn.parentChildShare / denominator)
        let namesake = Rate(hn.namesakeShare / denominator)
        var random = CorpusRandom(seed: seed, stream: 0)
        var plan: [UnitKind] = []
        plan.reserveCapacity(count)
        var total = 0
        while total < count {
            // One uniform draw compared with cumulative thresholds.
            let u = random.next() >> 11
            var kind = UnitKind.single
            if u < twin.threshold {
                kind = .twin
            } else if u < twin.threshold + parent.threshold {
                kind = .parentChild
            } else if u < twin.threshold + parent.threshold + namesake.threshold {
                kind = .namesake
            }
            if total + kind.size > count { kind = .single }
            plan.append(kind)
            total += kind.size
        }
        return plan
    }

    func generateUnit(_ kind: UnitKind, ids: [String], _ random: inout CorpusRandom) -> UnitOutput {
        var output = UnitOutput()
        switch kind {
        case .single:
            output.persons = [factory.drawPerson(id: ids[0], &random)]
        case .twin:
            let a = factory.drawPerson(id: ids[0], &random)
            output.persons = [a, twin(of: a, id: ids[1], &random)]
        case .parentChild:
            output.persons = fatherAndSon(ids: ids, &random)
        case .namesake:
            let a = factory.drawPerson(id: ids[0], &random)
            output.persons = [a, namesake(of: a, id: ids[1], &random)]
        }
        for (i, person) in output.persons.enumerated() {
            let n = recordCountSampler.draw(&random) + 1
            var forms: InsForms?
            for _ in 0 ..< n {
                let (record, errors, qualified) = typing.record(of: person, insForms: &forms, &random)
                output.records.append((i, record, errors, qualified))
            }
        }
        return output
    }

    private func order(of person: SyntheticPerson) -> Int {
        let u = Array(person.matricule.utf8)
        return Int(u[10] - 48) * 100 + Int(u[11] - 48) * 10 + Int(u[12] - 48)
    }

    private func date(_ iso: String) -> CivilDate {
        let p = RecordTyping.parts(iso) ?? (2000, 1, 1)
        return CivilDate(year: p.0, month: p.1, day: p.2)
    }

    /// A twin: same birth name, date and place; a different first name; same sex or not.
    func twin(of a: SyntheticPerson, id: String, _ random: inout CorpusRandom) -> SyntheticPerson {
        let female = random.chance(factory.twinSameSexRate) ? a.isFemale : !a.isFemale
        let d = date(a.birthDate)
        let names = factory.drawFirstNames(female: female, year: d.year, &random, avoiding: a.firstNames[0])
        let o = order(of: a)
        return factory.assemble(
            id: id, female: female, date: d, place: (a.birthPlace, a.currentBirthPlace),
            surname: (a.birthName, a.doubleNameParts), firstNames: names, order: o < 999 ? o + 1 : o - 1, &random)
    }

    /// A namesake: same sex, birth name, first names and birth date; another birth place.
    func namesake(of a: SyntheticPerson, id: String, _ random: inout CorpusRandom) -> SyntheticPerson {
        let d = date(a.birthDate)
        var place: (code: String, current: String?) = (a.birthPlace, a.currentBirthPlace)
        for _ in 0 ..< 16 where place.code == a.birthPlace {
            place = factory.drawBirthPlace(on: d, abroad: random.chance(factory.abroadRate), &random)
        }
        if place.code == a.birthPlace { place = (a.birthPlace == "75115" ? "13055" : "75115", nil) }
        return factory.assemble(
            id: id, female: a.isFemale, date: d, place: place, surname: (a.birthName, a.doubleNameParts),
            firstNames: a.firstNames, order: random.int(in: 1 ... 999), &random)
    }

    /// A father and his son named after him (same birth name, same first name; the other first names are his
    /// or the son's own), born 20 to 45 years apart.
    func fatherAndSon(ids: [String], _ random: inout CorpusRandom) -> [SyntheticPerson] {
        let sonDate = factory.drawBirthDate(&random, minAge: 0, maxAge: 65)
        let sonAge = factory.reference.year - sonDate.year
        let fatherAge = min(sonAge + random.int(in: 20 ... 45), 105)
        let fatherDate = factory.birthDate(age: fatherAge, &random)
        let fatherPlace = factory.drawBirthPlace(on: fatherDate, abroad: random.chance(factory.abroadRate), &random)
        let surname = factory.data.surnames.draw(&random)
        let fatherNames = factory.drawFirstNames(female: false, year: fatherDate.year, &random)
        var sonPlace: (code: String, current: String?)? = nil
        if random.below(2) == 0, !fatherPlace.code.hasPrefix("99") {
            // Born in the same commune: today's commune, written with the code in force at the son's birth.
            sonPlace = factory.historicalCode(of: fatherPlace.current ?? fatherPlace.code, on: sonDate, &random)
        }
        let place = sonPlace ?? factory.drawBirthPlace(on: sonDate, abroad: random.chance(factory.abroadRate), &random)
        var sonNames = [fatherNames[0]]
        if random.below(2) == 0 {
            sonNames = fatherNames
        } else {
            let own = factory.drawFirstNames(female: false, year: sonDate.year, &random, avoiding: fatherNames[0])
            sonNames += own.dropFirst()
        }
        let father = factory.assemble(
            id: ids[0], female: false, date: fatherDate, place: fatherPlace, surname: (surname, nil),
            firstNames: fatherNames, order: random.int(in: 1 ... 999), &random)
        let son = factory.assemble(
            id: ids[1], female: false, date: sonDate, place: place, surname: (surname, nil), firstNames: sonNames,
            order: random.int(in: 1 ... 999), &random)
        return [father, son]
    }

    static func id(_ prefix: String, _ n: Int, width: Int) -> String {
        let digits = String(n)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A generated corpus: persons, records (in file order) and look-alike pairs.
public struct Corpus: Sendable {
    /// The true persons, in id order.
    public var persons: [SyntheticPerson]
    /// The records, in file order, with their truth.
    public var records: [GeneratedRecord]
    /// Look-alike pairs of different persons.
    public var hardNegatives: [HardNegativePair]
}
