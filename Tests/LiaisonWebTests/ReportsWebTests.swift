import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Reports on the pages and in the API: written, shown with their links and follow-ups, edited, deleted;
/// bad input, stale edits and viewers who cannot write.
@Suite struct ReportsWebTests {
    func foshan(_ app: TestApp) async throws -> Int64 {
        try await app.store.createOrganization(
            OrganizationInput(name: "Foshan", nativeName: "佛山", country: "CN", region: "asia-pacific")
        ).id
    }

    func mission(_ app: TestApp, foshan: Int64) async throws -> Int64 {
        try await app.store.createActivity(
            ActivityInput(
                kind: .mission, title: "Mission to Guangzhou", allDay: true, start: "2026-11-09", end: "2026-11-13",
                timeZone: "Asia/Shanghai", organizations: [ActivityOrganization(organizationId: foshan)]),
            by: .system
        ).id
    }

    @Test func theTripReportIsWrittenOnTheMissionAndFoshansPageListsIt() async throws {
        try await withTestApp { app in
            let foshan = try await foshan(app)
            let mission = try await mission(app, foshan: foshan)
            let activityPage = try await app.get("/activities/\(mission)")
            #expect(activityPage.text.contains("/reports/new?activity=\(mission)"))
            let form = try await app.get("/reports/new?activity=\(mission)")
            #expect(form.status == .ok)
            #expect(form.text.contains("<option value=\"\(mission)\" selected"))
            let created = try await app.submit(
                "/reports",
                [
                    ("title", "Mission report"), ("status", "shared"), ("activityId", String(mission)),
                    ("body", "Foshan was **very positive**.\n\n- [ ] follow up with Foshan due 2027-01-15"),
                ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let path = String(location.prefix { $0 != "?" })
            let id = try #require(Int64(path.split(separator: "/")[1]))
            let page = try await app.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong>very positive</strong>"))
            #expect(page.text.contains("follow up with Foshan"))
            #expect(page.text.contains("2027-01-15"))
            // The directory's index finds Foshan in the text and links it on save.
            #expect(
                page.text.contains(
                    "<a href=\"/organizations/\(foshan)\">Foshan</a> <span class=\"muted\">named in the text"))

            let linked = try await app.submit("/reports/\(id)/links", [("version", "1"), ("name", "Foshan")])
            #expect(linked.status == .seeOther)
            let organizationPage = try await app.get("/organizations/\(foshan)")
            #expect(organizationPage.text.contains("href=\"/reports/\(id)\""))
            #expect(organizationPage.text.contains("/reports/new?organization=\(foshan)"))
            #expect(try await app.get("/activities/\(mission)").text.contains("href=\"/reports/\(id)\""))
            let list = try await app.get("/reports?kind=mission&region=asia-pacific")
            #expect(list.text.contains("href=\"/reports/\(id)\""))
            let calls = try await app.get("/reports?kind=call")
            #expect(!calls.text.contains("href=\"/reports/\(id)\""))

            let removed = try await app.submit(
                "/reports/\(id)/links", [("version", "2"), ("remove", "organization:\(foshan)")])
            #expect(removed.status == .seeOther)
            let unlinked = try await app.get("/organizations/\(foshan)")
            #expect(!unlinked.text.contains("href=\"/reports/\(id)\""))
            let unknown = try await app.submit("/reports/\(id)/links", [("version", "3"), ("name", "Atlantis")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("Atlantis"))
            let stale = try await app.submit("/reports/\(id)/links", [("version", "1"), ("name", "Foshan")])
            #expect(stale.status == .conflict)

            #expect(try await app.get("/reports/\(id)/edit").status == .ok)
            let conflict = try await app.submit(
                "/reports/\(id)", [("version", "1"), ("title", "Changed"), ("status", "shared")])
            #expect(conflict.status == .conflict)
            let edited = try await app.submit(
                "/reports/\(id)", [("version", "3"), ("title", "Changed"), ("status", "draft")])
            #expect(edited.status == .seeOther)
            #expect(try await app.get("/reports/\(id)", as: .viewer).text.contains("Draft"))
            #expect(try await app.get("/reports/\(id)/delete").status == .ok)
            let deleted = try await app.submit("/reports/\(id)/delete", [("version", "4")])
            #expect(deleted.status == .seeOther)
            #expect(try await app.get("/reports/\(id)").status == .notFound)
        }
    }

    @Test func badInputIsRefusedNamingTheFieldAndViewersCannotWrite() async throws {
        try await withTestApp { app in
            let refused = try await app.submit(
                "/reports", [("title", " "), ("status", "later"), ("activityId", "x"), ("body", "text")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("href=\"#f-status\""))
            #expect(refused.text.contains("href=\"#f-activityId\""))
            #expect(refused.text.contains("text</textarea>"))
            let missing = try await app.submit(
                "/reports", [("title", "A note"), ("activityId", "999999"), ("status", "draft")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("No activity has id 999999."))
            #expect(try await app.get("/reports?from=yesterday").status == .badRequest)

            #expect(try await app.get("/reports", as: .viewer).status == .ok)
            #expect(try await app.get("/reports/new", as: .viewer).status == .forbidden)
            let viewer = try await app.submit("/reports", [("title", "A note"), ("status", "draft")], as: .viewer)
            #expect(viewer.status == .forbidden)
            #expect(
                try await app.send(.post, "/api/v1/reports", json: ["title": "x"], as: .viewer).status == .forbidden)
            #expect(try await app.store.listReports(ReportQuery()).isEmpty)
        }
    }

    @Test func theAPIWritesReadsListsUpdatesAndDeletesReports() async throws {
        try await withTestApp { app in
            let foshan = try await foshan(app)
            let mission = try await mission(app, foshan: foshan)
            let created = try await app.send(
                .post, "/api/v1/reports",
                json: [
                    "title": "Mission report", "body": "- [ ] request the contacts", "activityId": mission,
                    "linksAdded": [["kind": "organization", "id": foshan]],
                ])
            #expect(created.status == .created)
            let body = try created.json()
            let id = try #require(body["id"] as? Int)
            #expect(created.headers[.location] == "/api/v1/reports/\(id)")
            #expect(body["status"] as? String == "draft")
            #expect((body["authors"] as? [[String: Any]])?.first?["id"] as? Int == Int(app.editor.account.id))
            #expect((body["links"] as? [[String: Any]])?.first?["name"] as? String == "Foshan")

            let listed = try await app.get("/api/v1/reports?organization=\(foshan)&kind=mission")
            #expect(try (listed.json()["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            #expect(try await app.get("/api/v1/reports/\(id)", as: .viewer).status == .ok)

            var update = body
            update["title"] = "Mission report, revised"
            update.removeValue(forKey: "linksAdded")
            let updated = try await app.send(.put, "/api/v1/reports/\(id)", json: update)
            #expect(updated.status == .ok)
            #expect(try updated.json()["version"] as? Int == 2)
            let links = try updated.json()["links"] as? [[String: Any]]
            #expect(links?.count == 1, "links left out stay as they are")
            #expect(try await app.send(.put, "/api/v1/reports/\(id)", json: update).status == .conflict)

            let bad = try await app.send(.post, "/api/v1/reports", json: ["title": "", "status": "maybe"])
            #expect(bad.status == .badRequest || bad.status == .unprocessableContent)
            let unknown = try await app.send(.post, "/api/v1/reports", json: ["title": "x", "colour": "red"])
            #expect(unknown.status == .badRequest || unknown.status == .unprocessableContent)
            let blank = try await app.send(.post, "/api/v1/reports", json: ["title": "  "])
            #expect(blank.status == .unprocessableContent)
            #expect(try blank.json()["errors"] != nil || blank.text.contains("title"))
            #expect(try await app.get("/api/v1/reports?kind=picnic").status == .badRequest)

            #expect(try await app.send(.delete, "/api/v1/reports/\(id)?version=1").status == .conflict)
            #expect(try await app.send(.delete, "/api/v1/reports/\(id)?version=2").status == .noContent)
            #expect(try await app.get("/api/v1/reports/\(id)").status == .notFound)
        }
    }
}
