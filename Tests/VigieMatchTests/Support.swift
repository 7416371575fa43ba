import VigieIdentity
@testable import VigieMatch

/// Builds a prepared record from hand-written traits (test helper; traits are invented for the tests).
func record(
    _ id: String, _ birthName: String, _ firstNames: String, _ sex: String = "F", _ birthDate: String = "1980-05-17",
    place: String = "", used: String = "", ins: String = "", line: Int = 0
) throws -> PreparedRecord {
    try PreparedRecord(
        RawRecord(
            id: id, birthName: birthName, firstNames: firstNames, sex: sex, birthDate: birthDate, birthPlace: place,
            usedName: used, ins: ins, line: line))
}

/// Valid NIR-shaped matricules: 13 digits + key = 97 − (number mod 97).
func matricule(_ thirteen: String) -> String {
    let n = UInt64(thirteen)!
    let key = 97 - n % 97
    return thirteen + (key < 10 ? "0" : "") + String(key)
}
