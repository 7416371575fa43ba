import Foundation
import Hummingbird

/// `/health` (liveness: the process answers) and `/ready` (readiness: the store answers a read and the live
/// index is built — it is built before the server binds, so a server that answers has it). Both are public and
/// carry no data: for a load balancer or an orchestrator's probes.
struct HealthRoutes {
    let services: ServeServices

    func register(on router: Router<ServeContext>) {
        router.get("health") { _, _ in Self.plain(.ok, "ok") }
        router.get("ready") { _, _ in
            do {
                // One `PRAGMA data_version` (and the journal entries other processes committed, if any): cheap.
                try services.ri.catchUp()
                return Self.plain(.ok, "ready: \(services.ri.indexedIdentities) identities indexed")
            } catch {
                return Self.plain(.serviceUnavailable, "not ready: the store does not answer")
            }
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
