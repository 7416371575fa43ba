/// Edit distances on bytes, with stack buffers (no allocation for names).
enum EditDistance {
    /// Wagner–Fischer with one row.
    static func levenshtein(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: b.count + 1) { row in
            for j in 0...b.count { row[j] = j }
            for i in 1...a.count {
                var diagonal = row[0]
                row[0] = i
                for j in 1...b.count {
                    let above = row[j]
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    row[j] = min(above + 1, row[j - 1] + 1, diagonal + cost)
                    diagonal = above
                }
            }
            return row[b.count]
        }
    }

    /// Optimal string alignment: Levenshtein plus adjacent transposition, three rows.
    static func optimalStringAlignment(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            // rows: [two rows above | row above | current], rotated by index arithmetic.
            for j in 0...b.count { rows[width + j] = j }
            var previousPrevious = 0
            var previous = width
            var current = 2 * width
            for i in 1...a.count {
                rows[current] = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        value = min(value, rows[previousPrevious + j - 2] + 1)
                    }
                    rows[current + j] = value
                }
                (previousPrevious, previous, current) = (previous, current, previousPrevious)
            }
            return rows[previous + b.count]
        }
    }

    /// Optimal string alignment distance ≤ 1: skip the common prefix, then the rest must be equal after one
    /// substitution, one byte dropped from the longer string, or one adjacent transposition.
    static func withinOneEdit(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        let gap = long.count - short.count
        if gap > 1 { return false }
        var i = 0
        while i < short.count && long[i] == short[i] { i += 1 }
        if i == short.count { return true }  // equal, or the longer one has one byte more at the end
        func sameTail(_ x: Int, _ y: Int) -> Bool {
            var x = x
            var y = y
            while y < short.count {
                if long[x] != short[y] { return false }
                x += 1
                y += 1
            }
            return true
        }
        if gap == 1 { return sameTail(i + 1, i) }
        if sameTail(i + 1, i + 1) { return true }  // one substitution
        return i + 1 < short.count && long[i] == short[i + 1] && long[i + 1] == short[i] && sameTail(i + 2, i + 2)
    }

    /// Unrestricted Damerau–Levenshtein (Lowrance & Wagner 1975): transpositions of characters with edits
    /// between them allowed, using the last row where each byte was seen.
    static func damerauLevenshtein(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 2
        let infinity = a.count + b.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: (a.count + 2) * width + 256) { buffer in
            let matrix = buffer.baseAddress!
            let lastRow = matrix + (a.count + 2) * width
            for byte in 0..<256 { lastRow[byte] = 0 }
            matrix[0] = infinity
            for i in 0...a.count { matrix[(i + 1) * width] = infinity; matrix[(i + 1) * width + 1] = i }
            for j in 0...b.count { matrix[j + 1] = infinity; matrix[width + j + 1] = j }
            for i in 1...a.count {
                var lastMatchColumn = 0
                for j in 1...b.count {
                    let i1 = lastRow[Int(b[j - 1])]
                    let j1 = lastMatchColumn
                    let cost: Int
                    if a[i - 1] == b[j - 1] { cost = 0; lastMatchColumn = j } else { cost = 1 }
                    let substitution = matrix[i * width + j] + cost
                    let insertion = matrix[(i + 1) * width + j] + 1
                    let deletion = matrix[i * width + j + 1] + 1
                    let transposition = matrix[i1 * width + j1] + (i - i1 - 1) + 1 + (j - j1 - 1)
                    matrix[(i + 1) * width + j + 1] = min(substitution, insertion, deletion, transposition)
                }
                lastRow[Int(a[i - 1])] = i
            }
            return matrix[(a.count + 1) * width + b.count + 1]
        }
    }
}
