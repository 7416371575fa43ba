import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import VigieIdentity
@testable import VigieServe
import VigieStore

/// The identity page's "qualify" action end to end, without a browser: the form posted to the page route of a
/// server started with an INSi URL (the `vigie insi-mock` binary on 127.0.0.1, port 0), then the store's journal
/// and the identity's status read back.
@Suite(.serialized) struct QualifyPageTests {
    /// `vigie insi-mock --port 0`, its URL.
    final class Mock: @unchecked Sendable {
        let process = Process()
        let url: String

        init() throws {
            process.executableURL = try #require(ServeProcessTests.binary, "build the vigie executable first (swift build --build-tests)")
            process.arguments = ["insi-mock", "--port", "0"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line: [UInt8] = []
            var byte: UInt8 = 0
            while Foundation.read(out.fileHandleForReading.fileDescriptor, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
            url = "http://127.0.0.1:\(String(decoding: line, as: UTF8.self))/lps"
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// The mock, the seeded fixture's server with `--insi`, and NESSI NATHALIE's id (a CNDA person the mock knows).
    static func start() async throws -> (Mock, ServeFixture, RunningServer, String) {
        let mock = try Mock()
        let fixture = try ServeFixture()
        let server = try await fixture.start(insiURL: mock.url)
        let id = try #require(try fixture.store.identity(localID: LocalIdentifier(value: "1002", domain: "CHU-A"))?.id)
        return (mock, fixture, server, id)
    }

    static func form(_ client: TestClient, document: String) -> String {
        "csrf_token=\(client.csrf ?? "")&document=\(document)&expires=2031-01-01&special_case=non"
    }

    /// [RNIV] EXI SI 07: the cell checks an identity card and INSi (the mock) returns NESSI NATHALIE's INS: the
    /// identity becomes QUAL, and the journal shows the INSi call and the status change with the operator's login.
    @Test("RNIV EXI SI 07: the identity page's qualify form calls INSi through the RI and journals the call and the change")
    func qualifyFormQualifiesThroughTheMock() async throws {
        let (mock, fixture, server, id) = try await Self.start()
        defer { mock.stop() }
        let client = TestClient(server.url)
        try await client.login(ServeFixture.cell)
        #expect(try fixture.store.identity(id: id)?.identity.status == .provisional)
        let answer = try await client.send("POST", "/identites/\(id)/qualifier", form: Self.form(client, document: "CN"))
        #expect(answer.status == 303)
        #expect(answer.headers["location"] == "/identites/\(id)?insi=accepted", "\(answer.headers)")
        let stored = try #require(try fixture.store.identity(id: id))
        #expect(stored.identity.status == .qualified)
        #expect(stored.identity.hasHighTrustDocument?.type == .nationalIdentityCard)
        #expect(stored.identity.hasHighTrustDocument?.expires == "2031-01-01")
        // The check is the operator's, dated: a later HL7 message without VALI does not withdraw it.
        #expect(stored.identity.hasHighTrustDocument?.checkedBy == ServeFixture.cell)
        #expect(stored.identity.hasHighTrustDocument?.checkedAt == DocumentCheck.day(of: fixture.now))
        let history = try fixture.store.history(id: id)
        let calls = history.filter { $0.action == .insiCalled }
        #expect(calls.count == 1 && calls[0].actor == ServeFixture.cell && (calls[0].after ?? "").contains("accepted"))
        #expect(history.contains { $0.action == .statusChanged && $0.actor == ServeFixture.cell })
        // The page shows the outcome; the INS is shown now that the identity is QUAL.
        let page = try await client.send("GET", "/identites/\(id)?insi=accepted")
        #expect(page.status == 200 && page.text.contains("277076322082910"))
        await server.stop()
    }

    /// [RNIV] a driving licence is not a high-trust document: refused before any INSi call, nothing changes and
    /// no call is journaled. A viewer may not qualify (403).
    @Test("RNIV: the qualify form refuses a low-trust document without calling INSi, and a viewer cannot qualify")
    func lowTrustDocumentAndViewerRefused() async throws {
        let (mock, fixture, server, id) = try await Self.start()
        defer { mock.stop() }
        let before = try fixture.store.history(id: id).count
        let cell = TestClient(server.url)
        try await cell.login(ServeFixture.cell)
        let refused = try await cell.send("POST", "/identites/\(id)/qualifier", form: Self.form(cell, document: "PC"))
        #expect(refused.status == 303 && refused.headers["location"] == "/identites/\(id)?insi=failed", "\(refused.headers)")
        let viewer = TestClient(server.url)
        try await viewer.login(ServeFixture.viewer)
        let forbidden = try await viewer.send("POST", "/identites/\(id)/qualifier", form: Self.form(viewer, document: "CN"))
        #expect(forbidden.status == 403)
        // An expiry that is not a date is refused before anything happens.
        let badDate = try await cell.send(
            "POST", "/identites/\(id)/qualifier", form: "csrf_token=\(cell.csrf ?? "")&document=CN&expires=demain&special_case=non")
        #expect(badDate.status == 400)
        #expect(try fixture.store.identity(id: id)?.identity.status == .provisional)
        #expect(!(try fixture.store.history(id: id).contains { $0.action == .insiCalled }))
        #expect(try fixture.store.history(id: id).count == before)
        await server.stop()
    }
}
