import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Opportunities to engage and their invitations; each test runs once per engine.
@Suite struct OpportunityStoreContractTests {
    @Test(arguments: TestEngine.available)
    func invitationsAreKeptWithTheirAnswersAndCountAsEngagement(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let lyon = try await store.createOrganization(
                OrganizationInput(name: "Lyon", country: "FR", region: "europe", membershipStatus: .member))
            let quiet = try await store.createOrganization(
                OrganizationInput(name: "Quietville", country: "FR", region: "europe", membershipStatus: .member))
            #expect(try await store.unengagedMembers().total == 2)
            let created = try await store.createOpportunity(
                OpportunityInput(
                    title: "Speaking slot at the Congress", kind: .speakingSlot, theme: "Solid waste",
                    deadline: "2027-03-01", eligibility: "Members",
                    invitations: [OpportunityInvitation(organizationId: lyon.id, sentOn: "2026-12-01")]), by: .system)
            #expect(created.input.invitations.map(\.answer) == [.invited])
            #expect(try await store.unengagedMembers().items.map(\.name) == ["Quietville"])
            var applied = created.input
            applied.invitations[0].answer = .applied
            let updated = try await store.updateOpportunity(id: created.id, expectedVersion: 1, applied, by: .system)
            #expect(updated.input.invitations.map(\.answer) == [.applied])
            #expect(try await store.listOpportunities().first?.answers == ["applied": 1])
            #expect(try await store.opportunities(organizationId: lyon.id).map(\.answer) == [.applied])
            #expect(try await store.engagement(organizationId: lyon.id).opportunities.count == 1)
            await #expect(throws: StoreError.versionConflict(entity: .opportunity, id: created.id, currentVersion: 2)) {
                try await store.updateOpportunity(id: created.id, expectedVersion: 1, applied, by: .system)
            }
            do {
                _ = try await store.createOpportunity(
                    OpportunityInput(
                        title: "Training", deadline: "March",
                        invitations: [
                            OpportunityInvitation(organizationId: quiet.id),
                            OpportunityInvitation(organizationId: quiet.id),
                        ]), by: .system)
                Issue.record("an opportunity breaking the rules was stored")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["deadline", "invitations[1].organizationId"])
            }
            do {
                _ = try await store.createOpportunity(
                    OpportunityInput(title: "Training", invitations: [OpportunityInvitation(organizationId: 999_999)]),
                    by: .system)
                Issue.record("an opportunity inviting no one known was stored")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["invitations[0].organizationId"])
            }
            try await store.deleteOpportunity(id: created.id, expectedVersion: 2, by: .system)
            #expect(try await store.listOpportunities().isEmpty)
        }
    }
}
