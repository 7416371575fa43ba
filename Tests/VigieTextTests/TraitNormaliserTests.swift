import Testing
@testable import VigieText

/// The fast paths (lookup table; `String` API and byte API) against ICU (`INSForm.referenceNormalise`), byte
/// for byte, wherever both apply; and the pipeline's separator and error rules.
@Suite struct TraitNormaliserTests {
    static func fast(_ text: String) -> Result<String, TraitTextError> {
        Result { () throws(TraitTextError) in try INSForm.normalise(text) }
    }

    static func reference(_ text: String) -> Result<String, TraitTextError> {
        Result { () throws(TraitTextError) in try INSForm.referenceNormalise(text) }
    }

    /// The byte API (`normalise(utf8:into:)`) on the UTF-8 of `text`, into a buffer of exactly `limit` bytes.
    static func bytePath(_ text: String) -> Result<String, TraitTextError> {
        byteAPI(Array(text.utf8), INSForm.normalise(utf8:into:limit:))
    }

    /// ICU's byte API (`referenceNormalise(utf8:into:)`) on the UTF-8 of `text`.
    static func byteReference(_ text: String) -> Result<String, TraitTextError> {
        byteAPI(Array(text.utf8), INSForm.referenceNormalise(utf8:into:limit:))
    }

    static func byteAPI(
        _ utf8: [UInt8],
        _ api: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<UInt8>, Int) throws(TraitTextError) -> Int
    ) -> Result<String, TraitTextError> {
        // Filled with a marker, so that bytes beyond the returned count are never mistaken for output.
        var output = [UInt8](repeating: 0xFF, count: INSForm.defaultLimit)
        return utf8.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { buffer in
                Result { () throws(TraitTextError) in
                    let count = try api(input, buffer, INSForm.defaultLimit)
                    return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
                }
            }
        }
    }

    /// Table path (`String`, generic `StringProtocol` and byte APIs) and ICU (both APIs) agree on `text`; nil when they do.
    static func mismatch(_ text: String) -> String? {
        let reference = Self.reference(text)
        let substring = Result { () throws(TraitTextError) in try INSForm.normalise(text[...]) }  // generic entry point
        let results = [Self.fast(text), substring, Self.bytePath(text), Self.byteReference(text)]
        return results.allSatisfy { $0 == reference } ? nil : "\(results) vs \(reference)"
    }

    @Test func corpusHasEnoughDistinctNames() {
        #expect(TestSupport.corpusNames.count >= 200_000)
    }

    /// Every distinct name of corpus/names (≥ 200 000): the table path equals ICU's.
    @Test func everyCorpusNameIsIdenticalOnBothPaths() {
        let names = TestSupport.corpusNames
        var mismatches: [String] = []
        for name in names {
            if let mismatch = Self.mismatch(name) { mismatches.append("\(name): \(mismatch)") }
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
                if let mismatch = Self.mismatch(text) { mismatches.append("U+\(String(value, radix: 16)): \(mismatch)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Random strings (seeded) over the fast path's domain: letters of ASCII, Latin-1 and Latin Extended-A,
    /// every kind of separator, and now and then a digit, control, symbol or invisible character.
    @Test func randomLatinStringsAreIdenticalOnBothPaths() {
        var generator = SplitMix64(seed: 0x5EED_0001)
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
            if let mismatch = Self.mismatch(text) {
                mismatches.append("\(text.unicodeScalars.map { String($0.value, radix: 16) }): \(mismatch)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Random strings from other scripts (seeded): always a valid INS form or a typed error, never a crash.
    @Test func randomOtherScriptsGiveValidFormsOrTypedErrors() {
        var generator = SplitMix64(seed: 0x5EED_0002)
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
            if Self.bytePath(text) != Self.fast(text) { invalid.append("byte API differs") }
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
            #expect(Self.mismatch(text) == nil, "\(text)")
        }
        #expect(Self.fast("MARTIN2") == .failure(.digit(offset: 6)))
        #expect(Self.fast("MAR\tTIN") == .failure(.controlCharacter(offset: 3)))
        #expect(Self.fast("MAR.TIN") == .failure(.unsupportedCharacter(offset: 3)))
        #expect(Self.fast("Жан\u{7}") == .failure(.controlCharacter(offset: 3)))
        #expect(Self.fast("ÉLODIE ¼") == .failure(.unsupportedCharacter(offset: 7)))
        #expect(Self.fast("JEAN ١") == .failure(.digit(offset: 5)))  // Arabic-Indic digit one
    }

    /// Malformed UTF-8 through the byte API reads as `String(decoding:)` reads it (U+FFFD per bad sequence, an
    /// unsupported character at its offset), on both the table and the ICU byte paths; never a crash or an
    /// out-of-bounds read. Sequences from the Unicode Standard §3.9 (Table 3-7, well-formed byte sequences).
    @Test func malformedUTF8ReadsAsStringDecodingDoes() {
        let cases: [[UInt8]] = [
            [0x41, 0xC3],                    // truncated two-byte sequence at the end
            [0x41, 0xE2, 0x80],              // truncated three-byte sequence
            [0x41, 0xF0, 0x9F, 0x98],        // truncated four-byte sequence
            [0x80, 0x41],                    // stray continuation byte
            [0xC0, 0xAF, 0x41],              // overlong "/"
            [0xE0, 0x80, 0xAF],              // overlong three-byte
            [0xED, 0xA0, 0x80, 0x41],        // UTF-16 surrogate D800
            [0xF4, 0x90, 0x80, 0x80],        // beyond U+10FFFF
            [0xF5, 0x41],                    // invalid lead
            [0x4D, 0xC3, 0x41, 0x52],        // lead followed by ASCII
            [0xC3, 0xA9],                    // well-formed É, for contrast
        ]
        for bytes in cases {
            let expected = Result { () throws(TraitTextError) in
                try INSForm.normalise(String(decoding: bytes, as: UTF8.self))
            }
            #expect(Self.byteAPI(bytes, INSForm.normalise(utf8:into:limit:)) == expected, "\(bytes)")
            #expect(Self.byteAPI(bytes, INSForm.referenceNormalise(utf8:into:limit:)) == expected, "\(bytes)")
        }
        #expect(Self.byteAPI([0x41, 0xC3], INSForm.normalise(utf8:into:limit:)) == .failure(.unsupportedCharacter(offset: 1)))
    }

    /// Input longer than the output buffer (here 300 bytes of spaces around a name) still normalises, and a
    /// result over the limit is the same `tooLong` error as through the `String` API.
    @Test func byteAPIHandlesInputLongerThanTheBuffer() {
        let padded = String(repeating: " ", count: 150) + "Cœur" + String(repeating: " ", count: 150)
        #expect(Self.bytePath(padded) == .success("COEUR"))
        let long = String(repeating: "É", count: 120)
        #expect(Self.bytePath(long) == .failure(.tooLong(length: 120, limit: 100)))
        #expect(Self.bytePath(long) == Self.fast(long))
    }
}
