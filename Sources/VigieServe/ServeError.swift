import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error answered to the client: an HTTP status, a stable code, the field at fault, a message. Messages
/// name ids and fields, never a trait. The JSON API answers `{"error": {"code", "message", "field"}}`.
public struct ServeError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var field: String?
    public var message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, field: String? = nil, _ message: String) {
        self.status = status
        self.code = code
        self.field = field
        self.message = message
    }

    static let unauthenticated = ServeError(.unauthorized, "unauthenticated", "a session or a bearer token is required")
    static func forbidden(_ message: String) -> ServeError { ServeError(.forbidden, "forbidden", message) }
    static let csrf = ServeError(.forbidden, "csrf", field: "X-CSRF-Token", "missing or wrong CSRF token")
    static func notFound(_ message: String) -> ServeError { ServeError(.notFound, "not-found", message) }
    static func invalid(_ field: String, _ message: String) -> ServeError { ServeError(.badRequest, "invalid", field: field, message) }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var field: String?
        }
        var error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        // Under /fhir, FHIR clients expect an OperationOutcome (the authentication's 401 and 403 included).
        if request.uri.path.hasPrefix("/fhir/") {
            var response = FHIRRoutes.response(status: Int(status.code), fhirError.operationOutcome)
            for field in headers { response.headers.append(field) }
            return response
        }
        var headers = self.headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let data = try JSONEncoder().encode(Body(error: .init(code: code, message: message, field: field)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
