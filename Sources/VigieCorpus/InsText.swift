import VigieText

/// The INS form of a generated trait, through VigieText's `INSForm` once it lands
/// (temporary local folding until then: capitals A–Z, space, hyphen, apostrophe).
enum InsText {
    static func form(_ text: String) -> String {
        let upper = NameText.strippingAccents(text).uppercased()
        var out = ""
        var lastWasSeparator = true
        for c in upper {
            if c >= "A" && c <= "Z" {
                out.append(c)
                lastWasSeparator = false
            } else if (c == " " || c == "-" || c == "'") && !lastWasSeparator {
                out.append(c)
                lastWasSeparator = true
            }
        }
        while let last = out.last, last == " " || last == "-" || last == "'" { out.removeLast() }
        return out
    }
}
