import Foundation
import LiaisonPostgres
import LiaisonSQLite
import LiaisonStore
import Testing

/// The engines the storage contract runs against: SQLite always, PostgreSQL when `LIAISON_TEST_POSTGRES`
/// names a database (the test script starts a private server and sets it).
public enum TestEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    /// The database URL of the PostgreSQL server the tests may use, when there is one.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["LIAISON_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The certificate the test server presents, for connecting with sslmode=verify-full.
    public static var postgresCertificate: String? {
        ProcessInfo.processInfo.environment["LIAISON_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var available: [TestEngine] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    /// The engine the HTTP tests run on: `LIAISON_TEST_ENGINE=postgres` runs them on PostgreSQL.
    public static var forHTTP: TestEngine {
        ProcessInfo.processInfo.environment["LIAISON_TEST_ENGINE"].flatMap(TestEngine.init(rawValue:)) ?? .sqlite
    }

    public var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty store of this engine and removes it afterwards: a temporary file
    /// for SQLite, a schema of its own in the test database for PostgreSQL.
    public func withStore<T: Sendable>(_ body: (any LiaisonStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "liaison-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteStore.open(path: directory.appendingPathComponent("test.sqlite").path)
            return try await body(store)
        case .postgres:
            return try await Self.withPostgresStore { try await body($0) }
        }
    }

    /// Drops a schema of the test database that a test made through a URL of its own.
    public static func dropSchema(_ schema: String) async throws {
        guard let url = postgresURL else { return }
        var settings = try PostgresSettings(url: url)
        settings.schema = schema
        let store = try PostgresStore(settings: settings)
        try await store.withRunning { try await store.dropSchema() }
    }

    /// A store in a new schema of the test database, dropped afterwards whatever `body` did.
    public static func withPostgresStore<T: Sendable>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        guard let url = postgresURL else {
            throw PostgresStoreError("LIAISON_TEST_POSTGRES is not set")
        }
        var settings = try PostgresSettings(url: url)
        settings.schema = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        settings.poolSize = 4
        let store = try PostgresStore(settings: settings)
        return try await store.withRunning {
            do {
                try await store.migrate()
                let result = try await body(store)
                try await store.dropSchema()
                return result
            } catch {
                try? await store.dropSchema()
                throw error
            }
        }
    }
}
