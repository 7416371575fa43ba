import Testing
@testable import VigieText

/// The fast path (lookup table) against ICU (`INSForm.referenceNormalise`), byte for byte, wherever both
/// apply; and the pipeline's separator and error rules.
@Suite struct TraitNormaliserTests {
    static func fast(_ text: String) -> Result<String, TraitTextError> {
        Result { () throws(TraitTextError) in try INSForm.normalise(text) }
    }

    static func reference(_ text: String) -> Result<String, TraitTextError> {
        Result { () throws(TraitTextError) in try INSForm.referenceNormalise(text) }
    }

    @Test func corpusHasEnoughDistinctNames() {
        #expect(TestSupport.corpusNames.count >= 200_000)
    }

    /// Every distinct name of corpus/names (≥ 200 000): the table path equals ICU's.
    @Test func everyCorpusNameIsIdenticalOnBothPaths() {
        let names = TestSupport.corpusNames
        var mismatches: [String] = []
        for name in names {
            let fast = Self.fast(name)
            let reference = Self.reference(name)
            if fast != reference { mismatches.append("\(name): \(fast) vs \(reference)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
        #expect(names.count >= 200_000)
    }

    /// Every single scalar of U+0000–U+017F, alone and between letters, is identical on both paths.
    @Test func everyTableScalarIsIdenticalOnBothPaths() {
        var mismatches: [String] = []
        for value in UInt32(0)..<LatinTable.limit {
            let scalar = Unicode.Scalar(value)!
            for text in [String(scalar), "A\(scalar)B", "\(scalar)\(scalar)x"] {
                let fast = Self.fast(text), reference = Self.reference(text)
                if fast != reference { mismatches.append("U+\(String(value, radix: 16)): \(fast) vs \(reference)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Random strings (seeded) over the fast path's domain: letters of ASCII, Latin-1 and Latin Extended-A,
    /// every kind of separator, and now and then a digit, control, symbol or invisible character.
    @Test func randomLatinStringsAreIdenticalOnBothPaths() {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        let letters = Array(UInt32(0x41)...0x5A) + Array(UInt32(0x61)...0x7A) + Array(UInt32(0xC0)...0x17F)
        let separators: [UInt32] = [0x20, 0x2D, 0x27, 0xA0, 0x2019, 0x2010, 0x2013, 0x2014, 0x2212, 0x60, 0xB4, 0x202F]
        let rare: [UInt32] = Array(0x00...0x1F) + Array(0x21...0x40) + Array(0x7B...0xBF) + [0x200B, 0xFEFF]
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                let roll = Int.random(in: 0..<100, using: &generator)
                let pool = roll < 80 ? letters : roll < 97 ? separators : rare
                scalars.append(Unicode.Scalar(pool.randomElement(using: &generator)!)!)
            }
            let text = String(scalars)
            let fast = Self.fast(text), reference = Self.reference(text)
            if fast != reference {
                mismatches.append("\(text.unicodeScalars.map { String($0.value, radix: 16) }): \(fast) vs \(reference)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Random strings from other scripts (seeded): always a valid INS form or a typed error, never a crash.
    @Test func randomOtherScriptsGiveValidFormsOrTypedErrors() {
        var generator = SeededGenerator(seed: 0x5EED_0002)
        let ranges: [ClosedRange<UInt32>] = [
            0x0370...0x03FF, 0x0400...0x04FF, 0x0300...0x036F, 0x0590...0x05FF, 0x0600...0x06FF,
            0x1E00...0x1EFF, 0x3040...0x30FF, 0x4E00...0x4E80, 0xAC00...0xAC80, 0x41...0x5A,
        ]
        var invalid: [String] = []
        for _ in 0..<500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                let range = ranges.randomElement(using: &generator)!
                if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) { scalars.append(scalar) }
            }
            let text = String(scalars)
            if case .success(let form) = Self.fast(text), !INSForm.isValid(form) { invalid.append(form) }
        }
        #expect(invalid.isEmpty, "\(invalid.prefix(10))")
    }

    @Test func separatorRunsCollapseApostropheFirstThenHyphen() throws {
        #expect(try INSForm.normalise("  jean  -  pierre ") == "JEAN-PIERRE")
        #expect(try INSForm.normalise("d' alembert") == "D'ALEMBERT")
        #expect(try INSForm.normalise("DUPONT--DURAND") == "DUPONT-DURAND")
        #expect(try INSForm.normalise("-'MARTIN'-") == "MARTIN")
        #expect(try INSForm.normalise("ŉ") == "N")  // ICU gives 'N; the leading apostrophe is trimmed
    }

    @Test func errorsNameTheFirstFaultyScalarOnBothPaths() {
        for text in ["MARTIN2", "MAR\tTIN", "MAR.TIN", "Ωmega 3", "Жан\u{7}"] {
            #expect(Self.fast(text) == Self.reference(text), "\(text)")
        }
        #expect(Self.fast("MARTIN2") == .failure(.digit(offset: 6)))
        #expect(Self.fast("MAR\tTIN") == .failure(.controlCharacter(offset: 3)))
        #expect(Self.fast("MAR.TIN") == .failure(.unsupportedCharacter(offset: 3)))
        #expect(Self.fast("Жан\u{7}") == .failure(.controlCharacter(offset: 3)))
        #expect(Self.fast("ÉLODIE ¼") == .failure(.unsupportedCharacter(offset: 7)))
        #expect(Self.fast("JEAN ١") == .failure(.digit(offset: 5)))  // Arabic-Indic digit one
    }
}
