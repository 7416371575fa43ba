import Testing
@testable import VigieIdentity

@Test func birthPlaceShapes() throws {
    let corsica = try BirthPlace("2a020")
    #expect(corsica.code == "2A020" && corsica.department == "2A" && !corsica.isAbroad)
    #expect(try BirthPlace("97411").department == "974")
    #expect(try BirthPlace("63220").department == "63")
    let abroad = try BirthPlace("99134")
    #expect(abroad.isAbroad && !abroad.isUnknown && abroad.department == nil)
    #expect(BirthPlace.unknown.isUnknown && !BirthPlace.unknown.isAbroad)
    #expect(throws: BirthPlaceError.length(found: 4)) { try BirthPlace("6322") }
    #expect(throws: BirthPlaceError.character(position: 2)) { try BirthPlace("2C020") }
    #expect(throws: BirthPlaceError.character(position: 2)) { try BirthPlace("3A020") }
    #expect(throws: BirthPlaceError.character(position: 5)) { try BirthPlace("6322é") }
}
