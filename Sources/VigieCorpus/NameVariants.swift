import Foundation

/// Variants of surnames with particles and SAINT, as desks and software write them differently
/// (research notes §10.2–10.3: AFNOR NF Z 44-001 particles; SAINT/ST/STE; hyphen or space).
enum NameVariants {
    /// Particles a desk may drop entirely (the name is filed without them).
    static let droppable: Set<String> = ["DE", "DU", "DES", "DA", "DOS", "DAS", "DO", "DI", "DEL", "DELLA", "VAN", "VON", "DER", "DEN", "TER"]
    /// Articles that belong to the name (Breton LE GALL, LA FONTAINE): only glued or spaced, never dropped.
    static let articles: Set<String> = ["LE", "LA", "LES", "L"]

    /// A particle variant of `name` — glued (DELAFONTAINE, DARC, LEGALL), dropped (FONTAINE, ARC, SILVA) or
    /// an apostrophe typed as a space (D ARC) — or nil when the name starts with no particle.
    static func particle(_ name: String, _ random: inout CorpusRandom) -> String? {
        // Leading tokens: split on spaces, and after an elided D' / L'.
        var tokens: [String] = []
        var rest = Substring(name)
        var elided = false
        while true {
            if rest.hasPrefix("D'") || rest.hasPrefix("L'") {
                tokens.append(String(rest.prefix(1)))
                rest = rest.dropFirst(2)
                elided = true
                continue
            }
            guard let space = rest.firstIndex(of: " ") else { break }
            let word = String(rest[..<space])
            guard droppable.contains(word) || articles.contains(word) else { break }
            tokens.append(word)
            rest = rest[rest.index(after: space)...]
        }
        guard !tokens.isEmpty, !rest.isEmpty else { return nil }
        let canDrop = droppable.contains(tokens[0]) || tokens[0] == "D"
        var choices = [0]  // glued
        if canDrop { choices.append(1) }
        if elided { choices.append(2) }
        switch random.pick(choices) {
        case 0: return tokens.joined() + rest
        case 1: return String(rest)
        default: return name.replacingOccurrences(of: "'", with: " ")
        }
    }

    /// A SAINT variant of `name` — ST for SAINT, STE for SAINTE, a space for the hyphen or the reverse — or nil
    /// when the name has no SAINT word.
    static func saint(_ name: String, _ random: inout CorpusRandom) -> String? {
        var chars = Array(name)
        // Find a SAINT or SAINTE word.
        let target = Array("SAINT")
        var found: Int?
        var i = 0
        while i + target.count <= chars.count {
            if (i == 0 || chars[i - 1] == " " || chars[i - 1] == "-") && Array(chars[i ..< i + target.count]) == target {
                let end = i + target.count
                let isSainte = end < chars.count && chars[end] == "E"
                let wordEnd = isSainte ? end + 1 : end
                if wordEnd == chars.count || chars[wordEnd] == " " || chars[wordEnd] == "-" {
                    found = i
                    break
                }
            }
            i += 1
        }
        guard let start = found else { return nil }
        let isSainte = start + 5 < chars.count && chars[start + 5] == "E"
        let wordEnd = start + (isSainte ? 6 : 5)
        let hasSeparator = wordEnd < chars.count
        var choices = [0]  // abbreviate
        if hasSeparator { choices.append(1) }  // swap the separator
        switch random.pick(choices) {
        case 0:
            chars.replaceSubrange(start ..< wordEnd, with: Array(isSainte ? "STE" : "ST"))
            if hasSeparator && random.below(2) == 0 {
                let sep = start + (isSainte ? 3 : 2)
                chars[sep] = chars[sep] == "-" ? " " : "-"
            }
        default:
            chars[wordEnd] = chars[wordEnd] == "-" ? " " : "-"
        }
        let result = String(chars)
        return result == name ? nil : result
    }
}
