/// Left-to-right rewriting of ASCII bytes, with the semantics of JavaScript's `String.replace` with a regular
/// expression (what the reference implementations use): at each position the rule is tried; on a match its
/// replacement is written and scanning resumes after the match, so matches never overlap; otherwise the byte
/// is copied. A non-global rule stops after its first match.
enum Rewriting {
    /// `rule(code, position, &output)` returns how many bytes it matched at `position` (0 = no match),
    /// having appended its replacement to `output` when it matched.
    /// `scratch` is reused between passes (the two buffers swap), so a whole algorithm allocates twice.
    @inline(__always)
    static func replace(
        _ code: inout [UInt8], _ scratch: inout [UInt8], global: Bool = true,
        _ rule: (_ code: UnsafeBufferPointer<UInt8>, _ position: Int, _ output: inout [UInt8]) -> Int
    ) {
        scratch.removeAll(keepingCapacity: true)
        var changed = false
        code.withUnsafeBufferPointer { bytes in
            var position = 0
            while position < bytes.count {
                if !global && changed {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position...]))
                    break
                }
                let matched = rule(bytes, position, &scratch)
                if matched > 0 {
                    changed = true
                    position += matched
                } else {
                    scratch.append(bytes[position])
                    position += 1
                }
            }
        }
        if changed { swap(&code, &scratch) }
    }

    /// Collapses runs of the same byte (talisman's `squeeze`).
    static func squeeze(_ code: inout [UInt8]) {
        guard code.count > 1 else { return }
        var write = 1
        for read in 1..<code.count where code[read] != code[write - 1] {
            code[write] = code[read]
            write += 1
        }
        code.removeSubrange(write...)
    }

    @inline(__always)
    static func at(_ code: UnsafeBufferPointer<UInt8>, _ position: Int) -> UInt8 {
        position < code.count ? code[position] : 0
    }

    /// True when `code` holds `literal` at `position`.
    @inline(__always)
    static func has(_ code: UnsafeBufferPointer<UInt8>, _ position: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= code.count else { return false }
        let start = literal.utf8Start
        for offset in 0..<count where code[position + offset] != start[offset] { return false }
        return true
    }
}

extension UInt8 {
    /// ASCII byte of a character literal: `UInt8(ascii: "A")` is long in rule tables.
    @inline(__always)
    static func ascii(_ scalar: Unicode.Scalar) -> UInt8 { UInt8(ascii: scalar) }
}
