import Foundation
import Hummingbird
import Prometheus
import VigieStore

/// `GET /metrics`: the Prometheus text format (swift-prometheus) of what `vigie serve` counts — MLLP messages by
/// type and outcome and their latency histogram (`MLLPMessageMetrics`), HTTP requests (Hummingbird's
/// `MetricsMiddleware`) — plus gauges read from the store at each scrape: `vigie_open_reviews`, and per feed
/// subscriber `vigie_feed_pending{subscriber}` and `vigie_feed_oldest_pending_seconds{subscriber}` (the outbox's lag,
/// `IdentityStore.feedLags`). Counts only, never a trait; still, a `system` bearer token is required (Prometheus'
/// `authorization` scrape setting), as for any data of the RI.
struct MetricsRoutes {
    let services: ServeServices

    func register(on router: Router<ServeContext>) {
        guard let registry = services.metrics else { return }
        router.get("metrics") { _, context in
            _ = try context.requireRole([.system], to: "read the metrics")
            let stats = try services.ri.stats()
            registry.makeGauge(name: "vigie_open_reviews", labels: []).set(Double(stats.openReviews))
            registry.makeGauge(name: "vigie_active_identities", labels: []).set(Double(stats.activeIdentities))
            for lag in try services.store.feedLags(now: services.now()) {
                let labels = [("subscriber", lag.subscriber)]
                registry.makeGauge(name: "vigie_feed_pending", labels: labels).set(Double(lag.pending))
                registry.makeGauge(name: "vigie_feed_oldest_pending_seconds", labels: labels).set(lag.oldestPendingAge)
            }
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
