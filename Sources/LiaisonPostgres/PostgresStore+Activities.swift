import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    // MARK: Calendar feeds

    public func createCalendarFeed(
        accountId: Int64, scope: CalendarFeedScope, tokenHash: String, by actor: AuditActor
    ) async throws -> CalendarFeed {
        try await write { db in
            guard try await db.value(Int64.self, "SELECT id FROM account WHERE id = ?", accountId) != nil else {
                throw StoreError.notFound(entity: .account, id: accountId)
            }
            let now = Self.now()
            let id = try await db.value(
                Int64.self,
                "INSERT INTO calendar_feed (account_id, scope, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                accountId, scope.rawValue, tokenHash, now)!
            try await Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .calendarFeed, entityId: id,
                    summary: "Calendar feed (\(scope.rawValue)) created"))
            return CalendarFeed(id: id, accountId: accountId, scope: scope, createdAt: now, revokedAt: nil)
        }
    }

    public func calendarFeeds(accountId: Int64) async throws -> [CalendarFeed] {
        try await read { db in
            try await db.rows(
                "SELECT * FROM calendar_feed WHERE account_id = ? ORDER BY created_at DESC, id DESC", accountId
            ).map { try ActivityRows.feed(row: $0, id: "id", createdAt: "created_at") }
        }
    }

    public func calendarFeed(tokenHash: String) async throws -> (feed: CalendarFeed, account: StaffAccount)? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT f.id AS feed_id, f.account_id, f.scope, f.created_at AS feed_created_at, f.revoked_at, a.*
                    FROM calendar_feed f JOIN account a ON a.id = f.account_id
                    WHERE f.token_hash = ? AND f.revoked_at IS NULL AND NOT a.disabled
                    """, tokenHash)
            else { return nil }
            let account = try Self.account(row: row)
            return (try ActivityRows.feed(row: row, id: "feed_id", createdAt: "feed_created_at"), account)
        }
    }
}
