import VigieSupport

/// A birth place as the INS carries it: a 5-character INSEE COG code.
///
/// A commune (`63220`, `2A020`, `97411`), or `99` and a 3-digit country code for people born abroad
/// (`99134`); `99999` stands for an unknown place. The code is the one in force at the date of birth:
/// use ``COG`` to follow it through history.
public struct BirthPlace: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The 5 characters, upper-case.
    public let code: String

    /// Checks the shape (5 digits, or `2A`/`2B` + 3 digits); lower-case `a`/`b` are stored upper-case.
    /// Whether the code exists is the COG's business.
    public init(_ code: some StringProtocol) throws(BirthPlaceError) {
        var bytes = Array(code.utf8)
        guard bytes.count == 5 else {
            let count = code.count
            if count == 5 {
                for (offset, c) in code.enumerated() where !(c.isASCII && c.utf8.count == 1) {
                    throw .character(position: offset + 1)
                }
            }
            throw .length(found: count)
        }
        for i in 0..<5 {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 { continue }
            if i == 1 && bytes[0] == UInt8(ascii: "2") {
                if c == UInt8(ascii: "A") || c == UInt8(ascii: "a") { bytes[1] = UInt8(ascii: "A"); continue }
                if c == UInt8(ascii: "B") || c == UInt8(ascii: "b") { bytes[1] = UInt8(ascii: "B"); continue }
            }
            throw .character(position: i + 1)
        }
        self.code = String(decoding: bytes, as: UTF8.self)
    }

    /// The code for an unknown birth place, `99999`.
    public static let unknown = try! BirthPlace("99999")

    /// True for `99xxx` codes (a country), except `99999`.
    public var isAbroad: Bool { code.hasPrefix("99") && !isUnknown }

    /// True for `99999`.
    public var isUnknown: Bool { code == "99999" }

    /// The department: 3 characters overseas (`971`…), 2 otherwise (`2A`, `75`); nil abroad or unknown.
    public var department: String? {
        if code.hasPrefix("99") { return nil }
        if code.hasPrefix("97") || code.hasPrefix("98") { return String(code.prefix(3)) }
        return String(code.prefix(2))
    }

    public var description: String { code }

    /// Orders by code.
    public static func < (a: BirthPlace, b: BirthPlace) -> Bool { a.code < b.code }

    public init(from decoder: any Decoder) throws {
        self = try CheckedTextCoding.decode(from: decoder) { try BirthPlace($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        try CheckedTextCoding.encode(code, to: encoder)
    }
}
