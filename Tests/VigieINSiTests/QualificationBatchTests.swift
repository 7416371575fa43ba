import Foundation
import Testing
import VigieCorpus
import VigieIdentity
import VigieText

@testable import VigieINSi

/// Batch qualification of a generated population (VigieCorpus, seed fixed) against the mock.
@Suite(.serialized) struct QualificationBatchTests {
    /// ~1 000 records: the repository's profile, 570 persons.
    static let corpus: Corpus = {
        let directory = CorpusData.sourceTreeDirectory
        let profile = try! CorpusProfile.load(contentsOf: directory + "/profile.json")
        let data = try! CorpusData.load(directory: directory, profile: profile)
        return CorpusGenerator(data: data, profile: profile).generate(persons: 570, seed: 2026, threads: 2)
    }()

    /// INSi's base: every person's true identity (all generated persons have an INS).
    static let reference: ReferenceIdentities = {
        var base = ReferenceIdentities([])
        for (i, p) in corpus.persons.enumerated() {
            base.append(
                try! ReferenceIdentities.identity(
                    line: i + 2, birthName: p.birthName, firstNames: p.firstNames.joined(separator: " "), sex: p.sexCode,
                    birthDate: p.birthDate, birthPlace: p.birthPlace, ins: p.matricule, oid: INSAuthority.nir.rawValue))
        }
        return base
    }()

    /// Errors that do not change a trait once in INS form, or that the doctrine tolerates (a missing or
    /// current-code place, first names left out): such records must be qualified.
    static let harmless: Set<ErrorKind> = [.accentsLost, .caseVariant, .otherFirstNamesMissing, .birthPlaceMissing, .birthPlaceCurrentCode]

    /// The run without faults, made once for the suite.
    static let cleanRun = Task { try await run(faults: .none) }

    static func run(faults: MockFaults, attempts: Int = 3) async throws -> [QualificationRecordResult] {
        try await withMock(faults: faults, identities: Self.reference) { server in
            let client = try INSiClient(
                configuration: INSiClientConfiguration(endpoint: server.url, timeoutMilliseconds: 2_000, maxAttempts: attempts, backoffMilliseconds: 5))
            let batch = QualifyBatch(
                workflow: Qualification(client: client, actor: "test"), document: DocumentCheck(type: .nationalIdentityCard), normalise: true,
                concurrency: 8)
            return await batch.run(Self.corpus.records.map(\.record))
        }
    }

    @Test func populationGetsTheExpectedStatusesAndNeverAWrongINS() async throws {
        let results = try await Self.cleanRun.value
        let persons = Dictionary(uniqueKeysWithValues: Self.corpus.persons.map { ($0.id, $0) })
        let hardNegative = Set(Self.corpus.hardNegatives.flatMap { [$0.personID, $0.otherPersonID] })
        #expect(results.count == Self.corpus.records.count)
        var qualified = 0
        var expectedQualified = 0
        for (generated, result) in zip(Self.corpus.records, results) {
            let person = try #require(persons[generated.personID])
            #expect(result.id == generated.record.id)
            // Safety: an accepted INS is always the person's own.
            if let ins = result.ins {
                #expect(ins.matricule.value == person.matricule, "record \(result.id) got another person's INS")
                #expect(result.statusAfter == .qualified)
            }
            // The document is high-trust: every identity ends VALI or QUAL, or unchanged on a local refusal.
            if result.decision == "error" {
                #expect(result.statusAfter == result.statusBefore)
                #expect(result.errorKind?.hasPrefix("trait:") == true || result.errorKind?.hasPrefix("record:") == true, "\(result.errorKind ?? "")")
            } else {
                #expect(result.statusAfter == (result.ins == nil ? .validated : .qualified))
            }
            if result.statusAfter == .qualified { qualified += 1 }
            if generated.errors.allSatisfy({ Self.harmless.contains($0) }) && !hardNegative.contains(person.id) {
                expectedQualified += 1
                // Today's code for a commune that was split since the birth (e.g. Lyon 8e from the 7e in 1959) is
                // not provably the same place: review, not acceptance, is then the right answer.
                let placeReview = generated.errors.contains(.birthPlaceCurrentCode) && result.differences == ["birth_place"]
                #expect(result.statusAfter == .qualified || placeReview, "record \(result.id) (errors: \(generated.errors.map(\.rawValue))) is \(result.decision)")
            }
        }
        // Most of the population is qualified; the rest is reported, never guessed.
        #expect(expectedQualified > results.count / 2)
        #expect(qualified >= expectedQualified)
    }

    @Test func transportFaultsChangeNothingButTheAttempts() async throws {
        let clean = try await Self.cleanRun.value
        // 5 % 503, every 41st request unanswered, every 29th cut short: retries absorb them all.
        let faulty = try await Self.run(faults: try MockFaults(spec: "http=503:p:0.05,timeout=every:41,malformed=every:29,seed=7"), attempts: 6)
        #expect(faulty.map(\.statusAfter) == clean.map(\.statusAfter))
        #expect(faulty.map(\.ins) == clean.map(\.ins))
        #expect(faulty.map(\.code) == clean.map(\.code))
    }

    @Test func serviceFaultsLeaveThoseIdentitiesUnchanged() async throws {
        let clean = try await Self.cleanRun.value
        let faulty = try await Self.run(faults: try MockFaults(spec: "technical=p:0.1,seed=3"))
        var faulted = 0
        for (a, b) in zip(clean, faulty) {
            if b.errorKind == "fault:siram_40/insi_102" {
                faulted += 1
                // Not half-updated: no INS, status as before (PROV), although a document was given.
                #expect(b.ins == nil && b.statusAfter == b.statusBefore && b.statusAfter == .provisional)
            } else {
                #expect(b.statusAfter == a.statusAfter && b.ins == a.ins)
            }
        }
        #expect(faulted > 0)
    }

    @Test func resultsFileHoldsTheMatriculeAndTheReportNever() async throws {
        let results = try await Self.cleanRun.value
        let csv = QualifyBatch.resultsCSV(results)
        let report = QualifyBatch.report(results, unreadableRows: 0, seconds: 1)
        let accepted = try #require(results.first { $0.ins != nil })
        let matricule = try #require(accepted.ins?.matricule.value)
        #expect(csv.contains(",\(matricule),"))
        #expect(csv.split(separator: "\n").count == results.count + 1)
        #expect(!report.contains(matricule))
        #expect(report.contains("PROV -> QUAL: \(results.filter { $0.statusAfter == .qualified }.count)"))
        #expect(report.contains("00: \(results.filter { $0.code == "00" }.count)"))
    }

    @Test func rawRecordsBecomeProvisionalIdentities() throws {
        let raw = RawRecord(id: "X", birthName: "Dupré", firstNames: "Jean Marie", sex: "M", birthDate: "1980-00-00", birthPlace: "", usedName: "", ins: "", line: 2)
        #expect(try QualifyBatch.identity(from: raw, normalise: false).traits.birthName == "Dupré")
        let folded = try QualifyBatch.identity(from: raw, normalise: true)
        #expect(folded.traits.birthName == "DUPRE" && folded.traits.firstNames == ["JEAN", "MARIE"] && folded.status == .provisional)
        // Ligatures and typographic apostrophes are not folded: the client refuses them (CNDA 2.03 cas 3).
        var ligature = raw
        ligature.birthName = "D’ÆION"
        #expect(try QualifyBatch.identity(from: ligature, normalise: true).traits.birthName == "D’ÆION")
        var badDate = raw
        badDate.birthDate = "1980-13-45"
        #expect(throws: QualifyBatch.RecordError(field: "birth_date")) { try QualifyBatch.identity(from: badDate, normalise: true) }
    }

    @Test func corpusDirectoryLoadsOneReferenceIdentityPerQualifiedPerson() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-insi-corpus-\(UUID().uuidString)").path
        try CorpusFiles.write(Self.corpus, to: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let base = try ReferenceIdentities.load(contentsOf: directory)
        let persons = Dictionary(uniqueKeysWithValues: Self.corpus.persons.map { ($0.matricule, $0) })
        let withCleanINSRecord = Set(Self.corpus.records.filter { !$0.record.ins.isEmpty && $0.errors.isEmpty }.map(\.personID))
        #expect(base.identities.count == withCleanINSRecord.count)
        for identity in base.identities {
            let person = try #require(persons[identity.active.number + identity.active.key!])
            #expect(identity.birthName == (try INSForm.normalise(person.birthName)))
            #expect(identity.birthDate == person.birthDate && identity.sex == person.sexCode)
        }
    }
}
