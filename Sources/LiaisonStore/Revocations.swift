import Foundation
import LiaisonCore

/// Revoking an API token or a calendar feed, as both engines run it: the row is checked to be the account's
/// (and kept from other writers), stamped, and the revocation audited, in one transaction.
extension LiaisonStore {
    public func revokeAPIToken(id: Int64, accountId: Int64, by actor: AuditActor) async throws {
        try await writing { dialect in
            SQLFragment(
                "SELECT name FROM api_token WHERE id = ? AND account_id = ? \(dialect.lockForUpdate)",
                [.integer(id), .integer(accountId)]
            ).rows { try $0.text(at: 0) ?? "" }.then { names in
                guard let name = names.first else { throw StoreError.notFound(entity: .apiToken, id: id) }
                return SQLPlan<Void>.run([
                    SQLFragment(
                        "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                        [.date(.storedNow()), .integer(id)])
                ]).then {
                    AuditRows.appending(
                        AuditEvent(
                            actor: actor, action: .accountChange, entity: .apiToken, entityId: id,
                            summary: "API token \"\(name)\" revoked"), dialect: dialect)
                }
            }
        }
    }

    public func revokeCalendarFeed(id: Int64, accountId: Int64, by actor: AuditActor) async throws {
        try await writing { dialect in
            SQLFragment(
                """
                UPDATE calendar_feed SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND account_id = ?
                RETURNING id
                """, [.date(.storedNow()), .integer(id), .integer(accountId)]
            ).rows { try $0.integer(at: 0) ?? 0 }.then { revoked in
                guard !revoked.isEmpty else { throw StoreError.notFound(entity: .calendarFeed, id: id) }
                return AuditRows.appending(
                    AuditEvent(
                        actor: actor, action: .accountChange, entity: .calendarFeed, entityId: id,
                        summary: "Calendar feed revoked"), dialect: dialect)
            }
        }
    }
}
