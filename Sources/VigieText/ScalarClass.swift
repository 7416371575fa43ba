/// What one input scalar is, before any transliteration. Both normalisation paths (the table and ICU)
/// classify scalars with this same function, so that separators, controls, digits and ignorable characters
/// are handled identically whichever path transliterates the letters.
enum ScalarClass: Equatable {
    /// A separator of the INS form: `0x20` space, `0x2D` hyphen or `0x27` apostrophe.
    case separator(UInt8)
    /// Invisible formatting (Unicode Cf: soft hyphen, zero-width space/joiners, BOM, bidi marks): dropped,
    /// since it carries no letter and is usually a copy-paste artefact.
    case ignorable
    /// Unicode Cc (tab, line breaks, C0/C1 controls).
    case control
    /// Unicode Nd in any script.
    case digit
    /// Anything else: a letter to transliterate, or a symbol that will turn out unsupported.
    case other

    @inline(__always)
    init(_ value: UInt32) {
        switch value {
        case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            self = .separator(0x20)
        // Hyphens and dashes: U+2010–2015 (hyphen, non-breaking hyphen, figure dash, en/em dash, bar),
        // minus sign, small and full-width hyphen-minus.
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D:
            self = .separator(0x2D)
        // Apostrophes as typed or typeset: straight, grave and acute accents used as apostrophes, single
        // quotation marks (U+2019 is the typographic apostrophe), modifier letter apostrophe, prime.
        case 0x27, 0x60, 0xB4, 0x2018, 0x2019, 0x201B, 0x2032, 0x02BC, 0x02B9, 0xFF07:
            self = .separator(0x27)
        case 0x41...0x5A, 0x61...0x7A:
            self = .other
        case 0x30...0x39:
            self = .digit
        case 0x00...0x1F, 0x7F...0x9F:
            self = .control
        case 0xAD:
            self = .ignorable
        default:
            if value < 0x180 { self = .other; return }
            guard let scalar = Unicode.Scalar(value) else { self = .other; return }
            switch scalar.properties.generalCategory {
            case .format: self = .ignorable
            case .control: self = .control
            case .decimalNumber: self = .digit
            default: self = .other
            }
        }
    }
}
