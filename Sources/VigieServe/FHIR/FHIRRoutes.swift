import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import VigieFHIR
import VigieRI
import VigieStore

/// FHIR R4 under `/fhir` (docs/integration.md): `metadata` is public; Patient read, PDQm search (ITI-78) and
/// `$match` (ITI-119) need a bearer token (`vigie operator token`) of the `system` role: 401 without one, 403 with
/// another role, as OperationOutcome resources. Every Patient shown is read through the référentiel
/// (`RIPatientDirectory`), which journals the view under the token's login.
struct FHIRRoutes {
    let services: ServeServices

    /// The roles allowed to read patients over FHIR.
    static let readers: Set<OperatorRole> = [.system]

    func register(on router: Router<ServeContext>) {
        router.get("fhir/**", use: handle)
        router.post("fhir/**", use: handle)
    }

    @Sendable func handle(_ request: Request, context: ServeContext) async throws -> Response {
        var request = request
        let path = context.parameters.getCatchAll().map(String.init)
        if path != ["metadata"] {
            _ = try context.requireRole(Self.readers, to: "read patients over FHIR")
        }
        let method: FHIRRequest.Method = request.method == .get ? .get : request.method == .post ? .post : .other
        let body = method == .post ? Array(buffer: try await request.collectBody(upTo: context.maxUploadSize)) : []
        let query = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        let actor = context.principal.map { RIActor.person($0.login, via: "fhir") } ?? .application("fhir")
        let fhir = FHIRService(
            directory: RIPatientDirectory(ri: services.ri), baseURL: baseURL(request), version: services.configuration.version,
            now: { ISO8601DateFormatter().string(from: Date()) })
        let answer = fhir.respond(to: FHIRRequest(method: method, path: path, query: query, body: body, actor: actor))
        return Self.response(status: answer.status, answer.resource)
    }

    /// `scheme://host/fhir` from the request's Host (for `Bundle.entry.fullUrl`).
    private func baseURL(_ request: Request) -> String {
        let host = request.head.authority ?? "\(services.configuration.host):\(services.configuration.port)"
        return "\(services.configuration.scheme)://\(host)/fhir"
    }

    static func response(status: Int, _ resource: FHIRJSON) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = FHIRResponse.contentType + "; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: resource.text)))
    }
}

extension ServeError {
    /// The error as FHIR answers it: an OperationOutcome with the same status (login for 401, forbidden for 403).
    var fhirError: FHIRError {
        let code: FHIRError.IssueCode = switch status.code {
        case 401: .login
        case 403: .forbidden
        case 404: .notFound
        default: .invalid
        }
        return FHIRError(status: status.code, code: code, message, expression: field)
    }
}
