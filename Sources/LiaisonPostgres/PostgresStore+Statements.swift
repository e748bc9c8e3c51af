import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public var dialect: any SQLDialect { PostgresDialect() }

    /// One statement needs no snapshot: it runs on a connection without opening a transaction.
    public func fetch<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await read { db in try await db.run(statement.rows(decode)) }
    }

    public func reading<Value: Sendable>(_ make: @escaping @Sendable (any SQLDialect) -> SQLPlan<Value>)
        async throws -> Value
    {
        try await snapshot { db in try await db.run(make(PostgresDialect())) }
    }

    public func writing<Value: Sendable>(_ make: @escaping @Sendable (any SQLDialect) -> SQLPlan<Value>)
        async throws -> Value
    {
        try await write { db in try await db.run(make(PostgresDialect())) }
    }

    public func writeReturning<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await write { db in try await db.rows(statement.sql, statement.binds).map(decode) }
    }
}
