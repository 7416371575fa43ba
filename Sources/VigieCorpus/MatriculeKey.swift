import VigieIdentity

/// The NIR key of a generated matricule number, from VigieIdentity's `Matricule`.
enum MatriculeKey {
    static func expected(forNumber number: String) -> Int {
        // Numbers are built from digits and COG codes (2A/2B included): always a valid 13-character number.
        (try? Matricule.expectedKey(forNumber: number)) ?? 0
    }
}
