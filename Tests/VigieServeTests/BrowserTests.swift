import Foundation
import Testing
import VigieStore

/// The pages in headless Chromium through Selenium (`scripts/cell_e2e.py`): login → queue → pair → not a
/// duplicate → the journal shows the operator → logout; a viewer cannot decide; no console error on any page.
/// Missing Chromium, chromedriver or Selenium fail the test (`.ci/run` installs them).
/// Screenshots go to `VIGIE_SCREENSHOTS` when set (docs/cell.md's are made so), else to a temporary directory.
@Suite(.serialized) struct BrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theCellDecidesInABrowserAndAViewerCannot() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let item = fixture.items["nessi"]!
        let viewerItem = fixture.items["zoe"]!
        let shots = ProcessInfo.processInfo.environment["VIGIE_SCREENSHOTS"] ?? (fixture.directory + "/screenshots")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.root.appendingPathComponent("scripts/cell_e2e.py").path, server.url.absoluteString, ServeFixture.cell,
            ServeFixture.viewer, ServeFixture.password, String(item), String(viewerItem), shots,
        ]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes off the test's thread, then wait without blocking the server's executor.
        let (out, err) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let err = errors.fileHandleForReading.readDataToEndOfFile()
                let out = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (out, err))
            }
        }
        await server.stop()
        let stderr = String(decoding: err, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any], "\(stderr)")
        #expect(result["first_kind"] as? String == "Collision potentielle")
        #expect(result["viewer_decision_status"] as? Int == 403)
        #expect((result["pages"] as? [String])?.count == 6)
        // What the browser did is in the store, with the operators' logins.
        let decided = try fixture.store.reviewItem(item)
        #expect(decided.resolution == .notDuplicate)
        #expect(decided.resolvedBy == ServeFixture.cell)
        #expect(try fixture.store.reviewItem(viewerItem).status == .open)
        let history = try fixture.store.history(id: decided.identityIDs[0])
        #expect(history.contains { $0.action == .reviewResolved && $0.actor == ServeFixture.cell })
        #expect(history.contains { $0.action == .viewed && $0.actor == ServeFixture.cell })
        let viewerHistory = try fixture.store.history(id: try fixture.store.reviewItem(viewerItem).identityIDs[0])
        #expect(viewerHistory.contains { $0.action == .viewed && $0.actor == ServeFixture.viewer })
    }
}
