import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct IdentityRecordTests {
    @Test(arguments: [
        LocalIdentifier(value: "000003", domain: "CHU-X&000897406&N"),
        LocalIdentifier(value: "a\"b\\c/d", domain: "é ü 漢 🏥"),
        LocalIdentifier(value: "tab\there", domain: "new\nline\u{1}"),
    ])
    func localIdentifierJSONIsWhatTheEncoderWrites(_ local: LocalIdentifier) throws {
        let coder = StoreCoder()
        #expect(coder.encode(local) == (try coder.encode(local, what: "test")))
        #expect(try JSONDecoder().decode(LocalIdentifier.self, from: Data(coder.encode(local).utf8)) == local)
    }

    @Test(arguments: ["MSH|^~\\&|VIGIE|RI|GAM|CHU-X|20240306111154||ACK^A28^ACK|1|P|2.5\rMSA|AA|3975", "é\"/\u{7F}\u{1F}", ""])
    func stringAnswersAreQuotedAsTheEncoderWould(_ answer: String) throws {
        let coder = StoreCoder()
        let quoted = try IdentityStore.encodeAnswer(answer, coder)
        #expect(try JSONDecoder().decode(String.self, from: Data(quoted.utf8)) == answer)
        #expect(quoted == (try coder.encode(answer, what: "test")))
    }

    @Test func columnsProjectTheMatchingFields() throws {
        var identity = try Samples.ecetinsiPierreAlain()
        identity.usedName = "MARTIN"
        let columns = IdentityColumns(identity, json: "{}")
        #expect(columns.status == "QUAL")
        #expect(columns.birthName == "ECETINSI")
        #expect(columns.firstNames == "PIERRE-ALAIN MURIEL FLORIANT")
        #expect(columns.sex == "M")
        #expect(columns.birthDate == "2009-07-14")
        #expect(columns.birthPlace == "63220")
        #expect(columns.usedName == "MARTIN")
        #expect(columns.ins == "109076322083489")
        #expect(columns.insOID == "1.2.250.1.213.1.4.8")
    }
}
