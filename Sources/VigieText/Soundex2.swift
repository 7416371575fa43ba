/// Soundex2 (Brouard / Carlier), exactly as talisman implements it
/// (Yomguithereal/talisman `src/phonetics/french/soundex2.js`; its 26 test vectors are in `Soundex2Tests`):
/// no space padding, at most 4 characters.
///
/// One deliberate difference: talisman removes only the *first* non-letter (`replace(/[^A-Z]/, '')` without
/// the `g` flag), so `DE LA FONTAINE` gives `DL F` there; we remove every non-letter, as equipe22/phonicsFR
/// does, and get `DLFN` (tested in `Soundex2Tests`). Single words are unaffected.
enum Soundex2 {
    static func code(_ text: some StringProtocol) -> String {
        var code = PhoneticInput.deburredLetters(text)
        encode(&code)
        return String(decoding: code, as: UTF8.self)
    }

    @inline(__always) static func isAEIOU(_ c: UInt8) -> Bool {
        c == 0x41 || c == 0x45 || c == 0x49 || c == 0x4F || c == 0x55
    }

    static func encode(_ code: inout [UInt8]) {
        guard !code.isEmpty else { return }
        let A = UInt8.ascii("A"), C = UInt8.ascii("C"), E = UInt8.ascii("E"), G = UInt8.ascii("G")
        let H = UInt8.ascii("H"), I = UInt8.ascii("I"), K = UInt8.ascii("K"), O = UInt8.ascii("O")
        let Q = UInt8.ascii("Q"), S = UInt8.ascii("S"), U = UInt8.ascii("U"), Y = UInt8.ascii("Y")
        let at = Rewriting.at
        var scratch: [UInt8] = []
        scratch.reserveCapacity(code.count + 8)

        // Letter groups, in order: GU([IE]) → K$1, G([AO]) → K$1, GU → K, C([AOU]) → K$1, (Q|CC|CK) → K.
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == G, at(s, i + 1) == U, at(s, i + 2) == I || at(s, i + 2) == E else { return 0 }
            out.append(K); out.append(s[i + 2]); return 3
        }
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == G, at(s, i + 1) == A || at(s, i + 1) == O else { return 0 }
            out.append(K); out.append(s[i + 1]); return 2
        }
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] == G, at(s, i + 1) == U else { return 0 }
            out.append(K); return 2
        }
        Rewriting.replace(&code, &scratch) { s, i, out in
            let next = at(s, i + 1)
            guard s[i] == C, next == A || next == O || next == U else { return 0 }
            out.append(K); out.append(next); return 2
        }
        Rewriting.replace(&code, &scratch) { s, i, out in
            if s[i] == Q { out.append(K); return 1 }
            if s[i] == C, at(s, i + 1) == C || at(s, i + 1) == K { out.append(K); return 2 }
            return 0
        }
        // Vowels after the first letter become A.
        for index in code.indices.dropFirst() where isAEIOU(code[index]) { code[index] = A }
        // Prefixes, each checked in turn on the current code.
        let prefixes: [(StaticString, StaticString)] = [
            ("MAC", "MCC"), ("SCH", "SSS"), ("ASA", "AZA"), ("KN", "NN"), ("PH", "FF"), ("PF", "FF"),
        ]
        for (prefix, replacement) in prefixes {
            let matches = code.withUnsafeBufferPointer { Rewriting.has($0, 0, prefix) }
            if matches {
                replacement.withUTF8Buffer { bytes in
                    for (offset, byte) in bytes.enumerated() { code[offset] = byte }
                }
            }
        }
        // ([^CS])H → $1
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] != C && s[i] != S, at(s, i + 1) == H else { return 0 }
            out.append(s[i]); return 2
        }
        // ([^A])Y → $1
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] != A, at(s, i + 1) == Y else { return 0 }
            out.append(s[i]); return 2
        }
        // [ADTS]$ → ''
        if let last = code.last, last == A || last == .ascii("D") || last == .ascii("T") || last == S {
            code.removeLast()
        }
        // Non-leading A removed.
        if code.count > 1 {
            let first = code[0]
            code = [first] + code.dropFirst().filter { $0 != A }
        }
        Rewriting.squeeze(&code)
        if code.count > 4 { code.removeSubrange(4...) }
    }
}
