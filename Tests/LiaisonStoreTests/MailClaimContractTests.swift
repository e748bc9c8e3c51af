import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The claims that make each mail go once, however many app servers look at the same time; on both engines.
@Suite struct MailClaimContractTests {
    struct Seeded {
        let agnes: StaffAccount
        let lead: StaffAccount
    }

    private func seed(_ store: any LiaisonStore) async throws -> Seeded {
        let agnes = try await store.createAccount(
            StaffAccountInput(email: "agnes@example.org", name: "Agnès Bickart", role: .editor), passwordHash: "hash",
            by: .system)
        let lead = try await store.createAccount(
            StaffAccountInput(email: "lead@example.org", name: "Lead", role: .editor), passwordHash: "hash",
            by: .system)
        return Seeded(agnes: agnes, lead: lead)
    }

    private func assign(
        _ title: String, to account: StaffAccount, by lead: StaffAccount, due: String? = nil, _ store: any LiaisonStore
    )
        async throws -> FollowUp
    {
        try await store.createFollowUp(
            FollowUpInput(title: title, assigneeAccountId: account.id, dueDate: due),
            by: AuditActor(accountId: lead.id, name: lead.name))
    }

    private func claim(_ store: any LiaisonStore, now: Date = Date(), limit: Int = 100) async throws
        -> [ClaimedNotification]
    {
        try await store.claimNotificationsToMail(
            now: now, since: now.addingTimeInterval(-86400), leaseUntil: now.addingTimeInterval(600), maxAttempts: 5,
            limit: limit)
    }

    @Test(arguments: TestEngine.available)
    func simultaneousClaimsMailEachEntryOnce(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            for index in 0..<12 { _ = try await assign("Follow-up \(index)", to: s.agnes, by: s.lead, store) }
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for _ in 0..<8 {
                    group.addTask { try await claim(store, limit: 5).map(\.notification.id) }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claims.count == 12)
            #expect(Set(claims).count == 12)
            #expect(try await claim(store).isEmpty, "claimed entries wait for their lease to run out")

            try await store.markNotificationsMailed(ids: claims, at: Date())
            #expect(try await claim(store, now: Date().addingTimeInterval(3600)).isEmpty, "mailed entries never again")
        }
    }

    @Test(arguments: TestEngine.available)
    func onlyUnreadRecentEntriesOfEnabledAccountsAreClaimed(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let viewer = try await store.createAccount(
                StaffAccountInput(email: "viewer@example.org", name: "Viewer", role: .viewer), passwordHash: "hash",
                by: .system)
            _ = try await assign("For Agnès", to: s.agnes, by: s.lead, due: "2020-01-01", store)
            _ = try await assign("Read already", to: s.lead, by: s.agnes, store)
            _ = try await assign("For someone disabled", to: viewer, by: s.lead, store)
            _ = try await store.updateAccount(id: viewer.id, .isDisabled(true), by: .system)
            try await store.markNotificationsRead(accountId: s.lead.id)
            // An overdue reminder waits for the digest.
            try await store.remindOverdueFollowUps(accountId: s.agnes.id, today: "2026-01-01")

            let claimed = try await claim(store)
            #expect(claimed.map(\.notification.title) == ["For Agnès"])
            #expect(claimed.first?.notification.reason == .followUpAssigned)
            #expect(claimed.first?.attempts == 1)
            // A day later nothing old is mailed, whatever was never claimed.
            let tomorrow = Date().addingTimeInterval(2 * 86400)
            try await store.deferNotificationMail(ids: claimed.map(\.notification.id), until: Date())
            #expect(try await claim(store, now: tomorrow).isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func aFailedMailIsTriedAgainAfterItsWaitAndNotAfterTheLastTry(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            _ = try await assign("Invite Foshan", to: s.agnes, by: s.lead, store)
            let now = Date()
            let first = try await claim(store, now: now)
            #expect(first.count == 1)
            let ids = first.map(\.notification.id)
            try await store.deferNotificationMail(ids: ids, until: now.addingTimeInterval(60))
            #expect(try await claim(store, now: now.addingTimeInterval(30)).isEmpty)
            let second = try await claim(store, now: now.addingTimeInterval(61))
            #expect(second.map(\.attempts) == [2])
            try await store.deferNotificationMail(ids: ids, until: now.addingTimeInterval(62), giveUpAt: 5)
            #expect(try await claim(store, now: now.addingTimeInterval(3600)).isEmpty, "given up")
        }
    }

    @Test(arguments: TestEngine.available)
    func aDigestIsClaimedOncePerAccountAndDayAcrossServers(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let now = Date()
            let claims = try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await store.claimDigest(
                            accountId: s.agnes.id, day: "2026-12-15", now: now, leaseUntil: now.addingTimeInterval(600),
                            maxAttempts: 5)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(claims.compactMap { $0 } == [1])

            // A failed digest is taken again once its wait is over, then sent once.
            try await store.deferDigest(accountId: s.agnes.id, day: "2026-12-15", until: now.addingTimeInterval(60))
            let early = try await store.claimDigest(
                accountId: s.agnes.id, day: "2026-12-15", now: now.addingTimeInterval(30),
                leaseUntil: now.addingTimeInterval(630), maxAttempts: 5)
            #expect(early == nil)
            let again = try await store.claimDigest(
                accountId: s.agnes.id, day: "2026-12-15", now: now.addingTimeInterval(61),
                leaseUntil: now.addingTimeInterval(661), maxAttempts: 5)
            #expect(again == 2)
            #expect(
                try await store.digestRecipients(maxAttempts: 5).first { $0.accountId == s.agnes.id }?.lastDay == nil)
            try await store.finishDigest(accountId: s.agnes.id, day: "2026-12-15", items: 3, at: now)
            let later = try await store.claimDigest(
                accountId: s.agnes.id, day: "2026-12-15", now: now.addingTimeInterval(7200),
                leaseUntil: now.addingTimeInterval(7800), maxAttempts: 5)
            #expect(later == nil)

            let recipients = try await store.digestRecipients(maxAttempts: 5)
            #expect(recipients.map(\.email) == ["agnes@example.org", "lead@example.org"])
            #expect(recipients.first?.lastDay == "2026-12-15")
            _ = try await store.updateAccount(id: s.lead.id, .isDisabled(true), by: .system)
            #expect(try await store.digestRecipients(maxAttempts: 5).map(\.email) == ["agnes@example.org"])

            try await store.pruneDigests(before: "2026-12-16")
            #expect(try await store.digestRecipients(maxAttempts: 5).first?.lastDay == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func theDigestListsWhatIsDueByItsDayOverdueFirst(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let s = try await seed(store)
            let today = try await assign("Call Foshan", to: s.agnes, by: s.lead, due: "2026-12-15", store)
            let overdue = try await assign("Request contacts", to: s.agnes, by: s.lead, due: "2026-12-01", store)
            _ = try await assign("Invite Zhuhai", to: s.agnes, by: s.lead, due: "2026-12-16", store)
            _ = try await assign("Undated", to: s.agnes, by: s.lead, store)
            let items = try await store.listFollowUps(FollowUpQuery(assigneeAccountId: s.agnes.id, dueBy: "2026-12-15"))
            #expect(items.map(\.id) == [overdue.id, today.id])
        }
    }
}
