import Foundation
import Testing
import VigieHL7
import VigieIdentity
import VigieIntegration
import VigieStore

/// The PAM FR messages of the outbound feed (docs/integration.md, "Feed"); the python receiver checks them again
/// with hl7apy in `FeedTests` (VigieCLITests).
@Suite struct FeedMessageBuilderTests {
    static let ins = try! INS(matricule: Matricule("279035121518989"), authority: .test)

    static func identity(_ status: IdentityStatus, ins: INS? = FeedMessageBuilderTests.ins) throws -> Identity {
        Identity(
            traits: StrictTraits(
                birthName: "PAT-TROIS", firstNames: ["DOMINIQUE"], sex: .female, birthDate: try BirthDate("1979-03-28"),
                birthPlace: try BirthPlace("63220")),
            ins: ins, status: status, insiRetrieved: ins != nil)
    }

    static func entry(_ change: OutboxChange, sequence: Int64 = 7) -> OutboxEntry {
        OutboxEntry(sequence: sequence, change: change, actor: "GAM@CHU-X", time: Date(timeIntervalSince1970: 1_764_000_000))
    }

    static func subject(_ identity: Identity, id: String = "V1", ipp: String = "000003") -> ListedIdentity {
        ListedIdentity(id: id, identity: identity, localIDs: [LocalIdentifier(value: ipp, domain: "CHU-X")])
    }

    @Test("PAM FR A28: MSH-9, MSH-10 from the outbox sequence, EVN-5 the actor, PID-3 the RI id, the IPP and the INS of a QUAL identity")
    func creationOfAQualifiedIdentity() throws {
        let message = FeedMessageBuilder().message(for: Self.entry(.created(Self.subject(try Self.identity(.qualified)))))
        #expect(message.segments.map(\.id) == ["MSH", "EVN", "PID", "PV1"])
        #expect(message.header[9].first.components.map(\.value) == ["ADT", "A28", "ADT_A05"])
        #expect(message.controlID == "VIGIE7")
        #expect(message.first("EVN")?[5].value == "GAM@CHU-X")
        let pid = try #require(message.first("PID"))
        #expect(pid[3].repetitions.map { PAMIdentifier($0).value } == ["V1", "000003", "279035121518989"])
        #expect(pid[3].repetitions.map { PAMIdentifier($0).isINS } == [false, false, true])
        #expect(pid[32].value == "VALI")
        // Byte-identical when built again (a re-sent message after a crash).
        #expect(FeedMessageBuilder().message(for: Self.entry(.created(Self.subject(try Self.identity(.qualified))))).encodedBytes()
            == message.encodedBytes())
    }

    /// RNIV EXI SI 08, PAM FR p.36: even handed an INS, a message for an identity that is not QUAL carries none.
    @Test("PAM FR p.36: no INS in PID-3 for an identity that is not QUAL, whatever the outbox holds")
    func noINSUnlessQualified() throws {
        for status in [IdentityStatus.provisional, .recovered, .validated] {
            let message = FeedMessageBuilder().message(for: Self.entry(.updated(Self.subject(try Self.identity(status)))))
            #expect(message.header[9].first.components.map(\.value) == ["ADT", "A31", "ADT_A05"])
            #expect(!(message.first("PID")?[3].repetitions.contains { PAMIdentifier($0).isINS } ?? true))
        }
    }

    @Test("PAM FR A40: PID the survivor, MRG-1 the merged-away identity's RI id and IPP")
    func merge() throws {
        let away = OutboxPrior(id: "V3", localIDs: [LocalIdentifier(value: "U4471", domain: "1.2.250.1.71.4.2.2")])
        let message = FeedMessageBuilder().message(
            for: Self.entry(.merged(survivor: Self.subject(try Self.identity(.provisional, ins: nil)), mergedAway: away)))
        #expect(message.segments.map(\.id) == ["MSH", "EVN", "PID", "MRG"])
        #expect(message.header[9].first.components.map(\.value) == ["ADT", "A40", "ADT_A39"])
        let prior = try #require(message.first("MRG"))[1].repetitions.map(PAMIdentifier.init)
        #expect(prior.map(\.value) == ["V3", "U4471"])
        #expect(prior.map(\.domain) == ["VIGIE", "1.2.250.1.71.4.2.2"])
    }

    /// PAM FR §4.4.3–4: an A47 finds the patient by MRG-1 (the INS included); `""` in PID-3 deletes the INS.
    @Test("PAM FR §4.4.4: the end of a qualification is an A47 with the old INS in MRG-1 and \"\" for the INS in PID-3")
    func insWithdrawn() throws {
        let message = FeedMessageBuilder().message(
            for: Self.entry(.identifiersChanged(Self.subject(try Self.identity(.validated, ins: nil)), prior: OutboxPrior(ins: Self.ins))))
        #expect(message.header[9].first.components.map(\.value) == ["ADT", "A47", "ADT_A30"])
        let pid = try #require(message.first("PID")).self[3].repetitions.map(PAMIdentifier.init)
        #expect(pid.map(\.value) == ["V1", "000003", "\"\""])
        #expect(pid.last?.isINS == true && pid.last?.isDeletion == true)
        let prior = try #require(message.first("MRG"))[1].repetitions.map(PAMIdentifier.init)
        #expect(prior.map(\.value) == ["279035121518989"] && prior[0].isINS)
    }

    @Test("PAM FR A47: a replaced IPP in MRG-1, the new one in PID-3; A24/A37 carry both identities")
    func identifierChangeAndLinks() throws {
        let builder = FeedMessageBuilder(riDomain: "1.2.250.1.999")
        let change = builder.message(
            for: Self.entry(.identifiersChanged(
                Self.subject(try Self.identity(.provisional, ins: nil), ipp: "NEW"),
                prior: OutboxPrior(localIDs: [LocalIdentifier(value: "OLD", domain: "CHU-X")]))))
        #expect(change.first("PID")?[3].repetitions.map { PAMIdentifier($0).value } == ["V1", "NEW"])
        #expect(change.first("PID")?[3].repetitions.first.map { PAMIdentifier($0).domain } == "1.2.250.1.999")
        #expect(change.first("MRG")?[1].repetitions.map { PAMIdentifier($0).value } == ["OLD"])
        let a = Self.subject(try Self.identity(.provisional, ins: nil))
        let b = Self.subject(try Self.identity(.provisional, ins: nil), id: "V2", ipp: "000004")
        for (change, event) in [(OutboxChange.linked(a, b), "A24"), (.unlinked(a, b), "A37")] {
            let message = builder.message(for: Self.entry(change))
            #expect(message.header[9].first.components.map(\.value) == ["ADT", event, "ADT_\(event)"])
            #expect(message.segments("PID").map { $0[1].value } == ["1", "2"])
            #expect(message.segments("PID").map { $0[3].repetitions.first.map { PAMIdentifier($0).value } } == ["V1", "V2"])
        }
    }
}
