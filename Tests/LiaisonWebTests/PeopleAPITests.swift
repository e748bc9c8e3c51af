import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// The people API, the search endpoint and the exports, with good and bad input.
@Suite struct PeopleAPITests {
    func chenJSON(organizationId: Int64) -> [String: Any] {
        [
            "givenName": "Guo", "familyName": "Chen", "nameOrder": "family_first", "nativeName": "陈国",
            "languages": ["zh"],
            "positions": [["organizationId": organizationId, "title": "Secretary General"]],
            "channels": [
                ["kind": "wechat", "value": "chenguo_gz", "preferred": true],
                ["kind": "phone", "value": "020 8330 1234"], ["kind": "email", "value": "chen.guo@gz.example.cn"],
            ],
        ]
    }

    func guangzhou(_ app: TestApp) async throws -> Int64 {
        try await app.store.createOrganization(OrganizationInput(name: "Guangzhou", nativeName: "广州", country: "CN")).id
    }

    @Test func createReadUpdateAndDelete() async throws {
        try await withTestApp { app in
            let org = try await guangzhou(app)
            let created = try await app.send(.post, "/api/v1/people", json: chenJSON(organizationId: org))
            #expect(created.status == .created)
            let body = try created.json()
            let id = try #require(body["id"] as? Int)
            #expect(created.headers[.location] == "/api/v1/people/\(id)")
            #expect(body["displayName"] as? String == "CHEN Guo")
            let channels = try #require(body["channels"] as? [[String: Any]])
            #expect(
                channels.map { $0["value"] as? String } == ["chenguo_gz", "+862083301234", "chen.guo@gz.example.cn"])

            var update = chenJSON(organizationId: org)
            update["version"] = 1
            update["honorific"] = "Mr."
            let updated = try await app.send(.put, "/api/v1/people/\(id)", json: update)
            #expect(updated.status == .ok)
            #expect(try updated.json()["version"] as? Int == 2)
            let stale = try await app.send(.put, "/api/v1/people/\(id)", json: update)
            #expect(stale.status == .conflict)
            #expect(try stale.json()["currentVersion"] as? Int == 2)

            let list = try await app.get("/api/v1/people?q=%E9%99%88%E5%9B%BD")
            #expect(try list.json()["total"] as? Int == 1)
            let deleted = try await app.request(.delete, "/api/v1/people/\(id)?version=2")
            #expect(deleted.status == .noContent)
            #expect(try await app.get("/api/v1/people/\(id)").status == .notFound)
        }
    }

    @Test func badInputNamesTheFieldAndTheRule() async throws {
        try await withTestApp { app in
            let response = try await app.send(
                .post, "/api/v1/people",
                json: [
                    "givenName": "",
                    "channels": [["kind": "email", "value": "nope"], ["kind": "phone", "value": "8330"]],
                    "positions": [["organizationId": 424_242, "title": "Mayor"]],
                ])
            #expect(response.status == .unprocessableContent)
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            let pairs = Set(errors.map { "\($0["field"] as? String ?? "") \($0["rule"] as? String ?? "")" })
            #expect(
                pairs.isSuperset(of: ["familyName required", "channels[0].value email", "channels[1].value phone"]))

            let unknown = try await app.send(.post, "/api/v1/people", json: ["familyName": "X", "nickName": "Y"])
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("nickName is not a field here."))
            let missingOrg = try await app.send(
                .post, "/api/v1/people",
                json: ["familyName": "X", "positions": [["organizationId": 424_242, "title": "Mayor"]]])
            #expect(missingOrg.status == .unprocessableContent)
            #expect(missingOrg.text.contains("unknown_organization"))
            let wrongMethod = try await app.request(.put, "/api/v1/people/export")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET, HEAD")
            let badId = try await app.send(
                .post, "/api/v1/people/duplicates", raw: #"{"familyName": "X", "id": "seven"}"#)
            #expect(badId.status == .badRequest)
            #expect(badId.text.contains("id must be a whole number"))
            let badQuery = try await app.get("/api/v1/people?channel=fax&language=xx")
            #expect(badQuery.status == .badRequest)
            #expect(badQuery.text.contains("channel must be one of"))
            #expect(try await app.get("/api/v1/people").json()["total"] as? Int == 0)
        }
    }

    @Test func aLikelyDuplicateIsShownBeforeCreatingAndCanBeConfirmed() async throws {
        try await withTestApp { app in
            let org = try await guangzhou(app)
            _ = try await app.send(.post, "/api/v1/people", json: chenJSON(organizationId: org))
            let again = try await app.send(.post, "/api/v1/people", json: chenJSON(organizationId: org))
            #expect(again.status == .conflict)
            let duplicates = try #require(try again.json()["duplicates"] as? [[String: Any]])
            #expect(duplicates.map { $0["displayName"] as? String } == ["CHEN Guo"])
            // Dates in a problem are ISO 8601, as the OpenAPI document says.
            #expect((duplicates.first?["updatedAt"] as? String)?.hasSuffix("Z") == true)
            let check = try await app.send(.post, "/api/v1/people/duplicates", json: chenJSON(organizationId: org))
            #expect((try check.json()["items"] as? [Any])?.count == 1)
            let confirmed = try await app.send(
                .post, "/api/v1/people?confirmDuplicates=true", json: chenJSON(organizationId: org))
            #expect(confirmed.status == .created)
            let second = try #require(try confirmed.json()["id"] as? Int)

            let merged = try await app.send(
                .post, "/api/v1/people/1/merge", json: ["version": 1, "otherId": second, "otherVersion": 1])
            #expect(merged.status == .ok)
            #expect(try await app.get("/api/v1/people/\(second)").status == .notFound)
            let selfMerge = try await app.send(
                .post, "/api/v1/people/1/merge", json: ["version": 2, "otherId": 1, "otherVersion": 2])
            #expect(selfMerge.status == .unprocessableContent)
        }
    }

    @Test func searchServesRankedResultsAcrossScripts() async throws {
        try await withTestApp(demo: true) { app in
            for query in ["chen%20guo", "%E9%99%88%E5%9B%BD"] {
                let body = try await app.get("/api/v1/search?q=\(query)").json()
                let first = try #require((body["items"] as? [[String: Any]])?.first)
                #expect(first["name"] as? String == "CHEN Guo")
                #expect(first["kind"] as? String == "person")
                #expect(first["url"] as? String == "/people/1")
            }
            let guangzhou = try await app.get("/api/v1/search?q=%E5%B9%BF%E5%B7%9E").json()
            #expect((guangzhou["items"] as? [[String: Any]])?.first?["name"] as? String == "Guangzhou")
            #expect(try await app.get("/api/v1/search").status == .badRequest)
            #expect(try await app.get("/api/v1/search?q=x&limit=500").status == .badRequest)
        }
    }

    @Test func theSearchPageFindsActivitiesAndOrganizationsByTheirMetropolitanArea() async throws {
        try await withTestApp(demo: true) { app in
            let page = try await app.get("/search?q=thought%20leaders").text
            #expect(page.contains("Guangzhou Workshop for Thought Leaders: Learning from Urban Innovation"))
            #expect(page.contains(">Activity<"))
            let body = try await app.get("/api/v1/search?q=thought%20leaders").json()
            let first = try #require((body["items"] as? [[String: Any]])?.first)
            #expect(first["kind"] as? String == "activity")
            #expect((first["url"] as? String)?.hasPrefix("/activities/") == true)
            let delta = try await app.get("/api/v1/search?q=yangtze%20river%20delta").json()
            let kinds = (delta["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
            #expect(kinds.contains("organization"))
        }
    }

    @Test func vCardAndCSVExports() async throws {
        try await withTestApp(demo: true) { app in
            let card = try await app.get("/api/v1/people/1/vcard")
            #expect(card.status == .ok)
            #expect(card.headers[.contentType] == "text/vcard; charset=utf-8")
            #expect(card.headers[.contentDisposition] == "attachment; filename=\"chen-guo.vcf\"")
            #expect(card.text.contains("FN;ALTID=1;LANGUAGE=zh:陈国\r\n"))
            #expect(card.text.contains("IMPP;PREF=1:weixin:chenguo_gz\r\n"))

            let csv = try await app.get("/people/export?format=csv&channel=phone")
            #expect(csv.status == .ok)
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first?.hasPrefix("\u{FEFF}id,name,family_name") == true)
            #expect(lines.count > 2)
            #expect(csv.text.contains(",'+86"))
            let all = try await app.get("/people/export?format=vcard")
            #expect(all.text.components(separatedBy: "BEGIN:VCARD").count - 1 == 22)
            let organizations = try await app.get("/organizations/export?format=csv&status=prospect")
            #expect(organizations.text.contains("Foshan"))
            #expect(!organizations.text.contains("Guangzhou,"))
            #expect(try await app.get("/api/v1/people/export?format=pdf").status == .badRequest)
            let trail = try await app.store.auditEntries(AuditQuery(action: .export))
            #expect(trail.count == 4)
        }
    }
}
