import Foundation
import VigieIdentity

/// The input of `POST /fhir/Patient/$match` (IHE PDQm ITI-119): a Parameters resource holding a Patient
/// (`resource`), with optional `count` and `onlyCertainMatches`.
public struct PatientMatchRequest: Sendable, Hashable {
    public var query: PatientQuery
    public var count: Int
    public var onlyCertainMatches: Bool

    /// The most candidates returned when the request does not say (ITI-119 leaves it to the server).
    public static let defaultCount = 10
    public static let maximumCount = 100

    /// Reads the request body; a malformed body is a 400 OperationOutcome naming the element.
    public init(parametersJSON body: [UInt8]) throws(FHIRError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw FHIRError(status: 400, code: .invalid, "the body must be a JSON Parameters resource")
        }
        guard object["resourceType"] as? String == "Parameters" else {
            throw FHIRError(status: 400, code: .invalid, "resourceType must be Parameters", expression: "Parameters")
        }
        let parameters = object["parameter"] as? [[String: Any]] ?? []
        var patient: [String: Any]?
        count = Self.defaultCount
        onlyCertainMatches = false
        for parameter in parameters {
            switch parameter["name"] as? String {
            case "resource":
                patient = parameter["resource"] as? [String: Any]
            case "count":
                guard let value = parameter["valueInteger"] as? Int, (1...Self.maximumCount).contains(value) else {
                    throw FHIRError(status: 400, code: .value, "count must be an integer from 1 to \(Self.maximumCount)", expression: "Parameters.parameter.where(name='count')")
                }
                count = value
            case "onlyCertainMatches":
                guard let value = parameter["valueBoolean"] as? Bool else {
                    throw FHIRError(status: 400, code: .value, "onlyCertainMatches must be a boolean", expression: "Parameters.parameter.where(name='onlyCertainMatches')")
                }
                onlyCertainMatches = value
            default:
                continue
            }
        }
        guard let patient, patient["resourceType"] as? String == "Patient" else {
            throw FHIRError(status: 400, code: .required, "a parameter resource holding a Patient is required", expression: "Parameters.parameter.where(name='resource')")
        }
        query = try Self.query(from: patient)
    }

    static func query(from patient: [String: Any]) throws(FHIRError) -> PatientQuery {
        var query = PatientQuery()
        if let names = patient["name"] as? [[String: Any]], let name = names.first(where: { $0["use"] as? String == "official" }) ?? names.first {
            query.family = name["family"] as? String
            query.given = (name["given"] as? [String])?.first
        }
        if let text = patient["birthDate"] as? String { query.birthDate = try PatientQuery.date(text, "Patient.birthDate") }
        if let text = patient["gender"] as? String { query.sex = try PatientQuery.gender(text, "Patient.gender") }
        for identifier in patient["identifier"] as? [[String: Any]] ?? [] {
            if let value = identifier["value"] as? String { query.identifiers.append((identifier["system"] as? String, value)) }
        }
        guard !query.isEmpty else {
            throw FHIRError(status: 400, code: .required, "the Patient needs a name, birth date, gender or identifier", expression: "Patient")
        }
        return query
    }
}
