/// Codable as one checked string: a value type whose text form is validated on the way in (a matricule, a birth
/// date, a birth place) decodes through its own checking initialiser, so a model or a request file can never hold a
/// value that the type would refuse.
public enum CheckedTextCoding {
    /// Decodes a single string and builds the value with `make`; its error becomes a `DecodingError` naming the
    /// coding path, with the type's own description of what is wrong.
    public static func decode<T>(from decoder: any Decoder, _ make: (String) throws -> T) throws -> T {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            return try make(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: String(describing: error))
        }
    }

    /// Encodes the value's text form as a single string.
    public static func encode(_ text: String, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
