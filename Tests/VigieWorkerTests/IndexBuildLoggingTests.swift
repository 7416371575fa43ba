import Foundation
import Logging
import Testing
import VigieMatch
@testable import VigieRI
@testable import VigieWorker

/// Issue #18: at the default log level (notice) the worker said nothing during its 5–10 s index build. It now logs
/// a line at the start, one per chunk read, and one at the end, with counts only.
@Suite struct IndexBuildLoggingTests {
    /// Fills a store through the worker, then opens a second worker on it.
    private func storeWithIdentities(_ n: Int) throws -> WorkerHarness {
        let harness = try WorkerHarness()
        for i in 0..<n {
            let name = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT"][i % 5]
            let ack = try harness.hl7(PAM.a28(control: "c\(i)", PAM.pid(ipp: "P\(i)", name: name, first: "JEAN", birth: "19\(50 + i)0101", sex: "M")))
            #expect(ack.ackCode == "AA")
        }
        return harness
    }

    @Test func theBuildIsLoggedAtNoticeWithCountsOnly() throws {
        let harness = try storeWithIdentities(5)
        let logs = LogCapture()
        let logger = Logger(label: "test.index") { _ in logs.handler() }
        let worker = try Worker(store: harness.store, model: .builtIn, logger: logger)
        #expect(worker.indexedIdentities == 5)
        let notices = logs.lines.filter { $0.hasPrefix("notice ") }
        #expect(notices.count == 2)
        #expect(notices.first?.contains("building the index") == true)
        #expect(notices.first?.contains("\"identities\": 5") == true)
        #expect(notices.last?.contains("index built") == true)
        for line in logs.lines { #expect(!line.contains("MARTIN") && !line.contains("JEAN")) }
    }

    @Test func progressIsReportedAfterEveryChunk() throws {
        let harness = try storeWithIdentities(5)
        var calls: [(Int, Int)] = []
        let index = try LiveIndex(store: harness.store, model: .builtIn, chunkSize: 2) { calls.append(($0, $1)) }
        #expect(index.count == 5)
        #expect(calls.map(\.0) == [0, 2, 4])
        #expect(calls.allSatisfy { $0.1 == 5 })
    }
}
