/// The fast path straight on UTF-8 bytes, for `INSForm`: no scalar decoding for ASCII, two-byte sequences for
/// Latin-1 and Latin Extended-A, output written in place (collapsed as it goes) into a caller's buffer.
///
/// It gives exactly what `TraitNormaliser` gives (same `ScalarClass`, same `LatinTable`, same collapsing),
/// and steps aside (`needsICU`) at the first scalar the table does not cover.
enum UTF8FastPath {
    enum Outcome {
        case done(count: Int)
        case needsICU
        /// The bytes are not well-formed UTF-8 (only possible through the byte API).
        case invalidUTF8
        case failure(TraitTextError)
    }

    /// Per scalar U+0000–U+017F: low byte 0 = unsupported, 1 control, 2 digit, 3 ignorable, 4 space,
    /// 5 hyphen, 6 apostrophe; otherwise the table's transliteration (low byte first, high byte 0 or second).
    static let codes: [UInt16] = (0..<LatinTable.limit).map { value -> UInt16 in
        switch ScalarClass(value) {
        case .control: return 1
        case .digit: return 2
        case .ignorable: return 3
        case .separator(0x20): return 4
        case .separator(0x2D): return 5
        case .separator: return 6
        case .other: return LatinTable.entries[Int(value)]
        }
    }

    /// Normalises `utf8` into `output`, which must hold `utf8.count` bytes: a one-byte scalar gives at most
    /// one byte, a two-byte scalar at most two, longer ones at most one (a separator). Offsets count scalars.
    /// Bounds and continuation bytes are checked, so arbitrary bytes are safe to pass.
    @inline(__always)
    static func normalise(_ utf8: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Outcome {
        var count = 0
        var pending: UInt8 = 0  // 0, or the strongest separator seen since the last letter
        var offset = 0
        var index = 0
        let end = utf8.count
        return codes.withUnsafeBufferPointer { codes -> Outcome in
            @inline(__always) func separator(_ byte: UInt8) {
                if TraitNormaliser.Collapser.rank(byte) > TraitNormaliser.Collapser.rank(pending) { pending = byte }
            }
            @inline(__always) func letter(_ byte: UInt8) {
                if pending != 0 {
                    if count > 0 { output[count] = pending; count += 1 }
                    pending = 0
                }
                output[count] = byte
                count += 1
            }
            while index < end {
                let lead = utf8[index]
                var value: UInt32
                if lead < 0x80 {
                    value = UInt32(lead)
                    index += 1
                } else if lead < 0xE0 {
                    // Malformed UTF-8 (stray continuation, overlong lead, truncated sequence) is handed back:
                    // callers read it as `String(decoding:)` does, so both APIs agree on every input.
                    guard lead >= 0xC2, index + 1 < end, utf8[index + 1] & 0xC0 == 0x80 else { return .invalidUTF8 }
                    value = (UInt32(lead & 0x1F) << 6) | UInt32(utf8[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0 {
                    guard index + 2 < end, utf8[index + 1] & 0xC0 == 0x80, utf8[index + 2] & 0xC0 == 0x80
                    else { return .invalidUTF8 }
                    value = (UInt32(lead & 0x0F) << 12) | (UInt32(utf8[index + 1] & 0x3F) << 6)
                        | UInt32(utf8[index + 2] & 0x3F)
                    guard value >= 0x800, value & 0xF800 != 0xD800 else { return .invalidUTF8 }  // overlong, surrogate
                    index += 3
                } else {
                    guard lead <= 0xF4, index + 3 < end, utf8[index + 1] & 0xC0 == 0x80,
                          utf8[index + 2] & 0xC0 == 0x80, utf8[index + 3] & 0xC0 == 0x80
                    else { return .invalidUTF8 }
                    value = (UInt32(lead & 0x07) << 18) | (UInt32(utf8[index + 1] & 0x3F) << 12)
                        | (UInt32(utf8[index + 2] & 0x3F) << 6) | UInt32(utf8[index + 3] & 0x3F)
                    guard value >= 0x10000, value <= 0x10FFFF else { return .invalidUTF8 }
                    index += 4
                }
                if value < LatinTable.limit {
                    let code = codes[Int(value)]
                    let low = UInt8(truncatingIfNeeded: code)
                    switch low {
                    case 0: return .failure(.unsupportedCharacter(offset: offset))
                    case 1: return .failure(.controlCharacter(offset: offset))
                    case 2: return .failure(.digit(offset: offset))
                    case 3: break
                    case 4: separator(0x20)
                    case 5: separator(0x2D)
                    case 6: separator(0x27)
                    default:
                        if low == 0x27 { separator(0x27) } else { letter(low) }
                        let high = UInt8(truncatingIfNeeded: code >> 8)
                        if high != 0 { letter(high) }
                    }
                } else {
                    switch ScalarClass(value) {
                    case .separator(let byte): separator(byte)
                    case .ignorable: break
                    case .control: return .failure(.controlCharacter(offset: offset))
                    case .digit: return .failure(.digit(offset: offset))
                    case .other: return .needsICU
                    }
                }
                offset += 1
            }
            return .done(count: count)
        }
    }
}

extension UTF8FastPath {
    /// The INS form of `text` through the fast path when its storage is contiguous UTF-8 and every scalar is
    /// covered, else through `TraitNormaliser` (ICU). `make` turns the normalised bytes into the result while
    /// they are still in the stack buffer.
    @inline(__always)
    static func normalise<S: StringProtocol, R>(
        _ text: S, limit: Int, _ make: (UnsafeBufferPointer<UInt8>) -> R
    ) throws(TraitTextError) -> R {
        let attempt: Result<R, TraitTextError>?? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { buffer -> Result<R, TraitTextError>? in
                switch normalise(utf8, into: buffer.baseAddress!) {
                case .done(let count):
                    if count == 0 { return .failure(.empty) }
                    if count > limit { return .failure(.tooLong(length: count, limit: limit)) }
                    return .success(make(UnsafeBufferPointer(start: buffer.baseAddress, count: count)))
                case .failure(let error):
                    return .failure(error)
                case .needsICU, .invalidUTF8:
                    return nil
                }
            }
        }
        if let attempt = attempt ?? nil { return try attempt.get() }
        let bytes = try TraitNormaliser.normalise(text.unicodeScalars, capacity: text.utf8.count, limit: limit)
        return bytes.withUnsafeBufferPointer(make)
    }
}
