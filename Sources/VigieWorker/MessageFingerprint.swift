/// FNV-1a 64 of a request's bytes: part of the idempotency key, so that a sender reusing a control id for a
/// different message gets that message processed (not another message's answer), while a true re-send —
/// the same bytes — is answered from the store.
enum MessageFingerprint {
    static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
