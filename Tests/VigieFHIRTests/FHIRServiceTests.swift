import Foundation
import Testing
import VigieFHIR
import VigieIdentity
import VigieStore

/// The FHIR endpoint's request → response functions, and every resource they return checked by fhir.resources.
@Suite struct FHIRServiceTests {
    static func service(_ directory: some PatientDirectory) -> FHIRService {
        FHIRService(directory: directory, baseURL: "http://127.0.0.1:8080/fhir", version: "test", now: { "2026-01-01T00:00:00Z" })
    }

    static func directory() throws -> FixedDirectory {
        let qualified = Fixtures.stored(try Fixtures.identity(status: .qualified, ins: Fixtures.testINS, usedName: "DUPONT"), id: "V1", merged: ["V3"])
        let provisional = Fixtures.stored(try Fixtures.identity(status: .provisional, birth: "1979-00-00", place: nil), id: "V2")
        return FixedDirectory(
            identities: [qualified, provisional], merged: ["V3": "V1"],
            matches: [
                PatientMatch(identity: qualified, score: 0.98, grade: .certain),
                PatientMatch(identity: provisional, score: 0.5, grade: .possible),
            ])
    }

    static let matchBody = Array(#"""
        {"resourceType":"Parameters","parameter":[{"name":"resource","resource":{"resourceType":"Patient","name":[{"family":"PAT-TROIS","given":["DOMINIQUE"]}],"birthDate":"1979-03-28","gender":"female"}},{"name":"count","valueInteger":5}]}
        """#.utf8)

    @Test func everyResourceReturnedIsValidR4B() throws {
        let service = Self.service(try Self.directory())
        let requests = [
            FHIRRequest(method: .get, path: ["metadata"]),
            FHIRRequest(method: .get, path: ["Patient", "V1"]),
            FHIRRequest(method: .get, path: ["Patient", "V2"]),
            FHIRRequest(method: .get, path: ["Patient", "V3"]),
            FHIRRequest(method: .get, path: ["Patient"], query: [("family", "PAT"), ("_count", "5")]),
            FHIRRequest(method: .post, path: ["Patient", "$match"], body: Self.matchBody),
            FHIRRequest(method: .get, path: ["Patient", "V99"]),
            FHIRRequest(method: .get, path: ["Patient"], query: [("birthdate", "1979-13")]),
            FHIRRequest(method: .post, path: ["Patient", "$match"], body: Array("{".utf8)),
        ]
        let responses = requests.map(service.respond)
        #expect(responses.map(\.status) == [200, 200, 200, 200, 200, 200, 404, 400, 400])
        let result = try FHIRValidator.validate(responses.map(\.resource))
        #expect(result.status == 0, "fhir.resources (python3 -m pip install fhir.resources): \(result.output)")
        #expect(result.output == "ok \(requests.count)\n")
    }

    /// ITI-119: a Bundle of candidates, best first, with `search.score` and the `match-grade` extension.
    @Test func matchReturnsScoresAndGrades() throws {
        let response = Self.service(try Self.directory()).respond(to: FHIRRequest(method: .post, path: ["Patient", "$match"], body: Self.matchBody))
        let text = response.resource.text
        #expect(response.status == 200)
        #expect(text.contains(#""search":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/match-grade","valueCode":"certain"}],"mode":"match","score":0.98}"#))
        #expect(text.contains(#""valueCode":"possible"}],"mode":"match","score":0.5}"#))
        #expect(response.resource["total"] == .integer(2))
    }

    @Test func onlyCertainMatchesDropsTheOthers() throws {
        let body = Array(#"{"resourceType":"Parameters","parameter":[{"name":"resource","resource":{"resourceType":"Patient","gender":"female"}},{"name":"onlyCertainMatches","valueBoolean":true}]}"#.utf8)
        let response = Self.service(try Self.directory()).respond(to: FHIRRequest(method: .post, path: ["Patient", "$match"], body: body))
        #expect(response.resource["total"] == .integer(1))
    }

    /// A merged-away identity reads as inactive, `replaced-by` its survivor.
    @Test func mergedAwayIdentityPointsToItsSurvivor() throws {
        let response = Self.service(try Self.directory()).respond(to: FHIRRequest(method: .get, path: ["Patient", "V3"]))
        #expect(response.resource.text == #"{"resourceType":"Patient","id":"V3","active":false,"link":[{"other":{"reference":"Patient/V1"},"type":"replaced-by"}]}"#)
    }

    @Test(arguments: [
        ([("family", "")], "family"), ([("birthdate", "28/03/1979")], "birthdate"), ([("gender", "F")], "gender"),
        ([("name", "x")], "name"), ([("family", "A"), ("_count", "0")], "_count"),
    ])
    func badSearchParametersAreNamedIn400(parameters: [(String, String)], named: String) throws {
        let response = Self.service(try Self.directory()).respond(to: FHIRRequest(method: .get, path: ["Patient"], query: parameters))
        #expect(response.status == 400)
        #expect(response.resource["resourceType"] == .string("OperationOutcome"))
        #expect(response.resource.text.contains(#""expression":["\#(named)"]"#))
    }

    @Test func searchWithoutCriteriaIs400() throws {
        let response = Self.service(try Self.directory()).respond(to: FHIRRequest(method: .get, path: ["Patient"]))
        #expect(response.status == 400)
    }

    @Test func wrongMethodIs405AndUnknownPathIs404() throws {
        let service = Self.service(try Self.directory())
        #expect(service.respond(to: FHIRRequest(method: .post, path: ["metadata"])).status == 405)
        #expect(service.respond(to: FHIRRequest(method: .get, path: ["Observation"])).status == 404)
    }
}
