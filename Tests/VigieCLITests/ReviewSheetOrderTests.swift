import Foundation
import Testing

/// review.html, the cell's batch page: the records' traits as read with `--columns`, and review.csv's order.
@Suite struct ReviewSheetOrderTests {
    let work: CLIWorkspace
    init() throws { work = try CLIWorkspace() }

    /// Renamed headers mapped with `--columns`; each pair lacks a birth date on one side, so it goes to review
    /// (`birth-date-missing`). Invented identities.
    static let export = [
        "NUM_PAT;NOMNAIS;PRENOMS_NAIS;SEXE_PAT;DT_NAIS;LIEU_NAIS",
        "P1;QUENTRIC;BERTILLE;F;17/05/1980;29019",
        "P2;QUENTRIC;BERTILLE;F;;29019",
        "P3;ABGRALL;GWENOLE;M;02/03/1955;29232",
        "P4;ABGRALL;GWENOLE;M;;29232",
        "P5;MORVAN;ERWANA;F;11/11/2001;22278",
        "P6;MORVAN;ERWANA;F;;",
    ].joined(separator: "\n") + "\n"

    @Test func reviewPageShowsTheTraitsOfRenamedColumnsInReviewCSVOrder() throws {
        let records = work.path("export.csv")
        try Data(Self.export.utf8).write(to: URL(fileURLWithPath: records))
        let out = work.path("out")
        let run = try work.vigie.run([
            "dedupe", records, "--out", out, "--quiet", "--columns",
            "id=NUM_PAT,birth_name=NOMNAIS,first_names=PRENOMS_NAIS,sex=SEXE_PAT,birth_date=DT_NAIS,birth_place=LIEU_NAIS",
        ])
        #expect(run.status == 0, "\(run)")
        let html = try String(contentsOfFile: out + "/review.html", encoding: .utf8)
        let csv = try String(contentsOfFile: out + "/review.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: "|") }
        #expect(rows.count == 3, "\(csv)")
        // The traits of every shown record, read through the mapping (before the fix: empty cells).
        for trait in ["QUENTRIC", "BERTILLE", "ABGRALL", "GWENOLE", "MORVAN", "ERWANA", "1980", "29232"] {
            #expect(html.contains(trait), "\(trait) missing from review.html")
        }
        // The page's pairs in review.csv's order.
        var shown: [String] = []
        var rest = Substring(html)
        while let r = rest.range(of: "data-a=\"") {
            rest = rest[r.upperBound...]
            let a = rest.prefix { $0 != "\"" }
            guard let rb = rest.range(of: "data-b=\"") else { break }
            rest = rest[rb.upperBound...]
            shown.append("\(a)|\(rest.prefix { $0 != "\"" })")
        }
        #expect(shown == rows, "review.html \(shown) / review.csv \(rows)")
    }
}
