/// The server's CapabilityStatement (`GET /fhir/metadata`, public): FHIR R4 (4.0.1), JSON, Patient read and the
/// PDQm search parameters (IHE PDQm ITI-78), and the `$match` operation (ITI-119).
public enum CapabilityStatement {
    /// The search parameters `PatientQuery` understands, with their FHIR types.
    public static let searchParameters: [(name: String, type: String)] = [
        ("_id", "token"), ("identifier", "token"), ("family", "string"), ("given", "string"), ("birthdate", "date"),
        ("gender", "token"),
    ]

    /// The resource, dated `date` (FHIR `dateTime`).
    public static func resource(software: String, version: String, date: String) -> FHIRJSON {
        let patient: FHIRJSON = .object([
            ("type", .string("Patient")),
            ("profile", .string(FRCorePatient.profile)),
            ("interaction", .array([.object([("code", .string("read"))]), .object([("code", .string("search-type"))])])),
            ("searchParam", .array(searchParameters.map { .object([("name", .string($0.name)), ("type", .string($0.type))]) })),
            ("operation", .array([.object([
                ("name", .string("match")),
                ("definition", .string("http://hl7.org/fhir/OperationDefinition/Patient-match")),
            ])])),
        ])
        return .object([
            ("resourceType", .string("CapabilityStatement")),
            ("status", .string("active")),
            ("date", .string(date)),
            ("kind", .string("instance")),
            ("software", .object([("name", .string(software)), ("version", .string(version))])),
            ("fhirVersion", .string("4.0.1")),
            ("format", .array([.string("application/fhir+json")])),
            ("rest", .array([.object([
                ("mode", .string("server")),
                ("security", .object([("description", .string("Patient data needs a bearer token of role system (vigie operator token); metadata is public."))])),
                ("resource", .array([patient])),
            ])])),
        ])
    }
}
