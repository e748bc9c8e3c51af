import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonPostgres

/// What only the PostgreSQL engine promises: an ordinary role, its migrations, an append-only trail
/// even against SQL, and several app servers (here, several stores) on one database behaving as one.
@Suite(.enabled(if: TestEngine.postgresURL != nil))
struct PostgresEngineTests {
    @Test func theAppRoleIsNotASuperuserAndTheMigrationsAreApplied() async throws {
        try await TestEngine.withPostgresStore { store in
            #expect(try await store.connectsAsSuperuser() == false)
            #expect(
                try await store.appliedMigrations() == [
                    "001 organizations", "002 accounts and audit", "003 focal point account",
                    "004 workspace settings", "005 people", "006 indexes for the largest networks",
                    "007 international calendar", "008 ids never reused",
                    "009 rate limits, known devices and session details", "010 search reaches further",
                    "011 workspace currency", "012 reports and follow-ups", "013 mail", "014 membership pipeline",
                    "015 comments notify the report's authors", "016 working groups and interests",
                    "017 opportunities", "018 delegations", "019 coverage", "020 organizations without coordinates",
                ])
            // Migrating again changes nothing.
            try await store.migrate()
            #expect(try await store.appliedMigrations().count == 20)
        }
    }

    @Test func aMissingExtensionIsNamedWithWhereToGetIt() async throws {
        try await TestEngine.withPostgresStore { store in
            try await store.read { db in try await PostgresStore.requireExtension("pg_trgm", db) }
            await #expect {
                try await store.read { db in try await PostgresStore.requireExtension("pg_nonexistent", db) }
            } throws: { error in
                "\(error)".contains("The PostgreSQL extension pg_nonexistent is not installed on the server")
                    && "\(error)".contains("postgresql-contrib")
            }
        }
    }

    @Test func theTrailCannotBeRewrittenEvenWithSQL() async throws {
        try await TestEngine.withPostgresStore { store in
            _ = try await store.createOrganization(.guangzhou)
            await #expect(throws: (any Error).self) {
                try await store.read { db in try await db.execute("UPDATE audit SET summary = 'x'") }
            }
            await #expect(throws: (any Error).self) {
                try await store.read { db in try await db.execute("DELETE FROM audit") }
            }
            await #expect(throws: (any Error).self) {
                try await store.read { db in try await db.execute("TRUNCATE audit") }
            }
            #expect(try await store.auditEntries(AuditQuery()).first?.summary == "Guangzhou")
        }
    }

    @Test func twoServersShareSessionsWritesAndVersions() async throws {
        try await TestEngine.withPostgresStore { first in
            // A second pool on the same schema, as a second app server would open.
            let second = try PostgresStore(settings: first.settings)
            try await second.withRunning {
                let account = try await first.createAccount(
                    StaffAccountInput(email: "ada@example.org", name: "Ada", role: .admin), passwordHash: "h",
                    by: .system)
                let now = Date()
                try await first.createSession(
                    StaffSession(
                        tokenHash: "t", accountId: account.id, csrfToken: "c", createdAt: now, lastSeenAt: now,
                        expiresAt: now.addingTimeInterval(60)))
                #expect(try await second.session(tokenHash: "t")?.account.id == account.id)
                try await second.deleteSession(tokenHash: "t")
                #expect(try await first.session(tokenHash: "t") == nil)

                let created = try await first.createOrganization(.guangzhou)
                var renamed = created.input
                renamed.name = "Guangzhou Municipality"
                _ = try await second.updateOrganization(id: created.id, expectedVersion: 1, renamed, by: .system)
                await #expect(
                    throws: StoreError.versionConflict(entity: .organization, id: created.id, currentVersion: 2)
                ) {
                    try await first.updateOrganization(id: created.id, expectedVersion: 1, created.input, by: .system)
                }
                #expect(try await first.organization(id: created.id)?.name == "Guangzhou Municipality")
            }
        }
    }

    @Test func ofManySimultaneousEditsOfOneVersionExactlyOneWins() async throws {
        try await TestEngine.withPostgresStore { store in
            let created = try await store.createOrganization(.guangzhou)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        var input = created.input
                        input.population = index
                        do {
                            _ = try await store.updateOrganization(
                                id: created.id, expectedVersion: 1, input, by: .system)
                            return true
                        } catch is StoreError {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await store.organization(id: created.id)?.version == 2)
        }
    }
}

/// TLS to the database, against the test server's own certificate (`LIAISON_TEST_POSTGRES_CA`).
@Suite(.enabled(if: TestEngine.postgresURL != nil && TestEngine.postgresCertificate != nil))
struct PostgresTLSTests {
    private func settings(_ parameters: String) throws -> PostgresSettings {
        let url = try #require(TestEngine.postgresURL)
        return try PostgresSettings(url: url + (url.contains("?") ? "&" : "?") + parameters)
    }

    private func encrypted(_ settings: PostgresSettings) async throws -> Bool {
        let store = try PostgresStore(settings: settings)
        try await store.checkConnection()
        return try await store.withRunning { try await store.connectionIsEncrypted() }
    }

    @Test func eachSSLModeConnectsAsItSays() async throws {
        let certificate = try #require(TestEngine.postgresCertificate)
        #expect(try await encrypted(settings("sslmode=verify-full&sslrootcert=\(certificate)")))
        #expect(try await encrypted(settings("sslmode=require")))
        #expect(try await encrypted(settings("sslmode=prefer")))
        #expect(try await encrypted(settings("sslmode=disable")) == false)
    }

    @Test func verifyFullRefusesACertificateItCannotCheck() async throws {
        let store = try PostgresStore(settings: settings("sslmode=verify-full"))
        await #expect {
            try await store.checkConnection()
        } throws: { error in
            "\(error)".contains("the server's TLS certificate could not be verified")
        }
    }
}
