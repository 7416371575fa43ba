/// One row of the batch contract (DESIGN.md), as raw strings, before any normalisation.
///
/// Columns: `id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins`. Every consumer
/// (dedupe, qualify, the corpus generator, the worker's JSON lines) starts from this value, so that a
/// record means the same thing everywhere.
public struct RawRecord: Sendable, Hashable {
    /// The record's identifier in its source system. Safe to log.
    public var id: String
    /// Birth name (nom de naissance), as typed.
    public var birthName: String
    /// Birth first names, space-separated as in the INS; compound names keep their hyphen.
    public var firstNames: String
    /// `M`, `F`, anything else is unknown.
    public var sex: String
    /// `YYYY-MM-DD`, with `00` for an unknown month or day.
    public var birthDate: String
    /// 5-character INSEE COG code (commune, or `99xxx` for a country); may be empty.
    public var birthPlace: String
    /// Used name (nom utilisé); may be empty.
    public var usedName: String
    /// The 15-character INS matricule (NIR or NIA with its key); may be empty.
    public var ins: String
    /// The document evidence columns as written (type, checked by, checked at, expires, special case), or empty
    /// when the row has none: an empty array costs no allocation, so files without these columns (dedupe at 10 M
    /// rows) pay 8 bytes a record.
    private var documentFields: [String] = []
    /// 1-based line of the row in its file (the header is line 1); 0 when the record did not come from a file.
    public var line: Int

    /// Creates a record from its fields; every field but `id` defaults to empty.
    public init(
        id: String, birthName: String = "", firstNames: String = "", sex: String = "", birthDate: String = "",
        birthPlace: String = "", usedName: String = "", ins: String = "", line: Int = 0
    ) {
        self.id = id
        self.birthName = birthName
        self.firstNames = firstNames
        self.sex = sex
        self.birthDate = birthDate
        self.birthPlace = birthPlace
        self.usedName = usedName
        self.ins = ins
        self.line = line
    }

    /// The row's document evidence columns, or nil when they are all empty or absent (`vigie qualify`).
    public var document: RawDocumentEvidence? {
        get {
            documentFields.count == 5
                ? RawDocumentEvidence(
                    type: documentFields[0], checkedBy: documentFields[1], checkedAt: documentFields[2], expires: documentFields[3],
                    specialCase: documentFields[4])
                : nil
        }
        set {
            guard let e = newValue, !e.isEmpty else {
                documentFields = []
                return
            }
            documentFields = [e.type, e.checkedBy, e.checkedAt, e.expires, e.specialCase]
        }
    }

    /// The fields in the contract's column order.
    public var fields: [String] { [id, birthName, firstNames, sex, birthDate, birthPlace, usedName, ins] }
}
