/// Matching form of a name: tokens with particles tagged, SAINT forms expanded, marital markers split off.
///
/// Unlike `INSForm`, this reads a name as clerks type it: `.`, `,`, `;`, `:`, `/`, `_` and `"` separate words
/// (`ST. MARTIN`, `LOUIS, NEE DARK`); parenthesised or bracketed parts and the parts after a marker
/// (EP, EPOUSE, VVE, NEE, DIT… as whole words) become `alternateNames`; the rest is the main part.
/// When the main part is empty (`NEE DUPONT`, `(DARK)`), the first alternate becomes the main part.
///
/// ```swift
/// let name = try NameForm("Martin épouse Dupont (de la Fontaine)")
/// name.insForm          // "MARTIN"
/// name.alternateNames   // ["DUPONT", "DE LA FONTAINE"]
/// ```
public struct NameForm: Sendable, Hashable {
    /// INS form of the main part (no SAINT expansion: this is the trait as written).
    public var insForm: String
    /// Main part, in order, split on space, hyphen and apostrophe.
    public var tokens: [NameToken]
    /// INS form of the parts split off by markers and parentheses, in order of appearance.
    public var alternateNames: [String]
    /// Main part without separators and particles, ASCII bytes (`DE LA FONTAINE` → `FONTAINE`,
    /// `ST-MARTIN` → `SAINTMARTIN`).
    public var compact: [UInt8]

    /// Reads a name; errors give offsets in Unicode scalars of `text`.
    ///
    /// Most names have no bracket, no lenient separator and no marker word: their form is their INS form,
    /// read on the UTF-8 bytes by `UTF8FastPath` (no scalar array, no copies per part). Anything else, and
    /// every error, goes through ``init(reference:)``, which the fast path is tested against.
    public init(_ text: some StringProtocol) throws(TraitTextError) {
        if let main = NameForm.plainINSForm(text) {
            self.init(main: main, alternates: [])
            return
        }
        try self.init(reference: text)
    }

    /// The reading step by step on Unicode scalars (brackets, markers, lenient separators, then `TraitNormaliser`):
    /// the reference of ``init(_:)`` in tests and benchmarks. Same result, slower.
    public init(reference text: some StringProtocol) throws(TraitTextError) {
        let scalars = Array(text.unicodeScalars)
        var parts = try NameForm.split(scalars)
        guard !parts.isEmpty else { throw .empty }
        let main = parts.removeFirst()
        self.init(main: main, alternates: parts)
    }

    private init(main: [UInt8], alternates parts: [[UInt8]]) {
        insForm = String(decoding: main, as: UTF8.self)
        alternateNames = parts.map { String(decoding: $0, as: UTF8.self) }
        tokens = NameForm.tokens(of: main)
        var compact: [UInt8] = []
        compact.reserveCapacity(main.count)
        for token in tokens where !token.isParticle { compact.append(contentsOf: token.text.utf8) }
        self.compact = compact
    }

    /// The INS form of `text` when it is the whole name: no bracket, no lenient separator (all ASCII, so a byte
    /// scan sees them) and no marker word. A word of the input that reads as a marker is, once normalised, a
    /// run of letters between separators of the INS form, so checking those runs is enough (it may refuse a
    /// little more than needed: the reference then decides). Nil whenever the fast path cannot be sure, and on
    /// every error (the reference gives it, with its offset).
    static func plainINSForm(_ text: some StringProtocol) -> [UInt8]? {
        let attempt: [UInt8]?? = text.utf8.withContiguousStorageIfAvailable { utf8 -> [UInt8]? in
            for byte in utf8 {
                switch byte {
                case 0x28, 0x29, 0x5B, 0x5D, 0x2E, 0x2C, 0x3B, 0x3A, 0x2F, 0x5F, 0x22: return nil
                default: continue
                }
            }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { buffer -> [UInt8]? in
                guard case .done(let count) = UTF8FastPath.normalise(utf8, into: buffer.baseAddress!),
                      count > 0, count <= INSForm.defaultLimit
                else { return nil }
                let form = UnsafeBufferPointer(start: buffer.baseAddress, count: count)
                var start = 0
                for index in 0...count where index == count || !(form[index] >= 0x41 && form[index] <= 0x5A) {
                    let length = index - start
                    if length >= 2 && length <= 8,
                       NameVocabulary.markers.contains(String(decoding: UnsafeBufferPointer(rebasing: form[start..<index]), as: UTF8.self)) {
                        return nil
                    }
                    start = index + 1
                }
                return Array(form)
            }
        }
        return attempt ?? nil
    }

    /// Scalars read as word separators in a name field (besides the INS separators): `. , ; : / _ "`.
    static func isLenientSeparator(_ value: UInt32) -> Bool {
        switch value {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x2F, 0x5F, 0x22: return true
        default: return false
        }
    }

    /// The INS forms of the main part then the alternates, each non-empty. Offsets of errors are kept
    /// because every part is a same-length copy of the input with everything outside the part blanked.
    static func split(_ scalars: [Unicode.Scalar]) throws(TraitTextError) -> [[UInt8]] {
        let space: Unicode.Scalar = " "
        // Groups in parentheses or brackets (an unclosed group runs to the end; nesting is flattened).
        var outside = scalars
        var groups: [Range<Int>] = []
        var groupStart: Int?
        for index in scalars.indices {
            let value = scalars[index].value
            switch value {
            case 0x28, 0x5B:
                outside[index] = space
                if groupStart == nil { groupStart = index + 1 }
            case 0x29, 0x5D:
                outside[index] = space
                if let start = groupStart { groups.append(start..<index); groupStart = nil }
            default:
                if groupStart != nil || isLenientSeparator(value) { outside[index] = space }
            }
        }
        if let start = groupStart { groups.append(start..<scalars.count) }

        var pieces = markerPieces(outside)
        for group in groups {
            var inside = [Unicode.Scalar](repeating: space, count: scalars.count)
            for index in group {
                let value = scalars[index].value
                let blank = isLenientSeparator(value) || value == 0x28 || value == 0x5B
                inside[index] = blank ? space : scalars[index]
            }
            // Everything in a group is an alternate, the words after a marker inside it included.
            pieces.append(contentsOf: markerPieces(inside))
        }
        var forms: [[UInt8]] = []
        // A name made of a marker word alone (`NE`, `DIT`) is a name, not a marker.
        if pieces.allSatisfy({ piece in piece.allSatisfy { $0 == space } }) {
            return [try TraitNormaliser.normalise(outside, limit: INSForm.defaultLimit)]
        }
        for piece in pieces {
            do {
                forms.append(try TraitNormaliser.normalise(piece, capacity: piece.count, limit: INSForm.defaultLimit))
            } catch .empty {
                continue  // an empty part ("()", a trailing "EP") is no name
            } catch {
                throw error
            }
        }
        return forms
    }

    /// Splits `scalars` at marker words: the part before the first marker, then each part between markers.
    /// Every part is a copy of `scalars` with everything else blanked, so offsets stay those of the input.
    static func markerPieces(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        let space: Unicode.Scalar = " "
        var cuts: [Range<Int>] = []  // marker words
        var index = 0
        while index < scalars.count {
            if case .separator(0x20) = ScalarClass(scalars[index].value) { index += 1; continue }
            var end = index
            while end < scalars.count {
                if case .separator(0x20) = ScalarClass(scalars[end].value) { break }
                end += 1
            }
            if end - index <= 8,
               let word = try? TraitNormaliser.normalise(scalars[index..<end], limit: 16),
               NameVocabulary.markers.contains(String(decoding: word, as: UTF8.self)) {
                cuts.append(index..<end)
            }
            index = end
        }
        var bounds: [Range<Int>] = []
        var start = 0
        for cut in cuts {
            bounds.append(start..<cut.lowerBound)
            start = cut.upperBound
        }
        bounds.append(start..<scalars.count)
        return bounds.map { bound in
            var piece = [Unicode.Scalar](repeating: space, count: scalars.count)
            for position in bound { piece[position] = scalars[position] }
            return piece
        }
    }

    /// Tokens of an INS form, particles tagged, SAINT forms expanded.
    static func tokens(of insForm: [UInt8]) -> [NameToken] {
        var words: [String] = []
        var current: [UInt8] = []
        for byte in insForm {
            if byte == 0x20 || byte == 0x2D || byte == 0x27 {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll() }
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        // A particle is only a particle when the core of the name follows it: the last word never is one.
        let lastCore = words.lastIndex { !NameVocabulary.particles.contains($0) } ?? (words.count - 1)
        return words.enumerated().map { index, word in
            NameToken(
                text: NameVocabulary.saintForms[word] ?? word,
                isParticle: index < lastCore && NameVocabulary.particles.contains(word))
        }
    }
}
