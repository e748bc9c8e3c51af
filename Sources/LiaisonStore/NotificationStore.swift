import Foundation
import LiaisonCore

/// The staff inbox's statements, stated once for both engines. An entry with a `once_key` is made at most
/// once, however often (and by however many servers) it is asked for.
public enum NotificationRows {
    public static let maxLimit = 200

    public static func select(accountId: Int64, unreadOnly: Bool, limit: Int) -> SQLFragment {
        SQLFragment(
            """
            SELECT * FROM notification WHERE account_id = ?\(unreadOnly ? " AND read_at IS NULL" : "")
            ORDER BY id DESC LIMIT ?
            """, [.integer(accountId), .integer(min(max(limit, 1), maxLimit))])
    }

    public static func notification(_ row: some SQLRow) throws -> StaffNotification {
        StaffNotification(
            id: try row.integer("id") ?? 0, accountId: try row.integer("account_id") ?? 0,
            reason: NotificationReason(rawValue: try row.string("reason")) ?? .mentioned,
            subject: RecordKind(rawValue: try row.string("subject")) ?? .followUp,
            subjectId: try row.integer("subject_id") ?? 0, title: try row.string("title"),
            actorAccountId: try row.integer("actor_account_id"), createdAt: try row.date("created_at") ?? Date(),
            readAt: try row.date("read_at"))
    }

    /// One entry; with `onceKey`, none when an entry with that key exists.
    public static func insert(
        accountId: Int64, reason: NotificationReason, subject: RecordKind, subjectId: Int64, title: String,
        actorAccountId: Int64?, onceKey: String?, now: Date
    ) -> SQLFragment {
        SQLFragment(
            """
            INSERT INTO notification (account_id, reason, subject, subject_id, title, actor_account_id, created_at,
                once_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (once_key) DO NOTHING
            """,
            [
                .integer(accountId), .text(reason.rawValue), .text(subject.rawValue), .integer(subjectId),
                .text(title), .integer(actorAccountId), .date(now), .text(onceKey),
            ])
    }

    /// The key that makes an assignment notify its assignee once, however often the follow-up is saved.
    public static func assignedKey(followUp id: Int64, assignee: Int64) -> String { "assigned:\(id):\(assignee)" }

    /// The entry telling the follow-up's assignee it is theirs, unless they assigned it themselves or it is
    /// closed; once per assignee.
    public static func assignment(of followUp: FollowUp, by actor: AuditActor) -> SQLFragment? {
        guard let assignee = followUp.input.assigneeAccountId, assignee != actor.accountId,
            !followUp.input.status.isClosed
        else { return nil }
        return insert(
            accountId: assignee, reason: .followUpAssigned, subject: .followUp, subjectId: followUp.id,
            title: followUp.input.title, actorAccountId: actor.accountId,
            onceKey: assignedKey(followUp: followUp.id, assignee: assignee), now: .storedNow())
    }

    /// A reminder for each of the account's follow-ups still to do and due before `today`, once per
    /// follow-up and assignee: one statement, however many there are.
    public static func remindOverdue(accountId: Int64, today: String, now: Date) -> SQLFragment {
        SQLFragment(
            """
            INSERT INTO notification (account_id, reason, subject, subject_id, title, actor_account_id, created_at,
                once_key)
            SELECT f.assignee_account_id, 'follow_up_overdue', 'follow_up', f.id, f.title, NULL, ?,
                'overdue:' || f.id || ':' || f.assignee_account_id
            FROM follow_up f
            WHERE f.assignee_account_id = ? AND f.status IN ('open', 'waiting') AND f.due_date < ?
            ON CONFLICT (once_key) DO NOTHING
            """, [.date(now), .integer(accountId), .text(today)])
    }

    public static func unreadCount(accountId: Int64) -> SQLFragment {
        SQLFragment(
            "SELECT count(*) AS n FROM notification WHERE account_id = ? AND read_at IS NULL", [.integer(accountId)])
    }

    /// Marks read the account's entry `id`, or all its unread entries when `id` is nil.
    public static func markRead(accountId: Int64, id: Int64?, now: Date) -> SQLFragment {
        SQLFragment(
            "UPDATE notification SET read_at = ? WHERE account_id = ? AND read_at IS NULL"
                + (id == nil ? "" : " AND id = ?"),
            [.date(now), .integer(accountId)] + (id.map { [.integer($0)] } ?? []))
    }
}

extension LiaisonStore {
    /// The account's inbox, newest first.
    public func notifications(accountId: Int64, unreadOnly: Bool = false, limit: Int = 100) async throws
        -> [StaffNotification]
    {
        try await fetch(NotificationRows.select(accountId: accountId, unreadOnly: unreadOnly, limit: limit)) {
            try NotificationRows.notification($0)
        }
    }

    /// The account's entry `id`, or nil when it has none (another's entry included).
    public func notification(id: Int64, accountId: Int64) async throws -> StaffNotification? {
        try await fetch(
            SQLFragment(
                "SELECT * FROM notification WHERE id = ? AND account_id = ?", [.integer(id), .integer(accountId)])
        ) { try NotificationRows.notification($0) }.first
    }

    /// One indexed count: the page header shows it on every page.
    public func unreadNotificationCount(accountId: Int64) async throws -> Int {
        try await count(NotificationRows.unreadCount(accountId: accountId))
    }

    /// Marks the account's entry `id` read, or all of them when `id` is nil; another's entries stay as they are.
    public func markNotificationsRead(accountId: Int64, id: Int64? = nil) async throws {
        try await execute([NotificationRows.markRead(accountId: accountId, id: id, now: .storedNow())])
    }

    /// Marks the account's entries `ids` read, in one transaction; another's entries stay as they are.
    public func markNotificationsRead(accountId: Int64, ids: [Int64]) async throws {
        let now = Date.storedNow()
        try await execute(ids.map { NotificationRows.markRead(accountId: accountId, id: $0, now: now) })
    }

    /// Puts in the account's inbox a reminder of each follow-up of theirs overdue on `today` that has had none.
    public func remindOverdueFollowUps(accountId: Int64, today: String) async throws {
        try await execute([NotificationRows.remindOverdue(accountId: accountId, today: today, now: .storedNow())])
    }
}
