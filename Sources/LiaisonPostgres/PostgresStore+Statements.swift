import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public var dialect: any SQLDialect { PostgresDialect() }

    public func fetch<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await read { db in try await db.rows(statement.sql, statement.binds).map(decode) }
    }

    public func execute(_ statements: [SQLFragment]) async throws {
        try await write { db in try await db.run(statements) }
    }

    public func writeReturning<Value: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> Value
    ) async throws -> [Value] {
        try await write { db in try await db.rows(statement.sql, statement.binds).map(decode) }
    }
}
