import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension SQLiteStore {
    public func listActivities(_ query: ActivityQuery) async throws -> [ActivitySummary] {
        try await read { db in
            let filter = ActivityFilter(query, dialect: SQLiteDialect())
            return try Row.fetchAllCached(
                db,
                sql: """
                    SELECT \(ActivitySummary.columns)\(filter.extraColumns) FROM activity a
                    LEFT JOIN organization po ON po.id = a.place_organization_id \(filter.joins.sql)
                    \(filter.conditions.whereClause) ORDER BY \(filter.orderBy) LIMIT ? OFFSET ?
                    """,
                arguments: StatementArguments(filter.binds) + [query.limit, query.offset]
            ).map { ActivitySummary(row: $0, query: query) }
        }
    }

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

    public func revokeCalendarFeed(id: Int64, accountId: Int64, by actor: AuditActor) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE calendar_feed SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND account_id = ?
                    """,
                arguments: [Self.now(), id, accountId])
            guard db.changesCount > 0 else { throw StoreError.notFound(entity: .calendarFeed, id: id) }
            try Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .calendarFeed, entityId: id,
                    summary: "Calendar feed revoked"))
        }
    }
}
