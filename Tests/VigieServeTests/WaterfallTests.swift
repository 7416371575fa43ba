import Testing
import VigieIdentity
import VigieMatch
@testable import VigieServe

@Suite struct WaterfallTests {
    @Test func oneBarPerFieldPlusPriorAndScoreWithBothThresholds() throws {
        let a = try PreparedRecord(RawRecord(id: "a", birthName: "ADRUN", firstNames: "ZOE", sex: "F", birthDate: "1975-12-31", birthPlace: "63220"))
        let b = try PreparedRecord(RawRecord(id: "b", birthName: "ADRIN", firstNames: "ZOE", sex: "F", birthDate: "1975-12-31", birthPlace: "63220"))
        let pair = score(a, b, model: .builtIn)
        let svg = Waterfall.svg(pair.explanation, score: pair.score, matchThreshold: 10, reviewThreshold: -4)
        let bars = svg.components(separatedBy: "<rect ").count - 1
        #expect(bars == pair.explanation.contributions.count + 1)
        #expect(svg.contains("class=\"threshold\"") && svg.contains("class=\"threshold review\""))
        #expect(svg.contains("nom de naissance"))
        // The last bar is the score, from 0 to the sum of the contributions.
        let sum = pair.explanation.contributions.reduce(0) { $0 + $1.weight }
        #expect(abs(sum - pair.score) < 0.05)
        #expect(svg.contains(HTML.signed(pair.score)))
        #expect(!svg.contains("ADRUN"))  // no trait in the chart
    }
}
