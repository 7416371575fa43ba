import Foundation
import VigieText

/// A column of the batch contract (DESIGN.md): `id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins`.
public enum BatchColumn: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case id
    case birthName = "birth_name"
    case firstNames = "first_names"
    case sex
    case birthDate = "birth_date"
    case birthPlace = "birth_place"
    case usedName = "used_name"
    case ins
    /// Document evidence (`vigie qualify`): the identity document checked for this row, who checked it and when
    /// (PAM FR ZFD-7, the RNIV's "vérification de la cohérence des traits avec un dispositif d'identification"),
    /// its expiry (ZFD-8) and whether the RNIV special case (minor, EHPAD resident) was attested.
    case documentType = "document_type"
    case documentCheckedBy = "document_checked_by"
    case documentCheckedAt = "document_checked_at"
    case documentExpires = "document_expires"
    case documentSpecialCase = "document_special_case"

    public var description: String { rawValue }

    /// The columns of the batch contract (`id` … `ins`), in their order.
    public static let contract: [BatchColumn] = [.id, .birthName, .firstNames, .sex, .birthDate, .birthPlace, .usedName, .ins]
    /// The document evidence columns, in their order (``RawDocumentEvidence``).
    public static let documentEvidence: [BatchColumn] = [
        .documentType, .documentCheckedBy, .documentCheckedAt, .documentExpires, .documentSpecialCase,
    ]

    public static func < (a: BatchColumn, b: BatchColumn) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Header names read as this column, best first, as ``ColumnMapping/key(_:)`` writes them (accents, case,
    /// spaces, apostrophes, hyphens, dots and underscores removed). The French names are those of hospital
    /// exports and of the RNIV's traits (*nom de naissance*, *prénoms*, *sexe*, *date de naissance*, *lieu de
    /// naissance*, *nom d'usage*, *matricule INS*); `IPP` is the local patient identifier.
    /// When two headers of a file read as the same column, the earlier name in this list wins (a code column of
    /// the birth place before a column that may hold the commune's name) and the other is reported as ignored.
    public var synonyms: [String] {
        switch self {
        case .id: ["id", "ipp", "identifiant", "identifiantpatient", "numeroipp", "nip"]
        case .birthName: ["birthname", "nomdenaissance", "nomnaissance", "nomdefamille", "nomdejeunefille", "nomjeunefille"]
        case .firstNames:
            ["firstnames", "prenoms", "prenomsdenaissance", "listedesprenoms", "firstname", "prenom", "prenomsnaissance"]
        case .sex: ["sex", "sexe"]
        case .birthDate: ["birthdate", "datedenaissance", "datenaissance", "ddn"]
        case .birthPlace:
            ["birthplace", "codelieudenaissance", "codelieunaissance", "codeinseelieudenaissance", "codeinseenaissance",
             "codecommunedenaissance", "lieudenaissance", "lieunaissance"]
        case .usedName: ["usedname", "nomdusage", "nomusage", "nomutilise", "nomusuel", "nommarital", "nomdepouse"]
        case .ins: ["ins", "matriculeins", "insmatricule", "matricule", "nir", "numeroins"]
        case .documentType:
            ["documenttype", "typedejustificatif", "typejustificatif", "justificatif", "justificatifdidentite", "typedepiece",
             "typepiece", "piecedidentite", "pieceidentite", "typedocument"]
        case .documentCheckedBy:
            ["documentcheckedby", "verifiepar", "controlepar", "pieceverifieepar", "justificatifverifiepar", "verificateur"]
        case .documentCheckedAt:
            ["documentcheckedat", "dateverification", "datedeverification", "datedecontrole", "datecontrole", "verifiele",
             "controlele"]
        case .documentExpires:
            ["documentexpires", "datedexpiration", "dateexpiration", "datedexpirationdujustificatif", "datefinvalidite",
             "datedefindevalidite", "findevalidite"]
        case .documentSpecialCase: ["documentspecialcase", "casparticulier", "casparticulierrniv", "casparticulieratteste"]
        }
    }
}

/// Which column of a batch file holds each contract column: the header row read under the contract's names or
/// their French equivalents (``BatchColumn/synonyms``), or under names given explicitly (`--columns
/// id=IPP,birth_name=NOMNAIS`). Headers are compared by ``key(_:)``: `Nom d'usage`, `NOM_USAGE` and `nom usage`
/// are the same header.
///
/// Kept apart from the row splitting (``BatchCSV/parseRows(bytes:delimiter:)``) so that any reader of batch
/// rows maps its header the same way.
public struct ColumnMapping: Sendable, Hashable {
    /// The file's header, as written (surrounding spaces removed).
    public var header: [String]
    /// The position in the header of each contract column the file has.
    public var positions: [BatchColumn: Int]
    /// Headers read as no contract column.
    public var ignored: [String] { header.indices.filter { !positions.values.contains($0) }.map { header[$0] } }
    /// Ignored headers that look like a contract column the file lacks (a misspelled `frist_names`): worth a
    /// warning, since their values are not read.
    public var lookAlikes: [(header: String, column: BatchColumn)] {
        header.indices.filter { !positions.values.contains($0) }.compactMap { i in
            Self.resembled(header[i]).flatMap { positions[$0] == nil ? (header[i], $0) : nil }
        }
    }

    /// Maps `header`. `explicit` names the header of some columns (compared by ``key(_:)``); the others are found
    /// by their synonyms. Every column of `required` must be found.
    public init(
        header: [String], explicit: [BatchColumn: String] = [:], required: Set<BatchColumn> = [.id]
    ) throws(ColumnMappingError) {
        let header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        let keys = header.map(Self.key)
        var positions: [BatchColumn: Int] = [:]
        for (column, name) in explicit.sorted(by: { $0.key < $1.key }) {
            guard let i = keys.firstIndex(of: Self.key(name)) else {
                throw .explicitColumnAbsent(column, header: name, found: header)
            }
            positions[column] = i
        }
        let taken = Set(positions.values)
        for column in BatchColumn.allCases where positions[column] == nil {
            // Best synonym first; among headers with the same name, the first.
            var best: (rank: Int, index: Int)?
            var tie: Int?
            for (i, key) in keys.enumerated() where !taken.contains(i) {
                guard let rank = column.synonyms.firstIndex(of: key) else { continue }
                if best == nil || rank < best!.rank {
                    best = (rank, i)
                    tie = nil
                } else if rank == best!.rank {
                    tie = tie ?? i
                }
            }
            guard let best else { continue }
            if let tie { throw .ambiguous(column, headers: [header[best.index], header[tie]]) }
            positions[column] = best.index
        }
        let missing = required.filter { positions[$0] == nil }.sorted()
        if !missing.isEmpty { throw .missing(missing, required: required.sorted(), found: header) }
        self.header = header
        self.positions = positions
    }

    /// A header as compared: accents and case folded; spaces, apostrophes (straight or typographic), hyphens,
    /// dots and underscores removed.
    public static func key(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return String(
            folded.unicodeScalars.filter { s in
                !(s.properties.isWhitespace || "'’‘`´_-.".unicodeScalars.contains(s))
            }.map(Character.init))
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
    }

    /// The contract column an unknown header looks like: one or two edits from a synonym (one for short names,
    /// where two edits reach unrelated words), or a synonym with something added (`prenoms_patient`).
    static func resembled(_ name: String) -> BatchColumn? {
        let key = Array(Self.key(name).utf8)
        guard key.count >= 2 else { return nil }
        for column in BatchColumn.allCases {
            for synonym in column.synonyms {
                let s = Array(synonym.utf8)
                let limit = s.count <= 4 ? 1 : 2
                if abs(s.count - key.count) <= limit, StringSimilarity.osaDistance(key, s) <= limit { return column }
                if s.count >= 5, key.count > s.count, key.starts(with: s) { return column }
            }
        }
        return nil
    }

    /// Reads `--columns id=IPP,birth_name=NOMNAIS`: contract column = header name, comma-separated.
    public static func parseExplicit(_ text: String) throws(ColumnMappingError) -> [BatchColumn: String] {
        var out: [BatchColumn: String] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1)
            let name = pair.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard pair.count == 2, let column = BatchColumn(rawValue: name) else { throw .malformedExplicit(String(part)) }
            let header = pair[1].trimmingCharacters(in: .whitespaces)
            guard !header.isEmpty, out[column] == nil else { throw .malformedExplicit(String(part)) }
            out[column] = header
        }
        return out
    }

    /// One warning per look-alike header (``lookAlikes``), naming the header and the `--columns` entry that reads it.
    public var lookAlikeWarnings: [String] {
        lookAlikes.map { "warning: column '\($0.header)' is not read; it looks like \($0.column) (--columns \($0.column)=\($0.header) to read it)" }
    }

    /// One line for a log: which header each column was read from, and the headers ignored.
    public var summary: String {
        let read = BatchColumn.allCases.compactMap { c in positions[c].map { "\(c)=\(header[$0])" } }
        let ignored = self.ignored
        return "columns " + read.joined(separator: ",") + (ignored.isEmpty ? "" : "; ignored: " + ignored.joined(separator: ", "))
    }
}

/// Why a header cannot be mapped onto the batch contract. Descriptions name headers, never a value.
public enum ColumnMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Required columns are absent; `found` is the header as written.
    case missing([BatchColumn], required: [BatchColumn], found: [String])
    /// Two headers read as the same column under equally good names.
    case ambiguous(BatchColumn, headers: [String])
    /// A header named with `--columns` is not in the file.
    case explicitColumnAbsent(BatchColumn, header: String, found: [String])
    /// A `--columns` entry is not `column=header` with a contract column.
    case malformedExplicit(String)

    public var description: String {
        func list(_ names: [String]) -> String { names.isEmpty ? "(none)" : names.map { "'\($0)'" }.joined(separator: ", ") }
        switch self {
        case .missing(let missing, let required, let found):
            return "no column for \(missing.map(\.rawValue).joined(separator: ", ")); required: "
                + required.map(\.rawValue).joined(separator: ", ") + "; found: \(list(found))"
                + " (name the columns with --columns, e.g. --columns id=IPP,birth_name=NOMNAIS)"
        case .ambiguous(let column, let headers):
            return "columns \(list(headers)) both read as \(column): name one with --columns \(column)=…"
        case .explicitColumnAbsent(let column, let header, let found):
            return "--columns \(column)=\(header): no such column; found: \(list(found))"
        case .malformedExplicit(let part):
            return "--columns: '\(part)' is not column=header with a column among "
                + BatchColumn.allCases.map(\.rawValue).joined(separator: ", ")
        }
    }
}
