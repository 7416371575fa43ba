import Testing
@testable import VigieIdentity

/// PAM FR §6.6.15 table 0445, §4.4.4, p.36 receiving rule (research file §4.3).
@Suite struct PID32Tests {
    static func identity(_ status: IdentityStatus, _ attributes: Set<IdentityAttribute> = []) -> Identity {
        var id = IdentityLifecycleTests.identity(status)
        id.attributes = attributes
        return id
    }

    @Test func outgoing() {
        #expect(PID32.encode(Self.identity(.provisional)).field == "PROV")
        #expect(PID32.encode(Self.identity(.recovered)).field == "PROV")  // RECUP travels as PROV…
        #expect(!PID32.encode(Self.identity(.recovered)).sendsINS)        // …without the INS
        #expect(PID32.encode(Self.identity(.validated)).field == "VALI")
        #expect(!PID32.encode(Self.identity(.validated)).sendsINS)
        #expect(PID32.encode(Self.identity(.qualified)).field == "VALI")  // QUAL = VALI + INS in PID-3
        #expect(PID32.encode(Self.identity(.qualified)).sendsINS)
        #expect(PID32.encode(Self.identity(.provisional, [.homonymConfirmed, .doubtful])).field == "PROV~DOUT~HOMA")
    }

    @Test func incoming() {
        let qual = PID32.decode(field: "VALI", insInPID3: true)
        #expect(qual.status == .qualified && qual.acceptsINS)
        let vali = PID32.decode(field: "VALI", insInPID3: false)
        #expect(vali.status == .validated && !vali.acceptsINS)
        // INS in PID-3 but PID-32 without VALI: integrate without the INS (PAM FR p.36).
        let prov = PID32.decode(field: "PROV", insInPID3: true)
        #expect(prov.status == .provisional && !prov.acceptsINS)
        let empty = PID32.decode(field: "", insInPID3: true)
        #expect(empty.status == .provisional && !empty.acceptsINS)
        let attributes = PID32.decode(field: "PROV~HOMD~DPOT~COLP", insInPID3: false)
        #expect(attributes.attributes == [.homonymDetected])
        #expect(attributes.otherCodes == [.potentialDuplicate, .potentialCollision])
        // DOUT with VALI is incoherent: PROV, INS refused.
        let doubtful = PID32.decode(field: "VALI~DOUT", insInPID3: true)
        #expect(doubtful.status == .provisional && !doubtful.acceptsINS && doubtful.incoherent)
        #expect(PID32.decode(field: "PROV~DOUT~FICT", insInPID3: false).incoherent)
        // Non-standard QUAL (Mediboard's receiver tolerates it): not trusted, reported by position.
        let nonStandard = PID32.decode(field: "QUAL", insInPID3: true)
        #expect(nonStandard.status == .provisional && !nonStandard.acceptsINS && nonStandard.unknownRepetitions == [1])
        #expect(PID32.decode(field: "vali", insInPID3: true).status == .qualified)
    }

    @Test func roundTripThroughTheWire() {
        for status in IdentityStatus.allCases {
            let out = PID32.encode(Self.identity(status))
            let back = PID32.decode(field: out.field, insInPID3: out.sendsINS)
            let expected: IdentityStatus = status == .recovered ? .provisional : status  // RECUP cannot travel
            #expect(back.status == expected)
        }
    }

    @Test func table0445HasTheTwentyOneCodes() {
        #expect(IdentityReliabilityCode.allCases.count == 21)
        #expect(IdentityReliabilityCode(rawValue: "QUAL") == nil && IdentityReliabilityCode(rawValue: "RECUP") == nil)
        for attribute in IdentityAttribute.allCases { #expect(IdentityReliabilityCode(attribute).attribute == attribute) }
    }
}
