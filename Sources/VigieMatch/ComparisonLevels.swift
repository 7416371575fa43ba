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

    /// The comparison levels of this field, most specific first (their labels); level 0 is always "missing"
    /// (either side empty: weight 0, the field says nothing).
    public var levels: [String] { Self.labels[rawValue] }

    /// The definitions of this field's levels, in level order: label, threshold, built-in m/u, role.
    public var definitions: [ComparisonLevel] { Self.tables[rawValue] }

    private static let tables: [[ComparisonLevel]] = allCases.map(\.table)
    private static let labels: [[String]] = tables.map { $0.map(\.label) }

    private var table: [ComparisonLevel] {
        switch self {
        case .birthName: return NameLevel.table
        case .firstNames: return FirstNameLevel.table
        case .birthDate: return DateLevel.table
        case .birthPlace: return PlaceLevel.table
        case .sex: return SexLevel.table
        case .ins: return INSLevel.table
        }
    }
}

/// One comparison level, as data: the one place where its label, the threshold its comparison uses, its
/// built-in m/u and its role are written. The comparator reads the threshold from here, the label is made
/// from it ("jaro-winkler-0.94"), the built-in model and the saved model's level list are made from these
/// definitions, and the comparison vector packs the levels by their index in the field's list.
public struct ComparisonLevel: Sendable, Hashable {
    /// What agreement the level stands for; the training's ordering guard reads it.
    public enum Role: Sendable, Hashable {
        /// Either side empty: weight 0.
        case missing
        /// Agreement, full or partial: never weighs more than the field's first (exact) level.
        case agreement
        /// Disagreement: never weighs more than 0 nor more than any agreement level.
        case disagreement
    }

    /// The label written in explanations, reports and model.json.
    public let label: String
    /// The similarity (or distance) the comparison tests, when the level has one (Jaro–Winkler at least 0.94,
    /// dates at least 15 years apart).
    public let threshold: Double?
    /// Built-in m: P(level | same person).
    public let m: Double
    /// Built-in u: P(level | two persons).
    public let u: Double
    public let role: Role

    static let missing = ComparisonLevel(label: "missing", threshold: nil, m: 1, u: 1, role: .missing)

    static func agreement(_ label: String, m: Double, u: Double) -> ComparisonLevel {
        ComparisonLevel(label: label, threshold: nil, m: m, u: u, role: .agreement)
    }

    static func disagreement(_ label: String, m: Double, u: Double) -> ComparisonLevel {
        ComparisonLevel(label: label, threshold: nil, m: m, u: u, role: .disagreement)
    }

    /// A level defined by a threshold; its label names it ("jaro-winkler-0.94").
    static func similarity(_ measure: String, atLeast threshold: Double, m: Double, u: Double) -> ComparisonLevel {
        ComparisonLevel(label: "\(measure)-\(threshold)", threshold: threshold, m: m, u: u, role: .agreement)
    }
}

/// A field's levels: an enum whose cases are the levels, each defined once in ``define(_:)``.
protocol LevelKind: CaseIterable, Sendable, RawRepresentable where RawValue == UInt8, AllCases == [Self] {
    /// The definition of one level (an exhaustive switch: a new case cannot be left undefined).
    static func define(_ level: Self) -> ComparisonLevel
}

extension LevelKind {
    /// The definitions in level order.
    static var table: [ComparisonLevel] { allCases.map(define) }
    var label: String { Self.define(self).label }
    /// The level's threshold (only for levels defined by one).
    var threshold: Double { Self.define(self).threshold! }
}

/// Levels for the birth name (with the used name for crossed comparisons).
enum NameLevel: UInt8, LevelKind {
    /// Either birth name empty.
    case missing
    /// Same INS form.
    case exact
    /// Same without separators and particles ("LE GALL" / "LE-GALL", "DE LA FONTAINE" / "FONTAINE").
    case compact
    /// The same letters once every space, hyphen and apostrophe is ignored, particles kept: a typo across a
    /// particle's space ("L EGUERN" / "LE GUERN" / "LEGUERN").
    case glued
    /// The birth name of one is the used name (or a name after EP / NEE...) of the other.
    case crossed
    /// Birth name and first name swapped between the records.
    case inverted
    /// A shifted list: the birth name of each is one of the other's first names, not both in first place (the
    /// first first name typed in the birth-name field, the birth name moved into the first names).
    case shifted
    /// Same French phonetic key.
    case phonetic
    /// One part of a compound name equal ("DUPONT-MARTIN" / "MARTIN").
    case token
    /// Jaro–Winkler ≥ 0.94 on the compact forms (one typo in a long name).
    case close
    /// Jaro–Winkler ≥ 0.88.
    case similar
    /// One edit apart on the compact forms (a letter dropped, added, changed or two swapped), below the
    /// Jaro–Winkler levels: a typo in a short name (DAY / DAU, ORY / ORH) or near its start (PRETRE / PTETRE),
    /// a digit read for a letter (5UET / SUET). Scoring keeps it only when one spelling is rare next to the other
    /// (as for first names); two common spellings, or no frequencies to tell, are two names.
    case oneEdit
    /// Nothing in common.
    case different

    static func define(_ level: NameLevel) -> ComparisonLevel {
        switch level {
        case .missing: return .missing
        case .exact: return .agreement("exact", m: 0.86, u: 0.001)
        case .compact: return .agreement("exact-compact", m: 0.02, u: 0.0001)
        case .glued: return .agreement("same-letters-spaces-ignored", m: 0.01, u: 0.00005)
        case .crossed: return .agreement("birth-used-crossed", m: 0.03, u: 0.0002)
        case .inverted: return .agreement("inverted-with-first-name", m: 0.003, u: 0.000005)
        case .shifted: return .agreement("shifted-into-first-names", m: 0.002, u: 0.000005)
        case .phonetic: return .agreement("phonetic", m: 0.03, u: 0.002)
        case .token: return .agreement("one-part-of-compound", m: 0.01, u: 0.0005)
        case .close: return .similarity("jaro-winkler", atLeast: 0.94, m: 0.02, u: 0.001)
        case .similar: return .similarity("jaro-winkler", atLeast: 0.88, m: 0.01, u: 0.004)
        case .oneEdit: return .agreement("one-edit", m: 0.005, u: 0.0005)
        case .different: return .disagreement("different", m: 0.017, u: 0.991)
        }
    }
}

/// Levels for the ordered list of birth first names.
enum FirstNameLevel: UInt8, LevelKind {
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
    /// One edit apart (a letter dropped, added, changed or two swapped: THOMAS / TOAS). Scoring keeps it only
    /// when one spelling is rare next to the other; two common spellings are two first names (ELLA / ELSA).
    case oneEdit
    /// Different first names: strong evidence of two persons (twins, siblings).
    case different

    static func define(_ level: FirstNameLevel) -> ComparisonLevel {
        switch level {
        case .missing: return .missing
        case .exact: return .agreement("exact", m: 0.78, u: 0.004)
        case .first: return .agreement("first-equal", m: 0.08, u: 0.006)
        case .compound: return .agreement("hyphen-space-variant", m: 0.01, u: 0.0002)
        case .anyName: return .agreement("any-equal", m: 0.02, u: 0.003)
        case .compoundPart: return .agreement("part-of-compound", m: 0.02, u: 0.0005)
        case .component: return .agreement("component-only", m: 0.005, u: 0.004)
        case .phonetic: return .agreement("phonetic", m: 0.02, u: 0.006)
        case .close: return .similarity("jaro-winkler", atLeast: 0.92, m: 0.03, u: 0.01)
        case .oneEdit: return .agreement("one-edit", m: 0.01, u: 0.003)
        case .different: return .disagreement("different", m: 0.035, u: 0.9665)
        }
    }
}

/// Levels for the birth date.
enum DateLevel: UInt8, LevelKind {
    case missing
    /// Same complete date.
    case exact
    /// Equal where both are known, with an unknown (00) month or day on a side.
    case partial
    /// Day and month swapped.
    case swapped
    /// The day 10 apart, same month and year (a slip on the tens key: 08 / 18).
    case dayTen
    /// The year 10 apart, same day and month (1975 / 1985, 1999 / 2009).
    case yearTen
    /// Two adjacent digits swapped in YYYYMMDD (1975 / 1957, 12 / 21).
    case transposed
    /// One other digit differs in YYYYMMDD.
    case oneDigit
    /// Same year, and one side is the 01/01 placeholder for an unknown date.
    case placeholder
    /// Only the year in common.
    case sameYear
    /// Different dates less than 15 years apart.
    case different
    /// Dates 15 years or more apart (and not a one-digit typo): a parent and a child, never one person.
    case distant

    static func define(_ level: DateLevel) -> ComparisonLevel {
        switch level {
        case .missing: return .missing
        case .exact: return .agreement("exact", m: 0.88, u: 0.00004)
        case .partial: return .agreement("equal-where-known", m: 0.01, u: 0.00002)
        case .swapped: return .agreement("day-month-swapped", m: 0.01, u: 0.00003)
        case .dayTen: return .agreement("day-10-apart", m: 0.01, u: 0.00005)
        case .yearTen: return .agreement("year-10-apart", m: 0.01, u: 0.00005)
        case .transposed: return .agreement("digits-transposed", m: 0.01, u: 0.00002)
        case .oneDigit: return .agreement("one-digit", m: 0.04, u: 0.00035)
        case .placeholder: return .agreement("01-01-placeholder", m: 0.01, u: 0.0002)
        case .sameYear: return .agreement("same-year", m: 0.01, u: 0.012)
        case .different: return .disagreement("different", m: 0.025, u: 0.25)
        // Labelled "distant" (the threshold is in years, the label predates it).
        case .distant:
            return ComparisonLevel(label: "distant", threshold: 15, m: 0.005, u: 0.737, role: .disagreement)
        }
    }

    /// Years apart from which two dates are a parent's and a child's.
    static let distantYears = Int(DateLevel.distant.threshold)
}

/// Levels for the birth place (INSEE COG code).
enum PlaceLevel: UInt8, LevelKind {
    case missing
    case exact
    /// Different codes of the same place through the COG history (merged or renamed commune), or a commune
    /// and one of its municipal arrondissements.
    case history
    case sameDepartment
    case different

    static func define(_ level: PlaceLevel) -> ComparisonLevel {
        switch level {
        case .missing: return .missing
        case .exact: return .agreement("exact", m: 0.90, u: 0.003)
        case .history: return .agreement("same-place-cog-history", m: 0.01, u: 0.0001)
        case .sameDepartment: return .agreement("same-department", m: 0.04, u: 0.03)
        case .different: return .disagreement("different", m: 0.05, u: 0.967)
        }
    }
}

enum SexLevel: UInt8, LevelKind {
    case missing, equal, different

    static func define(_ level: SexLevel) -> ComparisonLevel {
        switch level {
        case .missing: return .missing
        case .equal: return .agreement("equal", m: 0.98, u: 0.5)
        case .different: return .disagreement("different", m: 0.02, u: 0.5)
        }
    }
}

enum INSLevel: UInt8, LevelKind {
    case missing, equal, different

    static func define(_ level: INSLevel) -> ComparisonLevel {
        switch level {
        case .missing: return .missing
        case .equal: return .agreement("equal", m: 0.98, u: 0.00001)
        case .different: return .disagreement("conflicting", m: 0.02, u: 0.99999)
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
    /// The thresholds the comparisons test, read from the level definitions (written there only).
    enum Thresholds {
        static let nameClose = NameLevel.close.threshold
        static let nameSimilar = NameLevel.similar.threshold
        static let firstNameClose = FirstNameLevel.close.threshold
        /// Two later first names, or two used names, within a typo: the name's "similar" level.
        static let sameName = NameLevel.similar.threshold
    }

    /// Dates at least ``DateLevel/distantYears`` apart.
    @inline(__always)
    static func distant(_ x: UInt16, _ y: UInt16) -> Bool { abs(Int(x) - Int(y)) >= DateLevel.distantYears }

    /// `off`: levels switched off (an ablation, ``SwitchedOff``): the comparison falls through to the next level.
    static func compare(_ a: PreparedRecord, _ b: PreparedRecord, off: SwitchedOff = .none) -> ComparisonVector {
        var nameLevel = compareNames(a, b, off: off)
        var firstLevel = compareFirstNames(a.firstNames, b.firstNames, off: off)
        if nameLevel != .exact && nameLevel != .compact && firstLevel != .exact && firstLevel != .first,
            !off.off(NameLevel.inverted), isInverted(a, b)
        {
            // The swap carries both agreements: the name on the name's level, the first name as first-equal.
            nameLevel = .inverted
            firstLevel = .first
        }
        var shifted = false
        if nameLevel != .exact && nameLevel != .compact && nameLevel != .glued && nameLevel != .inverted
            && firstLevel != .exact && firstLevel != .first && !off.off(NameLevel.shifted) && isShifted(a, b)
        {
            nameLevel = .shifted
            firstLevel = .first
            shifted = true
        }
        var v = ComparisonVector(
            name: nameLevel, firstNames: firstLevel, birthDate: compareDates(a.birthDate, b.birthDate, off: off),
            birthPlace: comparePlaces(a.birthPlace, b.birthPlace, off: off), sex: compareSex(a.sex, b.sex),
            ins: a.ins == 0 || b.ins == 0 ? .missing : (a.ins == b.ins ? .equal : .different))
        // A shifted list's later names are out of step: their order says nothing.
        if firstLevel == .first, !shifted, let af = a.firstNames, let bf = b.firstNames {
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
        return jaroWinkler(x, y) >= Thresholds.sameName || StringSimilarity.withinOneEdit(x, y)
    }

    /// Two used names with nothing in common: not the same spelling, sound, part of a compound ("DUPONT" /
    /// "DUPONT MARTIN") or a typo away (Jaro–Winkler below 0.88).
    static func usedNamesDiffer(_ a: PreparedName, _ b: PreparedName) -> Bool {
        if a.compact == b.compact || a.phonetic == b.phonetic || shareToken(a, b) { return false }
        return jaroWinkler(a.compactBytes, b.compactBytes) < Thresholds.sameName
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
        if an.compact == bf.firstCompact && bn.compact == af.firstCompact { return true }
        // Swapped and typed with a slip on a side (ELIOF PEYGNE / PEIGNE ELIOT): each cross pair within one edit,
        // names of four letters or more (shorter ones are a letter away from too many others). Two errors in one
        // pair, the common case in typed data: before, such pairs were `different` on both fields and only just
        // reached review.
        func near(_ x: [UInt8], _ y: [UInt8]) -> Bool {
            x.count >= 4 && y.count >= 4 && StringSimilarity.withinOneEdit(x, y)
        }
        return near(an.compactBytes, bf.firstBytes) && near(bn.compactBytes, af.firstBytes)
    }

    /// Each birth name is one of the other record's first names (any place in the list), and the two birth
    /// names differ: the list shifted by one field, of which the full swap is the simplest case.
    static func isShifted(_ a: PreparedRecord, _ b: PreparedRecord) -> Bool {
        guard let an = a.birthName, let bn = b.birthName, let af = a.firstNames, let bf = b.firstNames,
            an.compact != bn.compact
        else { return false }
        return bf.namesCompact.contains(an.compact) && af.namesCompact.contains(bn.compact)
    }

    static func compareNames(_ a: PreparedRecord, _ b: PreparedRecord, off: SwitchedOff = .none) -> NameLevel {
        guard let an = a.birthName, let bn = b.birthName else {
            // A birth name on one side only can still meet the other's used name.
            return !off.off(NameLevel.crossed) && crossed(a, b) ? .crossed : .missing
        }
        if an.full == bn.full { return .exact }
        if an.compact == bn.compact && !off.off(NameLevel.compact) { return .compact }
        if an.glued == bn.glued && !off.off(NameLevel.glued) { return .glued }
        if !off.off(NameLevel.crossed) && crossed(a, b) { return .crossed }
        if an.phonetic == bn.phonetic && !off.off(NameLevel.phonetic) { return .phonetic }
        if !off.off(NameLevel.token) && shareToken(an, bn) { return .token }
        let jw = jaroWinkler(an.compactBytes, bn.compactBytes)
        if jw >= Thresholds.nameClose && !off.off(NameLevel.close) { return .close }
        if jw >= Thresholds.nameSimilar && !off.off(NameLevel.similar) { return .similar }
        if !off.off(NameLevel.oneEdit) && StringSimilarity.withinOneEdit(an.compactBytes, bn.compactBytes) {
            return .oneEdit
        }
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

    static func compareFirstNames(
        _ a: PreparedFirstNames?, _ b: PreparedFirstNames?, off: SwitchedOff = .none
    ) -> FirstNameLevel {
        guard let a, let b else { return .missing }
        if a.names[0] == b.names[0] {
            if a.names == b.names { return .exact }
            if !off.off(FirstNameLevel.first) { return .first }
        }
        if !off.off(FirstNameLevel.compound)
            && (a.firstCompact == b.firstCompact || a.allCompact == b.allCompact
                || (a.firstTwoCompact != 0 && a.firstTwoCompact == b.firstCompact)
                || (b.firstTwoCompact != 0 && b.firstTwoCompact == a.firstCompact))
        {
            return .compound
        }
        if !off.off(FirstNameLevel.anyName)
            && (b.names.dropFirst().contains(a.names[0]) || a.names.dropFirst().contains(b.names[0]))
        {
            return .anyName
        }
        if a.firstPhonetic == b.firstPhonetic && !off.off(FirstNameLevel.phonetic) { return .phonetic }
        if !off.off(FirstNameLevel.close) && jaroWinkler(a.firstBytes, b.firstBytes) >= Thresholds.firstNameClose {
            return .close
        }
        if !off.off(FirstNameLevel.compoundPart) && (shortenedCompound(a, b) || shortenedCompound(b, a)) {
            return .compoundPart
        }
        if !off.off(FirstNameLevel.component) { for x in a.components where b.components.contains(x) { return .component } }
        if !off.off(FirstNameLevel.oneEdit) && StringSimilarity.withinOneEdit(a.firstBytes, b.firstBytes) {
            return .oneEdit
        }
        return .different
    }

    /// `simple`'s first name is a part of `compound`'s first first name, and nothing after it contradicts:
    /// "JEAN" / "JEAN-YVES" yes, but not "JEAN GABRIEL" / "JEAN-YVES" (twins).
    static func shortenedCompound(_ simple: PreparedFirstNames, _ compound: PreparedFirstNames) -> Bool {
        guard simple.firstIsSimple, compound.firstComponents.contains(simple.names[0]) else { return false }
        return simple.names.dropFirst().allSatisfy { compound.names.contains($0) || compound.firstComponents.contains($0) }
    }

    static func compareDates(_ a: PreparedDate?, _ b: PreparedDate?, off: SwitchedOff = .none) -> DateLevel {
        guard let a, let b else { return .missing }
        // Only the year in common, or less when that level is switched off.
        let yearOnly: DateLevel = off.off(DateLevel.sameYear) ? .different : .sameYear
        if a == b { return a.isComplete ? .exact : (off.off(DateLevel.partial) ? yearOnly : .partial) }
        if a.isComplete && b.isComplete {
            if a.year == b.year && a.day == b.month && a.month == b.day && !off.off(DateLevel.swapped) { return .swapped }
            if a.year == b.year && a.month == b.month && (a.day == b.day &+ 10 || b.day == a.day &+ 10)
                && !off.off(DateLevel.dayTen)
            {
                return .dayTen
            }
            if a.month == b.month && a.day == b.day && (a.year == b.year &+ 10 || b.year == a.year &+ 10)
                && !off.off(DateLevel.yearTen)
            {
                return .yearTen
            }
            switch digitSlip(a.digits, b.digits) {
            case .substituted where !off.off(DateLevel.oneDigit): return .oneDigit
            case .transposed where !off.off(DateLevel.transposed): return .transposed
            default: break
            }
            if a.year == b.year {
                let aPlaceholder = a.month == 1 && a.day == 1
                let bPlaceholder = b.month == 1 && b.day == 1
                return (aPlaceholder || bPlaceholder) && !off.off(DateLevel.placeholder) ? .placeholder : yearOnly
            }
            return distant(a.year, b.year) ? .distant : .different
        }
        // A partial side: compare the parts both know.
        if a.year != b.year {
            if a.month == b.month && a.day == b.day {
                if (a.year == b.year &+ 10 || b.year == a.year &+ 10) && !off.off(DateLevel.yearTen) { return .yearTen }
                switch digitSlip(UInt32(a.year), UInt32(b.year)) {
                case .substituted where !off.off(DateLevel.oneDigit): return .oneDigit
                case .transposed where !off.off(DateLevel.transposed): return .transposed
                default: break
                }
            }
            return distant(a.year, b.year) ? .distant : .different
        }
        let monthAgrees = a.month == 0 || b.month == 0 || a.month == b.month
        let dayAgrees = a.day == 0 || b.day == 0 || a.day == b.day
        return monthAgrees && dayAgrees && !off.off(DateLevel.partial) ? .partial : yearOnly
    }

    enum DigitSlip { case substituted, transposed }

    /// One decimal digit substituted, or two adjacent digits swapped, in two numbers of the same width.
    static func oneDigitApart(_ x: UInt32, _ y: UInt32) -> Bool { digitSlip(x, y) != nil }

    /// Which slip turns one number into the other: one digit substituted, two adjacent digits swapped, or
    /// neither (nil).
    static func digitSlip(_ x: UInt32, _ y: UInt32) -> DigitSlip? {
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
                    return nil
                }
            }
            a /= 10
            b /= 10
            pos += 1
        }
        if first >= 0 && second < 0 { return .substituted }
        return second == first + 1 && a1 == b2 && a2 == b1 ? .transposed : nil
    }

    static func comparePlaces(_ a: PreparedPlace?, _ b: PreparedPlace?, off: SwitchedOff = .none) -> PlaceLevel {
        guard let a, let b else { return .missing }
        if a.code == b.code { return .exact }
        // The same place written at another grain (the commune for one of its arrondissements) counts as the
        // same place through the COG; two different arrondissements stay two places of one department.
        if (a.current == b.current || a.municipality == b.code || b.municipality == a.code) && !off.off(PlaceLevel.history) {
            return .history
        }
        if !a.isAbroad && a.department != 0 && a.department == b.department && !off.off(PlaceLevel.sameDepartment) {
            return .sameDepartment
        }
        return .different
    }
}
