import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The membership pipeline; each test runs once per engine.
@Suite struct PipelineStoreContractTests {
    struct Seeded {
        let foshan: Organization
        let dongguan: Organization
        let agnes: StaffAccount
        let mission: Activity
        let congress: Activity
    }

    private func seed(_ store: any LiaisonStore) async throws -> Seeded {
        var foshanInput = OrganizationInput.guangzhou.with(name: "Foshan")
        foshanInput.membershipStatus = .prospect
        foshanInput.memberSince = nil
        foshanInput.nativeName = "佛山"
        foshanInput.aliases = []
        let foshan = try await store.createOrganization(foshanInput)
        var dongguanInput = foshanInput.with(name: "Dongguan")
        dongguanInput.nativeName = "东莞"
        dongguanInput.region = "europe"
        dongguanInput.country = "FR"
        let dongguan = try await store.createOrganization(dongguanInput)
        let agnes = try await store.createAccount(
            StaffAccountInput(email: "agnes@example.org", name: "Agnès Bickart", role: .editor), passwordHash: "hash",
            by: .system)
        let mission = try await store.createActivity(
            ActivityInput(
                kind: .mission, title: "Mission to Guangzhou", start: "2026-11-10T09:00", end: "2026-11-12T18:00",
                timeZone: "Asia/Shanghai"), by: .system)
        let congress = try await store.createActivity(
            ActivityInput(
                kind: .event, title: "Congress in Brussels", start: "2027-06-01T09:00", end: "2027-06-03T18:00",
                timeZone: "Europe/Brussels"), by: .system)
        return Seeded(foshan: foshan, dongguan: dongguan, agnes: agnes, mission: mission, congress: congress)
    }

    private func actor(_ account: StaffAccount) -> AuditActor { AuditActor(accountId: account.id, name: account.name) }

    @Test(arguments: TestEngine.available)
    func movesAreKeptAndJoiningMakesAMemberInTheSameWrite(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let added = try await store.createProspect(
                ProspectInput(
                    organizationId: s.foshan.id, stage: .met, ownerAccountId: s.agnes.id, targetDate: "2027-06-01",
                    targetActivityId: s.congress.id, likelihood: 70, nextStep: "Send the membership form",
                    stageNote: "Met the mayor's office", stageActivityId: s.mission.id, stageDate: "2025-11-11"),
                by: actor(s.agnes))
            #expect(added.organizationName == "Foshan")
            #expect(added.stageSince == "2025-11-11")
            #expect(added.history.count == 1)
            #expect(added.history[0].from == nil)
            #expect(added.history[0].to == .met)
            #expect(added.history[0].note == "Met the mayor's office")
            #expect(added.history[0].activityId == s.mission.id)
            #expect(added.history[0].accountName == "Agnès Bickart")

            // A save that keeps the stage keeps its day and adds no move.
            var edited = added.input
            edited.nextStep = "Call the international office"
            edited.stageDate = "2026-11-20"
            let same = try await store.updateProspect(id: added.id, expectedVersion: 1, edited, by: actor(s.agnes))
            #expect(same.stageSince == "2025-11-11")
            #expect(same.history.count == 1)

            var intent = same.input
            intent.stage = .intentExpressed
            intent.stageDate = "2025-11-25"
            intent.stageNote = "Inclined to join before the Congress"
            let moved = try await store.updateProspect(id: added.id, expectedVersion: 2, intent, by: actor(s.agnes))
            #expect(moved.history.map(\.to) == [.met, .intentExpressed])
            #expect(moved.history[1].from == .met)
            #expect(moved.stageSince == "2025-11-25")
            await #expect(throws: StoreError.versionConflict(entity: .prospect, id: added.id, currentVersion: 3)) {
                try await store.updateProspect(id: added.id, expectedVersion: 2, intent, by: actor(s.agnes))
            }

            var joined = moved.input
            joined.stage = .joined
            joined.stageDate = "2026-01-15"
            joined.stageNote = nil
            let member = try await store.updateProspect(id: added.id, expectedVersion: 3, joined, by: actor(s.agnes))
            #expect(member.history.map(\.to) == [.met, .intentExpressed, .joined])
            let organization = try #require(try await store.organization(id: s.foshan.id))
            #expect(organization.input.membershipStatus == .member)
            #expect(organization.input.memberSince == 2026)
            #expect(organization.version == s.foshan.version + 1)
            let orgTrail = try await store.auditEntries(AuditQuery(entity: .organization, entityId: s.foshan.id))
            #expect(orgTrail[0].changes.map(\.field) == ["membershipStatus", "memberSince"])
            #expect(orgTrail[0].changes[0].before == "prospect")
            #expect(orgTrail[0].actor.accountId == s.agnes.id)
            let trail = try await store.auditEntries(AuditQuery(entity: .prospect, entityId: added.id))
            #expect(trail.map(\.action) == [.update, .update, .update, .create])
            #expect(trail[0].changes.map(\.field).contains("stage"))

            try await store.deleteProspect(id: added.id, expectedVersion: 4, by: actor(s.agnes))
            #expect(try await store.prospect(id: added.id) == nil)
            // Leaving the pipeline does not undo the membership.
            #expect(try await store.organization(id: s.foshan.id)?.input.membershipStatus == .member)
        }
    }

    @Test(arguments: TestEngine.available)
    func anOrganizationIsInThePipelineOnceAndBadReferencesAreNamed(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            _ = try await store.createProspect(ProspectInput(organizationId: s.foshan.id), by: actor(s.agnes))
            do {
                _ = try await store.createProspect(ProspectInput(organizationId: s.foshan.id), by: actor(s.agnes))
                Issue.record("a second prospect for one organization was stored")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["organizationId"])
                #expect(error.errors[0].rule == "unique")
            }
            do {
                _ = try await store.createProspect(
                    ProspectInput(
                        organizationId: 999_999, ownerAccountId: 999_998, targetActivityId: 999_997,
                        stageActivityId: 999_996), by: actor(s.agnes))
                Issue.record("a prospect with missing references was stored")
            } catch let error as ValidationError {
                #expect(
                    Set(error.errors.map(\.field))
                        == ["organizationId", "ownerAccountId", "targetActivityId", "stageActivityId"])
            }
            do {
                _ = try await store.createProspect(
                    ProspectInput(
                        organizationId: s.dongguan.id, targetDate: "soon", likelihood: 101,
                        nextStep: String(repeating: "x", count: 501), stageDate: "2099-01-01"), today: "2026-12-01",
                    by: actor(s.agnes))
                Issue.record("a prospect breaking the rules was stored")
            } catch let error as ValidationError {
                #expect(
                    error.errors.map { "\($0.field):\($0.rule)" }.sorted()
                        == ["likelihood:range", "nextStep:max_length", "stageDate:not_future", "targetDate:date"])
            }
            #expect(try await store.listProspects(ProspectQuery()).count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func simultaneousAdditionsOfOneOrganizationStoreOne(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        (try? await store.createProspect(
                            ProspectInput(organizationId: s.dongguan.id), by: .system)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.listProspects(ProspectQuery(organizationId: s.dongguan.id)).count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func theBoardListAndFunnelFilterAndCount(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let foshan = try await store.createProspect(
                ProspectInput(
                    organizationId: s.foshan.id, stage: .contacted, ownerAccountId: s.agnes.id,
                    targetActivityId: s.congress.id, stageDate: "2026-10-01"), by: actor(s.agnes))
            var met = foshan.input
            met.stage = .met
            met.stageDate = "2026-10-11"
            _ = try await store.updateProspect(id: foshan.id, expectedVersion: 1, met, by: actor(s.agnes))
            _ = try await store.createProspect(
                ProspectInput(organizationId: s.dongguan.id, stage: .contacted, stageDate: "2026-10-05"),
                by: actor(s.agnes))

            let board = try await store.pipelineBoard(ProspectQuery())
            #expect(board.counts == [.met: 1, .contacted: 1])
            #expect(board.cards[.met]?.map(\.organizationName) == ["Foshan"])
            #expect(board.cards[.met]?.first?.ownerName == "Agnès Bickart")
            #expect(board.cards[.met]?.first?.targetActivityTitle == "Congress in Brussels")
            let small = try await store.pipelineBoard(ProspectQuery(), perStage: 0)
            #expect(small.cards.isEmpty)
            #expect(small.counts[.contacted] == 1)

            #expect(
                try await store.listProspects(ProspectQuery(region: "europe")).map(\.organizationName) == ["Dongguan"])
            #expect(try await store.listProspects(ProspectQuery(country: "CN")).map(\.organizationName) == ["Foshan"])
            #expect(
                try await store.listProspects(ProspectQuery(ownerAccountId: s.agnes.id)).map(\.organizationName)
                    == ["Foshan"])
            #expect(
                try await store.listProspects(ProspectQuery(targetActivityId: s.congress.id)).map(\.id) == [foshan.id])
            #expect(
                try await store.listProspects(ProspectQuery(stages: [.contacted])).map(\.organizationName) == [
                    "Dongguan"
                ])
            #expect(try await store.prospect(organizationId: s.foshan.id)?.id == foshan.id)

            let funnel = try await store.pipelineFunnel(ProspectQuery())
            #expect(funnel.total == 2)
            let contacted = try #require(funnel.rows.first { $0.stage == .contacted })
            #expect(contacted.reached == 2)
            #expect(contacted.conversion == 0.5)
            #expect(contacted.medianDays == 10)
            #expect(contacted.byRegion == ["europe": 1])
            let metRow = try #require(funnel.rows.first { $0.stage == .met })
            #expect(metRow.byRegion == ["asia-pacific": 1])
        }
    }
}
