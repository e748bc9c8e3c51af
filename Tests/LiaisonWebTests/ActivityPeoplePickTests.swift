import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Two people with the same name: the activity form adds the one meant, by the id a suggestion carries or,
/// without JavaScript, by a choice among those the name matches.
@Suite struct ActivityPeoplePickTests {
    /// LIU Yang of Qingdao and LIU Yang of Hangzhou, in the demo network.
    func twoLius(_ store: any LiaisonStore) async throws -> (qingdao: Int64, hangzhou: Int64) {
        func liu(_ city: String, _ title: String) async throws -> Int64 {
            let organization = try #require(try await store.organization(named: city))
            return try await store.createPerson(
                PersonInput(
                    givenName: "Yang", familyName: "Liu", nameOrder: .familyFirst,
                    positions: [Position(organizationId: organization.id, title: title)]),
                by: .system
            ).id
        }
        return (try await liu("Qingdao", "Deputy Director"), try await liu("Hangzhou", "Protocol Officer"))
    }

    func form(_ people: String, _ extra: [(String, String)] = []) -> [(String, String)] {
        [
            ("kind", "bilateral_meeting"), ("title", "Meeting with Qingdao"), ("startDate", "2026-05-11"),
            ("startTime", "09:30"), ("endDate", "2026-05-11"), ("endTime", "11:00"), ("timeZone", "Asia/Shanghai"),
            ("visibility", "internal"), ("addStatus", "attended"), ("addPeople", people), ("addRole", "member"),
        ] + extra
    }

    func created(_ response: TestResponse, _ store: any LiaisonStore) async throws -> Activity {
        #expect(response.status == .seeOther, "\(response.text.prefix(3000))")
        let location = try #require(response.headers[.location])
        let id = try #require(Int64(location.split(separator: "/")[1].prefix { $0.isNumber }))
        return try #require(try await store.activity(id: id))
    }

    @Test func aNameCarryingAnIdAddsThatPerson() async throws {
        try await withTestApp(demo: true) { app in
            let liu = try await twoLius(app.store)
            let response = try await app.submit(
                "/activities", form("LIU Yang (Deputy Director · Qingdao) #\(liu.qingdao)"))
            let activity = try await created(response, app.store)
            #expect(activity.people.map(\.personId) == [liu.qingdao])
            #expect(activity.people.first?.personName == "LIU Yang")
        }
    }

    @Test func anAmbiguousNameAsksWhichOneWithTheirOrganizationsAndPositions() async throws {
        try await withTestApp(demo: true) { app in
            let liu = try await twoLius(app.store)
            let again = try await app.submit("/activities", form("LIU Yang"))
            #expect(again.status == .unprocessableContent)
            let page = again.text
            #expect(page.contains("Several people are called"))
            #expect(page.contains("type=\"radio\""))
            #expect(page.contains("value=\"\(liu.qingdao)\""))
            #expect(page.contains("value=\"\(liu.hangzhou)\""))
            #expect(page.contains("Deputy Director, Qingdao"))
            #expect(page.contains("Protocol Officer, Hangzhou"))
            // What was typed stays in the box.
            #expect(page.contains(">LIU Yang</textarea>"))

            let picked = try await app.submit(
                "/activities", form("LIU Yang", [("pickPerson.liu yang", String(liu.qingdao))]))
            let activity = try await created(picked, app.store)
            #expect(activity.people.map(\.personId) == [liu.qingdao])
        }
    }

    @Test func anIdOfNoOneIsRefusedNamingTheField() async throws {
        try await withTestApp(demo: true) { app in
            let response = try await app.submit("/activities", form("Nobody #999999"))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("No one in the directory has the id 999999"))
        }
    }
}
