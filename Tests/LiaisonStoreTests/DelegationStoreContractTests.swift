import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Delegations to events, their registrations and the forecast; each test runs once per engine.
@Suite struct DelegationStoreContractTests {
    struct Seeded {
        let guangzhou: Organization
        let lyon: Organization
        let chen: Person
        let congress: Activity
    }

    private func seed(_ store: any LiaisonStore) async throws -> Seeded {
        let guangzhou = try await store.createOrganization(OrganizationInput.guangzhou)
        let lyon = try await store.createOrganization(
            OrganizationInput(name: "Lyon", country: "FR", region: "europe", membershipStatus: .member))
        let chen = try await store.createPerson(PersonInput.chen(at: guangzhou.id), by: .system)
        let congress = try await store.createActivity(
            ActivityInput(
                kind: .congress, title: "Congress in Brussels", start: "2027-06-01T09:00", end: "2027-06-03T18:00",
                timeZone: "Europe/Brussels"), by: .system)
        return Seeded(guangzhou: guangzhou, lyon: lyon, chen: chen, congress: congress)
    }

    @Test(arguments: TestEngine.available)
    func aDelegationKeepsItsInvitationRegistrationsAndForecast(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let created = try await store.createDelegation(
                DelegationInput(
                    activityId: s.congress.id, organizationId: s.guangzhou.id, state: .accepted, sentOn: "2026-12-01",
                    letterLanguage: "zh", expectedSize: 5, mayorHeads: true,
                    registrations: [
                        DelegationRegistration(personId: s.chen.id, role: .headOfDelegation, visaLetter: true),
                        DelegationRegistration(personName: "LI Na", role: .interpreter, interpretation: "en"),
                        DelegationRegistration(personName: "WANG Wei", mode: .virtual, state: .cancelled),
                    ]), by: .system)
            #expect(created.organizationName == s.guangzhou.name)
            #expect(created.activityTitle == "Congress in Brussels")
            #expect(created.input.registrations[0].personName == s.chen.displayName)
            _ = try await store.createDelegation(
                DelegationInput(
                    activityId: s.congress.id, organizationId: s.lyon.id, state: .invited, expectedSize: 2,
                    expectedMode: .virtual), by: .system)
            var forecast = try await store.delegationForecast(DelegationQuery(activityId: s.congress.id))
            #expect(forecast.total.expected == 7)
            #expect(forecast.total.registered == 2)
            #expect(forecast.region("asia-pacific")?.figures.expectedInPerson == 5)
            #expect(forecast.region("europe")?.figures.expectedVirtual == 2)

            var larger = created.input
            larger.expectedSize = 8
            let updated = try await store.updateDelegation(
                id: created.id, expectedVersion: 1, larger, by: .system)
            #expect(updated.version == 2)
            forecast = try await store.delegationForecast(DelegationQuery(activityId: s.congress.id))
            #expect(forecast.region("asia-pacific")?.figures.expected == 8)
            await #expect(throws: StoreError.versionConflict(entity: .delegation, id: created.id, currentVersion: 2)) {
                try await store.updateDelegation(id: created.id, expectedVersion: 1, larger, by: .system)
            }
            let list = try await store.listDelegations(
                DelegationQuery(activityId: s.congress.id, region: "asia-pacific"))
            #expect(list.map(\.headName) == [s.chen.displayName])
            #expect(try await store.listDelegations(DelegationQuery(organizationId: s.lyon.id)).count == 1)
            let history = try await store.auditEntries(
                AuditQuery(entity: .delegation, entityId: created.id, limit: 10))
            #expect(history.count == 2)
            #expect(history.first?.changes.contains { $0.field == "expectedSize" } == true)

            do {
                _ = try await store.createDelegation(
                    DelegationInput(activityId: s.congress.id, organizationId: s.guangzhou.id), by: .system)
                Issue.record("a second delegation of one organization to one event was stored")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.rule) == ["unique"])
            }
            do {
                _ = try await store.createDelegation(
                    DelegationInput(
                        activityId: 999_999, organizationId: 999_998, sentByAccountId: 999_997,
                        registrations: [DelegationRegistration(personId: 999_996)]), by: .system)
                Issue.record("a delegation naming nothing known was stored")
            } catch let error as ValidationError {
                #expect(
                    error.errors.map(\.field) == [
                        "organizationId", "activityId", "sentByAccountId", "registrations[0].personId",
                    ])
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func eightSimultaneousInvitationsOfOneOrganizationMakeOneDelegation(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        (try? await store.createDelegation(
                            DelegationInput(activityId: s.congress.id, organizationId: s.lyon.id, state: .invited),
                            by: .system)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.listDelegations(DelegationQuery(activityId: s.congress.id)).count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func deletingThePersonOrOrganizationKeepsTheDelegationAndItsNames(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let created = try await store.createDelegation(
                DelegationInput(
                    activityId: s.congress.id, organizationId: s.guangzhou.id, state: .accepted, expectedSize: 3,
                    registrations: [DelegationRegistration(personId: s.chen.id, role: .headOfDelegation)]),
                by: .system)
            try await store.deletePerson(id: s.chen.id, expectedVersion: nil, by: .system)
            try await store.deleteOrganization(id: s.guangzhou.id, expectedVersion: nil, by: .system)
            let kept = try #require(try await store.delegation(id: created.id))
            #expect(kept.input.organizationId == nil)
            #expect(kept.organizationName == s.guangzhou.name)
            #expect(kept.input.registrations.map(\.personId) == [nil])
            #expect(kept.input.registrations.map(\.personName) == [s.chen.displayName])
            #expect(try await store.delegationForecast(DelegationQuery(activityId: s.congress.id)).total.expected == 3)
            // It can still be changed, and deleting the event takes its delegations with it.
            var input = kept.input
            input.state = .declined
            _ = try await store.updateDelegation(id: created.id, expectedVersion: kept.version, input, by: .system)
            try await store.deleteActivity(id: s.congress.id, expectedVersion: nil, by: .system)
            #expect(try await store.delegation(id: created.id) == nil)
            #expect(try await store.auditEntries(AuditQuery(entity: .delegation, entityId: created.id)).count == 2)
        }
    }

    @Test(arguments: TestEngine.available)
    func aBulkChangeThatMeetsAStaleVersionWritesNothing(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let guangzhou = try await store.createDelegation(
                DelegationInput(activityId: s.congress.id, organizationId: s.guangzhou.id, state: .invited),
                by: .system)
            var accepted = guangzhou.input
            accepted.state = .accepted
            let lyon = DelegationInput(activityId: s.congress.id, organizationId: s.lyon.id, state: .invited)
            // A colleague saved Guangzhou's delegation meanwhile: the bulk change names an older version.
            _ = try await store.updateDelegation(id: guangzhou.id, expectedVersion: 1, accepted, by: .system)
            await #expect(throws: StoreError.self) {
                try await store.writeDelegations(
                    creating: [lyon], updating: [(id: guangzhou.id, expectedVersion: 1, input: accepted)], by: .system)
            }
            let listed = try await store.listDelegations(DelegationQuery(activityId: s.congress.id))
            #expect(listed.map(\.organizationId) == [s.guangzhou.id], "Lyon's invitation was not kept")
            #expect(try await store.delegation(id: guangzhou.id)?.version == 2)
        }
    }
}
