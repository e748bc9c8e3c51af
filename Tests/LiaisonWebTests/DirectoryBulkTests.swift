import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The directory's filters in force as removable chips, and the bulk actions on ticked rows.
@Suite struct DirectoryBulkTests {
    @Test func activeFiltersShowAsChipsEachLeadingToTheListWithoutIt() async throws {
        try await withTestApp(demo: true) { app in
            let html = try await app.get("/organizations?status=member&country=CN&q=guang").text
            #expect(html.contains("<details class=\"filters-fold\" open>"))
            #expect(html.contains("<ul class=\"chips\""))
            #expect(html.contains("href=\"/organizations?country=CN&amp;q=guang\""), "the status chip drops status")
            #expect(
                html.contains("href=\"/organizations?q=guang&amp;status=member\""), "the country chip drops country")
            #expect(html.contains("href=\"/organizations?country=CN&amp;status=member\""), "the search chip drops q")
            #expect(html.contains("Country: China"))
            let plain = try await app.get("/organizations").text
            #expect(!plain.contains("<ul class=\"chips\""))
        }
    }

    private func ids(_ app: TestApp, _ names: [String]) async throws -> [Int64] {
        var ids: [Int64] = []
        for name in names {
            ids.append(
                try #require(try await app.store.listOrganizations(OrganizationQuery(text: name)).items.first?.id))
        }
        return ids
    }

    @Test func tickedOrganizationsExportAsCSV() async throws {
        try await withTestApp(demo: true) { app in
            let ticked = try await ids(app, ["Foshan", "Dongguan"])
            let response = try await app.submit(
                "/organizations/bulk/export", ticked.map { ("ids", String($0)) }, as: .viewer)
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location == "/organizations/export?ids=" + ticked.sorted().map(String.init).joined(separator: ","))
            let csv = try await app.get(location, as: .viewer).text
            let lines = csv.split(separator: "\r\n")
            #expect(lines.count == 3, "\(csv)")
            #expect(csv.contains("Foshan") && csv.contains("Dongguan") && !csv.contains("Guangzhou"))
            // The same with the ids repeated, as a form sends them; and the API takes them too.
            let repeated = try await app.get(
                "/api/v1/organizations/export?" + ticked.map { "ids=\($0)" }.joined(separator: "&"), as: .viewer)
            #expect(repeated.text.split(separator: "\r\n").count == 3)
        }
    }

    @Test func badTicksAreRefusedNamingTheField() async throws {
        try await withTestApp(demo: true) { app in
            let none = try await app.submit("/organizations/bulk/export", [], as: .viewer)
            #expect(none.status == .badRequest)
            #expect(none.text.contains("ids: tick at least one organization."))
            let junk = try await app.submit("/organizations/bulk/export", [("ids", "abc")], as: .viewer)
            #expect(junk.status == .badRequest)
            let export = try await app.get("/organizations/export?ids=1,x", as: .viewer)
            #expect(export.status == .badRequest)
            #expect(export.text.contains("ids must be record ids"))
            let tooMany = (1...201).map(String.init).joined(separator: ",")
            let long = try await app.get("/organizations/export?ids=\(tooMany)", as: .viewer)
            #expect(long.status == .badRequest)
            #expect(long.text.contains("ids may name at most 200 records."))
        }
    }

    @Test func tickedOrganizationsJoinAnActivityAsInvitedAndTheChangeIsAudited() async throws {
        try await withTestApp(demo: true) { app in
            let activity = try await app.store.createActivity(
                ActivityInput(
                    kind: .event, title: "Waste workshop", start: "2026-12-02T10:00", end: "2026-12-02T12:00",
                    timeZone: "Europe/Madrid"), by: .system)
            let ticked = try await ids(app, ["Foshan", "Dongguan"])
            let fields = ticked.map { ("ids", String($0)) } + [("activity", String(activity.id))]

            let viewer = try await app.submit("/organizations/bulk/add-to-activity", fields, as: .viewer)
            #expect(viewer.status == .forbidden)
            let anonymous = try await app.submit("/organizations/bulk/add-to-activity", fields, as: .anonymous)
            #expect(anonymous.status == .unauthorized || anonymous.status == .forbidden)

            let response = try await app.submit("/organizations/bulk/add-to-activity", fields, as: .editor)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/activities/\(activity.id)?saved=1#participants")
            let stored = try #require(try await app.store.activity(id: activity.id))
            #expect(Set(stored.organizations.compactMap(\.organizationId)) == Set(ticked))
            #expect(stored.organizations.allSatisfy { $0.status == .invited })
            let trail = try await app.store.auditEntries(
                AuditQuery(entity: .activity, entityId: activity.id, action: .update))
            #expect(trail.first?.actor.name == "Agnès Bickart")
            #expect(trail.first?.changes.map(\.field) == ["organizations"])

            // Ticking them again changes nothing of who is there already.
            _ = try await app.submit("/organizations/bulk/add-to-activity", fields, as: .admin)
            #expect(try await app.store.activity(id: activity.id)?.organizations.count == 2)
        }
    }

    @Test func addingToAnActivityNeedsOneThatExists() async throws {
        try await withTestApp(demo: true) { app in
            let ticked = try await ids(app, ["Foshan"])
            let none = try await app.submit("/organizations/bulk/add-to-activity", [("ids", String(ticked[0]))])
            #expect(none.status == .badRequest)
            #expect(none.text.contains("activity: choose an activity"))
            let unknown = try await app.submit(
                "/organizations/bulk/add-to-activity", [("ids", String(ticked[0])), ("activity", "999999")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("there is no activity #999999"))
        }
    }

    @Test func theDirectoryOffersTheBulkActionsByRole() async throws {
        try await withTestApp(demo: true) { app in
            _ = try await app.store.createActivity(
                ActivityInput(
                    kind: .event, title: "Waste workshop",
                    start: ActivityTime.localText(Date().addingTimeInterval(86_400), in: .gmt),
                    end: ActivityTime.localText(Date().addingTimeInterval(90_000), in: .gmt), timeZone: "UTC"),
                by: .system)
            let editor = try await app.get("/organizations").text
            #expect(editor.contains("<form id=\"bulk\" class=\"bulk\" action=\"/organizations/bulk/export\""))
            #expect(editor.contains("formaction=\"/organizations/bulk/add-to-activity\""))
            #expect(editor.contains("Waste workshop"))
            #expect(editor.contains("type=\"checkbox\" name=\"ids\""))
            let viewer = try await app.get("/organizations", as: .viewer).text
            #expect(viewer.contains("/organizations/bulk/export"))
            #expect(!viewer.contains("add-to-activity"))
        }
    }
}
