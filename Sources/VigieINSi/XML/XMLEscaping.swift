/// Escaping for the XML Vigie writes (XML 1.0 §2.4 and §3.3.3).
public enum XMLEscaping {
    /// Escapes character data: `&`, `<`, `>` (the last for `]]>`). Characters not allowed in XML 1.0
    /// (C0 controls other than tab, LF, CR) are written as U+FFFD so that output is always well-formed.
    public static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(allowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// Escapes an attribute value written between double quotes; tab, LF and CR become character
    /// references so that attribute-value normalisation does not change them.
    public static func attribute(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                out.unicodeScalars.append(allowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    static func allowed(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v >= 0x20 && v != 0xFFFE && v != 0xFFFF
    }
}
