import Foundation
import GRDB
import LiaisonCore
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import Testing

/// What only the SQLite engine promises: the durability settings and the migrations.
@Suite struct SQLiteEngineTests {
    @Test func databaseIsDurableWithForeignKeys() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore.open(path: directory.appendingPathComponent("db.sqlite").path)

        #expect(try await store.pragma("journal_mode") == "wal")
        #expect(try await store.pragma("synchronous") == "2")  // FULL
        #expect(try await store.pragma("foreign_keys") == "1")
        #expect(try await store.appliedMigrations().first == "001 organizations")
    }

    @Test func reopeningKeepsEveryAcknowledgedWrite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let id = try await SQLiteStore.open(path: path).createOrganization(.guangzhou).id

        let reopened = try SQLiteStore.open(path: path)

        #expect(try await reopened.organization(id: id)?.name == "Guangzhou")
        #expect(try await reopened.listOrganizations(OrganizationQuery(text: "广州")).total == 1)
    }
}

@Suite struct SQLiteAuditTrailTests {
    @Test func theTrailCannotBeRewrittenEvenWithSQL() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.sqlite").path
        let store = try SQLiteStore.open(path: path)
        _ = try await store.createOrganization(.guangzhou, by: .system)

        let raw = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try raw.write { try $0.execute(sql: "UPDATE audit SET summary = 'x'") } }
        #expect(throws: (any Error).self) { try raw.write { try $0.execute(sql: "DELETE FROM audit") } }
        #expect(try await store.auditEntries(AuditQuery()).first?.summary == "Guangzhou")
    }
}
