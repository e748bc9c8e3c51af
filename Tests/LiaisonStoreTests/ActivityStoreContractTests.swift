import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The international calendar: activities, who took part, timelines, feeds; each test runs once per engine.
@Suite struct ActivityStoreContractTests {
    struct Seeded {
        let guangzhou: Organization
        let foshan: Organization
        let chen: Person
        let agnes: StaffAccount
    }

    private func seed(_ store: any LiaisonStore) async throws -> Seeded {
        let guangzhou = try await store.createOrganization(.guangzhou)
        var foshanInput = OrganizationInput.guangzhou
        foshanInput.name = "Foshan"
        foshanInput.nativeName = "佛山"
        foshanInput.aliases = []
        foshanInput.membershipStatus = .prospect
        foshanInput.memberSince = nil
        foshanInput.governanceRoles = []
        foshanInput.practices = []
        let foshan = try await store.createOrganization(foshanInput)
        let chen = try await store.createPerson(PersonInput.chen(at: guangzhou.id), by: .system)
        let agnes = try await store.createAccount(
            StaffAccountInput(email: "agnes@example.org", name: "Agnès Bickart", role: .editor), passwordHash: "hash",
            by: .system)
        return Seeded(guangzhou: guangzhou, foshan: foshan, chen: chen, agnes: agnes)
    }

    /// The event of the trip report: Guangzhou organizes, Foshan comes in person, CHEN Guo speaks.
    private func event(_ s: Seeded) -> ActivityInput {
        ActivityInput(
            kind: .event, title: "Event with Chinese members", summary: "Speeches, a presentation, experiences.",
            start: "2026-11-11T09:30", end: "2026-11-11T17:00", timeZone: "Asia/Shanghai",
            placeOrganizationId: s.guangzhou.id, venue: "Baiyun Convention Center", staffAccountIds: [s.agnes.id],
            organizations: [
                ActivityOrganization(organizationId: s.guangzhou.id, status: .attended, organizer: true),
                ActivityOrganization(organizationId: s.foshan.id, mode: .inPerson, status: .attended),
                ActivityOrganization(organizationName: "Qingdao", mode: .virtual, status: .attended),
            ],
            people: [ActivityPerson(personId: s.chen.id, organizationId: s.guangzhou.id, role: .speaker)])
    }

    @Test(arguments: TestEngine.available)
    func theSearchBoxFindsOrganizationsByWhatTheyDidAndActivitiesByTitlePlaceAndSummary(engine: TestEngine)
        async throws
    {
        try await engine.withStore { store in
            let s = try await seed(store)
            // Guangzhou and Foshan are both in the Greater Bay Area; only Guangzhou has the award.
            let bay = try await store.search("greater bay").filter { $0.kind == .organization }
            #expect(Set(bay.map(\.id)) == [s.guangzhou.id, s.foshan.id])
            #expect(try await store.search("Guangzhou Award").map(\.id) == [s.guangzhou.id])
            #expect(try await store.search("urban innovation").map(\.id) == [s.guangzhou.id])

            var input = event(s)
            let created = try await store.createActivity(input, by: .system)
            let byVenue = try await store.search("baiyun")
            #expect(byVenue.map(\.kind) == [.activity])
            #expect(byVenue.first?.url == "/activities/\(created.id)")
            #expect(byVenue.first?.detail == "2026-11-11 · Guangzhou")
            #expect(try await store.search("chinese members").first?.id == created.id)
            #expect(try await store.search("experiences").first?.id == created.id)

            input.title = "Workshop on solid waste"
            input.venue = nil
            _ = try await store.updateActivity(id: created.id, expectedVersion: 1, input, by: .system)
            #expect(try await store.search("baiyun").isEmpty)
            #expect(try await store.search("solid waste").map(\.name) == ["Workshop on solid waste"])
            try await store.deleteActivity(id: created.id, expectedVersion: 2, by: .system)
            #expect(try await store.search("solid waste").isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func createdActivityReadsBackWholeWithItsInstantsAndNames(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let created = try await store.createActivity(event(s), by: .system)
            let read = try #require(try await store.activity(id: created.id))
            #expect(read == created)
            #expect(read.version == 1)
            // 09:30 in Guangzhou (UTC+8) is 01:30 UTC.
            #expect(read.startsAt == Date(timeIntervalSince1970: 1_794_360_600))
            #expect(read.endsAt.timeIntervalSince(read.startsAt) == 7.5 * 3600)
            #expect(read.organizations.map(\.organizationName) == ["Guangzhou", "Foshan", "Qingdao"])
            #expect(read.people.first?.personName == "CHEN Guo")
            #expect(read.placeName == "Guangzhou")
            #expect(read.staff.map(\.name) == ["Agnès Bickart"])
            #expect(read.attendees(.virtual).map(\.organizationName) == ["Qingdao"])
        }
    }

    @Test(arguments: TestEngine.available)
    func referencesToMissingRecordsAreRefusedFieldByField(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            var input = event(s)
            input.organizations.append(ActivityOrganization(organizationId: 9999))
            input.people.append(ActivityPerson(personId: 8888))
            input.staffAccountIds.append(7777)
            input.missionId = 6666
            let error = await #expect(throws: ValidationError.self) {
                try await store.createActivity(input, by: .system)
            }
            #expect(
                Set(error?.errors.map(\.field) ?? []) == [
                    "missionId", "organizations[3].organizationId", "people[1].personId", "staffAccountIds[1]",
                ])
            #expect(try await store.listActivities(ActivityQuery()).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func aMissionHoldsItsPartsAndOnlyAMissionCan(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let mission = try await store.createActivity(
                ActivityInput(
                    kind: .mission, title: "Mission to Guangzhou", allDay: true, start: "2026-11-08",
                    end: "2026-11-12", timeZone: "Asia/Shanghai"), by: .system)
            var part = event(s)
            part.missionId = mission.id
            let created = try await store.createActivity(part, by: .system)
            #expect(created.missionTitle == "Mission to Guangzhou")
            #expect(try await store.listActivities(ActivityQuery(missionId: mission.id)).map(\.id) == [created.id])
            var nested = event(s)
            nested.missionId = created.id
            let error = await #expect(throws: ValidationError.self) {
                try await store.createActivity(nested, by: .system)
            }
            #expect(error?.errors.first?.rule == "not_mission")
            // Deleting the mission leaves its parts on the calendar.
            try await store.deleteActivity(id: mission.id, expectedVersion: 1, by: .system)
            #expect(try await store.activity(id: created.id)?.missionId == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func rangeQueriesFindWhatOverlapsAndFiltersCombine(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let event = try await store.createActivity(event(s), by: .system)
            let mission = try await store.createActivity(
                ActivityInput(
                    kind: .mission, title: "Mission", allDay: true, start: "2026-11-08", end: "2026-11-12",
                    timeZone: "Asia/Shanghai", staffAccountIds: [s.agnes.id]), by: .system)
            let call = try await store.createActivity(
                ActivityInput(
                    kind: .call, title: "Call with Foshan", start: "2026-12-01T10:00", end: "2026-12-01T10:30",
                    timeZone: "Europe/Madrid", organizations: [ActivityOrganization(organizationId: s.foshan.id)]),
                by: .system)
            let utc = TimeZone.utc
            func day(_ text: String) -> Date { try! ActivityTime.midnight(of: text, in: utc).get() }
            // November: the mission (which started before the 10th) and the event; not the call.
            let november = try await store.listActivities(ActivityQuery(from: day("2026-11-10"), to: day("2026-12-01")))
            #expect(november.map(\.id) == [mission.id, event.id])
            let december = try await store.listActivities(ActivityQuery(from: day("2026-12-01"), to: day("2027-01-01")))
            #expect(december.map(\.id) == [call.id])
            #expect(
                try await store.listActivities(ActivityQuery(kinds: [.call, .event])).map(\.id) == [event.id, call.id])
            #expect(
                try await store.listActivities(ActivityQuery(staffAccountId: s.agnes.id)).map(\.id) == [
                    mission.id, event.id,
                ])
            #expect(
                try await store.listActivities(ActivityQuery(region: "asia-pacific")).map(\.id) == [event.id, call.id])
            #expect(try await store.listActivities(ActivityQuery(region: "europe")).isEmpty)
            // Foshan's timeline, newest first, with how Foshan took part.
            let foshan = try await store.listActivities(ActivityQuery(organizationId: s.foshan.id, newestFirst: true))
            #expect(foshan.map(\.id) == [call.id, event.id])
            #expect(foshan.last?.participation?.status == .attended)
            #expect(foshan.first?.participation?.status == .invited)
            // Guangzhou is the place of the event, and its organizer.
            let guangzhou = try await store.listActivities(ActivityQuery(organizationId: s.guangzhou.id))
            #expect(guangzhou.map(\.id) == [event.id])
            #expect(guangzhou.first?.participation?.organizer == true)
            let chen = try await store.listActivities(ActivityQuery(personId: s.chen.id))
            #expect(chen.first?.delegate?.role == .speaker)
            #expect(chen.first?.delegate?.organizationId == s.guangzhou.id)
        }
    }

    @Test(arguments: TestEngine.available)
    func thePlaceCountsForItsRegionAndItsTimelineAndEveryFilterCombines(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let event = try await store.createActivity(event(s), by: .system)
            // Hosted at Guangzhou, which does not take part.
            let visit = try await store.createActivity(
                ActivityInput(
                    kind: .courtesyVisit, title: "Visit from Qingdao", start: "2026-11-20T10:00",
                    end: "2026-11-20T11:00", timeZone: "Asia/Shanghai", placeOrganizationId: s.guangzhou.id,
                    organizations: [ActivityOrganization(organizationName: "Qingdao")]), by: .system)
            #expect(
                try await store.listActivities(ActivityQuery(region: "asia-pacific")).map(\.id) == [event.id, visit.id])
            let guangzhou = try await store.listActivities(ActivityQuery(organizationId: s.guangzhou.id))
            #expect(guangzhou.map(\.id) == [event.id, visit.id])
            #expect(guangzhou.map { $0.participation == nil } == [false, true])
            #expect(guangzhou.last?.placeName == "Guangzhou")
            // Every filter at once, each with its values in their place.
            let utc = TimeZone.utc
            let all = ActivityQuery(
                from: try ActivityTime.midnight(of: "2026-11-01", in: utc).get(),
                to: try ActivityTime.midnight(of: "2026-12-01", in: utc).get(), kinds: [.event, .call],
                region: "asia-pacific", organizationId: s.foshan.id, personId: s.chen.id, staffAccountId: s.agnes.id)
            let found = try await store.listActivities(all)
            #expect(found.map(\.id) == [event.id])
            #expect(found.first?.participation?.mode == .inPerson)
            #expect(found.first?.delegate?.role == .speaker)
            var other = all
            other.kinds = [.courtesyVisit]
            #expect(try await store.listActivities(other).isEmpty)
            #expect(try await store.listActivities(ActivityQuery(limit: 1, offset: 1)).map(\.id) == [visit.id])
            #expect(try await store.activities(ids: [visit.id, 999, event.id]).map(\.id) == [visit.id, event.id])
        }
    }

    @Test(arguments: TestEngine.available)
    func attendanceChangesAreVersionedAndAudited(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            var input = event(s)
            input.organizations = input.organizations.map {
                var o = $0
                o.status = .invited
                return o
            }
            let created = try await store.createActivity(input, by: .system)
            input.organizations[1].status = .confirmed
            let confirmed = try await store.updateActivity(id: created.id, expectedVersion: 1, input, by: .system)
            #expect(confirmed.version == 2)
            #expect(confirmed.organizations[1].status == .confirmed)
            input.organizations[1].status = .declined
            await #expect(throws: StoreError.versionConflict(entity: .activity, id: created.id, currentVersion: 2)) {
                try await store.updateActivity(id: created.id, expectedVersion: 1, input, by: .system)
            }
            #expect(try await store.activity(id: created.id)?.organizations[1].status == .confirmed)
            let trail = try await store.auditEntries(AuditQuery(entity: .activity, entityId: created.id))
            #expect(trail.map(\.action) == [.update, .create])
            #expect(trail.first?.changes.map(\.field) == ["organizations"])
        }
    }

    @Test(arguments: TestEngine.available)
    func deletedRecordsLeaveTheirNamesOnTheActivity(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let created = try await store.createActivity(event(s), by: .system)
            try await store.deletePerson(id: s.chen.id, expectedVersion: nil, by: .system)
            try await store.deleteOrganization(id: s.foshan.id, expectedVersion: nil)
            let read = try #require(try await store.activity(id: created.id))
            #expect(read.people.first?.personId == nil)
            #expect(read.people.first?.personName == "CHEN Guo")
            #expect(read.organizations[1].organizationId == nil)
            #expect(read.organizations[1].organizationName == "Foshan")
        }
    }

    @Test(arguments: TestEngine.available)
    func aPersonMetAtAnActivityLinksToIt(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let activity = try await store.createActivity(event(s), by: .system)
            var input = s.chen.input
            input.metAtActivityId = activity.id
            let updated = try await store.updatePerson(id: s.chen.id, expectedVersion: 1, input, by: .system)
            #expect(updated.metAtActivityId == activity.id)
            input.metAtActivityId = 4242
            let error = await #expect(throws: ValidationError.self) {
                try await store.updatePerson(id: s.chen.id, expectedVersion: 2, input, by: .system)
            }
            #expect(error?.errors.first?.field == "metAtActivityId")
            try await store.deleteActivity(id: activity.id, expectedVersion: nil, by: .system)
            #expect(try await store.person(id: s.chen.id)?.metAtActivityId == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func calendarFeedsAreFoundByTheirHashUntilRevoked(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let feed = try await store.createCalendarFeed(
                accountId: s.agnes.id, scope: .mine, tokenHash: "hash-1", by: .system)
            #expect(try await store.calendarFeed(tokenHash: "hash-1")?.account.id == s.agnes.id)
            #expect(try await store.calendarFeed(tokenHash: "hash-2") == nil)
            #expect(try await store.calendarFeeds(accountId: s.agnes.id).map(\.id) == [feed.id])
            await #expect(throws: StoreError.notFound(entity: .calendarFeed, id: feed.id)) {
                try await store.revokeCalendarFeed(id: feed.id, accountId: s.agnes.id + 1, by: .system)
            }
            try await store.revokeCalendarFeed(id: feed.id, accountId: s.agnes.id, by: .system)
            #expect(try await store.calendarFeed(tokenHash: "hash-1") == nil)
            #expect(try await store.calendarFeeds(accountId: s.agnes.id).first?.revokedAt != nil)
            // A disabled account's feeds stop too.
            _ = try await store.createCalendarFeed(accountId: s.agnes.id, scope: .all, tokenHash: "hash-3", by: .system)
            _ = try await store.updateAccount(id: s.agnes.id, .isDisabled(true), by: .system)
            #expect(try await store.calendarFeed(tokenHash: "hash-3") == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func staffKeepTheirOwnTimeZone(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let changed = try await store.updateAccount(id: s.agnes.id, .timeZone("Europe/Madrid"), by: .system)
            #expect(changed.timeZone == "Europe/Madrid")
            #expect(try await store.account(id: s.agnes.id)?.timeZone == "Europe/Madrid")
        }
    }
}
