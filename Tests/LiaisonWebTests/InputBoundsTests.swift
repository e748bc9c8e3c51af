import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import NIOCore
import Testing

@testable import LiaisonWeb

/// Bounded and well-formed input at the HTTP entrances: forms with too many fields or rows, JSON with a
/// key named twice or a value of the wrong kind, and text that would show other than it is stored.
@Suite struct InputBoundsTests {
    func organizationForm(_ extra: [(String, String)]) -> [(String, String)] {
        [("kind", "city"), ("name", "Foshan"), ("country", "CN"), ("membershipStatus", "prospect")] + extra
    }

    func organizationCount(_ app: TestApp) async throws -> Int {
        try await app.store.listOrganizations(OrganizationQuery()).total
    }

    // MARK: Forms

    @Test func aFormWithSixteenThousandPracticeRowsIsRefusedWholeAndNothingIsStored() async throws {
        try await withTestApp { app in
            let rows = (0..<16_000).map { ("practices[\($0)].title", "Practice \($0)") }

            let response = try await app.submit("/organizations", organizationForm(rows))

            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains("The form has more than \(FormData.maxPairs) fields; nothing was saved."))
            #expect(try await organizationCount(app) == 0)
        }
    }

    @Test func aFormOverTheFieldCapIsRefusedAndOneAtTheCapIsRead() async throws {
        try await withTestApp { app in
            // The CSRF token is one field of its own.
            let atCap = organizationForm((0..<(FormData.maxPairs - 5)).map { ("unused\($0)", "") })
            let saved = try await app.submit("/organizations", atCap)
            #expect(saved.status == .seeOther)
            #expect(try await organizationCount(app) == 1)

            let over = try await app.submit("/organizations", atCap + [("unused", "")])
            #expect(over.status == .contentTooLarge)
            #expect(over.text.contains("more than \(FormData.maxPairs) fields"))
            #expect(try await organizationCount(app) == 1)

            let bare = try await app.request(
                .post, "/people",
                body: ByteBuffer(string: Array(repeating: "a=1", count: FormData.maxPairs + 1).joined(separator: "&")),
                contentType: "application/x-www-form-urlencoded")
            #expect(bare.status == .contentTooLarge)
        }
    }

    @Test func moreRowsThanTheRuleAllowsComeBackBesideTheirSectionWithWhatWasTyped() async throws {
        try await withTestApp { app in
            let rows = (0..<101).map { ("practices[\($0)].title", "Practice \($0)") }

            let response = try await app.submit("/organizations", organizationForm(rows))

            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("<fieldset id=\"f-practices\">"))
            #expect(
                response.text.contains(
                    "<p class=\"error\">At most 100 practices. Only the first 100 of the 101 rows sent are shown: "
                        + "the others were not saved.</p>"))
            #expect(response.text.contains("<a href=\"#f-practices\">At most 100 practices.</a>"))
            // The rows the rule allows are kept as typed; the form draws no more than those.
            #expect(response.text.contains("value=\"Practice 99\""))
            #expect(!response.text.contains("value=\"Practice 100\""))
            #expect(try await organizationCount(app) == 0)
        }
    }

    @Test func anActivityAtItsCapsIsSavedThroughItsForm() async throws {
        try await withTestApp { app in
            var fields = [
                ("kind", "congress"), ("title", "Congress"), ("startDate", "2026-11-11"), ("endDate", "2026-11-14"),
                ("allDay", "on"), ("timeZone", "Asia/Shanghai"), ("visibility", "internal"),
            ]
            for index in 0..<ActivityInput.maxOrganizations {
                let p = "organizations[\(index)]"
                fields += [
                    ("\(p).id", ""), ("\(p).name", "City \(index)"), ("\(p).mode", "in_person"),
                    ("\(p).status", "confirmed"),
                ]
            }
            for index in 0..<ActivityInput.maxPeople {
                let p = "people[\(index)]"
                fields += [
                    ("\(p).id", ""), ("\(p).name", "Delegate \(index)"), ("\(p).delegation", ""),
                    ("\(p).role", "member"), ("\(p).inPerson", "on"),
                ]
            }
            #expect(fields.count > 5_000)

            let response = try await app.submit("/activities", fields)

            #expect(response.status == .seeOther)
            let stored = try #require(try await app.store.listActivities(ActivityQuery()).first)
            let activity = try #require(try await app.store.activity(id: stored.id))
            #expect(activity.organizations.count == ActivityInput.maxOrganizations)
            #expect(activity.people.count == ActivityInput.maxPeople)
        }
    }

    @Test func rowsAreReadInTheOrderOfTheirIndexesWhateverTheGaps() throws {
        let form = try FormData(
            encoded: "practices%5B3%5D.title=Third&practices%5B0%5D.title=First&practices%5B1%5D.title=&name=A&name=B")
        #expect(form.rows(prefix: "practices") { form, p in form["\(p).title"] } == ["First", "Third"])
        #expect(form["name"] == "A")
        #expect(form.all("name") == ["A", "B"])
        #expect(form.has("practices[1].title"))
        #expect(!form.has("practices[2].title"))
    }

    @Test func tooManyNamesToAddAreRefusedBeforeAnyIsLookedUp() async throws {
        try await withTestApp { app in
            let names = (0..<501).map { "City \($0)" }.joined(separator: "\r\n")
            let response = try await app.submit(
                "/activities",
                [
                    ("kind", "event"), ("title", "Congress"), ("startDate", "2026-11-11"), ("endDate", "2026-11-12"),
                    ("allDay", "on"), ("timeZone", "Asia/Shanghai"), ("addInPerson", names),
                ])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Add at most 500 organizations (501 were named)."))
            #expect(response.text.contains("City 500"))
            #expect(try await app.store.listActivities(ActivityQuery()).isEmpty)
        }
    }

    // MARK: JSON

    @Test(arguments: [
        (#"{"kind": "city", "name": "Guangzhou", "country": "CN", "name": "Canton"}"#, "name"),
        (#"{"kind": "city", "name": "Guangzhou", "country": "CN", "na\u006De": "Canton"}"#, "name"),
        (
            #"{"kind": "city", "name": "Guangzhou", "country": "CN", "practices": [{"title": "a"}, {"title": "b", "year": 2012, "title": "c"}]}"#,
            "practices[1].title"
        ),
    ])
    func aJSONKeyNamedTwiceIsRefusedByName(body: String, field: String) async throws {
        try await withTestApp { app in
            let response = try await app.send(.post, "/api/v1/organizations", raw: body)

            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.first?["field"] as? String == field)
            #expect(errors.first?["rule"] as? String == "duplicate_key")
            #expect((problem["detail"] as? String)?.contains("\"\(field)\" appears twice") == true)
            #expect(try await organizationCount(app) == 0)
        }
    }

    @Test func theSameKeyInDifferentObjectsIsFine() async throws {
        try await withTestApp { app in
            let body = #"""
                {"kind": "city", "name": "Guangzhou", "country": "CN", "aliases": ["name", "name"],
                 "practices": [{"title": "a"}, {"title": "b"}], "governanceRoles": [{"title": "Co-presidency"}]}
                """#
            let response = try await app.send(.post, "/api/v1/organizations", raw: body)
            #expect(response.status == .created)
        }
    }

    /// What a decoding error says: the field, what it must be, and never a Swift type.
    @Test(arguments: [
        (
            "/api/v1/organizations", #"{"name": "Guangzhou", "kind": "town"}"#, "kind", "enum",
            "kind must be one of: city, metropolitan_area, national_association, network, agency, partner (not \"town\")."
        ),
        (
            "/api/v1/organizations", #"{"name": "Guangzhou", "membershipStatus": 3}"#, "membershipStatus", "type",
            "membershipStatus must be a string."
        ),
        (
            "/api/v1/organizations", #"{"name": "Guangzhou", "population": "lots"}"#, "population", "type",
            "population must be a whole number."
        ),
        (
            "/api/v1/organizations", #"{"name": "Guangzhou", "latitude": 23.5, "population": 1e40}"#, "population",
            "type",
            "population must be a whole number within the allowed range."
        ),
        (
            "/api/v1/organizations", #"{"name": "Guangzhou", "practices": [{"title": "Award", "year": 2012.5}]}"#,
            "practices[0].year", "type", "practices[0].year must be a whole number within the allowed range."
        ),
        ("/api/v1/organizations", #"{"kind": "city"}"#, "name", "required", "name is required."),
        (
            "/api/v1/organizations", #"{"name": "Guangzhou", "aliases": "Canton"}"#, "aliases", "type",
            "aliases must be an array."
        ),
        (
            "/api/v1/people", #"{"familyName": "Chen", "channels": [{"kind": "fax", "value": "1"}]}"#,
            "channels[0].kind",
            "enum", "channels[0].kind must be one of: email, phone, wechat, whatsapp, linkedin, postal (not \"fax\")."
        ),
        ("/api/v1/activities", #"{"title": "Meeting"}"#, "kind", "required", "kind is required."),
        (
            "/api/v1/activities", #"{"kind": "meeting", "title": "Meeting"}"#, "kind", "enum",
            "kind must be one of: mission, bilateral_meeting, courtesy_visit, event, congress, call (not \"meeting\")."
        ),
    ])
    func decodingErrorsNameTheFieldAndWhatItMustBe(
        path: String, body: String, field: String, rule: String, message: String
    ) async throws {
        try await withTestApp { app in
            let response = try await app.send(.post, path, raw: body)

            #expect(response.status == .badRequest)
            let problem = try response.json()
            let error = try #require((problem["errors"] as? [[String: Any]])?.first)
            #expect(error["field"] as? String == field)
            #expect(error["rule"] as? String == rule)
            #expect(error["message"] as? String == message)
            for swift in [
                "OrganizationKind", "MembershipStatus", "ChannelKind", "ActivityKind", "String", "Int", "Double",
                "Cannot initialize", "Swift", "not valid JSON",
            ] {
                #expect(!response.text.contains(swift), "\(swift)")
            }
        }
    }

    @Test func aBadDateIsRefusedByTheRuleNamingItsField() async throws {
        try await withTestApp { app in
            let person = try await app.send(
                .post, "/api/v1/people", json: ["familyName": "Chen", "consentDate": "2024-13-45"])
            #expect(person.status == .unprocessableContent)
            let errors = try #require(try person.json()["errors"] as? [[String: Any]])
            #expect(errors.first?["field"] as? String == "consentDate")
            #expect(errors.first?["message"] as? String == "Consent date must be a date written YYYY-MM-DD.")

            let activity = try await app.send(
                .post, "/api/v1/activities",
                json: [
                    "kind": "call", "title": "Call", "start": "tomorrow", "end": "2026-01-01T10:00", "timeZone": "UTC",
                ])
            #expect(activity.status == .unprocessableContent)
            let problems = try #require(try activity.json()["errors"] as? [[String: Any]])
            #expect(problems.first?["field"] as? String == "start")
            #expect(problems.first?["rule"] as? String == "format")
        }
    }

    @Test func listsOverTheirCapAreRefusedByTheAPI() async throws {
        try await withTestApp { app in
            var body = guangzhouJSON()
            body["practices"] = (0..<16_000).map { ["title": "Practice \($0)"] }
            let response = try await app.send(.post, "/api/v1/organizations", json: body)
            #expect(response.status == .unprocessableContent)
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors.first?["field"] as? String == "practices")
            #expect(errors.first?["rule"] as? String == "max_count")
            #expect(try await organizationCount(app) == 0)
        }
    }

    // MARK: Bidirectional controls

    @Test func bidirectionalOverridesAreRefusedByTheAPI() async throws {
        try await withTestApp { app in
            var body = guangzhouJSON(name: "Guangzhou\u{202E}gnp.exe")
            body["aliases"] = ["Can\u{2066}ton"]
            let response = try await app.send(.post, "/api/v1/organizations", json: body)

            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            let errors = try #require(try response.json()["errors"] as? [[String: Any]])
            #expect(errors.map { $0["field"] as? String } == ["name", "aliases[0]"])
            #expect(errors.allSatisfy { $0["rule"] as? String == "control_characters" })
            #expect(try await organizationCount(app) == 0)
        }
    }

    @Test func bidirectionalOverridesAreRefusedOnTheFormWhichKeepsWhatWasTyped() async throws {
        try await withTestApp { app in
            let response = try await app.submit(
                "/people",
                [("givenName", "Guo"), ("familyName", "Chen\u{2067}"), ("nameOrder", "family_first"), ("role", "none")])

            #expect(response.status == .unprocessableContent)
            #expect(
                response.text.contains(
                    "id=\"f-familyName-error\">Family name cannot contain bidirectional override or isolate characters")
            )
            #expect(response.text.contains("value=\"Chen\u{2067}\""))
            #expect(try await app.store.listPeople(PersonQuery()).total == 0)
        }
    }

    @Test func theOpenAPIDocumentDeclaresTheSameBounds() async throws {
        try await withTestApp { app in
            let document = try await app.get("/api/openapi.json").json()
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            func property(_ schema: String, _ name: String) -> [String: Any]? {
                ((schemas[schema] as? [String: Any])?["properties"] as? [String: Any])?[name] as? [String: Any]
            }
            #expect(property("OrganizationInput", "aliases")?["maxItems"] as? Int == OrganizationInput.maxAliases)
            #expect(
                property("OrganizationInput", "governanceRoles")?["maxItems"] as? Int
                    == OrganizationInput.maxGovernanceRoles)
            #expect(
                property("OrganizationInput", "affiliations")?["maxItems"] as? Int == OrganizationInput.maxAffiliations)
            #expect(property("OrganizationInput", "practices")?["maxItems"] as? Int == OrganizationInput.maxPractices)
            #expect(property("PersonInput", "languages")?["maxItems"] as? Int == PersonInput.maxLanguages)
            #expect(property("PersonInput", "positions")?["maxItems"] as? Int == PersonInput.maxPositions)
            #expect(property("PersonInput", "channels")?["maxItems"] as? Int == PersonInput.maxChannels)
            #expect(property("ActivityInput", "organizations")?["maxItems"] as? Int == ActivityInput.maxOrganizations)
            #expect(property("ActivityInput", "people")?["maxItems"] as? Int == ActivityInput.maxPeople)
            #expect(property("ActivityInput", "staffAccountIds")?["maxItems"] as? Int == ActivityInput.maxStaff)
            // Every text pattern that refuses control characters refuses the bidirectional ones too.
            let text = String(decoding: try JSONSerialization.data(withJSONObject: schemas), as: UTF8.self)
            #expect(!text.contains(#"\\u009F]*$"#))
            #expect(text.contains(#"\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$"#))
            for (schema, name) in [
                ("PersonInput", "notes"), ("PersonInput", "consentNote"), ("ActivityInput", "summary"),
            ] {
                #expect((property(schema, name)?["pattern"] as? String)?.contains("u202A") == true, "\(schema).\(name)")
            }
        }
    }
}
