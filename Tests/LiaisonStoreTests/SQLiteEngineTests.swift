import Foundation
import GRDB
import LiaisonCore
@testable import LiaisonSQLite
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

@Suite struct StoredDateTests {
    /// The import writes dates itself; they must be the very text GRDB writes everywhere else.
    @Test func datesAreWrittenAsGRDBWritesThem() throws {
        var generator = SystemRandomNumberGenerator()
        var milliseconds: [Int64] = [0, 1, 999, 86_399_999, 951_782_400_000, 4_102_444_799_999, -1, -86_400_001]
        for _ in 0..<100_000 { milliseconds.append(Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator)) }
        for value in milliseconds {
            let date = Date(timeIntervalSince1970: Double(value) / 1000)
            #expect(StoredDate.text(date) == String.fromDatabaseValue(date.databaseValue), "\(value)")
        }
    }
}
