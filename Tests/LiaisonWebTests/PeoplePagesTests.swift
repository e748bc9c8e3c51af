import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// The people pages and the search page, as a browser without JavaScript uses them.
@Suite struct PeoplePagesTests {
    @Test func listFiltersAndShowsWhoToReach() async throws {
        try await withTestApp(demo: true) { app in
            let page = try await app.get("/people")
            #expect(page.status == .ok)
            #expect(page.text.contains("22 people"))
            #expect(page.text.contains(">CHEN Guo</a> <span class=\"native\" lang=\"und\">陈国</span>"))
            let wechat = try await app.get("/people?channel=wechat&country=CN")
            #expect(wechat.text.contains(">LI Wenjing</a>"))
            #expect(!wechat.text.contains(">Marta Puig Soler</a>"))
            // In the demo, Agnès holds the WeChat contacts: the people reached by email only are not hers.
            let agnes = try #require(
                try await app.store.accounts().first {
                    $0.name == "Agnès Bickart" && $0.email.hasSuffix("liaison.example")
                })
            let held = try await app.get("/people?heldBy=\(agnes.id)")
            #expect(held.text.contains(">LI Wenjing</a>"))
            #expect(!held.text.contains(">ZHOU Min</a>"))
            #expect(held.text.contains("<option value=\"\(agnes.id)\" selected>Agnès Bickart</option>"))
            let bad = try await app.get("/people?language=zz")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("is not an ISO 639-1 language code"))
        }
    }

    @Test func profileAndOrganizationPageShowPositionsAndChannels() async throws {
        try await withTestApp(demo: true) { app in
            let person = try await app.get("/people/1")
            for text in [
                "CHEN Guo", "陈国", "Secretary General", "Deputy Secretary General", "chenguo_gz",
                "held by Agnès Bickart",
                "mailto:chen.guo@gz.example.cn",
            ] {
                #expect(person.text.contains(text), "\(text)")
            }
            let guangzhou = try #require(try await app.store.search("Guangzhou").first)
            let organization = try await app.get("/organizations/\(guangzhou.id)")
            #expect(organization.text.contains("<a href=\"/people/1\">CHEN Guo</a>"))
            #expect(organization.text.contains("Formerly"))
        }
    }

    @Test func theRecordPagesShowWhatWasTypedAsTextAndOfferEditsToEditorsOnly() async throws {
        try await withTestApp { app in
            let person = try await app.store.createPerson(
                PersonInput(
                    givenName: "<b>Guo</b>", familyName: "Chen & \"Co\"", honorific: "<i>Dr.</i>",
                    notes: "<script>alert(1)</script>",
                    positions: [Position(organizationName: "<em>Atlantis</em>", title: "Mayor <3", startDate: "2020")],
                    channels: [Channel(kind: .postal, value: "1 <Main> St", label: "<home>")]),
                by: .system)
            let record = "/people/\(person.id)"
            for uri in [record, "\(record)/edit", "\(record)/merge?q=%3Cscript%3E"] {
                let html = try await app.get(uri).text
                for markup in ["<script>", "<b>", "<i>", "<em>", "<home>", "<Main>"] {
                    #expect(!html.contains(markup), "\(uri): \(markup)")
                }
            }
            let page = try await app.get(record).text
            #expect(page.contains("<span class=\"muted\">&lt;i&gt;Dr.&lt;/i&gt;</span>"))
            #expect(page.contains("<dd><span class=\"postal\">1 &lt;Main&gt; St</span></dd>"))
            #expect(page.contains("<span class=\"muted\">(&lt;home&gt;)</span>"))
            #expect(
                page.contains(
                    "<li><strong>Mayor &lt;3</strong> — &lt;em&gt;Atlantis&lt;/em&gt; "
                        + "<span class=\"muted\">2020–</span></li>"))
            #expect(page.contains("href=\"\(record)/edit\""))
            let viewer = try await app.get(record, as: .viewer).text
            #expect(viewer.contains("href=\"\(record)/vcard\""))
            #expect(!viewer.contains("href=\"\(record)/edit\"") && !viewer.contains("href=\"\(record)/merge\""))
        }
    }

    @Test func aFormWithErrorsKeepsWhatWasTyped() async throws {
        try await withTestApp(demo: true) { app in
            let response = try await app.submit(
                "/people",
                [
                    ("givenName", "Wei"), ("familyName", ""), ("nameOrder", "family_first"), ("role", "none"),
                    ("positions[0].organization", "Atlantis"), ("positions[0].title", "Mayor"),
                    ("channels[0].kind", "email"), ("channels[0].value", "wei@"), ("preferredChannel", "0"),
                ])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("No organization in the directory is called &quot;Atlantis&quot;"))
            #expect(response.text.contains("value=\"wei@\""))
            #expect(response.text.contains("value=\"Wei\""))
            #expect(response.text.contains("Give a family name or a given name.") == false)
            #expect(response.text.contains("is not an email address"))
            #expect(response.text.contains("Channel 1, address or number: &quot;wei@&quot; is not an email address."))
        }
    }

    @Test func creatingThroughTheFormDialsFromTheOrganizationsCountryAndWarnsOfDuplicates() async throws {
        try await withTestApp(demo: true) { app in
            let fields: [(String, String)] = [
                ("givenName", "Guo"), ("familyName", "Chen"), ("nameOrder", "family_first"), ("role", "none"),
                ("positions[0].organization", "广州"), ("positions[0].title", "Advisor"),
                ("channels[0].kind", "phone"), ("channels[0].value", "020 8330 1234"), ("channels[0].heldBy", ""),
                ("preferredChannel", "0"),
            ]
            let warned = try await app.submit("/people", fields)
            #expect(warned.status == .unprocessableContent)
            #expect(warned.text.contains("This person may already be recorded"))
            #expect(warned.text.contains("<a href=\"/people/1\">CHEN Guo</a>"))
            let created = try await app.submit("/people", fields + [("confirmDuplicates", "on")])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let page = try await app.get(location)
            #expect(page.text.contains("+862083301234"))
            #expect(page.text.contains("Preferred"))
        }
    }

    @Test func mergeFromThePage() async throws {
        try await withTestApp(demo: true) { app in
            let other = try await app.store.createPerson(
                PersonInput(
                    givenName: "Guo", familyName: "Chen",
                    channels: [Channel(kind: .email, value: "chen.guo@gz.example.cn")]),
                by: .system)
            // The demo linked CHEN Guo to the courtesy visit where he was met: version 2.
            let chen = try #require(try await app.store.person(id: 1))
            let choice = try await app.get("/people/1/merge")
            #expect(choice.text.contains("name=\"otherId\" value=\"\(other.id)\""))
            let merged = try await app.submit(
                "/people/1/merge",
                [("version", String(chen.version)), ("otherId", String(other.id)), ("otherVersion", "1")])
            #expect(merged.headers[.location] == "/people/1?merged=1")
            #expect(try await app.store.person(id: other.id) == nil)
            let history = try await app.get("/people/1")
            #expect(history.text.contains("Merged"))
            let trail = try await app.get("/admin/audit?entity=person&action=merge", as: .admin)
            #expect(trail.text.contains("<a href=\"/people/1\">CHEN Guo ← Guo Chen (#\(other.id))</a>"))
            #expect(trail.text.contains("Guo Chen → CHEN Guo (#1)"))
            #expect(!trail.text.contains("href=\"/people/\(other.id)\""))
        }
    }

    @Test func searchPageFindsPeopleAndOrganizationsInEitherScript() async throws {
        try await withTestApp(demo: true) { app in
            let chinese = try await app.get("/search?q=%E9%99%88%E5%9B%BD")
            #expect(chinese.text.contains("<a href=\"/people/1\">CHEN Guo</a>"))
            let pinyin = try await app.get("/search?q=foshan")
            #expect(pinyin.text.contains(">Foshan</a>"))
            #expect(pinyin.text.contains(">LI Wenjing</a>") == false)
            #expect(try await app.get("/search").text.contains("Type a name in any script"))
        }
    }
}
