import VigieText

/// The INS form of a generated trait (what INSi returns and a qualified identity stores), via VigieText.
enum InsText {
    static func form(_ text: String) -> String {
        // Generated names are Latin letters, spaces, hyphens and apostrophes: normalisation cannot fail on them.
        // Should a future name list bring something it rejects, the record keeps the capitals, visibly.
        (try? INSForm.normalise(text)) ?? text.uppercased()
    }
}
