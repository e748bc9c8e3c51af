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
            // Each filter the query sets adds one condition; the ones left nil add none.
            let filters: [(condition: String, value: (any DatabaseValueConvertible)?)] = [
                ("actor_account_id = ?", query.actorAccountId), ("entity = ?", query.entity?.rawValue),
                ("entity_id = ?", query.entityId), ("action = ?", query.action?.rawValue), ("at >= ?", query.from),
                ("at < ?", query.to),
            ].filter { $0.value != nil }
            var conditions = filters.map(\.condition)
            if let inList = query.entityIdsCondition { conditions.append(inList) }
            var arguments = filters.map(\.value)
            arguments += query.boundedEntityIds.map { $0 as (any DatabaseValueConvertible)? }
            arguments.append(min(max(query.limit, 1), 1000))
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAllCached(
                db, sql: "SELECT * FROM audit \(filter) ORDER BY id DESC LIMIT ?",
                arguments: StatementArguments(arguments)
            ).map { row in
                let changes = try JSONDecoder().decode([FieldChange].self, from: Data((row["changes"] as String).utf8))
                let actor = AuditActor(
                    accountId: row["actor_account_id"], name: row["actor_name"], address: row["address"])
                return AuditEntry(
                    id: row["id"], at: row["at"],
                    event: AuditEvent(
                        actor: actor, action: AuditAction(rawValue: row["action"]) ?? .update,
                        entity: (row["entity"] as String?).flatMap(RecordKind.init(rawValue:)),
                        entityId: row["entity_id"], summary: row["summary"], changes: changes))
            }
        }
    }

    /// Appends an entry inside the caller's transaction, so the change and its record stand or fall together.
    static func appendAudit(_ db: Database, _ event: AuditEvent, at: Date = SQLiteStore.now()) throws {
        let changes = String(decoding: try JSONEncoder().encode(event.changes), as: UTF8.self)
        try db.executeCached(
            sql: """
                INSERT INTO audit (at, actor_account_id, actor_name, address, action, entity, entity_id, summary, changes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                at, event.actor.accountId, event.actor.name, event.actor.address, event.action.rawValue,
                event.entity?.rawValue,
                event.entityId, event.summary, changes,
            ])
    }
}
