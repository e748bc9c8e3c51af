import Foundation
import LiaisonCore

/// The audit trail's statements and rows as both engines run and read them; the engines add only how a
/// statement is run inside their transaction.
public enum AuditRows {
    /// The entries `query` asks for, newest first; each query filter set adds one condition.
    public static func select(_ query: AuditQuery, dialect: any SQLDialect) -> SQLFragment {
        var conditions = SQLConditions()
        if let id = query.actorAccountId { conditions.add("actor_account_id = ?", .integer(id)) }
        if let entity = query.entity { conditions.add("entity = ?", .text(entity.rawValue)) }
        if let id = query.entityId { conditions.add("entity_id = ?", .integer(id)) }
        if let action = query.action { conditions.add("action = ?", .text(action.rawValue)) }
        if let from = query.from { conditions.add("at >= ?", .date(from)) }
        if let to = query.to { conditions.add("at < ?", .date(to)) }
        if let inList = query.entityIdsCondition {
            conditions.add(SQLFragment(inList, query.boundedEntityIds.map { .integer($0) }))
        }
        return SQLFragment(
            """
            SELECT *, \(dialect.jsonText("changes")) AS changes_json FROM audit \(conditions.whereClause)
            ORDER BY id DESC LIMIT ?
            """, conditions.binds + [.integer(min(max(query.limit, 1), 1000))])
    }

    /// An entry as `select` reads it.
    public static func entry(_ row: some SQLRow) throws -> AuditEntry {
        let changes = try JSONDecoder().decode([FieldChange].self, from: Data(try row.string("changes_json").utf8))
        let actor = AuditActor(
            accountId: try row.integer("actor_account_id"), name: try row.string("actor_name"),
            address: try row.text("address"))
        return AuditEntry(
            id: try row.integer("id") ?? 0, at: try row.date("at") ?? Date(),
            event: AuditEvent(
                actor: actor, action: AuditAction(rawValue: try row.string("action")) ?? .update,
                entity: try row.text("entity").flatMap(RecordKind.init(rawValue:)),
                entityId: try row.integer("entity_id"),
                summary: try row.string("summary"), changes: changes))
    }

    /// The entry appended inside the caller's transaction, so the change and its record stand or fall together.
    public static func insert(_ event: AuditEvent, at: Date, dialect: any SQLDialect) throws -> SQLFragment {
        let changes = String(decoding: try JSONEncoder().encode(event.changes), as: UTF8.self)
        return SQLFragment(
            """
            INSERT INTO audit (at, actor_account_id, actor_name, address, action, entity, entity_id, summary, changes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, \(dialect.jsonPlaceholder))
            """,
            [
                .date(at), .integer(event.actor.accountId), .text(event.actor.name), .text(event.actor.address),
                .text(event.action.rawValue), .text(event.entity?.rawValue), .integer(event.entityId),
                .text(event.summary), .text(changes),
            ])
    }
}
