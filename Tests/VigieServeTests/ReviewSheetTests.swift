import Foundation
import Testing
import VigieIdentity
import VigieMatch
@testable import VigieServe

@Suite struct ReviewSheetTests {
    @Test func thePageIsSelfContainedAndExportsTheDecisionsContract() throws {
        let a = RawRecord(id: "r1", birthName: "ADRUN", firstNames: "ZOE", sex: "F", birthDate: "1975-12-31", birthPlace: "63220", ins: "275126322074974")
        let b = RawRecord(id: "r2", birthName: "ADRIN", firstNames: "ZOE", sex: "F", birthDate: "1975-12-31", birthPlace: "63220")
        let pair = score(try PreparedRecord(a), try PreparedRecord(b), model: .builtIn)
        let html = ReviewSheet.html(
            pairs: [.init(a: a, b: b, score: pair.score, explanation: pair.explanation)], source: "records.csv", matchThreshold: 10,
            reviewThreshold: -4)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("lang=\"fr\""))
        // Self-contained: no external script, stylesheet, image or font.
        for external in ["src=\"http", "href=\"http", "<link rel=\"stylesheet\"", "@import", "url(http"] { #expect(!html.contains(external)) }
        #expect(html.contains("ADR<mark>U</mark>N") && html.contains("ADR<mark>I</mark>N"))
        #expect(html.contains("class=\"chart waterfall\""))
        #expect(html.contains("data-a=\"r1\" data-b=\"r2\""))
        #expect(html.contains("id_a,id_b,decision,operator,comment"))
        #expect(html.contains("data-decision=\"match\"") && html.contains("data-decision=\"non-match\""))
        #expect(!html.contains("275126322074974"))  // the INS shows as present, never as its number
    }
}
