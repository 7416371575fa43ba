/// The INS-form pipeline shared by `INSForm`, `NameForm` and `FirstNames`.
///
/// 1. Classify every scalar (`ScalarClass`): separators are mapped to space, hyphen or apostrophe; invisible
///    formatting is dropped; controls and digits are errors at their offset.
/// 2. Transliterate letters: the `LatinTable` for U+0000–U+017F (the fast path), ICU's
///    `Any-Latin; Latin-ASCII; Upper` as soon as one scalar is outside it (the whole text then goes to ICU, so
///    that context-sensitive romanisation sees the whole text).
/// 3. Collapse each run of separators into one (apostrophe wins over hyphen, hyphen over space:
///    `D' ALEMBERT` → `D'ALEMBERT`, `JEAN - PIERRE` → `JEAN-PIERRE`, `--` → `-`) and trim the ends.
struct TraitNormaliser {
    /// Sink that applies step 3 while bytes are appended.
    struct Collapser {
        var bytes: [UInt8] = []
        var pending: UInt8 = 0

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        @inline(__always)
        static func rank(_ separator: UInt8) -> Int {
            separator == 0x27 ? 3 : separator == 0x2D ? 2 : separator == 0x20 ? 1 : 0
        }

        @inline(__always)
        mutating func separator(_ byte: UInt8) {
            if Collapser.rank(byte) > Collapser.rank(pending) { pending = byte }
        }

        @inline(__always)
        mutating func letter(_ byte: UInt8) {
            if pending != 0 {
                if !bytes.isEmpty { bytes.append(pending) }
                pending = 0
            }
            bytes.append(byte)
        }

        /// Appends one byte of a transliteration (A–Z or a separator).
        @inline(__always)
        mutating func append(_ byte: UInt8) {
            if byte >= 0x41 && byte <= 0x5A { letter(byte) } else { separator(byte) }
        }
    }

    /// Normalises `scalars`; error offsets are positions in `scalars` plus `baseOffset`. `capacity` is a size
    /// hint for the output (a scalar view's `count` walks the whole text: pass the UTF-8 count instead).
    static func normalise<C: Collection>(
        _ scalars: C, baseOffset: Int = 0, capacity: Int = 16, limit: Int, forceICU: Bool = false
    ) throws(TraitTextError) -> [UInt8] where C.Element == Unicode.Scalar {
        var sink = Collapser(capacity: capacity)
        if !forceICU {
            var offset = baseOffset
            var fast = true
            for scalar in scalars {
                let value = scalar.value
                switch ScalarClass(value) {
                case .separator(let byte):
                    sink.separator(byte)
                case .ignorable:
                    break
                case .control:
                    throw .controlCharacter(offset: offset)
                case .digit:
                    throw .digit(offset: offset)
                case .other:
                    guard value < LatinTable.limit else { fast = false; break }
                    let entry = LatinTable.entries[Int(value)]
                    if entry == 0 { throw .unsupportedCharacter(offset: offset) }
                    sink.append(UInt8(truncatingIfNeeded: entry))
                    if entry > 0xFF { sink.append(UInt8(truncatingIfNeeded: entry >> 8)) }
                }
                if !fast { break }
                offset += 1
            }
            if fast { return try finish(sink, limit: limit) }
            sink = Collapser(capacity: capacity)
        }
        return try normaliseWithICU(scalars, baseOffset: baseOffset, limit: limit, sink: sink, forceICU: forceICU)
    }

    private static func finish(_ sink: Collapser, limit: Int) throws(TraitTextError) -> [UInt8] {
        if sink.bytes.isEmpty { throw .empty }
        if sink.bytes.count > limit { throw .tooLong(length: sink.bytes.count, limit: limit) }
        return sink.bytes
    }

    /// The ICU path: pre-map separators, transliterate the whole text, then validate ICU's output.
    private static func normaliseWithICU<C: Collection>(
        _ scalars: C, baseOffset: Int, limit: Int, sink: Collapser, forceICU: Bool
    ) throws(TraitTextError) -> [UInt8] where C.Element == Unicode.Scalar {
        var sink = sink
        var units: [UInt16] = []
        units.reserveCapacity(sink.bytes.capacity + 8)
        var clean = true
        for scalar in scalars {
            switch ScalarClass(scalar.value) {
            case .separator(let byte): units.append(UInt16(byte))
            case .ignorable: break
            case .control, .digit: clean = false
            case .other: units.append(contentsOf: scalar.utf16)
            }
            if !clean { break }
        }
        if clean, let output = ICUTransliteration.insTransform(units) {
            var valid = true
            for unit in output {
                if unit >= 0x41 && unit <= 0x5A {
                    sink.letter(UInt8(unit))
                    continue
                }
                switch ScalarClass(UInt32(unit)) {
                case .separator(let byte): sink.separator(byte)
                case .ignorable: break
                default: valid = false
                }
                if !valid { break }
            }
            if valid { return try finish(sink, limit: limit) }
        }
        throw locateError(scalars, baseOffset: baseOffset, forceICU: forceICU)
    }

    /// The first scalar that cannot be part of a trait, each letter transliterated alone. Only runs on failure.
    private static func locateError<C: Collection>(
        _ scalars: C, baseOffset: Int, forceICU: Bool
    ) -> TraitTextError where C.Element == Unicode.Scalar {
        var offset = baseOffset
        var firstNonLatin: Int?
        for scalar in scalars {
            switch ScalarClass(scalar.value) {
            case .separator, .ignorable: break
            case .control: return .controlCharacter(offset: offset)
            case .digit: return .digit(offset: offset)
            case .other:
                if scalar.value < LatinTable.limit && !forceICU {
                    if LatinTable.entries[Int(scalar.value)] == 0 { return .unsupportedCharacter(offset: offset) }
                } else {
                    if firstNonLatin == nil { firstNonLatin = offset }
                    guard let output = ICUTransliteration.insTransform(Array(scalar.utf16)) else {
                        return .unsupportedCharacter(offset: offset)
                    }
                    for unit in output where !(unit >= 0x41 && unit <= 0x5A) {
                        switch ScalarClass(UInt32(unit)) {
                        case .separator, .ignorable: continue
                        default: return .unsupportedCharacter(offset: offset)
                        }
                    }
                }
            }
            offset += 1
        }
        // Every scalar is fine alone but not in context (rare romanisation effects): blame the first non-Latin one.
        return .unsupportedCharacter(offset: firstNonLatin ?? baseOffset)
    }
}
