/// Bounds on what one message may cost once decoded, checked while decoding (before the work, not after).
///
/// Escape sequences shrink a value, except the formatting commands `\.sp n\` and `\.sk n\`, which expand ten
/// bytes into up to a thousand: without a bound, a 1 MiB line decoded to hundreds of megabytes (issue #18 §7.2).
/// The bounds are far above what a PAM FR message carries (a PID is a few hundred bytes).
public enum HL7Limits {
    /// The most bytes one field (all its repetitions, components and subcomponents) decodes to.
    public static let maximumFieldBytes = 64 << 10
    /// The most bytes a whole message decodes to.
    public static let maximumMessageBytes = 1 << 20
    /// The most repetitions of one field (PID-3 binding thousands of IPPs to one identity is not a patient).
    public static let maximumRepetitions = 100
}
