import Foundation
import LiaisonCore
import LiaisonStore
import Logging
import NIOSSL
import PostgresNIO

/// The shared engine: PostgreSQL through PostgresNIO's connection pool, for deployments with several app
/// servers. Every write is one transaction that locks the rows it checks (`FOR UPDATE`), so a stale
/// version is refused whichever server the other edit came through. The pool must be running
/// (`run()` as a service of the application, or `withRunning`) before the store is used.
public final class PostgresStore: LiaisonStore, Sendable {
    public let settings: PostgresSettings
    let client: PostgresClient
    let logger: Logger

    public init(settings: PostgresSettings, logger: Logger = Logger(label: "liaison.postgres")) throws {
        self.settings = settings
        self.logger = logger
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: try Self.tls(settings))
        configuration.options.maximumConnections = settings.poolSize
        configuration.options.connectTimeout = .seconds(10)
        if let schema = settings.schema {
            configuration.options.additionalStartupParameters = [("search_path", "\(schema), public")]
        }
        client = PostgresClient(configuration: configuration, backgroundLogger: Self.poolLogger(logger))
    }

    public var location: String { "PostgreSQL \(settings.redacted)" }

    /// Runs the connection pool until the task is cancelled or the service group shuts down.
    public func run() async {
        await client.run()
    }

    /// Runs the pool for as long as `body` runs.
    public func withRunning<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Connects once, outside the pool, so that a wrong address, a refused connection or a refused
    /// password stops start-up at once with a message that says which (never the password).
    public func checkConnection() async throws {
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: try Self.connectionTLS(settings))
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw PostgresStoreError(
                "Cannot connect to PostgreSQL at \(settings.redacted): \(Self.describe(error))")
        }
    }

    // MARK: - Migrations

    /// Applies the migrations not yet applied, under an advisory lock so that app servers starting
    /// together do not race; refuses to go on when an extension the schema needs is missing.
    public func migrate() async throws {
        try await write { db in
            // One fixed lock key for Liaison's migrations (the bytes of "liaison").
            try await db.execute("SELECT pg_advisory_xact_lock(7307435716530541)")
            if let schema = self.settings.schema {
                try await db.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
            }
            try await db.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """)
            let applied = Set(try await db.rows("SELECT name FROM schema_migration").map { try $0["name"] as String })
            for migration in PostgresMigrations.all where !applied.contains(migration.name) {
                if migration.sql.contains("pg_trgm") { try await Self.requireExtension("pg_trgm", db) }
                do {
                    for sql in PostgresMigrations.statements(migration.sql) { try await db.execute(sql) }
                    if PostgresMigrations.reindexingSearch.contains(migration.name) { try await SearchReindex.run(db) }
                } catch {
                    throw PostgresStoreError("Migration \(migration.name) failed: \(Self.describe(error))")
                }
                try await db.execute("INSERT INTO schema_migration (name) VALUES (?)", migration.name)
            }
        }
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await read { db in
            try await db.rows("SELECT name FROM schema_migration ORDER BY name").map { try $0["name"] as String }
        }
    }

    /// Drops the store's own schema and everything in it: a network removed from a shared database, or a
    /// test's throwaway schema. Refused when the store uses the default schema.
    public func dropSchema() async throws {
        guard let schema = settings.schema else {
            throw PostgresStoreError("Only a store in a schema of its own (?schema=) can be dropped.")
        }
        try await read { db in try await db.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
    }

    /// Whether this store's connections to the server are encrypted with TLS.
    public func connectionIsEncrypted() async throws -> Bool {
        try await read { db in
            try await db.value(Bool.self, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") ?? false
        }
    }

    /// Whether the role Liaison connects as is a superuser (it need not and should not be).
    public func connectsAsSuperuser() async throws -> Bool {
        try await read { db in
            try await db.value(Bool.self, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user") ?? false
        }
    }

    static func requireExtension(_ name: String, _ db: Connection) async throws {
        if try await db.value(Bool.self, "SELECT true FROM pg_available_extensions WHERE name = ?", name) == nil {
            throw PostgresStoreError(
                "The PostgreSQL extension \(name) is not installed on the server; Liaison needs it "
                    + "(on Debian: apt-get install postgresql-contrib).")
        }
    }

    // MARK: - Transactions

    /// Runs `body` on one connection without a transaction: for reads of a single statement.
    func read<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(Connection(connection: connection, logger: logger))
        }
    }

    /// Runs `body` on a consistent snapshot: for reads of several statements.
    func snapshot<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        try await write { db in
            try await db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try await body(db)
        }
    }

    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws. The
    /// error thrown is the body's own (a version conflict stays a version conflict), not PostgresNIO's wrapper.
    func write<T: Sendable>(_ body: (Connection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(Connection(connection: connection, logger: logger))
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }

    /// The time stored on writes (see `Date.storedNow`).
    static func now() -> Date { .storedNow() }

    /// The pool's own log, without its warning that a lease came before `run()` had started: `withRunning`
    /// starts both together and the lease simply waits.
    private static func poolLogger(_ logger: Logger) -> Logger {
        var pool = Logger(label: logger.label) { _ in
            QuietLeaseLogHandler(wrapped: logger.handler)
        }
        pool.logLevel = logger.logLevel
        return pool
    }

    // MARK: - TLS

    private static func clientTLSConfiguration(_ settings: PostgresSettings) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch settings.tls {
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            if let path = settings.rootCertificatePath { tls.trustRoots = .file(path) }
        case .disable, .prefer, .require:
            // As libpq: "prefer" and "require" encrypt without checking whom they talk to.
            tls.certificateVerification = .none
        }
        return tls
    }

    private static func tls(_ settings: PostgresSettings) throws -> PostgresClient.Configuration.TLS {
        switch settings.tls {
        case .disable: .disable
        case .prefer: .prefer(clientTLSConfiguration(settings))
        case .require, .verifyFull: .require(clientTLSConfiguration(settings))
        }
    }

    private static func connectionTLS(_ settings: PostgresSettings) throws -> PostgresConnection.Configuration.TLS {
        do {
            switch settings.tls {
            case .disable: return .disable
            case .prefer: return .prefer(try NIOSSLContext(configuration: clientTLSConfiguration(settings)))
            case .require, .verifyFull:
                return .require(try NIOSSLContext(configuration: clientTLSConfiguration(settings)))
            }
        } catch {
            throw PostgresStoreError("The TLS settings of \(settings.redacted) are not usable: \(error)")
        }
    }

    /// What went wrong, in words, from PostgresNIO's error (whose own description hides everything).
    static func describe(_ error: any Error) -> String {
        let underlying = (error as? PSQLError)?.underlying.map { "\($0)" } ?? "\(error)"
        if underlying.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's TLS certificate could not be verified for this host (sslmode=verify-full; "
                + "name the certificate authority with sslrootcert= when it is a private one)"
        }
        guard let error = error as? PSQLError else { return "\(error)" }
        if error.code == .sslUnsupported {
            return "the server does not offer TLS, which sslmode=require and verify-full need"
        }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + state
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }

    /// The SQLSTATE of a server error, such as 23505 for a unique violation.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}

/// A failure of the PostgreSQL engine explained in words (connection, TLS, extension, migration).
public struct PostgresStoreError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Passes every message on but the pool's warning about a lease before `run()`.
private struct QuietLeaseLogHandler: LogHandler {
    var wrapped: any LogHandler

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if event.message.description.hasPrefix("Trying to lease connection from `PostgresClient`") { return }
        wrapped.log(event: event)
    }
}
