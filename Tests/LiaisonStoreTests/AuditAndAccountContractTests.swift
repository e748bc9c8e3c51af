import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@Suite struct AuditAndAccountContractTests {
    let agnes = AuditActor(accountId: 7, name: "Agnès Bickart", address: "127.0.0.1")

    @Test(arguments: TestEngine.available)
    func everyChangeWritesItsAuthorAndFieldsInTheSameTransaction(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let created = try await store.createOrganization(.guangzhou, by: agnes)
            var input = created.input
            input.population = 19_000_000
            input.aliases = ["Canton", "Kwangchow"]
            _ = try await store.updateOrganization(id: created.id, expectedVersion: 1, input, by: agnes)
            try await store.deleteOrganization(id: created.id, expectedVersion: 2, by: agnes)

            let trail = try await store.auditEntries(AuditQuery(entity: .organization, entityId: created.id))
            #expect(trail.map(\.action) == [.delete, .update, .create])
            #expect(trail.allSatisfy { $0.actor == agnes && $0.summary == "Guangzhou" })
            let update = trail[1]
            #expect(
                update.changes == [
                    FieldChange(field: "aliases", before: "[\"Canton\"]", after: "[\"Canton\",\"Kwangchow\"]"),
                    FieldChange(field: "population", before: "18676605", after: "19000000"),
                ])
            #expect(trail[2].changes.contains(FieldChange(field: "name", before: nil, after: "Guangzhou")))
            #expect(trail[0].changes.contains(FieldChange(field: "nativeName", before: "广州", after: nil)))
        }
    }

    @Test(arguments: TestEngine.available)
    func aRefusedChangeLeavesNoAuditEntry(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let created = try await store.createOrganization(.guangzhou, by: agnes)
            _ = try? await store.updateOrganization(id: created.id, expectedVersion: 9, created.input, by: agnes)
            var bad = created.input
            bad.affiliations = [Affiliation(networkId: 999)]
            _ = try? await store.updateOrganization(id: created.id, expectedVersion: 1, bad, by: agnes)
            #expect(try await store.auditEntries(AuditQuery()).map(\.action) == [.create])
        }
    }

    @Test(arguments: TestEngine.available)
    func auditSearchFiltersByPersonActionAndDate(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let other = AuditActor(accountId: 8, name: "Felip Roca")
            _ = try await store.createOrganization(.guangzhou, by: agnes)
            _ = try await store.createOrganization(.guangzhou.with(name: "Foshan"), by: other)
            try await store.recordAudit(AuditEvent(actor: other, action: .export, summary: "vCard of 3 people"))

            #expect(try await store.auditEntries(AuditQuery(actorAccountId: 8)).count == 2)
            #expect(try await store.auditEntries(AuditQuery(action: .export)).map(\.summary) == ["vCard of 3 people"])
            #expect(try await store.auditEntries(AuditQuery(from: Date().addingTimeInterval(3600))).isEmpty)
            #expect(try await store.auditEntries(AuditQuery(to: Date().addingTimeInterval(3600))).count == 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func accountsHaveUniqueEmailsWhateverTheCase(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let input = StaffAccountInput(email: "agnes@example.org", name: "Agnès", role: .editor)
            let account = try await store.createAccount(input, passwordHash: "hash", by: .system)
            #expect(account.version == 1 && !account.disabled && !account.totpEnabled)
            await #expect(throws: ValidationError.self) {
                try await store.createAccount(
                    StaffAccountInput(email: "AGNES@example.org", name: "Other", role: .viewer).normalized(),
                    passwordHash: "hash", by: .system)
            }
            #expect(try await store.credentials(email: "Agnes@Example.org")?.account.id == account.id)
        }
    }

    @Test(arguments: TestEngine.available)
    func disablingOrChangingThePasswordEndsSessions(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let account = try await store.createAccount(
                StaffAccountInput(email: "a@example.org", name: "A", role: .viewer), passwordHash: "h", by: .system)
            let now = Date()
            for hash in ["s1", "s2"] {
                try await store.createSession(
                    StaffSession(
                        tokenHash: hash, accountId: account.id, csrfToken: "c", createdAt: now, lastSeenAt: now,
                        expiresAt: now.addingTimeInterval(60)))
            }
            _ = try await store.updateAccount(id: account.id, .passwordHash("h2"), by: .system)
            #expect(try await store.session(tokenHash: "s1") == nil)
            try await store.createSession(
                StaffSession(
                    tokenHash: "s3", accountId: account.id, csrfToken: "c", createdAt: now, lastSeenAt: now,
                    expiresAt: now.addingTimeInterval(-1)))
            _ = try await store.updateAccount(id: account.id, .role(.editor), by: .system)
            #expect(try await store.session(tokenHash: "s3") != nil)
            #expect(try await store.deleteExpiredSessions(now: now) == 1)
            _ = try await store.updateAccount(id: account.id, .isDisabled(true), by: .system)
            #expect(try await store.account(id: account.id)?.disabled == true)
            let changes = try await store.auditEntries(AuditQuery(entity: .account, entityId: account.id))
            #expect(changes.map(\.action) == [.accountChange, .accountChange, .accountChange, .create])
            #expect(changes[1].changes == [FieldChange(field: "role", before: "viewer", after: "editor")])
        }
    }

    @Test(arguments: TestEngine.available)
    func aTOTPStepIsUsableOnce(engine: TestEngine) async throws {
        try await engine.withStore { store in
            let account = try await store.createAccount(
                StaffAccountInput(email: "a@example.org", name: "A", role: .viewer), passwordHash: "h", by: .system)
            #expect(try await store.useTOTPStep(accountId: account.id, step: 100))
            #expect(try await store.useTOTPStep(accountId: account.id, step: 100) == false)
            #expect(try await store.useTOTPStep(accountId: account.id, step: 101))
        }
    }
}
