import Testing

@testable import VigieMatch

/// `PostingList` keeps one or two slots inline and the rest in an array: against a plain array, the reference
/// it replaces, on every sequence of appends and removals of a few slots.
@Suite struct PostingListTests {
    @Test func behavesAsAnArrayOnRandomEditSequences() {
        var random = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for round in 0..<2_000 {
            var list = PostingList()
            var reference: [Int32] = []
            var steps: [String] = []
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let slot = Int32.random(in: 0..<5, using: &random)
                if Bool.random(using: &random) || reference.isEmpty {
                    list.append(slot)
                    reference.append(slot)
                    steps.append("+\(slot)")
                } else {
                    let removed = list.remove(slot)
                    let i = reference.lastIndex(of: slot)
                    if let i { reference.remove(at: i) }
                    steps.append("-\(slot)")
                    if removed != (i != nil) { mismatches.append("round \(round) \(steps): remove said \(removed)") }
                }
                let limit = Int.random(in: 0...4, using: &random)
                var recent: [Int32] = []
                list.appendRecent(limit, to: &recent)
                if list.slots != reference || list.isEmpty != reference.isEmpty
                    || recent != Array(reference.suffix(limit))
                {
                    mismatches.append("round \(round) \(steps): \(list.slots) against \(reference), recent \(recent)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func aThirdSlotMovesTheListToAnArrayInOrder() {
        var list = PostingList()
        for slot: Int32 in [7, 3, 9, 1] { list.append(slot) }
        #expect(list.slots == [7, 3, 9, 1])
        let removed = list.remove(3)
        let again = list.remove(3)
        #expect(removed && !again)
        #expect(list.slots == [7, 9, 1])
        var two: [Int32] = []
        list.appendRecent(2, to: &two)
        #expect(two == [9, 1])
    }
}
