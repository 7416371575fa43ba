/// The slots of the live index that share one blocking key, in the order they were added.
///
/// Most keys of a large RI are shared by one or two identities (a birth date with a name initial, an INS, a first
/// name with a birth date): those slots are kept inline, and an array is made only for a third. With an array per
/// key, the index build at 1 000 000 identities spent a fifth of its time in `malloc` and in uniqueness checks
/// (perf, issue #16).
struct PostingList: Sendable {
    private var first: Int32 = -1
    private var second: Int32 = -1
    /// Every slot, once a third was added (the inline ones are then unused).
    private var all: [Int32]? = nil

    init() {}

    var isEmpty: Bool { all.map(\.isEmpty) ?? (first < 0) }

    mutating func append(_ slot: Int32) {
        if all != nil {
            all!.append(slot)
        } else if first < 0 {
            first = slot
        } else if second < 0 {
            second = slot
        } else {
            all = [first, second, slot]
        }
    }

    /// Removes the last occurrence of `slot` (the others keep their order); false when it is not there.
    @discardableResult
    mutating func remove(_ slot: Int32) -> Bool {
        if all != nil {
            guard let i = all!.lastIndex(of: slot) else { return false }
            all!.remove(at: i)
            return true
        }
        if second == slot {
            second = -1
        } else if first == slot {
            first = second
            second = -1
        } else {
            return false
        }
        return true
    }

    /// Appends the `limit` most recently added slots to `out`, oldest first.
    func appendRecent(_ limit: Int, to out: inout [Int32]) {
        if let all {
            out.append(contentsOf: all.suffix(limit))
        } else if first >= 0 && limit > 0 {
            if second >= 0 {
                if limit > 1 { out.append(first) }
                out.append(second)
            } else {
                out.append(first)
            }
        }
    }

    /// Every slot, oldest first (tests).
    var slots: [Int32] {
        var out: [Int32] = []
        appendRecent(Int.max, to: &out)
        return out
    }
}
