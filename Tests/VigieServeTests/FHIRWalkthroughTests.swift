import Foundation
import Testing

/// docs/integration.md's curl walkthrough, run as written (bash, `set -e`) against the built `vigie serve` on a
/// store prepared as the page's first block does: a page whose commands do not work fails this test.
@Suite(.serialized) struct FHIRWalkthroughTests {
    @Test func theCurlWalkthroughRunsAsWritten() throws {
        let page = try String(contentsOf: ServeProcessTests.root.appendingPathComponent("docs/integration.md"), encoding: .utf8)
        let blocks = page.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        let walkthrough = try #require(blocks.first { $0.hasPrefix("# FHIR walkthrough") }, "docs/integration.md lost its walkthrough")
        let setup = try #require(blocks.first { $0.contains("vigie operator token") && $0.contains("vigie worker") })

        let dir = NSTemporaryDirectory() + "vigie-walkthrough-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/ri.sqlite"
        // The setup block's operator and patient, with the page's own JSON line.
        #expect(try ServeProcessTests.run(["operator", "add", "--store", store, "--login", "eai.gam", "--role", "system"], input: "\n").0 == 0)
        let token = try ServeProcessTests.run(["operator", "token", "--store", store, "--login", "eai.gam"]).1.trimmingCharacters(in: .whitespacesAndNewlines)
        let upsert = try #require(setup.split(separator: "\n").first { $0.hasPrefix("printf '%s\\n' '{") })
        let json = String(upsert.split(separator: "'")[3])
        let worker = try ServeProcessTests.run(["worker", "--store", store], input: json + "\n")
        #expect(worker.0 == 0 && worker.1.contains("created"), "\(worker)")

        let server = try ServeProcessTests.Server(["--store", store, "--port", "0"])
        defer { _ = server.terminate() }
        var environment = ProcessInfo.processInfo.environment
        environment["BASE"] = String(server.url.dropLast())  // without the trailing slash, as the page sets it
        environment["TOKEN"] = token
        // -x: a failing command is named in the test's message.
        let (status, out, err) = try ServeProcessTests.runProcess(
            URL(fileURLWithPath: "/bin/bash"), ["-c", "set -euxo pipefail\n" + walkthrough], directory: dir, environment: environment)
        #expect(status == 0, "the walkthrough failed: \(out)\(err)")
    }
}
