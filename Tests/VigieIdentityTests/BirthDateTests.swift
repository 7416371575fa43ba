import Foundation
import Testing
@testable import VigieIdentity

@Test func fullAndPartialDates() throws {
    let d = try BirthDate("1997-02-26")
    #expect(d.year == 1997 && d.month == 2 && d.day == 26 && !d.isPartial && !d.isLunar)
    #expect(d.iso == "1997-02-26")
    #expect(try BirthDate("1980-00-00").isPartial)
    #expect(try BirthDate("1980-05-00").isPartial)
    #expect(try BirthDate("2000-02-29").day == 29)
    #expect(throws: BirthDateError.dayOutOfRange) { try BirthDate("1900-02-29") }
    #expect(throws: BirthDateError.dayOutOfRange) { try BirthDate("2001-04-31") }
    #expect(throws: BirthDateError.monthOutOfRange) { try BirthDate("2001-13-01") }
    #expect(throws: BirthDateError.character(position: 5)) { try BirthDate("2001/01/01") }
    #expect(throws: BirthDateError.character(position: 9)) { try BirthDate("2001-01-x1") }
    #expect(throws: BirthDateError.length(found: 8)) { try BirthDate("20010101") }
    #expect(throws: BirthDateError.yearOutOfRange) { try BirthDate(year: 999, month: 1, day: 1) }
}

@Test func lunarDates() throws {
    // PAM FR §6.18.1 ZFD-1: day 31–35 for a known week, month above 12 allowed; INSi type DateLunaire.
    let lunar = try BirthDate(lunar: "1950-02-33")
    #expect(lunar.isLunar && lunar.iso == "1950-02-33")
    #expect(throws: BirthDateError.dayOutOfRange) { try BirthDate("1950-02-33") }
    #expect(try BirthDate(lunar: "1950-14-01").isLunar)
    #expect(try BirthDate(lunar: "1950-00-35").isLunar)
    // Nothing beyond 35, even lunar (issue #18 §7.6: `1979-13-40` counted as evidence in matching).
    #expect(throws: BirthDateError.dayOutOfRange) { try BirthDate(lunar: "1950-00-40") }
    #expect(throws: BirthDateError.dayOutOfRange) { try BirthDate(lunar: "1979-13-40") }
    #expect(try !BirthDate(lunar: "1950-02-28").isLunar)
    #expect(lunar.possibleDays == 19500201...19500228)
    #expect(try BirthDate("1950-00-00").possibleDays == 19500101...19501231)
    #expect(try BirthDate("1950-02-00").isCompatible(with: BirthDate("1950-02-14")))
    #expect(try !BirthDate("1950-03-00").isCompatible(with: BirthDate("1950-02-14")))
}

@Test func orderAndCodable() throws {
    #expect(try BirthDate("1980-00-00") < BirthDate("1980-01-01"))
    #expect(try BirthDate("1979-12-31") < BirthDate("1980-00-00"))
    let d = try BirthDate(lunar: "1950-02-33")
    let data = try JSONEncoder().encode(d)
    #expect(try JSONDecoder().decode(BirthDate.self, from: data) == d)
}

@Test func hl7Dates() throws {
    // PID-7 of ansforge/hl7V2-exemples SGL-Referentiel-Minimal/admission.er7: 19790328.
    #expect(try BirthDate(hl7: "19790328").iso == "1979-03-28")
    #expect(try BirthDate(hl7: "197903").iso == "1979-03-00")
    #expect(try BirthDate(hl7: "1979").iso == "1979-00-00")
    #expect(try BirthDate(hl7: "197903281200").iso == "1979-03-28")
    #expect(try BirthDate("1979-03-00").hl7 == "197903")
    #expect(try BirthDate("1979-00-00").hl7 == "1979")
    #expect(try BirthDate("1979-03-28").hl7 == "19790328")
    #expect(throws: BirthDateError.length(found: 5)) { try BirthDate(hl7: "19790") }
    #expect(throws: BirthDateError.character(position: 5)) { try BirthDate(hl7: "1979-03-28") }
    #expect(throws: BirthDateError.dayOutOfRange) { try BirthDate(hl7: "19790230") }
}
