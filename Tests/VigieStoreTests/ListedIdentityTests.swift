import Testing
import VigieIdentity
@testable import VigieStore

/// `listedIdentities(ids:)` reads identities from columns (no JSON decoding in Swift): what it gives must be
/// what a full read gives, for every part a PID shows.
@Suite struct ListedIdentityTests {
    /// The parts of an identity a list shows.
    struct Shown: Equatable {
        var traits: StrictTraits
        var usedName: String?
        var usedFirstName: String?
        var ins: INS?
        var status: IdentityStatus
        var attributes: Set<IdentityAttribute>
        var birthDateCorrected: Bool
        /// PAM FR ZFD-5..8.
        var identityMode: String?
        var insiQueryDate: String?
        var documentType: IdentityDocumentType?
        var documentExpires: String?
        init(_ identity: Identity) {
            traits = identity.traits
            usedName = identity.usedName
            usedFirstName = identity.usedFirstName
            ins = identity.ins
            status = identity.status
            attributes = identity.attributes
            birthDateCorrected = identity.birthDateCorrected
            identityMode = identity.identityMode
            insiQueryDate = identity.insiQueryDate
            documentType = identity.hasHighTrustDocument?.type
            documentExpires = identity.hasHighTrustDocument?.expires
        }
    }

    @Test func listedIdentitiesShowWhatAFullReadShows() throws {
        let fixture = try TemporaryStore()
        var identities = try [
            Samples.adrunZoe(), Samples.nessiNathalie(qualified: true), Samples.ecetinsiPierreAlain(),
            Samples.tchitchiCatarina(qualified: true), Samples.patTroisDominique(),
        ]
        identities[0].usedName = "MARTIN"
        identities[0].usedFirstName = "ZOÉ"
        identities[0].attributes = [.homonymDetected, .doubtful]
        identities[2].birthDateCorrected = true
        identities[2].usedName = ""  // empty, not absent
        identities[4].traits.birthPlace = nil
        identities[4].traits.sex = .unknown
        identities[4].traits.birthDate = try BirthDate("1979-00-00")
        var lunar = try Samples.adrunZoe()
        lunar.traits.birthDate = try BirthDate(lunar: "1980-14-35")
        var spaced = try Samples.adrunZoe()
        spaced.traits.firstNames = ["MARIE ANNE", "LOU"]  // a space inside a first name: the column cannot say
        var none = try Samples.adrunZoe()
        none.traits.firstNames = []
        // ZFD-5..8, and values JSON escapes (a quote, a backslash: read back through the JSON decoder).
        var evidence = try Samples.nessiNathalie(qualified: true)
        evidence.identityMode = "SM"
        evidence.insiQueryDate = "2026-11-30"
        evidence.hasHighTrustDocument = DocumentCheck(type: .passport, expires: "2031-05-01")
        var escaped = try Samples.adrunZoe()
        escaped.usedName = "D\"ARC"
        escaped.usedFirstName = "A\\B"
        var documentOnly = try Samples.adrunZoe()
        documentOnly.hasHighTrustDocument = DocumentCheck(type: .nationalIdentityCard)
        documentOnly.attributes = [.fictitious]
        identities += [lunar, spaced, none, evidence, escaped, documentOnly]

        var ids: [String] = []
        for (n, identity) in identities.enumerated() {
            ids.append(try fixture.store.create(identity, localIDs: [ipp("\(n)"), ipp("\(n)", "CHU-Y")], change: change()).id)
        }
        let merged = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("M")], change: change())
        try fixture.store.merge(survivor: ids[0], mergedAway: merged.id, change: change())

        let listed = try fixture.store.listedIdentities(ids: ids.reversed() + [merged.id, "V999", "nonsense"])
        #expect(listed.map(\.id) == ids.reversed(), "in the order asked; merged-away and unknown ids left out")
        for item in listed {
            let full = try #require(try fixture.store.identity(id: item.id))
            #expect(Shown(item.identity) == Shown(full.identity), "\(item.id)")
            #expect(item.localIDs == full.localIDs)
        }
        #expect(Shown(listed.last!.identity) == Shown(identities[0]))
    }

    /// The array SQLite's `json_extract` builds is read by hand: only what it can read exactly, nil otherwise
    /// (then the identity's JSON is decoded).
    @Test func listedJSONReadsOnlyWhatItReadsExactly() {
        func read(_ text: String) -> ListedJSON? {
            var text = text
            return text.withUTF8 { ListedJSON($0) }
        }
        let full = read(#"[["ZOE","LOU"],"MARTIN",null,["HOMD","DOUT"],true,"SM","2026-11-30","PA","2031-05-01"]"#)
        #expect(full?.firstNames == ["ZOE", "LOU"])
        #expect(full?.usedName == "MARTIN" && full?.usedFirstName == nil)
        #expect(full?.attributes == ["HOMD", "DOUT"] && full?.birthDateCorrected == true)
        #expect(full?.identityMode == "SM" && full?.insiQueryDate == "2026-11-30")
        #expect(full?.documentType == "PA" && full?.documentExpires == "2031-05-01")
        let bare = read("[[],null,null,null,null,null,null,null,null]")
        #expect(bare?.firstNames == [] && bare?.attributes == [] && bare?.birthDateCorrected == false && bare?.usedName == nil)
        #expect(read(#"[["ZO\"E"],null,null,null,null,null,null,null,null]"#) == nil, "an escape")
        #expect(read(#"[["ZOE"],1,null,null,null,null,null,null,null]"#) == nil, "a number where a string is read")
        #expect(read(#"[null,null,null,null,null,null,null,null,null]"#) == nil, "no first-name list")
        #expect(read(#"[["ZOE"],null,null,null,null,null,null,null]"#) == nil, "a value missing")
        #expect(read(#"[["ZOE"],null,null,null,null,null,null,null,null,null]"#) == nil, "a value too many")
    }

    /// A row without `listed` (written by hand, or by a build that skipped the column) is read by decoding its
    /// JSON: the listed identity is the same.
    @Test func aRowWithoutListedValuesIsDecodedInstead() throws {
        let fixture = try TemporaryStore()
        let stored = try fixture.store.create(try Samples.nessiNathalie(qualified: true), localIDs: [], change: change())
        let before = try fixture.store.listedIdentities(ids: [stored.id])
        let raw = try SQLiteConnection(path: fixture.path, readOnly: false)
        try raw.execute("UPDATE identities SET listed = NULL", operation: "test")
        raw.close()
        let after = try fixture.store.listedIdentities(ids: [stored.id])
        #expect(before.count == 1)
        #expect(after.map { Shown($0.identity) } == before.map { Shown($0.identity) })
        #expect(after.map(\.localIDs) == before.map(\.localIDs))
    }
}
