import Foundation
import Testing
import VigieIdentity
@testable import VigieServe
import VigieStore

/// The JSON API against a live server on 127.0.0.1 (port 0): authentication, roles, CSRF, paging and
/// filters, decisions and their effect on the store, the INS share policy, journaled views.
@Suite(.serialized) struct APIRoutesTests {
    @Test func everyAPIRouteNeedsASessionOrAToken() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let client = TestClient(server.url)
        for (method, path) in [("GET", "/api/reviews"), ("GET", "/api/identities/V1"), ("GET", "/api/identities/V1/history"),
                               ("GET", "/api/indicators"), ("POST", "/api/reviews/1/decision"), ("DELETE", "/api/session")] {
            let answer = try await client.send(method, path, json: method == "POST" ? ["decision": "defer", "comment": ""] : nil)
            #expect(answer.status == 401, "\(method) \(path)")
            #expect(try answer.json()["error"] != nil)
        }
        // A wrong token is refused too, whatever the route.
        let forged = try await client.send("GET", "/api/reviews", headers: ["Authorization": "Bearer not-a-token"])
        #expect(forged.status == 401)
        await server.stop()
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndReturnsTheCSRFToken() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let client = TestClient(server.url)
        let answer = try await client.login(ServeFixture.cell)
        #expect(answer.status == 200)
        let cookie = try #require(answer.setCookies.first)
        #expect(cookie.hasPrefix("vigie_session="))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Max-Age=28800"))
        #expect(!cookie.contains("Secure"))  // plain HTTP here; TLS adds Secure (ServeProcessTests)
        #expect((try answer.json()["csrf_token"] as? String)?.count ?? 0 >= 40)
        // The store keeps the cookie's SHA-256, never the cookie.
        let value = String(cookie.split(separator: ";")[0].dropFirst("vigie_session=".count))
        let stored = try fixture.store.readTransaction { t throws(StoreError) in try t.session(idHash: Credentials.digest(value), now: fixture.now) }
        #expect(stored?.login == ServeFixture.cell)
        let raw = try fixture.store.readTransaction { t throws(StoreError) in try t.session(idHash: value, now: fixture.now) }
        #expect(raw == nil)
        // Logout ends the session.
        let logout = try await client.send("DELETE", "/api/session")
        #expect(logout.status == 204)
        #expect(try await client.send("GET", "/api/reviews").status == 401)
        await server.stop()
    }

    @Test func wrongPasswordsAreRefusedThenThrottled() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let client = TestClient(server.url)
        // An unknown login is refused like a wrong password (same status, same message).
        let unknown = try await TestClient(server.url).login("nobody", password: "whatever-password")
        #expect(unknown.status == 401)
        #expect(try unknown.json()["error"].map { "\($0)" }?.contains("wrong login or password") == true)
        for _ in 0..<2 { #expect(try await client.login(ServeFixture.cell, password: "wrong-password-123").status == 401) }
        // The fixture's policy allows 3 failures (per login and per address): the next attempt waits, even with the right password.
        let throttled = try await client.login(ServeFixture.cell)
        #expect(throttled.status == 429)
        #expect(Int(throttled.headers["retry-after"] ?? "") ?? 0 > 0)
        // The address is throttled too: another login from it waits as well.
        #expect(try await TestClient(server.url).login(ServeFixture.viewer).status == 429)
        // JSON only: a form post to the API login is refused (login CSRF).
        let form = try await TestClient(server.url).send("POST", "/api/session", form: "login=x&password=y")
        #expect(form.status == 415)
        await server.stop()
    }

    @Test func stateChangingRequestsNeedTheCSRFToken() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let client = TestClient(server.url)
        try await client.login(ServeFixture.cell)
        let item = fixture.items["tchitchi"]!
        let without = try await client.send("POST", "/api/reviews/\(item)/decision", json: ["decision": "defer", "comment": "x"], withCSRF: false)
        #expect(without.status == 403)
        #expect(try without.json()["error"].map { "\($0)" }?.contains("csrf") == true)
        let wrong = try await client.send("POST", "/api/reviews/\(item)/decision", json: ["decision": "defer", "comment": "x"], headers: ["X-CSRF-Token": "forged"])
        #expect(wrong.status == 403)
        #expect(try fixture.store.reviewItem(item).deferredAt == nil)
        // A form post carries it as a field.
        let formWithout = try await client.send("POST", "/revues/\(item)/decision", form: "decision=defer&comment=x", withCSRF: false)
        #expect(formWithout.status == 403)
        let formWith = try await client.send(
            "POST", "/revues/\(item)/decision", form: "decision=defer&comment=x&csrf_token=\(client.csrf!)", withCSRF: false)
        #expect(formWith.status == 303)
        #expect(try fixture.store.reviewItem(item).deferredAt != nil)
        await server.stop()
    }

    @Test func reviewsArePagedCollisionsFirstAndFilterable() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let client = TestClient(server.url)
        try await client.login(ServeFixture.viewer)
        let all = try await client.send("GET", "/api/reviews").json()
        let items = try #require(all["items"] as? [[String: Any]])
        #expect(all["total"] as? Int == 4)
        #expect(items.first?["kind"] as? String == "collision")
        let weights = items.dropFirst().compactMap { $0["weight"] as? Double }
        #expect(weights == weights.sorted(by: >))
        for key in ["id", "identity_a", "identity_b", "weight", "reasons", "opened_at", "kind"] { #expect(items[0][key] != nil, "\(key)") }
        #expect((items[0]["reasons"] as? [String])?.contains("same-ins") == true)
        // Paging.
        let page2 = try await client.send("GET", "/api/reviews?per_page=3&page=2").json()
        #expect((page2["items"] as? [Any])?.count == 1)
        #expect(page2["total"] as? Int == 4)
        // Kind, reason and age filters.
        let duplicates = try await client.send("GET", "/api/reviews?kind=duplicate").json()
        #expect(duplicates["total"] as? Int == 3)
        let sameINS = try await client.send("GET", "/api/reviews?reason=same-ins").json()
        #expect(sameINS["total"] as? Int == 1)
        let old = try await client.send("GET", "/api/reviews?min_age_days=4").json()
        #expect(Set((old["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }) == [Int(fixture.items["zoe"]!), Int(fixture.items["nessi"]!)])
        let recent = try await client.send("GET", "/api/reviews?max_age_days=3").json()
        #expect(recent["total"] as? Int == 2)
        #expect(try await client.send("GET", "/api/reviews?kind=other").status == 400)
        #expect(try await client.send("GET", "/api/reviews?per_page=0").status == 400)
        await server.stop()
    }

    @Test func aViewerReadsButCannotDecideAndASystemUsesItsToken() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let viewer = TestClient(server.url)
        try await viewer.login(ServeFixture.viewer)
        let item = fixture.items["zoe"]!
        let refused = try await viewer.send("POST", "/api/reviews/\(item)/decision", json: ["decision": "not-duplicate", "comment": "deux patientes"])
        #expect(refused.status == 403)
        #expect(try fixture.store.reviewItem(item).status == .open)
        #expect(try await viewer.send("GET", "/api/identities/V1").status == 200)
        let system = TestClient(server.url)
        let read = try await system.send("GET", "/api/reviews", headers: ["Authorization": "Bearer \(fixture.token)"])
        #expect(read.status == 200)
        let decide = try await system.send(
            "POST", "/api/reviews/\(item)/decision", json: ["decision": "defer", "comment": ""], headers: ["Authorization": "Bearer \(fixture.token)"])
        #expect(decide.status == 403)
        // Pages are for people: a system token gets 403 there.
        #expect(try await system.send("GET", "/", headers: ["Authorization": "Bearer \(fixture.token)"]).status == 403)
        await server.stop()
    }

    @Test func notDuplicateIsJournaledWithTheOperatorAndNeverQueuedAgain() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let client = TestClient(server.url)
        try await client.login(ServeFixture.cell)
        let item = fixture.items["nessi"]!
        let noComment = try await client.send("POST", "/api/reviews/\(item)/decision", json: ["decision": "not-duplicate", "comment": "  "])
        #expect(noComment.status == 422)
        #expect(try noComment.json()["error"].map { "\($0)" }?.contains("comment") == true)
        let answer = try await client.send("POST", "/api/reviews/\(item)/decision", json: ["decision": "not-duplicate", "comment": "Pièces d'identité différentes"])
        #expect(answer.status == 200)
        let resolved = try fixture.store.reviewItem(item)
        #expect(resolved.resolution == .notDuplicate)
        #expect(resolved.resolvedBy == ServeFixture.cell)
        let again = try await client.send("POST", "/api/reviews/\(item)/decision", json: ["decision": "defer", "comment": ""])
        #expect(again.status == 409)
        // The journal names the operator; the pair is not queued again when the matcher finds it again.
        let history = try fixture.store.history(id: resolved.identityIDs[0])
        #expect(history.contains { $0.action == .reviewResolved && $0.actor == ServeFixture.cell && $0.reason.contains("Pièces") })
        let requeued = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: resolved.identityIDs, score: 5, explanation: "again"), change: fixture.at(daysAgo: 0))
        #expect(requeued.id == item && requeued.status == .resolved)
        #expect(try fixture.store.notDuplicatePairs().contains { $0 == (resolved.identityIDs[0], resolved.identityIDs[1]) })
        await server.stop()
    }

    @Test func mergeAndHomonymChangeTheRIThroughItsRules() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let client = TestClient(server.url)
        try await client.login(ServeFixture.cell)
        // Merge: the QUAL identity survives by default and keeps the other's local identifier.
        let zoe = fixture.items["zoe"]!
        let merged = try await client.send("POST", "/api/reviews/\(zoe)/decision", json: ["decision": "merge", "comment": "Même CNI"])
        #expect(merged.status == 200)
        #expect(try merged.json()["survivor"] as? String == "V1")
        let survivor = try #require(try fixture.store.identity(id: "V2"))
        #expect(survivor.id == "V1")
        #expect(survivor.formerLocalIDs.map(\.value) == ["9001"])
        #expect(try fixture.store.reviewItem(zoe).resolution == .merged)
        // Homonyms: closed as not a duplicate, and both identities get HOMA (through the RNIV status machine).
        let tchitchi = fixture.items["tchitchi"]!
        let homonym = try await client.send("POST", "/api/reviews/\(tchitchi)/decision", json: ["decision": "homonym", "comment": ""])
        #expect(homonym.status == 200)
        let item = try fixture.store.reviewItem(tchitchi)
        #expect(item.resolution == .homonym)
        for id in item.identityIDs {
            let identity = try #require(try fixture.store.identity(id: id)).identity
            #expect(identity.attributes.contains(.homonymConfirmed))
        }
        let bad = try await client.send("POST", "/api/reviews/\(fixture.items["nessi"]!)/decision", json: ["decision": "fusion", "comment": "x"])
        #expect(bad.status == 400)
        let survivorNotInPair = try await client.send(
            "POST", "/api/reviews/\(fixture.items["nessi"]!)/decision", json: ["decision": "merge", "survivor": "V1", "comment": "x"])
        #expect(survivorNotInPair.status == 422)
        await server.stop()
    }

    @Test func identityReadsAreJournaledAndShareTheINSOnlyWhenQualified() async throws {
        let fixture = try ServeFixture()
        let server = try await fixture.start()
        let client = TestClient(server.url)
        try await client.login(ServeFixture.viewer)
        let qualified = try await client.send("GET", "/api/identities/V1").json()
        #expect(qualified["ins"] as? String == "275126322074974")
        #expect(qualified["status"] as? String == "QUAL")
        // V2 is PROV: no INS leaves the RI for it (EXI SI 08), even if one were stored.
        var provisional = try #require(try fixture.store.identity(id: "V2"))
        provisional.identity.ins = INS(matricule: try Matricule("275126322074974"), authority: .nir)
        _ = try fixture.store.update(id: "V2", to: provisional.identity, change: fixture.at(daysAgo: 0))
        let prov = try await client.send("GET", "/api/identities/V2").json()
        #expect(prov["ins"] == nil)
        #expect(prov["status"] as? String == "PROV")
        let history = try await client.send("GET", "/api/identities/V1/history").json()
        let entries = try #require(history["entries"] as? [[String: Any]])
        #expect(entries.contains { $0["action"] as? String == "viewed" && $0["actor"] as? String == ServeFixture.viewer })
        #expect(!String(decoding: try JSONSerialization.data(withJSONObject: history), as: UTF8.self).contains("\"before\""))
        #expect(try await client.send("GET", "/api/identities/V999").status == 404)
        let indicators = try await client.send("GET", "/api/indicators").json()
        #expect(indicators["open_reviews"] as? Int == 4)
        #expect(((indicators["days"] as? [[String: Any]])?.count ?? 0) >= 30)
        await server.stop()
    }
}
