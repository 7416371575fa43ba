import VigieText

/// A JSON value with its object keys in the order written: FHIR resources read best with `resourceType` and `id`
/// first, and tests compare bytes. Written by hand because there is no FHIR model package among the project's
/// dependencies (apple/FHIRModels is not available offline) and the resources Vigie emits are few and small.
public indirect enum FHIRJSON: Sendable, Hashable {
    case object([(String, FHIRJSON)])
    case array([FHIRJSON])
    case string(String)
    case integer(Int)
    case decimal(Double)
    case bool(Bool)

    public static func == (a: FHIRJSON, b: FHIRJSON) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    /// The member `key` of an object, nil otherwise.
    public subscript(key: String) -> FHIRJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Compact JSON text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    /// Compact JSON, UTF-8.
    public var bytes: [UInt8] { Array(text.utf8) }

    private func write(into out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                out += JSONText.quoted(key)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(into: &out)
            }
            out += "]"
        case .string(let value): out += JSONText.quoted(value)
        case .integer(let value): out += String(value)
        case .decimal(let value): out += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .bool(let value): out += value ? "true" : "false"
        }
    }
}

extension FHIRJSON {
    /// A Coding.
    static func coding(_ system: String, _ code: String, display: String? = nil) -> FHIRJSON {
        var members: [(String, FHIRJSON)] = [("system", .string(system)), ("code", .string(code))]
        if let display { members.append(("display", .string(display))) }
        return .object(members)
    }

    /// A CodeableConcept with one coding.
    static func concept(_ system: String, _ code: String, display: String? = nil) -> FHIRJSON {
        .object([("coding", .array([coding(system, code, display: display)]))])
    }
}
