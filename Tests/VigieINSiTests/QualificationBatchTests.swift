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
            let batch = QualifyBatch(workflow: Qualification(client: client, actor: "test"), normalise: true, concurrency: 8)
            return await batch.run(Self.corpus.records.map { Self.withEvidence($0.record) })
        }
    }

    /// `record` with its own document evidence: an identity card checked by `cell1` on 2026-12-01.
    static func withEvidence(_ record: RawRecord, type: String = "CN", special: String = "") -> RawRecord {
        var r = record
        r.document = RawDocumentEvidence(type: type, checkedBy: "cell1", checkedAt: "2026-12-01", specialCase: special)
        return r
    }

    static let today = Date(timeIntervalSince1970: 1_796_256_000)  // 2026-12-03

    /// The first `n` records with an INS-bearing person and no error, qualified with the evidence `evidence` gives.
    static func small(_ n: Int, _ evidence: (RawRecord) -> RawRecord) async throws -> [QualificationRecordResult] {
        let clean = Self.corpus.records.filter { $0.errors.isEmpty }.prefix(n).map { evidence($0.record) }
        return try await withMock(identities: Self.reference) { server in
            let client = try INSiClient(configuration: INSiClientConfiguration(endpoint: server.url, timeoutMilliseconds: 2_000))
            let batch = QualifyBatch(workflow: Qualification(client: client, actor: "test"), normalise: true, concurrency: 4, today: Self.today)
            return await batch.run(Array(clean))
        }
    }

    /// RNIV EXI SI 07 (issue #13): QUAL needs INSi and a high-trust document checked for this patient. A row without
    /// document evidence is at most RECUP, even when INSi finds its INS: no batch-wide document exists any more.
    @Test func rowWithoutEvidenceReachesAtMostRECUP() async throws {
        let results = try await Self.small(12) { $0 }
        #expect(results.contains { $0.statusAfter == .recovered }, "INSi found none of the clean records")
        for r in results {
            #expect(r.statusAfter == .recovered || r.statusAfter == .provisional, "\(r.id) is \(r.statusAfter?.rawValue ?? "?")")
        }
    }

    /// The same rows with their own identity card: QUAL where INSi agrees (the evidence is per row).
    @Test func rowWithEvidenceIsQualified() async throws {
        var n = 0
        let results = try await Self.small(12) { record in
            n += 1
            return n % 2 == 0 ? Self.withEvidence(record) : record
        }
        for (i, r) in results.enumerated() where r.ins != nil {
            #expect(r.statusAfter == (i % 2 == 1 ? .qualified : .recovered), "\(r.id)")
        }
        #expect(results.contains { $0.statusAfter == .qualified } && results.contains { $0.statusAfter == .recovered })
    }

    /// RNIV: a driving licence is not a high-trust device, and a birth extract is one only in the RNIV special cases
    /// (minors with a parent's document, RNIV 2024 §3.3.3), which the checker must attest.
    @Test func lowTrustAndUnattestedSpecialCaseDocumentsReachAtMostRECUP() async throws {
        for (type, special, best) in [("PC", "", IdentityStatus.recovered), ("AN", "non", .recovered), ("AN", "oui", .qualified)] {
            let results = try await Self.small(4) { Self.withEvidence($0, type: type, special: special) }
            #expect(results.contains { $0.statusAfter == best }, "\(type) \(special)")
            if best == .recovered { #expect(!results.contains { $0.statusAfter == .qualified || $0.statusAfter == .validated }) }
        }
    }

    /// Bad input: evidence stated in part (no checker, no date, an unknown type, a date in the future) refuses the
    /// row with the column named; INSi is not called and nothing changes.
    @Test func partialEvidenceRefusesTheRowNamingTheColumn() async throws {
        let cases: [(RawDocumentEvidence, String)] = [
            (RawDocumentEvidence(type: "CN", checkedAt: "2026-12-01"), "document_checked_by"),
            (RawDocumentEvidence(type: "CN", checkedBy: "cell1"), "document_checked_at"),
            (RawDocumentEvidence(type: "XX", checkedBy: "cell1", checkedAt: "2026-12-01"), "document_type"),
            (RawDocumentEvidence(checkedBy: "cell1", checkedAt: "2026-12-01"), "document_type"),
            (RawDocumentEvidence(type: "CN", checkedBy: "cell1", checkedAt: "2027-01-01"), "document_checked_at"),
            (RawDocumentEvidence(type: "CN", checkedBy: "cell1", checkedAt: "31/02/2026"), "document_checked_at"),
            (RawDocumentEvidence(type: "CN", checkedBy: "cell1", checkedAt: "2026-12-01", specialCase: "peut-être"), "document_special_case"),
        ]
        for (evidence, column) in cases {
            let results = try await Self.small(1) { var r = $0; r.document = evidence; return r }
            let r = try #require(results.first)
            #expect(r.errorKind == "document:\(column)" && r.calls == 0 && r.statusAfter == nil, "\(column): \(r.errorKind ?? "none")")
            #expect(r.error?.contains(column) == true)
        }
    }

    /// The evidence columns are read under their contract names and French headers (ColumnMapping), dates in
    /// either order; a file without them reads no evidence.
    @Test func evidenceColumnsReadUnderFrenchHeaders() throws {
        let text = "IPP;Nom de naissance;Prénoms;Sexe;Date de naissance;Type de justificatif;Vérifié par;Date de vérification;Date d'expiration;Cas particulier\n"
            + "1;DUPONT;JEAN;M;1980-01-02;eCN;cell1;01/12/2026;2031-05-01;non\n2;DURAND;ANNE;F;1981-01-02;;;;;\n"
        let file = try BatchCSV.read(bytes: Array(text.utf8), columns: [:], required: [.id])
        let check = try #require(try file.records[0].document?.check(today: Self.today))
        #expect(check == DocumentCheck(type: .electronicIdentityCard, expires: "2031-05-01", checkedBy: "cell1", checkedAt: "2026-12-01"))
        #expect(file.records[1].document == nil)
        let plain = try BatchCSV.read(bytes: Array("id,birth_name\n1,X\n".utf8))
        #expect(plain.records[0].document == nil)
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
