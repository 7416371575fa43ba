import Foundation
import VigieIdentity

/// A PDQm Patient search (ITI-78) or `$match` (ITI-119) read into typed criteria.
public struct PatientQuery: Sendable, Hashable {
    /// `_id`: RI ids.
    public var ids: [String] = []
    /// `identifier`: `system|value` pairs (an INS by its OID system, a local id by its domain's system).
    public var identifiers: [(system: String?, value: String)] = []
    /// `family` (birth or used name).
    public var family: String?
    /// `given`.
    public var given: String?
    /// `birthdate` (exact; a partial date matches within it).
    public var birthDate: BirthDate?
    /// `gender`.
    public var sex: Sex?

    public init() {}

    public static func == (a: PatientQuery, b: PatientQuery) -> Bool {
        a.ids == b.ids && a.identifiers.map { "\($0.system ?? "")|\($0.value)" } == b.identifiers.map { "\($0.system ?? "")|\($0.value)" }
            && a.family == b.family && a.given == b.given && a.birthDate == b.birthDate && a.sex == b.sex
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ids)
        hasher.combine(family)
        hasher.combine(given)
    }

    /// Whether the query names anything to search by.
    public var isEmpty: Bool { ids.isEmpty && identifiers.isEmpty && family == nil && given == nil && birthDate == nil && sex == nil }

    /// Reads ITI-78 query parameters (already percent-decoded). An unknown parameter, a malformed value or a
    /// search with no criterion is a 400 OperationOutcome naming the parameter; `_count` and `_format` are
    /// handled by the caller.
    public init(searchParameters parameters: [(name: String, value: String)]) throws(FHIRError) {
        for (name, value) in parameters {
            let base = name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? name
            switch base {
            case "_count", "_format": continue
            case "_id": ids += value.split(separator: ",").map(String.init)
            case "identifier":
                for item in value.split(separator: ",") { identifiers.append(Self.token(item)) }
            case "family": family = try Self.nonEmpty(value, name)
            case "given": given = try Self.nonEmpty(value, name)
            case "birthdate": birthDate = try Self.date(value, name)
            case "gender": sex = try Self.gender(value, name)
            default:
                throw FHIRError(status: 400, code: .notSupported, "unknown search parameter \(name)", expression: name)
            }
        }
        guard !isEmpty else { throw FHIRError(status: 400, code: .required, "a search needs at least one criterion") }
    }

    static func token(_ text: Substring) -> (system: String?, value: String) {
        guard let bar = text.firstIndex(of: "|") else { return (nil, String(text)) }
        let system = String(text[..<bar])
        return (system.isEmpty ? nil : system, String(text[text.index(after: bar)...]))
    }

    static func nonEmpty(_ value: String, _ name: String) throws(FHIRError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw FHIRError(status: 400, code: .value, "\(name) is empty", expression: name) }
        return trimmed
    }

    /// FHIR `date` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), with an optional `eq` prefix (the only one supported).
    static func date(_ value: String, _ name: String) throws(FHIRError) -> BirthDate {
        var text = Substring(value)
        if text.hasPrefix("eq") { text = text.dropFirst(2) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            let year = Int(parts[0]), let month = parts.count > 1 ? Int(parts[1]) : 0, let day = parts.count > 2 ? Int(parts[2]) : 0,
            let date = try? BirthDate(year: year, month: month, day: day)
        else {
            throw FHIRError(status: 400, code: .value, "\(name) must be a date YYYY, YYYY-MM or YYYY-MM-DD (prefix eq only)", expression: name)
        }
        return date
    }

    static func gender(_ value: String, _ name: String) throws(FHIRError) -> Sex {
        switch value {
        case "male": return .male
        case "female": return .female
        case "unknown", "other": return .unknown
        default: throw FHIRError(status: 400, code: .value, "\(name) must be male, female, other or unknown", expression: name)
        }
    }
}
