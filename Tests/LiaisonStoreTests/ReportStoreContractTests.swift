import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Reports: one save writes the report, its links, the follow-ups of its task lines and the inbox entries it
/// makes; each test runs once per engine.
@Suite struct ReportStoreContractTests {
    /// Finds what a test says it finds, so the store's side is tested whatever the directory's matching does.
    struct FixedFinder: ReportMentionFinder {
        let found: [MentionTarget]
        func mentions(in text: String, people: Set<Int64>, organizations: Set<Int64>) async throws
            -> [MentionTarget]
        { found }
    }

    struct Seeded {
        let guangzhou: Organization
        let foshan: Organization
        let chen: Person
        let agnes: StaffAccount
        let felip: StaffAccount
        let mission: Activity
    }

    private func seed(_ store: any LiaisonStore) async throws -> Seeded {
        let guangzhou = try await store.createOrganization(.guangzhou)
        var foshanInput = OrganizationInput.guangzhou
        foshanInput.name = "Foshan"
        foshanInput.nativeName = "佛山"
        foshanInput.aliases = []
        foshanInput.governanceRoles = []
        foshanInput.practices = []
        foshanInput.memberSince = nil
        foshanInput.membershipStatus = .prospect
        let foshan = try await store.createOrganization(foshanInput)
        let chen = try await store.createPerson(PersonInput.chen(at: guangzhou.id), by: .system)
        let agnes = try await store.createAccount(
            StaffAccountInput(email: "agnes@example.org", name: "Agnès Bickart", role: .editor), passwordHash: "hash",
            by: .system)
        let felip = try await store.createAccount(
            StaffAccountInput(email: "felip@example.org", name: "Felip Roca", role: .editor), passwordHash: "hash",
            by: .system)
        let mission = try await store.createActivity(
            ActivityInput(
                kind: .mission, title: "Mission to Guangzhou", allDay: true, start: "2026-11-09", end: "2026-11-13",
                timeZone: "Asia/Shanghai",
                organizations: [ActivityOrganization(organizationId: guangzhou.id, status: .attended)]),
            by: .system)
        return Seeded(guangzhou: guangzhou, foshan: foshan, chen: chen, agnes: agnes, felip: felip, mission: mission)
    }

    private func felip(_ s: Seeded) -> AuditActor { AuditActor(accountId: s.felip.id, name: "Felip Roca") }

    private let body = """
        Foshan and Dongguan were very positive; CHEN Guo presented. @Agnès, please complement.

        - [ ] request the email contacts of all participants @Agnès due 2026-12-15
        - [ ] follow up with Foshan on membership
        """

    @Test(arguments: TestEngine.available)
    func aSaveWritesTheReportItsLinksFollowUpsAndInboxInOneGo(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let finder = FixedFinder(found: [
                MentionTarget(.organization, s.foshan.id), MentionTarget(.person, s.chen.id),
            ])
            let intake = ReportIntake(store: store, finder: finder)
            let report = try await intake.create(
                ReportInput(
                    title: "Mission report", body: body, status: .shared, reviewerAccountIds: [s.agnes.id],
                    activityId: s.mission.id),
                by: felip(s))
            #expect(report.version == 1)
            #expect(report.input.authorAccountIds == [s.felip.id])
            #expect(report.authors.map(\.name) == ["Felip Roca"])
            #expect(report.activityTitle == "Mission to Guangzhou")
            #expect(
                Set(report.links.map(\.target)) == [
                    MentionTarget(.organization, s.foshan.id), MentionTarget(.person, s.chen.id),
                ])
            #expect(report.links.allSatisfy { $0.found })

            let followUps = try await store.followUps(ofReport: report.id)
            #expect(
                followUps.map(\.title) == [
                    "request the email contacts of all participants", "follow up with Foshan on membership",
                ])
            #expect(followUps[0].assigneeName == "Agnès Bickart")
            #expect(followUps[0].dueDate == "2026-12-15")
            #expect(followUps.allSatisfy { $0.status == "open" })

            // Lists and counts by what it links.
            #expect(try await store.listReports(ReportQuery(organizationId: s.foshan.id)).map(\.id) == [report.id])
            #expect(try await store.listReports(ReportQuery(personId: s.chen.id)).map(\.id) == [report.id])
            #expect(try await store.listReports(ReportQuery(activityId: s.mission.id)).map(\.id) == [report.id])
            #expect(
                try await store.listReports(ReportQuery(authorAccountId: s.felip.id)).first?.authors == ["Felip Roca"])
            #expect(try await store.listReports(ReportQuery(authorAccountId: s.agnes.id)).isEmpty)
            #expect(try await store.listReports(ReportQuery(activityKinds: [.mission])).map(\.id) == [report.id])
            #expect(try await store.listReports(ReportQuery(activityKinds: [.call])).isEmpty)
            let region = try #require(s.guangzhou.input.region)
            #expect(try await store.listReports(ReportQuery(region: region)).map(\.id) == [report.id])
            #expect(try await store.listReports(ReportQuery(from: Date().addingTimeInterval(3600))).isEmpty)
            #expect(try await store.reportCount(organizationId: s.foshan.id) == 1)
            #expect(try await store.reportCount(personId: s.chen.id) == 1)

            // The search box finds its words.
            #expect(try await store.search("complement").contains { $0.kind == .report && $0.id == report.id })
            #expect(try await store.search("complement").first { $0.kind == .report }?.url == "/reports/\(report.id)")

            // Agnès is asked to review and named: two entries; a re-save adds none.
            #expect(try await notifications(store, of: s.agnes.id) == 2)
            _ = try await intake.update(id: report.id, expectedVersion: 1, report.input, by: felip(s))
            #expect(try await notifications(store, of: s.agnes.id) == 2)
            #expect(try await notifications(store, of: s.felip.id) == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func tickingALineClosesItsFollowUpAndARemovedLinkStaysRemoved(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let foshan = MentionTarget(.organization, s.foshan.id)
            let intake = ReportIntake(store: store, finder: FixedFinder(found: [foshan]))
            var report = try await intake.create(
                ReportInput(title: "Mission report", body: body, activityId: s.mission.id), by: felip(s))
            report = try await intake.unlink(foshan, in: report, expectedVersion: 1, by: felip(s))
            #expect(report.links.isEmpty)
            #expect(report.input.linksRemoved == [foshan])
            var input = report.input
            input.body = body.replacingOccurrences(of: "- [ ] request", with: "- [x] request")
            report = try await intake.update(id: report.id, expectedVersion: 2, input, by: felip(s))
            #expect(report.links.isEmpty, "the text names Foshan again, but its link was removed")
            #expect(try await store.reportCount(organizationId: s.foshan.id) == 0)
            #expect(try await store.followUps(ofReport: report.id).map(\.status) == ["done", "open"])
            // Unticked, a done follow-up opens again; a link added by hand stays.
            report = try await intake.link(
                MentionTarget(.person, s.chen.id), in: report, expectedVersion: 3, by: felip(s))
            input = report.input
            input.body = body
            report = try await intake.update(id: report.id, expectedVersion: 4, input, by: felip(s))
            #expect(try await store.followUps(ofReport: report.id).map(\.status) == ["open", "open"])
            #expect(report.links.map(\.target) == [MentionTarget(.person, s.chen.id)])
            #expect(report.links.first?.found == false)
        }
    }

    @Test(arguments: TestEngine.available)
    func aStaleEditOrABadReferenceChangesNothingAndEveryChangeIsAudited(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let intake = ReportIntake(store: store, finder: NoMentionFinder())
            let report = try await intake.create(ReportInput(title: "Note", body: "First"), by: felip(s))
            var input = report.input
            input.body = "Second"
            _ = try await intake.update(id: report.id, expectedVersion: 1, input, by: felip(s))
            await #expect(throws: StoreError.self) {
                try await intake.update(id: report.id, expectedVersion: 1, input, by: felip(s))
            }
            input.activityId = 999_999
            input.linksAdded = [MentionTarget(.person, 999_999)]
            do {
                _ = try await intake.update(id: report.id, expectedVersion: 2, input, by: felip(s))
                Issue.record("a missing activity must be refused")
            } catch let error as ValidationError {
                #expect(Set(error.errors.map(\.field)) == ["activityId", "linksAdded[0]"])
            }
            await #expect(throws: ValidationError.self) {
                try await intake.create(ReportInput(title: "  "), by: felip(s))
            }
            let entries = try await store.auditEntries(AuditQuery(entity: .report, entityId: report.id, limit: 10))
            #expect(entries.map(\.event.action) == [.update, .create])
            #expect(entries[0].event.changes.map(\.field) == ["body"])
            try await store.deleteReport(id: report.id, expectedVersion: 2, by: felip(s))
            #expect(try await store.report(id: report.id) == nil)
        }
    }

    private func notifications(_ store: any LiaisonStore, of accountId: Int64) async throws -> Int {
        try await store.fetch(
            SQLFragment("SELECT count(*) AS n FROM notification WHERE account_id = ?", [.integer(accountId)])
        ) {
            try $0.int("n") ?? 0
        }.first ?? 0
    }
}
