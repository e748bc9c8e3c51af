import Foundation
import GRDB
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonSQLite

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
        for _ in 0..<100_000 {
            milliseconds.append(Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &generator))
        }
        for value in milliseconds {
            let date = Date(timeIntervalSince1970: Double(value) / 1000)
            #expect(StoredDate.text(date) == String.fromDatabaseValue(date.databaseValue), "\(value)")
        }
    }
}

/// Migration 008: ids never given twice on a database made before it, and on a new one.
@Suite struct LastingIdMigrationTests {
    static let tables = ["account", "organization", "person", "activity", "calendar_feed", "api_token"]

    @Test func theMigrationKeepsEveryIdIndexTriggerAndReferenceAndNeverGivesADeletedIdAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("liaison-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = try DatabasePool(path: directory.appendingPathComponent("db.sqlite").path)
        try Migrations.migrator.migrate(pool, upTo: "007 international calendar")
        // Today's store writes the columns later migrations add: the older schema has them while it is seeded.
        let later = "ALTER TABLE activity ADD COLUMN search_text TEXT NOT NULL DEFAULT ''"
        try await pool.write { try $0.execute(sql: later) }
        let before = SQLiteStore(writer: pool)
        let c40 = try await before.createOrganization(OrganizationInput(kind: .network, name: "C40"))
        var input = OrganizationInput.guangzhou
        input.affiliations = [Affiliation(networkId: c40.id)]
        let guangzhou = try await before.createOrganization(input)
        let chen = try await before.createPerson(.chen(at: guangzhou.id), by: .system)
        let agnes = try await before.createAccount(
            StaffAccountInput(email: "agnes@example.org", name: "Agnès Bickart", role: .editor), passwordHash: "hash",
            by: .system)
        let token = try await before.createAPIToken(
            NewAPIToken(accountId: agnes.id, name: "reports", tokenHash: "token-hash", canWrite: false), by: .system)
        let feed = try await before.createCalendarFeed(
            accountId: agnes.id, scope: .mine, tokenHash: "feed-hash", by: .system)
        let mission = try await before.createActivity(
            ActivityInput(
                kind: .mission, title: "Mission to China", allDay: true, start: "2026-11-08", end: "2026-11-12",
                timeZone: "Asia/Shanghai"), by: .system)
        let meeting = try await before.createActivity(
            ActivityInput(
                kind: .bilateralMeeting, title: "Meeting on housing", missionId: mission.id,
                start: "2026-11-10T15:00", end: "2026-11-10T16:30", timeZone: "Asia/Shanghai",
                placeOrganizationId: guangzhou.id, staffAccountIds: [agnes.id],
                organizations: [ActivityOrganization(organizationId: guangzhou.id, status: .attended)],
                people: [ActivityPerson(personId: chen.id, organizationId: guangzhou.id, role: .speaker)]),
            by: .system)
        // The newest of each goes, leaving only its audit entries.
        let shenzhen = try await before.createOrganization(OrganizationInput(name: "Shenzhen", country: "CN"))
        try await before.deleteOrganization(id: shenzhen.id, expectedVersion: 1)
        let li = try await before.createPerson(PersonInput(givenName: "Wei", familyName: "Li"), by: .system)
        try await before.deletePerson(id: li.id, expectedVersion: 1, by: .system)
        let call = try await before.createActivity(
            ActivityInput(kind: .call, title: "Call", start: "2026-12-01T10:00", end: "2026-12-01T10:30"), by: .system)
        try await before.deleteActivity(id: call.id, expectedVersion: 1, by: .system)
        try await pool.write { try $0.execute(sql: "ALTER TABLE activity DROP COLUMN search_text") }
        let schemaBefore = try await pool.read(Self.schema)
        let chenBefore = try #require(try await before.person(id: chen.id))
        let meetingBefore = try #require(try await before.activity(id: meeting.id))

        try Migrations.migrator.migrate(pool, upTo: "008 ids never reused")
        // The same tables but for the id's clause, the same indexes and triggers.
        let schemaAfter = try await pool.read(Self.schema)
        try Migrations.migrator.migrate(pool)
        let store = SQLiteStore(writer: pool)
        let expected = schemaBefore.mapValues { sql in
            Self.tables.contains(where: { sql.hasPrefix("CREATE TABLE \($0) (") })
                ? sql.replacing("id INTEGER PRIMARY KEY,", with: "id INTEGER PRIMARY KEY AUTOINCREMENT,") : sql
        }
        let normalized = schemaAfter.mapValues { sql in
            Self.tables.reduce(sql) { $0.replacing("CREATE TABLE \"\($1)\" (", with: "CREATE TABLE \($1) (") }
        }
        #expect(normalized == expected)
        #expect(try pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        #expect(try await store.pragma("foreign_keys") == "1")

        // Every row, with its id and what refers to it.
        #expect(try await store.organization(id: guangzhou.id)?.affiliations.map(\.networkName) == ["C40"])
        #expect(try await store.person(id: chen.id) == chenBefore)
        #expect(try await store.activity(id: meeting.id) == meetingBefore)
        #expect(try await store.account(id: agnes.id)?.email == "agnes@example.org")
        #expect(try await store.apiTokens(accountId: agnes.id).map(\.id) == [token.id])
        #expect(try await store.calendarFeeds(accountId: agnes.id).map(\.id) == [feed.id])

        // The search indexes still find the names, old and new.
        #expect(try await store.listOrganizations(OrganizationQuery(text: "广州")).items.map(\.id) == [guangzhou.id])
        #expect(try await store.listPeople(PersonQuery(text: "chen")).items.map(\.id) == [chen.id])
        #expect(try await store.listPeople(PersonQuery(position: "secretary")).items.map(\.id) == [chen.id])

        // Nothing deleted is given again, and the next ids follow on.
        let next = try await store.createOrganization(OrganizationInput(name: "Foshan", country: "CN"))
        #expect(next.id == shenzhen.id + 1)
        #expect(try await store.listOrganizations(OrganizationQuery(text: "foshan")).items.map(\.id) == [next.id])
        let wang = try await store.createPerson(PersonInput(givenName: "Ming", familyName: "Wang"), by: .system)
        #expect(wang.id == li.id + 1)
        let nextCall = try await store.createActivity(
            ActivityInput(kind: .call, title: "Call", start: "2026-12-01T10:00", end: "2026-12-01T10:30"), by: .system)
        #expect(nextCall.id == call.id + 1)

        // The foreign keys still act: the organization goes, the position and the meeting keep its name.
        try await store.deleteOrganization(id: guangzhou.id, expectedVersion: nil)
        #expect(try await store.person(id: chen.id)?.positions.map(\.organizationId) == [nil, nil])
        #expect(try await store.activity(id: meeting.id)?.input.placeOrganizationId == nil)
        #expect(throws: (any Error).self) {
            try pool.write { try $0.execute(sql: "UPDATE person SET met_at_activity_id = 999") }
        }
    }

    @Test func aNewDatabaseNeverGivesAnIdTwice() async throws {
        let store = try SQLiteStore.inMemory()
        let schema = try await store.read(Self.schema)
        for table in Self.tables {
            #expect(schema["table \(table)"]?.contains("id INTEGER PRIMARY KEY AUTOINCREMENT,") == true, "\(table)")
        }
        let first = try await store.createOrganization(.guangzhou)
        try await store.deleteOrganization(id: first.id, expectedVersion: 1)
        #expect(try await store.createOrganization(.guangzhou).id == first.id + 1)
    }

    /// Every table, index and trigger's definition, by type and name.
    @Sendable private static func schema(_ db: Database) throws -> [String: String] {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'sqlite_sequence'")
        return Dictionary(
            uniqueKeysWithValues: rows.map { ("\($0["type"] as String) \($0["name"] as String)", $0["sql"]) })
    }
}
