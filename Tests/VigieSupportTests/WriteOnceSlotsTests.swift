import Dispatch
import Testing
import VigieSupport

@Suite struct WriteOnceSlotsTests {
    @Test func keepsEachThreadsResultInSlotOrder() {
        let slots = WriteOnceSlots<[Int]>(64)
        DispatchQueue.concurrentPerform(iterations: 64) { i in slots.set(i, Array(repeating: i, count: i % 5)) }
        let values = slots.values
        #expect(values.count == 64)
        for (i, v) in values.enumerated() { #expect(v == Array(repeating: i, count: i % 5)) }
    }
}
