import Testing
@testable import VigieText

@Suite struct RewritingTests {
    /// JavaScript `"AHH".replace(/([^PCS])H/g, "$1")` is `"AH"`: matches never overlap.
    @Test func matchesDoNotOverlap() {
        var code = Array("AHH".utf8)
        var scratch: [UInt8] = []
        Rewriting.replace(&code, &scratch) { s, i, out in
            guard s[i] != 0x50 && s[i] != 0x43 && s[i] != 0x53, Rewriting.at(s, i + 1) == 0x48 else { return 0 }
            out.append(s[i]); return 2
        }
        #expect(code == Array("AH".utf8))
    }

    /// Without the `g` flag only the first match is replaced.
    @Test func nonGlobalReplacesOnce() {
        var code = Array("EAUEAU".utf8)
        var scratch: [UInt8] = []
        Rewriting.replace(&code, &scratch, global: false) { s, i, out in
            guard Rewriting.has(s, i, "EAU") else { return 0 }
            out.append(0x4F); return 3
        }
        #expect(code == Array("OEAU".utf8))
    }

    @Test func squeeze() {
        var code = Array("AABBBCA".utf8)
        Rewriting.squeeze(&code)
        #expect(code == Array("ABCA".utf8))
        var empty: [UInt8] = []
        Rewriting.squeeze(&empty)
        #expect(empty.isEmpty)
    }
}
