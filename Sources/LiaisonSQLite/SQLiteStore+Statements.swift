import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public var dialect: any SQLDialect { SQLiteDialect() }

    public func fetch<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await read { db in try db.run(statement.rows(decode)) }
    }

    /// A pool's read is a snapshot: WAL lets it read one moment while a write goes on.
    public func reading<Value: Sendable>(_ make: @escaping @Sendable (any SQLDialect) -> SQLPlan<Value>)
        async throws -> Value
    {
        try await read { db in try db.run(make(SQLiteDialect())) }
    }

    public func writing<Value: Sendable>(_ make: @escaping @Sendable (any SQLDialect) -> SQLPlan<Value>)
        async throws -> Value
    {
        try await write { db in try db.run(make(SQLiteDialect())) }
    }

    public func writeReturning<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await write { db in
            try Row.fetchAll(db, sql: statement.sql, arguments: StatementArguments(statement.binds)).map(decode)
        }
    }
}
