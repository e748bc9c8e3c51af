import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public var dialect: any SQLDialect { SQLiteDialect() }

    public func fetch<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await read { db in
            try Row.fetchAllCached(db, sql: statement.sql, arguments: StatementArguments(statement.binds)).map(decode)
        }
    }

    public func execute(_ statements: [SQLFragment]) async throws {
        try await write { db in try db.run(statements) }
    }

    public func writeReturning<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await write { db in
            try Row.fetchAll(db, sql: statement.sql, arguments: StatementArguments(statement.binds)).map(decode)
        }
    }
}
