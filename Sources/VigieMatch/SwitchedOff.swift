/// Levels, decision rules and blocking passes switched off, to measure what each one brings (an ablation:
/// `vigie dedupe --switch-off NAME,…`, `Benchmarks/ablation/run.py`). Nothing is switched off by default, and
/// a model with nothing switched off saves no key for it (model.json unchanged).
///
/// The names are made from the data that defines each component, never a second list:
/// - a comparison level: `field.label` (`birth_name.same-letters-spaces-ignored`, `birth_date.day-10-apart`);
///   the comparison then falls through to the next level it would test, as if the level did not exist;
/// - a decision rule: the alert it raises (`possible-twins`, `later-first-names-differ`, `ambiguous-record`…),
///   or one of ``Rule``'s names for the rules that raise no alert of their own;
/// - a blocking pass: `blocking.` and its short name (`blocking.date-any-name`).
public struct SwitchedOff: Sendable, Hashable {
    /// Rules without an alert of their own.
    public enum Rule: String, Sendable, CaseIterable {
        /// Two independent contradictions make a non-match (``RuleThresholds/contradictionsForNonMatch``).
        case twoContradictions = "two-contradictions"
        /// Two common first names a letter or a sound apart are two first names (the frequency part of the twin
        /// signature, ``RuleThresholds/twoFirstNames``).
        case twoCommonFirstNames = "two-common-first-names"
        /// Only the year in common counts as a date contradiction.
        case sameYearContradicts = "same-year-contradicts"
        /// A first-name list nested in the other (reordered or cut) is not taken for twins.
        case nestedListsNotTwins = "nested-lists-not-twins"
        /// Dates 15 years or more apart, or boy/girl twins, are a non-match.
        case parentChildNonMatch = "parent-child-non-match"
        /// An oversized block's sorted neighbourhood in two orders, name then date and first name then date
        /// (``BlockingIndex/neighbourhoodKey(_:order:)``); off, the compact birth name alone.
        case neighbourhoodOrders = "neighbourhood-orders"
        /// The labels (`--decisions`) re-estimate m (``LabelLearning``).
        case labelM = "label-m"
        /// The labels calibrate the match threshold (``LabelCalibration``).
        case labelThreshold = "label-threshold"
    }

    /// Per field (birth name, first names, birth date, birth place), bit `level` set when the level is off:
    /// plain integers, read on every comparison.
    var nameLevels: UInt64 = 0
    var firstNameLevels: UInt64 = 0
    var dateLevels: UInt64 = 0
    var placeLevels: UInt64 = 0
    var alerts: MatchAlerts = []
    var rules: Set<Rule> = []
    var passes: Set<BlockingPass> = []

    public static let none = SwitchedOff()

    public init() {}

    /// Reads names (see the type's comment); an unknown name is refused with the list of known ones.
    public init(names: [String]) throws(SwitchedOffError) {
        for name in names where !name.isEmpty {
            if let rule = Rule(rawValue: name) {
                rules.insert(rule)
            } else if let alert = Self.switchableAlerts.first(where: { $0.1 == name })?.0 {
                alerts.insert(alert)
            } else if let pass = BlockingPass.allCases.first(where: { "blocking.\($0.shortName)" == name }) {
                passes.insert(pass)
            } else if let level = Self.level(named: name) {
                setLevel(level.field, level.index)
            } else {
                throw .unknown(name)
            }
        }
    }

    /// `field.label` → field and level index (never "missing", never a disagreement level: the comparison
    /// needs somewhere to fall).
    static func level(named name: String) -> (field: MatchField, index: Int)? {
        for f in MatchField.allCases {
            for (i, d) in f.definitions.enumerated() where d.role == .agreement && i > 1 && "\(f).\(d.label)" == name {
                return (f, i)
            }
        }
        return nil
    }

    /// Every name that can be switched off, in a fixed order (levels, rules, alerts, passes).
    public static var allNames: [String] {
        var out: [String] = []
        for f in MatchField.allCases {
            for (i, d) in f.definitions.enumerated() where d.role == .agreement && i > 1 { out.append("\(f).\(d.label)") }
        }
        out += Rule.allCases.map(\.rawValue)
        out += switchableAlerts.map(\.1)
        out += BlockingPass.allCases.map { "blocking.\($0.shortName)" }
        return out
    }

    /// The alerts that stand for a rule one can switch off (clustering's own outcomes and the INS ones cannot).
    static var switchableAlerts: [(MatchAlerts, String)] {
        let kept: [MatchAlerts] = [.clusterConflict, .insCollision, .conflictingINS]
        return MatchAlerts.all.filter { !kept.contains($0.0) }
    }

    /// The names set, in ``allNames`` order (what model.json saves).
    public var names: [String] {
        Self.allNames.filter { name in
            if let r = Rule(rawValue: name) { return rules.contains(r) }
            if let a = Self.switchableAlerts.first(where: { $0.1 == name })?.0 { return alerts.contains(a) }
            if let p = BlockingPass.allCases.first(where: { "blocking.\($0.shortName)" == name }) { return passes.contains(p) }
            if let level = Self.level(named: name) { return mask(level.field) & (1 << UInt64(level.index)) != 0 }
            return false
        }
    }

    public var isEmpty: Bool { self == .none }

    func mask(_ f: MatchField) -> UInt64 {
        switch f {
        case .birthName: return nameLevels
        case .firstNames: return firstNameLevels
        case .birthDate: return dateLevels
        case .birthPlace: return placeLevels
        case .sex, .ins: return 0
        }
    }

    mutating func setLevel(_ f: MatchField, _ l: Int) {
        let bit: UInt64 = 1 << UInt64(l)
        switch f {
        case .birthName: nameLevels |= bit
        case .firstNames: firstNameLevels |= bit
        case .birthDate: dateLevels |= bit
        case .birthPlace: placeLevels |= bit
        case .sex, .ins: break
        }
    }

    @inline(__always)
    func off(_ level: NameLevel) -> Bool { nameLevels & (1 << UInt64(level.rawValue)) != 0 }
    @inline(__always)
    func off(_ level: FirstNameLevel) -> Bool { firstNameLevels & (1 << UInt64(level.rawValue)) != 0 }
    @inline(__always)
    func off(_ level: DateLevel) -> Bool { dateLevels & (1 << UInt64(level.rawValue)) != 0 }
    @inline(__always)
    func off(_ level: PlaceLevel) -> Bool { placeLevels & (1 << UInt64(level.rawValue)) != 0 }
    public func off(_ rule: Rule) -> Bool { rules.contains(rule) }
    func off(_ alert: MatchAlerts) -> Bool { alerts.contains(alert) }
}

/// A name `--switch-off` does not know.
public enum SwitchedOffError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknown(String)

    public var description: String {
        switch self {
        case .unknown(let name):
            return "cannot switch off '\(name)': known names are " + SwitchedOff.allNames.joined(separator: ", ")
        }
    }
}
