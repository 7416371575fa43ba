/// Spellings that sound the same in French, as a desk writes a name heard at the counter or on the phone.
///
/// Each rule rewrites one occurrence of a pattern in capitals; rules are chosen among those that apply.
/// The list follows the equivalences French phonetic encoders fold together (Phonex, Soundex2, Sonnex:
/// PH=F, AI=EI=È, EAU=AU=O, doubled consonants, C/K/QU, Y=I, silent final letters, AN=EN), so that a
/// phonetic key should see through them while the spelling differs.
enum PhoneticRespelling {
    /// Where a rule applies.
    enum Context: Sendable {
        /// Anywhere.
        case anywhere
        /// Between two vowels.
        case betweenVowels
        /// Before A, O or U (hard C).
        case beforeBackVowel
        /// Before E, I or Y (soft C).
        case beforeFrontVowel
        /// At the end of the name (or of one of its words).
        case atEnd
        /// Not at the start of the name.
        case inside
    }

    struct Rule: Sendable {
        var from: [Character]
        var to: [Character]
        var context: Context
    }

    static let rules: [Rule] = {
        func r(_ from: String, _ to: String, _ context: Context = .anywhere) -> Rule {
            Rule(from: Array(from), to: Array(to), context: context)
        }
        return [
            r("PH", "F"), r("F", "PH", .inside), r("AI", "E"), r("AI", "EI"), r("EI", "AI"), r("EAU", "O"),
            r("AU", "O"), r("EAU", "AU"), r("O", "AU", .inside), r("Y", "I", .inside), r("I", "Y", .inside),
            r("C", "K", .beforeBackVowel), r("K", "C", .beforeBackVowel), r("QU", "K"), r("CK", "K"), r("TH", "T"),
            r("C", "S", .beforeFrontVowel), r("S", "C", .beforeFrontVowel),
            r("LL", "L"), r("L", "LL", .betweenVowels), r("NN", "N"), r("N", "NN", .betweenVowels), r("SS", "S"),
            r("TT", "T"), r("T", "TT", .betweenVowels), r("RR", "R"), r("R", "RR", .betweenVowels), r("MM", "M"),
            r("M", "MM", .betweenVowels), r("PP", "P"), r("FF", "F"), r("S", "Z", .betweenVowels),
            r("Z", "S", .betweenVowels), r("AN", "EN", .inside), r("EN", "AN", .inside),
            r("T", "", .atEnd), r("D", "T", .atEnd), r("T", "D", .atEnd), r("X", "S", .atEnd), r("S", "", .atEnd),
            r("ER", "E", .atEnd), r("ET", "AIT", .atEnd), r("AULT", "AUD", .atEnd), r("AUD", "AULT", .atEnd),
            r("GE", "J", .inside), r("OI", "OY"),
        ]
    }()

    static func isVowel(_ c: Character) -> Bool {
        switch c {
        case "A", "E", "I", "O", "U", "Y", "É", "È", "Ê", "Ë", "À", "Â", "Î", "Ï", "Ô", "Ù", "Û", "Ü": return true
        default: return false
        }
    }

    static func isLetter(_ c: Character) -> Bool { c != " " && c != "-" && c != "'" }

    /// `text` with one phonetic respelling, or nil when no rule applies.
    static func respell(_ text: String, _ random: inout CorpusRandom) -> String? {
        let chars = Array(text)
        var options: [(rule: Int, at: Int)] = []
        for (ri, rule) in rules.enumerated() {
            let n = rule.from.count
            guard chars.count >= n else { continue }
            for i in 0 ... chars.count - n where chars[i ..< i + n].elementsEqual(rule.from) {
                if applies(rule, at: i, in: chars) { options.append((ri, i)) }
            }
        }
        guard !options.isEmpty else { return nil }
        let (ri, i) = random.pick(options)
        let rule = rules[ri]
        var out = chars
        out.replaceSubrange(i ..< i + rule.from.count, with: rule.to)
        // Never leave a word empty or shorter than two letters.
        guard out.count >= 2 else { return nil }
        let result = String(out)
        return result == text ? nil : result
    }

    private static func applies(_ rule: Rule, at i: Int, in chars: [Character]) -> Bool {
        let end = i + rule.from.count
        let before: Character? = i > 0 ? chars[i - 1] : nil
        let after: Character? = end < chars.count ? chars[end] : nil
        switch rule.context {
        case .anywhere: return true
        case .inside: return before.map(isLetter) ?? false
        case .betweenVowels: return before.map(isVowel) ?? false && (after.map(isVowel) ?? false)
        case .beforeBackVowel: return after.map { "AOU".contains($0) } ?? false
        case .beforeFrontVowel: return after.map { "EIYÉÈÊ".contains($0) } ?? false
        case .atEnd:
            // At the end of a word of at least four letters, so that short names keep their shape.
            guard after.map({ !isLetter($0) }) ?? true else { return false }
            var start = i
            while start > 0 && isLetter(chars[start - 1]) { start -= 1 }
            return end - start >= 4
        }
    }
}
