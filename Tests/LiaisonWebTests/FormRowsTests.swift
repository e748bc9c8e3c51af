import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// The forms as a browser without JavaScript uses them: rows added by sending the form, removed by ticking a
/// box; languages by name; zones suggested by place; days, times and required fields marked.
@Suite struct FormRowsTests {
    private let person: [(String, String)] = [
        ("givenName", "Wei"), ("familyName", "Zhang"), ("nameOrder", "family_first"), ("role", "none"),
        ("channels[0].kind", "email"), ("channels[0].value", "wei@example.org"), ("preferredChannel", "0"),
        ("channels[1].kind", "phone"), ("channels[1].value", "+8653285912345"),
        ("channels[2].kind", ""), ("channels[2].value", ""), ("channels[2].label", ""),
    ]

    @Test func addAnotherShowsTheFormAgainWithEverythingTypedAndSavesNothing() async throws {
        try await withTestApp { app in
            let before = try await app.store.listPeople(PersonQuery()).total
            let again = try await app.submit("/people", person + [("add", "channels")])
            #expect(again.status == .ok)
            #expect(try await app.store.listPeople(PersonQuery()).total == before)
            #expect(again.text.contains("value=\"Wei\""))
            #expect(again.text.contains("value=\"wei@example.org\""))
            #expect(again.text.contains("value=\"+8653285912345\""))
            // The blank row sent, and one more.
            #expect(again.text.contains("name=\"channels[2].value\""))
            #expect(again.text.contains("name=\"channels[3].value\""))
            #expect(!again.text.contains("name=\"channels[4].value\""))
            #expect(again.text.contains("Add another channel"))
            #expect(!again.text.contains("class=\"error\""))
            // The other lists keep their one empty row.
            #expect(again.text.contains("name=\"positions[0].title\""))
            #expect(!again.text.contains("name=\"positions[1].title\""))

            let saved = try await app.submit(
                "/people",
                person.filter { !$0.0.hasPrefix("channels[2]") } + [
                    ("channels[2].kind", "wechat"), ("channels[2].value", "wei_zhang"),
                ])
            #expect(saved.status == .seeOther)
            let page = try await app.get(try #require(saved.headers[.location])).text
            #expect(page.contains("wei_zhang"))
            #expect(page.contains("+86 532 8591 2345"))
        }
    }

    @Test func aTickedRemoveBoxDropsTheRow() async throws {
        try await withTestApp { app in
            let created = try await app.submit("/people", person)
            let location = try #require(created.headers[.location])
            let id = try #require(Int64(location.split(separator: "/").last?.prefix { $0.isNumber } ?? ""))
            let form = try await app.get("/people/\(id)/edit").text
            #expect(form.contains("name=\"channels[1].remove\""))
            let version = try #require(try await app.store.person(id: id)?.version)
            let updated = try await app.submit(
                "/people/\(id)", person + [("channels[1].remove", "on"), ("version", String(version))])
            #expect(updated.status == .seeOther)
            let channels = try #require(try await app.store.person(id: id)).channels
            #expect(channels.map(\.value) == ["wei@example.org"])
        }
    }

    @Test func aFullListSaysSoInsteadOfOfferingAnotherRow() async throws {
        try await withTestApp { app in
            let languages = Language.allCodes.prefix(PersonInput.maxLanguages).enumerated().map {
                ("languages[\($0.offset)].name", $0.element)
            }
            let page = try await app.submit("/people", person + languages + [("add", "languages")])
            #expect(page.status == .ok)
            #expect(
                page.text.contains("This list holds at most \(PersonInput.maxLanguages): remove one to add another."))
            #expect(!page.text.contains("Add another language"))
            #expect(page.text.contains("Add another position"))
        }
    }

    @Test func languagesAreChosenByNameAndStoredAsCodes() async throws {
        try await withTestApp { app in
            let form = try await app.get("/people/new").text
            #expect(form.contains("<datalist id=\"language-names\">"))
            #expect(form.contains("<option value=\"Chinese\" label=\"中文\">"))
            #expect(form.contains("list=\"language-names\""))
            let bad = try await app.submit(
                "/people", person + [("languages[0].name", "Chinese"), ("languages[1].name", "Klingon")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Language: &quot;Klingon&quot; is not a language name this list knows"))
            #expect(bad.text.contains("value=\"Klingon\""))
            let saved = try await app.submit(
                "/people", person + [("languages[0].name", "Chinese"), ("languages[1].name", "english")])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers[.location])
            let id = try #require(Int64(location.split(separator: "/").last?.prefix { $0.isNumber } ?? ""))
            #expect(try await app.store.person(id: id)?.languages == ["zh", "en"])
            #expect(try await app.get(location).text.contains("Chinese, English"))
            let edit = try await app.get("/people/\(id)/edit").text
            #expect(edit.contains("name=\"languages[0].name\" type=\"text\" value=\"Chinese\""))
        }
    }

    @Test func aNewActivityAtAPlaceTakesThePlacesZone() async throws {
        try await withTestApp { app in
            let places: [(OrganizationInput, String)] = [
                (OrganizationInput(name: "Qingdao", country: "CN"), "Asia/Shanghai"),
                (OrganizationInput(name: "Ghent", country: "BE"), "Europe/Brussels"),
                (OrganizationInput(name: "Manaus", country: "BR", latitude: -3.1, longitude: -60.0), "America/Manaus"),
            ]
            for (input, zone) in places {
                let place = try await app.store.createOrganization(input)
                let form = try await app.get("/activities/new?organization=\(place.id)").text
                #expect(form.contains("name=\"timeZone\" type=\"text\" value=\"\(zone)\""), "\(input.name)")
            }
            let plain = try await app.get("/activities/new").text
            #expect(plain.contains("name=\"timeZone\" type=\"text\" value=\"UTC\""))
            #expect(plain.contains("<datalist id=\"zone-names\">"))
            #expect(plain.contains("<option value=\"Asia/Shanghai\" label=\"UTC+08:00 · Shanghai\">"))
        }
    }

    @Test func daysAndTimesUseTheBrowsersPickersAndRequiredFieldsAreMarked() async throws {
        try await withTestApp { app in
            let form = try await app.get("/activities/new").text
            #expect(form.contains("name=\"startDate\" type=\"date\""))
            #expect(form.contains("name=\"startTime\" type=\"time\""))
            #expect(form.contains("name=\"endDate\" type=\"date\" value=\"\" required aria-required=\"true\""))
            #expect(form.contains("End date <span class=\"required\" aria-hidden=\"true\">*</span>"))
            #expect(form.contains("Fields marked * are required."))
            #expect(form.contains("YYYY-MM-DD"))
            #expect(form.contains("HH:MM"))
        }
    }

    @Test func theAccountPageSuggestsZonesAndRefusesAnUnknownOne() async throws {
        try await withTestApp { app in
            let page = try await app.get("/account").text
            #expect(page.contains("list=\"zone-names\""))
            let bad = try await app.submit("/account/time-zone", [("timeZone", "Mars/Olympus")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Mars/Olympus"))
            let good = try await app.submit("/account/time-zone", [("timeZone", "Europe/Brussels")])
            #expect(good.status == .seeOther)
        }
    }

    @Test func addingRowsNeedsAnEditor() async throws {
        try await withTestApp { app in
            let refused = try await app.submit("/people", person + [("add", "channels")], as: .viewer)
            #expect(refused.status == .forbidden)
        }
    }
}
