import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

extension CalendarFeed {
    init(row: Row) {
        self.init(
            id: row["id"], accountId: row["account_id"], scope: CalendarFeedScope(rawValue: row["scope"]) ?? .mine,
            createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
