import VigieRI
import VigieStore

/// One HTTP request to the FHIR endpoint, already taken apart by the web server (authentication included).
public struct FHIRRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", other }
    public var method: Method
    /// The path below `/fhir`, split on `/` (`["Patient", "V12"]`).
    public var path: [String]
    /// Query parameters, percent-decoded, in order.
    public var query: [(name: String, value: String)]
    public var body: [UInt8]
    /// Who asks: the server sets the token's login (`RIActor.person(login, via: "fhir")`), so that the RI
    /// journals each identity it shows.
    public var actor: RIActor

    public init(
        method: Method, path: [String], query: [(name: String, value: String)] = [], body: [UInt8] = [],
        actor: RIActor = .application("fhir")
    ) {
        self.actor = actor
        self.method = method
        self.path = path
        self.query = query
        self.body = body
    }
}

/// The answer: a status and a resource (`application/fhir+json`).
public struct FHIRResponse: Sendable {
    public var status: Int
    public var resource: FHIRJSON
    public static let contentType = "application/fhir+json"
}

/// The FHIR R4 endpoint as plain request → response functions, independent of the HTTP framework: metadata,
/// Patient read, PDQm search (ITI-78) and `$match` (ITI-119). Errors are OperationOutcome resources with 4xx codes.
public struct FHIRService: Sendable {
    public let directory: any PatientDirectory
    /// The base URL of the endpoint (`http://host:port/fhir`), for `Bundle.entry.fullUrl`.
    public let baseURL: String
    public let version: String
    public let now: @Sendable () -> String

    /// The most entries a search returns when `_count` is absent, and the largest `_count` allowed.
    public static let defaultCount = 20
    public static let maximumCount = 100

    public init(directory: any PatientDirectory, baseURL: String, version: String, now: @escaping @Sendable () -> String) {
        self.directory = directory
        self.baseURL = baseURL
        self.version = version
        self.now = now
    }

    public func respond(to request: FHIRRequest) -> FHIRResponse {
        do {
            return try route(request)
        } catch let error as FHIRError {
            return FHIRResponse(status: error.status, resource: error.operationOutcome)
        } catch {
            let failure = FHIRError(status: 500, code: .exception, "internal error")
            return FHIRResponse(status: 500, resource: failure.operationOutcome)
        }
    }

    private func route(_ request: FHIRRequest) throws -> FHIRResponse {
        let path = request.path
        let get = request.method == .get, post = request.method == .post
        if path == ["metadata"] {
            guard get else { throw Self.methodNotAllowed(request) }
            return FHIRResponse(status: 200, resource: CapabilityStatement.resource(software: "Vigie", version: version, date: now()))
        }
        if path == ["Patient"] {
            guard get else { throw Self.methodNotAllowed(request) }
            return try search(request.query, by: request.actor)
        }
        if path == ["Patient", "$match"] {
            guard post else { throw Self.methodNotAllowed(request) }
            return try match(PatientMatchRequest(parametersJSON: request.body), by: request.actor)
        }
        if path.count == 2, path[0] == "Patient" {
            guard get else { throw Self.methodNotAllowed(request) }
            return try read(path[1], by: request.actor)
        }
        throw FHIRError(status: 404, code: .notFound, "no such endpoint: /" + path.joined(separator: "/"))
    }

    private static func methodNotAllowed(_ request: FHIRRequest) -> FHIRError {
        FHIRError(status: 405, code: .notSupported, "method \(request.method.rawValue) not supported on /\(request.path.joined(separator: "/"))")
    }

    private func read(_ id: String, by actor: RIActor) throws -> FHIRResponse {
        guard let found = try directory.patient(id: id, by: actor) else {
            throw FHIRError(status: 404, code: .notFound, "Patient/\(id) not found")
        }
        if let survivor = found.mergedInto {
            // The merged-away identity: inactive, pointing at its survivor (its own traits live on there).
            let resource: FHIRJSON = .object([
                ("resourceType", .string("Patient")), ("id", .string(id)), ("active", .bool(false)),
                ("link", .array([FRCorePatient.link(to: survivor, type: "replaced-by")])),
            ])
            return FHIRResponse(status: 200, resource: resource)
        }
        guard let identity = found.identity else { throw FHIRError(status: 404, code: .notFound, "Patient/\(id) not found") }
        return FHIRResponse(status: 200, resource: FRCorePatient.resource(identity))
    }

    private func search(_ parameters: [(name: String, value: String)], by actor: RIActor) throws -> FHIRResponse {
        let query = try PatientQuery(searchParameters: parameters)
        var count = Self.defaultCount
        if let text = parameters.last(where: { $0.name == "_count" })?.value {
            guard let value = Int(text), (1...Self.maximumCount).contains(value) else {
                throw FHIRError(status: 400, code: .value, "_count must be an integer from 1 to \(Self.maximumCount)", expression: "_count")
            }
            count = value
        }
        let found = try directory.search(query, limit: count, by: actor)
        let entries: [FHIRJSON] = found.map { identity in
            .object([
                ("fullUrl", .string(baseURL + "/Patient/" + identity.id)),
                ("resource", FRCorePatient.resource(identity)),
                ("search", .object([("mode", .string("match"))])),
            ])
        }
        return FHIRResponse(status: 200, resource: bundle(entries))
    }

    private func match(_ request: PatientMatchRequest, by actor: RIActor) throws -> FHIRResponse {
        var found = try directory.match(request.query, limit: request.count, by: actor)
        if request.onlyCertainMatches { found = found.filter { $0.grade == .certain } }
        let entries: [FHIRJSON] = found.map { candidate in
            .object([
                ("fullUrl", .string(baseURL + "/Patient/" + candidate.identity.id)),
                ("resource", FRCorePatient.resource(candidate.identity)),
                ("search", .object([
                    ("extension", .array([.object([
                        ("url", .string("http://hl7.org/fhir/StructureDefinition/match-grade")),
                        ("valueCode", .string(candidate.grade.rawValue)),
                    ])])),
                    ("mode", .string("match")),
                    ("score", .decimal((candidate.score * 1000).rounded() / 1000)),
                ])),
            ])
        }
        return FHIRResponse(status: 200, resource: bundle(entries))
    }

    private func bundle(_ entries: [FHIRJSON]) -> FHIRJSON {
        var members: [(String, FHIRJSON)] = [
            ("resourceType", .string("Bundle")), ("type", .string("searchset")), ("total", .integer(entries.count)),
        ]
        if !entries.isEmpty { members.append(("entry", .array(entries))) }
        return .object(members)
    }
}
