/// Character-level differences between two values, for the pair page: the characters of each side that are
/// not part of a longest common subsequence are wrapped in `<mark>`.
enum TextDiff {
    /// Both sides as escaped HTML with their differing characters marked.
    static func marked(_ a: String, _ b: String) -> (String, String) {
        let x = Array(a), y = Array(b)
        // Values are short (names, dates): the quadratic table is a few hundred cells.
        guard x.count * y.count <= 40_000 else { return (mark(x, Set(x.indices)), mark(y, Set(y.indices))) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var keptX = Set<Int>(), keptY = Set<Int>()
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] {
                keptX.insert(i)
                keptY.insert(j)
                i += 1
                j += 1
            } else if table[i + 1][j] >= table[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return (mark(x, Set(x.indices).subtracting(keptX)), mark(y, Set(y.indices).subtracting(keptY)))
    }

    private static func mark(_ characters: [Character], _ differing: Set<Int>) -> String {
        var out = ""
        var open = false
        for (index, character) in characters.enumerated() {
            let marked = differing.contains(index)
            if marked && !open { out += "<mark>"; open = true }
            if !marked && open { out += "</mark>"; open = false }
            out += HTML.h(String(character))
        }
        if open { out += "</mark>" }
        return out
    }
}
