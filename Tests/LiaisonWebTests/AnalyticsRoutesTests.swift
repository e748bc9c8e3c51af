import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Analytics through every route: the demo's composition read off the page and the API, the charts' tables as
/// CSV (audited), the map, bad filters and who may read them.
@Suite struct AnalyticsRoutesTests {
    @Test func theDemoShowsChinaAsAFifthOfTheMembersAndAThirdOfThePayingOnes() async throws {
        try await withTestApp(demo: true) { app in
            let page = try await app.get("/analytics", as: .viewer)
            #expect(page.status == .ok)
            #expect(page.text.contains("140 official members, of whom 60 pay dues."))
            #expect(
                page.text.contains(
                    "China makes up 20.0% of the official membership and 33.3% of the paying membership."))
            #expect(page.text.contains("id=\"chart-countries\""))
            #expect(page.text.contains("id=\"chart-regions\""))
            #expect(page.text.contains("id=\"chart-joined\""))
            #expect(page.text.contains("id=\"chart-dues\""))
            #expect(page.text.contains("id=\"coverage-by-region\""))
            #expect(page.text.contains("role=\"img\""))
            #expect(ChartTests.parseSVG(page.text) != nil)

            let json = try await app.get("/api/v1/analytics/composition", as: .viewer)
            #expect(json.status == .ok)
            let body = try json.json()
            #expect(body["members"] as? Int == 140)
            #expect(body["paying"] as? Int == 60)
            let china = try #require((body["byCountry"] as? [[String: Any]])?.first { $0["key"] as? String == "CN" })
            #expect(china["members"] as? Int == 28)
            #expect(china["paying"] as? Int == 20)
            #expect(abs((china["memberShare"] as? Double ?? 0) - 0.2) < 0.0001)
            #expect(abs((china["payingShare"] as? Double ?? 0) - 1.0 / 3) < 0.0001)

            let asia = try await app.get("/api/v1/analytics/composition?country=CN")
            #expect(try asia.json()["members"] as? Int == 28)
            let joined = try await app.get("/api/v1/analytics/joined")
            let years = try #require(try joined.json()["items"] as? [[String: Any]])
            #expect(!years.isEmpty)
            #expect((years.last?["cumulative"] as? Int ?? 0) <= 140)
            let engagement = try await app.get("/api/v1/analytics/engagement?region=asia-pacific")
            #expect(engagement.status == .ok)
            let figures = try engagement.json()
            let buckets = ["withinThreeMonths", "withinTwelveMonths", "older", "never"].map {
                figures[$0] as? Int ?? -1
            }
            #expect(buckets.allSatisfy { $0 >= 0 })
            #expect(try await asiaMembers(app) == buckets.reduce(0, +))
        }
    }

    private func asiaMembers(_ app: TestApp) async throws -> Int {
        try await app.get("/api/v1/analytics/composition?region=asia-pacific").json()["members"] as? Int ?? -1
    }

    @Test func engagementAndTheMapDrawTheirChartsAndTables() async throws {
        try await withTestApp(demo: true) { app in
            let engagement = try await app.get("/analytics/engagement", as: .viewer)
            #expect(engagement.status == .ok)
            for id in ["chart-engagement", "chart-interactions", "chart-unanswered", "chart-funnel"] {
                #expect(engagement.text.contains("id=\"\(id)\""), "\(id)")
            }
            #expect(engagement.text.contains("/pipeline/funnel"))
            let map = try await app.get("/analytics/map?region=asia-pacific", as: .viewer)
            #expect(map.status == .ok)
            let svg = try #require(ChartTests.parseSVG(map.text))
            #expect(svg.texts.contains("Guangzhou (Member)"))
            #expect(svg.texts.contains("Foshan (Prospect)"))
            #expect(!svg.texts.contains { $0.hasPrefix("Barcelona") }, "the region filter holds")
            #expect(map.text.contains("id=\"map-countries\""))
        }
    }

    @Test func everyTableDownloadsAsCSVAndIsAudited() async throws {
        try await withTestApp(demo: true) { app in
            for table in AnalyticsTable.allCases {
                let csv = try await app.get("/analytics/\(table.rawValue).csv", as: .viewer)
                #expect(csv.status == .ok, "\(table)")
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(csv.headers[.contentDisposition]?.contains("analytics-\(table.rawValue).csv") == true)
                #expect(csv.text.split(whereSeparator: \.isNewline).count >= 2, "\(table)")
            }
            let countries = try await app.get("/analytics/countries.csv").text
            #expect(countries.contains("China,28,20,CN,20.0%,33.3%"))
            let exports = try await app.store.auditEntries(AuditQuery(action: .export, limit: 100))
            #expect(exports.filter { $0.summary.hasPrefix("Analytics table") }.count >= AnalyticsTable.allCases.count)
        }
    }

    @Test func badFiltersAreNamedAndAnonymousPeopleAreSentToSignIn() async throws {
        try await withTestApp { app in
            let page = try await app.get("/analytics?region=atlantis")
            #expect(page.status == .badRequest)
            #expect(page.text.contains("error"))
            #expect(try await app.get("/analytics/map?country=XX").status == .badRequest)
            let api = try await app.get("/api/v1/analytics/composition?country=XX")
            #expect(api.status == .badRequest)
            #expect(api.text.contains("country"))
            #expect(try await app.get("/api/v1/analytics/engagement?region=").status == .badRequest)
            #expect(try await app.get("/analytics/regions.csv?region=atlantis").status == .badRequest)
            let anonymous = try await app.get("/analytics", as: .anonymous)
            #expect(anonymous.status == .seeOther)
            #expect(try await app.get("/api/v1/analytics/joined", as: .anonymous).status == .unauthorized)
            // An empty network draws empty charts, not errors.
            let empty = try await app.get("/analytics")
            #expect(empty.status == .ok)
            #expect(try await app.get("/analytics/engagement").status == .ok)
            #expect(try await app.get("/analytics/map").status == .ok)
        }
    }
}
