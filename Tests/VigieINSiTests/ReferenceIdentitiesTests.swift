import Testing

@testable import VigieINSi

@Suite struct ReferenceIdentitiesTests {
    @Test func bundledCNDAIdentities() {
        let base = ReferenceIdentities.cnda()
        #expect(base.identities.count == 13)
        #expect(base.candidates(birthName: "DE VINCI", birthDate: "2014-02-01").count == 2)
        #expect(base.identity(insNumber: "1090763220888")?.active.oid == "1.2.250.1.213.1.4.9")
    }

    @Test func readsVigieFormatWithHistoryAndNormalisesTraits() throws {
        let csv = """
            birth_name,first_names,sex,birth_date,birth_place,ins,oid,ins_history
            Dupré,Jean-Pierre Marie,M,1980-01-02,75056,180017505600123,1.2.250.1.213.1.4.8,280017505600123@1.2.250.1.213.1.4.8@2019-01-01@2019-12-31
            """
        let base = try ReferenceIdentities.parse(bytes: Array(csv.utf8))
        let identity = try #require(base.identities.first)
        #expect(identity.birthName == "DUPRE" && identity.firstNames == ["JEAN-PIERRE", "MARIE"])
        #expect(identity.active == INSRecord(number: "1800175056001", key: "23", oid: "1.2.250.1.213.1.4.8"))
        #expect(identity.history.first?.start == "2019-01-01")
    }

    @Test func readsABatchFileTakingRecordsWithAnINSOnce() throws {
        let csv = """
            id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins
            A,ADRTROIS,DOMINIQUE,F,1997-02-26,2A020,,297022A02077878
            B,ADRTROIS,DOMINIQUE,F,1997-02-26,2A020,,297022A02077878
            C,SANS,INS,M,1990-01-01,,,
            """
        let base = try ReferenceIdentities.parse(bytes: Array(csv.utf8))
        #expect(base.identities.count == 1)
        #expect(base.identities.first?.active.oid == "1.2.250.1.213.1.4.8")
    }

    @Test(arguments: [
        ("birth_name,first_names,sex,birth_date,birth_place,ins,oid\nA,B,X,1990-01-01,,180017505600123,1.2.250.1.213.1.4.8", ReferenceIdentitiesError.invalidField(line: 2, column: "sex")),
        ("birth_name,first_names,sex,birth_date,birth_place,ins,oid\nA,B,M,01/01/1990,,180017505600123,1.2.250.1.213.1.4.8", .invalidField(line: 2, column: "birth_date")),
        ("birth_name,first_names,sex,birth_date,birth_place,ins,oid\nA,B,M,1990-01-01,,18001750560012,1.2.250.1.213.1.4.8", .invalidField(line: 2, column: "ins")),
        ("birth_name,first_names,sex,birth_date,birth_place,oid\nA,B,M,1990-01-01,,1.2.250.1.213.1.4.8", .missingColumn("ins")),
    ])
    func errorsNameLineAndColumn(csv: String, expected: ReferenceIdentitiesError) {
        #expect(throws: expected) { try ReferenceIdentities.parse(bytes: Array(csv.utf8)) }
    }
}
