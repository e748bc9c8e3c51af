import Foundation
import LiaisonCore
import LiaisonStore

/// Calendar feeds' rows.
enum ActivityRows {
    /// A feed from a row whose id and creation time are in the columns named.
    static func feed(row: Row, id: String, createdAt: String) throws -> CalendarFeed {
        CalendarFeed(
            id: try row[id], accountId: try row["account_id"],
            scope: CalendarFeedScope(rawValue: try row["scope"]) ?? .mine, createdAt: try row[createdAt],
            revokedAt: try row["revoked_at"])
    }
}
