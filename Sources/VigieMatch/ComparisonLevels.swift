import VigieIdentity
import VigieText

/// The fields the model compares, in the order of a ``ComparisonVector``.
public enum MatchField: Int, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case birthName, firstNames, birthDate, birthPlace, sex, ins

    /// The batch-contract column name.
    public var description: String {
        switch self {
        case .birthName: return "birth_name"
        case .firstNames: return "first_names"
        case .birthDate: return "birth_date"
        case .birthPlace: return "birth_place"
        case .sex: return "sex"
        case .ins: return "ins"
        }
    }

    /// The comparison levels of this field, most specific first; level 0 is always "missing"
    /// (either side empty: weight 0, the field says nothing).
    public var levels: [String] {
        switch self {
        case .birthName: return NameLevel.allCases.map(\.label)
        case .firstNames: return FirstNameLevel.allCases.map(\.label)
        case .birthDate: return DateLevel.allCases.map(\.label)
        case .birthPlace: return PlaceLevel.allCases.map(\.label)
        case .sex: return SexLevel.allCases.map(\.label)
        case .ins: return INSLevel.allCases.map(\.label)
        }
    }
}

/// Levels for the birth name (with the used name for crossed comparisons).
enum NameLevel: UInt8, CaseIterable, Sendable {
    /// Either birth name empty.
    case missing
    /// Same INS form.
    case exact
    /// Same without separators and particles ("LE GALL" / "LE-GALL", "DE LA FONTAINE" / "FONTAINE").
    case compact
    /// The birth name of one is the used name (or a name after EP / NEE...) of the other.
    case crossed
    /// Birth name and first name swapped between the records.
    case inverted
    /// Same French phonetic key.
    case phonetic
    /// One part of a compound name equal ("DUPONT-MARTIN" / "MARTIN").
    case token
    /// Jaro–Winkler ≥ 0.94 on the compact forms (one typo in a long name).
    case close
    /// Jaro–Winkler ≥ 0.88.
    case similar
    /// Nothing in common.
    case different

    var label: String {
        switch self {
        case .missing: return "missing"
        case .exact: return "exact"
        case .compact: return "exact-compact"
        case .crossed: return "birth-used-crossed"
        case .inverted: return "inverted-with-first-name"
        case .phonetic: return "phonetic"
        case .token: return "one-part-of-compound"
        case .close: return "jaro-winkler-0.94"
        case .similar: return "jaro-winkler-0.88"
        case .different: return "different"
        }
    }
}

/// Levels for the ordered list of birth first names.
enum FirstNameLevel: UInt8, CaseIterable, Sendable {
    case missing
    /// The whole list equal.
    case exact
    /// The first first name equal, the others differ or are absent on one side.
    case first
    /// Equal once hyphens and spaces are ignored ("JEAN-PIERRE" / "JEAN PIERRE").
    case compound
    /// The first name of one is another name of the other's list ("PIERRE" / "JEAN PIERRE").
    case anyName
    /// A simple first name equal to a part of the other's compound ("JEAN" / "JEAN-PIERRE"): software that
    /// keeps only the first part of a compound, or a compound shortened at the desk.
    case compoundPart
    /// Only a component of two compounds in common ("ANNE-MARIE" / "MARIE-CLAIRE"): weak, never automatic.
    case component
    /// Same phonetic key for the first first name.
    case phonetic
    /// Jaro–Winkler ≥ 0.92 on the first first name.
    case close
    /// Different first names: strong evidence of two persons (twins, siblings).
    case different

    var label: String {
        switch self {
        case .missing: return "missing"
        case .exact: return "exact"
        case .first: return "first-equal"
        case .compound: return "hyphen-space-variant"
        case .anyName: return "any-equal"
        case .compoundPart: return "part-of-compound"
        case .component: return "component-only"
        case .phonetic: return "phonetic"
        case .close: return "jaro-winkler-0.92"
        case .different: return "different"
        }
    }
}

/// Levels for the birth date.
enum DateLevel: UInt8, CaseIterable, Sendable {
    case missing
    /// Same complete date.
    case exact
    /// Equal where both are known, with an unknown (00) month or day on a side.
    case partial
    /// Day and month swapped.
    case swapped
    /// One digit differs, or two adjacent digits are swapped, in YYYYMMDD.
    case oneDigit
    /// Same year, and one side is the 01/01 placeholder for an unknown date.
    case placeholder
    /// Only the year in common.
    case sameYear
    /// Different dates less than 15 years apart.
    case different
    /// Dates 15 years or more apart (and not a one-digit typo): a parent and a child, never one person.
    case distant

    var label: String {
        switch self {
        case .missing: return "missing"
        case .exact: return "exact"
        case .partial: return "equal-where-known"
        case .swapped: return "day-month-swapped"
        case .oneDigit: return "one-digit"
        case .placeholder: return "01-01-placeholder"
        case .sameYear: return "same-year"
        case .different: return "different"
        case .distant: return "distant"
        }
    }
}

/// Levels for the birth place (INSEE COG code).
enum PlaceLevel: UInt8, CaseIterable, Sendable {
    case missing
    case exact
    /// Different codes of the same place through the COG history (merged or renamed commune), or a commune
    /// and one of its municipal arrondissements.
    case history
    case sameDepartment
    case different

    var label: String {
        switch self {
        case .missing: return "missing"
        case .exact: return "exact"
        case .history: return "same-place-cog-history"
        case .sameDepartment: return "same-department"
        case .different: return "different"
        }
    }
}

enum SexLevel: UInt8, CaseIterable, Sendable {
    case missing, equal, different
    var label: String {
        switch self {
        case .missing: return "missing"
        case .equal: return "equal"
        case .different: return "different"
        }
    }
}

enum INSLevel: UInt8, CaseIterable, Sendable {
    case missing, equal, different
    var label: String {
        switch self {
        case .missing: return "missing"
        case .equal: return "equal"
        case .different: return "conflicting"
        }
    }
}

/// The comparison level of each field for one pair of records.
public struct ComparisonVector: Sendable, Hashable {
    var name: NameLevel
    var firstNames: FirstNameLevel
    var birthDate: DateLevel
    var birthPlace: PlaceLevel
    var sex: SexLevel
    var ins: INSLevel
    /// Same first first name, but both lists go on and their later names have nothing in common ("SABRINA
    /// CAMILLE" / "SABRINA CHLOE"). Not a level of the model: it only feeds a decision rule.
    var laterFirstNamesDiffer = false
    /// Both records carry a used name and the two have nothing in common (not a level of the model: the used
    /// name is optional and changes with marriage; it only feeds a decision rule).
    var usedNamesDiffer = false
    /// At the any-equal level, one first-name list holds every name of the other (reordered, or cut to the
    /// usual first name): the desk's two commonest list errors, not the shape of two people's lists.
    var firstNameListsNested = false

    /// The level index of a field (0 = missing).
    public subscript(field: MatchField) -> Int {
        switch field {
        case .birthName: return Int(name.rawValue)
        case .firstNames: return Int(firstNames.rawValue)
        case .birthDate: return Int(birthDate.rawValue)
        case .birthPlace: return Int(birthPlace.rawValue)
        case .sex: return Int(sex.rawValue)
        case .ins: return Int(ins.rawValue)
        }
    }

    /// The level's label for a field.
    public func label(_ field: MatchField) -> String { field.levels[self[field]] }

    static let radices: [Int] = MatchField.allCases.map { $0.levels.count }

    /// A dense index of the whole vector (for counting patterns in EM).
    var pattern: Int {
        var p = 0
        for f in MatchField.allCases.reversed() { p = p * Self.radices[f.rawValue] + self[f] }
        return p
    }

    init(name: NameLevel, firstNames: FirstNameLevel, birthDate: DateLevel, birthPlace: PlaceLevel, sex: SexLevel, ins: INSLevel) {
        self.name = name
        self.firstNames = firstNames
        self.birthDate = birthDate
        self.birthPlace = birthPlace
        self.sex = sex
        self.ins = ins
    }

    init(pattern: Int) {
        var p = pattern
        var levels = [Int](repeating: 0, count: MatchField.allCases.count)
        for f in MatchField.allCases {
            levels[f.rawValue] = p % Self.radices[f.rawValue]
            p /= Self.radices[f.rawValue]
        }
        self.init(
            name: NameLevel(rawValue: UInt8(levels[0]))!, firstNames: FirstNameLevel(rawValue: UInt8(levels[1]))!,
            birthDate: DateLevel(rawValue: UInt8(levels[2]))!, birthPlace: PlaceLevel(rawValue: UInt8(levels[3]))!,
            sex: SexLevel(rawValue: UInt8(levels[4]))!, ins: INSLevel(rawValue: UInt8(levels[5]))!)
    }

    static var patternCount: Int { radices.reduce(1, *) }
}

/// Computes comparison vectors. Pure functions of two prepared records.
enum Comparator {
    static func compare(_ a: PreparedRecord, _ b: PreparedRecord) -> ComparisonVector {
        var nameLevel = compareNames(a, b)
        var firstLevel = compareFirstNames(a.firstNames, b.firstNames)
        if nameLevel != .exact && nameLevel != .compact && firstLevel != .exact && firstLevel != .first,
            isInverted(a, b)
        {
            // The swap carries both agreements: the name on the name's level, the first name as first-equal.
            nameLevel = .inverted
            firstLevel = .first
        }
        var v = ComparisonVector(
            name: nameLevel, firstNames: firstLevel, birthDate: compareDates(a.birthDate, b.birthDate),
            birthPlace: comparePlaces(a.birthPlace, b.birthPlace), sex: compareSex(a.sex, b.sex),
            ins: a.ins == 0 || b.ins == 0 ? .missing : (a.ins == b.ins ? .equal : .different))
        if firstLevel == .first, let af = a.firstNames, let bf = b.firstNames {
            v.laterFirstNamesDiffer = laterFirstNamesDiffer(af, bf)
        }
        if firstLevel == .anyName, let af = a.firstNames, let bf = b.firstNames {
            v.firstNameListsNested = af.names.allSatisfy(bf.names.contains) || bf.names.allSatisfy(af.names.contains)
        }
        if let au = a.usedName, let bu = b.usedName, nameLevel != .crossed {
            v.usedNamesDiffer = usedNamesDiffer(au, bu)
        }
        return v
    }

    /// Both lists have later first names and none of them is shared, by spelling, by a hyphen component, as an
    /// initial or within a typo (Jaro–Winkler ≥ 0.88, or one edit: Winkler's bonus misses a typo in the first
    /// letter).
    /// A list cut short (only the first name kept, as desks often do) is not a contradiction.
    static func laterFirstNamesDiffer(_ a: PreparedFirstNames, _ b: PreparedFirstNames) -> Bool {
        guard a.names.count > 1, b.names.count > 1 else { return false }
        for x in a.names.dropFirst() where b.names.dropFirst().contains(x) { return false }
        for x in a.laterBytes {
            for y in b.laterBytes where sameLaterName(x, y) { return false }
        }
        // Components of the later names only (the first name's components are shared by construction).
        let aLater = a.components.dropFirst(a.firstIsSimple ? 1 : a.firstComponents.count)
        let bLater = b.components.dropFirst(b.firstIsSimple ? 1 : b.firstComponents.count)
        for x in aLater where bLater.contains(x) { return false }
        return true
    }

    /// Two later first names that may be one: an initial stands for any name with its letter ("M" / "MARIA", as
    /// software that keeps a middle initial writes it); two names within a typo.
    static func sameLaterName(_ x: [UInt8], _ y: [UInt8]) -> Bool {
        if x.count == 1 || y.count == 1 { return x.first == y.first }
        return jaroWinkler(x, y) >= 0.88 || StringSimilarity.osaDistance(x, y) <= 1
    }

    /// Two used names with nothing in common: not the same spelling, sound, part of a compound ("DUPONT" /
    /// "DUPONT MARTIN") or a typo away (Jaro–Winkler below 0.88).
    static func usedNamesDiffer(_ a: PreparedName, _ b: PreparedName) -> Bool {
        if a.compact == b.compact || a.phonetic == b.phonetic || shareToken(a, b) { return false }
        return jaroWinkler(a.compactBytes, b.compactBytes) < 0.88
    }

    static func compareSex(_ a: Sex, _ b: Sex) -> SexLevel {
        if a == .unknown || b == .unknown { return .missing }
        return a == b ? .equal : .different
    }

    @inline(__always)
    static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in StringSimilarity.jaroWinkler(x, y) } }
    }

    static func isInverted(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        guard let an = a.birthName, let bn = b.birthName, let af = a.firstNames, let bf = b.firstNames else {
            return false
        }
        return an.compact == bf.firstCompact && bn.compact == af.firstCompact
    }

    static func compareNames(_ a: PreparedRecord, _ b: PreparedRecord) -> NameLevel {
        guard let an = a.birthName, let bn = b.birthName else {
            // A birth name on one side only can still meet the other's used name.
            return crossed(a, b) ? .crossed : .missing
        }
        if an.full == bn.full { return .exact }
        if an.compact == bn.compact { return .compact }
        if crossed(a, b) { return .crossed }
        if an.phonetic == bn.phonetic { return .phonetic }
        if shareToken(an, bn) { return .token }
        let jw = jaroWinkler(an.compactBytes, bn.compactBytes)
        if jw >= 0.94 { return .close }
        if jw >= 0.88 { return .similar }
        return .different
    }

    /// Birth name against used name / alternates, both ways, and used name against used name.
    static func crossed(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        // Fast path: neither record has another name.
        if a.usedName == nil && b.usedName == nil && (a.birthName?.alternates.isEmpty ?? true)
            && (b.birthName?.alternates.isEmpty ?? true)
        {
            return false
        }
        var left: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var n = 0
        func add(_ h: UInt64) {
            guard n < 4 else { return }
            switch n {
            case 0: left.0 = h
            case 1: left.1 = h
            case 2: left.2 = h
            default: left.3 = h
            }
            n += 1
        }
        if let u = a.usedName { add(u.compact) }
        for alt in a.birthName?.alternates ?? [] { add(alt) }
        for alt in a.usedName?.alternates ?? [] { add(alt) }
        func inLeft(_ h: UInt64) -> Bool {
            n > 0 && (h == left.0 || (n > 1 && h == left.1) || (n > 2 && h == left.2) || (n > 3 && h == left.3))
        }
        // a's other names against b's birth name and b's other names.
        if let bn = b.birthName, inLeft(bn.compact) { return true }
        if let bu = b.usedName, inLeft(bu.compact) { return true }
        // b's other names against a's birth name.
        if let an = a.birthName {
            if let bu = b.usedName, bu.compact == an.compact { return true }
            for alt in b.birthName?.alternates ?? [] where alt == an.compact { return true }
            for alt in b.usedName?.alternates ?? [] where alt == an.compact { return true }
        }
        return false
    }

    static func shareToken(_ a: PreparedName, _ b: PreparedName) -> Bool {
        // One side compound: its parts against the other's whole compact form or parts.
        for t in a.tokens {
            if t == b.compact { return true }
            for u in b.tokens where u == t { return true }
        }
        for u in b.tokens where u == a.compact { return true }
        return false
    }

    static func compareFirstNames(_ a: PreparedFirstNames?, _ b: PreparedFirstNames?) -> FirstNameLevel {
        guard let a, let b else { return .missing }
        if a.names[0] == b.names[0] { return a.names == b.names ? .exact : .first }
        if a.firstCompact == b.firstCompact || a.allCompact == b.allCompact
            || (a.firstTwoCompact != 0 && a.firstTwoCompact == b.firstCompact)
            || (b.firstTwoCompact != 0 && b.firstTwoCompact == a.firstCompact)
        {
            return .compound
        }
        if b.names.dropFirst().contains(a.names[0]) || a.names.dropFirst().contains(b.names[0]) { return .anyName }
        if a.firstPhonetic == b.firstPhonetic { return .phonetic }
        if jaroWinkler(a.firstBytes, b.firstBytes) >= 0.92 { return .close }
        if shortenedCompound(a, b) || shortenedCompound(b, a) { return .compoundPart }
        for x in a.components where b.components.contains(x) { return .component }
        return .different
    }

    /// `simple`'s first name is a part of `compound`'s first first name, and nothing after it contradicts:
    /// "JEAN" / "JEAN-YVES" yes, but not "JEAN GABRIEL" / "JEAN-YVES" (twins).
    static func shortenedCompound(_ simple: PreparedFirstNames, _ compound: PreparedFirstNames) -> Bool {
        guard simple.firstIsSimple, compound.firstComponents.contains(simple.names[0]) else { return false }
        return simple.names.dropFirst().allSatisfy { compound.names.contains($0) || compound.firstComponents.contains($0) }
    }

    static func compareDates(_ a: PreparedDate?, _ b: PreparedDate?) -> DateLevel {
        guard let a, let b else { return .missing }
        if a == b { return a.isComplete ? .exact : .partial }
        // A lunar date says nothing about a different date: no digit or part of it is known to be a calendar's.
        if !a.isCalendar || !b.isCalendar { return .missing }
        if a.isComplete && b.isComplete {
            if a.year == b.year && a.day == b.month && a.month == b.day { return .swapped }
            if oneDigitApart(a.digits, b.digits) { return .oneDigit }
            if a.year == b.year {
                let aPlaceholder = a.month == 1 && a.day == 1
                let bPlaceholder = b.month == 1 && b.day == 1
                return aPlaceholder || bPlaceholder ? .placeholder : .sameYear
            }
            return a.year > b.year + 14 || b.year > a.year + 14 ? .distant : .different
        }
        // A partial side: compare the parts both know.
        if a.year != b.year {
            if oneDigitApart(UInt32(a.year), UInt32(b.year)) && a.month == b.month && a.day == b.day { return .oneDigit }
            return a.year > b.year + 14 || b.year > a.year + 14 ? .distant : .different
        }
        let monthAgrees = a.month == 0 || b.month == 0 || a.month == b.month
        let dayAgrees = a.day == 0 || b.day == 0 || a.day == b.day
        return monthAgrees && dayAgrees ? .partial : .sameYear
    }

    /// One decimal digit substituted, or two adjacent digits swapped, in two numbers of the same width.
    static func oneDigitApart(_ x: UInt32, _ y: UInt32) -> Bool {
        var a = x
        var b = y
        var pos = 0
        var first = -1
        var second = -1
        var a1: UInt32 = 0
        var b1: UInt32 = 0
        var a2: UInt32 = 0
        var b2: UInt32 = 0
        while a > 0 || b > 0 {
            let ca = a % 10
            let cb = b % 10
            if ca != cb {
                if first < 0 {
                    first = pos
                    a1 = ca
                    b1 = cb
                } else if second < 0 {
                    second = pos
                    a2 = ca
                    b2 = cb
                } else {
                    return false
                }
            }
            a /= 10
            b /= 10
            pos += 1
        }
        if first >= 0 && second < 0 { return true }
        return second == first + 1 && a1 == b2 && a2 == b1
    }

    static func comparePlaces(_ a: PreparedPlace?, _ b: PreparedPlace?) -> PlaceLevel {
        guard let a, let b else { return .missing }
        if a.code == b.code { return .exact }
        // The same place written at another grain (the commune for one of its arrondissements) counts as the
        // same place through the COG; two different arrondissements stay two places of one department.
        if a.current == b.current || a.municipality == b.code || b.municipality == a.code { return .history }
        if !a.isAbroad && a.department != 0 && a.department == b.department { return .sameDepartment }
        return .different
    }
}
