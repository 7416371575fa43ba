import VigieSupport

/// A matricule INS: the 13 characters of a NIR or NIA and their 2-digit key.
///
/// NIR and NIA have the same shape: only the OID of the ``INS`` tells them apart. Positions 6–7 may hold
/// `2A`/`2B` (people born in Corsica since 1976); they are kept as they are, never rewritten as `20`.
/// The key is `97 − (N mod 97)` where N is the 13-character number read as an integer after replacing
/// `2A` by `19` and `2B` by `18`.
///
/// Parsing checks the shape and the key only, like the INSi schema and python-stdnum. Month ranges,
/// sex digit and the place are decoded by ``parts`` and compared with the traits by
/// ``MatriculeCoherence``, which reports warnings rather than rejecting: INSi is the authority for what
/// exists.
public struct Matricule: Sendable, Hashable, CustomStringConvertible {
    /// The 13 characters (upper-case; positions 6–7 may be `2A` or `2B`).
    public let number: String
    /// The key, 1...97.
    public let key: Int

    /// Parses the 15 characters (number then key), e.g. `297022A02077878`.
    /// Lower-case `a`/`b` are accepted and stored upper-case; no separator is accepted.
    public init(_ fifteen: some StringProtocol) throws(MatriculeError) {
        let bytes = try Matricule.asciiBytes(fifteen, expectedLength: 15, firstPosition: 1)
        let number = try Matricule.checkNumber(bytes[0..<13])
        let key = try Matricule.checkKey(bytes[13..<15], firstPosition: 14)
        try self.init(checked: number, key: key)
    }

    /// Parses the number (13 characters) and the key (2 digits) given apart, as INSi returns them
    /// (`NumIdentifiant`, `Cle`). Positions in errors count the key as positions 14–15.
    public init(number: some StringProtocol, key: some StringProtocol) throws(MatriculeError) {
        let numberBytes = try Matricule.asciiBytes(number, expectedLength: 13, firstPosition: 1)
        let checkedNumber = try Matricule.checkNumber(numberBytes[...])
        guard key.count == 2 else { throw .length(found: 13 + key.count, expected: 15) }
        let keyBytes = try Matricule.asciiBytes(key, expectedLength: 2, firstPosition: 14)
        let checkedKey = try Matricule.checkKey(keyBytes[...], firstPosition: 14)
        try self.init(checked: checkedNumber, key: checkedKey)
    }

    private init(checked number: [UInt8], key: Int) throws(MatriculeError) {
        let expected = Matricule.key(ofChecked: number)
        guard key == expected else { throw .keyMismatch(found: key, expected: expected) }
        self.number = String(decoding: number, as: UTF8.self)
        self.key = key
    }

    /// The 15 characters: number and key (key on two digits).
    public var value: String { number + (key < 10 ? "0" : "") + String(key) }

    public var description: String { value }

    /// The key the 13 characters call for (1...97), after the Corsica substitution 2A→19, 2B→18.
    /// Throws when the input is not 13 well-formed characters.
    public static func expectedKey(forNumber number: some StringProtocol) throws(MatriculeError) -> Int {
        let bytes = try asciiBytes(number, expectedLength: 13, firstPosition: 1)
        return key(ofChecked: try checkNumber(bytes[...]))
    }

    /// The decoded parts: sex digit, year, month, place, order number.
    public var parts: MatriculeParts { MatriculeParts(number: Array(number.utf8)) }

    // MARK: - Internals

    /// The input's bytes when it has `expectedLength` characters, all ASCII; otherwise the length error or
    /// the position of the first non-ASCII character.
    static func asciiBytes(
        _ text: some StringProtocol, expectedLength: Int, firstPosition: Int
    ) throws(MatriculeError) -> [UInt8] {
        let utf8 = text.utf8
        if utf8.count == expectedLength && utf8.allSatisfy({ $0 < 0x80 }) { return Array(utf8) }
        let count = text.count
        guard count == expectedLength else { throw .length(found: count, expected: expectedLength) }
        for (offset, character) in text.enumerated() where !(character.isASCII && character.utf8.count == 1) {
            throw .character(position: firstPosition + offset)
        }
        return Array(utf8)
    }

    /// Checks the 13 characters' shape; returns them with `a`/`b` upper-cased.
    static func checkNumber(_ bytes: ArraySlice<UInt8>) throws(MatriculeError) -> [UInt8] {
        var out = [UInt8](bytes)
        for i in 0..<13 {
            let c = out[i]
            if c >= 0x30 && c <= 0x39 { continue }
            // Corsica: "2A" / "2B" at positions 6–7 (indices 5–6).
            if i == 6 && out[5] == UInt8(ascii: "2") {
                if c == UInt8(ascii: "A") || c == UInt8(ascii: "a") { out[i] = UInt8(ascii: "A"); continue }
                if c == UInt8(ascii: "B") || c == UInt8(ascii: "b") { out[i] = UInt8(ascii: "B"); continue }
            }
            throw .character(position: i + 1)
        }
        return out
    }

    static func checkKey(_ bytes: ArraySlice<UInt8>, firstPosition: Int) throws(MatriculeError) -> Int {
        var key = 0
        for (offset, c) in bytes.enumerated() {
            guard c >= 0x30 && c <= 0x39 else { throw .character(position: firstPosition + offset) }
            key = key * 10 + Int(c - 0x30)
        }
        return key
    }

    /// `97 − (N mod 97)`, computed digit by digit; Corsica's `2A`/`2B` count as `19`/`18`.
    static func key(ofChecked number: [UInt8]) -> Int {
        let corsica = number[6]
        var remainder = 0
        for i in 0..<13 {
            var digit = Int(number[i] &- 0x30)
            if corsica == UInt8(ascii: "A") || corsica == UInt8(ascii: "B") {
                if i == 5 { digit = 1 }
                if i == 6 { digit = corsica == UInt8(ascii: "A") ? 9 : 8 }
            }
            remainder = (remainder * 10 + digit) % 97
        }
        return 97 - remainder
    }
}

extension Matricule: Codable {
    /// Decodes the 15-character form, checking shape and key.
    public init(from decoder: any Decoder) throws {
        self = try CheckedTextCoding.decode(from: decoder) { try Matricule($0) }
    }

    /// Encodes the 15-character form.
    public func encode(to encoder: any Encoder) throws {
        try CheckedTextCoding.encode(value, to: encoder)
    }
}
