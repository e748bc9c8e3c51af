import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

/// The embedded engine: one SQLite file in WAL mode, every commit synced (`synchronous=FULL`) so an
/// acknowledged write survives a crash, foreign keys enforced.
public struct SQLiteStore: LiaisonStore {
    let writer: any DatabaseWriter

    /// Opens (creating when missing) the database file at `path` and brings its schema up to date.
    /// `observingStatements` is handed every statement as SQLite runs it, with its arguments written in: the
    /// tests that count a page's queries and read their plans use it.
    public static func open(path: String, observingStatements observe: (@Sendable (String) -> Void)? = nil) throws
        -> SQLiteStore
    {
        let pool = try DatabasePool(path: path, configuration: configuration(observe: observe))
        let store = SQLiteStore(writer: pool)
        try Migrations.migrator.migrate(pool)
        return store
    }

    /// A private database in memory, for tests and throwaway runs.
    public static func inMemory() throws -> SQLiteStore {
        let queue = try DatabaseQueue(configuration: configuration())
        try Migrations.migrator.migrate(queue)
        return SQLiteStore(writer: queue)
    }

    private static func configuration(observe: (@Sendable (String) -> Void)? = nil) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A page cache of its own for each connection (16 MB instead of 2): a search at a million people
            // reads many pages of the search index. Not memory-mapped: every connection maps the file apart,
            // and with six connections 128 MB of mapping each put 550 MB in the server's resident memory.
            try db.execute(sql: "PRAGMA cache_size = \(pageCacheSize)")
            if let observe {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { observe(statement.expandedSQL) }
                }
            }
        }
        return configuration
    }

    /// Each connection's page cache, in SQLite's unit for `cache_size` (negative: kibibytes).
    static let pageCacheSize = -16384

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public var location: String {
        let path = writer.path
        return path == ":memory:" || path.isEmpty ? "SQLite, in memory" : "SQLite file \(path)"
    }

    public func migrate() async throws {
        try Migrations.migrator.migrate(writer)
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// SQLite's own answer to `PRAGMA name`, for checking the durability settings.
    public func pragma(_ name: String) async throws -> String? {
        guard name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        return try await writer.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// Runs `body` inside one write transaction; used by the stores' extensions.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.read(body)
    }

    /// The time stored on writes (see `Date.storedNow`).
    static func now() -> Date { .storedNow() }
}

extension Database {
    /// Runs a large batch of record writes: with room for its pages (64 MB instead of 16) so SQLite does not
    /// spill them to the journal as the transaction grows, and with the search indexes' merging of their
    /// segments paused until the batch is in (a third of an import's time at a million people). Later
    /// writes merge as usual.
    func withBatchWrite<T>(_ body: () throws -> T) throws -> T {
        let searchIndexes = ["organization_fts", "person_fts", "person_position_fts", "activity_fts"]
        return try withPageCache(megabytes: 64) {
            for index in searchIndexes {
                try execute(sql: "INSERT INTO \(index) (\(index), rank) VALUES ('automerge', 0)")
            }
            let result = try body()
            for index in searchIndexes {
                try execute(sql: "INSERT INTO \(index) (\(index), rank) VALUES ('automerge', 4)")
            }
            return result
        }
    }

    /// Runs `body` with a larger page cache and gives the connection its usual one back afterwards, whether
    /// `body` succeeds or fails (a failed import must not leave a writer holding hundreds of megabytes).
    func withPageCache<T>(megabytes: Int, _ body: () throws -> T) throws -> T {
        try execute(sql: "PRAGMA cache_size = -\(megabytes * 1024)")
        defer { try? execute(sql: "PRAGMA cache_size = \(SQLiteStore.pageCacheSize)") }
        return try body()
    }

    /// Runs one statement through the connection's statement cache: record writes and loads repeat the same
    /// few statements, and preparing them (with GRDB's authorizer) cost more than running them in an import.
    func executeCached(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

extension Row {
    /// `fetchAll` through the connection's statement cache (see `Database.executeCached`).
    static func fetchAllCached(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
