import LiaisonStore

/// The shared reads made in LiaisonStore, run as one statement.
extension PostgresStore {
    public var dialect: any SQLDialect { PostgresDialect() }

    public func rows<T: Sendable>(_ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> T)
        async throws -> [T]
    {
        try await read { db in try await db.rows(statement.sql, statement.binds).map { try decode($0) } }
    }
}
