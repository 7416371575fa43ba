import Testing
@testable import VigieText

@Suite struct StringSimilarityTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// jamesturk/jellyfish `testdata/jaro_winkler.csv`, compared to 3 decimals as jellyfish's own tests do
    /// (rows whose strings are ASCII, where bytes and characters coincide; the empty row is in
    /// `emptyStrings`).
    @Test(arguments: [
        ("dixon", "dicksonx", 0.813), ("martha", "marhta", 0.961), ("dwayne", "duane", 0.84),
        ("William", "Williams", 0.975), ("a", "a", 1), ("abc", "xyz", 0), ("aaaa", "aaaaa", 0.96),
        ("orangutan-kumquat", "orangutan kumquat", 0.976), ("jaz", "jal", 0.822), ("@", "@@", 0.85),
        ("0", "0@", 0.85), ("a", "ab", 0.85), ("012345", "0123456", 0.971), ("012abc", "012abcd", 0.971),
        ("012abc", "013abcd", 0.879), ("a1bc", "a1be", 0.883),
    ])
    func jellyfishJaroWinkler(_ a: String, _ b: String, _ expected: Double) {
        let value = StringSimilarity.jaroWinkler(Self.bytes(a), Self.bytes(b))
        #expect(abs(value - expected) < 0.0005, "\(a)/\(b): \(value)")
        #expect(StringSimilarity.jaroWinkler(Self.bytes(b), Self.bytes(a)) == value)
    }

    /// jellyfish `testdata/jaro_distance.csv` (plain Jaro; the row with `ð` is two bytes per character and
    /// stays identical either way).
    @Test(arguments: [
        ("dixon", "dicksonx", 0.767), ("martha", "marhta", 0.944), ("dwayne", "duane", 0.822), ("0ð00", "0ð00", 1),
        ("Sint-Pietersplein 6, 9000 Gent", "Test 10, 1010 Brussel", 0.518),
    ])
    func jellyfishJaro(_ a: String, _ b: String, _ expected: Double) {
        let value = StringSimilarity.jaro(Self.bytes(a), Self.bytes(b))
        #expect(abs(value - expected) < 0.0005, "\(a)/\(b): \(value)")
    }

    /// rapidfuzz `tests/distance/test_JaroWinkler.py`, including strings longer than 64 bytes (the scanning
    /// path) and the 64/65 boundary of the bit-parallel path.
    @Test func rapidfuzzJaroWinkler() {
        func jw(_ a: String, _ b: String) -> Double { StringSimilarity.jaroWinkler(Self.bytes(a), Self.bytes(b)) }
        #expect(jw("0", "0") == 1)
        #expect(abs(jw("0", "00") - 0.85) < 1e-6)
        #expect(abs(jw(String(repeating: "0", count: 64), String(repeating: "0", count: 65)) - 0.996923) < 1e-6)
        #expect(abs(jw(String(repeating: "0", count: 63), String(repeating: "0", count: 65)) - 0.993846) < 1e-6)
        #expect(abs(jw("000000001", "0000010") - 0.926984) < 1e-6)
    }

    /// French names, computed with jellyfish 1.3.0 = rapidfuzz 3.14.6 (research §9.4).
    @Test(arguments: [
        ("MARTIN", "MARTAN", 0.9333, 0.8889, 1, 1, 1), ("DUPONT", "DUPOND", 0.9333, 0.8889, 1, 1, 1),
        ("LEFEBVRE", "LEFEVRE", 0.9750, 0.9583, 1, 1, 1), ("JEAN-PIERRE", "JEAN PIERRE", 0.9636, 0.9394, 1, 1, 1),
        ("JEANPIERRE", "PIERREJEAN", 0.7048, 0.7048, 8, 8, 8), ("CATHERINE", "KATHERINE", 0.9259, 0.9259, 1, 1, 1),
        ("MARTIN", "MRATIN", 0.9500, 0.9444, 1, 1, 2), ("MARIE", "MAIRE", 0.9467, 0.9333, 1, 1, 2),
        ("BERNARD", "BERNADR", 0.9714, 0.9524, 1, 1, 2), ("GAUTHIER", "GAUTIER", 0.9750, 0.9583, 1, 1, 1),
        ("NATHALIE", "NATALIE", 0.9708, 0.9583, 1, 1, 1), ("DE LA FONTAINE", "LAFONTAINE", 0.9048, 0.9048, 4, 4, 4),
    ])
    func frenchNames(_ a: String, _ b: String, _ jw: Double, _ jaro: Double, _ dl: Int, _ osa: Int, _ lev: Int) {
        let x = Self.bytes(a), y = Self.bytes(b)
        #expect(abs(StringSimilarity.jaroWinkler(x, y) - jw) < 0.00005)
        #expect(abs(StringSimilarity.jaro(x, y) - jaro) < 0.00005)
        #expect(StringSimilarity.damerauLevenshtein(x, y) == dl)
        #expect(StringSimilarity.osaDistance(x, y) == osa)
        #expect(StringSimilarity.levenshtein(x, y) == lev)
    }

    /// jellyfish `testdata/damerau_levenshtein.csv` (true DL; the last row is UTF-8 bytes: `Â` and the
    /// no-break space are two bytes each, so bytes give 4 where characters give 2).
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("bc", "abc", 1), ("fuor", "four", 1), ("abcd", "acb", 2),
        ("cape sand recycling ", "edith ann graham", 17), ("jellyifhs", "jellyfish", 2), ("ifhs", "fish", 2),
        ("Hello, world!", "Hello,\u{C2}\u{A0}world!", 4),
    ])
    func jellyfishDamerauLevenshtein(_ a: String, _ b: String, _ expected: Int) {
        #expect(StringSimilarity.damerauLevenshtein(Self.bytes(a), Self.bytes(b)) == expected)
        #expect(StringSimilarity.damerauLevenshtein(Self.bytes(b), Self.bytes(a)) == expected)
    }

    /// rapidfuzz `tests/distance/test_DamerauLevenshtein.py`.
    @Test(arguments: [
        ("test", "text", 1), ("test", "tset", 1), ("test", "qwy", 4), ("test", "testit", 2), ("test", "tesst", 1),
        ("test", "tet", 1), ("cat", "hat", 1), ("Niall", "Neil", 3), ("aluminum", "Catalan", 7), ("ATCG", "TAGC", 2),
        ("ab", "ba", 1), ("ab", "cde", 3), ("ab", "ac", 1), ("ab", "bc", 2), ("ca", "abc", 2),
    ])
    func rapidfuzzDamerauLevenshtein(_ a: String, _ b: String, _ expected: Int) {
        #expect(StringSimilarity.damerauLevenshtein(Self.bytes(a), Self.bytes(b)) == expected)
    }

    /// rapidfuzz `tests/distance/test_OSA.py`: the restricted distance gives CA/ABC = 3 where true DL gives 2.
    @Test func rapidfuzzOSA() {
        #expect(StringSimilarity.osaDistance(Self.bytes("CA"), Self.bytes("ABC")) == 3)
        #expect(StringSimilarity.damerauLevenshtein(Self.bytes("CA"), Self.bytes("ABC")) == 2)
        #expect(StringSimilarity.osaDistance(Self.bytes("CA"), Self.bytes("AC")) == 1)
        #expect(StringSimilarity.osaDistance([], []) == 0)
        // "ÁÄ"/"ABCD" → 4 in characters; in bytes Á and Ä are two bytes each, still 4 edits.
        #expect(StringSimilarity.osaDistance(Self.bytes("ÁÄ"), Self.bytes("ABCD")) == 4)
    }

    @Test func levenshteinBasics() {
        #expect(StringSimilarity.levenshtein(Self.bytes("kitten"), Self.bytes("sitting")) == 3)
        #expect(StringSimilarity.levenshtein(Self.bytes("ab"), Self.bytes("ba")) == 2)
        #expect(StringSimilarity.levenshtein([], Self.bytes("abc")) == 3)
    }

    /// Decided: rapidfuzz's convention. Two empty strings are identical (1); empty vs non-empty is 0
    /// (jellyfish returns 0 for both, research §9.3).
    @Test func emptyStrings() {
        #expect(StringSimilarity.jaroWinkler([], []) == 1)
        #expect(StringSimilarity.jaro([], []) == 1)
        #expect(StringSimilarity.jaroWinkler([], Self.bytes("foo")) == 0)
        #expect(StringSimilarity.jaroWinkler(Self.bytes("foo"), []) == 0)
        #expect(StringSimilarity.levenshtein([], []) == 0)
        #expect(StringSimilarity.damerauLevenshtein([], Self.bytes("ab")) == 2)
        #expect(StringSimilarity.osaDistance(Self.bytes("ab"), []) == 2)
    }

    @Test func unsafeBufferOverloadsAgree() {
        let a = Self.bytes("DUPONT"), b = Self.bytes("DUPOND")
        let viaBuffers = a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in StringSimilarity.jaroWinkler(x, y) }
        }
        #expect(viaBuffers == StringSimilarity.jaroWinkler(a, b))
    }
}

/// 1500 pairs of corpus names (many with random edits, some longer than 64 bytes), scored by jellyfish 1.3.0
/// and rapidfuzz 3.14.6 (fixture `similarity-jellyfish-rapidfuzz.csv`, see Fixtures/README.md).
@Suite struct SimilarityFixtureTests {
    static let rows = TestSupport.fixtureRows("similarity-jellyfish-rapidfuzz.csv")

    @Test func fixtureIsThere() {
        #expect(Self.rows.count == 1500)
        #expect(Self.rows.contains { $0[0].utf8.count > 64 })
    }

    @Test func everyMeasureMatches() {
        var mismatches: [String] = []
        for row in Self.rows {
            let a = Array(row[0].utf8), b = Array(row[1].utf8)
            let jw = StringSimilarity.jaroWinkler(a, b), jaro = StringSimilarity.jaro(a, b)
            if abs(jw - Double(row[2])!) > 1e-9 || abs(jw - Double(row[7])!) > 1e-9 { mismatches.append("jw \(row)") }
            if abs(jaro - Double(row[3])!) > 1e-9 { mismatches.append("jaro \(row)") }
            if StringSimilarity.damerauLevenshtein(a, b) != Int(row[4])! { mismatches.append("dl \(row)") }
            if StringSimilarity.levenshtein(a, b) != Int(row[5])! { mismatches.append("lev \(row)") }
            if StringSimilarity.osaDistance(a, b) != Int(row[6])! { mismatches.append("osa \(row)") }
            if StringSimilarity.withinOneEdit(a, b) != (Int(row[6])! <= 1) { mismatches.append("one-edit \(row)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}

/// The one-pass test `withinOneEdit` against the table it stands for, `osaDistance(a, b) <= 1`.
@Suite struct WithinOneEditTests {
    /// Every string of length 0 to 5 over three letters (364 strings), against every other: 132 496 pairs, each
    /// edit at each position, transpositions included, and equal and far strings.
    @Test func agreesWithTheTableOnEveryShortString() {
        var strings: [[UInt8]] = [[]]
        var layer: [[UInt8]] = [[]]
        for _ in 1...5 {
            layer = layer.flatMap { s in [UInt8(ascii: "A"), UInt8(ascii: "B"), UInt8(ascii: "C")].map { s + [$0] } }
            strings += layer
        }
        #expect(strings.count == 364)
        var mismatches: [String] = []
        var near = 0
        for a in strings {
            for b in strings {
                let table = StringSimilarity.osaDistance(a, b) <= 1
                if table { near += 1 }
                if StringSimilarity.withinOneEdit(a, b) != table {
                    mismatches.append("\(String(decoding: a, as: UTF8.self))/\(String(decoding: b, as: UTF8.self))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(near > 364 && near < strings.count * strings.count / 10)  // both answers occur
    }

    @Test func namesOneSlipApart() {
        let pairs: [(String, String, Bool)] = [
            ("THOMAS", "TOMAS", true), ("THOMAS", "THOMAS", true), ("PEIGNE", "PEYGNE", true), ("ELIOT", "ELIOF", true),
            ("MARTIN", "MATRIN", true), ("MARTIN", "MARTINE", true), ("MARTIN", "ARTIN", true),
            ("MARTIN", "MATRINE", false), ("CA", "ABC", false), ("DUPONT", "DURAND", false), ("LEA", "", false),
        ]
        for (a, b, expected) in pairs {
            #expect(StringSimilarity.withinOneEdit(Array(a.utf8), Array(b.utf8)) == expected, "\(a)/\(b)")
        }
    }
}
