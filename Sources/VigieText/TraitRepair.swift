/// Lenient reading of a name typed by hand, scanned or exported from a spreadsheet, for *matching* only.
///
/// The strict readers (`NameForm`, `FirstNames`, `INSForm`) refuse a digit, a control character or a symbol,
/// as the INS rules require. A batch of real records has some (`DUP0NT` from OCR, `MARTIN*` from a clerk's
/// marker, a tab pasted from another tool); refusing them loses the whole record. ``repair(_:reading:)``
/// retries the strict reader on a repaired copy: a digit becomes the letter it is commonly mistaken for
/// (`0`→O, `1`→I, `5`→S…), and any other refused character becomes a space. The strict reader stays the
/// judge of the result, so the repaired value is a valid trait; the caller learns which kind of repair was
/// made, because a letter *guessed* from a digit is weaker evidence than a letter typed.
public enum TraitRepair {
    /// The repaired reading and what was changed to get it (never the characters themselves).
    public struct Repaired<Value> {
        /// The strict reader's result on the repaired text.
        public var value: Value
        /// At least one digit was read as a look-alike letter: the letters are partly guessed.
        public var digitsRead: Bool
        /// At least one character that cannot be in a trait (symbol, control) was replaced by a space.
        public var charactersRemoved: Bool
    }

    /// The letter each ASCII digit is most often mistaken for (OCR and hand-written forms).
    static let lookAlike: [Unicode.Scalar] = ["O", "I", "Z", "E", "A", "S", "G", "T", "B", "G"]

    /// Reads `text` with `reading`, repairing the characters it refuses one at a time (at most 32 repairs).
    /// Nil when the text cannot be read even so (empty after repair, too long, or too many faults).
    public static func repair<Value>(
        _ text: String, reading: (String) throws(TraitTextError) -> Value
    ) -> Repaired<Value>? {
        var scalars = Array(text.unicodeScalars)
        // Letters typed: a text whose "letters" would mostly come from digits (`123`, `X12`) is not a name.
        let typedLetters = scalars.reduce(0) { $0 + ($1.properties.isAlphabetic ? 1 : 0) }
        var guessed = 0
        var digitsRead = false
        var removed = false
        for _ in 0..<32 {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            do {
                let value = try reading(String(view))
                return Repaired(value: value, digitsRead: digitsRead, charactersRemoved: removed)
            } catch {
                switch error {
                case .digit(let offset):
                    guard scalars.indices.contains(offset) else { return nil }
                    // Any script's decimal digit has a numeric value 0–9: read it as its look-alike letter.
                    let value = scalars[offset].properties.numericValue.map { Int($0) } ?? -1
                    scalars[offset] = (0...9).contains(value) ? lookAlike[value] : " "
                    if (0...9).contains(value) {
                        digitsRead = true
                        guessed += 1
                        guard guessed < typedLetters else { return nil }
                    }
                    removed = removed || !(0...9).contains(value)
                case .controlCharacter(let offset), .unsupportedCharacter(let offset):
                    guard scalars.indices.contains(offset), scalars[offset] != " " else { return nil }
                    scalars[offset] = " "
                    removed = true
                case .empty, .tooLong:
                    return nil
                }
            }
        }
        return nil
    }
}
