/// Keyboard slips on a French AZERTY keyboard, the layout of French registration desks.
///
/// Neighbours are the keys touching a letter key (same row and the rows above and below):
/// ```
/// A Z E R T Y U I O P
///  Q S D F G H J K L M
///   W X C V B N
/// ```
/// The operations are the single-error taxonomy used for synthetic name errors (Pollock & Zamora; Christen,
/// "A comparison of personal name matching techniques"): substitution by a neighbour, insertion of a
/// neighbour, deletion, transposition of adjacent letters.
enum AzertyKeyboard {
    static let neighbours: [Character: [Character]] = [
        "A": ["Z", "Q"], "Z": ["A", "E", "Q", "S"], "E": ["Z", "R", "S", "D"], "R": ["E", "T", "D", "F"],
        "T": ["R", "Y", "F", "G"], "Y": ["T", "U", "G", "H"], "U": ["Y", "I", "H", "J"], "I": ["U", "O", "J", "K"],
        "O": ["I", "P", "K", "L"], "P": ["O", "L", "M"],
        "Q": ["A", "Z", "S", "W"], "S": ["Q", "D", "Z", "E", "W", "X"], "D": ["S", "F", "E", "R", "X", "C"],
        "F": ["D", "G", "R", "T", "C", "V"], "G": ["F", "H", "T", "Y", "V", "B"], "H": ["G", "J", "Y", "U", "B", "N"],
        "J": ["H", "K", "U", "I", "N"], "K": ["J", "L", "I", "O"], "L": ["K", "M", "O", "P"], "M": ["L", "P"],
        "W": ["Q", "S", "X"], "X": ["W", "C", "S", "D"], "C": ["X", "V", "D", "F"], "V": ["C", "B", "F", "G"],
        "B": ["V", "N", "G", "H"], "N": ["B", "H", "J"],
    ]

    /// `text` with one keyboard slip at a letter, or nil when it has no plain letter to slip on.
    static func slip(_ text: String, _ random: inout CorpusRandom) -> String? {
        var chars = Array(text)
        let letters = chars.indices.filter { neighbours[chars[$0]] != nil }
        guard letters.count >= 2 else { return nil }
        let i = random.pick(letters)
        let roll = random.below(100)
        if roll < 50 {
            chars[i] = random.pick(neighbours[chars[i]]!)
        } else if roll < 65 {
            chars.insert(random.pick(neighbours[chars[i]]!), at: i + 1)
        } else if roll < 80 {
            chars.remove(at: i)
        } else {
            // Swap with the next letter if it is a different letter, else with the previous one.
            let j = (i + 1 < chars.count && chars[i + 1] != chars[i] && neighbours[chars[i + 1]] != nil) ? i + 1 : i - 1
            guard j >= 0, chars[j] != chars[i], neighbours[chars[j]] != nil else {
                chars[i] = random.pick(neighbours[chars[i]]!)
                return String(chars)
            }
            chars.swapAt(i, j)
        }
        let result = String(chars)
        return result == text ? nil : result
    }
}
