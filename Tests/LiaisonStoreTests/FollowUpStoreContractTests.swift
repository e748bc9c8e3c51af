import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Follow-ups and the staff inbox; each test runs once per engine.
@Suite struct FollowUpStoreContractTests {
    struct Seeded {
        let guangzhou: Organization
        let chen: Person
        let agnes: StaffAccount
        let lead: StaffAccount
    }

    private func seed(_ store: any LiaisonStore) async throws -> Seeded {
        let guangzhou = try await store.createOrganization(.guangzhou)
        let chen = try await store.createPerson(PersonInput.chen(at: guangzhou.id), by: .system)
        let agnes = try await store.createAccount(
            StaffAccountInput(email: "agnes@example.org", name: "Agnès Bickart", role: .editor), passwordHash: "hash",
            by: .system)
        let lead = try await store.createAccount(
            StaffAccountInput(email: "lead@example.org", name: "Lead", role: .editor), passwordHash: "hash",
            by: .system)
        return Seeded(guangzhou: guangzhou, chen: chen, agnes: agnes, lead: lead)
    }

    private func actor(_ account: StaffAccount) -> AuditActor {
        AuditActor(accountId: account.id, name: account.name)
    }

    @Test(arguments: TestEngine.available)
    func aFollowUpIsStoredVersionedAuditedAndListedOverdueFirst(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let later = try await store.createFollowUp(
                FollowUpInput(
                    title: "Invite Foshan to the Congress", assigneeAccountId: s.agnes.id, dueDate: "2099-01-10",
                    organizationIds: [s.guangzhou.id]), by: actor(s.lead))
            let overdue = try await store.createFollowUp(
                FollowUpInput(
                    title: "  Request the participants' e-mail contacts ", assigneeAccountId: s.agnes.id,
                    dueDate: "2020-05-01", personIds: [s.chen.id]), by: actor(s.lead))
            let undated = try await store.createFollowUp(
                FollowUpInput(title: "Thank the hosts", assigneeAccountId: s.agnes.id), by: actor(s.agnes))
            #expect(overdue.input.title == "Request the participants' e-mail contacts")
            #expect(overdue.version == 1)

            let mine = try await store.listFollowUps(FollowUpQuery(assigneeAccountId: s.agnes.id))
            #expect(mine.map(\.id) == [overdue.id, later.id, undated.id])
            #expect(mine[1].organizations == [LinkedName(id: s.guangzhou.id, name: s.guangzhou.name)])
            #expect(mine[0].people.map(\.id) == [s.chen.id])
            #expect(mine[0].assigneeName == "Agnès Bickart")
            #expect(
                try await store.listFollowUps(FollowUpQuery(organizationId: s.guangzhou.id)).map(\.id) == [later.id])
            #expect(try await store.listFollowUps(FollowUpQuery(personId: s.chen.id)).map(\.id) == [overdue.id])
            #expect(
                try await store.listFollowUps(FollowUpQuery(region: s.guangzhou.input.region)).map(\.id) == [later.id])
            #expect(try await store.overdueFollowUpCount(accountId: s.agnes.id, today: "2026-01-01") == 1)
            #expect(
                try await store.overdueFollowUpCounts(today: "2026-01-01")
                    == [OverdueCount(accountId: s.agnes.id, name: "Agnès Bickart", count: 1)])

            var done = overdue.input
            done.status = .done
            let updated = try await store.updateFollowUp(
                id: overdue.id, expectedVersion: 1, done, by: actor(s.agnes))
            #expect(updated.version == 2)
            await #expect(throws: StoreError.versionConflict(entity: .followUp, id: overdue.id, currentVersion: 2)) {
                try await store.updateFollowUp(id: overdue.id, expectedVersion: 1, done, by: actor(s.agnes))
            }
            #expect(try await store.listFollowUps(FollowUpQuery(assigneeAccountId: s.agnes.id)).count == 2)
            let trail = try await store.auditEntries(AuditQuery(entity: .followUp, entityId: overdue.id))
            #expect(trail.map(\.action) == [.update, .create])
            #expect(trail[0].changes.map(\.field) == ["status"])

            try await store.deleteFollowUp(id: later.id, expectedVersion: 1, by: actor(s.lead))
            #expect(try await store.followUp(id: later.id) == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func referencesMustExistAndBadInputIsRefusedWhole(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            do {
                _ = try await store.createFollowUp(
                    FollowUpInput(
                        title: "Call", assigneeAccountId: 9999, dueDate: "2026-02-30", organizationIds: [s.guangzhou.id]
                    ),
                    by: .system)
                Issue.record("a bad date was stored")
            } catch let error as ValidationError {
                #expect(error.errors.map(\.field) == ["dueDate"])
            }
            do {
                _ = try await store.createFollowUp(
                    FollowUpInput(
                        title: "Call", assigneeAccountId: 9999, organizationIds: [s.guangzhou.id, 8888],
                        personIds: [7777], activityId: 6666, reportId: 5555), by: .system)
                Issue.record("missing references were stored")
            } catch let error as ValidationError {
                #expect(
                    error.errors.map(\.field) == [
                        "assigneeAccountId", "organizationIds[1]", "personIds[0]", "activityId", "reportId",
                    ])
            }
            #expect(try await store.listFollowUps(FollowUpQuery(statuses: [])).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func closingAFollowUpTicksItsReportLineAndReopeningClearsIt(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let body = "Notes.\n- [ ] request the email contacts of all participants\n- [ ] thank the hosts"
            try await store.execute([
                SQLFragment(
                    """
                    INSERT INTO report (title, body, status, version, created_at, updated_at)
                    VALUES ('Guangzhou mission', ?, 'shared', 1, ?, ?)
                    """, [.text(body), .date(Date()), .date(Date())])
            ])
            let reportId = try await store.fetch(SQLFragment("SELECT id FROM report")) { try $0.integer("id") ?? 0 }[0]
            let key = try #require(ReportTasks.tasks(in: body).first?.key)
            let followUp = try await store.createFollowUp(
                FollowUpInput(
                    title: "Request the email contacts of all participants", assigneeAccountId: s.agnes.id,
                    reportId: reportId), by: actor(s.agnes))
            // A report's save writes the key when it makes the follow-up from the line.
            try await store.execute([
                SQLFragment(
                    "UPDATE follow_up SET task_key = ? WHERE id = ?", [.text(key), .integer(followUp.id)])
            ])
            func report() async throws -> (String, Int) {
                try await store.fetch(
                    SQLFragment("SELECT body, version FROM report WHERE id = ?", [.integer(reportId)])
                ) {
                    (try $0.string("body"), try $0.int("version") ?? 0)
                }[0]
            }
            var input = followUp.input
            input.status = .done
            _ = try await store.updateFollowUp(id: followUp.id, expectedVersion: 1, input, by: actor(s.agnes))
            var (text, version) = try await report()
            #expect(text == "Notes.\n- [x] request the email contacts of all participants\n- [ ] thank the hosts")
            #expect(version == 2)

            input.status = .open
            _ = try await store.updateFollowUp(id: followUp.id, expectedVersion: 2, input, by: actor(s.agnes))
            (text, version) = try await report()
            #expect(text == body)
            #expect(version == 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func theInboxTellsAnAssigneeOnceAndRemindsOfWhatIsOverdueOnce(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let assigned = try await store.createFollowUp(
                FollowUpInput(title: "Follow up with Dongguan", assigneeAccountId: s.agnes.id, dueDate: "2020-01-01"),
                by: actor(s.lead))
            _ = try await store.createFollowUp(
                FollowUpInput(title: "My own", assigneeAccountId: s.lead.id), by: actor(s.lead))
            // Saving again does not tell her twice.
            _ = try await store.updateFollowUp(
                id: assigned.id, expectedVersion: 1, assigned.input, by: actor(s.lead))
            var inbox = try await store.notifications(accountId: s.agnes.id)
            #expect(inbox.map(\.reason) == [.followUpAssigned])
            #expect(inbox[0].actorAccountId == s.lead.id)
            #expect(try await store.notifications(accountId: s.lead.id).isEmpty)

            try await store.remindOverdueFollowUps(accountId: s.agnes.id, today: "2026-01-01")
            try await store.remindOverdueFollowUps(accountId: s.agnes.id, today: "2026-01-02")
            inbox = try await store.notifications(accountId: s.agnes.id)
            #expect(inbox.map(\.reason) == [.followUpOverdue, .followUpAssigned])
            #expect(try await store.unreadNotificationCount(accountId: s.agnes.id) == 2)

            // Another's entry cannot be read or marked through this account.
            #expect(try await store.notification(id: inbox[0].id, accountId: s.lead.id) == nil)
            try await store.markNotificationsRead(accountId: s.lead.id, id: inbox[0].id)
            #expect(try await store.unreadNotificationCount(accountId: s.agnes.id) == 2)

            try await store.markNotificationsRead(accountId: s.agnes.id, id: inbox[0].id)
            #expect(try await store.unreadNotificationCount(accountId: s.agnes.id) == 1)
            try await store.markNotificationsRead(accountId: s.agnes.id)
            #expect(try await store.unreadNotificationCount(accountId: s.agnes.id) == 0)
            #expect(try await store.notifications(accountId: s.agnes.id).allSatisfy { $0.readAt != nil })
        }
    }

    /// The assignee's entry is written by the save itself (the record kind's effects, which every engine's one
    /// write flow runs in its transaction): any write of the record tells them, and a refused write tells no one.
    @Test(arguments: TestEngine.available)
    func theAssigneeIsToldInTheSavesOwnTransaction(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let mine = try await store.createFollowUp(FollowUpInput(title: "Unassigned"), by: actor(s.lead))
            var input = mine.input
            input.assigneeAccountId = s.agnes.id
            // Straight through the store's write flow, with no follow-up method around it.
            _ = try await store.updateRecord(FollowUp.self, id: mine.id, expectedVersion: 1, input, by: actor(s.lead))
            #expect(try await store.notifications(accountId: s.agnes.id).map(\.subjectId) == [mine.id])

            let other = try await store.createFollowUp(FollowUpInput(title: "Another"), by: actor(s.lead))
            var refused = other.input
            refused.assigneeAccountId = s.agnes.id
            refused.organizationIds = [999_999]
            await #expect(throws: ValidationError.self) {
                try await store.updateFollowUp(id: other.id, expectedVersion: 1, refused, by: actor(s.lead))
            }
            #expect(try await store.notifications(accountId: s.agnes.id).count == 1, "a refused save tells no one")
        }
    }
}
