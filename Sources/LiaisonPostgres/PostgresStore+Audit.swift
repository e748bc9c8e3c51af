import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func recordAudit(_ event: AuditEvent) async throws {
        try await read { db in try await Self.appendAudit(db, event) }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await read { db in
            let select = AuditRows.select(query, dialect: PostgresDialect())
            return try await db.rows(select.sql, select.binds).map(AuditRows.entry)
        }
    }

    /// Appends an entry inside the caller's transaction, so the change and its record stand or fall together.
    static func appendAudit(_ db: Connection, _ event: AuditEvent, at: Date = PostgresStore.now()) async throws {
        try await db.run([AuditRows.insert(event, at: at, dialect: PostgresDialect())])
    }
}
