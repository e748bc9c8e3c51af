import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func recordAudit(_ event: AuditEvent) async throws {
        try await read { db in try await Self.appendAudit(db, event) }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await read { db in
            // Each filter the query sets adds one condition; the ones left nil add none.
            let filters: [(condition: String, value: (any SQLValue)?)] = [
                ("actor_account_id = ?", query.actorAccountId), ("entity = ?", query.entity?.rawValue),
                ("entity_id = ?", query.entityId), ("action = ?", query.action?.rawValue), ("at >= ?", query.from),
                ("at < ?", query.to),
            ].filter { $0.value != nil }
            var conditions = filters.map(\.condition)
            if let inList = query.entityIdsCondition { conditions.append(inList) }
            var values = filters.compactMap(\.value)
            values += query.boundedEntityIds.map { $0 as any SQLValue }
            values.append(min(max(query.limit, 1), 1000))
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try await db.rows(
                "SELECT *, changes::text AS changes_json FROM audit \(filter) ORDER BY id DESC LIMIT ?", values
            ).map { row in
                let changes = try JSONDecoder().decode(
                    [FieldChange].self, from: Data((try row["changes_json"] as String).utf8))
                let actor = AuditActor(
                    accountId: try row["actor_account_id"], name: try row["actor_name"], address: try row["address"])
                return AuditEntry(
                    id: try row["id"], at: try row["at"],
                    event: AuditEvent(
                        actor: actor, action: AuditAction(rawValue: try row["action"]) ?? .update,
                        entity: (try row["entity"] as String?).flatMap(RecordKind.init(rawValue:)),
                        entityId: try row["entity_id"], summary: try row["summary"],
                        changes: changes))
            }
        }
    }

    /// Appends an entry inside the caller's transaction, so the change and its record stand or fall together.
    static func appendAudit(_ db: Connection, _ event: AuditEvent, at: Date = PostgresStore.now()) async throws {
        let changes = String(decoding: try JSONEncoder().encode(event.changes), as: UTF8.self)
        try await db.execute(
            """
            INSERT INTO audit (at, actor_account_id, actor_name, address, action, entity, entity_id, summary, changes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            """, at, event.actor.accountId, event.actor.name, event.actor.address, event.action.rawValue,
            event.entity?.rawValue,
            event.entityId, event.summary, changes)
    }
}
