import ArgumentParser
import Foundation
import LiaisonPostgres
import LiaisonSQLite
import LiaisonStore
import Logging

/// Where the data lives: a SQLite file (the embedded default) or a PostgreSQL database.
enum DatabaseLocation: Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    /// Reads `text` as a postgres:// URL or a file path, or says what is wrong with it (never its password).
    static func read(_ text: String) throws(SettingRefusal) -> DatabaseLocation {
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw SettingRefusal(afterName: " must be a SQLite file path or a postgres:// URL; it is empty.")
        }
        if PostgresSettings.isPostgresURL(text) {
            do {
                return .postgres(try PostgresSettings(url: text))
            } catch let error as PostgresSettings.URLError {
                throw .because(error.description)
            } catch {
                // PostgresSettings throws only URLError; whatever else could repeat the password.
                throw .because("it cannot be read as a PostgreSQL URL.")
            }
        }
        if text.contains("://") {
            throw SettingRefusal(
                afterName: " must be a SQLite file path or a postgres:// URL; got \(PostgresSettings.redact(text)).")
        }
        return .sqlite(path: text)
    }

    /// Reads `text` as `read(_:)` does; `source` names the flag or variable in errors.
    static func parse(_ text: String, source: String) throws(Configuration.SettingError) -> DatabaseLocation {
        do {
            return try read(text)
        } catch {
            throw Configuration.SettingError(description: error.message(naming: source))
        }
    }

    /// The location as messages show it: never with a password.
    var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let settings): settings.redacted
        }
    }

    /// Opens the store, brings its schema up to date and runs `body` with it; for PostgreSQL the
    /// connection pool runs for as long as `body` does. A file's folder is created when missing. Failing to
    /// connect, a missing extension or a failed migration stops here with a message that says which.
    func withStore<T: Sendable>(logger: Logger, _ body: (any LiaisonStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            let store: SQLiteStore
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                store = try SQLiteStore.open(path: url.path)
            } catch {
                throw CommandFailure("Cannot open the SQLite database at \(url.path): \(error)")
            }
            return try await body(store)
        case .postgres(let settings):
            let store = try PostgresStore(settings: settings, logger: logger)
            do {
                try await store.checkConnection()
            } catch let error as PostgresStoreError {
                throw CommandFailure(error.description)
            }
            return try await store.withRunning {
                do {
                    try await store.migrate()
                } catch let error as PostgresStoreError {
                    throw CommandFailure(error.description)
                }
                return try await body(store)
            }
        }
    }
}
