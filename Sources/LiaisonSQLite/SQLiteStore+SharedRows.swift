import GRDB
import LiaisonStore

/// The shared reads made in LiaisonStore, run on a consistent snapshot.
extension SQLiteStore {
    public var dialect: any SQLDialect { SQLiteDialect() }

    public func rows<T: Sendable>(
        _ statement: SQLFragment, _ decode: @escaping @Sendable (any SQLRow) throws -> T
    ) async throws -> [T] {
        try await read { db in
            try Row.fetchAllCached(db, sql: statement.sql, arguments: StatementArguments(statement.binds))
                .map { try decode($0) }
        }
    }
}
