import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    // MARK: Calendar feeds

    public func createCalendarFeed(
        accountId: Int64, scope: CalendarFeedScope, tokenHash: String, by actor: AuditActor
    ) async throws -> CalendarFeed {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE id = ?", arguments: [accountId]) != nil else {
                throw StoreError.notFound(entity: .account, id: accountId)
            }
            let now = Self.now()
            try db.execute(
                sql: "INSERT INTO calendar_feed (account_id, scope, token_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [accountId, scope.rawValue, tokenHash, now])
            let feed = CalendarFeed(
                id: db.lastInsertedRowID, accountId: accountId, scope: scope, createdAt: now, revokedAt: nil)
            try Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .calendarFeed, entityId: feed.id,
                    summary: "Calendar feed (\(scope.rawValue)) created"))
            return feed
        }
    }

    public func calendarFeeds(accountId: Int64) async throws -> [CalendarFeed] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM calendar_feed WHERE account_id = ? ORDER BY created_at DESC, id DESC",
                arguments: [accountId]
            ).map(CalendarFeed.init(row:))
        }
    }

    public func calendarFeed(tokenHash: String) async throws -> (feed: CalendarFeed, account: StaffAccount)? {
        try await read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT * FROM calendar_feed WHERE token_hash = ? AND revoked_at IS NULL"),
                    arguments: [tokenHash])
            else { return nil }
            let feed = CalendarFeed(row: row)
            guard let account = try Self.loadAccount(db, id: feed.accountId), !account.disabled else { return nil }
            return (feed, account)
        }
    }
}
