import Foundation
import LiaisonCore

/// What a signed-in page needs before its own reads, read at one moment in one go: the session with its
/// account, whether the workspace requires two-factor sign-in, and the account's unread entries.
public struct SignedIn: Sendable {
    public var session: StaffSession
    public var account: StaffAccount
    public var requireTwoFactor: Bool
    /// Counted only when asked for (pages; not the API); 0 otherwise.
    public var unreadNotifications: Int
}

/// Sessions, accounts and the workspace's settings as both engines read and write them.
extension LiaisonStore {
    public func signedIn(tokenHash: String, countingUnread: Bool) async throws -> SignedIn? {
        try await reading { dialect in
            StaffSession.reading(tokenHash: tokenHash).then { found -> SQLPlan<SignedIn?> in
                guard let found else { return .value(nil) }
                let (session, account) = found
                let unread: SQLPlan<Int> =
                    countingUnread
                    ? NotificationRows.unreadCount(accountId: account.id).rows { Int(try $0.integer(at: 0) ?? 0) }
                        .map { $0.first ?? 0 }
                    : .value(0)
                return WorkspaceSettings.reading(lock: "").then { settings in
                    unread.map {
                        SignedIn(
                            session: session, account: account, requireTwoFactor: settings.requireTwoFactor,
                            unreadNotifications: $0)
                    }
                }
            }
        }
    }

    public func session(tokenHash: String) async throws -> (session: StaffSession, account: StaffAccount)? {
        try await reading { _ in StaffSession.reading(tokenHash: tokenHash) }
    }

    public func sessions(accountId: Int64) async throws -> [StaffSession] {
        try await fetch(
            SQLFragment(
                "SELECT * FROM session WHERE account_id = ? ORDER BY last_seen_at DESC, created_at DESC",
                [.integer(accountId)])
        ) { try StaffSession(row: $0, createdAt: "created_at") }
    }

    public func accounts() async throws -> [StaffAccount] {
        try await reading { StaffAccount.listing(dialect: $0) }
    }

    public func workspaceSettings() async throws -> WorkspaceSettings {
        try await reading { _ in WorkspaceSettings.reading(lock: "") }
    }

    public func updateWorkspaceSettings(_ settings: WorkspaceSettings, by actor: AuditActor) async throws {
        try await writing { dialect in
            WorkspaceSettings.reading(lock: dialect.lockAgainstWriters).then { before in
                SQLPlan<Void>.run([
                    SQLFragment(
                        "UPDATE workspace_setting SET require_two_factor = ?, currency = ?",
                        [.bool(settings.requireTwoFactor), .text(settings.currency)])
                ]).then { _ -> SQLPlan<Void> in
                    let changes = AuditDiff.changes(from: before, to: settings)
                    guard !changes.isEmpty else { return .value(()) }
                    return AuditRows.appending(
                        AuditEvent(
                            actor: actor, action: .update, entity: .settings, summary: "Workspace settings",
                            changes: changes), dialect: dialect)
                }
            }
        }
    }
}

extension StaffSession {
    /// A session from a row of `session`, its creation time in the column `createdAt`.
    public init(row: some SQLRow, createdAt: String) throws {
        self.init(
            tokenHash: try row.string("token_hash"), accountId: try row.integer("account_id") ?? 0,
            csrfToken: try row.string("csrf_token"), createdAt: try row.date(createdAt) ?? Date(),
            lastSeenAt: try row.date("last_seen_at") ?? Date(), expiresAt: try row.date("expires_at") ?? Date(),
            address: try row.text("address"), device: try row.text("device"))
    }

    /// The session of this token with its account, in one statement.
    static func reading(tokenHash: String) -> SQLPlan<(StaffSession, StaffAccount)?> {
        SQLFragment(
            """
            SELECT s.token_hash, s.account_id, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at,
                s.expires_at, s.address, s.device, a.*
            FROM session s JOIN account a ON a.id = s.account_id WHERE s.token_hash = ?
            """, [.text(tokenHash)]
        ).rows { (try StaffSession(row: $0, createdAt: "session_created_at"), try StaffAccount(row: $0)) }.map(\.first)
    }
}

extension StaffAccount {
    /// Every account, by name whatever its case, then by id.
    public static func listing(dialect: any SQLDialect) -> SQLPlan<[StaffAccount]> {
        SQLFragment("SELECT * FROM account ORDER BY \(dialect.ignoringCase("name")), id").rows {
            try StaffAccount(row: $0)
        }
    }
}

extension WorkspaceSettings {
    /// The settings (the standard ones when none were ever written), read with `lock` after the statement.
    public static func reading(lock: String) -> SQLPlan<WorkspaceSettings> {
        SQLFragment("SELECT require_two_factor, currency FROM workspace_setting \(lock)").rows {
            WorkspaceSettings(requireTwoFactor: try $0.bool(at: 0) ?? false, currency: try $0.text(at: 1) ?? "")
        }.map { $0.first ?? WorkspaceSettings() }
    }
}
