import Foundation
import Testing
import Vigie

/// `vigie train --store PATH` (issue 15 §4): the cell's resolved reviews in an identity store teach the model, as
/// `vigie dedupe --decisions` does. The store is filled through the store's API, as the worker's RI fills it
/// (invented identities).
@Suite struct TrainFromStoreTests {
    let work: CLIWorkspace
    init() throws { work = try CLIWorkspace() }

    static func identity(_ name: String, _ first: String, _ date: String) throws -> Identity {
        Identity(
            traits: StrictTraits(
                birthName: name, firstNames: [first], sex: .female, birthDate: try BirthDate(date), birthPlace: nil))
    }

    /// The day-10-apart level's m in a saved model.
    static func dayTenM(_ path: String) throws -> Double {
        let model = try MatchModel.load(contentsOf: path)
        let level = try #require(MatchField.birthDate.levels.firstIndex(of: "day-10-apart"))
        return model.parameters(.birthDate, level: level).m
    }

    @Test func resolvedReviewsTeachTheModel() throws {
        let storePath = work.path("vigie.sqlite")
        let store = try IdentityStore(path: storePath)
        let change = ChangeContext(actor: "cell", reason: "test")
        // Three persons typed twice with the day 10 apart (a slip on the tens key), and two namesakes.
        var pairs: [(String, String)] = []
        for (name, first, x, y) in [
            ("KERBRAT", "ANNAIG", "1980-05-08", "1980-05-18"), ("LE DREN", "MAIWENN", "1975-03-02", "1975-03-12"),
            ("GUILLOU", "RONAN", "1990-11-15", "1990-11-25"), ("TANGUY", "SOIZIC", "1962-07-04", "1962-09-21"),
        ] {
            let a = try store.create(try Self.identity(name, first, x), localIDs: [], change: change)
            let b = try store.create(try Self.identity(name, first, y), localIDs: [], change: change)
            pairs.append((a.id, b.id))
        }
        var items: [ReviewItem] = []
        for (a, b) in pairs {
            items.append(
                try store.enqueueReview(
                    ReviewItem(kind: .potentialDuplicate, identityIDs: [a, b], score: 5, explanation: "test"), change: change))
        }
        let before = work.path("before.json")
        store.close()
        let untaught = try work.vigie.run(["train", "--store", storePath, "--out", before, "--quiet"])
        #expect(untaught.status == 0, "\(untaught)")
        #expect(untaught.stderr.contains("0 resolved reviews"), "\(untaught)")

        let cell = try IdentityStore(path: storePath)
        _ = try cell.merge(survivor: pairs[0].0, mergedAway: pairs[0].1, change: change)
        _ = try cell.resolveReview(id: items[1].id, as: .confirmedDuplicate, change: change)
        _ = try cell.resolveReview(id: items[2].id, as: .confirmedDuplicate, change: change)
        _ = try cell.resolveReview(id: items[3].id, as: .notDuplicate, change: change)
        cell.close()

        let after = work.path("after.json")
        let taught = try work.vigie.run(["train", "--store", storePath, "--out", after, "--quiet"])
        #expect(taught.status == 0, "\(taught)")
        #expect(taught.stderr.contains("4 resolved reviews (3 match, 1 non-match)"), "\(taught)")
        // The labelled slips raise m of their level; the model is otherwise the prior, and is reproducible.
        #expect(try Self.dayTenM(after) > Self.dayTenM(before))
        let again = work.path("again.json")
        #expect(try work.vigie.run(["train", "--store", storePath, "--out", again, "--quiet"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: after)) == Data(contentsOf: URL(fileURLWithPath: again)))
        // No trait on stderr.
        for trait in ["KERBRAT", "ANNAIG", "1980"] { #expect(!taught.stderr.contains(trait)) }
    }

    @Test func aStoreOrAFileNotBoth() throws {
        let run = try work.vigie.run(["train", "--out", work.path("m.json")])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--store"), "\(run)")
    }
}
