/// One word of a name's main part.
public struct NameToken: Sendable, Hashable {
    /// The word in INS form, with SAINT forms expanded (`ST` → `SAINT`, `STE` → `SAINTE`) and no separator:
    /// the elided particle of `D'ALEMBERT` is the token `D`.
    public var text: String
    /// True for a particle (DE, D', DU, DE LA, LE, VAN, DA…) that is followed by the core of the name.
    public var isParticle: Bool

    /// A token.
    public init(text: String, isParticle: Bool) {
        self.text = text
        self.isParticle = isParticle
    }
}
