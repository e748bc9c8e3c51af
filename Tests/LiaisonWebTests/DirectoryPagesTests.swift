import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import Testing

@Suite struct DirectoryPagesTests {
    @Test func rootIsTheHomePage() async throws {
        try await withTestApp { app in
            let response = try await app.get("/")
            #expect(response.status == .ok)
            #expect(response.text.contains("<h1>Welcome, Agnès Bickart</h1>"))
        }
    }

    @Test func directoryListsAndCountsTheDemoNetwork() async throws {
        try await withTestApp(demo: true) { app in
            let page = try await app.get("/organizations")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("165 organizations"))
            #expect(page.text.contains("Member (140)"))
            #expect(page.text.contains("Page 1 of 4"))
            #expect(page.text.contains("rel=\"next\" href=\"/organizations?page=2\""))
        }
    }

    @Test(arguments: ["guangzhou", "Guangzhou", "%E5%B9%BF%E5%B7%9E", "canton", "guang"])
    func searchFindsGuangzhouInEveryForm(query: String) async throws {
        try await withTestApp(demo: true) { app in
            let page = try await app.get("/organizations?q=\(query)")
            #expect(page.text.contains(">Guangzhou</a> <span class=\"native\" lang=\"und\">广州</span>"))
        }
    }

    @Test func filtersNarrowTheListAndBadOnesAreExplained() async throws {
        try await withTestApp(demo: true) { app in
            let prospects = try await app.get("/organizations?status=prospect&country=CN")
            #expect(prospects.text.contains(">Foshan</a>"))
            #expect(!prospects.text.contains(">Guangzhou</a>"))

            let bad = try await app.get("/organizations?status=sleeping")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("status must be one of: member, prospect, former, partner, none."))
            #expect(bad.text.contains("165 organizations"))
        }
    }

    @Test func aPagePastTheEndLeadsBackToTheLastOne() async throws {
        try await withTestApp(demo: true) { app in
            let past = try await app.get("/organizations?page=999")
            #expect(past.text.contains("rel=\"prev\" href=\"/organizations?page=4\""))
            let search = try await app.get("/organizations?q=x%00y")
            #expect(!search.text.contains("\u{0}"))
            #expect(search.text.contains("value=\"xy\""))
        }
    }

    @Test func profileShowsEverythingKnown() async throws {
        try await withTestApp(demo: true) { app in
            let store = app.store
            let id = try #require(
                try await store.listOrganizations(OrganizationQuery(text: "guangzhou")).items.first?.id)
            let page = try await app.get("/organizations/\(id)")
            for text in [
                "Guangzhou <span class=\"native\" lang=\"und\">广州</span>", "Also known as Canton", "China (CN)",
                "1993", "Co-presidency", "Regional Secretariat for Asia and the Pacific", "UCLG ASPAC",
                "Institute for Urban Innovation", "Agnès Bickart",
            ] {
                #expect(page.text.contains(text), "\(text)")
            }
        }
    }

    @Test func everyPartOfTheProfileIsDrawn() async throws {
        try await withTestApp { app in
            let store = app.store
            let organization = try await store.createOrganization(
                OrganizationInput(
                    kind: .city, name: "Foshan", nativeName: "佛山", aliases: ["Fatshan", "Namhoi <old>"],
                    country: "CN", membershipStatus: .member, paying: true,
                    governanceRoles: [
                        GovernanceRole(title: "Board", fromYear: 2019, toYear: 2022),
                        GovernanceRole(title: "Council", toYear: 2020), GovernanceRole(title: "Observer"),
                    ],
                    practices: [
                        Practice(title: "Ceramics route", year: 2015, description: "Kilns <open>"),
                        Practice(title: "Lion dance"),
                    ]))
            let id = organization.id
            _ = try await store.createPerson(
                PersonInput(
                    givenName: "Mei", familyName: "Lin",
                    positions: [Position(organizationId: id, title: "Mayor", department: "Office", startDate: "2019")]),
                by: .system)
            _ = try await store.createPerson(
                PersonInput(
                    givenName: "Wei", familyName: "Zhao", nativeName: "赵伟",
                    positions: [Position(organizationId: id, title: "Adviser", startDate: "2010", endDate: "2015")]),
                by: .system)
            let page = try await app.get("/organizations/\(id)").text
            for markup in [
                "<p class=\"eyebrow\">City · <span class=\"badge status-member\">Member</span> "
                    + "<span class=\"badge paying\">Paying</span></p>",
                "<h1>Foshan <span class=\"native\" lang=\"und\">佛山</span></h1>",
                "<p class=\"aliases\">Also known as Fatshan, Namhoi &lt;old&gt;</p>",
                "<a class=\"button\" href=\"/organizations/\(id)/edit\">Edit</a>",
                "<dt>Paying member</dt><dd>Yes</dd>",
                // A person without a name in another script shows none, not the organization's.
                "</a> <span class=\"muted\">Mayor, Office · 2019–</span></li></ul>",
                "<summary>Formerly (1)</summary><ul class=\"plain people\"><li>",
                "<span class=\"native\" lang=\"und\">赵伟</span> <span class=\"muted\">Adviser · 2010–2015</span></li>",
                "<a href=\"/people/new?organization=\(id)\">Add a person here</a>",
                "<p class=\"muted\">No activities recorded yet.</p>",
                "<li><strong>Board</strong> <span class=\"muted\">2019–2022</span></li><li><strong>Council</strong> "
                    + "<span class=\"muted\">…–2020</span></li><li><strong>Observer</strong></li>",
                "<p class=\"muted\">None recorded.</p>",
                "<li><strong>Ceramics route</strong> <span class=\"muted\">(2015)</span><br>Kilns &lt;open&gt;</li>"
                    + "<li><strong>Lion dance</strong></li>",
                "<ol class=\"history\">", "<p class=\"record-info muted\">Version 1 · updated ",
            ] {
                #expect(page.contains(markup), "\(markup)")
            }
            let viewed = try await app.get("/organizations/\(id)", as: .viewer).text
            #expect(viewed.contains("<a href=\"/people?organization=\(id)\">All people here</a></p>"))
            for link in ["/organizations/\(id)/edit", "/people/new?organization=", "/activities/new?organization="] {
                #expect(!viewed.contains(link), "\(link)")
            }
        }
    }

    @Test func missingProfileIsAFriendly404() async throws {
        try await withTestApp { app in
            for uri in ["/organizations/999", "/organizations/abc", "/organizations/999/edit", "/nowhere"] {
                let page = try await app.get(uri)
                #expect(page.status == .notFound, "\(uri)")
            }
            let page = try await app.get("/organizations/999")
            #expect(page.text.contains("There is nothing at this address."))
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        }
    }

    @Test func creatingThroughTheFormRedirectsToTheProfile() async throws {
        try await withTestApp { app in
            let store = app.store
            let response = try await app.submit(
                "/organizations",
                [
                    ("kind", "city"), ("name", "Foshan"), ("nativeName", "佛山"), ("aliases", "Fatshan\r\nFoshan City"),
                    ("country", "CN"), ("region", "asia-pacific"), ("population", "9,600,000"),
                    ("membershipStatus", "prospect"), ("governanceRoles[0].title", ""), ("practices[0].title", ""),
                ])

            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location.hasSuffix("?saved=1"))
            let stored = try #require(try await store.listOrganizations(OrganizationQuery(text: "佛山")).items.first)
            #expect(stored.population == 9_600_000)
            let profile = try await app.get(location)
            #expect(profile.text.contains("Changes saved."))
            #expect(profile.text.contains("Fatshan, Foshan City"))
        }
    }

    @Test func badFormComesBackWithEveryErrorAndTheInputKept() async throws {
        try await withTestApp { app in
            let store = app.store
            let response = try await app.submit(
                "/organizations",
                [
                    ("kind", "city"), ("name", ""), ("nativeName", "东莞"), ("country", "ZZ"), ("latitude", "91"),
                    ("longitude", "113.75"), ("population", "lots"), ("membershipStatus", "member"),
                    ("governanceRoles[0].title", ""), ("governanceRoles[0].fromYear", "2020"),
                ])

            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains("id=\"f-name-error\">Name is required."))
            #expect(html.contains("id=\"f-country-error\">&quot;ZZ&quot; is not an ISO 3166-1 alpha-2 country code."))
            #expect(html.contains("id=\"f-latitude-error\">Latitude must be between"))
            #expect(html.contains("id=\"f-population-error\">Enter a whole number."))
            #expect(html.contains("id=\"f-governanceRoles-0--title-error\">Role title is required."))
            #expect(html.contains("value=\"91\""))
            #expect(html.contains("value=\"lots\""))
            #expect(html.contains("value=\"东莞\""))
            #expect(html.contains("id=\"error-summary\""))
            #expect(try await store.listOrganizations(OrganizationQuery()).total == 0)
        }
    }

    @Test func editingChangesTheProfile() async throws {
        try await withTestApp { app in
            let store = app.store
            let created = try await store.createOrganization(
                OrganizationInput(
                    kind: .city, name: "Dongguan", nativeName: "东莞", country: "CN", population: 10_000_000))
            let form = try await app.get("/organizations/\(created.id)/edit")
            #expect(form.text.contains("name=\"version\" value=\"1\""))

            let response = try await app.submit(
                "/organizations/\(created.id)",
                [
                    ("version", "1"), ("kind", "city"), ("name", "Dongguan"), ("nativeName", "东莞"), ("country", "CN"),
                    ("population", "10466625"), ("membershipStatus", "prospect"),
                ])

            #expect(response.status == .seeOther)
            let profile = try await app.get("/organizations/\(created.id)")
            #expect(profile.text.contains("10,466,625"))
            #expect(profile.text.contains("Version 2"))
        }
    }

    @Test func staleEditKeepsTheTypedChangesAndExplains() async throws {
        try await withTestApp { app in
            let store = app.store
            let created = try await store.createOrganization(
                OrganizationInput(kind: .city, name: "Zhuhai", country: "CN", population: 2_400_000))
            var colleague = created.input
            colleague.population = 2_500_000
            _ = try await store.updateOrganization(id: created.id, expectedVersion: 1, colleague)

            let response = try await app.submit(
                "/organizations/\(created.id)",
                [
                    ("version", "1"), ("kind", "city"), ("name", "Zhuhai"), ("country", "CN"),
                    ("population", "3500000"),
                    ("membershipStatus", "prospect"),
                ])

            #expect(response.status == .conflict)
            #expect(response.text.contains("Someone else saved this organization"))
            #expect(response.text.contains("value=\"3500000\""))
            #expect(response.text.contains("name=\"version\" value=\"2\""))
            #expect(try await store.organization(id: created.id)?.population == 2_500_000)
        }
    }

    @Test func deletingAsksThenRemoves() async throws {
        try await withTestApp { app in
            let store = app.store
            let created = try await store.createOrganization(
                OrganizationInput(kind: .city, name: "Qingdao", country: "CN"))
            let confirm = try await app.get("/organizations/\(created.id)/delete")
            #expect(confirm.text.contains("Delete Qingdao from the directory?"))

            let response = try await app.submit("/organizations/\(created.id)/delete", [("version", "1")])

            #expect(response.status == .seeOther)
            #expect(try await store.organization(id: created.id) == nil)
        }
    }

    @Test func formsRefuseOtherContentTypes() async throws {
        try await withTestApp { app in
            let response = try await app.send(.post, "/organizations", json: guangzhouJSON())
            #expect(response.status == .unsupportedMediaType)
        }
    }

    @Test func markupInNamesIsShownAsText() async throws {
        try await withTestApp { app in
            let store = app.store
            let payload = "<img src=x onerror=alert(1)>"
            let created = try await store.createOrganization(
                OrganizationInput(kind: .city, name: payload, aliases: [payload], country: "FR"))
            for uri in [
                "/organizations", "/organizations/\(created.id)", "/organizations/\(created.id)/edit",
                "/organizations/\(created.id)/delete",
            ] {
                let html = try await app.get(uri).text
                #expect(!html.contains(payload), "\(uri)")
                #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(uri)")
            }
        }
    }
}
