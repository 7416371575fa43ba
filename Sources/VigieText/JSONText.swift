/// JSON string literals written by hand where a `JSONEncoder` would be too slow or would reorder keys
/// (the store's matching columns, `vigie normalise --format json`).
public enum JSONText {
    /// `text` as a JSON string literal (RFC 8259 §7): quotes, backslash and control characters escaped,
    /// everything else written as it is (UTF-8 passes through; `/` is not escaped).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
