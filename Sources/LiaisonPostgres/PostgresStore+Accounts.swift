import Foundation
import LiaisonCore
import LiaisonStore

extension PostgresStore {
    public func createAccount(_ input: StaffAccountInput, passwordHash: String, by actor: AuditActor) async throws
        -> StaffAccount
    {
        do {
            return try await write { db in
                if try await db.value(Bool.self, "SELECT true FROM account WHERE email = ?", input.email) != nil {
                    throw Self.emailTaken(input.email)
                }
                let now = Self.now()
                let id = try await db.value(
                    Int64.self,
                    """
                    INSERT INTO account (email, name, role, password_hash, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                    """, input.email, input.name, input.role.rawValue, passwordHash, now, now)!
                let account = try await Self.loadAccount(db, id: id)!
                try await Self.appendAudit(
                    db,
                    AuditEvent(
                        actor: actor, action: .create, entity: .account, entityId: account.id,
                        summary: "\(account.name) <\(account.email)>", changes: AuditDiff.changes(from: nil, to: input))
                )
                return account
            }
        } catch  where Self.sqlState(error) == "23505" {
            // Another server created the same address between the check and the insert.
            throw Self.emailTaken(input.email)
        }
    }

    private static func emailTaken(_ email: String) -> LiaisonCore.ValidationError {
        ValidationError(field: "email", rule: "unique", message: "An account already uses \(email).")
    }

    public func account(id: Int64) async throws -> StaffAccount? {
        try await read { db in try await Self.loadAccount(db, id: id) }
    }

    public func credentials(email: String) async throws -> StaffCredentials? {
        try await read { db in
            try await db.row("SELECT * FROM account WHERE email = ?", email.lowercased()).map(Self.credentials(row:))
        }
    }

    public func credentials(accountId: Int64) async throws -> StaffCredentials? {
        try await read { db in
            try await db.row("SELECT * FROM account WHERE id = ?", accountId).map(Self.credentials(row:))
        }
    }

    // MARK: - Sessions

    public func createSession(_ session: StaffSession) async throws {
        try await write { db in
            try await db.execute(
                """
                INSERT INTO session (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at,
                    address, device)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, session.tokenHash, session.accountId, session.csrfToken, session.createdAt, session.lastSeenAt,
                session.expiresAt, session.address, session.device)
        }
    }

    public func touchSession(tokenHash: String, at: Date) async throws {
        try await read { db in
            try await db.execute("UPDATE session SET last_seen_at = ? WHERE token_hash = ?", at, tokenHash)
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await read { db in try await db.execute("DELETE FROM session WHERE token_hash = ?", tokenHash) }
    }

    public func deleteExpiredSessions(now: Date) async throws -> Int {
        try await read { db in
            let sessions = try await db.rows("DELETE FROM session WHERE expires_at <= ? RETURNING 1", now).count
            try await db.execute(
                "DELETE FROM rate_counter WHERE since < ? AND (blocked_until IS NULL OR blocked_until < ?)",
                now.addingTimeInterval(-RateLimits.retention), now)
            return sessions
        }
    }

    // MARK: - API tokens

    public func createAPIToken(_ token: NewAPIToken, by actor: AuditActor) async throws -> APIToken {
        try await write { db in
            let id = try await db.value(
                Int64.self,
                "INSERT INTO api_token (account_id, name, token_hash, can_write, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                token.accountId, token.name, token.tokenHash, token.canWrite, Self.now())!
            try await Self.appendAudit(
                db,
                AuditEvent(
                    actor: actor, action: .accountChange, entity: .apiToken, entityId: id,
                    summary: "API token \"\(token.name)\" created (\(token.canWrite ? "read-write" : "read-only"))"))
            return try await db.row("SELECT * FROM api_token WHERE id = ?", id).map(Self.token(row:))!
        }
    }

    public func apiToken(tokenHash: String) async throws -> (token: APIToken, account: StaffAccount)? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT t.id AS token_id, t.name AS token_name, t.can_write, t.created_at AS token_created_at,
                        t.last_used_at, t.revoked_at, a.*
                    FROM api_token t JOIN account a ON a.id = t.account_id
                    WHERE t.token_hash = ? AND t.revoked_at IS NULL
                    """, tokenHash)
            else { return nil }
            let account = try Self.account(row: row)
            let token = APIToken(
                id: try row["token_id"], accountId: account.id, name: try row["token_name"],
                canWrite: try row["can_write"], createdAt: try row["token_created_at"],
                lastUsedAt: try row["last_used_at"], revokedAt: try row["revoked_at"])
            return (token, account)
        }
    }

    public func touchAPIToken(id: Int64, at: Date) async throws {
        try await read { db in try await db.execute("UPDATE api_token SET last_used_at = ? WHERE id = ?", at, id) }
    }

    public func apiTokens(accountId: Int64) async throws -> [APIToken] {
        try await read { db in
            try await db.rows("SELECT * FROM api_token WHERE account_id = ? ORDER BY id DESC", accountId)
                .map(Self.token(row:))
        }
    }

    // MARK: - One-time codes

    public func useTOTPStep(accountId: Int64, step: Int64) async throws -> Bool {
        try await read { db in
            try await !db.rows(
                "INSERT INTO totp_use (account_id, step) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING 1", accountId,
                step
            ).isEmpty
        }
    }

    // MARK: - Rows

    static func loadAccount(_ db: Connection, id: Int64, lock: Bool = false) async throws -> StaffAccount? {
        try await db.row("SELECT * FROM account WHERE id = ?\(lock ? " FOR UPDATE" : "")", id).map(account(row:))
    }

    static func account(row: Row) throws -> StaffAccount { try StaffAccount(row: row) }

    private static func credentials(row: Row) throws -> StaffCredentials {
        StaffCredentials(
            account: try account(row: row), passwordHash: try row["password_hash"], totpSecret: try row["totp_secret"])
    }

    private static func token(row: Row) throws -> APIToken {
        APIToken(
            id: try row["id"], accountId: try row["account_id"], name: try row["name"], canWrite: try row["can_write"],
            createdAt: try row["created_at"], lastUsedAt: try row["last_used_at"], revokedAt: try row["revoked_at"])
    }
}
