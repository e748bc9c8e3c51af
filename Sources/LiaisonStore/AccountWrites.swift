import Foundation
import LiaisonCore

/// Changes to accounts as both engines run them, each in one transaction with its audit entry: an account's
/// field changed (ending what the change must end), an API token or a calendar feed revoked.
extension LiaisonStore {
    public func updateAccount(id: Int64, _ change: AccountChange, by actor: AuditActor) async throws -> StaffAccount {
        try await writing { dialect in
            StaffAccount.loading(id: id, lock: dialect.lockAgainstWriters).then { before in
                guard let before else { throw StoreError.notFound(entity: .account, id: id) }
                let (column, value, field, shown): (String, SQLBind, String, String?) =
                    switch change {
                    case .role(let role): ("role", .text(role.rawValue), "role", role.rawValue)
                    case .name(let name): ("name", .text(name), "name", name)
                    case .isDisabled(let disabled): ("disabled", .bool(disabled), "disabled", String(disabled))
                    case .passwordHash(let hash, _): ("password_hash", .text(hash), "password", "changed")
                    case .totpSecret(let secret):
                        ("totp_secret", .text(secret), "twoFactor", secret == nil ? "off" : "on")
                    case .timeZone(let zone): ("time_zone", .text(zone), "timeZone", zone)
                    }
                let now = Date.storedNow()
                var statements = [
                    SQLFragment(
                        "UPDATE account SET \(column) = ?, version = version + 1, updated_at = ? WHERE id = ?",
                        [value, .date(now), .integer(id)])
                ]
                // A disabled account or a new password ends every session at once, on every server, and with them
                // (unless the new password's owner keeps them) the tokens and feeds that would otherwise outlive it.
                switch change {
                case .isDisabled(true), .passwordHash:
                    statements.append(SQLFragment("DELETE FROM session WHERE account_id = ?", [.integer(id)]))
                default: break
                }
                if change.revokesTokensAndFeeds {
                    for table in ["api_token", "calendar_feed"] {
                        statements.append(
                            SQLFragment(
                                "UPDATE \(table) SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
                                [.date(now), .integer(id)]))
                    }
                }
                let previous: String? =
                    switch change {
                    case .role: before.role.rawValue
                    case .name: before.name
                    case .isDisabled: String(before.disabled)
                    case .passwordHash: nil
                    case .totpSecret: before.totpEnabled ? "on" : "off"
                    case .timeZone: before.timeZone
                    }
                let event = AuditEvent(
                    actor: actor, action: .accountChange, entity: .account, entityId: id,
                    summary: "\(before.name) <\(before.email)>",
                    changes: [FieldChange(field: field, before: previous, after: shown)])
                return SQLPlan<Void>.run(statements).then { AuditRows.appending(event, dialect: dialect) }.then {
                    StaffAccount.loading(id: id, lock: "")
                }.map { after in
                    guard let after else { throw StoreError.notFound(entity: .account, id: id) }
                    return after
                }
            }
        }
    }

    public func revokeAPIToken(id: Int64, accountId: Int64, by actor: AuditActor) async throws {
        try await writing { dialect in
            SQLFragment(
                "SELECT name FROM api_token WHERE id = ? AND account_id = ? \(dialect.lockAgainstWriters)",
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

extension StaffAccount {
    /// An account from a row of `SELECT * FROM account`.
    public init(row: some SQLRow) throws {
        self.init(
            id: try row.integer("id") ?? 0, email: try row.string("email"), name: try row.string("name"),
            role: StaffRole(rawValue: try row.string("role")) ?? .viewer, disabled: try row.bool("disabled") ?? false,
            totpEnabled: try row.text("totp_secret") != nil, timeZone: try row.text("time_zone"),
            version: try row.int("version") ?? 0, createdAt: try row.date("created_at") ?? Date(),
            updatedAt: try row.date("updated_at") ?? Date())
    }

    /// The account with this id (nil when there is none), read with `lock` after it ("FOR UPDATE" or none).
    public static func loading(id: Int64, lock: String) -> SQLPlan<StaffAccount?> {
        SQLFragment("SELECT * FROM account WHERE id = ? \(lock)", [.integer(id)]).rows { try StaffAccount(row: $0) }
            .map(\.first)
    }
}
