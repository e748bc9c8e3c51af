import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// An id, once given, is never given again: not after the newest record is deleted, not after a merge, not in
/// a copy or a restore. Otherwise a stale edit of the deleted record would overwrite the new one, and the new
/// one would show the deleted one's history. Each test runs once per available engine.
@Suite struct LastingIdContractTests {
    @Test(arguments: TestEngine.available)
    func aDeletedOrganizationsIdIsNotGivenAgain(engine: TestEngine) async throws {
        try await engine.withStore { store in
            _ = try await store.createOrganization(OrganizationInput(name: "Foshan", country: "CN"))
            let deleted = try await store.createOrganization(.guangzhou)
            try await store.deleteOrganization(id: deleted.id, expectedVersion: deleted.version)

            let next = try await store.createOrganization(OrganizationInput(name: "Shenzhen", country: "CN"))

            #expect(next.id > deleted.id)
            await #expect(throws: StoreError.notFound(entity: .organization, id: deleted.id)) {
                try await store.updateOrganization(id: deleted.id, expectedVersion: 1, .guangzhou)
            }
            #expect(try await store.organization(id: next.id)?.name == "Shenzhen")
            let history = try await store.auditEntries(AuditQuery(entity: .organization, entityId: next.id))
            #expect(history.map(\.action) == [.create])
            #expect(history.map(\.summary) == ["Shenzhen"])
        }
    }

    @Test(arguments: TestEngine.available)
    func aDeletedPersonsIdIsNotGivenAgain(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let guangzhou = try await store.createOrganization(.guangzhou)
            _ = try await store.createPerson(PersonInput(givenName: "Agnès", familyName: "Bickart"), by: .system)
            let deleted = try await store.createPerson(.chen(at: guangzhou.id), by: .system)
            try await store.deletePerson(id: deleted.id, expectedVersion: deleted.version, by: .system)

            let next = try await store.createPerson(PersonInput(givenName: "Wei", familyName: "Li"), by: .system)

            #expect(next.id > deleted.id)
            await #expect(throws: StoreError.notFound(entity: .person, id: deleted.id)) {
                try await store.updatePerson(id: deleted.id, expectedVersion: 1, .chen(at: guangzhou.id), by: .system)
            }
            #expect(try await store.person(id: next.id)?.input.familyName == "Li")
            let history = try await store.auditEntries(AuditQuery(entity: .person, entityId: next.id))
            #expect(history.map(\.action) == [.create])
            #expect(history.map(\.summary) == [next.displayName])
        }
    }

    @Test(arguments: TestEngine.available)
    func aPersonMergedAwayKeepsTheirIdToThemselves(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let kept = try await store.createPerson(PersonInput(givenName: "Guo", familyName: "Chen"), by: .system)
            let removed = try await store.createPerson(PersonInput(givenName: "Guo", familyName: "Chen"), by: .system)
            _ = try await store.mergePeople(
                keep: kept.id, keepVersion: kept.version, remove: removed.id, removeVersion: removed.version,
                by: .system)

            let next = try await store.createPerson(PersonInput(givenName: "Wei", familyName: "Li"), by: .system)

            #expect(next.id > removed.id)
            let history = try await store.auditEntries(AuditQuery(entity: .person, entityId: next.id))
            #expect(history.map(\.action) == [.create])
        }
    }

    @Test(arguments: TestEngine.available)
    func aDeletedActivitysIdIsNotGivenAgain(engine: TestEngine) async throws {
        try await engine.withStore { store in
            _ = try await store.createActivity(call("First call"), by: .system)
            let deleted = try await store.createActivity(call("Call with Guangzhou"), by: .system)
            try await store.deleteActivity(id: deleted.id, expectedVersion: deleted.version, by: .system)

            let next = try await store.createActivity(call("Call with Foshan"), by: .system)

            #expect(next.id > deleted.id)
            await #expect(throws: StoreError.notFound(entity: .activity, id: deleted.id)) {
                try await store.updateActivity(
                    id: deleted.id, expectedVersion: 1, call("Call with Guangzhou, moved"), by: .system)
            }
            #expect(try await store.activity(id: next.id)?.input.title == "Call with Foshan")
            let history = try await store.auditEntries(AuditQuery(entity: .activity, entityId: next.id))
            #expect(history.map(\.action) == [.create])
            #expect(history.map(\.summary) == ["Call with Foshan"])
        }
    }

    /// A copy brings the rows and the audit trail but not the source's counters: the target still never
    /// gives the id of a record the source deleted from the top, which its audit trail names.
    @Test(arguments: TransferContractTests.enginePairs)
    func aCopyDoesNotGiveTheIdsTheSourceDeleted(from: TestEngine, to: TestEngine) async throws {
        try await from.withStore { source in
            let account = try await source.createAccount(
                StaffAccountInput(email: "ada@example.org", name: "Ada Admin", role: .admin), passwordHash: "hash",
                by: .system)
            _ = try await source.createOrganization(OrganizationInput(name: "Foshan", country: "CN"))
            let organization = try await source.createOrganization(.guangzhou)
            try await source.deleteOrganization(id: organization.id, expectedVersion: 1)
            _ = try await source.createPerson(PersonInput(givenName: "Agnès", familyName: "Bickart"), by: .system)
            let person = try await source.createPerson(PersonInput(givenName: "Guo", familyName: "Chen"), by: .system)
            try await source.deletePerson(id: person.id, expectedVersion: 1, by: .system)
            _ = try await source.createActivity(call("First call"), by: .system)
            let activity = try await source.createActivity(call("Call with Guangzhou"), by: .system)
            try await source.deleteActivity(id: activity.id, expectedVersion: 1, by: .system)

            try await to.withStore { target in
                _ = try await DataTransfer.copy(from: source, to: target, targetName: "target")

                #expect(try await target.createOrganization(.guangzhou).id > organization.id)
                #expect(
                    try await target.createPerson(PersonInput(givenName: "Wei", familyName: "Li"), by: .system).id
                        > person.id)
                #expect(try await target.createActivity(call("Call with Foshan"), by: .system).id > activity.id)
                // Nothing was deleted from the accounts: they go on from the highest one.
                let next = try await target.createAccount(
                    StaffAccountInput(email: "bo@example.org", name: "Bo Editor", role: .editor), passwordHash: "hash",
                    by: .system)
                #expect(next.id == account.id + 1)
            }
        }
    }

    private func call(_ title: String) -> ActivityInput {
        ActivityInput(kind: .call, title: title, start: "2026-12-01T10:00", end: "2026-12-01T10:30")
    }
}
