import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Follow-ups and the inbox through every route: pages and API, bad input, stale versions, viewers who may
/// only read, and nobody seeing another's inbox.
@Suite struct FollowUpRoutesTests {
    func organization(_ app: TestApp) async throws -> Int64 {
        try await app.store.createOrganization(
            OrganizationInput(name: "Foshan", nativeName: "佛山", country: "CN", region: "asia-pacific")
        ).id
    }

    @Test func theAPICreatesReadsListsUpdatesAndDeletes() async throws {
        try await withTestApp { app in
            let foshan = try await organization(app)
            let json: [String: Any] = [
                "title": "Follow up with Foshan on membership", "assigneeAccountId": app.viewer.account.id,
                "dueDate": "2020-03-01", "organizationIds": [foshan], "priority": "high",
            ]
            let created = try await app.send(.post, "/api/v1/follow-ups", json: json)
            #expect(created.status == .created)
            let id = try #require(try created.json()["id"] as? Int)
            #expect(created.headers[.location] == "/api/v1/follow-ups/\(id)")
            #expect(try await app.get("/api/v1/follow-ups/\(id)", as: .viewer).status == .ok)

            let listed = try await app.get("/api/v1/follow-ups?assignee=\(app.viewer.account.id)&status=todo")
            #expect(try (listed.json()["items"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            #expect(try await app.get("/api/v1/follow-ups?status=later").status == .badRequest)
            #expect(try await app.get("/api/v1/follow-ups?region=atlantis").status == .badRequest)

            var update = json
            update["version"] = 1
            update["status"] = "done"
            #expect(try await app.send(.put, "/api/v1/follow-ups/\(id)", json: update).status == .ok)
            #expect(try await app.send(.put, "/api/v1/follow-ups/\(id)", json: update).status == .conflict)
            #expect(try await app.send(.put, "/api/v1/follow-ups/\(id)", json: json).status == .unprocessableContent)

            var bad = json
            bad["dueDate"] = "next week"
            bad["assigneeAccountId"] = 99999
            let refused = try await app.send(.post, "/api/v1/follow-ups", json: bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("dueDate"))
            #expect(
                try await app.send(.post, "/api/v1/follow-ups", json: ["title": ""]).status == .unprocessableContent)

            #expect(try await app.send(.post, "/api/v1/follow-ups", json: json, as: .viewer).status == .forbidden)
            #expect(try await app.send(.delete, "/api/v1/follow-ups/\(id)", as: .viewer).status == .forbidden)
            #expect(try await app.send(.delete, "/api/v1/follow-ups/\(id)?version=1").status == .conflict)
            #expect(try await app.send(.delete, "/api/v1/follow-ups/\(id)?version=2").status == .noContent)
            #expect(try await app.get("/api/v1/follow-ups/\(id)").status == .notFound)
        }
    }

    @Test func theAssigneesInboxIsTheirsAlone() async throws {
        try await withTestApp { app in
            _ = try await app.send(
                .post, "/api/v1/follow-ups",
                json: ["title": "Invitations to the Congress", "assigneeAccountId": app.viewer.account.id])
            let viewerInbox = try await app.get("/api/v1/notifications", as: .viewer)
            let items = try #require(try viewerInbox.json()["items"] as? [[String: Any]])
            #expect(items.map { $0["reason"] as? String } == ["follow_up_assigned"])
            #expect(try viewerInbox.json()["unread"] as? Int == 1)
            #expect(
                try (await app.get("/api/v1/notifications", as: .editor).json()["items"] as? [Any])?.isEmpty == true)
            let entry = try #require(items[0]["id"] as? Int)

            // The editor cannot open or mark the viewer's entry.
            #expect(try await app.get("/inbox/\(entry)", as: .editor).status == .notFound)
            #expect(
                try await app.send(.post, "/api/v1/notifications/read", json: ["ids": [entry]]).status == .noContent)
            #expect(try await app.store.unreadNotificationCount(accountId: app.viewer.account.id) == 1)

            // The header counts it; opening it through the inbox marks it read and goes to the follow-up.
            let page = try await app.get("/inbox", as: .viewer)
            #expect(page.text.contains("id=\"inbox-link\""))
            #expect(page.text.contains("<span class=\"count\">1</span>"))
            let opened = try await app.get("/inbox/\(entry)", as: .viewer)
            #expect(opened.status == .seeOther)
            #expect(opened.headers[.location]?.hasPrefix("/follow-ups/") == true)
            #expect(try await app.store.unreadNotificationCount(accountId: app.viewer.account.id) == 0)
            #expect(try await app.submit("/inbox/read", [], as: .viewer).status == .seeOther)
        }
    }

    @Test func thePagesListCreateTickAndDelete() async throws {
        try await withTestApp { app in
            let foshan = try await organization(app)
            let form = try await app.get("/follow-ups/new?organization=\(foshan)")
            #expect(form.status == .ok)
            #expect(form.text.contains("value=\"\(foshan)\" checked"))
            #expect(try await app.get("/follow-ups/new", as: .viewer).status == .forbidden)

            let bad = try await app.submit(
                "/follow-ups",
                [("title", ""), ("dueDate", "soon"), ("status", "later"), ("organizationIds", "\(foshan)")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("error-summary"))

            let created = try await app.submit(
                "/follow-ups",
                [
                    ("title", "Follow up with Foshan"), ("assigneeAccountId", "\(app.editor.account.id)"),
                    ("dueDate", "2020-01-01"), ("status", "open"), ("priority", "normal"),
                    ("organizationIds", "\(foshan)"), ("organizationNames", "\(foshan):Foshan"),
                ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let id = try #require(Int(location.dropFirst("/follow-ups/".count).prefix { $0.isNumber }))

            let mine = try await app.get("/follow-ups")
            #expect(mine.text.contains("Follow up with Foshan"))
            #expect(mine.text.contains("follow-up overdue"))
            #expect(try await app.get("/follow-ups?status=later").status == .badRequest)
            #expect(try await app.get("/organizations/\(foshan)").text.contains("/follow-ups/\(id)"))
            #expect(try await app.get("/").text.contains("overdue-count"))

            #expect(
                try await app.submit("/follow-ups/\(id)/status", [("version", "1"), ("status", "done")], as: .viewer)
                    .status == .forbidden)
            let ticked = try await app.submit("/follow-ups/\(id)/status", [("version", "1"), ("status", "done")])
            #expect(ticked.status == .seeOther)
            #expect(
                try await app.submit("/follow-ups/\(id)/status", [("version", "1"), ("status", "open")]).status
                    == .conflict)
            let shown = try await app.get("/follow-ups/\(id)", as: .viewer)
            #expect(shown.text.contains("Reopen") == false)
            #expect(try await app.get("/follow-ups/\(id)").text.contains("Reopen"))
            #expect(try await app.get("/follow-ups/\(id)/edit").status == .ok)
            let stale = try await app.submit(
                "/follow-ups/\(id)", [("title", "x"), ("version", "1"), ("status", "open"), ("priority", "low")])
            #expect(stale.status == .conflict)
            #expect(try await app.get("/follow-ups/\(id)/delete").status == .ok)
            #expect(
                try await app.submit("/follow-ups/\(id)/delete", [("version", "2")], as: .viewer).status == .forbidden)
            #expect(try await app.submit("/follow-ups/\(id)/delete", [("version", "2")]).status == .seeOther)
            #expect(try await app.get("/follow-ups/\(id)").status == .notFound)
        }
    }
    @Test func theOwnersFeedCarriesTheirOpenFollowUpsOnTheirDueDays() async throws {
        try await withTestApp { app in
            let editor = AuditActor(accountId: app.editor.account.id, name: app.editor.account.name)
            func make(_ title: String, due: String?, status: FollowUpStatus = .open, for account: TestUser)
                async throws -> FollowUp
            {
                try await app.store.createFollowUp(
                    FollowUpInput(
                        title: title, details: "Ask their international office; cc the mayor's office",
                        assigneeAccountId: account.account.id, dueDate: due, status: status), by: editor)
            }
            let due = try await make("Invite Foshan to the Congress", due: "2026-12-15", for: app.editor)
            _ = try await make("Thank the hosts", due: "2026-12-01", status: .done, for: app.editor)
            _ = try await make("Undated idea", due: nil, for: app.editor)
            _ = try await make("Dongguan's contacts", due: "2026-12-20", for: app.viewer)
            let (_, mine) = try await CalendarFeeds.issue(
                accountId: app.editor.account.id, scope: .mine, store: app.store, by: .system)
            let feed = try await app.get("/feeds/calendar/\(mine)", as: .anonymous)
            #expect(feed.status == .ok)
            let text = feed.text.replacingOccurrences(of: "\r\n ", with: "")
            let events = text.components(separatedBy: "BEGIN:VEVENT").dropFirst()
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.contains("UID:follow-up-\(due.id)@"))
            #expect(event.contains("DTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261216\r\n"))
            #expect(event.contains("SUMMARY:Invite Foshan to the Congress\r\n"))
            #expect(event.contains("DESCRIPTION:Ask their international office\\; cc the mayor's office\r\n"))
            #expect(event.contains("TRANSP:TRANSPARENT"))
            #expect(event.contains("URL:http://"))
            #expect(event.contains("/follow-ups/\(due.id)"))

            // Closed, it leaves the feed; the whole calendar's feed never carries anyone's follow-ups.
            var done = due.input
            done.status = .done
            _ = try await app.store.updateFollowUp(id: due.id, expectedVersion: 1, done, by: editor)
            #expect(!(try await app.get("/feeds/calendar/\(mine)", as: .anonymous).text.contains("VEVENT")))
            let (_, all) = try await CalendarFeeds.issue(
                accountId: app.viewer.account.id, scope: .all, store: app.store, by: .system)
            #expect(!(try await app.get("/feeds/calendar/\(all)", as: .anonymous).text.contains("Dongguan's contacts")))
        }
    }
    @Test func theDemosOverdueFollowUpIsCountedOnTheHomePage() async throws {
        try await withTestApp(demo: true) { app in
            let home = try await app.get("/", as: .admin)
            #expect(home.text.contains("id=\"team-overdue\""))
            #expect(home.text.contains("Agnès Bickart: 1 overdue"))
            let everyone = try await app.get("/follow-ups?assignee=all", as: .viewer)
            // The demo's follow-ups are its trip report's task lines.
            #expect(everyone.text.contains("request the email contacts of all participants"))
            #expect(everyone.text.contains("follow up with Foshan, Dongguan and Zhuhai on membership"))
            #expect(everyone.text.contains("send the invitations to the Congress in Brussels to the Chinese members"))
        }
    }
}
