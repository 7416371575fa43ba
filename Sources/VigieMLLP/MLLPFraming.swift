/// The Minimal Lower Layer Protocol's block characters (HL7 v2 Implementation Guide, Appendix C "Lower Layer
/// Protocols", C.4 MLLP): a message travels as `<VT> payload <FS><CR>`.
public enum MLLPFraming {
    /// Start block, 0x0B (vertical tab).
    public static let startBlock: UInt8 = 0x0B
    /// End block, 0x1C (file separator).
    public static let endBlock: UInt8 = 0x1C
    /// Carriage return, sent right after the end block.
    public static let carriageReturn: UInt8 = 0x0D

    /// `payload` framed for the wire.
    public static func frame(_ payload: some Collection<UInt8>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.count + 3)
        bytes.append(startBlock)
        bytes.append(contentsOf: payload)
        bytes.append(endBlock)
        bytes.append(carriageReturn)
        return bytes
    }
}
