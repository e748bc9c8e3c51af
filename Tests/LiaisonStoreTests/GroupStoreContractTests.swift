import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Working groups, interests and the members not engaged; each test runs once per engine.
@Suite struct GroupStoreContractTests {
    private func city(_ store: any LiaisonStore, _ name: String, country: String, member: Bool) async throws
        -> Organization
    {
        try await store.createOrganization(
            OrganizationInput(
                name: name, country: country, region: country == "CN" ? "asia-pacific" : "europe",
                membershipStatus: member ? .member : .prospect, memberSince: member ? 2001 : nil))
    }

    @Test(arguments: TestEngine.available)
    func aGroupKeepsItsMembersRepresentativesAndMeetingsAndInterestsAnswerByThemeAndCountry(engine: TestEngine)
        async throws
    {
        try await engine.withStore { store in
            let guangzhou = try await city(store, "Guangzhou", country: "CN", member: true)
            let foshan = try await city(store, "Foshan", country: "CN", member: false)
            let lyon = try await city(store, "Lyon", country: "FR", member: true)
            let quiet = try await city(store, "Quietville", country: "FR", member: true)
            let chen = try await store.createPerson(PersonInput.chen(at: guangzhou.id), by: .system)
            let meeting = try await store.createActivity(
                ActivityInput(
                    kind: .call, title: "Solid waste group call", start: "2026-11-20T10:00", end: "2026-11-20T11:00"),
                by: .system)
            let group = try await store.createWorkingGroup(
                WorkingGroupInput(
                    name: " Solid waste ", theme: "Solid waste", description: "Landfills and recycling.",
                    members: [
                        GroupMember(
                            organizationId: guangzhou.id, role: .lead, joinedOn: "2025-03-01",
                            representativeIds: [chen.id]),
                        GroupMember(organizationId: lyon.id, role: .observer),
                    ], activityIds: [meeting.id]), by: .system)
            #expect(group.input.name == "Solid waste")
            #expect(group.input.members.map(\.role) == [.lead, .observer])
            #expect(group.input.members[0].representativeIds == [chen.id])
            #expect(group.input.activityIds == [meeting.id])
            #expect(group.input.leadIds == [guangzhou.id])

            let listed = try await store.listWorkingGroups()
            #expect(listed.map(\.memberCount) == [2])
            #expect(listed[0].leads == [LinkedName(id: guangzhou.id, name: "Guangzhou")])

            // The theme is matched whatever its case and spacing; a group's theme is the interest's when it
            // names none.
            let fromReport = try await store.createInterest(
                InterestInput(organizationId: foshan.id, theme: "solid  WASTE", expressedOn: "2026-11-11"), by: .system)
            let viaGroup = try await store.createInterest(
                InterestInput(organizationId: lyon.id, workingGroupId: group.id, note: "Asked for the next call"),
                by: .system)
            #expect(viaGroup.input.theme == "Solid waste")
            _ = try await store.createInterest(
                InterestInput(organizationId: foshan.id, theme: "Transport", expressedOn: "2026-10-01"), by: .system)
            let chinese = try await store.listInterests(InterestQuery(theme: "Solid Waste", country: "CN"))
            #expect(chinese.map(\.id) == [fromReport.id])
            #expect(try await store.listInterests(InterestQuery(theme: "solid waste")).count == 2)
            #expect(try await store.listInterests(InterestQuery(workingGroupId: group.id)).map(\.id) == [viaGroup.id])
            let themes = try await store.themes()
            #expect(themes.count == 2)

            // Quietville is a member in no group with no interest; Guangzhou and Lyon are engaged, Foshan is
            // not a member.
            let unengaged = try await store.unengagedMembers()
            #expect(unengaged.items.map(\.name) == ["Quietville"])
            #expect(unengaged.total == 1)
            #expect(try await store.unengagedMembers(country: "CN").total == 0)

            let engagement = try await store.engagement(organizationId: lyon.id)
            #expect(engagement.groups.map(\.group.name) == ["Solid waste"])
            #expect(engagement.groups.map(\.role) == [.observer])
            #expect(engagement.interests.map(\.id) == [viaGroup.id])

            var changed = group.input
            changed.members.removeLast()
            let updated = try await store.updateWorkingGroup(id: group.id, expectedVersion: 1, changed, by: .system)
            #expect(updated.input.members.count == 1)
            await #expect(throws: StoreError.versionConflict(entity: .workingGroup, id: group.id, currentVersion: 2)) {
                try await store.updateWorkingGroup(id: group.id, expectedVersion: 1, changed, by: .system)
            }
            #expect(try await store.auditEntries(AuditQuery(entity: .workingGroup, entityId: group.id)).count == 2)

            try await store.deleteWorkingGroup(id: group.id, expectedVersion: 2, by: .system)
            // The interest stays, without its group.
            #expect(try await store.interest(id: viaGroup.id)?.input.workingGroupId == nil)
            _ = quiet
        }
    }

    @Test(arguments: TestEngine.available)
    func badReferencesAndRulesAreNamedAndNothingIsStored(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let lyon = try await city(store, "Lyon", country: "FR", member: true)
            do {
                _ = try await store.createWorkingGroup(
                    WorkingGroupInput(
                        name: "Transport", theme: "Transport",
                        members: [
                            GroupMember(organizationId: 999_999, representativeIds: [999_998]),
                            GroupMember(organizationId: lyon.id, joinedOn: "spring"),
                        ], activityIds: [999_997]), by: .system)
                Issue.record("a group breaking the rules was stored")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["members[1].joinedOn"])
            }
            do {
                _ = try await store.createWorkingGroup(
                    WorkingGroupInput(
                        name: "Transport", theme: "Transport",
                        members: [GroupMember(organizationId: 999_999, representativeIds: [999_998])],
                        activityIds: [999_997]), by: .system)
                Issue.record("a group with missing references was stored")
            } catch let error as ValidationError {
                #expect(
                    error.errors.map(\.field)
                        == ["members[0].organizationId", "members[0].representativeIds", "activityIds[0]"])
            }
            do {
                _ = try await store.createInterest(
                    InterestInput(organizationId: lyon.id, workingGroupId: 999_999, reportId: 999_998), by: .system)
                Issue.record("an interest with missing references was stored")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["workingGroupId", "reportId"])
            }
            do {
                _ = try await store.createInterest(InterestInput(organizationId: lyon.id), by: .system)
                Issue.record("an interest with no theme was stored")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["theme"])
            }
            #expect(try await store.listWorkingGroups().isEmpty)
            #expect(try await store.listInterests(InterestQuery()).isEmpty)
        }
    }
}
