/// The fields of a matricule INS (NIR/NIA), decoded without judging them.
///
/// Layout (decree 82-103 art. 4, INSEE): sex (1) · year (2) · month (2) · place (5) · order number (3).
/// The place is a department and a commune (`2A`/`2B` for Corsica, 3-digit `97x`/`98x` overseas), or `99`
/// and a 3-digit INSEE country code for people born abroad.
public struct MatriculeParts: Sendable, Hashable {
    /// The first digit: 1 male, 2 female; 7/8 are described as temporary numbers by secondary sources.
    public var sexDigit: Int
    /// Year of birth without its century (00–99).
    public var year: Int
    /// The month field and what it means.
    public var month: MatriculeMonth
    /// The birth place field and what it means.
    public var place: MatriculePlace
    /// The 3-digit order number (rang d'inscription), as written.
    public var order: String

    /// The sex the first digit stands for: 1 and 7 male, 2 and 8 female, any other digit unknown.
    public var sex: Sex {
        switch sexDigit {
        case 1, 7: return .male
        case 2, 8: return .female
        default: return .unknown
        }
    }

    init(number: [UInt8]) {
        func digits(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(number[$1] &- 0x30) } }
        func text(_ range: Range<Int>) -> String { String(decoding: number[range], as: UTF8.self) }
        sexDigit = digits(0..<1)
        year = digits(1..<3)
        month = MatriculeMonth(code: digits(3..<5))
        let department = text(5..<7)
        switch department {
        case "97", "98":
            place = .overseas(department: text(5..<8), commune: text(8..<10))
        case "99":
            place = .abroad(country: text(7..<10))
        default:
            place = .france(department: department, commune: text(7..<10))
        }
        order = text(10..<13)
    }
}

/// What the month field of a matricule says.
public enum MatriculeMonth: Sendable, Hashable {
    /// 01–12: the month of birth.
    case known(Int)
    /// 20–30 or 50–99: month of birth unknown (the code is kept).
    case unknown(code: Int)
    /// 31–42: month known but the civil-status act was incomplete at registration (the code is kept).
    case incompleteCivilStatusAct(code: Int)
    /// 00, 13–19, 43–49: no meaning in the published rules.
    case outOfRange(code: Int)

    /// Classifies a 2-digit month code.
    public init(code: Int) {
        switch code {
        case 1...12: self = .known(code)
        case 20...30, 50...99: self = .unknown(code: code)
        case 31...42: self = .incompleteCivilStatusAct(code: code)
        default: self = .outOfRange(code: code)
        }
    }

    /// The 2-digit code as written in the matricule.
    public var code: Int {
        switch self {
        case .known(let c), .unknown(let c), .incompleteCivilStatusAct(let c), .outOfRange(let c): return c
        }
    }
}

/// What the place field of a matricule says.
public enum MatriculePlace: Sendable, Hashable {
    /// Metropolitan France (2-character department, including `2A`/`2B` and the pre-1976 `20`) and 3-digit commune.
    /// Departments 91–94 were also used for people born in French Algeria before 1962.
    case france(department: String, commune: String)
    /// Overseas: 3-digit department (`971`…`989`) and 2-digit commune.
    case overseas(department: String, commune: String)
    /// Born abroad: the 3-digit INSEE country code (the COG code is `99` + this).
    case abroad(country: String)

    /// The 5-character COG code the field holds (commune, or `99` + country).
    public var cogCode: String {
        switch self {
        case .france(let d, let c), .overseas(let d, let c): return d + c
        case .abroad(let country): return "99" + country
        }
    }

    /// The department (2 or 3 characters), or nil for people born abroad.
    public var department: String? {
        switch self {
        case .france(let d, _), .overseas(let d, _): return d
        case .abroad: return nil
        }
    }
}
