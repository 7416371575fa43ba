/// Text from outside (a message control id, a JSON request or identity id, a CSV record id) made safe to write
/// into a log line: a sender must not be able to forge log lines (LF, CR), hide text (ESC sequences, NUL) or
/// flood the log (issue #18 §7.8). Every place that logs such a value goes through here: one escaping rule.
public enum LogSafe {
    /// The longest value `field` writes, in Unicode scalars; a longer one is cut and marked with `…`.
    public static let maximumFieldScalars = 128

    /// One value inside a log line: control characters (C0, DEL, C1), the line and paragraph separators and
    /// the backslash written as `\n`, `\r`, `\t`, `\\` or `\u{XX}` (so that the escaped form reads back
    /// unambiguously), and cut after `maximumScalars` scalars.
    public static func field(_ text: some StringProtocol, maximumScalars: Int = LogSafe.maximumFieldScalars) -> String {
        escape(text, backslash: true, maximumScalars: maximumScalars)
    }

    /// A whole log line that may embed outside text: control characters and line separators escaped as in
    /// `field`, other characters (backslashes included) kept, no length cut.
    public static func line(_ text: some StringProtocol) -> String {
        escape(text, backslash: false, maximumScalars: .max)
    }

    /// True when `text` needs no escaping as a line (the common case: no copy is made).
    static func isPlainLine(_ text: some StringProtocol) -> Bool {
        !text.unicodeScalars.contains(where: needsEscape)
    }

    @inline(__always)
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private static func escape(_ text: some StringProtocol, backslash: Bool, maximumScalars: Int) -> String {
        if !backslash && isPlainLine(text) { return String(text) }
        var out = ""
        out.reserveCapacity(min(text.utf8.count, maximumScalars) + 8)
        var count = 0
        for scalar in text.unicodeScalars {
            if count == maximumScalars {
                out += "…"
                break
            }
            count += 1
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x5C where backslash: out += "\\\\"
            default:
                if needsEscape(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
