import Foundation
import Testing
import VigieStore

/// FHIR R4 under `/fhir` in the server: metadata public; Patient read, PDQm search (ITI-78) and `$match` (ITI-119)
/// for a `system` bearer token only (401 without, 403 for another role, as OperationOutcome); the INS only for a
/// QUAL identity; every view journaled under the token's login; every resource valid for `fhir.resources` (R4B).
@Suite(.serialized) struct FHIRRoutesTests {
    static func id(_ fixture: ServeFixture, ipp: String, domain: String = "CHU-A") throws -> String {
        try #require(try fixture.store.identity(localID: LocalIdentifier(value: ipp, domain: domain))).id
    }

    static func matchBody(family: String, given: String, birthDate: String, ins: String? = nil) -> [String: Any] {
        var patient: [String: Any] = [
            "resourceType": "Patient", "name": [["use": "official", "family": family, "given": [given]]],
            "birthDate": birthDate, "gender": "female",
        ]
        if let ins { patient["identifier"] = [["system": "urn:oid:1.2.250.1.213.1.4.8", "value": ins]] }
        return ["resourceType": "Parameters", "parameter": [["name": "resource", "resource": patient], ["name": "count", "valueInteger": 5]]]
    }

    @Test func patientDataNeedsASystemTokenAndErrorsAreOperationOutcomes() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        defer { Task { await server.stop() } }
        let client = TestClient(server.url)
        let zoe = try Self.id(fixture, ipp: "1001")

        let metadata = try await client.send("GET", "/fhir/metadata")
        #expect(metadata.status == 200)
        #expect(metadata.headers["content-type"]?.hasPrefix("application/fhir+json") == true)
        #expect(try metadata.json()["resourceType"] as? String == "CapabilityStatement")

        let anonymous = try await client.send("GET", "/fhir/Patient/\(zoe)")
        #expect(anonymous.status == 401)
        #expect(try anonymous.json()["resourceType"] as? String == "OperationOutcome")
        let badToken = try await client.send("GET", "/fhir/Patient/\(zoe)", headers: ["Authorization": "Bearer not-a-token"])
        #expect(badToken.status == 401)
        #expect(try badToken.json()["resourceType"] as? String == "OperationOutcome")
        #expect(try await client.login(ServeFixture.viewer).status == 200)
        let viewer = try await client.send("GET", "/fhir/Patient/\(zoe)")
        #expect(viewer.status == 403)
        let outcome = try viewer.json()
        #expect(outcome["resourceType"] as? String == "OperationOutcome")
        #expect(((outcome["issue"] as? [[String: Any]])?.first?["code"] as? String) == "forbidden")
        #expect(!viewer.text.contains("ADRUN"))
        await server.stop()
    }

    @Test func readSearchAndMatchThroughTheRIJournaledAndValidR4B() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        defer { Task { await server.stop() } }
        let client = TestClient(server.url)
        let bearer = ["Authorization": "Bearer \(fixture.token)"]
        let zoe = try Self.id(fixture, ipp: "1001")
        let typo = try Self.id(fixture, ipp: "9001", domain: "URG")
        var resources: [Data] = []

        // QUAL: the INS (NIR OID) is there; the look-alike PROV record has none.
        let read = try await client.send("GET", "/fhir/Patient/\(zoe)", headers: bearer)
        #expect(read.status == 200)
        #expect(read.text.contains("275126322074974") && read.text.contains("urn:oid:1.2.250.1.213.1.4.8"))
        resources.append(read.body)
        let provisional = try await client.send("GET", "/fhir/Patient/\(typo)", headers: bearer)
        #expect(provisional.status == 200)
        #expect(!provisional.text.contains("urn:oid:1.2.250.1.213.1.4.8"))
        resources.append(provisional.body)

        // ITI-78 through the RI's live index: the exact record, its look-alike within the RI's candidates.
        let search = try await client.send("GET", "/fhir/Patient?family=ADRUN&given=ZOE&birthdate=1975-12-31", headers: bearer)
        #expect(search.status == 200)
        let bundle = try search.json()
        let ids = (bundle["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
        #expect(ids.first == zoe)
        resources.append(search.body)
        // A gender that does not hold filters the candidates out.
        let male = try await client.send("GET", "/fhir/Patient?family=ADRUN&given=ZOE&gender=male", headers: bearer)
        #expect(try male.json()["total"] as? Int == 0)
        // An INS may be searched by only when it may be shared.
        let byINS = try await client.send("GET", "/fhir/Patient?identifier=urn:oid:1.2.250.1.213.1.4.8%7C275126322074974", headers: bearer)
        #expect(try byINS.json()["total"] as? Int == 1)

        // ITI-119: scores and grades; the qualified INS given makes the exact record `certain`.
        let match = try await client.send(
            "POST", "/fhir/Patient/$match", json: Self.matchBody(family: "ADRUN", given: "ZOE", birthDate: "1975-12-31", ins: "275126322074974"),
            headers: bearer)
        #expect(match.status == 200, "\(match.text)")
        let entries = try match.json()["entry"] as? [[String: Any]] ?? []
        let first = try #require(entries.first)
        #expect((first["resource"] as? [String: Any])?["id"] as? String == zoe)
        let searchPart = try #require(first["search"] as? [String: Any])
        #expect((searchPart["score"] as? Double ?? 0) > 0.5)
        #expect(((searchPart["extension"] as? [[String: Any]])?.first?["valueCode"] as? String) == "certain")
        resources.append(match.body)

        // Errors: an unknown id, a bad parameter, a body that is not Parameters.
        let missing = try await client.send("GET", "/fhir/Patient/V999999", headers: bearer)
        #expect(missing.status == 404)
        let bad = try await client.send("GET", "/fhir/Patient?birthdate=1975-13", headers: bearer)
        #expect(bad.status == 400)
        let notParameters = try await client.send("POST", "/fhir/Patient/$match", json: ["resourceType": "Patient"], headers: bearer)
        #expect(notParameters.status == 400)
        resources += [missing.body, bad.body, notParameters.body]
        let metadata = try await client.send("GET", "/fhir/metadata")
        resources.append(metadata.body)
        await server.stop()

        // Every view by the token is journaled under the system's login.
        let history = try fixture.store.history(id: zoe)
        #expect(history.contains { $0.action == .viewed && $0.actor == ServeFixture.system })
        let validation = try FHIRPeer.validate(resources)
        #expect(validation.status == 0, "fhir.resources (R4B) refused a resource (python3 -m pip install fhir.resources): \(validation.output)")
        #expect(validation.output.contains("ok \(resources.count)"))
    }
}

/// Runs scripts/fhir-validate.py (fhir.resources, R4B models); a missing python3 or fhir.resources fails the test.
enum FHIRPeer {
    static func validate(_ resources: [Data]) throws -> (status: Int32, output: String) {
        let file = NSTemporaryDirectory() + "vigie-fhir-\(UUID().uuidString).ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        // One resource a line, as the script reads them: the server's bytes (compact JSON, no line feed).
        let lines = resources.map { String(decoding: $0, as: UTF8.self) }
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (status, out, err) = try ServeProcessTests.runProcess(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", ServeProcessTests.root.appendingPathComponent("scripts/fhir-validate.py").path, file])
        return (status, out + err)
    }
}
