import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func recordAudit(_ event: AuditEvent) async throws {
        try await write { db in try Self.appendAudit(db, event) }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await read { db in
            let select = AuditRows.select(query, dialect: SQLiteDialect())
            return try Row.fetchAllCached(db, sql: select.sql, arguments: StatementArguments(select.binds))
                .map(AuditRows.entry)
        }
    }

    /// Appends an entry inside the caller's transaction, so the change and its record stand or fall together.
    static func appendAudit(_ db: Database, _ event: AuditEvent, at: Date = SQLiteStore.now()) throws {
        try db.run([AuditRows.insert(event, at: at, dialect: SQLiteDialect())])
    }
}
