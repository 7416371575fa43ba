/// Phonex (Frédéric Brouard, 1999), string form, exactly as talisman implements it
/// (Yomguithereal/talisman `src/phonetics/french/phonex.js`; its 14 test vectors are in `PhonexTests`).
///
/// talisman differs from the Pennaforte/lovasoa port on É/È/Ê/Ë (talisman: Y then I, so `BARTHELEMY` written
/// with accents gives `FORTILINI` where lovasoa gives `FORTELENI`), on SCH (`DESCHAMPS`: `TE51TS` vs
/// `TES51TS`), and applies EAU→O, OUA→2 only once; we follow talisman in all of these. Fed INS forms (no
/// accents), the É rule never fires: `BARTHELEMY` → `FORTELENI`.
enum Phonex {
    /// talisman's `ACCENTUATED` table (Ç is not in it: it is dropped, as in talisman).
    static func unaccent(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "À", "Â", "Ä", "Ã": return .ascii("A")
        case "É", "È", "Ê", "Ë": return .ascii("Y")
        case "Ì", "Î", "Ï": return .ascii("I")
        case "Ò", "Ô", "Ö", "Õ": return .ascii("O")
        case "Ù", "Û", "Ü": return .ascii("U")
        case "Ñ": return .ascii("N")
        default: return scalar.value >= 0x41 && scalar.value <= 0x5A ? UInt8(scalar.value) : nil
        }
    }

    static func code(_ text: some StringProtocol) -> String {
        var code = PhoneticInput.upperLetters(text, unaccent: unaccent)
        encode(&code)
        return String(decoding: code, as: UTF8.self)
    }

    @inline(__always) static func isAEIOU(_ c: UInt8) -> Bool {
        c == 0x41 || c == 0x45 || c == 0x49 || c == 0x4F || c == 0x55
    }
    @inline(__always) static func isVowelOrSound(_ c: UInt8) -> Bool {  // [AEIOU1234]
        isAEIOU(c) || (c >= 0x31 && c <= 0x34)
    }

    static func encode(_ code: inout [UInt8]) {
        let A = UInt8.ascii("A"), C = UInt8.ascii("C"), E = UInt8.ascii("E"), G = UInt8.ascii("G")
        let H = UInt8.ascii("H"), I = UInt8.ascii("I"), K = UInt8.ascii("K"), M = UInt8.ascii("M")
        let N = UInt8.ascii("N"), O = UInt8.ascii("O"), P = UInt8.ascii("P"), Q = UInt8.ascii("Q")
        let R = UInt8.ascii("R"), S = UInt8.ascii("S"), T = UInt8.ascii("T"), U = UInt8.ascii("U")
        let Y = UInt8.ascii("Y"), Z = UInt8.ascii("Z"), F = UInt8.ascii("F")
        let one = UInt8.ascii("1"), two = UInt8.ascii("2"), three = UInt8.ascii("3")
        let four = UInt8.ascii("4"), five = UInt8.ascii("5")
        let at = Rewriting.at
        var scratch: [UInt8] = []
        scratch.reserveCapacity(code.count + 8)

        // Y → I
        for index in code.indices where code[index] == Y { code[index] = I }
        // ([^PCS])H → $1
        Rewriting.replace(&code, &scratch) { s, i, out in
            let c = s[i]
            guard c != P && c != C && c != S, at(s, i + 1) == H else { return 0 }
            out.append(c); return 2
        }
        // PH → F
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == P, at(s, i + 1) == H else { return 0 }
            out.append(F); return 2
        }
        // G(AI?[NM]) → K$1
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == G, at(s, i + 1) == A else { return 0 }
            var end = i + 2
            if at(s, end) == I, at(s, end + 1) == N || at(s, end + 1) == M { end += 1 }
            guard at(s, end) == N || at(s, end) == M else { return 0 }
            out.append(K)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: s[(i + 1)...end]))
            return end - i + 1
        }
        // [AE]I[NM]([AEIOU]) → YN$1
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == A || s[i] == E, at(s, i + 1) == I, at(s, i + 2) == N || at(s, i + 2) == M,
                  isAEIOU(at(s, i + 3)) else { return 0 }
            out.append(Y); out.append(N); out.append(s[i + 3]); return 4
        }
        // EAU → O (first occurrence only, as talisman)
        Rewriting.replace(&code, &scratch, global: false) { s, i, out in
            guard s[i] == E, at(s, i + 1) == A, at(s, i + 2) == U else { return 0 }
            out.append(O); return 3
        }
        // OUA → 2 (first occurrence only)
        Rewriting.replace(&code, &scratch, global: false) { s, i, out in
            guard s[i] == O, at(s, i + 1) == U, at(s, i + 2) == A else { return 0 }
            out.append(two); return 3
        }
        // [EA]I[NM] → 4
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == E || s[i] == A, at(s, i + 1) == I, at(s, i + 2) == N || at(s, i + 2) == M else { return 0 }
            out.append(four); return 3
        }
        // [EA]I → Y
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == E || s[i] == A, at(s, i + 1) == I else { return 0 }
            out.append(Y); return 2
        }
        // E([RTZ]) → Y$1
        Rewriting.replace(&code, &scratch) { s, i, out in
            let next = at(s, i + 1)
            guard s[i] == E, next == R || next == T || next == Z else { return 0 }
            out.append(Y); out.append(next); return 2
        }
        // ESS → YS
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == E, at(s, i + 1) == S, at(s, i + 2) == S else { return 0 }
            out.append(Y); out.append(S); return 3
        }
        // [AOE]N([^AEIOU1234]) → 1$1
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == A || s[i] == O || s[i] == E, at(s, i + 1) == N, i + 2 < s.count,
                  !isVowelOrSound(s[i + 2]) else { return 0 }
            out.append(one); out.append(s[i + 2]); return 3
        }
        // [AE]M([^AEIOU1234]) → 1$1
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == A || s[i] == E, at(s, i + 1) == M, i + 2 < s.count,
                  !isVowelOrSound(s[i + 2]) else { return 0 }
            out.append(one); out.append(s[i + 2]); return 3
        }
        // IN([^AEIOU1234]) → 4$1
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == I, at(s, i + 1) == N, i + 2 < s.count, !isVowelOrSound(s[i + 2]) else { return 0 }
            out.append(four); out.append(s[i + 2]); return 3
        }
        // ([AEIOUY1234])S([AEIOUY1234]) → $1Z$2
        Rewriting.replace(&code, &scratch) { s, i, out in
            let c = s[i]
            guard isVowelOrSound(c) || c == Y, at(s, i + 1) == S, i + 2 < s.count,
                  isVowelOrSound(s[i + 2]) || s[i + 2] == Y else { return 0 }
            out.append(c); out.append(Z); out.append(s[i + 2]); return 3
        }
        // (?:OE|EU) → E
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard (s[i] == O && at(s, i + 1) == E) || (s[i] == E && at(s, i + 1) == U) else { return 0 }
            out.append(E); return 2
        }
        // AU → O
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == A, at(s, i + 1) == U else { return 0 }
            out.append(O); return 2
        }
        // O[IY] → 2
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == O, at(s, i + 1) == I || at(s, i + 1) == Y else { return 0 }
            out.append(two); return 2
        }
        // OU → 3
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == O, at(s, i + 1) == U else { return 0 }
            out.append(three); return 2
        }
        // (?:SCH|CH|SH) → 5
        Rewriting.replace(&code, &scratch) { s, i, out in
            if s[i] == S, at(s, i + 1) == C, at(s, i + 2) == H { out.append(five); return 3 }
            if (s[i] == C || s[i] == S), at(s, i + 1) == H { out.append(five); return 2 }
            return 0
        }
        // SS → S
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == S, at(s, i + 1) == S else { return 0 }
            out.append(S); return 2
        }
        // SC?([EIY]) → S$1
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == S else { return 0 }
            var next = i + 1
            if at(s, next) == C { next += 1 }
            let vowel = at(s, next)
            if vowel == E || vowel == I || vowel == Y { out.append(S); out.append(vowel); return next - i + 1 }
            // The optional C is backtracked: try without it.
            let direct = at(s, i + 1)
            if direct == E || direct == I || direct == Y { out.append(S); out.append(direct); return 2 }
            return 0
        }
        // (?:GU|QU|Q|C) → K
        Rewriting.replace(&code, &scratch) { s, i, out in
            if (s[i] == G || s[i] == Q), at(s, i + 1) == U { out.append(K); return 2 }
            if s[i] == Q || s[i] == C { out.append(K); return 1 }
            return 0
        }
        // G([AOY]) → K$1
        Rewriting.replace(&code, &scratch) { s, i, out in
            let next = at(s, i + 1)
            guard s[i] == G, next == A || next == O || next == Y else { return 0 }
            out.append(K); out.append(next); return 2
        }
        // Single letters: A→O, D→T, P→T, J→G, B→F, V→F, M→N.
        for index in code.indices {
            switch code[index] {
            case A: code[index] = O
            case .ascii("D"), P: code[index] = T
            case .ascii("J"): code[index] = G
            case .ascii("B"), .ascii("V"): code[index] = F
            case M: code[index] = N
            default: break
            }
        }
        Rewriting.squeeze(&code)
        if let last = code.last, last == T || last == .ascii("X") { code.removeLast() }
    }
}
