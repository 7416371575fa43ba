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
    public init(_ text: some StringProtocol) throws(TraitTextError) {
        let scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
            scalar.value == 0x2C || scalar.value == 0x3B ? " " : scalar
        }
        let form = try TraitNormaliser.normalise(scalars, limit: INSForm.defaultLimit)
        names = form.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The list as INSi gives it: the names separated by single spaces.
    public var insForm: String { names.joined(separator: " ") }
}
