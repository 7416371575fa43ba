/// Birth first names: INS form, compound names keep their hyphen; `names.first` is the first name.
///
/// As in INSEE civil-status files and INSi answers, first names are separated by spaces and a hyphen makes
/// one compound first name: `Jean-Pierre Marie` → `["JEAN-PIERRE", "MARIE"]`. Commas and semicolons, common
/// in typed lists, also separate first names; `JEAN - PIERRE` collapses to the compound `JEAN-PIERRE`.
public struct FirstNames: Sendable, Hashable {
    /// Each first name in INS form, in order.
    public var names: [String]

    /// The first name: the first of the list (it may be compound).
    public var first: String? { names.first }

    /// Reads a list of first names; errors give offsets in Unicode scalars of `text`.
    ///
    /// Text that `UTF8FastPath` covers is read on its UTF-8 bytes (commas and semicolons are ASCII, so they are
    /// replaced byte for byte); anything else, and every error, through ``init(reference:)``.
    public init(_ text: some StringProtocol) throws(TraitTextError) {
        if let names = FirstNames.fastNames(text) {
            self.init(names: names)
            return
        }
        try self.init(reference: text)
    }

    private init(names: [String]) { self.names = names }

    /// The names read on the UTF-8 bytes; nil when the fast path does not apply or the text is refused.
    static func fastNames(_ text: some StringProtocol) -> [String]? {
        let attempt: [String]?? = text.utf8.withContiguousStorageIfAvailable { utf8 -> [String]? in
            let count = utf8.count
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * max(1, count)) { buffer -> [String]? in
                let base = buffer.baseAddress!
                for index in 0..<count {
                    let byte = utf8[index]
                    base[index] = byte == 0x2C || byte == 0x3B ? 0x20 : byte
                }
                let output = base + max(1, count)
                guard case .done(let written) = UTF8FastPath.normalise(UnsafeBufferPointer(start: base, count: count), into: output),
                      written > 0, written <= INSForm.defaultLimit
                else { return nil }
                var names: [String] = []
                var start = 0
                for index in 0...written where index == written || output[index] == 0x20 {
                    if index > start {
                        names.append(String(decoding: UnsafeBufferPointer(start: output + start, count: index - start), as: UTF8.self))
                    }
                    start = index + 1
                }
                return names
            }
        }
        return attempt ?? nil
    }

    /// The list read on Unicode scalars through `TraitNormaliser`: the reference of ``init(_:)`` in tests and
    /// benchmarks. Same result, slower.
    public init(reference text: some StringProtocol) throws(TraitTextError) {
        let scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
            scalar.value == 0x2C || scalar.value == 0x3B ? " " : scalar
        }
        let form = try TraitNormaliser.normalise(scalars, limit: INSForm.defaultLimit)
        names = form.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The list as INSi gives it: the names separated by single spaces.
    public var insForm: String { names.joined(separator: " ") }
}
