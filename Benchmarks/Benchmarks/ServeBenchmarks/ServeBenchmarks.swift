import Benchmark
import Foundation
import Vigie
import VigieServe

// The queue page of `vigie serve` with 50 000 open review items (issue #14: < 200 ms of server time, paged).
//
// The RI: 100 000 identities (two per item) and 50 000 open duplicate items with weights spread over the review
// band and a few hundred collisions, written in one transaction. Measured: `ServeServices.queuePage`, the queue
// route's whole work but HTTP framing (query → one indexed page of the store → HTML), on the first page, a deep
// page and a filtered page. Reference in the same run: the store's unpaged `reviewQueue()` (every open item, then
// the first 50), what a page would cost without the paged, indexed query.

let items = 50_000
let directory = NSTemporaryDirectory() + "vigie-serve-bench-\(getpid())"
let services: ServeServices = {
    try? FileManager.default.removeItem(atPath: directory)
    try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let store = try! IdentityStore(path: directory + "/ri.sqlite")
    let traits = StrictTraits(birthName: "BENCH", firstNames: ["ANNE"], sex: .female, birthDate: try! BirthDate("1970-01-01"), birthPlace: nil)
    let start = Date(timeIntervalSince1970: 1_764_000_000)
    try! store.writeTransaction { transaction throws(StoreError) in
        var generator = SystemRandomNumberGenerator()
        for i in 0..<items {
            let change = ChangeContext(actor: "bench", reason: "seed", time: start.addingTimeInterval(-Double(i % 90) * 86_400))
            let a = try transaction.create(Identity(traits: traits), localIDs: [LocalIdentifier(value: "A\(i)", domain: "BENCH")], change: change)
            let b = try transaction.create(Identity(traits: traits), localIDs: [LocalIdentifier(value: "B\(i)", domain: "BENCH")], change: change)
            let collision = i % 200 == 0
            let explanation = (collision ? "same-ins; " : "")
                + "birth_name=exact(+9.7) first_names=exact(+7.2) birth_date=exact(+11.0) prior(-16.4) alerts="
                + (i % 3 == 0 ? "first-names-differ" : "birth-places-differ")
            _ = try transaction.enqueueReview(
                ReviewItem(kind: collision ? .potentialCollision : .potentialDuplicate, identityIDs: [a.id, b.id],
                           score: Double.random(in: -4..<10, using: &generator), explanation: explanation),
                change: change)
        }
    }
    let ri = try! Referentiel(store: store, configuration: RIConfiguration(now: { start }))
    return ServeServices(ri: ri, configuration: ServeConfiguration(storePath: directory + "/ri.sqlite", port: 0), now: { start })
}()
let principal = Principal(login: "bench", role: .cell, credential: .session(idHash: "x", csrfToken: "y"))

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(5), maxIterations: 200)
    Benchmark("queue page 1 of 50 000 open items (rendered HTML)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try services.queuePage(for: principal, parameters: [:])) }
    }
    Benchmark("queue page 500 of 50 000 (deep paging)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try services.queuePage(for: principal, parameters: ["page": "500"])) }
    }
    Benchmark("queue page filtered by reason and age") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try services.queuePage(for: principal, parameters: ["motif": "first-names-differ", "age": "30"]))
        }
    }
    Benchmark("reference: unpaged reviewQueue() of 50 000, first 50") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Array(try services.store.reviewQueue().prefix(50))) }
    }
}
