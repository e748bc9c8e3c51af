import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Knowing the members through the pages and the API: coverage on the organization's page, the least-known
/// list and its CSV, practices by theme, the distance search; bad input and who may read.
@Suite struct KnowRoutesTests {
    private func seed(_ store: any LiaisonStore) async throws -> (guangzhou: Organization, foshan: Organization) {
        let guangzhou = try await store.createOrganization(
            OrganizationInput(
                name: "Guangzhou", nativeName: "广州", country: "CN", region: "asia-pacific", latitude: 23.1291,
                longitude: 113.2644, membershipStatus: .member,
                practices: [Practice(title: "Guangzhou Award for Urban Innovation", year: 2012)]))
        let foshan = try await store.createOrganization(
            OrganizationInput(
                name: "Foshan", country: "CN", region: "asia-pacific", latitude: 23.0215, longitude: 113.1214,
                membershipStatus: .prospect))
        _ = try await store.createOrganization(
            OrganizationInput(name: "Quietville", country: "FR", region: "europe", membershipStatus: .member))
        return (guangzhou, foshan)
    }

    @Test func theOrganizationPageShowsTheScoreAndTheFixes() async throws {
        try await withTestApp { app in
            let s = try await seed(app.store)
            let page = try await app.get("/organizations/\(s.guangzhou.id)", as: .viewer)
            #expect(page.status == .ok)
            #expect(page.text.contains("Knowledge coverage: 20/100"))
            #expect(page.text.contains("People with a current position"))
            // Viewers see the gaps, editors the way to fill them.
            #expect(page.text.contains("/people/new?organization=\(s.guangzhou.id)") == false)
            let editor = try await app.get("/organizations/\(s.guangzhou.id)")
            #expect(editor.text.contains("/people/new?organization=\(s.guangzhou.id)"))
            #expect(editor.text.contains("/activities/new?kind=call&amp;participant=\(s.guangzhou.id)"))

            // "Plan a call" opens the activity form as a call with the organization invited.
            let call = try await app.get("/activities/new?kind=call&participant=\(s.guangzhou.id)")
            #expect(call.status == .ok)
            #expect(call.text.contains("value=\"Guangzhou\""))

            let api = try await app.get("/api/v1/organizations/\(s.guangzhou.id)/coverage", as: .viewer)
            #expect(api.status == .ok)
            let body = try api.json()
            #expect(body["score"] as? Int == 20)
            #expect((body["missing"] as? [String])?.first == "people")
            #expect(try await app.get("/api/v1/organizations/999999/coverage").status == .notFound)
            #expect(
                try await app.get("/api/v1/organizations/\(s.guangzhou.id)/coverage", as: .anonymous).status
                    == .unauthorized)
        }
    }

    @Test func theLeastKnownListFiltersPagesAndDownloads() async throws {
        try await withTestApp { app in
            _ = try await seed(app.store)
            let page = try await app.get("/members/least-known", as: .viewer)
            #expect(page.status == .ok)
            let quiet = try #require(page.text.range(of: "Quietville"))
            let guangzhou = try #require(page.text.range(of: "Guangzhou"))
            #expect(quiet.lowerBound < guangzhou.lowerBound)
            #expect(page.text.contains("Foshan") == false)
            #expect(page.text.contains("Add a person"))
            #expect(page.text.contains("Average coverage by month"))
            #expect(try await app.get("/members/least-known?country=FR").text.contains("Guangzhou") == false)
            #expect(try await app.get("/members/least-known?status=any").text.contains("Foshan"))
            #expect(try await app.get("/members/least-known?region=atlantis").status == .badRequest)
            #expect(try await app.get("/members/least-known?page=0").status == .badRequest)
            #expect(try await app.get("/members/least-known", as: .anonymous).status == .seeOther)

            let csv = try await app.get("/members/least-known.csv", as: .viewer)
            #expect(csv.status == .ok)
            #expect(csv.text.contains("organization_id,organization,"))
            #expect(csv.text.contains("Quietville"))

            let api = try await app.get("/api/v1/coverage/least-known?perPage=1", as: .viewer)
            #expect(api.status == .ok)
            let body = try api.json()
            #expect(body["total"] as? Int == 2)
            #expect((body["items"] as? [[String: Any]])?.first?["name"] as? String == "Quietville")
            #expect(try await app.get("/api/v1/coverage/least-known?status=").status == .badRequest)
            #expect(try await app.get("/api/v1/coverage/least-known?status=gold").status == .badRequest)
            #expect(try await app.get("/api/v1/coverage/least-known?perPage=501").status == .badRequest)
            let regions = try await app.get("/api/v1/coverage/regions", as: .viewer)
            #expect(regions.status == .ok)
            #expect(regions.text.contains("asia-pacific"))
        }
    }

    @Test func practicesAreFoundByTheme() async throws {
        try await withTestApp { app in
            _ = try await seed(app.store)
            let page = try await app.get("/practices?q=innovation+award", as: .viewer)
            #expect(page.status == .ok)
            #expect(page.text.contains("Guangzhou Award for Urban Innovation"))
            #expect(page.text.contains("2012"))
            #expect(try await app.get("/practices?q=waste").text.contains("Guangzhou Award") == false)
            #expect(try await app.get("/practices?country=XX").status == .badRequest)
            let api = try await app.get("/api/v1/practices?q=award&country=CN", as: .viewer)
            #expect(api.status == .ok)
            #expect(api.text.contains("\"organizationName\":\"Guangzhou\""))
            #expect(
                try await app.get("/api/v1/practices?q=" + String(repeating: "a", count: 201)).status == .badRequest)
            #expect(try await app.get("/api/v1/practices", as: .anonymous).status == .unauthorized)
        }
    }

    @Test func nearbyFindsWithinTheDistanceAndRefusesBadInput() async throws {
        try await withTestApp { app in
            let s = try await seed(app.store)
            let page = try await app.get("/organizations/nearby?organization=\(s.guangzhou.id)&km=70", as: .viewer)
            #expect(page.status == .ok)
            #expect(page.text.contains("Foshan"))
            #expect(page.text.contains("19 km"))
            #expect(page.text.contains("Without coordinates: 1"))
            #expect(try await app.get("/organizations/nearby").status == .ok)
            #expect(
                try await app.get("/organizations/nearby?organization=\(s.guangzhou.id)&km=-5").status == .badRequest)
            #expect(
                try await app.get("/organizations/nearby?organization=\(s.guangzhou.id)&km=99999").status == .badRequest
            )
            #expect(try await app.get("/organizations/nearby?organization=999999").status == .badRequest)
            #expect(try await app.get("/organizations/nearby?latitude=95&longitude=0").status == .badRequest)

            let api = try await app.get("/api/v1/nearby?latitude=23.1291&longitude=113.2644&km=70", as: .viewer)
            #expect(api.status == .ok)
            let items = try #require(try api.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["name"] as? String } == ["Guangzhou", "Foshan"])
            #expect(try await app.get("/api/v1/nearby?organization=999999").status == .notFound)
            #expect(try await app.get("/api/v1/nearby?organization=\(s.guangzhou.id)&km=0").status == .badRequest)
            #expect(try await app.get("/api/v1/nearby?organization=\(s.guangzhou.id)&km=abc").status == .badRequest)
            #expect(try await app.get("/api/v1/nearby").status == .unprocessableContent)
            #expect(try await app.get("/api/v1/nearby?latitude=10").status == .unprocessableContent)
            #expect(try await app.get("/api/v1/nearby?latitude=10&longitude=200").status == .badRequest)
            let quiet = try #require(
                try await app.store.listOrganizations(OrganizationQuery(text: "Quietville")).items.first)
            #expect(try await app.get("/api/v1/nearby?organization=\(quiet.id)").status == .unprocessableContent)
            #expect(
                try await app.get("/api/v1/nearby?organization=\(s.guangzhou.id)", as: .anonymous).status
                    == .unauthorized)
        }
    }
}
