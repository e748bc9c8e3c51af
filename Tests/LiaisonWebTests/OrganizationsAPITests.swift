import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import NIOCore
import Testing

@testable import LiaisonWeb

@Suite struct OrganizationsAPITests {
    @Test func createReturnsTheRecordWithItsLocation() async throws {
        try await withTestApp { app in
            let response = try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON())

            #expect(response.status == .created)
            let body = try response.json()
            let id = try #require(body["id"] as? Int)
            #expect(response.headers[.location] == "/api/v1/organizations/\(id)")
            #expect(body["version"] as? Int == 1)
            #expect(body["nativeName"] as? String == "广州")
            let read = try await app.get("/api/v1/organizations/\(id)")
            #expect(read.status == .ok)
            #expect(try read.json()["name"] as? String == "Guangzhou")
        }
    }

    @Test func listFiltersSearchesAndPages() async throws {
        try await withTestApp(demo: true) { app in
            let search = try await app.get("/api/v1/organizations?q=%E5%B9%BF%E5%B7%9E")  // 广州
            let items = try #require(try search.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["name"] as? String } == ["Guangzhou"])

            let members = try await app.get("/api/v1/organizations?status=member&country=cn&perPage=5&page=2")
            let body = try members.json()
            #expect(members.status == .ok)
            #expect((body["items"] as? [[String: Any]])?.count == 5)
            #expect(body["page"] as? Int == 2)
            #expect((body["total"] as? Int ?? 0) > 20)
            #expect((body["items"] as? [[String: Any]])?.allSatisfy { $0["country"] as? String == "CN" } == true)
        }
    }

    @Test(arguments: [
        ("status=sleeping", "status"), ("country=ZZ", "country"), ("region=atlantis", "region"),
        ("paying=maybe", "paying"), ("perPage=0", "perPage"), ("page=-1", "page"), ("sort=random", "sort"),
    ])
    func badQueryParametersAreNamed(query: String, field: String) async throws {
        try await withTestApp { app in
            let response = try await app.get("/api/v1/organizations?\(query)")
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            #expect(errors.map { $0["field"] as? String } == [field])
        }
    }

    @Test func updateWithTheCurrentVersionSucceeds() async throws {
        try await withTestApp { app in
            let created = try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON()).json()
            let id = created["id"] as! Int
            var body = guangzhouJSON()
            body["population"] = 19_000_000
            body["version"] = 1

            let response = try await app.send(.put, "/api/v1/organizations/\(id)", json: body)

            #expect(response.status == .ok)
            let updated = try response.json()
            #expect(updated["version"] as? Int == 2)
            #expect(updated["population"] as? Int == 19_000_000)
        }
    }

    @Test func staleVersionGets409AndChangesNothing() async throws {
        try await withTestApp { app in
            let store = app.store
            let id = try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON()).json()["id"] as! Int
            var first = guangzhouJSON()
            first["version"] = 1
            first["population"] = 1
            _ = try await app.send(.put, "/api/v1/organizations/\(id)", json: first)
            var stale = guangzhouJSON()
            stale["version"] = 1
            stale["population"] = 2

            let response = try await app.send(.put, "/api/v1/organizations/\(id)", json: stale)

            #expect(response.status == .conflict)
            #expect(try response.json()["currentVersion"] as? Int == 2)
            #expect(try await store.organization(id: Int64(id))?.population == 1)
        }
    }

    @Test func updateWithoutAVersionIsRefused() async throws {
        try await withTestApp { app in
            let id = try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON()).json()["id"] as! Int
            let response = try await app.send(.put, "/api/v1/organizations/\(id)", json: guangzhouJSON())
            #expect(response.status == .badRequest)
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            #expect(errors.first?["field"] as? String == "version")
            #expect(errors.first?["rule"] as? String == "required")
        }
    }

    @Test func deleteThenTheRecordIsGone() async throws {
        try await withTestApp { app in
            let id = try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON()).json()["id"] as! Int
            #expect(try await app.send(.delete, "/api/v1/organizations/\(id)?version=9").status == .conflict)
            #expect(try await app.send(.delete, "/api/v1/organizations/\(id)?version=x").status == .badRequest)
            #expect(try await app.send(.delete, "/api/v1/organizations/\(id)?version=1").status == .noContent)
            #expect(try await app.get("/api/v1/organizations/\(id)").status == .notFound)
            #expect(try await app.send(.delete, "/api/v1/organizations/\(id)").status == .notFound)
        }
    }

    /// Each bad input names its field and rule, and nothing is stored.
    @Test(
        arguments: [
            ("name", nil, "name", "required"),
            ("name", "", "name", "required"),
            ("country", "ZZ", "country", "unknown_country"),
            ("latitude", 91, "latitude", "range"),
            ("population", -5, "population", "range"),
            ("region", "atlantis", "region", "unknown_region"),
            ("website", "ftp://example.org", "website", "url"),
        ] as [(String, (any Sendable)?, String, String)])
    func invalidFieldsAreRefusedByName(key: String, value: (any Sendable)?, field: String, rule: String) async throws {
        try await withTestApp { app in
            let store = app.store
            var body = guangzhouJSON()
            body[key] = value
            if value == nil { body.removeValue(forKey: key) }

            let response = try await app.send(.post, "/api/v1/organizations", json: body)

            #expect([.badRequest, .unprocessableContent].contains(response.status))
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            #expect(problem["status"] as? Int == response.status.code)
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.contains { $0["field"] as? String == field && $0["rule"] as? String == rule })
            #expect(try await store.listOrganizations(OrganizationQuery()).total == 0)
        }
    }

    @Test func wrongTypeNamesTheField() async throws {
        try await withTestApp { app in
            var body = guangzhouJSON()
            body["population"] = "lots"
            let response = try await app.send(.post, "/api/v1/organizations", json: body)
            #expect(response.status == .badRequest)
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            #expect(errors.first?["field"] as? String == "population")
            #expect(errors.first?["rule"] as? String == "type")

            body = guangzhouJSON()
            body["kind"] = "town"
            let kind = try await app.send(.post, "/api/v1/organizations", json: body)
            #expect(try (kind.json()["errors"] as? [[String: Any]])?.first?["field"] as? String == "kind")
        }
    }

    @Test func malformedJSONIs400() async throws {
        try await withTestApp { app in
            let response = try await app.send(.post, "/api/v1/organizations", raw: "{\"name\": ")
            #expect(response.status == .badRequest)
            #expect(try response.json()["type"] as? String == "/problems/malformed-body")
        }
    }

    @Test func wrongContentTypeIs415() async throws {
        try await withTestApp { app in
            let response = try await app.request(
                .post, "/api/v1/organizations", body: ByteBuffer(string: "name=Guangzhou"),
                contentType: "application/x-www-form-urlencoded", headers: [CSRF.header: app.editor.csrf])
            #expect(response.status == .unsupportedMediaType)
            #expect(response.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await withTestApp { app in
            let store = app.store
            var body = guangzhouJSON()
            body["aliases"] = [String(repeating: "x", count: 2_000_000)]
            let response = try await app.send(.post, "/api/v1/organizations", json: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try await store.listOrganizations(OrganizationQuery()).total == 0)
        }
    }

    @Test func unknownAndMalformedIdsAre404() async throws {
        try await withTestApp { app in
            for uri in ["/api/v1/organizations/999", "/api/v1/organizations/abc", "/api/v1/organizations/-1"] {
                let response = try await app.get(uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            #expect(try await app.get("/api/v1/nothing-here").status == .notFound)
        }
    }

    @Test func affiliationWithANonNetworkIs422() async throws {
        try await withTestApp { app in
            let cityId =
                try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON()).json()["id"] as! Int
            var body = guangzhouJSON(name: "Foshan")
            body["affiliations"] = [["networkId": cityId]]
            let response = try await app.send(.post, "/api/v1/organizations", json: body)
            #expect(response.status == .unprocessableContent)
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            #expect(errors.first?["field"] as? String == "affiliations[0].networkId")
        }
    }

    @Test func misspeltFieldsAreRefusedByName() async throws {
        try await withTestApp { app in
            let store = app.store
            var body = guangzhouJSON()
            body["membershipstatus"] = "member"
            body["practices"] = [["title": "Guangzhou Award", "yaer": 2012]]
            let response = try await app.send(.post, "/api/v1/organizations", json: body)
            #expect(response.status == .badRequest)
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            #expect(errors.map { $0["field"] as? String } == ["membershipstatus", "practices[0].yaer"])
            #expect(errors.allSatisfy { $0["rule"] as? String == "unknown_field" })
            #expect(try await store.listOrganizations(OrganizationQuery()).total == 0)
        }
    }

    @Test func aRecordReadCanBeSentBackAsItsUpdate() async throws {
        try await withTestApp { app in
            let created = try await app.send(.post, "/api/v1/organizations", json: guangzhouJSON()).json()
            var body = created
            body["population"] = 20_000_000
            let response = try await app.send(.put, "/api/v1/organizations/\(created["id"] as! Int)", json: body)
            #expect(response.status == .ok)
            #expect(try response.json()["version"] as? Int == 2)
        }
    }

    @Test func pagesBeyondTheEndAreEmptyButCounted() async throws {
        try await withTestApp(demo: true) { app in
            let response = try await app.get("/api/v1/organizations?page=50000")
            #expect(response.status == .ok)
            let body = try response.json()
            #expect((body["items"] as? [Any])?.isEmpty == true)
            #expect(body["total"] as? Int == 165)
        }
    }

    @Test func wrongMethodIs405WithTheAllowedOnes() async throws {
        try await withTestApp { app in
            let response = try await app.request(.patch, "/api/v1/regions")
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
            #expect(response.headers[.contentType] == "application/problem+json")
            let page = try await app.request(.delete, "/organizations/12/edit")
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        }
    }

    @Test func theFocalPointIsAStaffAccount() async throws {
        try await withTestApp { app in
            var body = guangzhouJSON()
            body["focalPointAccountId"] = 9_999
            let unknown = try await app.send(.post, "/api/v1/organizations", json: body)
            #expect(unknown.status == .unprocessableContent)
            #expect(try (unknown.json()["errors"] as? [[String: Any]])?.first?["rule"] as? String == "unknown_account")

            body["focalPointAccountId"] = Int(app.editor.account.id)
            let created = try await app.send(.post, "/api/v1/organizations", json: body).json()
            let staff = try #require(created["focalPointStaff"] as? [String: Any])
            #expect(staff["name"] as? String == "Agnès Bickart")
            let page = try await app.get("/organizations/\(created["id"] as! Int)", as: .viewer).text
            #expect(page.contains("<a href=\"mailto:\(app.editor.account.email)\">Agnès Bickart</a>"))
            let form = try await app.get("/organizations/\(created["id"] as! Int)/edit").text
            #expect(form.contains("<option value=\"\(app.editor.account.id)\" selected>Agnès Bickart</option>"))
        }
    }

    @Test func referenceListsAreServed() async throws {
        try await withTestApp { app in
            let regions = try #require(try await app.get("/api/v1/regions").json()["items"] as? [[String: Any]])
            #expect(regions.contains { $0["key"] as? String == "asia-pacific" })
            let countries = try #require(try await app.get("/api/v1/countries").json()["items"] as? [[String: Any]])
            #expect(countries.count == 249)
        }
    }
}
