import Foundation
import Testing
@testable import VigieIdentity

/// Header → contract column mapping (issue #18, "real exports"): French headers, explicit `--columns`, errors
/// listing the columns found and required, look-alike headers reported.
@Suite struct ColumnMappingTests {
    /// The header of a French hospital export, as the user had it.
    static let frenchHeader = [
        "IPP", "Nom de naissance", "Prénoms", "Sexe", "Date de naissance", "Lieu de naissance", "Nom d'usage", "Matricule INS",
    ]

    @Test func aFrenchExportHeaderReadsAsTheContract() throws {
        let mapping = try ColumnMapping(header: Self.frenchHeader, required: Set(BatchColumn.contract))
        for (i, column) in BatchColumn.contract.enumerated() { #expect(mapping.positions[column] == i, "\(column)") }
        #expect(mapping.ignored.isEmpty)
    }

    @Test func accentsCaseSpacesApostrophesAndUnderscoresAreIgnored() throws {
        let cases: [(String, BatchColumn)] = [
            ("nom de naissance", .birthName), ("NOM_NAISSANCE", .birthName), ("nom_naissance", .birthName),
            ("prénoms", .firstNames), ("PRENOMS", .firstNames), ("sexe", .sex), ("date de naissance", .birthDate),
            ("Date_Naissance", .birthDate), ("lieu de naissance", .birthPlace), ("code lieu de naissance", .birthPlace),
            ("nom d'usage", .usedName), ("Nom d’usage", .usedName), ("NOM USAGE", .usedName), ("matricule INS", .ins),
            ("INS", .ins), ("ipp", .id), (" Birth_Name ", .birthName), ("first-names", .firstNames),
        ]
        for (header, column) in cases {
            let mapping = try ColumnMapping(header: ["x", header], required: [])
            #expect(mapping.positions[column] == 1, "\(header) → \(column)")
        }
    }

    @Test func aCodeColumnOfTheBirthPlaceWinsOverTheCommuneName() throws {
        let mapping = try ColumnMapping(header: ["id", "Lieu de naissance", "Code lieu de naissance"], required: [.id])
        #expect(mapping.positions[.birthPlace] == 2)
        #expect(mapping.ignored == ["Lieu de naissance"])
    }

    @Test func twoHeadersUnderTheSameNameAreAmbiguous() {
        #expect(throws: ColumnMappingError.ambiguous(.birthName, headers: ["nom_naissance", "NOM NAISSANCE"])) {
            try ColumnMapping(header: ["id", "nom_naissance", "NOM NAISSANCE"])
        }
    }

    @Test func explicitColumnsMapAnyHeader() throws {
        let explicit = try ColumnMapping.parseExplicit("id=NUM_PAT, birth_name=NOMNAIS,first_names=PRENOMS_NAIS")
        #expect(explicit == [.id: "NUM_PAT", .birthName: "NOMNAIS", .firstNames: "PRENOMS_NAIS"])
        let mapping = try ColumnMapping(header: ["NOMNAIS", "NUM_PAT", "IPP", "PRENOMS_NAIS"], explicit: explicit)
        #expect(mapping.positions[.id] == 1)
        #expect(mapping.positions[.birthName] == 0)
        #expect(mapping.positions[.firstNames] == 3)
        #expect(mapping.ignored == ["IPP"])  // the explicit name wins over the synonym
    }

    @Test func malformedExplicitColumnsAreRefused() {
        #expect(throws: ColumnMappingError.malformedExplicit("name=NOM")) { try ColumnMapping.parseExplicit("name=NOM") }
        #expect(throws: ColumnMappingError.malformedExplicit("id")) { try ColumnMapping.parseExplicit("id") }
        #expect(throws: ColumnMappingError.malformedExplicit("id=B")) { try ColumnMapping.parseExplicit("id=A,id=B") }
    }

    @Test func anExplicitHeaderAbsentFromTheFileIsAnError() {
        #expect(throws: ColumnMappingError.explicitColumnAbsent(.birthName, header: "NOMNAIS", found: ["id", "NOM"])) {
            try ColumnMapping(header: ["id", "NOM"], explicit: [.birthName: "NOMNAIS"])
        }
    }

    @Test func aMissingRequiredColumnListsWhatWasFoundAndRequired() throws {
        let error = #expect(throws: ColumnMappingError.self) {
            try ColumnMapping(header: ["IPP", "NOM", "PRENOM"], required: [.id, .birthName, .firstNames, .birthDate])
        }
        #expect(error == .missing([.birthName, .birthDate], required: [.id, .birthName, .firstNames, .birthDate], found: ["IPP", "NOM", "PRENOM"]))
        let text = try #require(error).description
        #expect(text.contains("no column for birth_name, birth_date"))
        #expect(text.contains("required: id, birth_name, first_names, birth_date"))
        #expect(text.contains("found: 'IPP', 'NOM', 'PRENOM'"))
    }

    @Test func aMisspelledContractColumnIsReportedAsALookAlike() throws {
        let mapping = try ColumnMapping(header: ["id", "birth_name", "frist_names", "birth_date", "notes"])
        #expect(mapping.positions[.firstNames] == nil)
        #expect(mapping.lookAlikes.map(\.header) == ["frist_names"])
        #expect(mapping.lookAlikes.map(\.column) == [.firstNames])
        #expect(mapping.ignored == ["frist_names", "notes"])
    }

    @Test func aLookAlikeOfAColumnAlreadyReadIsNotReported() throws {
        // `Lieu de naissance` is ignored in favour of the code column: nothing the user lost.
        let mapping = try ColumnMapping(header: ["id", "Lieu de naissance", "Code lieu de naissance", "prenom usuel", "prenoms"])
        #expect(mapping.lookAlikes.isEmpty)
    }

    @Test func theBatchReaderReadsAFrenchExport() throws {
        let text = Self.frenchHeader.joined(separator: ";") + "\r\n"
            + "000123;PAT-TROIS;DOMINIQUE;F;28/03/1979;63220;;2 79 03 51 215 189 89\r\n"
        let file = try BatchCSV.read(bytes: Array(text.utf8), columns: [:], required: Set(BatchColumn.contract))
        let r = try #require(file.records.first)
        #expect(r.id == "000123" && r.birthName == "PAT-TROIS" && r.firstNames == "DOMINIQUE" && r.sex == "F")
        #expect(r.birthDate == "28/03/1979" && r.birthPlace == "63220" && r.usedName == "" && r.ins == "2 79 03 51 215 189 89")
        #expect(file.columns.summary.hasPrefix("columns id=IPP,birth_name=Nom de naissance,"))
    }
}
