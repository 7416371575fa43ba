import Foundation
import VigieFHIR
import VigieIdentity
import VigieRI
import VigieStore

/// Identities for the FHIR tests. INS from the ANS examples quoted in /work/shared/research/ins-domain.md
/// (PAM FR p.19 and the test OID example).
enum Fixtures {
    static let date = Date(timeIntervalSince1970: 1_767_225_600)
    static let testINS = "279035121518989"  // ANS example, test OID 1.2.250.1.213.1.4.10

    static func identity(
        status: IdentityStatus, ins: String? = nil, birth: String = "1979-03-28", place: String? = "63220", usedName: String? = nil
    ) throws -> Identity {
        let traits = StrictTraits(
            birthName: "PAT-TROIS", firstNames: ["DOMINIQUE", "MARIE"], sex: .female, birthDate: try BirthDate(birth),
            birthPlace: try place.map { code throws(BirthPlaceError) in try BirthPlace(code) })
        return Identity(
            traits: traits, usedName: usedName, ins: try ins.map { try INS($0, oid: INSAuthority.test.oid) }, status: status,
            insiRetrieved: ins != nil)
    }

    static func stored(_ identity: Identity, id: String = "V1", localIDs: [LocalIdentifier] = [LocalIdentifier(value: "000003", domain: "CHU-X&000897406&N")], merged: [String] = []) -> StoredIdentity {
        StoredIdentity(id: id, identity: identity, localIDs: localIDs, mergedIDs: merged, createdAt: date, updatedAt: date)
    }
}

/// A directory answering from a fixed list (the FHIR functions' tests; the store-backed one has its own).
struct FixedDirectory: PatientDirectory {
    var identities: [StoredIdentity]
    var merged: [String: String] = [:]
    var matches: [PatientMatch] = []

    func patient(id: String, by actor: RIActor) throws -> (identity: StoredIdentity?, mergedInto: String?)? {
        if let survivor = merged[id] { return (nil, survivor) }
        return identities.first { $0.id == id }.map { ($0, nil) }
    }

    func search(_ query: PatientQuery, limit: Int, by actor: RIActor) throws -> [StoredIdentity] { Array(identities.prefix(limit)) }
    func match(_ query: PatientQuery, limit: Int, by actor: RIActor) throws -> [PatientMatch] { Array(matches.prefix(limit)) }
}

/// Runs scripts/fhir-validate.py (fhir.resources, R4B) on resources; a missing python3 or fhir.resources fails.
enum FHIRValidator {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func validate(_ resources: [FHIRJSON]) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-fhir-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: file) }
        try resources.map(\.text).joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/fhir-validate.py").path, file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
