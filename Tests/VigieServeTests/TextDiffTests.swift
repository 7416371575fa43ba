import Testing
@testable import VigieServe

@Suite struct TextDiffTests {
    @Test func onlyTheCharactersOutsideTheCommonSubsequenceAreMarked() {
        let (a, b) = TextDiff.marked("ADRUN", "ADRIN")
        #expect(a == "ADR<mark>U</mark>N")
        #expect(b == "ADR<mark>I</mark>N")
        let (c, d) = TextDiff.marked("31/12/1975", "13/12/1975")
        #expect(c.contains("<mark>") && d.contains("<mark>"))
        #expect(TextDiff.marked("SAME", "SAME") == ("SAME", "SAME"))
    }

    @Test func valuesAreEscaped() {
        let (a, _) = TextDiff.marked("<b>&", "<i>&")
        #expect(a == "&lt;<mark>b</mark>&gt;&amp;")
    }
}
