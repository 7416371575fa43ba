import Testing
import Foundation
@testable import VigieIdentity

@Test func decodesCorsica() throws {
    // ADRTROIS DOMINIQUE (padoa/tlsi-ins adrtrois-dominique.fixture.ts): F, 1997-02, born 2A020.
    let p = try Matricule("297022A02077878").parts
    #expect(p.sexDigit == 2 && p.sex == .female)
    #expect(p.year == 97)
    #expect(p.month == .known(2))
    #expect(p.place == .france(department: "2A", commune: "020"))
    #expect(p.place.cogCode == "2A020")
    #expect(p.order == "778")
}

@Test func decodesOverseasAndAbroad() throws {
    // Built numbers (keys computed by the definition, checked against stdnum in NIRCrossCheckTests).
    let overseas = try Matricule(number: "1850597411123", key: String(format: "%02d", try Matricule.expectedKey(forNumber: "1850597411123"))).parts
    #expect(overseas.place == .overseas(department: "974", commune: "11"))
    #expect(overseas.place.cogCode == "97411")
    let abroad = try Matricule.expectedKey(forNumber: "2850599134045")
    let parts = try Matricule(number: "2850599134045", key: String(format: "%02d", abroad)).parts
    #expect(parts.place == .abroad(country: "134"))
    #expect(parts.place.cogCode == "99134")
    #expect(parts.place.department == nil)
}

@Test func monthRanges() {
    #expect(MatriculeMonth(code: 1) == .known(1))
    #expect(MatriculeMonth(code: 12) == .known(12))
    #expect(MatriculeMonth(code: 0) == .outOfRange(code: 0))
    #expect(MatriculeMonth(code: 13) == .outOfRange(code: 13))
    #expect(MatriculeMonth(code: 19) == .outOfRange(code: 19))
    #expect(MatriculeMonth(code: 20) == .unknown(code: 20))
    #expect(MatriculeMonth(code: 30) == .unknown(code: 30))
    #expect(MatriculeMonth(code: 31) == .incompleteCivilStatusAct(code: 31))
    #expect(MatriculeMonth(code: 42) == .incompleteCivilStatusAct(code: 42))
    #expect(MatriculeMonth(code: 43) == .outOfRange(code: 43))
    #expect(MatriculeMonth(code: 49) == .outOfRange(code: 49))
    #expect(MatriculeMonth(code: 50) == .unknown(code: 50))
    #expect(MatriculeMonth(code: 99) == .unknown(code: 99))
}

@Test func sexDigits() throws {
    for (digit, sex) in [(1, Sex.male), (2, .female), (7, .male), (8, .female), (3, .unknown), (0, .unknown)] {
        let number = "\(digit)800375123456"
        let m = try Matricule(number: number, key: String(format: "%02d", try Matricule.expectedKey(forNumber: number)))
        #expect(m.parts.sex == sex)
        #expect(m.parts.sexDigit == digit)
    }
}
