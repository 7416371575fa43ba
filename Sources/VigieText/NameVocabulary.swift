/// The words that structure a French name field, in INS form.
enum NameVocabulary {
    /// Particles, tagged in tokens and left out of `NameForm.compact`.
    /// French: DE, D', DU, DES, LE, LA, LES, L' (AFNOR NF Z 44-001 and usage); Dutch/Flemish VAN, DER, DEN,
    /// TER, TEN; German VON, ZU; Italian DA, DI, DEL, DELLA, DELLE, DEI, DEGLI, LO; Spanish/Portuguese DOS,
    /// DO, DAS, LOS, LAS, Y; Arabic articles EL, AL (BEN, BOU, ABD are name parts, not particles).
    /// Sources: research §10.2 (francegenweb "Patronyme", cartelis `PARTICULES`).
    static let particles: Set<String> = [
        "DE", "D", "DU", "DES", "LE", "LA", "LES", "L",
        "VAN", "DER", "DEN", "TER", "TEN", "VON", "ZU",
        "DA", "DI", "DEL", "DELLA", "DELLE", "DEI", "DEGLI", "LO",
        "DOS", "DO", "DAS", "LOS", "LAS", "Y", "EL", "AL", "DELA",
    ]

    /// Markers that introduce another name of the same person (used name, maiden name, alias):
    /// épouse/époux, veuve/veuf, née/né, divorcée, dit/dite. The text after them goes to `alternateNames`.
    static let markers: Set<String> = [
        "EP", "EPSE", "EPOUSE", "EPX", "EPOUX", "VVE", "VEUVE", "VF", "VEUF",
        "NEE", "NE", "DIV", "DIVORCEE", "DIVORCE", "DIT", "DITE",
    ]

    /// Whole-token abbreviations of SAINT and SAINTE (never applied inside a word: STEPHANE stays).
    static let saintForms: [String: String] = ["ST": "SAINT", "STE": "SAINTE"]
}
