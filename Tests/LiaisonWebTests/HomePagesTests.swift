import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The home page: this week's activities in the viewer's zone, their own activities coming up, the latest
/// changes to the organizations they follow, and the create actions their role allows.
@Suite struct HomePagesTests {
    /// An activity under way now (ten minutes either side), so it is this week's whatever the day.
    static func ongoing(_ title: String, staff: [Int64] = []) -> ActivityInput {
        let now = Date()
        return ActivityInput(
            kind: .call, title: title, start: ActivityTime.localText(now.addingTimeInterval(-600), in: .gmt),
            end: ActivityTime.localText(now.addingTimeInterval(600), in: .gmt), timeZone: "UTC",
            staffAccountIds: staff)
    }

    @Test func signedOutTheHomePageLeadsToSignIn() async throws {
        try await withTestApp { app in
            let response = try await app.get("/", as: .anonymous)
            #expect(response.status == .seeOther)
            #expect(
                response.headers[.location] == "/sign-in?next=%2F" || response.headers[.location] == "/sign-in?next=/")
        }
    }

    @Test func theHomePageShowsThisWeekInTheViewersZone() async throws {
        try await withTestApp { app in
            _ = try await app.store.createActivity(Self.ongoing("Call with <Lyon>"), by: .system)
            _ = try await app.store.updateAccount(id: app.viewer.account.id, .timeZone("Asia/Tokyo"), by: .system)
            let page = try await app.get("/", as: .viewer)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<h1>Welcome, Victor Viewer</h1>"))
            #expect(html.contains("<h2 id=\"week-h\">This week</h2>"))
            #expect(html.contains("Call with &lt;Lyon&gt;"))
            #expect(html.contains("Times in Asia/Tokyo"))
            #expect(html.contains("GMT+9"))
            // The viewer takes part in nothing and follows no organization; and sees no create actions.
            #expect(html.contains("You take part in no activity coming up."))
            #expect(html.contains("You are not the focal point of any organization."))
            #expect(!html.contains("class=\"quick-actions\""))
            #expect(!html.contains("href=\"/organizations/new\" "))
        }
    }

    @Test func editorsSeeTheirActivitiesTheirOrganizationsChangesAndQuickActions() async throws {
        try await withTestApp { app in
            let editor = app.editor.account.id
            _ = try await app.store.createActivity(Self.ongoing("Budget call", staff: [editor]), by: .system)
            _ = try await app.store.createActivity(Self.ongoing("Someone else's call"), by: .system)
            let followed = try await app.store.createOrganization(
                OrganizationInput(name: "Foshan", country: "CN", focalPointAccountId: editor))
            var input = followed.input
            input.population = 9_600_000
            _ = try await app.store.updateOrganization(id: followed.id, expectedVersion: 1, input)
            _ = try await app.store.createOrganization(OrganizationInput(name: "Elsewhere", country: "FR"))

            let html = try await app.get("/", as: .editor).text
            let mine = try #require(html.range(of: "<section aria-labelledby=\"mine-h\" id=\"mine\">"))
            let focal = try #require(html.range(of: "<section aria-labelledby=\"focal-h\" id=\"focal\">"))
            let mineText = String(html[mine.upperBound..<focal.lowerBound])
            #expect(mineText.contains("Budget call"))
            #expect(!mineText.contains("Someone else"))
            let focalText = String(html[focal.upperBound...])
            #expect(focalText.contains("Foshan"))
            #expect(
                focalText.contains(
                    "<th scope=\"row\">Population</th><td data-label=\"Before\"></td><td data-label=\"After\">9600000</td>"
                ))
            #expect(!focalText.contains("Elsewhere"))
            #expect(focalText.contains("The organization you follow"))
            #expect(focalText.contains("href=\"/organizations?focalPoint=\(editor)&amp;sort=-updatedAt\""))
            for href in ["/organizations/new", "/people/new", "/activities/new"] {
                #expect(html.contains("<a class=\"button secondary\" href=\"\(href)\">"), "\(href)")
            }
        }
    }

    @Test func theListOfFollowedOrganizationsIsAFilterWithItsChip() async throws {
        try await withTestApp { app in
            let editor = app.editor.account.id
            _ = try await app.store.createOrganization(
                OrganizationInput(name: "Foshan", country: "CN", focalPointAccountId: editor))
            _ = try await app.store.createOrganization(OrganizationInput(name: "Elsewhere", country: "FR"))
            let html = try await app.get("/organizations?focalPoint=\(editor)", as: .viewer).text
            #expect(html.contains(">Foshan</a>"))
            #expect(!html.contains(">Elsewhere</a>"))
            #expect(html.contains("Focal point: Agnès Bickart"))
            let bad = try await app.get("/organizations?focalPoint=me", as: .viewer)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("focalPoint must be a record id"))
        }
    }
}
