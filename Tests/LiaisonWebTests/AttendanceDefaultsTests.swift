import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// What attendance a participant gets when the form does not say: invited to what is still to come,
/// attended once it has happened; a delegate of an organization that joins virtually joins virtually too.
@Suite struct AttendanceDefaultsTests {
    func form(day: String, people: String = "CHEN Guo") -> [(String, String)] {
        [
            ("kind", "event"), ("title", "Workshop on urban innovation"), ("startDate", day), ("startTime", "09:30"),
            ("endDate", day), ("endTime", "17:00"), ("timeZone", "Asia/Shanghai"), ("visibility", "internal"),
            ("addInPerson", "Guangzhou"), ("addVirtual", "Shanghai"), ("addStatus", ""), ("addRole", "member"),
            ("addPeople", people),
        ]
    }

    func created(_ response: TestResponse, _ store: any LiaisonStore) async throws -> Activity {
        #expect(response.status == .seeOther, "\(response.text.prefix(3000))")
        let location = try #require(response.headers[.location])
        let id = try #require(Int64(location.split(separator: "/")[1].prefix { $0.isNumber }))
        return try #require(try await store.activity(id: id))
    }

    @Test func theNewFormAddsByDateUnlessToldOtherwise() async throws {
        try await withTestApp(demo: true) { app in
            let page = try await app.get("/activities/new").text
            #expect(page.contains("<option value=\"\" selected>Invited if still to come, attended once past</option>"))
        }
    }

    @Test func thoseAddedToAFutureActivityAreInvitedAndListedAsInvited() async throws {
        try await withTestApp(demo: true) { app in
            let activity = try await created(try await app.submit("/activities", form(day: "2099-03-10")), app.store)
            #expect(activity.organizations.map(\.status) == [.invited, .invited])
            let page = try await app.get("/activities/\(activity.id)").text
            #expect(!page.contains("Came in person"))
            #expect(!page.contains("Joined virtually"))
            #expect(page.contains("Invited to come in person <span class=\"muted\">(1)</span>"))
            #expect(page.contains("Invited to join virtually <span class=\"muted\">(1)</span>"))
        }
    }

    @Test func thoseAddedToAPastActivityAttended() async throws {
        try await withTestApp(demo: true) { app in
            let activity = try await created(try await app.submit("/activities", form(day: "2020-03-10")), app.store)
            #expect(activity.organizations.map(\.status) == [.attended, .attended])
            let page = try await app.get("/activities/\(activity.id)").text
            #expect(page.contains("Came in person <span class=\"muted\">(1)</span>"))
        }
    }

    @Test func aDelegateOfAnOrganizationThatJoinsVirtuallyJoinsVirtually() async throws {
        try await withTestApp(demo: true) { app in
            let shanghai = try #require(try await app.store.organization(named: "Shanghai"))
            let person = try await app.store.createPerson(
                PersonInput(
                    givenName: "Min", familyName: "Zhou", nameOrder: .familyFirst,
                    positions: [Position(organizationId: shanghai.id, title: "Director")]),
                by: .system)
            let activity = try await created(
                try await app.submit(
                    "/activities", form(day: "2020-03-10", people: "CHEN Guo\nZHOU Min #\(person.id)")),
                app.store)
            let delegate = try #require(activity.people.first { $0.personId == person.id })
            #expect(delegate.organizationId == shanghai.id)
            #expect(delegate.inPerson == false)
            let guangzhou = try #require(activity.people.first { $0.personName == "CHEN Guo" })
            #expect(guangzhou.inPerson == true)
        }
    }

    @Test func theHostOfACourtesyVisitIsListedAsHostAndThoseMetThereAsParticipants() async throws {
        try await withTestApp(demo: true) { app in
            let visits = try await app.store.listActivities(ActivityQuery(kinds: [.courtesyVisit]))
            let visit = try #require(visits.first { $0.title.hasPrefix("Guangzhou high level delegation") })
            let page = try await app.get("/activities/\(visit.id)").text
            #expect(page.contains("Host <span class=\"muted\">(1)</span>"))
            #expect(page.contains("Came in person <span class=\"muted\">(1)</span>"))
            let host = try #require(page.range(of: "Host <span"))
            let came = try #require(page.range(of: "Came in person <span"))
            let barcelona = try #require(page.range(of: ">Barcelona</a></label>"))
            let guangzhou = try #require(page.range(of: ">Guangzhou</a></label>"))
            #expect(host.upperBound < barcelona.lowerBound && barcelona.lowerBound < came.lowerBound)
            #expect(came.upperBound < guangzhou.lowerBound)
            // Everyone met at the visit is among its participants.
            let activity = try #require(try await app.store.activity(id: visit.id))
            for person in activity.people {
                let id = try #require(person.personId)
                let record = try #require(try await app.store.person(id: id))
                #expect(record.metAtActivityId == visit.id)
                #expect(page.contains("<a href=\"/people/\(id)\">"))
            }
        }
    }
}
